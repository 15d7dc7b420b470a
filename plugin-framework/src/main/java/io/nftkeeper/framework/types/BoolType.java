package io.nftkeeper.framework.types;

/** The cty {@code bool} type; use {@link Type#BOOL}. */
public record BoolType() implements Type {
    @Override
    public String friendlyName() {
        return "bool";
    }

    @Override
    public String toString() {
        return friendlyName();
    }
}
