package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Value;
import java.util.Map;

class SecmarkLifecycleTest extends NamedObjectLifecycleTest {

    @Override
    Resource newResource() {
        return new SecmarkResource();
    }

    @Override
    String kind() {
        return "secmark";
    }

    @Override
    String name() {
        return "ssh_server";
    }

    @Override
    Map<String, Value> first() {
        return Map.of("context", string("system_u:object_r:ssh_server_packet_t:s0"));
    }

    @Override
    Map<String, Value> second() {
        return Map.of("context", string("system_u:object_r:http_server_packet_t:s0"));
    }

    @Override
    Path replacedBy() {
        return Path.root("context");
    }

    @Override
    String firstBody() {
        return new io.nftkeeper.protocol.Secmark(TABLE, "ssh_server", "system_u:object_r:ssh_server_packet_t:s0")
                .body();
    }

    @Override
    String secondBody() {
        return new io.nftkeeper.protocol.Secmark(TABLE, "ssh_server", "system_u:object_r:http_server_packet_t:s0")
                .body();
    }
}
