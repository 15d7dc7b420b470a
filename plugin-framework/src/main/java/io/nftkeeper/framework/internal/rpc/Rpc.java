package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import java.util.List;

/** One tfplugin6 call. */
interface Rpc<Req, Resp> {
    Resp handle(Req request);

    /** A response that carries nothing but {@code diagnostics}; used when {@link #handle} threw. */
    Resp failure(List<Tfplugin6.Diagnostic> diagnostics);
}
