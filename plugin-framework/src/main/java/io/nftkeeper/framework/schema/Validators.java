package io.nftkeeper.framework.schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The validators most attributes need. */
public final class Validators {
    private Validators() {
    }

    /** The string must be one of {@code allowed}. */
    public static Validator oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return (path, value, diagnostics) -> {
            if (!values.contains(value.asString())) {
                diagnostics.addAttributeError(path, "Invalid value",
                        "\"" + value.asString() + "\" is not allowed here; use one of "
                                + values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ")) + ".");
            }
        };
    }

    /** The whole string must match {@code pattern}; {@code message} tells the user what is expected. */
    public static Validator regex(Pattern pattern, String message) {
        return (path, value, diagnostics) -> {
            if (!pattern.matcher(value.asString()).matches()) {
                diagnostics.addAttributeError(path, "Invalid value", "\"" + value.asString() + "\": " + message);
            }
        };
    }

    /** The string has between {@code min} and {@code max} characters, both inclusive. */
    public static Validator lengthBetween(int min, int max) {
        return (path, value, diagnostics) -> {
            int length = value.asString().codePointCount(0, value.asString().length());
            if (length < min || length > max) {
                diagnostics.addAttributeError(path, "Invalid length",
                        "must be " + min + " to " + max + " characters long, got " + length + ".");
            }
        };
    }

    /** The number lies between {@code min} and {@code max}, both inclusive. */
    public static Validator between(long min, long max) {
        return (path, value, diagnostics) -> {
            BigDecimal n = value.asNumber();
            if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
                diagnostics.addAttributeError(path, "Value out of range",
                        "must be between " + min + " and " + max + ", got " + n.toPlainString() + ".");
            }
        };
    }
}
