package io.nftkeeper.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void servesByDefault() {
        assertThat(CommandLine.parse()).isEqualTo(new CommandLine(CommandLine.Mode.SERVE, null));
        assertThat(CommandLine.parse("--state-dir", "/s"))
                .isEqualTo(new CommandLine(CommandLine.Mode.SERVE, Path.of("/s")));
    }

    @Test
    void readsServeAndVersion() {
        assertThat(CommandLine.parse("serve", "--state-dir=/s").stateDirFlag()).isEqualTo(Path.of("/s"));
        assertThat(CommandLine.parse("version").mode()).isEqualTo(CommandLine.Mode.VERSION);
    }

    @Test
    void readsDriftWithItsStateDirectory() {
        assertThat(CommandLine.parse("drift", "--state-dir", "/s"))
                .isEqualTo(new CommandLine(CommandLine.Mode.DRIFT, Path.of("/s")));
    }

    @Test
    void rejectsAnythingElseWithUsage() {
        assertThatThrownBy(() -> CommandLine.parse("serv"))
                .hasMessageContaining("unknown command \"serv\"")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> CommandLine.parse("serve", "--state-dir")).hasMessageContaining("unexpected argument");
        assertThatThrownBy(() -> CommandLine.parse("version", "--state-dir", "/s"))
                .hasMessageContaining("unexpected argument \"--state-dir\"");
    }
}
