package io.nftkeeper.acceptance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.terraform.ProviderMirror;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Terraform file users may copy (examples/, modules/) is formatted and valid against the provider schema. */
class ExamplesIT {
    private static final String REQUIRED_PROVIDERS = """
            terraform {
              required_providers {
                nftables = { source = "nftkeeper/nftables" }
              }
            }
            """;

    @TempDir
    Path workDir;

    @Test
    void everyTerraformFileIsFormatted() {
        Path repository = ProviderMirror.repository();
        for (String dir : List.of("examples", "modules")) {
            Terraform.in(workDir)
                    .run(
                            "fmt",
                            "-check",
                            "-recursive",
                            "-diff",
                            repository.resolve(dir).toString())
                    .assertExit(0);
        }
    }

    @Test
    void everyExampleAndModuleDirectoryValidates() throws IOException {
        // copied side by side as in the repository, so examples/environments find ../../../modules
        Path repository = ProviderMirror.repository();
        List<Path> dirs = new ArrayList<>();
        for (String tree : List.of("examples", "modules")) {
            copyTerraformFiles(repository.resolve(tree), workDir.resolve(tree));
            dirs.addAll(terraformDirectories(workDir.resolve(tree)));
        }
        assertThat(dirs)
                .anyMatch(dir -> dir.endsWith("examples/environments/prod"))
                .anyMatch(dir -> dir.endsWith("modules/host-baseline"));
        List<Path> snippets = new ArrayList<>();
        for (Path dir : dirs) {
            boolean declaresProviders = false;
            for (Path tf : tfFiles(dir)) {
                declaresProviders |= Files.readString(tf).contains("required_providers");
            }
            if (declaresProviders) {
                Terraform tf = Terraform.in(dir);
                tf.init();
                tf.run("validate").assertExit(0);
            } else {
                // examples/resources/* are registry snippets: they rely on the page's provider setup
                Files.writeString(dir.resolve("versions.tf"), REQUIRED_PROVIDERS);
                snippets.add(dir);
            }
        }
        assertThat(snippets).anyMatch(dir -> dir.endsWith("examples/resources/nftables_table"));
        validateAsModulesOfOneRoot(snippets);
    }

    /**
     * Validates each of {@code dirs} as a module of one root configuration: terraform validates every module of a
     * configuration as it validates a root, provider checks included (an error names the module's file), and one
     * provider start serves them all instead of one each. Only for directories without variables to set.
     */
    private void validateAsModulesOfOneRoot(List<Path> dirs) throws IOException {
        Path root = workDir.resolve("snippets-root");
        StringBuilder config = new StringBuilder(REQUIRED_PROVIDERS);
        for (Path dir : dirs) {
            String relative = workDir.relativize(dir).toString();
            config.append("module \"%s\" {\n  source = \"../%s\"\n}\n".formatted(relative.replace('/', '_'), relative));
        }
        Terraform tf = Terraform.in(root).config(config.toString());
        tf.init();
        tf.run("validate").assertExit(0);
    }

    /** The .tf and .tftest.hcl files below {@code from}, at the same relative paths below {@code to}. */
    private static void copyTerraformFiles(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().contains("/.terraform"))
                    .filter(f -> f.toString().endsWith(".tf") || f.toString().endsWith(".tftest.hcl"))
                    .toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static List<Path> terraformDirectories(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isDirectory)
                    .filter(dir -> !tfFiles(dir).isEmpty())
                    .sorted()
                    .toList();
        }
    }

    private static List<Path> tfFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tf"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
