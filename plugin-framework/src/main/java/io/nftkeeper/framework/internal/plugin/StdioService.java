package io.nftkeeper.framework.internal.plugin;

import com.google.protobuf.Empty;
import io.grpc.stub.StreamObserver;
import io.nftkeeper.framework.internal.proto.goplugin.GRPCStdioGrpc;
import io.nftkeeper.framework.internal.proto.goplugin.StdioData;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * go-plugin's stdio mirror. We log to stderr, which Terraform already captures, so the stream carries nothing;
 * it stays open until shutdown so go-plugin does not log a broken stream.
 */
final class StdioService extends GRPCStdioGrpc.GRPCStdioImplBase {
    private final List<StreamObserver<StdioData>> open = new CopyOnWriteArrayList<>();

    @Override
    public void streamStdio(Empty request, StreamObserver<StdioData> observer) {
        open.add(observer);
    }

    void closeAll() {
        for (StreamObserver<StdioData> observer : open) {
            try {
                observer.onCompleted();
            } catch (RuntimeException alreadyCancelled) {
                // the client went away first; nothing left to close
            }
        }
        open.clear();
    }
}
