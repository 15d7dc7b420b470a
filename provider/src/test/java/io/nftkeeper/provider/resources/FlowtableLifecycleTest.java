package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.Flowtable;
import java.util.List;
import java.util.Map;

class FlowtableLifecycleTest extends NamedObjectLifecycleTest {

    @Override
    Resource newResource() {
        return new FlowtableResource();
    }

    @Override
    String kind() {
        return "flowtable";
    }

    @Override
    String name() {
        return "ft";
    }

    private static Map<String, Value> flowtable(long priority) {
        return Map.of(
                "hook",
                string("ingress"),
                "priority",
                number(priority),
                "devices",
                stringSet("lo"),
                "flags",
                stringSet());
    }

    @Override
    Map<String, Value> first() {
        return flowtable(0);
    }

    @Override
    Map<String, Value> second() {
        return flowtable(10);
    }

    @Override
    Path replacedBy() {
        return Path.root("priority");
    }

    @Override
    String firstBody() {
        return new Flowtable(TABLE, name(), "ingress", 0, List.of("lo"), List.of()).body();
    }

    @Override
    String secondBody() {
        return new Flowtable(TABLE, name(), "ingress", 10, List.of("lo"), List.of()).body();
    }
}
