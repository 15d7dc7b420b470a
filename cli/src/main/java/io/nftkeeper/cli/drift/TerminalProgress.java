package io.nftkeeper.cli.drift;

import io.nftkeeper.cli.Counted;
import java.io.PrintStream;

/** One self-overwriting line on a terminal: how many hosts are done and how they fared so far. */
public final class TerminalProgress implements Progress {

    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintStream terminal;
    private int clean;
    private int drifted;
    private int errors;

    public TerminalProgress(PrintStream terminal) {
        this.terminal = terminal;
    }

    @Override
    public synchronized void finished(HostOutcome outcome, int done, int total) {
        switch (outcome.status()) {
            case CLEAN -> clean++;
            case DRIFTED -> drifted++;
            case ERROR -> errors++;
        }
        terminal.print(CLEAR_LINE + "checking " + Counted.of(total, "host") + ": " + done + " done (" + clean
                + " clean, " + drifted + " drifted, " + Counted.of(errors, "error") + "), " + (total - done) + " left");
        terminal.flush();
    }

    /** Removes the line so the report starts on a clean one. */
    public synchronized void clear() {
        terminal.print(CLEAR_LINE);
        terminal.flush();
    }
}
