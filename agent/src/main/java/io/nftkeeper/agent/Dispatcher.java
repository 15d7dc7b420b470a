package io.nftkeeper.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.CheckParams;
import io.nftkeeper.protocol.wire.DriftParams;
import io.nftkeeper.protocol.wire.ErrorBody;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.HelloParams;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.Response;
import io.nftkeeper.protocol.wire.WireProtocol;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns one request line into one response; never throws. */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ObjectMapper mapper = JsonLines.mapper();
    private final HelloOperation hello;
    private final ListOperation list;
    private final ApplyOperation apply;
    private final AdoptOperation adopt;
    private final CheckOperation check;
    private final DriftOperation drift;

    Dispatcher(String agentVersion, String hostname, Nftables nftables, Path stateDir) {
        OwnershipRegistry registry = new OwnershipRegistry(stateDir);
        this.hello = new HelloOperation(agentVersion, nftables, hostname);
        this.list = new ListOperation(nftables, registry);
        HostLock lock = new HostLock(stateDir);
        BaselineStore baselines = new BaselineStore(stateDir);
        BaselineRecorder recorder = new BaselineRecorder(nftables, baselines);
        this.apply = new ApplyOperation(nftables, registry, lock, recorder);
        this.adopt = new AdoptOperation(nftables, registry, lock, recorder);
        this.check = new CheckOperation(nftables, registry);
        this.drift = new DriftOperation(nftables, registry, baselines);
    }

    Response handle(String line) {
        JsonNode request;
        try {
            request = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            return reject(null, "request is not JSON: " + e.getOriginalMessage());
        }
        JsonNode idNode = request == null ? null : request.get("id");
        if (idNode == null || !idNode.isIntegralNumber() || !idNode.canConvertToLong()) {
            return reject(null, "request has no numeric \"id\"");
        }
        long id = idNode.asLong();
        JsonNode methodNode = request.get("method");
        String method = methodNode != null && methodNode.isTextual() ? methodNode.asText() : null;
        JsonNode params = request.hasNonNull("params") ? request.get("params") : mapper.createObjectNode();
        try {
            Object result = dispatch(method, params);
            LOG.debug("{} #{} succeeded", method, id);
            return Response.success(id, mapper.valueToTree(result));
        } catch (AgentException e) {
            LOG.warn("{} #{} failed with {}{}: {}", method, id, e.code(), e.object() == null ? "" : " on " + e.object(),
                    e.getMessage());
            return Response.failure(id, e.toErrorBody());
        } catch (RuntimeException e) {
            LOG.error("{} #{} failed unexpectedly", method, id, e);
            return Response.failure(id, new ErrorBody(ErrorCode.INTERNAL, null, "agent failure: " + e.getMessage()));
        }
    }

    private Object dispatch(String method, JsonNode params) {
        if (method == null) {
            throw new AgentException(ErrorCode.INVALID, null, "request has no \"method\"");
        }
        return switch (method) {
            case WireProtocol.HELLO -> hello.handle(read(method, params, HelloParams.class));
            case WireProtocol.LIST -> list.handle(read(method, params, ListParams.class));
            case WireProtocol.APPLY -> apply.handle(read(method, params, ApplyParams.class));
            case WireProtocol.CHECK -> check.handle(read(method, params, CheckParams.class));
            case WireProtocol.DRIFT -> drift.handle(read(method, params, DriftParams.class));
            case WireProtocol.ADOPT -> {
                adopt.handle(read(method, params, AdoptParams.class));
                yield mapper.createObjectNode();
            }
            default -> throw new AgentException(ErrorCode.INVALID, null, "unknown method \"" + method
                    + "\"; this agent knows hello, list, apply, adopt, check and drift");
        };
    }

    private <T> T read(String method, JsonNode params, Class<T> type) {
        try {
            return mapper.treeToValue(params, type);
        } catch (JsonProcessingException e) {
            // a model constructor's own message (e.g. an invalid table name) says more than Jackson's wrapper
            String why = e.getCause() instanceof NftkeeperException model ? model.getMessage() : e.getOriginalMessage();
            throw new AgentException(ErrorCode.INVALID, null, "invalid " + method + " params: " + why, e);
        } catch (IllegalArgumentException e) {
            throw new AgentException(ErrorCode.INVALID, null, "invalid " + method + " params: " + e.getMessage(), e);
        }
    }

    private static Response reject(Long id, String message) {
        LOG.warn("rejected request: {}", message);
        return Response.failure(id, new ErrorBody(ErrorCode.INVALID, null, message));
    }
}
