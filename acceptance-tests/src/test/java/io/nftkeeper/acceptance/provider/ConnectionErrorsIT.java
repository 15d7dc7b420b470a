package io.nftkeeper.acceptance.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the host cannot be reached or refuses us, terraform shows one clear error naming the host. */
class ConnectionErrorsIT {
    /** In the test range but on no sandbox: scripts/sandbox-host blackholes the rest of 10.213.0.0/16, so no packet leaves. */
    private static final String UNREACHABLE = "10.213.255.254";

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("conn-it");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aKeyTheHostDoesNotAcceptGivesOneErrorNamingTheHost() throws Exception {
        Path otherKey = workDir.resolve("other_key");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString())
                .start()
                .waitFor();
        Terraform tf = Terraform.in(workDir.resolve("tf")).config(config(host.address(), otherKey, "wrongkey"));
        tf.init();

        var result = tf.run("apply", "-input=false", "-auto-approve").assertExit(1);

        assertThat(errorCount(result.stderr())).isEqualTo(1);
        assertThat(result.stderr()).contains(host.address()).containsIgnoringCase("authentication");
        assertThat(result.output())
                .doesNotContain(Files.readString(otherKey)
                        .strip()
                        .lines()
                        .skip(1)
                        .findFirst()
                        .orElseThrow());
        assertThat(host.nft("list tables")).doesNotContain("wrongkey");
    }

    @Test
    void anUnreachableHostGivesOneErrorNamingTheHost() {
        Terraform tf = Terraform.in(workDir).config(config(UNREACHABLE, host.privateKeyPath(), "unreachable"));
        tf.init();

        var result = tf.run("apply", "-input=false", "-auto-approve").assertExit(1);

        assertThat(errorCount(result.stderr())).isEqualTo(1);
        assertThat(result.stderr()).contains(UNREACHABLE);
    }

    private static long errorCount(String stderr) {
        return Pattern.compile("(?m)^Error: ").matcher(stderr).results().count();
    }

    private static String config(String address, Path privateKey, String table) {
        return Hcl.provider(address, privateKey, host) + Hcl.table("t", "inet", table);
    }
}
