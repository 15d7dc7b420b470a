package io.nftkeeper.cli.drift;

import java.util.Locale;

/** A host's verdict; also the exit code of a whole run (the worst host wins: error over drift over clean). */
public enum HostStatus {
    CLEAN(0),
    DRIFTED(2),
    ERROR(1);

    private final int exitCode;

    HostStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** How reports spell it: {@code clean}, {@code drifted}, {@code error}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
