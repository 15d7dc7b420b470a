package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Value;
import java.util.Map;

class CtHelperLifecycleTest extends NamedObjectLifecycleTest {

    @Override
    Resource newResource() {
        return new CtHelperResource();
    }

    @Override
    String kind() {
        return "ct helper";
    }

    @Override
    String name() {
        return "ftp-standard";
    }

    @Override
    Map<String, Value> first() {
        return Map.of("type", string("ftp"), "protocol", string("tcp"), "l3proto", string("inet"));
    }

    @Override
    Map<String, Value> second() {
        return Map.of("type", string("tftp"), "protocol", string("udp"), "l3proto", string("inet"));
    }

    @Override
    Path replacedBy() {
        return Path.root("type");
    }

    @Override
    String firstBody() {
        return "{ type \"ftp\" protocol tcp; l3proto inet; }";
    }

    @Override
    String secondBody() {
        return "{ type \"tftp\" protocol udp; l3proto inet; }";
    }
}
