package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.transport.BootstrapProbe.Archive;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BootstrapProbeTest {

    @Test
    void aHostWithJarAndArchiveReportsNoVersionSinceJavaDidNotStart() {
        BootstrapProbe probe = BootstrapProbe.parse("java:/usr/bin/java\nsha256:ab12\narchive:yes\n");

        assertThat(probe)
                .isEqualTo(new BootstrapProbe(
                        "/usr/bin/java",
                        "ab12",
                        Archive.READY,
                        Optional.empty(),
                        false,
                        Optional.empty(),
                        "/run/nftkeeper"));
    }

    @Test
    void theSocketDirectoryIsTheHostsWhenItIsAbsolute() {
        assertThat(BootstrapProbe.parse("sockets:/run/nftkeeper-sandbox/a/agent-run\njava:/usr/bin/java\n")
                        .socketDirectory())
                .isEqualTo("/run/nftkeeper-sandbox/a/agent-run");
        assertThat(BootstrapProbe.parse("sockets:relative\njava:/usr/bin/java\n")
                        .socketDirectory())
                .isEqualTo("/run/nftkeeper");
    }

    @Test
    void aFreshHostReportsTheVersionLineAndNeitherJarNorArchive() {
        BootstrapProbe probe = BootstrapProbe.parse(
                "java:/usr/bin/java\nsha256:\narchive:no\n" + "version:openjdk version \"17.0.12\" 2024-07-16\n");

        assertThat(probe.sha256()).isEmpty();
        assertThat(probe.archive()).isEqualTo(Archive.MISSING);
        assertThat(probe.versionLine()).contains("openjdk version \"17.0.12\" 2024-07-16");
    }

    @Test
    void anArchiveThatCouldNotBeMadeIsReportedAsFailed() {
        assertThat(BootstrapProbe.parse("java:/usr/bin/java\nsha256:ab12\narchive:failed\n")
                        .archive())
                .isEqualTo(Archive.FAILED);
    }

    @Test
    void noJavaLeavesEverythingEmptyAndTheArchiveMissing() {
        BootstrapProbe probe = BootstrapProbe.parse("java:\n");

        assertThat(probe.java()).isEmpty();
        assertThat(probe.archive()).isEqualTo(Archive.MISSING);
        assertThat(probe.versionLine()).isEmpty();
    }

    @Test
    void theFirstLineOfANameWinsAndValuesMayContainColons() {
        BootstrapProbe probe =
                BootstrapProbe.parse("java:/opt/java:17/bin/java\njava:/other\nsha256:ab12\n" + "archive:maybe\n");

        assertThat(probe.java()).isEqualTo("/opt/java:17/bin/java");
        assertThat(probe.archive()).as("an unknown state is treated as missing").isEqualTo(Archive.MISSING);
    }

    @Test
    void aHostWithoutJava17ReportsWhatItFoundAndWhetherTheBundledRuntimeIsReady() {
        BootstrapProbe probe = BootstrapProbe.parse("system:version \"11.0.21\"\nruntime:yes\n"
                + "java:/var/lib/nftkeeper/agent/runtime-ab/bin/java\nsha256:ab12\narchive:no\n");

        assertThat(probe.runtimeReady()).isTrue();
        assertThat(probe.systemVersionLine()).contains("version \"11.0.21\"");
        assertThat(probe.versionLine())
                .as("the host's java is not the one that runs the agent")
                .isEmpty();
        assertThat(BootstrapProbe.parse("runtime:no\njava:/x/bin/java\n").runtimeReady())
                .isFalse();
    }
}
