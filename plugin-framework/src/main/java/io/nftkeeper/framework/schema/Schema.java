package io.nftkeeper.framework.schema;

import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schema of a provider configuration, resource or data source (or the content of a nested block).
 * Attributes keep the order they were declared in, so documentation reads as the author wrote it.
 */
public final class Schema {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

    private final long version;
    private final String description;
    private final Map<String, Attribute> attributes;
    private final Map<String, Block> blocks;
    private final ObjectType objectType;
    private final List<ConfigValidator> configValidators;

    private Schema(
            long version,
            String description,
            Map<String, Attribute> attributes,
            Map<String, Block> blocks,
            List<ConfigValidator> configValidators) {
        this.version = version;
        this.configValidators = List.copyOf(configValidators);
        this.description = description;
        this.attributes = attributes;
        this.blocks = blocks;
        Map<String, Type> types = new LinkedHashMap<>();
        attributes.values().forEach(a -> types.put(a.name(), a.type()));
        blocks.values().forEach(b -> types.put(b.name(), b.type()));
        this.objectType = Type.object(types);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Stored with each resource's state; raise it when stored state needs upgrading. */
    public long version() {
        return version;
    }

    public String description() {
        return description;
    }

    public List<Attribute> attributes() {
        return List.copyOf(attributes.values());
    }

    public Optional<Attribute> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public List<Block> blocks() {
        return List.copyOf(blocks.values());
    }

    /** Cross-attribute rules for objects of this schema. */
    public List<ConfigValidator> configValidators() {
        return configValidators;
    }

    /** The type of values (config, plan, state) under this schema: every attribute and block by name. */
    public ObjectType objectType() {
        return objectType;
    }

    public static final class Builder {
        private long version;
        private String description = "";
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<Block> blocks = new ArrayList<>();
        private final List<ConfigValidator> configValidators = new ArrayList<>();

        private Builder() {}

        /** Cross-attribute rules, e.g. {@link ConfigValidators#exactlyOneOf}. */
        public Builder configValidators(ConfigValidator... validators) {
            configValidators.addAll(List.of(validators));
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /** Markdown. */
        public Builder description(String markdown) {
            this.description = Objects.requireNonNull(markdown, "markdown");
            return this;
        }

        public Builder attribute(Attribute attribute) {
            attributes.add(Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        public Builder attributes(Attribute... more) {
            for (Attribute a : more) {
                attribute(a);
            }
            return this;
        }

        public Builder block(Block block) {
            blocks.add(Objects.requireNonNull(block, "block"));
            return this;
        }

        /** Throws IllegalArgumentException for schemas Terraform would reject, naming the attribute. */
        public Schema build() {
            Set<String> names = new HashSet<>();
            Map<String, Attribute> byName = new LinkedHashMap<>();
            for (Attribute a : attributes) {
                checkName(a.name(), names);
                if (!a.isRequired() && !a.isOptional() && !a.isComputed()) {
                    throw new IllegalArgumentException(
                            "attribute \"" + a.name() + "\" must be required, optional or computed");
                }
                if (a.isRequired() && (a.isOptional() || a.isComputed())) {
                    throw new IllegalArgumentException(
                            "attribute \"" + a.name() + "\" is required and so cannot also be optional or computed");
                }
                if (a.defaultValue() != null && !(a.isOptional() && a.isComputed())) {
                    throw new IllegalArgumentException(
                            "attribute \"" + a.name() + "\" has a default and so must be optional and computed");
                }
                if (a.isWriteOnly() && a.isComputed()) {
                    throw new IllegalArgumentException(
                            "attribute \"" + a.name() + "\" is write-only and so cannot be computed");
                }
                byName.put(a.name(), a);
            }
            Map<String, Block> blocksByName = new LinkedHashMap<>();
            for (Block b : blocks) {
                checkName(b.name(), names);
                blocksByName.put(b.name(), b);
            }
            return new Schema(version, description, byName, blocksByName, configValidators);
        }

        private static void checkName(String name, Set<String> seen) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("\"" + name + "\" is not a valid attribute name; use [a-z0-9_]");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("\"" + name + "\" is declared twice");
            }
        }
    }
}
