package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Value;
import java.util.Map;

class SynproxyLifecycleTest extends NamedObjectLifecycleTest {

    @Override
    Resource newResource() {
        return new SynproxyResource();
    }

    @Override
    String kind() {
        return "synproxy";
    }

    @Override
    String name() {
        return "www";
    }

    @Override
    Map<String, Value> first() {
        return Map.of("mss", number(1460), "wscale", number(7));
    }

    @Override
    Map<String, Value> second() {
        return Map.of("mss", number(1400), "wscale", number(5), "timestamp", Value.bool(true));
    }

    @Override
    Path replacedBy() {
        return null;
    }

    @Override
    String firstBody() {
        return new io.nftkeeper.protocol.Synproxy(TABLE, "www", 1460, 7, false, false).body();
    }

    @Override
    String secondBody() {
        return new io.nftkeeper.protocol.Synproxy(TABLE, "www", 1400, 5, true, false).body();
    }
}
