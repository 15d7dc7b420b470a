package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.TableRef;
import java.util.List;

public record ListParams(List<TableRef> tables) {

    public ListParams {
        tables = List.copyOf(tables);
    }
}
