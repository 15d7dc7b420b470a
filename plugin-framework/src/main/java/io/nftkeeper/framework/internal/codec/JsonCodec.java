package io.nftkeeper.framework.internal.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.BoolType;
import io.nftkeeper.framework.types.DynamicType;
import io.nftkeeper.framework.types.ListType;
import io.nftkeeper.framework.types.MapType;
import io.nftkeeper.framework.types.NumberType;
import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.SetType;
import io.nftkeeper.framework.types.StringType;
import io.nftkeeper.framework.types.TupleType;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of values: DynamicValue.json and the raw state Terraform hands to UpgradeResourceState.
 * JSON cannot express unknown. Object attributes the type lacks are dropped and missing ones become null,
 * because stored state was written by whatever provider version created it.
 */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private JsonCodec() {}

    public static Value decode(byte[] json, Type type) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new CodecException("malformed JSON value: " + e.getMessage(), e);
        }
        return read(root, type, Path.empty());
    }

    /** Decodes an already parsed JSON tree, e.g. one a state upgrader got. */
    public static Value decode(JsonNode root, Type type) {
        return read(root, type, Path.empty());
    }

    public static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new CodecException("malformed JSON value: " + e.getMessage(), e);
        }
    }

    private static Value read(JsonNode node, Type type, Path path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Value.nullOf(type);
        }
        if (type instanceof DynamicType) {
            if (!node.isObject() || !node.has("type")) {
                throw new CodecException(path, "a dynamic value must be {\"type\": ..., \"value\": ...}");
            }
            return read(node.get("value"), TypeJson.fromNode(node.get("type")), path);
        }
        if (type instanceof StringType) {
            expect(node.isTextual(), "a string", node, path);
            return Value.string(node.textValue());
        }
        if (type instanceof NumberType) {
            if (node.isNumber()) {
                return Value.number(node.decimalValue());
            }
            expect(node.isTextual(), "a number", node, path);
            try {
                return Value.number(new BigDecimal(node.textValue()));
            } catch (NumberFormatException e) {
                throw new CodecException(path, "\"" + node.textValue() + "\" is not a number");
            }
        }
        if (type instanceof BoolType) {
            expect(node.isBoolean(), "a bool", node, path);
            return Value.bool(node.booleanValue());
        }
        if (type instanceof ListType t) {
            return Value.list(t.element(), elements(node, t.element(), path));
        }
        if (type instanceof SetType t) {
            return Value.set(t.element(), elements(node, t.element(), path));
        }
        if (type instanceof TupleType t) {
            expect(
                    node.isArray() && node.size() == t.elements().size(),
                    "an array of " + t.elements().size(),
                    node,
                    path);
            List<Value> elements = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                elements.add(read(node.get(i), t.elements().get(i), path.atIndex(i)));
            }
            return Value.tuple(t, elements);
        }
        if (type instanceof MapType t) {
            expect(node.isObject(), "an object", node, path);
            Map<String, Value> elements = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                elements.put(f.getKey(), read(f.getValue(), t.element(), path.atKey(f.getKey())));
            }
            return Value.map(t.element(), elements);
        }
        if (type instanceof ObjectType t) {
            expect(node.isObject(), "an object", node, path);
            Map<String, Value> attributes = new TreeMap<>();
            t.attributes()
                    .forEach((name, attributeType) ->
                            attributes.put(name, read(node.get(name), attributeType, path.atName(name))));
            return Value.object(t, attributes);
        }
        throw new CodecException(path, "unsupported type " + type);
    }

    private static List<Value> elements(JsonNode node, Type element, Path path) {
        expect(node.isArray(), "an array", node, path);
        List<Value> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(read(node.get(i), element, path.atIndex(i)));
        }
        return elements;
    }

    private static void expect(boolean ok, String what, JsonNode node, Path path) {
        if (!ok) {
            throw new CodecException(
                    path,
                    "expected " + what + ", got JSON "
                            + node.getNodeType().name().toLowerCase());
        }
    }
}
