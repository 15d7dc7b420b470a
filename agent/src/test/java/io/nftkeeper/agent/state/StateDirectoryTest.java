package io.nftkeeper.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.agent.nft.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void theFlagWinsThenTheEnvironmentThenTheDefault() {
        Map<String, String> env = Map.of(StateDirectory.ENV, "/from/env");

        assertThat(StateDirectory.choose(Path.of("/from/flag"), env)).isEqualTo(Path.of("/from/flag"));
        assertThat(StateDirectory.choose(null, env)).isEqualTo(Path.of("/from/env"));
        assertThat(StateDirectory.choose(null, Map.of())).isEqualTo(Path.of("/var/lib/nftkeeper"));
    }

    @Test
    void aMissingDirectoryIsCreatedWithMode0700() throws Exception {
        Path dir = tmp.resolve("a/b/state");

        StateDirectory.prepare(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
    }

    @Test
    void anExistingDirectoryWritableByOthersIsRefused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("state"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));

        assertThatThrownBy(() -> StateDirectory.prepare(dir))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("is writable by group or others (mode rwxrwx---)")
                .hasMessageContaining("chmod 700 " + dir)
                .extracting(e -> ((StartupException) e).exitCode())
                .isEqualTo(2);
    }

    @Test
    void anExistingDirectoryOthersCanReadIsAcceptedAndMadePrivate() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("state"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(StateDirectory.prepare(dir)).isEqualTo(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
    }

    @Test
    void aFileIsNotADirectory() throws Exception {
        Path file = Files.createFile(tmp.resolve("file"));

        assertThatThrownBy(() -> StateDirectory.prepare(file)).hasMessageContaining("is not a directory");
    }
}
