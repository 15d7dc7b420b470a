package io.nftkeeper.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import java.util.Iterator;
import java.util.Optional;

/**
 * One event of {@code nft -j monitor}, e.g. {@code {"add":{"chain":{"family":"inet","table":"web","name":"x"}}}}:
 * what happened ({@code add}, {@code delete}, ...), to which object, in which table. An inserted rule reads
 * {@code insert rule inet web input #1 handle 7: tcp dport 22 accept}.
 */
public record RulesetEvent(String verb, String object, Optional<TableRef> table, JsonNode json) {

    public static RulesetEvent of(JsonNode event) {
        String verb = firstField(event).orElse("?");
        JsonNode wrapped = event.path(verb);
        String kind = firstField(wrapped).orElse("?");
        JsonNode body = wrapped.path(kind);
        String family = body.path("family").asText("");
        String tableName = kind.equals("table")
                ? body.path("name").asText("")
                : body.path("table").asText("");
        StringBuilder object = new StringBuilder(kind);
        for (String part : new String[] {
            family,
            kind.equals("table") ? "" : tableName,
            kind.equals("rule") ? body.path("chain").asText("") : "",
            body.path("name").asText("")
        }) {
            if (!part.isEmpty()) {
                object.append(' ').append(part);
            }
        }
        if (kind.equals("rule") && event.has("position")) {
            object.append(" #").append(event.path("position").asText());
        }
        if (kind.equals("rule") && body.has("handle")) {
            object.append(" handle ").append(body.path("handle").asText());
        }
        if (kind.equals("rule") && event.hasNonNull("text")) {
            // the agent adds an added or inserted rule's text and position, which nft's JSON event lacks
            object.append(": ").append(event.path("text").asText());
        }
        return new RulesetEvent(verb, object.toString(), table(family, tableName), event);
    }

    /** {@code add chain inet web extra} */
    public String describe() {
        return verb + " " + object;
    }

    private static Optional<TableRef> table(String family, String name) {
        try {
            return Family.parse(family).map(f -> new TableRef(f, name));
        } catch (NftkeeperException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> firstField(JsonNode node) {
        Iterator<String> names = node.fieldNames();
        return names.hasNext() ? Optional.of(names.next()) : Optional.empty();
    }
}
