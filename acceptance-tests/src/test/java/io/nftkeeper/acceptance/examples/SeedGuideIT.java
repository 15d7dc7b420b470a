package io.nftkeeper.acceptance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/seed-guide: every command of the nftables guide (guide.nft) can be written in HCL. One sandbox gets
 * the example applied by terraform, the other gets the guide typed in by hand, one {@code nft} command per line;
 * the two rulesets must be the same and the plan after the apply empty.
 */
class SeedGuideIT {
    private static final ExampleDir EXAMPLE = ExampleDir.named("seed-guide");

    private static SandboxHost viaTerraform;
    private static SandboxHost byHand;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHosts() {
        viaTerraform = SandboxHost.up("seedguide-tf");
        byHand = SandboxHost.up("seedguide-nft");
    }

    @AfterAll
    static void stopHosts() {
        for (SandboxHost host : new SandboxHost[] {viaTerraform, byHand}) {
            if (host != null) {
                host.close();
            }
        }
    }

    @Test
    void theExampleAppliedByTerraformBuildsTheRulesetThatTypingTheGuideBuilds() {
        // the sandboxes add no tables of their own, so whole rulesets compare
        assertThat(viaTerraform.nft("list ruleset")).isBlank();
        assertThat(byHand.nft("list ruleset")).isBlank();

        Terraform tf = Terraform.in(EXAMPLE.copyInto(workDir, viaTerraform));
        tf.init();
        tf.apply();
        for (String command : guideCommands()) {
            byHand.exec("nft", command);
        }

        CanonicalRuleset typed = canonicalRuleset(byHand);
        assertThat(typed.text()).contains("table inet filter {", "table ip nat {");
        assertThat(canonicalRuleset(viaTerraform)).isEqualTo(typed);
        // each terraform command starts the provider again: this plan is also a new SSH login through the guide
        tf.plan().assertExit(0);
        tf.plan("-refresh=false").assertExit(0);

        tf.destroy();
        assertThat(viaTerraform.nft("list ruleset")).isBlank();
    }

    @Test
    void theGuideHasACommandForEveryItemOfTheSeedList() {
        String guide = EXAMPLE.read("guide.nft");

        assertThat(guideCommands()).isNotEmpty().allMatch(command -> command.startsWith("add "));
        assertThat(guide)
                .contains(
                        "add table inet filter",
                        "add table ip nat",
                        "type filter hook input priority 0",
                        "hook forward",
                        "hook output",
                        "type nat hook prerouting priority dstnat",
                        "type nat hook postrouting priority srcnat",
                        " jump ",
                        " goto ",
                        " return",
                        "ip saddr . ip daddr . ip protocol @",
                        "flags interval",
                        "flags constant, interval",
                        "dnat to tcp dport map @",
                        "snat to ",
                        "masquerade",
                        "redirect to :2222",
                        "add counter ",
                        "counter name \"",
                        "quota over 500 mbytes",
                        "limit rate 10/second",
                        "reject with icmp type port-unreachable",
                        "log prefix \"",
                        "level info",
                        "vmap @",
                        "hook prerouting priority -301",
                        "meta nftrace set 1");
    }

    private static CanonicalRuleset canonicalRuleset(SandboxHost host) {
        return CanonicalRuleset.of(host.exec("nft", "-s", "list", "ruleset"));
    }

    /** The guide's commands, as typed after {@code nft }: every line that is neither blank nor a comment. */
    private static List<String> guideCommands() {
        return EXAMPLE.read("guide.nft")
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }
}
