package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Block;
import io.nftkeeper.framework.schema.ConfigValidator;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.schema.Validator;
import io.nftkeeper.framework.types.Value;
import java.util.List;

/**
 * Runs attribute validators, deprecation warnings and cross-attribute validators over a configuration,
 * descending into nested attributes and blocks. Unknown values are not validated: they may still become anything.
 */
final class ConfigValidation {
    private ConfigValidation() {}

    static void validate(Schema schema, Value config, Path path, Diagnostics diagnostics) {
        if (!config.isKnown()) {
            return;
        }
        for (Attribute attribute : schema.attributes()) {
            Value value = config.get(attribute.name());
            Path at = path.atName(attribute.name());
            if (!value.isKnown() || value.isNull()) {
                continue;
            }
            if (attribute.isDeprecated()) {
                diagnostics.addAttributeWarning(
                        at,
                        "Deprecated attribute",
                        attribute.deprecationMessage().isEmpty()
                                ? "\"" + attribute.name() + "\" is deprecated and will be removed in a future version."
                                : attribute.deprecationMessage());
            }
            for (Validator validator : attribute.validators()) {
                validator.validate(at, value, diagnostics);
            }
            if (attribute.isNested()) {
                switch (attribute.nesting()) {
                    case SINGLE -> validate(attribute.nestedSchema(), value, at, diagnostics);
                    case LIST -> eachIndexed(attribute.nestedSchema(), value.asList(), at, diagnostics);
                    case SET -> value.asSet().forEach(e -> validate(attribute.nestedSchema(), e, at, diagnostics));
                    case MAP ->
                        value.asMap()
                                .forEach((k, e) -> validate(attribute.nestedSchema(), e, at.atKey(k), diagnostics));
                }
            }
        }
        for (Block block : schema.blocks()) {
            Value value = config.get(block.name());
            Path at = path.atName(block.name());
            if (!value.isKnown()) {
                continue;
            }
            switch (block.nesting()) {
                case SINGLE -> validate(block.content(), value, at, diagnostics);
                case LIST -> eachIndexed(block.content(), value.asList(), at, diagnostics);
                // set elements have no index; point at the block type
                case SET -> value.asSet().forEach(element -> validate(block.content(), element, at, diagnostics));
            }
        }
        if (!config.isNull()) {
            for (ConfigValidator validator : schema.configValidators()) {
                validator.validate(path, config, diagnostics);
            }
        }
    }

    private static void eachIndexed(Schema schema, List<Value> elements, Path at, Diagnostics diagnostics) {
        for (int i = 0; i < elements.size(); i++) {
            validate(schema, elements.get(i), at.atIndex(i), diagnostics);
        }
    }
}
