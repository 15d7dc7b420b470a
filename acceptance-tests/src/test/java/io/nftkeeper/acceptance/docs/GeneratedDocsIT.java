package io.nftkeeper.acceptance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.terraform.ProviderMirror;
import io.nftkeeper.acceptance.terraform.Terraform;
import io.nftkeeper.provider.docs.DocsGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed registry docs are exactly what the provider's schema, as terraform reports it, generates with
 * {@link DocsGenerator} (provider's test scope): run scripts/generate-docs if not.
 */
class GeneratedDocsIT {

    @TempDir
    Path workDir;

    @Test
    void committedDocsMatchTheSchema() throws IOException {
        Path repository = ProviderMirror.repository();
        List<DocsGenerator.Page> pages =
                new DocsGenerator(repository).render(DocsGenerator.providerSchema(schemaFromTerraform()));

        assertThat(pages).isNotEmpty();
        for (DocsGenerator.Page page : pages) {
            Path committed = repository.resolve(page.path());
            assertThat(committed)
                    .as("%s is missing: run scripts/generate-docs", page.path())
                    .exists();
            assertThat(Files.readString(committed))
                    .as("%s differs from the schema: run scripts/generate-docs", page.path())
                    .isEqualTo(page.content());
        }
        try (Stream<Path> files = Stream.of("docs/resources", "docs/data-sources")
                .map(repository::resolve)
                .filter(Files::isDirectory)
                .flatMap(GeneratedDocsIT::list)) {
            List<Path> generated =
                    pages.stream().map(page -> repository.resolve(page.path())).toList();
            assertThat(files.toList())
                    .as("docs without a resource or data source behind them")
                    .allMatch(generated::contains);
        }
    }

    /** {@code terraform providers schema -json} for the built provider, as scripts/generate-docs asks for it. */
    private String schemaFromTerraform() {
        Terraform tf = Terraform.in(workDir).config("""
                terraform {
                  required_providers {
                    nftables = { source = "nftkeeper/nftables" }
                  }
                }
                """);
        tf.init();
        return tf.run("providers", "schema", "-json").assertExit(0).stdout();
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
