package io.nftkeeper.protocol;

import java.util.List;
import java.util.Objects;

/** Elements of a named set, as the user's text (e.g. {@code 10.0.0.0/8}, {@code 10.0.0.1 . 22}); at least one. */
public record Element(TableRef table, String set, List<String> values) implements NftObject {

    public Element {
        Objects.requireNonNull(table, "table");
        Identifiers.require("set", set);
        values = values == null ? List.of() : List.copyOf(values);
        String owner = "element " + table.family().nftName() + " " + table.name() + " " + set;
        if (values.isEmpty()) {
            throw new InvalidObjectDefinitionException(owner + ": at least one element value is needed");
        }
        for (String value : values) {
            ScriptText.requireElement(owner, value);
        }
    }

    /** E.g. {@code element inet web allowed} (the values are left out: there may be many). */
    @Override
    public String describe() {
        return "element " + table.family().nftName() + " " + table.name() + " " + set;
    }
}
