package io.nftkeeper.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named set. Its key is given by exactly one of {@code type} (data types, concatenated in order:
 * {@code ipv4_addr . inet_service}) and {@code typeof} (an expression such as {@code ip saddr . tcp dport}).
 * {@code timeoutMs}, {@code size}, {@code policy} may be null (nft's defaults); {@code elements} are the user's
 * text, one element each (see {@link ScriptText#requireElement}). {@code autoMerge} is never null (absent: false). Build with {@link #builder(TableRef, String)}.
 */
public record NftSet(
        TableRef table,
        String name,
        List<String> type,
        String typeof,
        List<SetFlag> flags,
        Long timeoutMs,
        Long size,
        SetPolicy policy,
        Boolean autoMerge,
        List<String> elements)
        implements NftObject {

    private static final Pattern DATA_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public NftSet {
        Objects.requireNonNull(table, "table");
        Identifiers.require("set", name);
        String owner = "set " + table.family().nftName() + " " + table.name() + " " + name;
        type = type == null ? List.of() : List.copyOf(type);
        autoMerge = Boolean.TRUE.equals(autoMerge);
        flags = flags == null ? List.of() : List.copyOf(flags);
        elements = elements == null ? List.of() : List.copyOf(elements);
        if (type.isEmpty() == (typeof == null)) {
            throw new InvalidObjectDefinitionException(owner + ": give exactly one of type and typeof");
        }
        for (String dataType : type) {
            if (!DATA_TYPE.matcher(dataType).matches()) {
                throw new InvalidObjectDefinitionException(owner + ": " + ScriptText.quoted(dataType)
                        + " is not an nft data type name such as ipv4_addr or inet_service");
            }
        }
        if (typeof != null) {
            ScriptText.requireTypeofExpression(owner, typeof);
        }
        if (timeoutMs != null && timeoutMs <= 0) {
            throw new InvalidObjectDefinitionException(owner + ": timeout must be positive");
        }
        if (size != null && (size <= 0 || size > 0xFFFF_FFFFL)) {
            throw new InvalidObjectDefinitionException(owner + ": size must be between 1 and 4294967295");
        }
        for (String element : elements) {
            ScriptText.requireElement(owner, element);
        }
    }

    public static Builder builder(TableRef table, String name) {
        return new Builder(table, name);
    }

    /** The same set without elements (e.g. to destroy it, or to compare properties). */
    public NftSet withoutElements() {
        return new NftSet(table, name, type, typeof, flags, timeoutMs, size, policy, autoMerge, List.of());
    }

    @Override
    public String describe() {
        return "set " + table.family().nftName() + " " + table.name() + " " + name;
    }

    /** Collects a set's properties; {@link #build()} validates them all. */
    public static final class Builder {
        private final TableRef table;
        private final String name;
        private List<String> type = List.of();
        private String typeof;
        private final List<SetFlag> flags = new ArrayList<>();
        private Long timeoutMs;
        private Long size;
        private SetPolicy policy;
        private boolean autoMerge;
        private List<String> elements = List.of();

        private Builder(TableRef table, String name) {
            this.table = table;
            this.name = name;
        }

        public Builder type(String... dataTypes) {
            this.type = List.of(dataTypes);
            return this;
        }

        public Builder typeof(String expression) {
            this.typeof = expression;
            return this;
        }

        public Builder flags(SetFlag... setFlags) {
            flags.addAll(List.of(setFlags));
            return this;
        }

        public Builder timeoutMs(long millis) {
            this.timeoutMs = millis;
            return this;
        }

        public Builder size(long maxElements) {
            this.size = maxElements;
            return this;
        }

        public Builder policy(SetPolicy setPolicy) {
            this.policy = setPolicy;
            return this;
        }

        public Builder autoMerge() {
            this.autoMerge = true;
            return this;
        }

        public Builder elements(List<String> values) {
            this.elements = values;
            return this;
        }

        public NftSet build() {
            return new NftSet(table, name, type, typeof, flags, timeoutMs, size, policy, autoMerge, elements);
        }
    }
}
