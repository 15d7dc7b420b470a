package io.nftkeeper.acceptance.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Times a step of a scale test and writes it to stderr with the load average: this machine is often busy. */
final class WallTime {

    private WallTime() {}

    static <T> T timed(String test, String what, Supplier<T> step) {
        long start = System.nanoTime();
        T result = step.get();
        System.err.printf(
                "%s: %s took %.1f s (load average %s)%n",
                test, what, Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0, loadAverage());
        return result;
    }

    private static String loadAverage() {
        try {
            return String.join(
                    " ",
                    List.of(Files.readString(Path.of("/proc/loadavg")).split(" "))
                            .subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
