package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Block;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.schema.Validator;
import io.nftkeeper.framework.types.Value;

import java.util.List;

/** Runs attribute validators over a configuration, descending into nested blocks. */
final class ConfigValidation {
    private ConfigValidation() {
    }

    static void validate(Schema schema, Value config, Path path, Diagnostics diagnostics) {
        if (!config.isKnown()) {
            return;
        }
        for (Attribute attribute : schema.attributes()) {
            Value value = config.get(attribute.name());
            if (value.isKnown()) {
                Path at = path.isEmpty() ? Path.root(attribute.name()) : path.atName(attribute.name());
                for (Validator validator : attribute.validators()) {
                    validator.validate(at, value, diagnostics);
                }
            }
        }
        for (Block block : schema.blocks()) {
            Value value = config.get(block.name());
            Path at = path.isEmpty() ? Path.root(block.name()) : path.atName(block.name());
            if (!value.isKnown()) {
                continue;
            }
            switch (block.nesting()) {
                case SINGLE -> validate(block.content(), value, at, diagnostics);
                case LIST -> {
                    List<Value> elements = value.asList();
                    for (int i = 0; i < elements.size(); i++) {
                        validate(block.content(), elements.get(i), at.atIndex(i), diagnostics);
                    }
                }
                // set elements have no index; point at the block type
                case SET -> value.asSet().forEach(element -> validate(block.content(), element, at, diagnostics));
            }
        }
    }
}
