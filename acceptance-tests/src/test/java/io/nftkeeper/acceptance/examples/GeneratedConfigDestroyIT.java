package io.nftkeeper.acceptance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.BystanderHost;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Terraform;
import io.nftkeeper.cli.Main;
import io.nftkeeper.cli.drift.AgentHostChecker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/import-existing's flow, kept as {@code -generate-config-out} wrote it (literal {@code table_id}s, so no
 * dependency edges): applied, then {@code terraform destroy}ed without an error, leaving kube-proxy's tables
 * ({@link BystanderHost}) byte for byte alone.
 */
class GeneratedConfigDestroyIT {
    private static final ExampleDir EXAMPLE = ExampleDir.named("import-existing");

    @RegisterExtension
    static final BystanderHost SANDBOX = new BystanderHost("sem-gendestroy");

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void useHost() {
        host = SANDBOX.host();
    }

    @Test
    void theGeneratedConfigurationIsAdoptedAndDestroyedAgainAndAgain() throws IOException {
        for (int round = 1; round <= 2; round++) {
            host.exec("nft", "-f", EXAMPLE.file("hand-written.nft").toString());
            Path flow =
                    EXAMPLE.copyInto(workDir.resolve("round" + round), host, "versions.tf", "variables.tf", "main.tf");
            Files.writeString(flow.resolve("imports.tf"), importConfig());
            Terraform tf = Terraform.in(flow);
            tf.init();
            tf.run("plan", "-input=false", "-generate-config-out=generated.tf").assertExit(0);
            assertThat(Files.readString(flow.resolve("generated.tf")))
                    .contains("table_id = \"" + host.address() + "/inet/office\"");
            assertThat(tf.apply().stdout()).contains("5 imported");

            Terraform.Result destroyed = tf.destroy();
            assertThat(destroyed.stdout()).as("round " + round).contains("Resources: 5 destroyed.");
            assertThat(host.exec("nft", "list", "tables")).as("round " + round).doesNotContain("office");
        }
    }

    private static String importConfig() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new String[] {
                    "import-config",
                    host.address(),
                    "inet/office",
                    "--private-key-file",
                    host.privateKeyPath().toString(),
                    "--host-key",
                    host.hostKey()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                InputStream.nullInputStream(),
                AgentHostChecker::new);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
