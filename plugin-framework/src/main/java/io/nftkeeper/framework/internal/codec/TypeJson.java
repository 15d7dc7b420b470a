package io.nftkeeper.framework.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Type constraints as compact JSON: {@code "string"}, {@code ["list","string"]}, {@code ["object",{...}]}. */
public final class TypeJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TypeJson() {}

    public static byte[] encode(Type type) {
        try {
            return MAPPER.writeValueAsBytes(toNode(type));
        } catch (IOException e) {
            throw new CodecException("cannot write type " + type, e);
        }
    }

    public static Type decode(byte[] json) {
        try {
            return fromNode(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new CodecException("type constraint is not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    static JsonNode toNode(Type type) {
        if (type instanceof StringType
                || type instanceof NumberType
                || type instanceof BoolType
                || type instanceof DynamicType) {
            return NODES.textNode(type.friendlyName());
        }
        ArrayNode pair = NODES.arrayNode();
        if (type instanceof ListType t) {
            pair.add("list").add(toNode(t.element()));
        } else if (type instanceof SetType t) {
            pair.add("set").add(toNode(t.element()));
        } else if (type instanceof MapType t) {
            pair.add("map").add(toNode(t.element()));
        } else if (type instanceof ObjectType t) {
            ObjectNode attributes = NODES.objectNode();
            t.attributes().forEach((name, attributeType) -> attributes.set(name, toNode(attributeType)));
            pair.add("object").add(attributes);
        } else if (type instanceof TupleType t) {
            ArrayNode elements = NODES.arrayNode();
            t.elements().forEach(e -> elements.add(toNode(e)));
            pair.add("tuple").add(elements);
        }
        return pair;
    }

    static Type fromNode(JsonNode node) {
        if (node.isTextual()) {
            switch (node.asText()) {
                case "string":
                    return Type.STRING;
                case "number":
                    return Type.NUMBER;
                case "bool":
                    return Type.BOOL;
                case "dynamic":
                    return Type.DYNAMIC;
                default:
                    throw new CodecException("unknown primitive type \"" + node.asText() + "\"", null);
            }
        }
        // object types may carry a third element listing optional attributes; it only matters to conversions
        if (!node.isArray() || node.size() < 2 || !node.get(0).isTextual()) {
            throw new CodecException("malformed type constraint " + node, null);
        }
        JsonNode argument = node.get(1);
        switch (node.get(0).asText()) {
            case "list":
                return Type.list(fromNode(argument));
            case "set":
                return Type.set(fromNode(argument));
            case "map":
                return Type.map(fromNode(argument));
            case "object": {
                Map<String, Type> attributes = new TreeMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields =
                        argument.properties().iterator();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    attributes.put(field.getKey(), fromNode(field.getValue()));
                }
                return Type.object(attributes);
            }
            case "tuple": {
                List<Type> elements = new ArrayList<>();
                argument.forEach(e -> elements.add(fromNode(e)));
                return Type.tuple(elements);
            }
            default:
                throw new CodecException("unknown type kind in " + node, null);
        }
    }
}
