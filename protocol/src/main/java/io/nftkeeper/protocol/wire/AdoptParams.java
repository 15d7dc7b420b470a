package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.TableRef;

public record AdoptParams(TableRef table) {
}
