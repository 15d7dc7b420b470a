package io.nftkeeper.acceptance.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One provider block, two hosts with different host keys: each host's key is pinned in its own override. */
class HostOverridesIT {
    private static SandboxHost first;
    private static SandboxHost second;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHosts() {
        first = SandboxHost.up("override-a");
        second = SandboxHost.up("override-b");
        // one operator key for both hosts: the first sandbox's client key
        FleetFiles.authorize(second, Path.of(first.privateKeyPath() + ".pub"));
    }

    @AfterAll
    static void stopHosts() {
        for (SandboxHost host : new SandboxHost[] {first, second}) {
            if (host != null) {
                host.close();
            }
        }
    }

    @Test
    void eachHostIsVerifiedAgainstItsOwnPinnedKey() {
        Terraform tf = Terraform.in(workDir).config(config(second.hostKey()));
        tf.init();
        tf.apply();

        assertThat(first.nft("list tables")).contains("table inet overridden");
        assertThat(second.nft("list tables")).contains("table inet overridden");
        tf.plan().assertExit(0);
        tf.destroy();
    }

    @Test
    void theOverrideReallyReplacesTheProvidersKeyForItsHost() {
        // the provider's own key (the first host's) pinned for the second host too: that host must be refused
        Terraform tf = Terraform.in(workDir).config(config(first.hostKey()));
        tf.init();

        var refused = tf.run("apply", "-input=false", "-auto-approve").assertExit(1);

        assertThat(refused.stderr()).contains("host key verification failed for " + second.address());
        assertThat(second.nft("list tables")).doesNotContain("overridden");
        tf.destroy();
        assertThat(first.nft("list tables")).doesNotContain("overridden");
    }

    private static String config(String secondHostKey) {
        return """
                terraform {
                  required_providers {
                    nftables = { source = "nftkeeper/nftables" }
                  }
                }
                provider "nftables" {
                  private_key = file("%s")
                  host_key    = "%s"
                  host_overrides = {
                    "%s" = { host_key = "%s" }
                  }
                }
                resource "nftables_table" "on_first" {
                  host   = "%s"
                  family = "inet"
                  name   = "overridden"
                }
                resource "nftables_table" "on_second" {
                  host   = "%s"
                  family = "inet"
                  name   = "overridden"
                }
                """.formatted(
                        first.privateKeyPath(),
                        first.hostKey(),
                        second.address(),
                        secondHostKey,
                        first.address(),
                        second.address());
    }
}
