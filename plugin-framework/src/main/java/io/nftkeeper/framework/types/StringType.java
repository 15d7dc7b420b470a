package io.nftkeeper.framework.types;

/** The cty {@code string} type; use {@link Type#STRING}. */
public record StringType() implements Type {
    @Override
    public String friendlyName() {
        return "string";
    }

    @Override
    public String toString() {
        return friendlyName();
    }
}
