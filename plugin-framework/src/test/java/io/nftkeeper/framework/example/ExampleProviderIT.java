package io.nftkeeper.framework.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.server.PluginServer;
import io.nftkeeper.framework.server.ReattachHandle;
import io.nftkeeper.framework.types.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                .as("plan without refresh is empty too")
                .isZero();

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
        assertThat(ok(importer.run("state", "show", "-no-color", "example_file.f"))
                        .output())
                .contains("\"" + secondId + "\"", "renamed.txt", "384", "revision");

        ok(terraform.run("destroy", "-auto-approve", "-input=false", "-no-color"));
        assertThat(store.all()).isEmpty();
    }

    /**
     * example_server: nested attributes, a set, a map, a number beyond 2^64, a computed value unknown at plan,
     * requires-replace inside a nested attribute, import, and state of schema version 0 upgraded to version 1.
     */
    @Test
    void serverWithNestedAttributesCollectionsBigNumbersAndStateUpgrade() throws Exception {
        String big = "18446744073709551616123";
        terraform.writeConfig(serverConfig("512", "prod", 80, big));
        ok(terraform.run("init", "-input=false", "-no-color"));
        ok(terraform.run("apply", "-auto-approve", "-input=false", "-no-color"));
        assertThat(store.servers()).hasSize(1);
        String id = store.servers().keySet().iterator().next();
        Value created = store.server(id).orElseThrow();
        assertThat(created.get("serial").asBigInteger()).hasToString(big);
        assertThat(created.get("listeners").asList().get(0).get("protocol").asString())
                .as("default")
                .isEqualTo("tcp");
        assertThat(created.get("admin_password").isNull())
                .as("write-only is never stored")
                .isTrue();
        noChanges(terraform);

        terraform.writeConfig(serverConfig("512", "staging", 80, big));
        Terraform.Result plan = ok(terraform.run("plan", "-input=false", "-no-color"));
        assertThat(plan.output()).contains("fingerprint", "(known after apply)", "1 to change");
        Terraform.Result update = ok(terraform.run("apply", "-auto-approve", "-input=false", "-no-color"));
        assertThat(update.output()).contains("1 changed", "0 destroyed");
        assertThat(store.server(id).orElseThrow().get("fingerprint")).isNotEqualTo(created.get("fingerprint"));
        noChanges(terraform);

        terraform.writeConfig(serverConfig("512", "staging", 8080, big));
        Terraform.Result replace = ok(terraform.run("apply", "-auto-approve", "-input=false", "-no-color"));
        assertThat(replace.output()).contains("must be replaced", "1 added", "1 destroyed");
        assertThat(store.servers()).hasSize(1).doesNotContainKey(id);
        String replacedId = store.servers().keySet().iterator().next();
        noChanges(terraform);

        importer.writeConfig(serverConfig("512", "staging", 8080, big));
        ok(importer.run("init", "-input=false", "-no-color"));
        ok(importer.run("import", "-input=false", "-no-color", "example_server.s", replacedId));
        noChanges(importer);

        Path legacyDir = Files.createDirectories(tmp.resolve("legacy"));
        Terraform legacy = new Terraform(
                legacyDir, tmp.resolve("terraformrc"), Map.of("TF_REATTACH_PROVIDERS", provider.reattachJson()));
        legacy.writeConfig(serverConfig("512", "staging", 8080, big));
        Files.writeString(legacyDir.resolve("terraform.tfstate"), versionZeroState(replacedId));
        ok(legacy.run("init", "-input=false", "-no-color"));
        noChanges(legacy);
        ok(legacy.run("apply", "-auto-approve", "-input=false", "-no-color"));
        assertThat(Files.readString(legacyDir.resolve("terraform.tfstate")))
                .contains("\"schema_version\": 1", "\"memory_mb\": 512");

        ok(terraform.run("destroy", "-auto-approve", "-input=false", "-no-color"));
        assertThat(store.servers()).isEmpty();
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
        Files.writeString(
                launcher,
                "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                        + ExampleProviderMain.class.getName() + " \"$@\"\n");
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

    private static String serverConfig(String memory, String env, int port, String serial) {
        return """
                terraform {
                  required_providers {
                    example = { source = "example/example" }
                  }
                }
                resource "example_server" "s" {
                  name           = "web"
                  memory_mb      = %s
                  labels         = { env = "%s", team = "core" }
                  serial         = %s
                  listeners      = [{ port = %d }, { port = 9000, protocol = "udp" }]
                  admin_password = "secret"
                }
                """.formatted(memory, env, serial, port);
    }

    /** State as a version 0 provider wrote it: memory was text, nothing else existed. */
    private static String versionZeroState(String id) {
        return """
                {
                  "version": 4, "terraform_version": "1.11.4", "serial": 1,
                  "lineage": "6f1c8a52-0d0b-4c57-9d43-6b7de7c3a001", "outputs": {},
                  "resources": [{
                    "mode": "managed", "type": "example_server", "name": "s",
                    "provider": "provider[\\"registry.terraform.io/example/example\\"]",
                    "instances": [{"schema_version": 0, "attributes": {"id": "%s", "name": "web", "memory": "512MB"},
                                   "sensitive_attributes": []}]
                  }],
                  "check_results": null
                }
                """.formatted(id);
    }

    private static void noChanges(Terraform tf) throws Exception {
        Terraform.Result plan = tf.run("plan", "-detailed-exitcode", "-input=false", "-no-color");
        assertThat(exit(plan))
                .as("plan after apply must be empty:%n%s", plan.output())
                .isZero();
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
