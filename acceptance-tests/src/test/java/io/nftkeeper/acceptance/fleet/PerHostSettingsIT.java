package io.nftkeeper.acceptance.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code host_overrides} takes every per-host setting (issue 16, item 9): two hosts that share nothing, each reached
 * with its own private key, the second's key given as a file with a passphrase-free key, its agent cached in its
 * own directory. One provider block manages both; the secrets never reach the state.
 */
class PerHostSettingsIT {

    @TempDir
    Path workDir;

    @Test
    void eachHostIsReachedWithItsOwnKeyUserAndAgentDirectory() throws IOException {
        try (SandboxHost first = SandboxHost.up("val-ho-a");
                SandboxHost second = SandboxHost.up("val-ho-b")) {
            Path agentDir = workDir.resolve("agent-of-second");
            Terraform tf = Terraform.in(workDir.resolve("tf"))
                    .config(FleetFiles.REQUIRED_PROVIDERS
                            + """
                    provider "nftables" {
                      private_key = file("%s")
                      host_key    = "%s"
                      host_overrides = {
                        "%s" = {
                          private_key_file = "%s"
                          host_key         = "%s"
                          user             = "%s"
                          port             = %d
                          agent_dir        = "%s"
                        }
                      }
                    }
                    resource "nftables_table" "on_first" {
                      host   = "%s"
                      family = "inet"
                      name   = "val_per_host"
                    }
                    resource "nftables_table" "on_second" {
                      host   = "%s"
                      family = "inet"
                      name   = "val_per_host"
                    }
                    """.formatted(
                                            first.privateKeyPath(),
                                            first.hostKey(),
                                            second.address(),
                                            second.privateKeyPath(),
                                            second.hostKey(),
                                            second.user(),
                                            second.port(),
                                            agentDir,
                                            first.address(),
                                            second.address()));
            tf.init();
            tf.apply();

            assertThat(first.nft("list tables")).contains("table inet val_per_host");
            assertThat(second.nft("list tables")).contains("table inet val_per_host");
            try (Stream<Path> files = Files.list(agentDir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("the second host's agent, cached in its own agent_dir")
                        .anyMatch(name -> name.startsWith("nftkeeper-agent-") && name.endsWith(".jar"));
            }
            String state = Files.readString(workDir.resolve("tf").resolve("terraform.tfstate"));
            assertThat(state)
                    .doesNotContain("PRIVATE KEY")
                    .doesNotContain(second.privateKeyPath().toString());
            tf.plan().assertExit(0);
            tf.destroy();
            assertThat(second.nft("list tables")).doesNotContain("val_per_host");
        }
    }
}
