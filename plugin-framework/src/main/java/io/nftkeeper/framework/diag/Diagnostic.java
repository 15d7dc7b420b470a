package io.nftkeeper.framework.diag;

import io.nftkeeper.framework.path.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One message for the user; {@code path} is null when it concerns no particular attribute. */
public record Diagnostic(Severity severity, String summary, String detail, Path path) {

    public enum Severity {
        ERROR,
        WARNING
    }

    /** Control characters other than line feed and tab: a terminal would act on them (ANSI escapes, \r, \b). */
    private static final Pattern CONTROL = Pattern.compile("[[\\x00-\\x1f\\x7f-\\x9f]&&[^\n\t]]");

    /**
     * Control characters in the texts are shown as {@code \xNN} rather than passed on: messages quote what hosts
     * said (nft, sudo, sshd, the agent's stderr), and a hostile host must not drive the user's terminal.
     */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        summary = visible(summary);
        detail = detail == null ? "" : visible(detail);
    }

    private static String visible(String text) {
        return CONTROL.matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(
                        String.format("\\x%02x", (int) m.group().charAt(0))));
    }

    @Override
    public String toString() {
        return severity + (path == null ? "" : " at " + path) + ": " + summary
                + (detail.isEmpty() ? "" : " — " + detail);
    }
}
