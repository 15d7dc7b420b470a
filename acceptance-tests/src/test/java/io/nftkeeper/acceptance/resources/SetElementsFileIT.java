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
 * A 20k-line blocklist contributed from {@code elements_file} by an {@code nftables_set_elements} to a set another
 * contributor adds to as well: applied, an empty plan after (an element added by hand, nobody's, is no drift), 1% of
 * the file changed (the plan names the counts, apply leaves exactly the new elements), the other contributor's
 * elements never touched, and an invalid line refused at plan with its line number while the host stays as it was.
 * Set elements in a sandbox kernel only: no traffic is sent.
 */
class SetElementsFileIT {
    private static final int ELEMENTS = 20_000;
    private static final int CHANGED = ELEMENTS / 100;
    private static final List<String> OTHERS = List.of("10.250.0.1", "10.250.0.2");
    private static final Pattern ELEMENT = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("contrib-file");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aContributionFromAFileAppliesByDeltaAndLeavesTheOtherContributorsElements() {
        Path file = workDir.resolve("blocklist.txt");
        // every other address from 10.100.0.0 on: set elements only, nothing is ever sent to them
        List<String> first =
                IntStream.range(0, ELEMENTS).mapToObj(ElementsFileIT::address).toList();
        write(file, first);
        Terraform tf = Terraform.in(workDir.resolve("tf")).config(config(file));
        tf.init();

        timed("apply of a " + ELEMENTS + "-line contribution", tf::apply);
        assertThat(tf.run("show").assertExit(0).output())
                .contains("+" + String.format("%,d", ELEMENTS) + " / \u22120 elements")
                .containsPattern("elements_count\\s+= " + ELEMENTS);
        assertThat(kernelSet()).isEqualTo(union(first, OTHERS));
        timed("no-op plan", () -> tf.plan().assertExit(0));

        // an element nobody contributed is no drift for either contributor
        host.nft("add element inet shared blocked { 10.251.0.1 }");
        tf.plan().assertExit(0);

        // 1%: the first 200 lines go, 200 new ones come
        List<String> second = new ArrayList<>(first.subList(CHANGED, ELEMENTS));
        IntStream.range(ELEMENTS, ELEMENTS + CHANGED)
                .mapToObj(ElementsFileIT::address)
                .forEach(second::add);
        write(file, second);
        String plan =
                timed("plan of a 1% change", () -> tf.plan().assertExit(2)).output();
        assertThat(plan)
                .contains("+200 / \u2212200 elements")
                .contains("adds 10.100.")
                .contains("removes 10.100.0.0, ");
        timed("apply of a 1% change", tf::apply);
        assertThat(kernelSet()).isEqualTo(union(second, OTHERS, List.of("10.251.0.1")));
        timed("no-op plan after the change", () -> tf.plan().assertExit(0));

        // an invalid line fails the plan with its line number; the host keeps the set it had
        List<String> broken = new ArrayList<>(second);
        broken.set(499, "10.1.0.300");
        write(file, broken);
        String before = host.nft("list set inet shared blocked");
        String refused = tf.plan().assertExit(1).output();
        assertThat(refused)
                .contains("Invalid element in elements file")
                .contains("blocklist.txt line 502")
                .contains("10.1.0.300");
        assertThat(host.nft("list set inet shared blocked")).isEqualTo(before);

        // the contribution goes alone: the other contributor's elements and the hand-added one stay
        write(file, second);
        tf.config(config(file).replaceAll("(?s)resource \"nftables_set_elements\" \"blocklist\".*?\\n}\\n", ""));
        timed("destroy of the contribution", tf::apply);
        assertThat(kernelSet()).isEqualTo(union(OTHERS, List.of("10.251.0.1")));
        tf.destroy();
    }

    /** A comment, a blank line, then address i on line 3 + i. */
    private static void write(Path file, List<String> addresses) {
        List<String> lines = new ArrayList<>(List.of("# blocklist for SetElementsFileIT", ""));
        lines.addAll(addresses);
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SafeVarargs
    private static Set<String> union(List<String>... lists) {
        Set<String> all = new TreeSet<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static Set<String> kernelSet() {
        Set<String> listed = new TreeSet<>();
        Matcher m = ELEMENT.matcher(host.nft("list set inet shared blocked"));
        while (m.find()) {
            listed.add(m.group());
        }
        return listed;
    }

    private static String config(Path file) {
        return Hcl.provider(host)
                + Hcl.table("t", "inet", "shared")
                + """
                resource "nftables_set" "blocked" {
                  table_id = nftables_table.t.id
                  name     = "blocked"
                  type     = "ipv4_addr"
                }

                resource "nftables_set_elements" "others" {
                  set_id   = nftables_set.blocked.id
                  elements = [%s]
                }

                resource "nftables_set_elements" "blocklist" {
                  set_id        = nftables_set.blocked.id
                  elements_file = "%s"
                }
                """.formatted(
                        String.join(
                                ", ", OTHERS.stream().map(e -> "\"" + e + "\"").toList()),
                        file);
    }

    private static <T> T timed(String what, Supplier<T> step) {
        return WallTime.timed("SetElementsFileIT", what, step);
    }
}
