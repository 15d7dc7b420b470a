package io.nftkeeper.protocol.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Talks to one agent over its stdin/stdout. Thread-safe: calls from many threads are multiplexed by request id;
 * a reader thread hands each response to the call waiting for it.
 */
public final class AgentClient implements AutoCloseable {

    private static final int MAX_QUOTED_LINE = 200;

    private final ObjectMapper mapper = JsonLines.mapper();
    private final InputStream fromAgent;
    private final OutputStream toAgent;
    private final Duration callTimeout;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    private final Map<Long, Consumer<JsonNode>> streams = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private volatile String closedReason;

    public AgentClient(InputStream fromAgent, OutputStream toAgent, Duration callTimeout) {
        this.fromAgent = Objects.requireNonNull(fromAgent, "fromAgent");
        this.toAgent = Objects.requireNonNull(toAgent, "toAgent");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        Thread reader = new Thread(this::readResponses, "nftkeeper-agent-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public HelloResult hello(String client) {
        return call(WireProtocol.HELLO, new HelloParams(WireProtocol.PROTOCOL_VERSION, client), HelloResult.class);
    }

    public ListResult list(List<TableRef> tables) {
        return call(WireProtocol.LIST, new ListParams(tables), ListResult.class);
    }

    /** Every table on the host, managed or not (read-only), in family and name order. */
    public ListResult listAll() {
        return list(ListParams.everyTable());
    }

    public ListResult list(ListParams params) {
        return call(WireProtocol.LIST, params, ListResult.class);
    }

    public ApplyResult apply(Transaction transaction) {
        return apply(new ApplyParams(transaction));
    }

    /** An apply with every parameter, e.g. {@link ApplyParams#withReadBack()}. */
    public ApplyResult apply(ApplyParams params) {
        return call(WireProtocol.APPLY, params, ApplyResult.class);
    }

    /** Like {@link #apply(Transaction)}, waiting at most {@code lockTimeout} for another apply on the host. */
    public ApplyResult apply(Transaction transaction, Duration lockTimeout) {
        return call(WireProtocol.APPLY, new ApplyParams(transaction, lockTimeout.toMillis()), ApplyResult.class);
    }

    /**
     * Like {@link #apply(Transaction, Duration)}, identified by {@code txId} (see {@link #newTxId()}) so that it can be
     * retried safely: if the first attempt committed, a retry with the same id succeeds without running again
     * ({@link ApplyResult#replayed()}). After losing a connection, {@link #txStatus} tells whether it committed.
     */
    public ApplyResult apply(Transaction transaction, Duration lockTimeout, String txId) {
        return call(WireProtocol.APPLY, new ApplyParams(transaction, lockTimeout.toMillis(), txId), ApplyResult.class);
    }

    /**
     * Commit-confirmed apply: unless {@link #confirm(String)} arrives within {@code confirmTimeout} (from this or any
     * other connection), the agent restores the tables this transaction touched as they were before it, even if this
     * connection is gone by then.
     */
    public ApplyResult apply(Transaction transaction, Duration lockTimeout, String txId, Duration confirmTimeout) {
        return call(
                WireProtocol.APPLY,
                new ApplyParams(transaction, lockTimeout.toMillis(), txId, confirmTimeout.toSeconds()),
                ApplyResult.class);
    }

    /** Whether the transaction with this id committed (and whether it awaits confirmation or was rolled back). */
    public TxStatusResult txStatus(String txId) {
        return call(WireProtocol.TX_STATUS, new TxStatusParams(txId), TxStatusResult.class);
    }

    /**
     * Keeps a commit-confirmed transaction. Confirming one that needs no confirmation is fine; one already rolled
     * back fails with INVALID, an unknown id with NOT_FOUND.
     */
    public void confirm(String txId) {
        call(WireProtocol.CONFIRM, new ConfirmParams(txId), JsonNode.class);
    }

    /**
     * Asks a resident agent to stop: it accepts no new connection, lets the open ones (this one included) finish,
     * then exits. An agent serving stdio refuses with INVALID.
     */
    public void stop() {
        call(WireProtocol.STOP, Map.of(), JsonNode.class);
    }

    /** A fresh transaction id. */
    public static String newTxId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Streams events of {@code kind} ({@value WireProtocol#MONITOR_RULESET} or {@value WireProtocol#MONITOR_TRACE}):
     * each is one JSON object as {@code nft -j monitor} prints it, e.g. {@code {"add":{"table":{...}}}}. Returns once
     * the agent is subscribed; changes made after that are reported. {@code onEvent} runs on the connection's reader
     * thread: keep it short. Closing the handle cancels the stream and waits for the agent to end it.
     *
     * @throws AgentException when the agent cannot start the monitor (e.g. UNAVAILABLE without the nft command)
     */
    public AutoCloseable monitor(String kind, Consumer<JsonNode> onEvent) {
        Objects.requireNonNull(onEvent, "onEvent");
        long id = nextId.getAndIncrement();
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Response> finished = new CompletableFuture<>();
        streams.put(id, event -> {
            if (event.has(WireProtocol.MONITOR_STARTED) && !started.isDone()) {
                started.complete(null);
            } else {
                onEvent.accept(event);
            }
        });
        pending.put(id, finished);
        try {
            if (closedReason != null) {
                throw unavailable(WireProtocol.MONITOR, closedReason, null);
            }
            send(id, WireProtocol.MONITOR, new MonitorParams(kind));
            await(CompletableFuture.anyOf(started, finished), WireProtocol.MONITOR);
            if (finished.isDone()) {
                Response end = finished.join();
                throw end.failed()
                        ? AgentException.from(end.error())
                        : new AgentException(
                                ErrorCode.INCOMPATIBLE, null, "the agent ended the monitor before it started");
            }
        } catch (RuntimeException e) {
            streams.remove(id);
            pending.remove(id);
            throw e;
        }
        return new MonitorHandle(id, finished);
    }

    private final class MonitorHandle implements AutoCloseable {
        private final long id;
        private final CompletableFuture<Response> finished;
        private boolean closed;

        MonitorHandle(long id, CompletableFuture<Response> finished) {
            this.id = id;
            this.finished = finished;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (!finished.isDone()) {
                    call(WireProtocol.CANCEL, new CancelParams(id), JsonNode.class);
                    await(finished, WireProtocol.CANCEL);
                }
            } finally {
                streams.remove(id);
                pending.remove(id);
            }
        }
    }

    public void adopt(TableRef table) {
        adopt(new AdoptParams(table));
    }

    public void adopt(AdoptParams params) {
        call(WireProtocol.ADOPT, params, JsonNode.class);
    }

    /**
     * Dry-runs the transaction on the host: fails like {@link #apply} would, except for commit-time checks
     * (see {@link CheckResult#limits()}). Changes nothing.
     */
    public CheckResult check(Transaction transaction) {
        return check(transaction, List.of());
    }

    /** Like {@link #check(Transaction)}, treating the existing tables {@code adopting} as managed. */
    public CheckResult check(Transaction transaction, List<TableRef> adopting) {
        return call(WireProtocol.CHECK, new CheckParams(transaction, adopting), CheckResult.class);
    }

    /**
     * Digest, dry-run check or apply of one set's elements as a whole (see {@link ElementsParams}), waiting up to
     * {@code timeout} (at least this client's call timeout): a million elements take minutes on a busy host.
     */
    public ElementsResult elements(ElementsParams params, Duration timeout) {
        return call(
                WireProtocol.ELEMENTS,
                params,
                ElementsResult.class,
                timeout.compareTo(callTimeout) > 0 ? timeout : callTimeout);
    }

    /** Compares managed tables (all of them when {@code tables} is empty) with their recorded baselines. */
    public DriftResult drift(List<TableRef> tables) {
        return call(WireProtocol.DRIFT, new DriftParams(tables), DriftResult.class);
    }

    /** Closes both streams; calls still waiting fail with UNAVAILABLE. The agent exits when its stdin closes. */
    @Override
    public void close() {
        shutDown("the agent connection was closed by this client");
        closeQuietly(toAgent);
        closeQuietly(fromAgent);
    }

    private <T> T call(String method, Object params, Class<T> resultType) {
        return call(method, params, resultType, callTimeout);
    }

    private <T> T call(String method, Object params, Class<T> resultType, Duration timeout) {
        long id = nextId.getAndIncrement();
        CompletableFuture<Response> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            // checked after registering, so a concurrent shutDown either sees this call or we see its reason
            String reason = closedReason;
            if (reason != null) {
                throw unavailable(method, reason, null);
            }
            send(id, method, params);
            Response response = await(answer, method, timeout);
            if (response.failed()) {
                throw AgentException.from(response.error());
            }
            if (response.result() == null) {
                throw new AgentException(
                        ErrorCode.INCOMPATIBLE,
                        null,
                        "the agent's answer to " + method + " has neither result nor error");
            }
            return mapper.treeToValue(response.result(), resultType);
        } catch (JsonProcessingException e) {
            throw new AgentException(
                    ErrorCode.INCOMPATIBLE,
                    null,
                    "the agent's answer to " + method + " could not be read: " + e.getOriginalMessage(),
                    e);
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Writes {@code {"id":..,"method":..,"params":{..}}} and a line end in one write: params go straight to bytes
     * (no JSON tree in between), {@code method} before {@code params} so the agent reads them in one pass.
     */
    private void send(long id, String method, Object params) {
        byte[] line;
        try {
            line = requestLine(id, method, params);
        } catch (IOException e) {
            // only JSON can fail here (the bytes go to memory): a bug in the params, not a broken connection
            throw new IllegalArgumentException("cannot write the " + method + " request: " + e.getMessage(), e);
        }
        try {
            synchronized (writeLock) {
                toAgent.write(line);
                toAgent.flush();
            }
        } catch (IOException e) {
            shutDown("writing to the agent failed: " + e.getMessage());
            throw unavailable(method, closedReason, e);
        }
    }

    private <T> T await(CompletableFuture<T> answer, String method) {
        return await(answer, method, callTimeout);
    }

    private <T> T await(CompletableFuture<T> answer, String method, Duration timeout) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AgentException(
                    ErrorCode.UNAVAILABLE,
                    null,
                    "the agent did not answer " + method + " within " + readable(timeout),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException(ErrorCode.UNAVAILABLE, null, "interrupted while waiting for the agent", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AgentException agentFailure) {
                throw new AgentException(
                        agentFailure.code(),
                        agentFailure.object(),
                        agentFailure.getMessage() + " (during " + method + ")",
                        agentFailure);
            }
            throw new AgentException(ErrorCode.INTERNAL, null, "unexpected failure: " + e.getCause(), e.getCause());
        }
    }

    private byte[] requestLine(long id, String method, Object params) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (JsonGenerator json = mapper.getFactory().createGenerator(line)) {
            json.writeStartObject();
            json.writeNumberField("id", id);
            json.writeStringField("method", method);
            json.writeFieldName("params");
            mapper.writeValue(json, params);
            json.writeEndObject();
        }
        line.write('\n');
        return line.toByteArray();
    }

    private void readResponses() {
        InputStream in = new BufferedInputStream(fromAgent, 1 << 16);
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        try {
            while (readLine(in, line, WireProtocol.MAX_MESSAGE_BYTES)) {
                byte[] bytes = line.toByteArray();
                line.reset();
                if (!isBlank(bytes)) {
                    deliver(bytes);
                }
            }
            shutDown("the agent connection closed");
        } catch (IOException e) {
            shutDown("the agent connection closed: " + e.getMessage());
        }
    }

    /**
     * Reads up to the next line end into {@code line}; false at the end of the stream with nothing read.
     *
     * @throws IOException for a line over {@link WireProtocol#MAX_MESSAGE_BYTES}: the connection is given up
     */
    static boolean readLine(InputStream in, ByteArrayOutputStream line, int maxBytes) throws IOException {
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return line.size() > 0;
            }
            if (line.size() == maxBytes) {
                throw new IOException("the agent sent a message longer than " + maxBytes + " bytes");
            }
            line.write(b);
        }
        return true;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private void deliver(byte[] line) {
        Response response;
        try {
            // one pass from the bytes to a tree; the caller reads its result from the tree into its type
            JsonNode message = mapper.readTree(line);
            if (message != null && message.has("event") && message.path("id").canConvertToLong()) {
                Consumer<JsonNode> stream = streams.get(message.get("id").asLong());
                if (stream != null) {
                    stream.accept(message.get("event"));
                }
                return; // else: an event of a stream this client already closed
            }
            response = responseOf(message);
        } catch (IOException | IllegalArgumentException e) {
            // Anything on the agent's stdout that is not a response means we no longer know what it is saying.
            shutDown("the agent wrote something that is not a protocol message: "
                    + abbreviate(new String(line, StandardCharsets.UTF_8)));
            return;
        }
        if (response.id() == null) {
            // The agent could not read the id of something we sent; whichever call it was, it will never be answered.
            ErrorBody error = response.error() != null
                    ? response.error()
                    : new ErrorBody(ErrorCode.INTERNAL, null, "the agent sent a response without id");
            pending.values().forEach(call -> call.completeExceptionally(AgentException.from(error)));
            return;
        }
        CompletableFuture<Response> call = pending.get(response.id());
        if (call != null) {
            call.complete(response);
        }
        // else: the caller gave up (timeout); its late answer is dropped
    }

