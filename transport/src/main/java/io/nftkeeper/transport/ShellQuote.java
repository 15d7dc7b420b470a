package io.nftkeeper.transport;

/** Quoting for the remote POSIX shell that runs exec commands. */
final class ShellQuote {

    private ShellQuote() {}

    /** One shell word with exactly this content: single-quoted, embedded single quotes spliced in. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
