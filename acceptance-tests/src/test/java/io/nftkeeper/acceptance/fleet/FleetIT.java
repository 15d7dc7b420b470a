package io.nftkeeper.acceptance.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One provider block, five hosts: resources for_each over the hosts with their own `host`, terraform's default
 * parallelism, and exactly one SSH login per host per terraform command (the pool shares one session per host).
 */
class FleetIT {
    private static final int HOSTS = 5;
    private static final List<SandboxHost> fleet = new ArrayList<>();
    private static Path shared;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startFleet() throws IOException {
        shared = Files.createTempDirectory("nftkeeper-fleet-it-");
        for (int i = 1; i <= HOSTS; i++) {
            fleet.add(SandboxHost.up("fleet-it-" + i));
        }
        // one operator key for the whole fleet: the first sandbox's client key, authorized on all of them
        Path publicKey = Path.of(fleet.get(0).privateKeyPath() + ".pub");
        fleet.subList(1, HOSTS).forEach(host -> FleetFiles.authorize(host, publicKey));
    }

    @AfterAll
    static void stopFleet() throws IOException {
        fleet.forEach(SandboxHost::close);
        FileTrees.delete(shared);
    }

    @Test
    void oneConfigurationManagesTablesOnFiveHostsOverOneConnectionPerHost() {
        Terraform tf = Terraform.in(workDir).config(config());
        tf.init();

        Map<SandboxHost, Long> before = logins();
        tf.apply();
        assertThat(newLogins(before))
                .as("SSH logins per host during apply")
                .allSatisfy((host, count) -> assertThat(count).as(host.name()).isEqualTo(1L));
        for (SandboxHost host : fleet) {
            assertThat(host.nft("list tables")).as(host.name()).contains("table inet fleet");
        }

        before = logins();
        tf.plan().assertExit(0);
        assertThat(newLogins(before))
                .as("SSH logins per host during plan")
                .allSatisfy((host, count) -> assertThat(count).as(host.name()).isEqualTo(1L));

        tf.destroy();
        for (SandboxHost host : fleet) {
            assertThat(host.nft("list tables")).as(host.name()).doesNotContain("table inet fleet");
        }
    }

    private Map<SandboxHost, Long> logins() {
        return fleet.stream().collect(Collectors.toMap(Function.identity(), SandboxHost::acceptedLogins));
    }

    private Map<SandboxHost, Long> newLogins(Map<SandboxHost, Long> before) {
        return fleet.stream()
                .collect(Collectors.toMap(Function.identity(), host -> host.acceptedLogins() - before.get(host)));
    }

    private String config() {
        String hosts = fleet.stream().map(host -> "\"" + host.address() + "\"").collect(Collectors.joining(", "));
        return FleetFiles.REQUIRED_PROVIDERS
                + """
                provider "nftables" {
                  private_key      = file("%s")
                  known_hosts_file = "%s"
                  agent_dir        = "%s"
                }
                resource "nftables_table" "fleet" {
                  for_each = toset([%s])
                  host     = each.value
                  family   = "inet"
                  name     = "fleet"
                }
                """.formatted(
                                fleet.get(0).privateKeyPath(),
                                FleetFiles.knownHosts(shared, fleet),
                                shared.resolve("agent"),
                                hosts);
    }
}
