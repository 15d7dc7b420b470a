package io.nftkeeper.agent.rpc;

/** A request line read far enough to dispatch it: its id, its method and a way to its params. */
record ParsedRequest(long id, String method, Params params) {

    /** The params of a request, read as the record type its method takes. */
    interface Params {
        /** @throws io.nftkeeper.protocol.wire.AgentException INVALID when the params do not fit {@code type} */
        <T> T read(String method, Class<T> type);
    }
}
