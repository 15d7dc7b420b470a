package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100k-element blocklist from {@code elements_file}: applied, an empty plan after (overlapping CIDRs merged by
 * auto-merge included), 1% of it changed in the file (the plan names the counts, apply leaves exactly the new set in
 * the kernel), a hand-added element reported as drift with a sample, and an invalid line refused at plan with its
 * line number while the host stays as it was. These are set elements in a sandbox kernel only: no traffic is sent.
 */
class ElementsFileIT {
    private static final int ELEMENTS = 100_000;
    private static final int CHANGED = ELEMENTS / 100;
    private static final Pattern ELEMENT = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+(?:/\\d+)?");

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("big-elements");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // ten terraform runs over 100k elements; minutes each when busy
    void aHundredThousandElementsFromAFileApplyChangeByDeltaAndReportDrift() {
        Path file = workDir.resolve("drop.txt");
        List<String> first =
                IntStream.range(0, ELEMENTS).mapToObj(ElementsFileIT::address).toList();
        write(file, first);
        Terraform tf = Terraform.in(workDir.resolve("tf")).config(config(file));
        tf.init();

        timed("apply of " + ELEMENTS + " elements", tf::apply);
        // the table is created in the same run, so the set's summary is known only after apply
        assertThat(tf.run("show").assertExit(0).output())
                .contains("+" + String.format("%,d", ELEMENTS + 3) + " / \u22120 elements")
                .containsPattern("elements_count\\s+= " + (ELEMENTS + 1));
        assertThat(kernelSet()).isEqualTo(expected(first));
        timed("no-op plan", () -> tf.plan().assertExit(0));

        // 1% changed: the first thousand go, a thousand new ones come; the /25 inside the merged /23 goes too, which
        // nft cannot delete from the /23: the agent deletes the /23 and adds back the two /24s in the same batch
        List<String> second = new ArrayList<>(first.subList(CHANGED, ELEMENTS));
        IntStream.range(ELEMENTS, ELEMENTS + CHANGED)
                .mapToObj(ElementsFileIT::address)
                .forEach(second::add);
        write(file, second, false);
        String plan =
                timed("plan of a 1% change", () -> tf.plan().assertExit(2)).output();
        assertThat(plan)
                .contains("+1,000 / \u22121,001 elements")
                .contains("adds 10.103.")
                .contains("removes 10.100.0.0, 10.100.0.10");
        timed("apply of a 1% change", tf::apply);
        assertThat(kernelSet()).isEqualTo(expected(second));
        timed("no-op plan after the change", () -> tf.plan().assertExit(0));

        // drift: an element added by hand is named, and apply removes it again
        host.nft("add element inet big blocked { 10.250.0.1 }");
        String drift = timed("plan with drift", () -> tf.plan().assertExit(2)).output();
        assertThat(drift)
                .contains("+1 / \u22120 elements; adds 10.250.0.1")
                .contains("+0 / \u22121 elements")
                .contains("removes 10.250.0.1");
        tf.apply();
        assertThat(kernelSet()).isEqualTo(expected(second));
        tf.plan().assertExit(0);

        // an invalid line fails the plan with its line number; the host keeps the set it had
        List<String> broken = new ArrayList<>(second);
        broken.set(499, "10.1.0.300");
        write(file, broken, false);
        String before = host.nft("list set inet big blocked");
        String refused = tf.plan().assertExit(1).output();
        assertThat(refused)
                .contains("Invalid element in elements file")
                .contains("drop.txt line 505")
                .contains("10.1.0.300");
        assertThat(host.nft("list set inet big blocked")).isEqualTo(before);

        // destroy plans too (its refresh reads the configuration): give it the valid file again
        write(file, second, false);

        timed("destroy", tf::destroy);
        assertThat(host.nft("list tables")).doesNotContain("big");
    }

    /**
     * Every other address from 10.100.0.0 on (none adjacent, so auto-merge leaves each one listed by itself): set
     * elements only, nothing is ever sent to them.
     */
    static String address(int i) {
        int offset = 2 * i;
        return "10." + (100 + offset / 65_536) + "." + (offset / 256 % 256) + "." + (offset % 256);
    }

    /**
     * The file: a comment, a blank line, three overlapping or adjacent CIDRs that auto-merge joins into one /23
     * (lines 3-5), then address i on line 6 + i.
     */
    private static void write(Path file, List<String> addresses) {
        write(file, addresses, true);
    }

    /** Without {@code overlapping}, line 4 is an empty comment: the /23 stays, from lines 3 and 5. */
    private static void write(Path file, List<String> addresses, boolean overlapping) {
        List<String> lines = new ArrayList<>(List.of(
                "# blocklist for ElementsFileIT",
                "",
                "100.127.0.0/24  # merged with the next two",
                overlapping ? "100.127.0.128/25" : "#",
                "100.127.1.0/24"));
        lines.addAll(addresses);
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> expected(List<String> addresses) {
        Set<String> set = new TreeSet<>(addresses);
        set.add("100.127.0.0/23");
        return set;
    }

    private static Set<String> kernelSet() {
        Set<String> listed = new TreeSet<>();
        Matcher m = ELEMENT.matcher(host.nft("list set inet big blocked"));
        while (m.find()) {
            listed.add(m.group());
        }
        return listed;
    }

    private static String config(Path file) {
        return Hcl.provider(host) + Hcl.table("t", "inet", "big") + """
                resource "nftables_set" "blocked" {
                  table_id      = nftables_table.t.id
                  name          = "blocked"
                  type          = "ipv4_addr"
                  flags         = ["interval"]
                  auto_merge    = true
                  elements_file = "%s"
                }
                """.formatted(file);
    }

    private static <T> T timed(String what, Supplier<T> step) {
        return WallTime.timed("ElementsFileIT", what, step);
    }
}
