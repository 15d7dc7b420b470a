package io.nftkeeper.acceptance.docs;

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
    private final List<Map.Entry<String, JsonNode>> nested = new ArrayList<>();

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
            Map.Entry<String, JsonNode> next = nested.remove(0);
            out.append("\n<a id=\"nestedblock--").append(next.getKey().replace('.', '-')).append("\"></a>\n");
            out.append("### Nested Schema for `").append(next.getKey()).append("`\n\n");
            block(next.getValue(), next.getKey() + ".");
        }
    }

    private enum Kind { REQUIRED, OPTIONAL, READ_ONLY }

    private void group(String title, JsonNode block, String anchorPrefix, Kind kind) {
        List<String> lines = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = block.path("attributes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            if (kindOf(attribute.getValue()) == kind) {
                lines.add(attributeLine(attribute.getKey(), attribute.getValue()));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = block.path("block_types").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> blockType = it.next();
            Kind blockKind = blockType.getValue().path("min_items").asInt(0) > 0 ? Kind.REQUIRED : Kind.OPTIONAL;
            if (blockKind == kind) {
                String path = anchorPrefix + blockType.getKey();
                lines.add(blockLine(blockType.getKey(), path, blockType.getValue()));
                nested.add(Map.entry(path, blockType.getValue().path("block")));
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

    private static String attributeLine(String name, JsonNode attribute) {
        List<String> traits = new ArrayList<>(List.of(typeName(attribute.path("type"))));
        if (attribute.path("sensitive").asBoolean()) {
            traits.add("Sensitive");
        }
        if (attribute.path("deprecated").asBoolean()) {
            traits.add("Deprecated");
        }
        return "- `" + name + "` (" + String.join(", ", traits) + ")" + description(attribute);
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
