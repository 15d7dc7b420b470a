package io.nftkeeper.framework.example;

import io.nftkeeper.framework.server.PluginServer;
import io.nftkeeper.framework.server.ReattachHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The framework against the real terraform binary, the way terraform-plugin-testing checks providers:
 * apply, empty re-plan, in-place update, replacement, import into a fresh directory, destroy.
 */
class ExampleProviderIT {
    private final FileStore store = new FileStore();
    private ReattachHandle provider;
    private Path tmp;
    private Terraform terraform;
    private Terraform importer;

    @BeforeEach
    void start(@TempDir Path tmp) throws Exception {
        provider = PluginServer.startForReattach(new ExampleProvider(store));
        Path cliConfig = Files.writeString(tmp.resolve("terraformrc"), "");
        Path main = Files.createDirectories(tmp.resolve("main"));
        Path imported = Files.createDirectories(tmp.resolve("import"));
        Map<String, String> reattach = Map.of("TF_REATTACH_PROVIDERS", provider.reattachJson());
        terraform = new Terraform(main, cliConfig, reattach);
        importer = new Terraform(imported, cliConfig, reattach);
        this.tmp = tmp;
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void fullLifecycleWithRealTerraform() throws Exception {
        terraform.writeConfig(config("notes.txt", "hello", null));
        ok(terraform.run("init", "-input=false", "-no-color"));
        ok(terraform.run("apply", "-auto-approve", "-input=false", "-no-color"));
        assertThat(store.all()).hasSize(1);
        String firstId = store.all().keySet().iterator().next();
        assertThat(store.get(firstId).orElseThrow().mode()).isEqualTo(FileResource.DEFAULT_MODE);

        noChanges(terraform);
        assertThat(exit(terraform.run("plan", "-refresh=false", "-detailed-exitcode", "-input=false", "-no-color")))
                .as("plan without refresh is empty too").isZero();

        terraform.writeConfig(config("notes.txt", "hello again", 384L));
        Terraform.Result update = ok(terraform.run("apply", "-auto-approve", "-input=false", "-no-color"));
        assertThat(update.output()).contains("1 changed", "0 destroyed");
        assertThat(store.get(firstId).orElseThrow()).satisfies(f -> {
            assertThat(f.content()).isEqualTo("hello again");
            assertThat(f.mode()).isEqualTo(384L);
            assertThat(f.revision()).isEqualTo(2L);
        });
        noChanges(terraform);

        terraform.writeConfig(config("renamed.txt", "hello again", 384L));
        Terraform.Result replace = ok(terraform.run("apply", "-auto-approve", "-input=false", "-no-color"));
        assertThat(replace.output()).contains("must be replaced", "1 added", "1 destroyed");
        assertThat(store.all()).hasSize(1).doesNotContainKey(firstId);
        String secondId = store.all().keySet().iterator().next();
        noChanges(terraform);

        importer.writeConfig(config("renamed.txt", "hello again", 384L));
        ok(importer.run("init", "-input=false", "-no-color"));
        ok(importer.run("import", "-input=false", "-no-color", "example_file.f", secondId));
        noChanges(importer);
        assertThat(ok(importer.run("state", "show", "-no-color", "example_file.f")).output())
                .contains("\"" + secondId + "\"", "renamed.txt", "384", "revision");

        ok(terraform.run("destroy", "-auto-approve", "-input=false", "-no-color"));
        assertThat(store.all()).isEmpty();
    }

    /**
     * The path users take: terraform launches the provider process itself, which passes the magic cookie,
     * completes the AutoMTLS handshake and exits when Terraform calls Shutdown.
     */
    @Test
    void terraformLaunchesTheProviderOverAutoMtls() throws Exception {
        Path pluginDir = Files.createDirectories(tmp.resolve("plugins"));
        Path launcher = pluginDir.resolve("terraform-provider-example");
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' " + ExampleProviderMain.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cliConfig = Files.writeString(tmp.resolve("dev.tfrc"), """
                provider_installation {
                  dev_overrides { "example/example" = "%s" }
                  direct {}
                }
                """.formatted(pluginDir));
        Path dir = Files.createDirectories(tmp.resolve("launched"));
        Terraform launched = new Terraform(dir, cliConfig, Map.of("TF_LOG", "debug"));
        launched.writeConfig(config("a.txt", "launched", null));

        Terraform.Result apply = ok(launched.run("apply", "-auto-approve", "-input=false", "-no-color"));
        assertThat(apply.output())
                .contains("configuring client automatic mTLS", "Apply complete! Resources: 1 added")
                .doesNotContain("plugin failed to exit gracefully");
    }

    private static String config(String name, String content, Long mode) {
        return """
                terraform {
                  required_providers {
                    example = { source = "example/example" }
                  }
                }
                provider "example" {
                  label = "it"
                }
                resource "example_file" "f" {
                  name    = "%s"
                  content = "%s"
                %s}
                """.formatted(name, content, mode == null ? "" : "  mode    = " + mode + "\n");
    }

    private static void noChanges(Terraform tf) throws Exception {
        Terraform.Result plan = tf.run("plan", "-detailed-exitcode", "-input=false", "-no-color");
        assertThat(exit(plan)).as("plan after apply must be empty:%n%s", plan.output()).isZero();
    }

    private static int exit(Terraform.Result result) {
        assertThat(result.output()).doesNotContain("Provider produced");
        return result.exitCode();
    }

    private static Terraform.Result ok(Terraform.Result result) {
        assertThat(exit(result)).as("terraform failed:%n%s", result.output()).isZero();
        return result;
    }
}
