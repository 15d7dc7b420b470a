package io.nftkeeper.acceptance.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host B is only reachable through host A: the provider tunnels through A's sshd, as `ssh -J A B` does. */
class BastionIT {
    private static SandboxHost bastion;
    private static SandboxHost hidden;
    private static Path agentDir;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHosts() throws IOException {
        agentDir = Files.createTempDirectory("nftkeeper-bastion-it-");
        bastion = SandboxHost.up("bastion-it-a");
        hidden = SandboxHost.upBehind("bastion-it-b", bastion);
    }

    @AfterAll
    static void stopHosts() throws IOException {
        // the hidden host's veth pair lives in the bastion's namespace: down it first
        if (hidden != null) {
            hidden.close();
        }
        if (bastion != null) {
            bastion.close();
        }
        FileTrees.delete(agentDir);
    }

    @Test
    void theHiddenHostIsNotReachableFromHere() {
        CommandRun direct = CommandRun.of(
                Duration.ofSeconds(10),
                List.of("timeout", "3", "bash", "-c", "exec 3<>/dev/tcp/" + hidden.address() + "/22"));
        assertThat(direct.succeeded()).isFalse();
    }

    @Test
    void applyReachesTheHiddenHostThroughTheBastion() {
        Terraform tf = Terraform.in(workDir).config(config());
        tf.init();
        long bastionLogins = bastion.acceptedLogins();

        tf.apply();

        assertThat(hidden.nft("list tables")).contains("table inet behind");
        assertThat(bastion.nft("list tables")).doesNotContain("table inet behind");
        assertThat(bastion.acceptedLogins() - bastionLogins).isEqualTo(1);
        tf.plan().assertExit(0);

        tf.destroy();
        assertThat(hidden.nft("list tables")).doesNotContain("table inet behind");
    }

    private String config() {
        return FleetFiles.REQUIRED_PROVIDERS
                + """
                provider "nftables" {
                  host        = "%s"
                  private_key = file("%s")
                  host_key    = "%s"
                  agent_dir   = "%s"
                  bastion {
                    host        = "%s"
                    private_key = file("%s")
                    host_key    = "%s"
                  }
                }
                resource "nftables_table" "t" {
                  family = "inet"
                  name   = "behind"
                }
                """.formatted(
                                hidden.address(),
                                hidden.privateKeyPath(),
                                hidden.hostKey(),
                                agentDir,
                                bastion.address(),
                                bastion.privateKeyPath(),
                                bastion.hostKey());
    }
}
