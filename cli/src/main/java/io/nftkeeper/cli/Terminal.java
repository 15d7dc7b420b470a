package io.nftkeeper.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stdout or stderr is a terminal. Java 17 can only tell that stdin and stdout both are ({@code
 * System.console()}); a report redirected to a file must still show progress on the terminal, so this asks Linux
 * where the descriptor points.
 */
public final class Terminal {

    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    private Terminal() {}

    public static boolean isTerminal(int fd) {
        try {
            String target =
                    Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** For {@code --progress}: auto means when {@code fd} is a terminal. */
    public static boolean wanted(When when, int fd) {
        return switch (when) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> isTerminal(fd);
        };
    }

    /** For {@code --color}: auto also respects {@code NO_COLOR} in the environment (no-color.org). */
    public static boolean useColor(When when, int fd) {
        return wanted(when, fd) && (when != When.AUTO || System.getenv("NO_COLOR") == null);
    }

    /** Values of {@code --color} and {@code --progress}. */
    public enum When {
        AUTO,
        ALWAYS,
        NEVER
    }
}
