package io.nftkeeper.protocol.wire;

/** Constants of the provider-agent protocol: JSON lines, one {@link Request} or {@link Response} per line. */
public final class WireProtocol {

    public static final int PROTOCOL_VERSION = 1;

    public static final String HELLO = "hello";
    public static final String LIST = "list";
    public static final String APPLY = "apply";
    public static final String ADOPT = "adopt";
    public static final String CHECK = "check";
    public static final String DRIFT = "drift";

    private WireProtocol() {
    }
}
