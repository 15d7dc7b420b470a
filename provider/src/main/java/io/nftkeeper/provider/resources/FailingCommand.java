package io.nftkeeper.provider.resources;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which command of a transaction the agent blamed. For several commands the agent bisects and says
 * {@code command k of n (add rule inet web input) failed: ...}; a single command is simply the one that failed.
 */
final class FailingCommand {
    private static final Pattern BLAMED = Pattern.compile("command (\\d+) of (\\d+) \\(");

    private FailingCommand() {
    }

    /** The 0-based index of the failing command, or -1 when the agent could not name it. */
    static int index(String message, int commands) {
        Matcher m = BLAMED.matcher(message == null ? "" : message);
        if (m.find() && Integer.parseInt(m.group(2)) == commands) {
            return Integer.parseInt(m.group(1)) - 1;
        }
        return commands == 1 ? 0 : -1;
    }
}
