package io.nftkeeper.framework.schema;

import io.nftkeeper.framework.types.MapType;
import io.nftkeeper.framework.types.SetType;
import io.nftkeeper.framework.types.Value;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The validators most attributes need. */
public final class Validators {
    private Validators() {}

    /** The string must be one of {@code allowed}. */
    public static Validator oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return (path, value, diagnostics) -> {
            if (!values.contains(value.asString())) {
                diagnostics.addAttributeError(
                        path,
                        "Invalid value",
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

    /**
     * The number is whole and lies between {@code min} and {@code max}, both inclusive: whole bounds mean a count, a
     * size or a port, which read as a long would fail on a fraction.
     */
    public static Validator between(long min, long max) {
        Validator whole = wholeNumber();
        return (path, value, diagnostics) -> {
            BigDecimal n = value.asNumber();
            if (!isWhole(n)) {
                whole.validate(path, value, diagnostics);
            } else if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
                diagnostics.addAttributeError(
                        path,
                        "Value out of range",
                        "must be between " + min + " and " + max + ", got " + n.toPlainString() + ".");
            }
        };
    }

    /** The number lies between {@code min} and {@code max}, both inclusive; any precision. */
    public static Validator between(BigDecimal min, BigDecimal max) {
        return (path, value, diagnostics) -> {
            BigDecimal n = value.asNumber();
            if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
                diagnostics.addAttributeError(
                        path,
                        "Value out of range",
                        "must be between " + min.toPlainString() + " and " + max.toPlainString() + ", got "
                                + n.toPlainString() + ".");
            }
        };
    }

    /** The number is at least {@code min}. */
    public static Validator atLeast(long min) {
        return (path, value, diagnostics) -> {
            if (value.asNumber().compareTo(BigDecimal.valueOf(min)) < 0) {
                diagnostics.addAttributeError(
                        path,
                        "Value out of range",
                        "must be at least " + min + ", got " + value.asNumber().toPlainString() + ".");
            }
        };
    }

    /** The number has no fractional part. */
    public static Validator wholeNumber() {
        return (path, value, diagnostics) -> {
            BigDecimal n = value.asNumber();
            if (!isWhole(n)) {
                diagnostics.addAttributeError(
                        path, "Not a whole number", "must be a whole number, got " + n.toPlainString() + ".");
            }
        };
    }

    private static boolean isWhole(BigDecimal n) {
        return n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
    }

    /** A list, set or map has between {@code min} and {@code max} elements, both inclusive. */
    public static Validator sizeBetween(int min, int max) {
        return (path, value, diagnostics) -> {
            int size = sizeOf(value);
            if (size < min || size > max) {
                diagnostics.addAttributeError(
                        path,
                        "Invalid number of elements",
                        "must have " + min + " to " + max + " elements, got " + size + ".");
            }
        };
    }

    /** Every element of a list, set or map passes {@code element}; diagnostics point at the element. */
    public static Validator eachElement(Validator element) {
        return (path, value, diagnostics) -> {
            if (value.type() instanceof MapType) {
                value.asMap().forEach((k, v) -> {
                    if (v.isKnown() && !v.isNull()) {
                        element.validate(path.atKey(k), v, diagnostics);
                    }
                });
            } else {
                Collection<Value> elements = value.type() instanceof SetType ? value.asSet() : value.asList();
                int i = 0;
                for (Value v : elements) {
                    if (v.isKnown() && !v.isNull()) {
                        // set elements have no index Terraform could show; report on the set itself
                        element.validate(value.type() instanceof SetType ? path : path.atIndex(i), v, diagnostics);
                    }
                    i++;
                }
            }
        };
    }

    private static int sizeOf(Value value) {
        if (value.type() instanceof MapType) {
            return value.asMap().size();
        }
        if (value.type() instanceof SetType) {
            return value.asSet().size();
        }
        return value.asList().size();
    }
}
