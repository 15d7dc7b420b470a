package io.nftkeeper.provider;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.schema.Validator;
import io.nftkeeper.framework.types.MapType;
import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The entries of {@code host_overrides}, read from the value as written. Terraform converts a value for an attribute
 * with a nested schema to that schema's object type and drops every key the schema lacks without a word
 * (hashicorp/terraform#33570), so a misspelt key would be ignored; the attribute is therefore {@code dynamic}, and this
 * class checks each entry's keys and value types itself ({@code terraform validate} reports the first mistake of each
 * entry on its key) and hands the parser entries of one fixed object type.
 */
final class HostOverrideEntries {

    /** The provider block's settings that may differ per host, with their types. */
    static final ObjectType BASTION = new ObjectType(types(
            "host",
            Type.STRING,
            "port",
            Type.NUMBER,
            "user",
            Type.STRING,
            "private_key",
            Type.STRING,
            "private_key_file",
            Type.STRING,
            "private_key_passphrase",
            Type.STRING,
            "host_key",
            Type.STRING,
            "known_hosts_file",
            Type.STRING));

    static final ObjectType ENTRY = new ObjectType(types(
            "port",
            Type.NUMBER,
            "user",
            Type.STRING,
            "host_key",
            Type.STRING,
            "known_hosts_file",
            Type.STRING,
            "private_key",
            Type.STRING,
            "private_key_file",
            Type.STRING,
            "private_key_passphrase",
            Type.STRING,
            "ssh_agent",
            Type.BOOL,
            "sudo",
            Type.BOOL,
            "agent_java",
            Type.STRING,
            "agent_dir",
            Type.STRING,
            "agent_runtime",
            Type.STRING,
            "bastion",
            BASTION));

    /** Schema validator: every entry an object of known keys with values of the right type. */
    static final Validator VALIDATOR = (path, value, diagnostics) -> read(value, path, diagnostics);

    private HostOverrideEntries() {}

    /**
     * Each host's entry as an object of {@link #ENTRY}'s type (keys it does not set are null); mistakes are
     * diagnostics on {@code path}'s entry and key, and their entries are left out.
     */
    static Map<String, Value> read(Value overrides, Path path, Diagnostics diagnostics) {
        Map<String, Value> entries = new LinkedHashMap<>();
        if (overrides.isNull() || !overrides.isKnown()) {
            return entries;
        }
        Optional<Map<String, Value>> hosts = members(overrides);
        if (hosts.isEmpty()) {
            diagnostics.addAttributeError(
                    path,
                    "Invalid host_overrides",
                    "Expected a map from host to settings, e.g. `{ \"10.0.0.5\" = { port = 2222 } }`.");
            return entries;
        }
        hosts.get()
                .forEach((host, entry) -> convert(entry, ENTRY, path.atKey(host), diagnostics)
                        .ifPresent(converted -> entries.put(host, converted)));
        return entries;
    }

    /** {@code value} as an object of {@code type}, or empty with errors when it has keys or values that do not fit. */
    private static Optional<Value> convert(Value value, ObjectType type, Path at, Diagnostics diagnostics) {
        if (!value.isKnown()) {
            // known at apply only: Terraform configures the provider again then
            return Optional.empty();
        }
        Optional<Map<String, Value>> members = value.isNull() ? Optional.of(Map.of()) : members(value);
        if (members.isEmpty()) {
            diagnostics.addAttributeError(
                    at,
                    "Invalid host override",
                    "Expected an object of settings such as " + "`{ port = 2222, user = \"deploy\" }`.");
            return Optional.empty();
        }
        Value.ObjectBuilder builder = Value.objectBuilder(type);
        boolean fits = true;
        for (Map.Entry<String, Value> member : members.get().entrySet()) {
            String key = member.getKey();
            Path keyPath = at.atName(key);
            if (!type.hasAttribute(key)) {
                diagnostics.addAttributeError(
                        keyPath,
                        "Unsupported host override \"" + key + "\"",
                        "A host override takes "
                                + String.join(", ", type.attributes().keySet()) + ".");
                fits = false;
                continue;
            }
            Optional<Value> converted = type.attributeType(key) instanceof ObjectType nested
                    ? convert(member.getValue(), nested, keyPath, diagnostics)
                    : primitive(member.getValue(), type.attributeType(key), keyPath, diagnostics);
            if (converted.isEmpty()) {
                fits = false;
            } else {
                builder.set(key, converted.get());
            }
        }
        return fits ? Optional.of(builder.build()) : Optional.empty();
    }

    /** A string, number or bool as Terraform would convert it for an attribute of {@code type}. */
    private static Optional<Value> primitive(Value value, Type type, Path at, Diagnostics diagnostics) {
        if (value.isNull()) {
            return Optional.of(Value.nullOf(type));
        }
        if (!value.isKnown()) {
            return Optional.empty();
        }
        Type actual = value.type();
        if (actual.equals(type)) {
            return Optional.of(value);
        }
        if (type == Type.STRING && (actual == Type.NUMBER || actual == Type.BOOL)) {
            return Optional.of(Value.string(
                    actual == Type.NUMBER
                            ? value.asNumber().toPlainString()
                            : value.asBool().toString()));
        }
        if (actual == Type.STRING && type == Type.NUMBER && value.asString().matches("\\d{1,9}")) {
            return Optional.of(Value.number(new BigDecimal(value.asString())));
        }
        if (actual == Type.STRING && type == Type.BOOL && value.asString().matches("true|false")) {
            return Optional.of(Value.bool(Boolean.parseBoolean(value.asString())));
        }
        diagnostics.addAttributeError(
                at,
                "Invalid host override value",
                "Expected a " + type.friendlyName() + ", got a " + actual.friendlyName() + ".");
        return Optional.empty();
    }

    /** The members of an object or map value. */
    private static Optional<Map<String, Value>> members(Value value) {
        if (value.type() instanceof ObjectType) {
            return Optional.of(value.attributes());
        }
        if (value.type() instanceof MapType) {
            return Optional.of(value.asMap());
        }
        return Optional.empty();
    }

    private static Map<String, Type> types(Object... namesAndTypes) {
        Map<String, Type> types = new TreeMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            types.put((String) namesAndTypes[i], (Type) namesAndTypes[i + 1]);
        }
        return types;
    }
}
