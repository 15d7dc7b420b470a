package io.nftkeeper.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.ChainPolicy;
import io.nftkeeper.protocol.ChainType;
import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Counter;
import io.nftkeeper.protocol.CtExpectation;
import io.nftkeeper.protocol.CtHelper;
import io.nftkeeper.protocol.CtTimeout;
import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Flowtable;
import io.nftkeeper.protocol.Hook;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.LimitUnit;
import io.nftkeeper.protocol.NftMap;
import io.nftkeeper.protocol.NftObject;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Quota;
import io.nftkeeper.protocol.RatePeriod;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.Secmark;
import io.nftkeeper.protocol.SetFlag;
import io.nftkeeper.protocol.SetPolicy;
import io.nftkeeper.protocol.Synproxy;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableFlag;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.Verb;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one JSON configuration both ends of the wire use. The object model stays free of Jackson annotations:
 * its wire spelling (lowercase family and verb, {@code "kind"} tags) is declared here.
 */
public final class JsonLines {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .disable(SerializationFeature.INDENT_OUTPUT)
            // newer peers may add fields; older ones ignore them
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addMixIn(NftObject.class, NftObjectKinds.class)
            .addMixIn(Table.class, TableWire.class)
            .addModule(wireSpelling())
            .build();

    private JsonLines() {}

    /** Thread-safe; do not reconfigure. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code message} as one line of JSON (strings escape their newlines) and flushes. */
    public static void writeLine(OutputStream out, Object message) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(message);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        out.write(line);
        out.flush();
    }

    public static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Table.class, name = "table"),
        @JsonSubTypes.Type(value = Chain.class, name = "chain"),
        @JsonSubTypes.Type(value = Rule.class, name = "rule"),
        @JsonSubTypes.Type(value = NftSet.class, name = "set"),
        @JsonSubTypes.Type(value = NftMap.class, name = "map"),
        @JsonSubTypes.Type(value = Element.class, name = "element"),
        @JsonSubTypes.Type(value = Counter.class, name = "counter"),
        @JsonSubTypes.Type(value = Quota.class, name = "quota"),
        @JsonSubTypes.Type(value = Limit.class, name = "limit"),
        @JsonSubTypes.Type(value = Flowtable.class, name = "flowtable"),
        @JsonSubTypes.Type(value = CtHelper.class, name = "ct_helper"),
        @JsonSubTypes.Type(value = CtTimeout.class, name = "ct_timeout"),
        @JsonSubTypes.Type(value = CtExpectation.class, name = "ct_expectation"),
        @JsonSubTypes.Type(value = Synproxy.class, name = "synproxy"),
        @JsonSubTypes.Type(value = Secmark.class, name = "secmark")
    })
    private interface NftObjectKinds {}

    /** A table without flags reads as before flags existed. */
    private interface TableWire {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<TableFlag> flags();
    }

    private record TransactionJson(List<Command> commands, String owner) {}

    private static SimpleModule wireSpelling() {
        SimpleModule module = new SimpleModule("nftkeeper-wire");
        module.addSerializer(Family.class, new ToStringSerializer<>(Family.class, Family::nftName));
        module.addDeserializer(
                Family.class,
                new FromStringDeserializer<>(
                        Family.class,
                        text -> Family.parse(text)
                                .orElseThrow(() -> new IllegalArgumentException("unknown family \"" + text
                                        + "\": use one of "
                                        + Arrays.stream(Family.values())
                                                .map(Family::nftName)
                                                .collect(Collectors.joining(", "))))));
        module.addSerializer(
                Verb.class, new ToStringSerializer<>(Verb.class, v -> v.name().toLowerCase(Locale.ROOT)));
        module.addDeserializer(Verb.class, new FromStringDeserializer<>(Verb.class, JsonLines::parseVerb));
        lowercase(module, TableDrift.Status.class);
        lowercase(module, ChainType.class);
        lowercase(module, Hook.class);
        lowercase(module, ChainPolicy.class);
        lowercase(module, SetFlag.class);
        lowercase(module, TableFlag.class);
        lowercase(module, SetPolicy.class);
        lowercase(module, LimitUnit.class);
        lowercase(module, RatePeriod.class);
        lowercase(module, DriftChange.Kind.class);
        lowercase(module, DriftChange.Change.class);
        module.addSerializer(Transaction.class, new JsonSerializer<>() {
            @Override
            public void serialize(Transaction tx, JsonGenerator gen, SerializerProvider provider) throws IOException {
                provider.defaultSerializeValue(new TransactionJson(tx.commands(), tx.owner()), gen);
            }
        });
        module.addDeserializer(Transaction.class, new JsonDeserializer<>() {
            @Override
            public Transaction deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
                TransactionJson json = ctx.readValue(parser, TransactionJson.class);
                if (json.commands() == null) {
                    throw new IllegalArgumentException("transaction needs a \"commands\" array");
                }
                return Transaction.of(json.commands(), json.owner());
            }
        });
        return module;
    }

    private static <E extends Enum<E>> void lowercase(SimpleModule module, Class<E> type) {
        module.addSerializer(type, new ToStringSerializer<>(type, e -> e.name().toLowerCase(Locale.ROOT)));
        module.addDeserializer(type, new FromStringDeserializer<>(type, text -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " \"" + text + "\"");
        }));
    }

    private static Verb parseVerb(String text) {
        for (Verb verb : Verb.values()) {
            if (verb.name().toLowerCase(Locale.ROOT).equals(text)) {
                return verb;
            }
        }
        throw new IllegalArgumentException("unknown verb \"" + text + "\": use add, delete, destroy or flush");
    }

    private static final class ToStringSerializer<T> extends JsonSerializer<T> {
        private final Class<T> type;
        private final java.util.function.Function<T, String> spelling;

        ToStringSerializer(Class<T> type, java.util.function.Function<T, String> spelling) {
            this.type = type;
            this.spelling = spelling;
        }

        @Override
        public Class<T> handledType() {
            return type;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(spelling.apply(value));
        }
    }

    private static final class FromStringDeserializer<T> extends JsonDeserializer<T> {
        private final Class<T> type;
        private final java.util.function.Function<String, T> parse;

        FromStringDeserializer(Class<T> type, java.util.function.Function<String, T> parse) {
            this.type = type;
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
            String text = parser.getValueAsString();
            if (text == null) {
                return type.cast(ctx.handleUnexpectedToken(type, parser));
            }
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw ctx.weirdStringException(text, type, e.getMessage());
            }
        }
    }
}