    /** The message as a {@link Response}, its result left as the tree it already is. */
    private Response responseOf(JsonNode message) throws IOException {
        if (message == null || !message.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode id = message.get("id");
        Long responseId = id == null || id.isNull()
                ? null
                : id.isIntegralNumber() && id.canConvertToLong()
                        ? Long.valueOf(id.asLong())
                        : mapper.treeToValue(id, Long.class);
        ErrorBody error =
                message.hasNonNull("error") ? mapper.treeToValue(message.get("error"), ErrorBody.class) : null;
        return new Response(responseId, message.get("result"), error);
    }

    private void shutDown(String reason) {
        if (closedReason == null) {
            closedReason = reason;
        }
        AgentException failure = new AgentException(ErrorCode.UNAVAILABLE, null, closedReason);
        pending.values().forEach(call -> call.completeExceptionally(failure));
    }

    private static AgentException unavailable(String method, String reason, Throwable cause) {
        return new AgentException(ErrorCode.UNAVAILABLE, null, reason + " (during " + method + ")", cause);
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String abbreviate(String line) {
        return line.length() <= MAX_QUOTED_LINE ? line : line.substring(0, MAX_QUOTED_LINE) + "…";
    }

    private static void closeQuietly(AutoCloseable stream) {
        try {
            stream.close();
        } catch (Exception ignored) {
            // closing is best effort: the connection is being abandoned either way
        }
    }
}
