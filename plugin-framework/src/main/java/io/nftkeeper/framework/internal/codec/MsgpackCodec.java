package io.nftkeeper.framework.internal.codec;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * DynamicValue.msgpack as Terraform defines it (docs/plugin-protocol/object-wire-format.md): driven by the schema
 * type; objects carry one key per attribute; any extension value is an unknown.
 */
public final class MsgpackCodec {
    private static final byte UNKNOWN_EXTENSION = 0;

    private MsgpackCodec() {}

    public static Value decode(byte[] bytes, Type type) {
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(bytes)) {
            Value value = read(in, type, Path.empty());
            if (in.hasNext()) {
                throw new CodecException(Path.empty(), "unexpected bytes after the value");
            }
            return value;
        } catch (IOException | MessagePackException e) {
            throw new CodecException("malformed msgpack value: " + e.getMessage(), e);
        }
    }

    public static byte[] encode(Value value, Type type) {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            write(out, value, type, Path.empty());
            return out.toByteArray();
        } catch (IOException e) {
            throw new CodecException("cannot encode value: " + e.getMessage(), e);
        }
    }

    // ---- decoding ----

    private static Value read(MessageUnpacker in, Type type, Path path) throws IOException {
        ValueType next = in.getNextFormat().getValueType();
        if (next == ValueType.EXTENSION) {
            // refinements (extension 12) only narrow an unknown; dropping them is always safe
            ExtensionTypeHeader header = in.unpackExtensionTypeHeader();
            in.readPayload(header.getLength());
            return Value.unknown(type);
        }
        if (next == ValueType.NIL) {
            in.unpackNil();
            return Value.nullOf(type);
        }
        if (type instanceof DynamicType) {
            return readDynamic(in, path);
        }
        if (type instanceof StringType) {
            expect(next, ValueType.STRING, type, path);
            return Value.string(in.unpackString());
        }
        if (type instanceof NumberType) {
            return Value.number(readNumber(in, next, path));
        }
        if (type instanceof BoolType) {
            expect(next, ValueType.BOOLEAN, type, path);
            return Value.bool(in.unpackBoolean());
        }
        if (type instanceof ListType t) {
            expect(next, ValueType.ARRAY, type, path);
            return Value.list(t.element(), readElements(in, t.element(), path));
        }
        if (type instanceof SetType t) {
            expect(next, ValueType.ARRAY, type, path);
            return Value.set(t.element(), readElements(in, t.element(), path));
        }
        if (type instanceof TupleType t) {
            expect(next, ValueType.ARRAY, type, path);
            int size = in.unpackArrayHeader();
            if (size != t.elements().size()) {
                throw new CodecException(path, "tuple needs " + t.elements().size() + " elements, got " + size);
            }
            List<Value> elements = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                elements.add(read(in, t.elements().get(i), path.atIndex(i)));
            }
            return Value.tuple(t, elements);
        }
        if (type instanceof MapType t) {
            expect(next, ValueType.MAP, type, path);
            int size = in.unpackMapHeader();
            Map<String, Value> elements = new TreeMap<>();
            for (int i = 0; i < size; i++) {
                String key = in.unpackString();
                elements.put(key, read(in, t.element(), path.atKey(key)));
            }
            return Value.map(t.element(), elements);
        }
        if (type instanceof ObjectType t) {
            expect(next, ValueType.MAP, type, path);
            return readObject(in, t, path);
        }
        throw new CodecException(path, "unsupported type " + type);
    }

    private static Value readObject(MessageUnpacker in, ObjectType type, Path path) throws IOException {
        int size = in.unpackMapHeader();
        Map<String, Value> attributes = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String name = in.unpackString();
            if (!type.hasAttribute(name)) {
                throw new CodecException(
                        path,
                        "unexpected attribute \"" + name + "\"; the schema has "
                                + type.attributes().keySet());
            }
            attributes.put(name, read(in, type.attributeType(name), path.atName(name)));
        }
        for (String name : type.attributes().keySet()) {
            if (!attributes.containsKey(name)) {
                throw new CodecException(
                        path,
                        "attribute \"" + name + "\" is missing; objects must carry every"
                                + " attribute of the schema, null ones included");
            }
        }
        return Value.object(type, attributes);
    }

    private static List<Value> readElements(MessageUnpacker in, Type element, Path path) throws IOException {
        int size = in.unpackArrayHeader();
        List<Value> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            elements.add(read(in, element, path.atIndex(i)));
        }
        return elements;
    }

    private static Value readDynamic(MessageUnpacker in, Path path) throws IOException {
        ValueType next = in.getNextFormat().getValueType();
        expect(next, ValueType.ARRAY, Type.DYNAMIC, path);
        if (in.unpackArrayHeader() != 2) {
            throw new CodecException(path, "a dynamic value must be a [type, value] pair");
        }
        byte[] typeJson = in.getNextFormat().getValueType() == ValueType.STRING
                ? in.unpackString().getBytes(StandardCharsets.UTF_8)
                : in.readPayload(in.unpackBinaryHeader());
        return read(in, TypeJson.decode(typeJson), path);
    }

    private static BigDecimal readNumber(MessageUnpacker in, ValueType next, Path path) throws IOException {
        switch (next) {
            case INTEGER:
                return new BigDecimal(in.unpackBigInteger());
            case FLOAT: {
                double d = in.unpackDouble();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new CodecException(path, "number " + d + " is not a finite number");
                }
                return new BigDecimal(d);
            }
            case STRING: {
                String s = in.unpackString();
                try {
                    return new BigDecimal(s);
                } catch (NumberFormatException e) {
                    throw new CodecException(path, "\"" + s + "\" is not a decimal number");
                }
            }
            default:
                throw new CodecException(path, "expected a number, got msgpack " + next);
        }
    }

    private static void expect(ValueType actual, ValueType expected, Type type, Path path) {
        if (actual != expected) {
            throw new CodecException(
                    path, "expected " + type.friendlyName() + " (msgpack " + expected + "), got msgpack " + actual);
        }
    }

    // ---- encoding ----

    private static void write(MessagePacker out, Value value, Type type, Path path) throws IOException {
        if (value.isUnknown()) {
            out.packExtensionTypeHeader(UNKNOWN_EXTENSION, 1);
            out.writePayload(new byte[] {0});
            return;
        }
        if (value.isNull()) {
            out.packNil();
            return;
        }
        if (type instanceof DynamicType) {
            byte[] typeJson = TypeJson.encode(value.type());
            out.packArrayHeader(2);
            out.packBinaryHeader(typeJson.length);
            out.writePayload(typeJson);
            write(out, value, value.type(), path);
            return;
        }
        if (!type.accepts(value.type())) {
            throw new CodecException(
                    path,
                    "value of type " + value.type().friendlyName() + " where the schema says " + type.friendlyName());
        }
        if (type instanceof StringType) {
            out.packString(value.asString());
        } else if (type instanceof NumberType) {
            writeNumber(out, value.asNumber());
        } else if (type instanceof BoolType) {
            out.packBoolean(value.asBool());
        } else if (type instanceof ListType t) {
            writeElements(out, value.asList(), t.element(), path);
        } else if (type instanceof SetType t) {
            writeElements(out, List.copyOf(value.asSet()), t.element(), path);
        } else if (type instanceof TupleType t) {
            List<Value> elements = value.asList();
            out.packArrayHeader(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                write(out, elements.get(i), t.elements().get(i), path.atIndex(i));
            }
        } else if (type instanceof MapType t) {
            Map<String, Value> elements = value.asMap();
            out.packMapHeader(elements.size());
            for (Map.Entry<String, Value> e : elements.entrySet()) {
                out.packString(e.getKey());
                write(out, e.getValue(), t.element(), path.atKey(e.getKey()));
            }
        } else if (type instanceof ObjectType t) {
            Map<String, Value> attributes = value.attributes();
            out.packMapHeader(t.attributes().size());
            for (Map.Entry<String, Type> a : t.attributes().entrySet()) {
                out.packString(a.getKey());
                write(out, attributes.get(a.getKey()), a.getValue(), path.atName(a.getKey()));
            }
        }
    }

    private static void writeElements(MessagePacker out, List<Value> elements, Type element, Path path)
            throws IOException {
        out.packArrayHeader(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            write(out, elements.get(i), element, path.atIndex(i));
        }
    }

    /**
     * Always a decimal string (exact, and what cty accepts for any number). Terraform up to 1.11 decides whether a
     * refresh-only plan changed anything with reflect.DeepEqual over its decoded values, which sees the precision of
     * cty's numbers: one decoded from a msgpack integer (64 bits) is never "equal" to the same number decoded from
     * the state file's JSON (512 bits), so every refresh-only plan with a number attribute exited 2 although it
     * found no difference (hashicorp/terraform#36403). A string decodes exactly as the state file's JSON does.
     */
    private static void writeNumber(MessagePacker out, BigDecimal n) throws IOException {
        out.packString(n.toPlainString());
    }
}
