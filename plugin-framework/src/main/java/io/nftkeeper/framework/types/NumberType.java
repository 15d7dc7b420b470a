package io.nftkeeper.framework.types;

/** The cty {@code number} type; use {@link Type#NUMBER}. */
public record NumberType() implements Type {
    @Override
    public String friendlyName() {
        return "number";
    }

    @Override
    public String toString() {
        return friendlyName();
    }
}
