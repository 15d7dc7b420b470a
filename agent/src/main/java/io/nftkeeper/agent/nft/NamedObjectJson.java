package io.nftkeeper.agent.nft;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.CtExpectation;
import io.nftkeeper.protocol.CtHelper;
import io.nftkeeper.protocol.CtTimeout;
import io.nftkeeper.protocol.Flowtable;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.Secmark;
import io.nftkeeper.protocol.Synproxy;
import io.nftkeeper.protocol.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@link NamedObject} of nft 1.0.6's JSON listing, e.g. {@code {"ct helper": {"name": "ftp-standard", "type":
 * "ftp", "protocol": "tcp", "l3proto": "inet", ...}}}, as the protocol record. Quirks of 1.0.6: a flowtable is listed
 * without its flags, a ct timeout only with the states whose timeout differs from the kernel's default, a single
 * device or flag as a string instead of an array.
 */
final class NamedObjectJson {

    private NamedObjectJson() {}

    /**
     * The object of {@code kind} (nft's JSON key) listed as {@code o}; empty for one the model cannot hold (written by
     * someone else with values nftkeeper never renders), so it never spoils the listing of the table's other objects.
     */
    static Optional<NamedObject> parse(TableRef table, String kind, JsonNode o) {
        try {
            return Optional.of(object(table, kind, o));
        } catch (NftkeeperException e) {
            return Optional.empty();
        }
    }

    private static NamedObject object(TableRef table, String kind, JsonNode o) {
        String name = o.path("name").asText();
        return switch (kind) {
            case "flowtable" ->
                new Flowtable(
                        table,
                        name,
                        o.path("hook").asText("ingress"),
                        o.path("prio").asInt(),
                        strings(o.path("dev")),
                        strings(o.path("flags")));
            case "ct helper" ->
                new CtHelper(
                        table, name, o.path("type").asText(), o.path("protocol").asText(), text(o.path("l3proto")));
            case "ct timeout" ->
                new CtTimeout(
                        table, name, o.path("protocol").asText(), text(o.path("l3proto")), policy(o.path("policy")));
            case "ct expectation" ->
                new CtExpectation(
                        table,
                        name,
                        o.path("protocol").asText(),
                        o.path("dport").asInt(),
                        o.path("timeout").asLong(),
                        o.path("size").asInt(),
                        text(o.path("l3proto")));
            case "synproxy" -> {
                List<String> flags = strings(o.path("flags"));
                yield new Synproxy(
                        table,
                        name,
                        o.path("mss").asInt(),
                        o.path("wscale").asInt(),
                        flags.contains("timestamp"),
                        flags.contains("sack-perm"));
            }
            case "secmark" -> new Secmark(table, name, o.path("context").asText());
            default -> throw new IllegalArgumentException("not a named object kind: " + kind);
        };
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            node.forEach(element -> out.add(element.asText()));
        }
        return out;
    }

    private static Map<String, Long> policy(JsonNode node) {
        Map<String, Long> policy = new LinkedHashMap<>();
        node.properties()
                .forEach(field -> policy.put(field.getKey(), field.getValue().asLong()));
        return policy;
    }
}
