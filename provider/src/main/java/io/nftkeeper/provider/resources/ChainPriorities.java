package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Priority;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A base chain's priority as users write it and nft lists it: {@code -300}, {@code filter}, {@code filter + 10},
 * {@code mangle - 5}. nft 1.0.6 lists a number that matches a named priority by the name, so two spellings are the
 * same priority when their numbers are equal; the numbers are nft's (netfilter's) fixed table, which differs for the
 * bridge family.
 */
public final class ChainPriorities {

    private static final Pattern SYNTAX = Pattern.compile("^(?:(-?\\d{1,10})|([a-z]+)(?:\\s*([+-])\\s*(\\d{1,10}))?)$");

    private static final Map<String, Integer> STANDARD =
            Map.of("raw", -300, "mangle", -150, "dstnat", -100, "filter", 0, "security", 50, "srcnat", 100);
    private static final Map<String, Integer> BRIDGE =
            Map.of("dstnat", -300, "filter", -200, "out", 100, "srcnat", 300);

    private ChainPriorities() {}

    /** The protocol's priority for {@code text}, or empty when it is not a number nor a known name with offset. */
    public static Optional<Priority> parse(String text) {
        Matcher m = SYNTAX.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            if (m.group(1) != null) {
                return Optional.of(Priority.of(Integer.parseInt(m.group(1))));
            }
            if (!Priority.NAMES.contains(m.group(2))) {
                return Optional.empty();
            }
            int offset = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            return Optional.of(Priority.named(m.group(2), "-".equals(m.group(3)) ? -offset : offset));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Why {@code text} is not a priority, for diagnostics. */
    public static String syntaxHelp(String text) {
        return "\"" + text + "\" is not a priority: use a number (\"-300\") or one of "
                + String.join(", ", new TreeSet<>(Priority.NAMES))
                + " with an optional offset (\"filter + 10\", \"mangle - 5\").";
    }

    /** The number nft uses for {@code text} in {@code family}; empty when unparseable or the name is unknown there. */
    public static OptionalInt value(Family family, String text) {
        Optional<Priority> priority = parse(text);
        if (priority.isEmpty()) {
            return OptionalInt.empty();
        }
        Priority p = priority.get();
        if (p.name() == null) {
            return OptionalInt.of(p.offset());
        }
        Integer base = (family == Family.BRIDGE ? BRIDGE : STANDARD).get(p.name());
        return base == null ? OptionalInt.empty() : OptionalInt.of(base + p.offset());
    }

    /** Whether two spellings mean the same priority in {@code family}; unknown spellings are only equal to themselves. */
    public static boolean same(Family family, String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        OptionalInt x = value(family, a);
        OptionalInt y = value(family, b);
        return x.isPresent() && y.isPresent() && x.getAsInt() == y.getAsInt();
    }
}
