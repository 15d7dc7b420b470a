package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.PackedElements;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PassedElementChecksTest {

    private static final NftSet SET = NftSet.builder(new TableRef(Family.INET, "web"), "allowed")
            .type("ipv4_addr")
            .build();
    private static final ElementsResult PASSED =
            new ElementsResult(false, 0, null, false, 2, 0, List.of("10.0.0.1"), List.of(), null, null, null);
    private static final ElementsResult REFUSED =
            new ElementsResult(false, 0, null, false, 0, 0, null, null, 1, "Could not resolve hostname", null);

    private final List<ElementsParams> asked = new ArrayList<>();
    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final PassedElementChecks checks = new PassedElementChecks(Duration.ofMinutes(30), 2, new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void theSameCheckTheHostPassedIsAnsweredAgainWithoutAsking() {
        assertThat(checks.check("web1", check("10.0.0.1", "10.0.0.2"), "sha256:aa", answering(PASSED)))
                .isEqualTo(PASSED);
        assertThat(checks.check("web1", check("10.0.0.1", "10.0.0.2"), "sha256:aa", answering(PASSED)))
                .isEqualTo(PASSED);

        assertThat(asked).hasSize(1);
    }

    @Test
    void anotherHostElementsOrContextIsAskedAgain() {
        checks.check("web1", check("10.0.0.1"), "sha256:aa", answering(PASSED));
        checks.check("web2", check("10.0.0.1"), "sha256:aa", answering(PASSED));
        checks.check("web1", check("10.0.0.2"), "sha256:aa", answering(PASSED));
        checks.check("web1", check("10.0.0.1"), "sha256:bb", answering(PASSED));

        assertThat(asked).hasSize(4);
    }

    @Test
    void aRefusalIsAskedAgainAndAPassIsKeptOnlyForAWhile() {
        checks.check("web1", check("10.0.0.300"), "", answering(REFUSED));
        assertThat(checks.check("web1", check("10.0.0.300"), "", answering(REFUSED)))
                .isEqualTo(REFUSED);
        checks.check("web1", check("10.0.0.1"), "", answering(PASSED));
        now = now.plus(Duration.ofMinutes(31));
        checks.check("web1", check("10.0.0.1"), "", answering(PASSED));

        assertThat(asked).hasSize(4);
    }

    @Test
    void theLeastRecentlyUsedPassIsForgottenPastTheCapacity() {
        checks.check("web1", check("10.0.0.1"), "", answering(PASSED));
        checks.check("web1", check("10.0.0.2"), "", answering(PASSED));
        checks.check("web1", check("10.0.0.1"), "", answering(PASSED));
        checks.check("web1", check("10.0.0.3"), "", answering(PASSED));
        checks.check("web1", check("10.0.0.1"), "", answering(PASSED));
        checks.check("web1", check("10.0.0.2"), "", answering(PASSED));

        assertThat(asked).hasSize(4);
    }

    private static ElementsParams check(String... elements) {
        return new ElementsParams(
                SET, ElementsParams.Action.CHECK, PackedElements.pack(List.of(elements)), null, null, null);
    }

    private Function<ElementsParams, ElementsResult> answering(ElementsResult result) {
        return params -> {
            asked.add(params);
            return result;
        };
    }
}
