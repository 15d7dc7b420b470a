package io.nftkeeper.agent.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.CancelParams;
import io.nftkeeper.protocol.wire.CheckParams;
import io.nftkeeper.protocol.wire.ConfirmParams;
import io.nftkeeper.protocol.wire.DriftParams;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.HelloParams;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.MonitorParams;
import io.nftkeeper.protocol.wire.TxStatusParams;
import io.nftkeeper.protocol.wire.WireProtocol;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The fast path for reading a request: one streaming pass over the line's bytes, straight into the params record
 * of its method (a 100k-element apply becomes its model without a JSON tree in between). Works only for a
 * well-formed request whose {@code id} and {@code method} precede {@code params}; for anything else it answers
 * empty and the caller takes the tree path, which also words every error.
 */
final class StreamedRequest {

    private static final Map<String, Class<?>> PARAMS = Map.ofEntries(
            Map.entry(WireProtocol.HELLO, HelloParams.class),
            Map.entry(WireProtocol.LIST, ListParams.class),
            Map.entry(WireProtocol.APPLY, ApplyParams.class),
            Map.entry(WireProtocol.ADOPT, AdoptParams.class),
            Map.entry(WireProtocol.CHECK, CheckParams.class),
            Map.entry(WireProtocol.DRIFT, DriftParams.class),
            Map.entry(WireProtocol.TX_STATUS, TxStatusParams.class),
            Map.entry(WireProtocol.CONFIRM, ConfirmParams.class),
            Map.entry(WireProtocol.MONITOR, MonitorParams.class),
            Map.entry(WireProtocol.CANCEL, CancelParams.class),
            Map.entry(WireProtocol.ELEMENTS, ElementsParams.class));

    private StreamedRequest() {}

    static Optional<ParsedRequest> parse(ObjectMapper mapper, byte[] line) {
        try (JsonParser parser = mapper.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Long id = null;
            String method = null;
            Object params = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> {
                        if (id != null
                                || value != JsonToken.VALUE_NUMBER_INT
                                || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            return Optional.empty();
                        }
                        id = parser.getLongValue();
                    }
                    case "method" -> {
                        if (method != null || params != null || value != JsonToken.VALUE_STRING) {
                            return Optional.empty();
                        }
                        method = parser.getText();
                    }
                    case "params" -> {
                        Class<?> type = method == null ? null : PARAMS.get(method);
                        if (params != null || type == null || value != JsonToken.START_OBJECT) {
                            return Optional.empty();
                        }
                        params = mapper.readValue(parser, type);
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT
                    || parser.nextToken() != null
                    || id == null
                    || params == null) {
                return Optional.empty();
            }
            return Optional.of(new ParsedRequest(id, method, new Typed(params)));
        } catch (IOException | RuntimeException e) {
            // malformed or invalid: the tree path says why, with the request's id
            return Optional.empty();
        }
    }

    /** Params already read as their record. */
    record Typed(Object params) implements ParsedRequest.Params {
        @Override
        public <T> T read(String method, Class<T> type) {
            if (!type.isInstance(params)) {
                throw new AgentException(
                        ErrorCode.INTERNAL,
                        null,
                        method + " params were read as " + params.getClass().getSimpleName() + ", not "
                                + type.getSimpleName());
            }
            return type.cast(params);
        }
    }
}
