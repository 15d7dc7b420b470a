package io.nftkeeper.protocol.wire;

/** Constants of the provider-agent protocol: JSON lines, one {@link Request} or {@link Response} per line. */
public final class WireProtocol {

    public static final int PROTOCOL_VERSION = 1;

    /**
     * The longest message line either side accepts: far above a listing of a million-element set, far below what
     * would exhaust a JVM's heap (a hostile host once sent a 3 GB line, and the provider grew to 5 GB).
     */
    public static final int MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

    public static final String HELLO = "hello";
    public static final String LIST = "list";
    public static final String APPLY = "apply";
    public static final String ADOPT = "adopt";
    public static final String CHECK = "check";
    public static final String DRIFT = "drift";
    public static final String TX_STATUS = "txStatus";
    public static final String CONFIRM = "confirm";
    /** A set's elements as one packed list: digest of the host's set, dry-run check, or delta apply. */
    public static final String ELEMENTS = "elements";
    /** Streaming: events until {@link #CANCEL} or the connection ends, then a final result. */
    public static final String MONITOR = "monitor";

    public static final String CANCEL = "cancel";
    /**
     * A resident agent (serving a Unix socket) stops accepting connections, lets the open ones finish, then exits;
     * answered at once with {@code {}}. An agent serving stdio refuses it.
     */
    public static final String STOP = "stop";

    /** Monitor kinds: ruleset changes ({@code nft monitor}) and packet traces ({@code nft monitor trace}). */
    public static final String MONITOR_RULESET = "ruleset";

    public static final String MONITOR_TRACE = "trace";
    /**
     * The first event of every monitor stream, {@code {"started": {"kind": "ruleset"}}}: sent once the agent is
     * subscribed, so that changes made after it arrives are reported. Clients consume it; it is not an nft event.
     */
    public static final String MONITOR_STARTED = "started";

    private WireProtocol() {}
}
