package io.nftkeeper.agent.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.agent.drift.DriftOperation;
import io.nftkeeper.agent.drift.FileSetDigest;
import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.agent.nft.StartupException;
import io.nftkeeper.agent.rollback.DetachedRollbackTimers;
import io.nftkeeper.agent.rollback.PendingRollbacks;
import io.nftkeeper.agent.rollback.RollbackRunner;
import io.nftkeeper.agent.rollback.RollbackTimers;
import io.nftkeeper.agent.state.AuditLog;
import io.nftkeeper.agent.state.BaselineRecorder;
import io.nftkeeper.agent.state.BaselineStore;
import io.nftkeeper.agent.state.ElementRecords;
import io.nftkeeper.agent.state.FileSetsTerse;
import io.nftkeeper.agent.state.HostLock;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.agent.state.StaleBaselines;
import io.nftkeeper.agent.state.StateDirectory;
import io.nftkeeper.agent.state.TransactionLog;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.CancelParams;
import io.nftkeeper.protocol.wire.CheckParams;
import io.nftkeeper.protocol.wire.ConfirmParams;
import io.nftkeeper.protocol.wire.DriftParams;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ErrorBody;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.HelloParams;
import io.nftkeeper.protocol.wire.HelloResult;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.MonitorParams;
import io.nftkeeper.protocol.wire.Response;
import io.nftkeeper.protocol.wire.TxStatusParams;
import io.nftkeeper.protocol.wire.WireProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one request line into one response; never throws. Streaming requests ({@code monitor}) answer through the
 * {@link MessageSink} instead: events, then their final response. Between requests the loop gives it time for idle
 * work (recording baselines, see {@link StaleBaselines}).
 *
 * <p>A request is read in one streaming pass straight into its params record when {@code method} precedes
 * {@code params} (as {@code AgentClient} writes it), so a 100k-element set is never held as a JSON tree; anything
 * else, including every malformed request, takes the slower tree path, which also words the errors.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ObjectMapper mapper = JsonLines.mapper();
    private final HelloOperation hello;
    private final ListOperation list;
    private final ApplyOperation apply;
    private final AdoptOperation adopt;
    private final CheckOperation check;
    private final DriftOperation drift;
    private final TxStatusOperation txStatus;
    private final ConfirmOperation confirm;
    private final ElementsOperation elements;
    private final StaleBaselines staleBaselines;
    private final TransactionLog transactions;
    private final AuditLog audit;
    /** The session of in-process calls ({@link #call}, {@link #handle(String)}): no streams. */
    private final Session inProcess = Session.withoutStreams();

    private final Path stateDir;
    /** What {@code stop} does; null where the agent serves stdio only (it ends when its stdin closes). */
    private volatile Runnable stopHandler;

    /** The result of a request whose answer is streamed through the sink. */
    private static final Object STREAMING = new Object();

    public Dispatcher(String agentVersion, String hostname, Nftables nftables, Path stateDir) {
        this(
                agentVersion,
                hostname,
                nftables,
                stateDir,
                AuditLog.disabled(),
                new DetachedRollbackTimers(stateDir, null));
    }

    public Dispatcher(
            String agentVersion,
            String hostname,
            Nftables nftables,
            Path stateDir,
            AuditLog audit,
            RollbackTimers timers) {
        this.stateDir = stateDir;
        OwnershipRegistry registry = new OwnershipRegistry(stateDir);
        ElementRecords elementRecords = new ElementRecords(stateDir);
        // listings, baselines and drift leave out the elements of sets filled from files; applies see everything
        Nftables listing = new FileSetsTerse(nftables, elementRecords);
        this.hello = new HelloOperation(agentVersion, nftables, hostname);
        this.list = new ListOperation(listing, registry);
        HostLock lock = new HostLock(stateDir);
        BaselineStore baselines = new BaselineStore(stateDir);
        BaselineRecorder recorder = new BaselineRecorder(listing, baselines);
        this.transactions = new TransactionLog(stateDir);
        this.audit = audit;
        PendingRollbacks pending = new PendingRollbacks(stateDir);
        RollbackRunner rollbacks = new RollbackRunner(nftables, registry, recorder, transactions, pending, audit);
        this.staleBaselines = new StaleBaselines(recorder, baselines, registry, lock);
        this.apply = new ApplyOperation(
                nftables,
                registry,
                lock,
                staleBaselines,
                transactions,
                pending,
                timers,
                rollbacks,
                audit,
                java.time.Clock.systemUTC());
        this.adopt = new AdoptOperation(nftables, registry, lock, recorder, audit);
        this.check = new CheckOperation(nftables, registry);
        // one, so that what it parsed of a listing serves element requests and drift alike
        FileSetDigest fileSets = new FileSetDigest(nftables, elementRecords);
        this.drift = new DriftOperation(listing, registry, baselines, fileSets);
        this.txStatus = new TxStatusOperation(transactions, pending);
        this.confirm = new ConfirmOperation(lock, pending, transactions, timers, audit);
        this.elements = new ElementsOperation(
                nftables, registry, apply, elementRecords, fileSets, ElementRecords.contributions(stateDir));
    }

    /**
     * A resident agent outlives the check it made at start: each new session checks again that only root can write
     * the state directory, and gets the same refusal as an agent starting there would.
     */
    private void requirePrivateStateDirectory() {
        try {
            StateDirectory.prepare(stateDir);
        } catch (StartupException e) {
            throw new AgentException(ErrorCode.INVALID, stateDir.toString(), e.getMessage());
        }
    }

    /** Makes {@code stop} call {@code handler} (a resident agent: drain, then exit). */
    void onStop(Runnable handler) {
        stopHandler = handler;
    }

    /**
     * Records what is still unrecorded and closes the journal and the audit log it was given, which stay open
     * between requests. Each session ends its own streams ({@link Session#close}).
     */
    @Override
    public synchronized void close() {
        try {
            staleBaselines.recordNow(HostLock.DEFAULT_TIMEOUT);
        } finally {
            transactions.close();
            audit.close();
        }
    }

    /** Nanoseconds until {@link #idleWork()} has something to do; {@link Long#MAX_VALUE} for nothing. */
    public long nanosUntilIdleWork() {
        return staleBaselines.nanosUntilDue();
    }

    /** Work deferred until no request is waiting; never throws. */
    public void idleWork() {
        try {
            staleBaselines.recordIfDue();
        } catch (RuntimeException e) {
            LOG.error("idle work failed unexpectedly", e);
        }
    }

    Response handle(String line) {
        return handle(line.getBytes(StandardCharsets.UTF_8), inProcess);
    }

    /**
     * @param line    one request, UTF-8, without its line end
     * @param session the client's connection: streaming requests write their events and final response to its
     *                sink (none refuses streaming)
     * @return the response, or null when the request started a stream
     */
    Response handle(byte[] line, Session session) {
        Stopwatch watch = new Stopwatch();
        Optional<ParsedRequest> parsed = StreamedRequest.parse(mapper, line);
        if (parsed.isPresent()) {
            watch.lap("parse");
            return handle(parsed.get(), session, watch);
        }
        JsonNode request;
        try {
            request = mapper.readTree(line);
        } catch (IOException e) {
            return reject(
                    null,
                    "request is not JSON: "
                            + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()));
        }
        JsonNode idNode = request == null ? null : request.get("id");
        if (idNode == null || !idNode.isIntegralNumber() || !idNode.canConvertToLong()) {
            return reject(null, "request has no numeric \"id\"");
        }
        long id = idNode.asLong();
        JsonNode methodNode = request.get("method");
        String method = methodNode != null && methodNode.isTextual() ? methodNode.asText() : null;
        JsonNode params = request.hasNonNull("params") ? request.get("params") : mapper.createObjectNode();
        watch.lap("parse as tree");
        return handle(new ParsedRequest(id, method, new TreeParams(params)), session, watch);
    }

    /**
     * One request already in its params record, answered with its result record: the serve loop's path without
     * the JSON lines (no streaming methods). Idle work that is due runs afterwards, as the serve loop runs it.
     *
     * @throws AgentException as the request's error response would say
     */
    public Object call(String method, Object params) {
        try {
            Object result = dispatch(0, method, new StreamedRequest.Typed(params), inProcess);
            if (staleBaselines.nanosUntilDue() == 0) {
                idleWork();
            }
            return result;
        } catch (AgentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AgentException(ErrorCode.INTERNAL, null, "agent failure: " + e.getMessage(), e);
        }
    }

    private Response handle(ParsedRequest request, Session session, Stopwatch watch) {
        long id = request.id();
        String method = request.method();
        try {
            Object result = dispatch(id, method, request.params(), session);
            if (result == STREAMING) {
                return null;
            }
            Response response = Response.success(id, mapper.valueToTree(result));
            watch.lap("handle");
            LOG.debug("{} #{} succeeded: {}", method, id, watch);
            return response;
        } catch (AgentException e) {
            LOG.warn(
                    "{} #{} failed with {}{}: {}",
                    method,
                    id,
                    e.code(),
                    e.object() == null ? "" : " on " + e.object(),
                    e.getMessage());
            return Response.failure(id, e.toErrorBody());
        } catch (RuntimeException e) {
            LOG.error("{} #{} failed unexpectedly", method, id, e);
            return Response.failure(id, new ErrorBody(ErrorCode.INTERNAL, null, "agent failure: " + e.getMessage()));
        }
    }

    private Object dispatch(long id, String method, ParsedRequest.Params params, Session session) {
        if (method == null) {
            throw new AgentException(ErrorCode.INVALID, null, "request has no \"method\"");
        }
        return switch (method) {
            case WireProtocol.HELLO -> {
                HelloParams introduction = params.read(method, HelloParams.class);
                requirePrivateStateDirectory();
                HelloResult result = hello.handle(introduction);
                session.introduce(introduction.client());
                yield result;
            }
            case WireProtocol.LIST -> list.handle(params.read(method, ListParams.class));
            case WireProtocol.APPLY -> {
                ApplyParams applying = params.read(method, ApplyParams.class);
                ApplyResult applied = apply.handle(applying, session.client());
                yield applying.readsBack() ? applied.withTables(list.readBack(applying.transaction())) : applied;
            }
            case WireProtocol.TX_STATUS -> txStatus.handle(params.read(method, TxStatusParams.class));
            case WireProtocol.CONFIRM -> {
                confirm.handle(params.read(method, ConfirmParams.class), session.client());
                yield mapper.createObjectNode();
            }
            case WireProtocol.MONITOR -> {
                MonitorParams monitor = params.read(method, MonitorParams.class);
                if (!session.canStream()) {
                    throw new AgentException(ErrorCode.INVALID, null, "monitor needs a streaming connection");
                }
                session.monitors().start(id, monitor);
                yield STREAMING;
            }
            case WireProtocol.CANCEL -> {
                CancelParams cancel = params.read(method, CancelParams.class);
                if (!session.canStream()) {
                    throw new AgentException(ErrorCode.NOT_FOUND, null, "no stream with request id " + cancel.id());
                }
                session.monitors().cancel(cancel.id());
                yield mapper.createObjectNode();
            }
            case WireProtocol.CHECK -> check.handle(params.read(method, CheckParams.class));
            case WireProtocol.ELEMENTS -> elements.handle(params.read(method, ElementsParams.class), session.client());
            case WireProtocol.DRIFT -> {
                DriftParams tables = params.read(method, DriftParams.class);
                // never compare against a baseline older than this agent's own last change
                staleBaselines.recordNow(HostLock.DEFAULT_TIMEOUT);
                yield drift.handle(tables);
            }
            case WireProtocol.ADOPT -> {
                AdoptParams table = params.read(method, AdoptParams.class);
                staleBaselines.recordNow(ApplyOperation.lockTimeout(table.lockTimeoutMs()));
                adopt.handle(table, session.client());
                yield mapper.createObjectNode();
            }
            case WireProtocol.STOP -> {
                Runnable stop = stopHandler;
                if (stop == null) {
                    throw new AgentException(
                            ErrorCode.INVALID,
                            null,
                            "stop is for a resident agent (serve --socket); " + "this one ends when its stdin closes");
                }
                stop.run();
                yield mapper.createObjectNode();
            }
            default ->
                throw new AgentException(
                        ErrorCode.INVALID,
                        null,
                        "unknown method \"" + method
                                + "\"; this agent knows hello, list, apply, adopt, check, drift, txStatus, confirm, monitor, cancel, "
                                + "elements and stop");
        };
    }

    /** Params still as a JSON tree (the slow path): converted when the method asks for its type. */
    private final class TreeParams implements ParsedRequest.Params {
        private final JsonNode tree;

        TreeParams(JsonNode tree) {
            this.tree = tree;
        }

        @Override
        public <T> T read(String method, Class<T> type) {
            return Dispatcher.this.read(method, tree, type);
        }
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
