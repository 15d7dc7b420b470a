package io.nftkeeper.agent.nft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nftkeeper.protocol.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON listing of a table with flags (e.g. {@code dormant}), which nft 1.0.6 cannot print: its
 * {@code table_flags_json} frees the one flag's string before printing it, so {@code list table} prints freed
 * memory there or stops mid-object. Rebuilt from pieces that do not print the table (one {@code list chain|set|map|
 * counter|quota|limit} per object the text listing declares, in its order), behind a table object whose flags come
 * from the text listing.
 */
final class FlaggedTableListing {

    /**
     * Kinds listed one by one. Not ct timeouts, ct expectations and synproxies: nft 1.0.6 aborts (an assertion in
     * {@code do_command_list_json}) on a JSON listing of one of those, which would end the agent; nor flowtables and
     * secmarks, whose single listing could not be tried on a kernel that has them. A flagged table's listing goes
     * without these kinds.
     */
    private static final Pattern OBJECT =
            Pattern.compile("^\t(chain|set|map|counter|quota|limit|ct helper) (\\S+) \\{$");

    private static final Pattern FLAGS = Pattern.compile("^\tflags (\\S+)$");

    private FlaggedTableListing() {}

    /** Whether a table's text listing declares flags: then its JSON listing must not be asked for. */
    static boolean hasFlags(String text) {
        return text.lines().anyMatch(line -> FLAGS.matcher(line).matches());
    }

    /** Whether a {@code list table} result carries flags, i.e. may hold freed memory where they should be. */
    static boolean printsFlags(JsonNode listing) {
        for (JsonNode item : listing.path("nftables")) {
            if (item.has("table") && item.path("table").has("flags")) {
                return true;
            }
        }
        return false;
    }

    /** The listing of {@code table}, whose stateless text listing is {@code text}; {@code list} runs one command. */
    static JsonNode rebuild(TableRef table, String text, Function<String, JsonNode> list) {
        List<String> flags = new ArrayList<>();
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        ObjectNode tableItem = items.addObject();
        ObjectNode tableObject = tableItem.putObject("table");
        tableObject.put("family", table.family().nftName()).put("name", table.name());
        for (String line : text.lines().toList()) {
            Matcher flagLine = FLAGS.matcher(line);
            Matcher object = OBJECT.matcher(line);
            if (flagLine.matches()) {
                flags.addAll(List.of(flagLine.group(1).split(",")));
            } else if (object.matches()) {
                String command = "list " + object.group(1) + " "
                        + table.family().nftName() + " " + table.name() + " " + object.group(2);
                for (JsonNode item : list.apply(command).path("nftables")) {
                    if (!item.has("metainfo")) {
                        items.add(item);
                    }
                }
            }
        }
        if (flags.size() == 1) {
            tableObject.put("flags", flags.get(0));
        } else if (!flags.isEmpty()) {
            flags.forEach(tableObject.putArray("flags")::add);
        }
        ObjectNode listing = JsonNodeFactory.instance.objectNode();
        listing.set("nftables", items);
        return listing;
    }
}
