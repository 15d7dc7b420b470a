package io.nftkeeper.protocol;

import java.util.Set;

/**
 * A base chain's priority: a number ({@code name} null, {@code offset} the value), or one of nft's named priorities
 * plus an offset ({@code filter + 10}). nft 1.0.6 lists numbers that match a name by the name.
 */
public record Priority(String name, int offset) {

    /** The names nft 1.0.6 understands (which ones apply depends on family and hook; nft checks that). */
    public static final Set<String> NAMES = Set.of("raw", "mangle", "dstnat", "filter", "security", "srcnat", "out");

    public Priority {
        if (name != null && !NAMES.contains(name)) {
            throw new InvalidObjectDefinitionException("priority: unknown name " + ScriptText.quoted(name)
                    + "; use a number or one of " + String.join(", ", new java.util.TreeSet<>(NAMES)));
        }
    }

    public static Priority of(int value) {
        return new Priority(null, value);
    }

    public static Priority named(String name, int offset) {
        return new Priority(name, offset);
    }

    /** E.g. {@code -100}, {@code filter}, {@code filter + 10}, {@code dstnat - 5}. */
    public String render() {
        if (name == null) {
            return Integer.toString(offset);
        }
        if (offset == 0) {
            return name;
        }
        return name + (offset > 0 ? " + " + offset : " - " + Math.negateExact(offset));
    }
}
