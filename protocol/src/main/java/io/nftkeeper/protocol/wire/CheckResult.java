package io.nftkeeper.protocol.wire;

/**
 * {@code ok} is always true (a rejected transaction is an error response). {@code limits} says what a dry run
 * cannot see, so that callers do not mistake a passed check for a guaranteed apply.
 */
public record CheckResult(boolean ok, String limits) {

    public static final String LIMITS = "commit-time checks (e.g. masquerade outside a nat chain, jump loops) are "
            + "not checkable before apply: the kernel runs them only when committing, and a dry run never commits";

    public static CheckResult passed() {
        return new CheckResult(true, LIMITS);
    }
}
