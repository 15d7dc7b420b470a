package io.nftkeeper.agent.nft;

import io.nftkeeper.protocol.wire.ErrorCode;

/** nft itself died (an abort or a crash inside libnftables) while checking a script, in a process of its own. */
final class NftCrash extends NftFailure {
    private static final long serialVersionUID = 1L;

    NftCrash(String what) {
        super(ErrorCode.INVALID, what);
    }
}
