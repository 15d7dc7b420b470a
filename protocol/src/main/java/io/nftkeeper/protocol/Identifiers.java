package io.nftkeeper.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The only gate between user-supplied names and nft scripts: a name that passes cannot break out of its
 * position in a script (no separators, quotes, variables or whitespace).
 *
 * <p>It takes every name nft 1.0.6 takes. nft cannot quote names (a quoted name is a syntax error), so a name is one
 * of the scanner's unquoted tokens: a letter, {@code _} or {@code .} first, then letters, digits, {@code _}, {@code .},
 * {@code -} and {@code /} (kube-proxy's {@code service-ULMVA6XW-namespace1/service1/tcp/p80}); or an address token
 * ({@code 1.2.3.4}, {@code fe80::1}, a MAC address), which this gate lets through as hex digits, {@code :} and
 * {@code .} and leaves to nft to judge. Keywords ({@code counter}, {@code ip}) pass here too: nft refuses them, and
 * the plan says so.
 */
public final class Identifiers {

    /** The kernel's NFT_NAME_MAXLEN is 256 bytes including the terminating NUL. */
    public static final int MAX_LENGTH = 255;

    /** nft's unquoted string (scanner.l {@code string}); a lone {@code .} is the concatenation operator. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?!\\.$)[A-Za-z_.][A-Za-z0-9_./-]*");
    /** nft's address tokens (scanner.l {@code addrstring}), which it also reads as names: IPv4, IPv6, MAC. */
    private static final Pattern ADDRESS_TOKEN =
            Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    /** Transaction ids name files in the agent's state directory: no dots or slashes, ever. */
    private static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private Identifiers() {}

    /**
     * Checks {@code name} as the name of a {@code kind} (e.g. "table").
     *
     * @return empty when valid, else a sentence saying what is wrong
     */
    public static Optional<String> check(String kind, String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(kind + " name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of(
                    kind + " name is " + name.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        if (!IDENTIFIER.matcher(name).matches() && !ADDRESS_TOKEN.matcher(name).matches()) {
            return Optional.of(kind + " name " + quoted(name) + " is not a valid identifier: use letters, digits, "
                    + "'_', '.', '-' and '/', starting with a letter, '_' or '.' (nft 1.0.6 cannot quote names)");
        }
        return Optional.empty();
    }

    /**
     * Checks a client-generated transaction id (a UUID fits): 1 to 64 letters, digits, '_' and '-', starting with a
     * letter or digit.
     *
     * @return empty when valid, else a sentence saying what is wrong
     */
    public static Optional<String> checkTransactionId(String txId) {
        if (txId == null || !TRANSACTION_ID.matcher(txId).matches()) {
            return Optional.of("transaction id " + (txId == null ? "null" : quoted(txId)) + " is not valid: use 1 to "
                    + "64 letters, digits, '_' and '-' (a UUID fits)");
        }
        return Optional.empty();
    }

    /** Like {@link #check} but throws {@link InvalidIdentifierException}; returns the name for fluent use. */
    public static String require(String kind, String name) {
        check(kind, name).ifPresent(problem -> {
            throw new InvalidIdentifierException(problem);
        });
        return name;
    }

    // Escapes control characters so a hostile name cannot forge extra lines in logs or messages.
    private static String quoted(String name) {
        StringBuilder out = new StringBuilder("\"");
        name.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
