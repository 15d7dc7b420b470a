package io.nftkeeper.framework.diag;

import io.nftkeeper.framework.path.Path;

import java.util.Objects;

/** One message for the user; {@code path} is null when it concerns no particular attribute. */
public record Diagnostic(Severity severity, String summary, String detail, Path path) {

    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        detail = detail == null ? "" : detail;
    }

    @Override
    public String toString() {
        return severity + (path == null ? "" : " at " + path) + ": " + summary + (detail.isEmpty() ? "" : " — " + detail);
    }
}
