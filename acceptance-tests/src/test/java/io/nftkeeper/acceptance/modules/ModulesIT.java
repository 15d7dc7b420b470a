package io.nftkeeper.acceptance.modules;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.BystanderHost;
import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each module's own {@code terraform test} passes against a sandbox host of its own, and what those tests cannot
 * see from inside Terraform is checked from outside: SSH logins still work through host-baseline, and kube-proxy's
 * tables stay byte for byte the same next to kubernetes-node. The runs are sequential on purpose: each
 * {@code terraform test} is several applies, and side by side on a busy machine they outgrow the command timeout.
 */
class ModulesIT {
    private static final int CLOSED_PORT = 9;

    @TempDir
    Path workDir;

    private ModuleTree tree;

    @BeforeEach
    void copyModules() {
        tree = ModuleTree.copyInto(workDir);
    }

    @Test
    void hostBaselinePassesItsTestsAndAdminSshStillLogsInAfterApply() {
        try (SandboxHost host = SandboxHost.up("mods-it-baseline")) {
            long loginsBefore = host.acceptedLogins();
            assertPassed(terraformTest("host-baseline", host, adminCidrs(host)));
            assertThat(host.acceptedLogins() - loginsBefore)
                    .as("each run logs in anew, the later ones through the firewall applied before")
                    .isGreaterThanOrEqualTo(2);
            assertThat(host.nft("list tables"))
                    .as("terraform test destroys what it created")
                    .isBlank();
            assertThat(probe(host, CLOSED_PORT))
                    .as("a closed port without firewall")
                    .isEqualTo(Probe.REFUSED);

            Terraform root = rootModule(host, "host-baseline", adminCidrs(host) + "allowed_tcp_ports = [80]\n");
            root.init();
            root.apply();
            assertThat(probe(host, CLOSED_PORT))
                    .as("the policy drops what no rule accepts")
                    .isEqualTo(Probe.DROPPED);
            assertThat(sshLogin(host))
                    .as("a brand-new SSH login from the admin set")
                    .isEqualTo("still-in");

            root.destroy();
            assertThat(probe(host, CLOSED_PORT)).isEqualTo(Probe.REFUSED);
        }
    }

    @Test
    void webServerPassesItsTests() {
        try (SandboxHost host = SandboxHost.up("mods-it-web")) {
            assertPassed(terraformTest("web-server", host, ""));
            assertThat(host.nft("list tables")).isBlank();
        }
    }

    @Test
    void natGatewayPassesItsTests() {
        try (SandboxHost host = SandboxHost.up("mods-it-nat")) {
            assertPassed(terraformTest("nat-gateway", host, ""));
            assertThat(host.nft("list tables")).isBlank();
        }
    }

    @Test
    void kubernetesNodePassesItsTestsAndLeavesKubeProxysTablesByteIdentical() {
        try (SandboxHost host = SandboxHost.up("mods-it-k8s")) {
            String before = BystanderHost.loadBystander(host);

            assertPassed(terraformTest("kubernetes-node", host, ""));
            assertThat(BystanderHost.bystander(host))
                    .as("kube-proxy's tables after terraform test")
                    .isEqualTo(before);

            Terraform root = rootModule(host, "kubernetes-node", """
                    node_cidrs        = ["10.213.0.0/16"]
                    kubelet_cidrs     = ["10.213.0.0/24"]
                    overlay_udp_ports = [8472, 6081, 51820, 51821]
                    """);
            root.init();
            root.apply();
            assertThat(host.nft("list tables")).contains("table inet kubernetes_node");
            assertThat(BystanderHost.bystander(host))
                    .as("kube-proxy's tables while the module is applied")
                    .isEqualTo(before);
            root.destroy();
            assertThat(BystanderHost.bystander(host)).isEqualTo(before);
            assertThat(host.nft("list tables")).doesNotContain("kubernetes_node");
        }
    }

    private static void assertPassed(Terraform.Result test) {
        test.assertExit(0);
        assertThat(test.stdout()).contains("Success!").contains(" 0 failed");
    }

    /** {@code terraform init} and {@code terraform test} in the module's copy, against {@code host}. */
    private Terraform.Result terraformTest(String module, SandboxHost host, String extraVariables) {
        Path vars = ModuleTree.write(
                workDir.resolve(module + ".tfvars"), ModuleTree.providerVariables(host) + extraVariables);
        Terraform tf = Terraform.in(tree.module(module));
        tf.init();
        return tf.run("test", "-var-file=" + vars);
    }

    /** This machine's side of the veth pair is where Terraform and ssh connect from: the admin set. */
    private static String adminCidrs(SandboxHost host) {
        return "admin_cidrs = [\"" + host.hostAddress() + "/32\", \"fd00::/8\"]\n";
    }

    /** A root configuration next to the modules that calls {@code module} once for {@code host}. */
    private Terraform rootModule(SandboxHost host, String module, String inputs) {
        return Terraform.in(workDir.resolve("root-" + module))
                .config(Hcl.provider(host) + """
                module "under_test" {
                  source = "../modules/%s"
                  %s}
                """.formatted(module, inputs));
    }

    /** A real OpenSSH login with the sandbox's client key, pinned host key, no prompts. */
    private static String sshLogin(SandboxHost host) {
        return CommandRun.of(
                        Duration.ofSeconds(30),
                        List.of(
                                "ssh",
                                "-i",
                                host.privateKeyPath().toString(),
                                "-o",
                                "BatchMode=yes",
                                "-o",
                                "IdentitiesOnly=yes",
                                "-o",
                                "ConnectTimeout=5",
                                "-o",
                                "StrictHostKeyChecking=yes",
                                "-o",
                                "UserKnownHostsFile=" + host.knownHostsFile(),
                                host.user() + "@" + host.address(),
                                "echo",
                                "still-in"))
                .stdoutOrThrow()
                .strip();
    }

    private enum Probe {
        CONNECTED,
        REFUSED,
        DROPPED
    }

    /** Opens a TCP connection from this machine: refused at once by a closed port, unanswered when dropped. */
    private static Probe probe(SandboxHost host, int port) {
        CommandRun run = CommandRun.of(
                Duration.ofSeconds(10),
                List.of("timeout", "2", "bash", "-c", "exec 3<>/dev/tcp/" + host.address() + "/" + port));
        return switch (run.exitCode()) {
            case 0 -> Probe.CONNECTED;
            case 124 -> Probe.DROPPED;
            default -> Probe.REFUSED;
        };
    }
}
