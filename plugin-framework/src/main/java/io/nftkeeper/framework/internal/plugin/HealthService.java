package io.nftkeeper.framework.internal.plugin;

import io.grpc.stub.StreamObserver;
import io.nftkeeper.framework.internal.proto.health.HealthCheckRequest;
import io.nftkeeper.framework.internal.proto.health.HealthCheckResponse;
import io.nftkeeper.framework.internal.proto.health.HealthGrpc;

/** grpc.health.v1: go-plugin pings service "plugin"; we are serving for as long as we run. */
final class HealthService extends HealthGrpc.HealthImplBase {
    @Override
    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        observer.onNext(status(request));
        observer.onCompleted();
    }

    @Override
    public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        observer.onNext(status(request));
    }

    private static HealthCheckResponse status(HealthCheckRequest request) {
        boolean known = request.getService().isEmpty() || request.getService().equals("plugin");
        return HealthCheckResponse.newBuilder()
                .setStatus(
                        known
                                ? HealthCheckResponse.ServingStatus.SERVING
                                : HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN)
                .build();
    }
}
