package io.nftkeeper.acceptance.examples;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/import-existing: the committed files are what its README's flow produces for hand-written.nft, and
 * applying them adopts the hand-written table without changing a byte of the host's ruleset.
 */
class ImportExistingExampleIT {
    private static final ExampleDir EXAMPLE = ExampleDir.named("import-existing");
    private static final Pattern RESOURCE = Pattern.compile("(?m)^resource \"(\\w+)\" \"(\\w+)\"");

    private static SandboxHost host;
    private static String rulesetBefore;

    @TempDir
    Path workDir;

    @BeforeAll
    static void loadTheHandWrittenRuleset() {
        host = SandboxHost.up("importex");
        host.exec("nft", "-f", EXAMPLE.file("hand-written.nft").toString());
        rulesetBefore = statelessRuleset();
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void theCommittedFilesAreWhatTheFlowWritesAndApplyingThemAdoptsTheTableUnchanged() throws IOException {
        // step 2: import-config writes the committed import blocks, with the host where imports.tf says var.host
        String written = importConfig(host.address(), "inet/office");
        assertThat(importBlocks(written))
                .isEqualTo(importBlocks(EXAMPLE.read("imports.tf").replace("${var.host}", host.address())));

        // step 3: from main.tf and those blocks, terraform writes configuration for the resources office.tf holds
        Path flow = EXAMPLE.copyInto(workDir.resolve("flow"), host, "versions.tf", "variables.tf", "main.tf");
        Files.writeString(flow.resolve("imports.tf"), written);
        Terraform generating = Terraform.in(flow);
        generating.init();
        generating
                .run("plan", "-input=false", "-generate-config-out=generated.tf")
                .assertExit(0);
        assertThat(resources(Files.readString(flow.resolve("generated.tf"))))
                .isEqualTo(resources(EXAMPLE.read("office.tf")));
        assertThat(statelessRuleset()).isEqualTo(rulesetBefore);

        // step 4: the committed example imports all five objects, changes nothing, and then plans empty
        Terraform tf = Terraform.in(EXAMPLE.copyInto(workDir.resolve("example"), host));
        tf.init();
        assertThat(tf.plan().assertExit(2).stdout())
                .contains("Plan: 5 to import, 0 to add, 1 to change, 0 to destroy.");
        assertThat(tf.apply().stdout()).contains("5 imported, 0 added, 1 changed, 0 destroyed");
        tf.plan().assertExit(0);
        tf.plan("-refresh=false").assertExit(0);
        assertThat(statelessRuleset()).isEqualTo(rulesetBefore);
    }

    /** What {@code nftkeeper import-config} prints for the sandbox, run in-process as the CLI's main would. */
    private static String importConfig(String hostName, String table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new String[] {
                    "import-config",
                    hostName,
                    table,
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

    /** The import blocks without the comments around them (the committed file explains its one edit). */
    private static String importBlocks(String importsTf) {
        return importsTf
                .lines()
                .filter(line -> !line.startsWith("#"))
                .collect(Collectors.joining("\n"))
                .strip();
    }

    /** {@code type.name} of every resource block. */
    private static Set<String> resources(String hcl) {
        Matcher matcher = RESOURCE.matcher(hcl);
        return matcher.results().map(m -> m.group(1) + "." + m.group(2)).collect(Collectors.toSet());
    }

    private static String statelessRuleset() {
        return host.exec("nft", "-s", "list", "ruleset");
    }
}
