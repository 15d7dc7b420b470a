package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.CtExpectation;
import java.util.Map;

class CtExpectationLifecycleTest extends NamedObjectLifecycleTest {

    @Override
    Resource newResource() {
        return new CtExpectationResource();
    }

    @Override
    String kind() {
        return "ct expectation";
    }

    @Override
    String name() {
        return "e1";
    }

    private static Map<String, Value> expectation(long dport) {
        return Map.of(
                "protocol",
                string("tcp"),
                "dport",
                number(dport),
                "timeout",
                string("1m"),
                "size",
                number(12),
                "l3proto",
                string("ip"));
    }

    @Override
    Map<String, Value> first() {
        return expectation(22);
    }

    @Override
    Map<String, Value> second() {
        return expectation(2222);
    }

    @Override
    Path replacedBy() {
        return Path.root("dport");
    }

    @Override
    String firstBody() {
        return new CtExpectation(TABLE, name(), "tcp", 22, 60_000, 12, "ip").body();
    }

    @Override
    String secondBody() {
        return new CtExpectation(TABLE, name(), "tcp", 2222, 60_000, 12, "ip").body();
    }
}
