package io.nftkeeper.acceptance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.ProviderMirror;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/quickstart}, the README's first command, run as a user runs it (only {@code --no-build}: this JVM
 * runs inside the Maven build that made the jars, and a nested {@code mvn package} would rewrite them under it) on a
 * sandbox of its own name. Every step's outcome is read from what the real tools printed: nft's ruleset, ssh, ping's
 * statistics, the blocked port, the counter Terraform read, the plan of the hand edit, {@code nftkeeper drift}, the
 * repair and the empty plan; afterwards the sandbox must be gone.
 */
class QuickstartIT {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);
    private static final Pattern HEADING = Pattern.compile("^==> \\[(\\d)/9] (.*)$", Pattern.MULTILINE);
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    @Test
    void theQuickstartShowsTheFirewallWorkingAndTheDriftLoopAndLeavesNothingBehind() throws IOException {
        String name = "qs" + ProcessHandle.current().pid();
        Path repository = ProviderMirror.repository();
        Path netns = Path.of("/run/netns/nk-" + name);
        Path sandboxState = Path.of("/run/nftkeeper-sandbox/" + name);
        CommandRun run;
        boolean leftBehind;
        try {
            // one stream, so headings (stderr) and what each step printed (stdout) stay in order
            run = CommandRun.of(
                    RUN_TIMEOUT,
                    List.of(
                            "sh",
                            "-c",
                            "exec \"$0\" --no-build --name \"$1\" 2>&1",
                            repository.resolve("scripts/quickstart").toString(),
                            name));
        } finally {
            leftBehind = Files.exists(netns) || Files.exists(sandboxState);
            CommandRun.of(Duration.ofMinutes(1), List.of(SandboxHost.script().toString(), "down", name));
            // nothing there when the script stopped before it wrote anything
            FileTrees.delete(repository.resolve(".nftkeeper").resolve(name));
        }
        String output = ANSI.matcher(run.stdout()).replaceAll("");
        assertThat(run.exitCode()).as(output).isZero();
        assertThat(leftBehind)
                .as("namespace or state of sandbox %s left after the run", name)
                .isFalse();
        List<String> steps = steps(output);
        assertThat(steps).as(output).hasSize(9);

        assertThat(steps.get(0)).contains("skipped (--no-build)");

        Matcher sandbox = Pattern.compile("sshd on (10\\.213\\.[0-9.]+):22; this machine reaches it from ([0-9.]+)")
                .matcher(steps.get(1));
        assertThat(sandbox.find()).as(steps.get(1)).isTrue();
        String address = sandbox.group(1);
        String ourAddress = sandbox.group(2);

        assertThat(steps.get(2)).contains("Apply complete! Resources: 6 added, 0 changed, 0 destroyed.");

        assertThat(steps.get(3))
                .as("the host's ruleset")
                .contains(
                        "table inet quickstart {",
                        "limit ping_rate {",
                        "rate 10/second",
                        "counter dropped {",
                        "elements = { " + ourAddress + " }",
                        "type filter hook input priority filter; policy drop;",
                        "icmp type echo-request jump ping\n",
                        "ct state established,related accept",
                        "ip saddr @ssh_allowed tcp dport 22 accept",
                        "limit name \"ping_rate\" accept\n\t\tcounter name \"dropped\" drop",
                        "counter name \"dropped\" comment \"what the policy drops\"")
                .doesNotContain("8080");

        String packets = steps.get(4);
        assertThat(packets)
                .contains(
                        "ssh: connected",
                        "3 packets transmitted, 3 received, 0% packet loss",
                        "tcp port 8080: no answer within 1 s");
        Matcher flood =
                Pattern.compile("20 packets transmitted, (\\d+) received").matcher(packets);
        assertThat(flood.find()).as(packets).isTrue();
        int floodAnswered = Integer.parseInt(flood.group(1));
        assertThat(floodAnswered).as("pings of the flood within the limit").isBetween(1, 19);
        Matcher counter = Pattern.compile("~ packets += (\\d+) -> (\\d+)").matcher(packets);
        assertThat(counter.find())
                .as("terraform apply -refresh-only reads the counter:\n" + packets)
                .isTrue();
        long droppedBefore = Long.parseLong(counter.group(1));
        long droppedAfter = Long.parseLong(counter.group(2));
        // at least every flood ping over the limit and the SYN to the blocked port
        assertThat(droppedAfter - droppedBefore).isGreaterThanOrEqualTo(20 - floodAnswered + 1L);
        assertThat(packets)
                .contains("dropped: " + droppedBefore + " packets after the apply, " + droppedAfter + " now");

        String handEdit = steps.get(5);
        assertThat(handEdit)
                .contains(
                        "nft insert rule inet quickstart input index 5 tcp dport 8080 accept",
                        "tcp dport 8080 accept\n\t\tcounter name \"dropped\"",
                        "tcp port 8080: refused at once");

        String drift = steps.get(6);
        // the rule made by hand, in whatever form the chain's diff takes (a changed rule block, or a removed one)
        assertThat(drift)
                .contains(
                        "# nftables_chain.input will be updated in-place",
                        "\"tcp dport 8080 accept\"",
                        "Plan: 0 to add, 1 to change, 0 to destroy.",
                        "terraform plan: exit 2",
                        "drifted " + address + " table inet quickstart: 1 change",
                        "+ rule inet quickstart input #6",
                        "live:     tcp dport 8080 accept",
                        "1 host: 0 clean, 1 drifted, 0 errors",
                        "nftkeeper drift: exit 2");
        assertThat(drift.split("\n"))
                .filteredOn(line -> line.contains("will be") || line.contains("must be"))
                .as("only the chain with the hand edit changes")
                .hasSize(1);

        assertThat(steps.get(7))
                .contains(
                        "Apply complete! Resources: 0 added, 1 changed, 0 destroyed.",
                        "No changes. Your infrastructure matches the configuration.",
                        "terraform plan: exit 0");

        assertThat(steps.get(8)).contains("sandbox host '" + name + "' removed");

        assertThat(output)
                .contains("quickstart finished in", "docs/index.md", "modules/README.md", "docs/guides/drift.md");
    }

    /** The text of each step, from its heading to the next, in order; each must end with its duration. */
    private static List<String> steps(String output) {
        Matcher heading = HEADING.matcher(output);
        List<Integer> starts = new ArrayList<>();
        while (heading.find()) {
            assertThat(heading.group(1)).isEqualTo(String.valueOf(starts.size() + 1));
            starts.add(heading.start());
        }
        int summary = output.indexOf("==> quickstart finished in");
        assertThat(summary).as(output).isPositive();
        starts.add(summary);
        List<String> steps = new ArrayList<>();
        for (int i = 0; i + 1 < starts.size(); i++) {
            String step = output.substring(starts.get(i), starts.get(i + 1));
            assertThat(step)
                    .as("step %d ends with its duration", i + 1)
                    .containsPattern("\\n {4}\\(\\d+\\.\\d s\\)\\n$");
            steps.add(step);
        }
        return steps;
    }
}
