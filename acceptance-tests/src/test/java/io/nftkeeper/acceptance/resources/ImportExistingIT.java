package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import io.nftkeeper.cli.Main;
import io.nftkeeper.cli.drift.AgentHostChecker;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adopting a firewall someone wrote by hand, as docs/guides/import-existing.md tells users to:
 * {@code nftkeeper import-config} → {@code terraform plan -generate-config-out} → {@code terraform apply} → an
 * empty plan, and the host's ruleset exactly as it was.
 */
class ImportExistingIT {
    private static final String HAND_WRITTEN = """
            table inet legacy {
            \tcounter ssh_hits {
            \t}
            \tset blocked {
            \t\ttype ipv4_addr
            \t\tflags interval
            \t\telements = { 10.213.66.0/24, 10.213.67.7 }
            \t}
            \tset admins {
            \t\ttype ipv4_addr . inet_service
            \t\telements = { 10.213.0.1 . 22 }
            \t}
            \tmap port_chains {
            \t\ttype inet_service : verdict
            \t\telements = { 22 : jump ssh.in }
            \t}
            \tchain ssh.in {
            \t\tcounter name "ssh_hits" accept
            \t}
            \tchain input {
            \t\ttype filter hook input priority filter + 10; policy accept;
            \t\tct state established,related accept
            \t\tiifname "lo" accept
            \t\tip saddr @blocked counter drop comment "known bad"
            \t\tip saddr . tcp dport @admins accept
            \t\ttcp dport vmap @port_chains
            \t\ticmp type echo-request limit rate 10/second accept
            \t}
            }
            table ip kube-proxy {
            \tchain services {
            \t\tip daddr 10.213.99.1 tcp dport 80 accept
            \t}
            }
            """;

    private static SandboxHost host;
    private static String rulesetBefore;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("import-it");
        host.exec("sh", "-c", "printf '%s' '" + HAND_WRITTEN + "' | nft -f -");
        rulesetBefore = statelessRuleset();
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aHandWrittenTableIsAdoptedWithGeneratedConfigAndAnEmptyPlanAndTheHostIsUnchanged() throws Exception {
        Path imports = workDir.resolve("imports.tf");
        int exit = importConfig(host.address(), "inet/legacy", "-o", imports.toString());
        assertThat(exit).isZero();
        String blocks = Files.readString(imports);
        String tableId = host.address() + "/inet/legacy";
        assertThat(blocks)
                .contains("to = nftables_table.inet_legacy\n  id = \"" + tableId + "\"")
                .contains("to = nftables_chain.inet_legacy_ssh_in\n  id = \"" + tableId + "/ssh.in\"")
                .contains("to = nftables_chain.inet_legacy_input\n")
                .contains("to = nftables_set.inet_legacy_blocked\n")
                .contains("to = nftables_set.inet_legacy_admins\n")
                .contains("to = nftables_map.inet_legacy_port_chains\n")
                .contains("to = nftables_counter.inet_legacy_ssh_hits\n")
                .doesNotContain("kube-proxy");

        Terraform tf = Terraform.in(workDir).config(Hcl.provider(host));
        tf.init();
        tf.run("plan", "-input=false", "-generate-config-out=generated.tf").assertExit(0);
        String generated = Files.readString(workDir.resolve("generated.tf"));
        assertThat(generated)
                .contains("resource \"nftables_chain\" \"inet_legacy_input\"")
                .doesNotContain("canonical");
        assertThat(statelessRuleset()).isEqualTo(rulesetBefore);

        Terraform.Result applied = tf.apply();
        assertThat(applied.stdout()).contains("0 added, 1 changed, 0 destroyed");
        tf.plan().assertExit(0);
        tf.plan("-refresh=false").assertExit(0);
        assertThat(statelessRuleset()).isEqualTo(rulesetBefore);

        // adopted means managed: a change made through the generated configuration reaches the host
        Files.writeString(workDir.resolve("generated.tf"), generated.replace("\"10.213.67.7\"", "\"10.213.67.8\""));
        assertThat(tf.plan().assertExit(2).stdout()).contains("10.213.67.8");
    }

    @Test
    void aTableThatDoesNotExistIsRefusedNamingIt() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args(host.address(), "inet/missing"),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                InputStream.nullInputStream(),
                AgentHostChecker::new);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("table inet missing does not exist on " + host.address());
    }

    private static int importConfig(String... operands) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args(operands),
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8),
                InputStream.nullInputStream(),
                AgentHostChecker::new);
        System.err.print(err.toString(StandardCharsets.UTF_8));
        return exit;
    }

    private static String[] args(String... operands) {
        String[] args = new String[operands.length + 5];
        args[0] = "import-config";
        System.arraycopy(operands, 0, args, 1, operands.length);
        System.arraycopy(
                new String[] {"--private-key-file", host.privateKeyPath().toString(), "--host-key", host.hostKey()},
                0,
                args,
                operands.length + 1,
                4);
        return args;
    }

    private static String statelessRuleset() {
        return host.exec("nft", "-s", "list", "ruleset");
    }
}
