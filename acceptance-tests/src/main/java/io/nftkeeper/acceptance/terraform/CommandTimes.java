package io.nftkeeper.acceptance.terraform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One line per terraform command in {@code target/terraform-commands.tsv} (test class, subcommand, exit code,
 * milliseconds), appended by every test JVM: where the acceptance stage spends its time, to keep it short.
 */
final class CommandTimes {
    private static final Path LOG = Path.of("target", "terraform-commands.tsv");

    private CommandTimes() {}

    static void record(String subcommand, int exitCode, Duration took) {
        if (!Files.isDirectory(LOG.getParent())) {
            return;
        }
        String line = testClass() + "\t" + subcommand + "\t" + exitCode + "\t" + took.toMillis() + "\n";
        try {
            // one short append per line: lines of the test JVMs do not interleave
            Files.writeString(LOG, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not record a terraform command's time: " + e.getMessage());
        }
    }

    private static String testClass() {
        return StackWalker.getInstance()
                .walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                        .filter(name -> name.endsWith("IT") || name.contains("IT$"))
                        .map(name -> name.substring(name.lastIndexOf('.') + 1).replaceFirst("\\$.*", ""))
                        .findFirst()
                        .orElse("?"));
    }
}
