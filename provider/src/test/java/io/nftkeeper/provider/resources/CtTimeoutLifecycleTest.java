package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.CtTimeout;
import java.util.Map;

class CtTimeoutLifecycleTest extends NamedObjectLifecycleTest {

    @Override
    Resource newResource() {
        return new CtTimeoutResource();
    }

    @Override
    String kind() {
        return "ct timeout";
    }

    @Override
    String name() {
        return "tcp-short";
    }

    private static Map<String, Value> timeout(long established) {
        return Map.of(
                "protocol",
                string("tcp"),
                "l3proto",
                string("ip"),
                "policy",
                Value.map(Type.NUMBER, Map.of("established", number(established))));
    }

    @Override
    Map<String, Value> first() {
        return timeout(120);
    }

    @Override
    Map<String, Value> second() {
        return timeout(300);
    }

    @Override
    Path replacedBy() {
        return Path.root("policy");
    }

    @Override
    String firstBody() {
        return new CtTimeout(TABLE, name(), "tcp", "ip", Map.of("established", 120L)).body();
    }

    @Override
    String secondBody() {
        return new CtTimeout(TABLE, name(), "tcp", "ip", Map.of("established", 300L)).body();
    }
}
