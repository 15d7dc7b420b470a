package io.nftkeeper.protocol;

import java.util.Objects;

/**
 * A rule: {@code expr} is the user's text, rendered exactly as written ({@code tcp dport 22 accept}); nft
 * normalises it when listing (see libnftables-notes). {@code handle} identifies an existing rule (filled by listing,
 * needed to delete it); for a rule to add or insert it is the position, as in nft's own grammar: {@code add} puts the
 * rule after the rule with that handle, {@code insert} before it, and without a handle at the end or the top.
 */
public record Rule(TableRef table, String chain, String expr, String comment, Long handle) implements NftObject {

    public Rule {
        Objects.requireNonNull(table, "table");
        Identifiers.require("chain", chain);
        String owner = "rule " + table.family().nftName() + " " + table.name() + " " + chain;
        ScriptText.requireExpression(owner, expr);
        ScriptText.requireComment(owner, comment);
        if (handle != null && handle <= 0) {
            throw new InvalidObjectDefinitionException(owner + ": handle must be positive, not " + handle);
        }
    }

    public Rule(TableRef table, String chain, String expr) {
        this(table, chain, expr, null, null);
    }

    public Rule(TableRef table, String chain, String expr, String comment) {
        this(table, chain, expr, comment, null);
    }

    public Rule withHandle(long newHandle) {
        return new Rule(table, chain, expr, comment, newHandle);
    }

    /** E.g. {@code rule inet web input} or, for an existing rule, {@code rule inet web input handle 7}. */
    @Override
    public String describe() {
        return "rule " + table.family().nftName() + " " + table.name() + " " + chain
                + (handle == null ? "" : " handle " + handle);
    }
}
