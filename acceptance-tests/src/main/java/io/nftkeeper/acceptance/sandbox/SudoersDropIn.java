package io.nftkeeper.acceptance.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/** A file in /etc/sudoers.d that a test writes (checked by visudo first, then moved in atomically) and removes. */
public record SudoersDropIn(Path file) {

    public static SudoersDropIn named(String name) {
        return new SudoersDropIn(Path.of("/etc/sudoers.d", name));
    }

    public void install(String content) {
        try {
            Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temporary, content);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("r--r-----"));
            CommandRun.of(Duration.ofSeconds(30), List.of("visudo", "-c", "-f", temporary.toString()))
                    .stdoutOrThrow();
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
