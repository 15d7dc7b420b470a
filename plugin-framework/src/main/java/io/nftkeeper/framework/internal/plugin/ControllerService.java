package io.nftkeeper.framework.internal.plugin;

import io.grpc.stub.StreamObserver;
import io.nftkeeper.framework.internal.proto.goplugin.Empty;
import io.nftkeeper.framework.internal.proto.goplugin.GRPCControllerGrpc;

/** go-plugin's GRPCController: Terraform calls Shutdown when done, instead of waiting 2 s and killing us. */
final class ControllerService extends GRPCControllerGrpc.GRPCControllerImplBase {
    private final Runnable onShutdown;

    ControllerService(Runnable onShutdown) {
        this.onShutdown = onShutdown;
    }

    @Override
    public void shutdown(Empty request, StreamObserver<Empty> observer) {
        observer.onNext(Empty.getDefaultInstance());
        observer.onCompleted();
        onShutdown.run();
    }
}
