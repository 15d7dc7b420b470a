package io.nftkeeper.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The gate for user text that nftkeeper renders verbatim into nft scripts (rule expressions, set element values,
 * {@code typeof} expressions, comments). Names go through {@link Identifiers}; this class covers what cannot be an
 * identifier. Text that passes stays on its own line and inside its own command: no line breaks or NUL, no
 * {@code ;} (command separator) or {@code #} (comment to end of line) outside double-quoted strings, balanced braces
 * and quotes. A backslash is nft's to judge ({@code "dummy\*"} is its escaped wildcard): nft has no escapes inside
 * strings, so a backslash never hides a quote from nft, and the quote tracking here reads the text as nft does.
 * What the text means is nft's business: {@code $(reboot)} is merely a syntax error for nft, never a shell command
 * (scripts go to libnftables as a buffer, never through a shell).
 */
public final class ScriptText {

    /** nft's own limit for rule, set and element comments (NFT_USERDATA_MAXLEN is 256, nft checks 128). */
    public static final int MAX_COMMENT_BYTES = 128;

    public static final int MAX_EXPRESSION_LENGTH = 4096;
    public static final int MAX_ELEMENT_LENGTH = 1024;

    private ScriptText() {}

    /** A rule expression such as {@code tcp dport { 22, 80 } ct state new accept}; anonymous sets allowed. */
    public static String requireExpression(String owner, String text) {
        return require(owner, "expression", text, MAX_EXPRESSION_LENGTH, true);
    }

    /**
     * One set element or map entry such as {@code 10.0.0.0/8 . 22} or {@code 10.0.0.1 : accept}. Braces and commas
     * are refused too: they would open a nested set or smuggle further elements into the same command.
     */
    public static String requireElement(String owner, String text) {
        return require(owner, "element", text, MAX_ELEMENT_LENGTH, false);
    }

    /** A {@code typeof} expression such as {@code ip saddr . tcp dport}: no braces, like an element. */
    public static String requireTypeofExpression(String owner, String text) {
        return require(owner, "typeof expression", text, MAX_EXPRESSION_LENGTH, false);
    }

    /**
     * Comments are rendered in double quotes; nft cannot escape a quote inside them, so {@code "} is refused. A
     * backslash is kept as it is, as nft does.
     */
    public static String requireComment(String owner, String comment) {
        return comment == null ? null : requireQuotedString(owner, "comment", comment, MAX_COMMENT_BYTES);
    }

    /**
     * Text nft reads between double quotes, such as a comment or a secmark's SELinux context ({@code what}): not
     * empty, at most {@code maxBytes} bytes of UTF-8, without {@code "}, which nft cannot escape (nft has no escapes
     * inside quoted strings, so a backslash is just a character there).
     */
    public static String requireQuotedString(String owner, String what, String text, int maxBytes) {
        if (text == null || text.isEmpty()) {
            throw invalid(owner, what + " must not be empty");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw invalid(owner, what + " is " + bytes + " bytes long; nft allows at most " + maxBytes);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                throw invalid(
                        owner, what + " must not contain control characters such as line breaks: " + quoted(text));
            }
            if (c == '"') {
                throw invalid(
                        owner,
                        what + " must not contain '\"' (nft cannot escape it inside a quoted " + what + "): "
                                + quoted(text));
            }
        }
        return text;
    }

    private static String require(String owner, String what, String text, int maxLength, boolean bracesAllowed) {
        if (text == null || text.isBlank()) {
            throw invalid(owner, what + " must not be empty");
        }
        if (text.length() > maxLength) {
            throw invalid(
                    owner, what + " is " + text.length() + " characters long; at most " + maxLength + " are allowed");
        }
        boolean inString = false;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                throw invalid(
                        owner,
                        what + " must not contain line breaks, NUL or other control characters: " + quoted(text));
            }
            if (c == '"') {
                inString = !inString;
                continue;
            }
            if (inString) {
                continue;
            }
            switch (c) {
                case ';' ->
                    throw invalid(
                            owner,
                            what + " must not contain ';' outside double quotes (it would end "
                                    + "this nft command and start another): " + quoted(text));
                case '#' ->
                    throw invalid(
                            owner,
                            what + " must not contain '#' outside double quotes (nft would "
                                    + "ignore the rest of the line): " + quoted(text));
                case '{', '}', ',' -> {
                    if (!bracesAllowed) {
                        throw invalid(
                                owner, what + " must not contain '" + c + "' outside double quotes: " + quoted(text));
                    }
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                    if (depth < 0) {
                        throw invalid(owner, what + " closes a '}' that was never opened: " + quoted(text));
                    }
                }
                default -> {
                    // any other character is nft's to judge
                }
            }
        }
        if (inString) {
            throw invalid(owner, what + " has an unterminated double-quoted string: " + quoted(text));
        }
        if (depth != 0) {
            throw invalid(owner, what + " has " + depth + " unclosed '{': " + quoted(text));
        }
        return text;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }

    /** Escapes control characters so hostile text cannot forge extra lines in logs or messages. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }

    private static InvalidObjectDefinitionException invalid(String owner, String problem) {
        return new InvalidObjectDefinitionException(owner + ": " + problem);
    }
}
