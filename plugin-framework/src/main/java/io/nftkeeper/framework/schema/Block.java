package io.nftkeeper.framework.schema;

import io.nftkeeper.framework.types.Type;
import java.util.Objects;

/**
 * A nested block type, e.g. {@code Block.list("rule", Schema.builder()...build())} for repeated
 * {@code rule { ... }} blocks. An absent list or set block is an empty collection, never null.
 */
public final class Block {

    public enum Nesting {
        SINGLE,
        LIST,
        SET
    }

    private final String name;
    private final Nesting nesting;
    private final Schema content;
    private final int minItems;
    private final int maxItems;
    private final String description;

    private Block(String name, Nesting nesting, Schema content, int minItems, int maxItems, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.nesting = nesting;
        this.content = Objects.requireNonNull(content, "content");
        this.minItems = minItems;
        this.maxItems = maxItems;
        this.description = description;
    }

    public static Block list(String name, Schema content) {
        return new Block(name, Nesting.LIST, content, 0, 0, "");
    }

    public static Block list(String name, Schema.Builder content) {
        return list(name, content.build());
    }

    public static Block set(String name, Schema content) {
        return new Block(name, Nesting.SET, content, 0, 0, "");
    }

    public static Block set(String name, Schema.Builder content) {
        return set(name, content.build());
    }

    /** At most one block; null when absent. */
    public static Block single(String name, Schema content) {
        return new Block(name, Nesting.SINGLE, content, 0, 0, "");
    }

    public static Block single(String name, Schema.Builder content) {
        return single(name, content.build());
    }

    public Block minItems(int min) {
        return new Block(name, nesting, content, min, maxItems, description);
    }

    /** 0 means unlimited. */
    public Block maxItems(int max) {
        return new Block(name, nesting, content, minItems, max, description);
    }

    public Block description(String markdown) {
        return new Block(name, nesting, content, minItems, maxItems, Objects.requireNonNull(markdown, "markdown"));
    }

    public String name() {
        return name;
    }

    public Nesting nesting() {
        return nesting;
    }

    public Schema content() {
        return content;
    }

    public int minItems() {
        return minItems;
    }

    public int maxItems() {
        return maxItems;
    }

    public String description() {
        return description;
    }

    /** How the blocks appear in the enclosing object value. */
    public Type type() {
        return switch (nesting) {
            case SINGLE -> content.objectType();
            case LIST -> Type.list(content.objectType());
            case SET -> Type.set(content.objectType());
        };
    }
}
