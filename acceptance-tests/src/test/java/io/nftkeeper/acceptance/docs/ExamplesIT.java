package io.nftkeeper.acceptance.docs;

import io.nftkeeper.acceptance.terraform.ProviderMirror;
import io.nftkeeper.acceptance.terraform.Terraform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Terraform file users may copy is formatted and valid against the provider's schema. */
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
            Terraform.in(workDir).run("fmt", "-check", "-recursive", "-diff", repository.resolve(dir).toString())
                    .assertExit(0);
        }
    }

    @Test
    void everyExampleDirectoryValidates() throws IOException {
        List<Path> dirs = terraformDirectories(ProviderMirror.repository().resolve("examples"));
        assertThat(dirs).isNotEmpty();
        int n = 0;
        for (Path dir : dirs) {
            Path copy = workDir.resolve("example-" + n++);
            Files.createDirectories(copy);
            boolean declaresProviders = false;
            for (Path tf : tfFiles(dir)) {
                String text = Files.readString(tf);
                declaresProviders |= text.contains("required_providers");
                Files.writeString(copy.resolve(tf.getFileName()), text);
            }
            if (!declaresProviders) {
                // examples/resources/* are registry snippets: they rely on the page's provider setup
                Files.writeString(copy.resolve("versions.tf"), REQUIRED_PROVIDERS);
            }
            Terraform tf = Terraform.in(copy);
            tf.init();
            tf.run("validate").assertExit(0);
        }
    }

    private static List<Path> terraformDirectories(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isDirectory).filter(dir -> !tfFiles(dir).isEmpty()).sorted().toList();
        }
    }

    private static List<Path> tfFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
