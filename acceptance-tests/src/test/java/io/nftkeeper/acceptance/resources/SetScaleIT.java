package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blocklist-sized nftables_set: ten thousand elements apply, re-plan empty and may be listed in any order, within
 * seconds of terraform's own time (the elements are a list compared element by element, not a set Terraform compares
 * pairwise). Wall times go to stderr with the load average, since this machine is often busy.
 */
class SetScaleIT {
    private static final int ELEMENTS = 10_000;
    /** Coprime with {@link #ELEMENTS}: {@code i * STRIDE % ELEMENTS} visits every index once, out of order. */
    private static final int STRIDE = 7_919;

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("setscale-it");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void tenThousandElementsApplyReplanEmptyAndMayBeReordered() {
        List<String> scrambled = IntStream.range(0, ELEMENTS)
                .mapToObj(i -> element(i * STRIDE % ELEMENTS))
                .toList();
        List<String> ordered =
                IntStream.range(0, ELEMENTS).mapToObj(SetScaleIT::element).toList();
        Terraform tf = Terraform.in(workDir).config(config(scrambled));
        tf.init();

        timed("apply of " + ELEMENTS + " elements", tf::apply);
        assertThat(host.exec(
                                "sh",
                                "-c",
                                "nft list set inet scale blocked | grep -o '10\\.213\\.[0-9]*\\.[0-9]*' "
                                        + "| sort -u | wc -l")
                        .strip())
                .isEqualTo(String.valueOf(ELEMENTS));
        timed("plan after apply", () -> tf.plan().assertExit(0));

        // the same elements in another order are no change: nothing to plan, nothing written
        tf.config(config(ordered));
        timed("plan of the reordered list", () -> tf.plan().assertExit(0));

        timed("destroy", tf::destroy);
        assertThat(host.nft("list tables")).doesNotContain("scale");
    }

    /** 10.213.x.y: inside the test range, so even a mistaken rule could not match anything else. */
    private static String element(int i) {
        return "10.213." + i / 256 + "." + i % 256;
    }

    private static String config(List<String> elements) {
        return Hcl.provider(host)
                + Hcl.table("t", "inet", "scale")
                + """
                resource "nftables_set" "blocked" {
                  table_id = nftables_table.t.id
                  name     = "blocked"
                  type     = "ipv4_addr"
                  elements = [
                %s
                  ]
                }
                """.formatted(elements.stream().map(e -> "    \"" + e + "\",").collect(Collectors.joining("\n")));
    }

    private static <T> T timed(String what, Supplier<T> step) {
        return WallTime.timed("SetScaleIT", what, step);
    }
}
