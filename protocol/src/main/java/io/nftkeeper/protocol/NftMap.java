package io.nftkeeper.protocol;

import java.util.List;
import java.util.Objects;

/**
 * A named map. Its key is given by exactly one of {@code type} (data types, concatenated in order:
 * {@code ipv4_addr . inet_service}) and {@code typeof} (an expression such as {@code ip saddr . tcp dport}); its
 * {@code value} is data types after {@code type} ({@code verdict}, {@code ipv4_addr . inet_service}, {@code mark}) and
 * an expression ({@code meta mark}, {@code ip daddr . tcp dport}) or {@code verdict} after {@code typeof}, as nft
 * requires. {@code timeoutMs}, {@code size}, {@code policy} may be null (nft's defaults); {@code elements} are the
 * user's entries, one {@code key : value} each (e.g. {@code 10.0.0.1 : accept}, {@code 80 : 10.213.0.9 . 8080}).
 * Entries are added and deleted with {@link Element}, whose values may be map entries too. nft has no
 * {@code auto-merge} for maps. Build with {@link #builder(TableRef, String)}.
 */
public record NftMap(
        TableRef table,
        String name,
        List<String> type,
        String typeof,
        String value,
        List<SetFlag> flags,
        Long timeoutMs,
        Long size,
        SetPolicy policy,
        List<String> elements)
        implements NftObject {

    private static final String DATA_TYPE_EXAMPLES = "ipv4_addr, inet_service or verdict";

    public NftMap {
        Objects.requireNonNull(table, "table");
        Identifiers.require("map", name);
        String owner = "map " + table.family().nftName() + " " + table.name() + " " + name;
        type = type == null ? List.of() : List.copyOf(type);
        flags = flags == null ? List.of() : List.copyOf(flags);
        elements = elements == null ? List.of() : List.copyOf(elements);
        SetLikeBuilder.requireKey(owner, type, typeof, DATA_TYPE_EXAMPLES);
        if (value == null || value.isBlank()) {
            throw new InvalidObjectDefinitionException(
                    owner + ": a map needs a value type such as verdict, " + "ipv4_addr or ipv4_addr . inet_service");
        }
        if (typeof == null) {
            for (String dataType : value.split("\\.", -1)) {
                SetLikeBuilder.requireDataType(owner, dataType.strip(), DATA_TYPE_EXAMPLES);
            }
        } else {
            ScriptText.requireTypeofExpression(owner, value);
        }
        SetLikeBuilder.requireLimits(owner, timeoutMs, size);
        for (String element : elements) {
            requireEntry(owner, element);
        }
    }

    public static Builder builder(TableRef table, String name) {
        return new Builder(table, name);
    }

    /** The same map without elements (e.g. to destroy it, or to compare properties). */
    public NftMap withoutElements() {
        return new NftMap(table, name, type, typeof, value, flags, timeoutMs, size, policy, List.of());
    }

    @Override
    public String describe() {
        return "map " + table.family().nftName() + " " + table.name() + " " + name;
    }

    /** The {@code type ...}/{@code typeof ...} clause, e.g. {@code type ipv4_addr : verdict}. */
    public String typeClause() {
        return typeof != null
                ? "typeof " + typeof + " : " + value
                : "type " + String.join(" . ", type) + " : "
                        + String.join(" . ", value.strip().split("\\s*\\.\\s*"));
    }

    /** An entry is one element whose value follows the key after a {@code :} outside double quotes. */
    private static void requireEntry(String owner, String entry) {
        ScriptText.requireElement(owner, entry);
        if (keyValueSeparator(entry) < 0) {
            throw new InvalidObjectDefinitionException(owner + ": map entry " + ScriptText.quoted(entry)
                    + " needs a value: write `key : value`, e.g. `10.0.0.1 : accept`");
        }
    }

    /**
     * Where {@code " : "} separates key and value in {@code entry}, outside double quotes, or -1. A key's own colons
     * ({@code ::1}, {@code 02:42:ac:11:00:02}) have no spaces around them, so they never match.
     */
    public static int keyValueSeparator(String entry) {
        boolean quoted = false;
        for (int i = 0; i + 2 < entry.length(); i++) {
            char c = entry.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ' ' && entry.charAt(i + 1) == ':' && entry.charAt(i + 2) == ' ') {
                return i;
            }
        }
        return -1;
    }

    /** Collects a map's properties; {@link #build()} validates them all. */
    public static final class Builder extends SetLikeBuilder<Builder> {
        private String value;

        private Builder(TableRef table, String name) {
            super(table, name);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The value's data types ({@code verdict}, {@code ipv4_addr . inet_service}) or typeof expression. */
        public Builder value(String valueType) {
            this.value = valueType;
            return this;
        }

        public NftMap build() {
            return new NftMap(table, name, type, typeof, value, flags, timeoutMs, size, policy, elements);
        }
    }
}
