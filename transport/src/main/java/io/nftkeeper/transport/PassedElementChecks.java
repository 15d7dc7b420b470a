package io.nftkeeper.transport;

import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Element checks a host passed, kept by this process for a while. Terraform plans every resource again right before
 * applying it, so a set's elements (10k in a list, a million in a file) would be dry-run on the host a second time
 * within moments; a resident provider serves the plan and the apply from one process. What is kept is the host's
 * answer to the same request (host, set declaration, elements) made with the same {@code context} (for a file, the
 * host digest the state recorded, which the planned counts are relative to), so the second plan shows the same
 * change as the first. A refusal is never kept: it is asked again, and reported again.
 */
final class PassedElementChecks {

    /** The one of this process. */
    static final PassedElementChecks PROCESS = new PassedElementChecks(Duration.ofMinutes(30), 256, Clock.systemUTC());

    private record Passed(ElementsResult result, Instant at) {}

    private final Duration keep;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Passed> passed;

    PassedElementChecks(Duration keep, int capacity, Clock clock) {
        this.keep = keep;
        this.capacity = capacity;
        this.clock = clock;
        this.passed = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** The host's answer to the CHECK {@code params}: one kept from a passed check, else asked with {@code ask}. */
    ElementsResult check(
            String host, ElementsParams params, String context, Function<ElementsParams, ElementsResult> ask) {
        String key = key(host, params, context);
        synchronized (this) {
            Passed earlier = passed.get(key);
            if (earlier != null && earlier.at().plus(keep).isAfter(clock.instant())) {
                return earlier.result();
            }
        }
        ElementsResult result = ask.apply(params);
        if (result.valid()) {
            synchronized (this) {
                passed.put(key, new Passed(result, clock.instant()));
                if (passed.size() > capacity) {
                    passed.remove(passed.keySet().iterator().next());
                }
            }
        }
        return result;
    }

    private static String key(String host, ElementsParams params, String context) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {
                host,
                String.valueOf(context),
                params.action().name(),
                params.set().toString(),
                String.valueOf(params.samples()),
                String.valueOf(params.contributor()),
                params.packed()
            }) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
