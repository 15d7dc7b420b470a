package io.nftkeeper.provider.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders one schema block from {@code terraform providers schema -json} as the Markdown "Schema" section the
 * Terraform registry shows: required, optional and read-only attributes, then nested blocks each in its own section.
 */
final class SchemaMarkdown {
    private final StringBuilder out = new StringBuilder();
    private final List<Nested> nested = new ArrayList<>();

    /** A nested block or nested attribute still to render in its own section; {@code anchor} says which. */
    private record Nested(String path, String anchor, JsonNode block) {}

    static String render(JsonNode block) {
        SchemaMarkdown markdown = new SchemaMarkdown();
        markdown.block(block, "");
        return markdown.out.toString();
    }

    private void block(JsonNode block, String anchorPrefix) {
        group("Required", block, anchorPrefix, Kind.REQUIRED);
        group("Optional", block, anchorPrefix, Kind.OPTIONAL);
        group("Read-Only", block, anchorPrefix, Kind.READ_ONLY);
        while (!nested.isEmpty()) {
            Nested next = nested.remove(0);
            out.append("\n<a id=\"")
                    .append(next.anchor())
                    .append("--")
                    .append(next.path().replace('.', '-'))
                    .append("\"></a>\n");
            out.append("### Nested Schema for `").append(next.path()).append("`\n\n");
            block(next.block(), next.path() + ".");
        }
    }

    private enum Kind {
        REQUIRED,
        OPTIONAL,
        READ_ONLY
    }

    private void group(String title, JsonNode block, String anchorPrefix, Kind kind) {
        List<String> lines = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        block.path("attributes").properties().iterator();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            if (kindOf(attribute.getValue()) == kind) {
                String path = anchorPrefix + attribute.getKey();
                lines.add(attributeLine(attribute.getKey(), path, attribute.getValue()));
                if (attribute.getValue().has("nested_type")) {
                    nested.add(
                            new Nested(path, "nestedatt", attribute.getValue().path("nested_type")));
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        block.path("block_types").properties().iterator();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> blockType = it.next();
            Kind blockKind = blockType.getValue().path("min_items").asInt(0) > 0 ? Kind.REQUIRED : Kind.OPTIONAL;
            if (blockKind == kind) {
                String path = anchorPrefix + blockType.getKey();
                lines.add(blockLine(blockType.getKey(), path, blockType.getValue()));
                nested.add(new Nested(path, "nestedblock", blockType.getValue().path("block")));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        out.append("### ").append(title).append("\n\n");
        lines.stream().sorted().forEach(line -> out.append(line).append('\n'));
        out.append('\n');
    }

    private static Kind kindOf(JsonNode attribute) {
        if (attribute.path("required").asBoolean()) {
            return Kind.REQUIRED;
        }
        return attribute.path("optional").asBoolean() ? Kind.OPTIONAL : Kind.READ_ONLY;
    }

    private static String attributeLine(String name, String path, JsonNode attribute) {
        JsonNode nestedType = attribute.path("nested_type");
        List<String> traits = new ArrayList<>(
                List.of(nestedType.isMissingNode() ? typeName(attribute.path("type")) : nestedTypeName(nestedType)));
        if (attribute.path("sensitive").asBoolean()) {
            traits.add("Sensitive");
        }
        if (attribute.path("deprecated").asBoolean()) {
            traits.add("Deprecated");
        }
        String line = "- `" + name + "` (" + String.join(", ", traits) + ")" + description(attribute);
        return nestedType.isMissingNode()
                ? line
                : line + " (see [below for nested schema](#nestedatt--" + path.replace('.', '-') + "))";
    }

    /** A nested attribute's kind as the registry names it, e.g. {@code Attributes List}. */
    private static String nestedTypeName(JsonNode nestedType) {
        return switch (nestedType.path("nesting_mode").asText()) {
            case "single" -> "Attributes";
            case "set" -> "Attributes Set";
            case "map" -> "Attributes Map";
            default -> "Attributes List";
        };
    }

    private static String blockLine(String name, String path, JsonNode blockType) {
        String mode = switch (blockType.path("nesting_mode").asText()) {
            case "single", "group" -> "Block";
            case "set" -> "Block Set";
            default -> "Block List";
        };
        int max = blockType.path("max_items").asInt(0);
        String limit = max > 0 ? ", Max: " + max : "";
        return "- `" + name + "` (" + mode + limit + ")" + description(blockType.path("block"))
                + " (see [below for nested schema](#nestedblock--" + path.replace('.', '-') + "))";
    }

    private static String description(JsonNode node) {
        String text = node.path("description").asText("").strip();
        return text.isEmpty() ? "" : " " + text;
    }

    /** Terraform's type JSON ("string", ["list","string"], ["object",{...}]) as the registry names it. */
    static String typeName(JsonNode type) {
        if (type.isTextual()) {
            return switch (type.asText()) {
                case "string" -> "String";
                case "number" -> "Number";
                case "bool" -> "Boolean";
                default -> "Dynamic";
            };
        }
        String kind = type.get(0).asText();
        return switch (kind) {
            case "list" -> "List of " + typeName(type.get(1));
            case "set" -> "Set of " + typeName(type.get(1));
            case "map" -> "Map of " + typeName(type.get(1));
            case "object" -> "Object";
            default -> "Tuple";
        };
    }
}
