package io.nftkeeper.acceptance.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security properties not covered elsewhere (SecretsIT: state, plan JSON and trace logs; AgentTransportIT: wrong
 * host keys), end to end with terraform: host keys are verified unless the configuration says otherwise, the agent's
 * audit log holds no key material, tables nftkeeper does not own are refused, and the agent's state directory is
 * private and refused when others can write it.
 */
class SecurityIT {
    private static final String PASSPHRASE = "audit-log-must-not-see-this-0815";

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("security-it");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aProviderBlockWithoutAHostKeyIsRefusedBeforeAnyLogin() {
        String withoutHostKey = Hcl.provider(host)
                        .lines()
                        .filter(line -> !line.contains("host_key"))
                        .reduce("", (a, b) -> a + b + "\n")
                + Hcl.table("t", "inet", "nokey");
        Terraform tf = Terraform.in(workDir).config(withoutHostKey);
        tf.init();
        long logins = host.acceptedLogins();

        Terraform.Result plan = tf.plan();

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.stderr().replaceAll("\\s+", " "))
                .contains("Host key verification needs a host key")
                .contains("insecure_ignore_host_key = true");
        assertThat(host.acceptedLogins()).as("no login was even tried").isEqualTo(logins);
        assertThat(host.nft("list tables")).doesNotContain("nokey");
    }

    @Test
    void theAgentsAuditLogRecordsChangesButNoKeyMaterial() throws IOException {
        Path key = workDir.resolve("secret/id_ed25519");
        Files.createDirectories(key.getParent());
        CommandRun.of(
                        Duration.ofSeconds(30),
                        List.of(
                                "ssh-keygen",
                                "-q",
                                "-t",
                                "ed25519",
                                "-N",
                                PASSPHRASE,
                                "-C",
                                "nftkeeper-security-it",
                                "-f",
                                key.toString()))
                .stdoutOrThrow();
        Files.writeString(
                host.authorizedKeysFile(), Files.readString(Path.of(key + ".pub")), StandardOpenOption.APPEND);
        Path auditLog = workDir.resolve("audit/audit.log");
        Files.createDirectories(auditLog.getParent());
        // the agent reads NFTKEEPER_AUDIT_LOG; a wrapper as agent_java is how an operator would set it per host
        Path java = Files.writeString(
                workDir.resolve("java-with-audit"),
                "#!/bin/sh\nNFTKEEPER_AUDIT_LOG=" + auditLog + " exec java \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        Path passphraseFile = Files.writeString(workDir.resolve("secret/passphrase"), PASSPHRASE + "\n");
        Terraform tf = Terraform.in(workDir.resolve("tf"))
                .config(Hcl.provider(host.address(), key, host)
                                .replace(
                                        "host_key    =",
                                        "private_key_passphrase = chomp(file(\"" + passphraseFile + "\"))\n"
                                                + "  agent_java  = \"" + java + "\"\n  host_key    =")
                        + Hcl.table("t", "inet", "audited") + """
                resource "nftables_chain" "c" {
                  table_id = nftables_table.t.id
                  name     = "c"
                  rule {
                    expr = "tcp dport 443 accept"
                  }
                }
                """);
        tf.init();
        tf.apply();
        tf.destroy();

        String audit = Files.readString(auditLog);
        assertThat(audit).contains("\"event\":\"apply\"").contains("tcp dport 443 accept");
        assertThat(audit).doesNotContain(PASSPHRASE);
        Files.readString(key)
                .lines()
                .filter(line -> !line.startsWith("-----"))
                .forEach(line -> assertThat(audit).doesNotContain(line));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auditLog)))
                .isEqualTo("rw-------");
    }

    @Test
    void aTableNftkeeperDoesNotOwnIsRefusedAndLeftByteIdentical() {
        host.nft("add table inet handmade; add chain inet handmade c; add rule inet handmade c tcp dport 22 accept");
        String before = host.nft("list table inet handmade");
        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + """
                resource "nftables_chain" "c" {
                  table_id = "%s/inet/handmade"
                  name     = "intruder"
                  rule {
                    expr = "drop"
                  }
                }
                """.formatted(host.address()));
        tf.init();

        Terraform.Result apply = tf.run("apply", "-input=false", "-auto-approve");

        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.stderr().replaceAll("\\s+", " ")).contains("table inet handmade is not managed by nftkeeper");
        assertThat(host.nft("list table inet handmade")).isEqualTo(before);
        host.nft("delete table inet handmade");
    }

    @Test
    void theAgentStateDirectoryIsPrivateAndAWorldWritableOneStopsTheAgent() throws IOException {
        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host) + Hcl.table("t", "inet", "statedir"));
        tf.init();
        tf.apply();
        Path stateDir = host.sshdLog().resolveSibling("agent-state");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir)))
                .isEqualTo("rwx------");

        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            Terraform.Result plan = tf.plan();
            assertThat(plan.exitCode()).isEqualTo(1);
            assertThat(plan.stderr().replaceAll("\\s+", " "))
                    .contains("is writable by group or others")
                    .contains("chmod 700 " + stateDir);
        } finally {
            Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));
        }
        tf.plan().assertExit(0);
        tf.destroy();
    }
}
