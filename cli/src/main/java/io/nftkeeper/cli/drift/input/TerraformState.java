package io.nftkeeper.cli.drift.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.cli.CliException;
import io.nftkeeper.protocol.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code nftables_table} resources of a Terraform state, grouped by host. Reads both the output of
 * {@code terraform show -json} and a raw state file ({@code terraform.tfstate}, format version 4). A state holds
 * no SSH credentials; those come from the command line.
 */
public final class TerraformState {

    static final String TABLE_RESOURCE = "nftables_table";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TerraformState() {}

    /** Host → its managed tables, hosts and tables sorted. */
    public static SortedMap<String, SortedSet<TableRef>> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CliException("cannot read the Terraform state " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses state text; {@code source} names it in error messages. */
    public static SortedMap<String, SortedSet<TableRef>> parse(String text, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CliException(
                    source + " is not JSON (expected `terraform show -json` output or a state file): "
                            + e.getOriginalMessage(),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new CliException(source + " is not a Terraform state: expected a JSON object");
        }
        List<JsonNode> attributes = new ArrayList<>();
        if (root.has("format_version")) {
            collectShown(root.path("values").path("root_module"), attributes);
        } else if (root.has("version") && root.has("resources")) {
            collectStored(root.path("resources"), attributes);
        } else {
            throw new CliException(source + " is neither `terraform show -json` output (no format_version) nor a "
                    + "state file (no version and resources)");
        }
        SortedMap<String, SortedSet<TableRef>> tables = new TreeMap<>();
        for (JsonNode table : attributes) {
            String where = source + ": nftables_table " + table.path("id").asText("(no id)");
            String family = required(table, "family", where);
            String name = required(table, "name", where);
            tables.computeIfAbsent(host(table, family, name, where), h -> new TreeSet<>())
                    .add(TableRefs.of(family, name, where));
        }
        return tables;
    }

    /** {@code terraform show -json}: values.root_module.resources[].values, child modules recursively. */
    private static void collectShown(JsonNode module, List<JsonNode> into) {
        for (JsonNode resource : module.path("resources")) {
            if (isManagedTable(resource)) {
                into.add(resource.path("values"));
            }
        }
        for (JsonNode child : module.path("child_modules")) {
            collectShown(child, into);
        }
    }

    /** State file: resources[].instances[].attributes, modules flattened already. */
    private static void collectStored(JsonNode resources, List<JsonNode> into) {
        for (JsonNode resource : resources) {
            if (isManagedTable(resource)) {
                for (JsonNode instance : resource.path("instances")) {
                    into.add(instance.path("attributes"));
                }
            }
        }
    }

    private static boolean isManagedTable(JsonNode resource) {
        return TABLE_RESOURCE.equals(resource.path("type").asText())
                && "managed".equals(resource.path("mode").asText());
    }

    /** The {@code host} attribute; state written before it existed names the host only in {@code <host>/<family>/<name>}. */
    private static String host(JsonNode table, String family, String name, String where) {
        JsonNode host = table.get("host");
        if (host != null && host.isTextual() && !host.asText().isBlank()) {
            return host.asText();
        }
        String id = table.path("id").asText("");
        String suffix = "/" + family + "/" + name;
        if (id.endsWith(suffix) && id.length() > suffix.length()) {
            return id.substring(0, id.length() - suffix.length());
        }
        throw new CliException(
                where + " names no host (no host attribute, and its id is not <host>/" + family + "/" + name + ")");
    }

    private static String required(JsonNode table, String attribute, String where) {
        JsonNode value = table.get(attribute);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new CliException(where + " has no " + attribute);
        }
        return value.asText();
    }
}
