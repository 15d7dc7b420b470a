package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.schema.Validator;
import io.nftkeeper.framework.types.Value;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** nft durations ({@code 1d2h3m4s5ms}: at least one part, each unit once, largest first), as sets and maps use. */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?"
            + "(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    /** Refuses a {@code timeout} attribute that is not an nft duration. */
    static final Validator VALIDATOR = (path, value, diagnostics) -> {
        if (millis(value.asString()).isEmpty()) {
            diagnostics.addAttributeError(path, "Invalid timeout", syntaxHelp(value.asString()));
        }
    };

    private Durations() {
    }

    static Optional<Long> millis(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip());
        if (text == null || text.isBlank() || !m.matches()) {
            return Optional.empty();
        }
        long total = 0;
        for (int i = 0; i < UNIT_MS.length; i++) {
            if (m.group(i + 1) != null) {
                total += Long.parseLong(m.group(i + 1)) * UNIT_MS[i];
            }
        }
        return total > 0 ? Optional.of(total) : Optional.empty();
    }

    /** {@code ms} in nft's spelling, largest units first: {@code 90000} → {@code 1m30s}. */
    static String text(long ms) {
        StringBuilder out = new StringBuilder();
        long rest = ms;
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < UNIT_MS.length; i++) {
            if (rest >= UNIT_MS[i]) {
                out.append(rest / UNIT_MS[i]).append(units[i]);
                rest %= UNIT_MS[i];
            }
        }
        return out.length() == 0 ? "0s" : out.toString();
    }

    static String syntaxHelp(String text) {
        return "\"" + text + "\" is not an nft duration: write e.g. `30s`, `10m`, `1h30m` or `2d` (units d, h, "
                + "m, s, ms, largest first).";
    }

    /**
     * Plans the {@code timeout} attribute of an existing object: another spelling of the same duration keeps the
     * prior spelling (no diff); a different duration cannot change in place, so it replaces the object.
     */
    static Value planTimeout(Value plan, Value prior, ModifyPlanResponse resp) {
        Value before = prior.get("timeout");
        Value after = plan.get("timeout");
        if (!after.isKnown() || before.equals(after)) {
            return plan;
        }
        if (!before.isNull() && !after.isNull() && millis(before.asString()).equals(millis(after.asString()))) {
            return plan.with("timeout", before);
        }
        resp.requiresReplace(Path.root("timeout"));
        return plan;
    }
}
