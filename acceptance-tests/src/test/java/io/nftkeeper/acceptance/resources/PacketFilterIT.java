package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packet-level proof: a rule applied through terraform that drops tcp/8080 really stops a TCP connection from another
 * network namespace, and without the rule the same connection succeeds. The client namespace is linked to the
 * sandbox by its own veth pair in 10.213.254.0/30 (a block scripts/sandbox-host never hands out this far up).
 */
class PacketFilterIT {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final String SERVER_ADDRESS = "10.213.254.1";
    private static final String CLIENT_ADDRESS = "10.213.254.2";
    private static final Pattern COUNTER = Pattern.compile("tcp dport 8080 counter packets (\\d+) bytes \\d+ drop");

    @TempDir
    Path workDir;

    @Test
    void aDroppingRuleBlocksTheConnectionAndRemovingItLetsItThrough() throws IOException {
        long id = ProcessHandle.current().pid() % 10000;
        String clientNetns = "nk-pktc" + id;
        String serverSide = "nkpa" + id;
        String clientSide = "nkpb" + id;
        Process listener = null;
        try (SandboxHost host = SandboxHost.up("packet-it")) {
            try {
                run("ip", "netns", "add", clientNetns);
                run("ip", "link", "add", serverSide, "type", "veth", "peer", "name", clientSide);
                run("ip", "link", "set", serverSide, "netns", host.netns());
                run("ip", "link", "set", clientSide, "netns", clientNetns);
                host.exec("ip", "addr", "add", SERVER_ADDRESS + "/30", "dev", serverSide);
                host.exec("ip", "link", "set", serverSide, "up");
                inClient(clientNetns, "ip", "addr", "add", CLIENT_ADDRESS + "/30", "dev", clientSide);
                inClient(clientNetns, "ip", "link", "set", clientSide, "up");
                inClient(clientNetns, "ip", "link", "set", "lo", "up");
                // OpenBSD netcat keeps accepting (-k) on the sandbox side of the link
                listener = new ProcessBuilder("ip", "netns", "exec", host.netns(), "nc", "-lk", SERVER_ADDRESS, "8080")
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                awaitListener(host);

                assertThat(connects(clientNetns)).as("tcp/8080 before any rule").isTrue();

                Terraform tf = Terraform.in(workDir).config(config(host, "tcp dport 8080 counter drop"));
                tf.init();
                tf.apply();
                assertThat(connects(clientNetns))
                        .as("tcp/8080 with the dropping rule")
                        .isFalse();
                assertThat(dropped(host)).as("SYNs the rule dropped").isPositive();
                tf.plan().assertExit(0);

                tf.config(config(host, "tcp dport 8081 counter drop"));
                tf.apply();
                assertThat(connects(clientNetns))
                        .as("tcp/8080 once the rule drops another port")
                        .isTrue();

                tf.destroy();
                assertThat(connects(clientNetns)).as("tcp/8080 after destroy").isTrue();
            } finally {
                if (listener != null) {
                    listener.destroyForcibly();
                }
                // the veth pair goes with the namespace; the sandbox's own removal takes its end with it
                CommandRun.of(COMMAND_TIMEOUT, List.of("ip", "netns", "delete", clientNetns));
            }
        }
        assertThat(CommandRun.of(COMMAND_TIMEOUT, List.of("ip", "netns", "list"))
                        .stdout())
                .doesNotContain(clientNetns);
    }

    private static String config(SandboxHost host, String dropRule) {
        return Hcl.provider(host) + Hcl.table("t", "inet", "packets") + """
                resource "nftables_chain" "input" {
                  table_id = nftables_table.t.id
                  name     = "input"
                  type     = "filter"
                  hook     = "input"
                  priority = "0"
                  rule {
                    expr = "%s"
                  }
                }
                """.formatted(dropRule);
    }

    /** Whether a TCP connection from the client namespace to the sandbox's port 8080 completes within 2 seconds. */
    private static boolean connects(String clientNetns) {
        return CommandRun.of(
                        COMMAND_TIMEOUT,
                        List.of("ip", "netns", "exec", clientNetns, "nc", "-z", "-w", "2", SERVER_ADDRESS, "8080"))
                .succeeded();
    }

    private static long dropped(SandboxHost host) {
        Matcher m = COUNTER.matcher(host.nft("list chain inet packets input"));
        assertThat(m.find()).as("the drop rule with its counter on the host").isTrue();
        return Long.parseLong(m.group(1));
    }

    private static void awaitListener(SandboxHost host) {
        for (int attempt = 0; attempt < 50; attempt++) {
            if (host.exec("ss", "-Hltn", "sport = :8080").contains("8080")) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the listener", e);
            }
        }
        throw new AssertionError("nc did not start listening on " + SERVER_ADDRESS + ":8080");
    }

    private static void inClient(String netns, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private static void run(String... command) {
        CommandRun.of(COMMAND_TIMEOUT, List.of(command)).stdoutOrThrow();
    }
}
