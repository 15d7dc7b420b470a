package io.nftkeeper.protocol;

import java.util.List;
import java.util.Objects;

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

    public NftSet {
        Objects.requireNonNull(table, "table");
        Identifiers.require("set", name);
        String owner = "set " + table.family().nftName() + " " + table.name() + " " + name;
        type = type == null ? List.of() : List.copyOf(type);
        autoMerge = Boolean.TRUE.equals(autoMerge);
        flags = flags == null ? List.of() : List.copyOf(flags);
        elements = elements == null ? List.of() : List.copyOf(elements);
        SetLikeBuilder.requireKey(owner, type, typeof, "ipv4_addr or inet_service");
        SetLikeBuilder.requireLimits(owner, timeoutMs, size);
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
    public static final class Builder extends SetLikeBuilder<Builder> {
        private boolean autoMerge;

        private Builder(TableRef table, String name) {
            super(table, name);
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder autoMerge() {
            this.autoMerge = true;
            return this;
        }

        public NftSet build() {
            return new NftSet(table, name, type, typeof, flags, timeoutMs, size, policy, autoMerge, elements);
        }
    }
}
