package io.nftkeeper.provider.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generates docs/resources/*.md and docs/data-sources/*.md from the provider's schema as Terraform reports it
 * ({@code terraform providers schema -json}), plus the examples in examples/resources/TYPE/ and optional templates
 * in templates/. Run by scripts/generate-docs ({@link #main}), which asks terraform for the schema; GeneratedDocsIT
 * (acceptance-tests) asks terraform the same way and fails when committed docs differ. Test scope: it ships with
 * nothing.
 */
public final class DocsGenerator {
    /** The provider's address in terraform's schema output. */
    public static final String PROVIDER = "registry.terraform.io/nftkeeper/nftables";

    private static final String PREFIX = "nftables_";

    /** One generated file, relative to the repository root. */
    public record Page(Path path, String content) {}

    private final Path repository;

    public DocsGenerator(Path repository) {
        this.repository = repository;
    }

    /** {@code DocsGenerator REPOSITORY SCHEMA_JSON}: writes the pages that the schema file generates. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DocsGenerator REPOSITORY SCHEMA_JSON (terraform providers schema -json)");
            System.exit(2);
        }
        Path repository = Path.of(args[0]);
        JsonNode providerSchema = providerSchema(Files.readString(Path.of(args[1])));
        for (Page page : new DocsGenerator(repository).render(providerSchema)) {
            Path target = repository.resolve(page.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, page.content());
            System.out.println("wrote " + page.path());
        }
    }

    /** This provider's part of {@code terraform providers schema -json}'s output. */
    public static JsonNode providerSchema(String schemaJson) {
        try {
            JsonNode schema = new ObjectMapper()
                    .readTree(schemaJson)
                    .path("provider_schemas")
                    .path(PROVIDER);
            if (schema.isMissingNode()) {
                throw new IllegalArgumentException("no schema of " + PROVIDER + " in terraform's output");
            }
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Page> render(JsonNode providerSchema) {
        List<Page> pages = new ArrayList<>();
        pages.addAll(pages(providerSchema.path("resource_schemas"), "Resource", "resources"));
        pages.addAll(pages(providerSchema.path("data_source_schemas"), "Data Source", "data-sources"));
        return pages;
    }

    private List<Page> pages(JsonNode schemas, String kind, String folder) {
        List<Page> pages = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String type = entry.getKey();
            String shortName = type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
            pages.add(new Page(
                    Path.of("docs", folder, shortName + ".md"),
                    page(type, kind, folder, entry.getValue().path("block"))));
        }
        pages.sort((a, b) -> a.path().compareTo(b.path()));
        return pages;
    }

    private String page(String type, String kind, String folder, JsonNode block) {
        String description = block.path("description").asText("").strip();
        Optional<String> example =
                read(Path.of("examples", folder, type, folder.equals("resources") ? "resource.tf" : "data-source.tf"));
        Optional<String> importCommand = read(Path.of("examples", folder, type, "import.sh"));
        Optional<String> notes = read(Path.of("templates", folder, type + ".md"));

        StringBuilder page = new StringBuilder();
        page.append("---\n")
                .append("page_title: \"")
                .append(type)
                .append(' ')
                .append(kind)
                .append(" - nftables\"\n")
                .append("description: |-\n  ")
                .append(description.replace("\n", "\n  "))
                .append('\n')
                .append("---\n\n")
                .append("# ")
                .append(type)
                .append(" (")
                .append(kind)
                .append(")\n\n")
                .append(description)
                .append("\n\n");
        example.ifPresent(tf -> page.append("## Example Usage\n\n```terraform\n")
                .append(tf.strip())
                .append("\n```\n\n"));
        page.append(
                "<!-- generated from the provider schema by scripts/generate-docs: edit the schema, examples/ or templates/ -->\n");
        page.append("## Schema\n\n").append(SchemaMarkdown.render(block));
        notes.ifPresent(text -> page.append(text.strip()).append("\n\n"));
        importCommand.ifPresent(
                sh -> page.append("## Import\n\nImport is supported using the following syntax:\n\n```shell\n")
                        .append(sh.strip())
                        .append("\n```\n"));
        return page.toString().stripTrailing() + "\n";
    }

    private Optional<String> read(Path relative) {
        Path file = repository.resolve(relative);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
