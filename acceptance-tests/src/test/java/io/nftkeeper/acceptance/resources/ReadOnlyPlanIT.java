package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code terraform plan} never writes to a host: a plan with import blocks (and a change to an imported chain) that is
 * never applied leaves the ruleset and every file of the agent's state directory exactly as they were; the apply
 * adopts the imported table, then changes it.
 */
class ReadOnlyPlanIT {
    private static final String HAND_WRITTEN = """
            table inet sem_legacy {
            \tset admins {
            \t\ttype ipv4_addr
            \t\telements = { 10.213.50.1 }
            \t}
            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tip saddr @admins accept
            \t}
            }
            """;

    private static SandboxHost host;
    private static Path stateDir;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("sem-readonly");
        stateDir = host.sshdLog().resolveSibling("agent-state");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aPlanWithImportBlocksChangesNothingAndTheApplyAdoptsTheTable() {
        // the host already has nftkeeper state: a managed table with its baseline, journal and lock
        Terraform other =
                Terraform.in(workDir.resolve("other")).config(Hcl.provider(host) + Hcl.table("t", "inet", "sem_other"));
        other.init();
        other.apply();
        host.exec("sh", "-c", "printf '%s' '" + HAND_WRITTEN + "' | nft -f -");

        Terraform tf =
                Terraform.in(workDir.resolve("import")).config(Hcl.provider(host) + """
                import {
                  to = nftables_table.legacy
                  id = "%1$s/inet/sem_legacy"
                }
                import {
                  to = nftables_set.admins
                  id = "%1$s/inet/sem_legacy/admins"
                }
                import {
                  to = nftables_chain.input
                  id = "%1$s/inet/sem_legacy/input"
                }
                resource "nftables_table" "legacy" {
                  family = "inet"
                  name   = "sem_legacy"
                }
                resource "nftables_set" "admins" {
                  table_id = nftables_table.legacy.id
                  name     = "admins"
                  type     = "ipv4_addr"
                  elements = ["10.213.50.1"]
                }
                resource "nftables_chain" "input" {
                  table_id = nftables_table.legacy.id
                  name     = "input"
                  type     = "filter"
                  hook     = "input"
                  priority = "filter"
                  rule { expr = "ip saddr @${nftables_set.admins.name} accept" }
                  rule { expr = "tcp dport 22 accept" }
                }
                """.formatted(host.address()));
        tf.init();
        String ruleset = host.exec("nft", "-s", "list", "ruleset");
        Map<String, String> state = settledHashes(stateDir);
        assertThat(state).containsKey("managed-tables.json");

        Terraform.Result plan = tf.plan().assertExit(2);
        tf.plan().assertExit(2);
        assertThat(host.exec("nft", "-s", "list", "ruleset")).isEqualTo(ruleset);
        assertThat(hashes(stateDir)).isEqualTo(state);
        // the chain's change is dry-run as if the table were adopted already (its apply adopts it first)
        assertThat(plan.stdout())
                .contains("Plan: 3 to import, 0 to add, 2 to change, 0 to destroy.")
                .contains("~ managed = false -> true");

        // abandoned: the table goes away by hand, and nothing remembers it
        host.nft("delete table inet sem_legacy");
        assertThat(read(stateDir.resolve("managed-tables.json"))).doesNotContain("sem_legacy");
        host.exec("sh", "-c", "printf '%s' '" + HAND_WRITTEN + "' | nft -f -");

        assertThat(tf.apply().stdout()).contains("3 imported, 0 added, 2 changed, 0 destroyed");
        assertThat(read(stateDir.resolve("managed-tables.json"))).contains("sem_legacy");
        assertThat(host.exec("nft", "-s", "list", "chain", "inet", "sem_legacy", "input"))
                .contains("ip saddr @admins accept\n\t\ttcp dport 22 accept");

        // and a plan after the apply writes nothing either
        Map<String, String> adopted = settledHashes(stateDir);
        tf.plan().assertExit(0);
        other.plan().assertExit(0);
        assertThat(hashes(stateDir)).isEqualTo(adopted);
    }

    /**
     * {@link #hashes} once no baseline is set aside any more: the agent records a changed table's baseline just after
     * answering the apply (off its critical path), so terraform may exit a moment before the agent is done.
     */
    private static Map<String, String> settledHashes(Path dir) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, String> hashes = hashes(dir);
        while (hashes.keySet().stream().anyMatch(name -> name.endsWith(".stale")) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
            hashes = hashes(dir);
        }
        return hashes;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** sha-256 of every file under {@code dir}, by relative path (directories as entries too). */
    private static Map<String, String> hashes(Path dir) {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.toList()) {
                String name = dir.relativize(file).toString();
                hashes.put(
                        name,
                        Files.isDirectory(file)
                                ? "dir"
                                : HexFormat.of()
                                        .formatHex(MessageDigest.getInstance("SHA-256")
                                                .digest(Files.readAllBytes(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return hashes;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
