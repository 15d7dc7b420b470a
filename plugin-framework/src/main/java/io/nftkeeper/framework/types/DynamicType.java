package io.nftkeeper.framework.types;

/** The cty {@code dynamic} type; use {@link Type#DYNAMIC}. */
public record DynamicType() implements Type {
    @Override
    public String friendlyName() {
        return "dynamic";
    }

    @Override
    public boolean accepts(Type actual) {
        return true;
    }

    @Override
    public String toString() {
        return friendlyName();
    }
}
