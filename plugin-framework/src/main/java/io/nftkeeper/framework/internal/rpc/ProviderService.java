package io.nftkeeper.framework.internal.rpc;

import io.grpc.stub.StreamObserver;
import io.nftkeeper.framework.internal.proto.tfplugin6.ProviderGrpc;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ApplyResourceChange;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ConfigureProvider;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.GetFunctions;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.GetMetadata;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.GetProviderSchema;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ImportResourceState;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.MoveResourceState;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.PlanResourceChange;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ReadDataSource;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ReadResource;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.StopProvider;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.UpgradeResourceState;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ValidateDataResourceConfig;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ValidateProviderConfig;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ValidateResourceConfig;
import io.nftkeeper.framework.provider.Cancellation;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tfplugin6 Provider service. Each call goes to its own Rpc class; a RuntimeException from provider code
 * becomes an error diagnostic (and a stack trace on stderr) instead of breaking the connection.
 * Calls may run concurrently: Terraform plans and applies resources in parallel.
 */
public final class ProviderService extends ProviderGrpc.ProviderImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderService.class);

    private final GetMetadataRpc getMetadata;
    private final GetProviderSchemaRpc getProviderSchema;
    private final ValidateProviderConfigRpc validateProviderConfig;
    private final ValidateResourceConfigRpc validateResourceConfig;
    private final ValidateDataResourceConfigRpc validateDataResourceConfig;
    private final UpgradeResourceStateRpc upgradeResourceState;
    private final ConfigureProviderRpc configureProvider;
    private final ReadResourceRpc readResource;
    private final PlanResourceChangeRpc planResourceChange;
    private final ApplyResourceChangeRpc applyResourceChange;
    private final ImportResourceStateRpc importResourceState;
    private final ReadDataSourceRpc readDataSource;
    private final GetFunctionsRpc getFunctions = new GetFunctionsRpc();
    private final MoveResourceStateRpc moveResourceState;
    private final StopProviderRpc stopProvider;

    public ProviderService(ProviderRuntime runtime) {
        getMetadata = new GetMetadataRpc(runtime);
        getProviderSchema = new GetProviderSchemaRpc(runtime);
        validateProviderConfig = new ValidateProviderConfigRpc(runtime);
        validateResourceConfig = new ValidateResourceConfigRpc(runtime);
        validateDataResourceConfig = new ValidateDataResourceConfigRpc(runtime);
        upgradeResourceState = new UpgradeResourceStateRpc(runtime);
        configureProvider = new ConfigureProviderRpc(runtime);
        readResource = new ReadResourceRpc(runtime);
        planResourceChange = new PlanResourceChangeRpc(runtime);
        applyResourceChange = new ApplyResourceChangeRpc(runtime);
        importResourceState = new ImportResourceStateRpc(runtime);
        readDataSource = new ReadDataSourceRpc(runtime);
        moveResourceState = new MoveResourceStateRpc(runtime);
        stopProvider = new StopProviderRpc(runtime);
    }

    @Override
    public void getMetadata(GetMetadata.Request request, StreamObserver<GetMetadata.Response> observer) {
        call("GetMetadata", getMetadata, request, observer);
    }

    @Override
    public void getProviderSchema(
            GetProviderSchema.Request request, StreamObserver<GetProviderSchema.Response> observer) {
        call("GetProviderSchema", getProviderSchema, request, observer);
    }

    @Override
    public void validateProviderConfig(
            ValidateProviderConfig.Request request, StreamObserver<ValidateProviderConfig.Response> observer) {
        call("ValidateProviderConfig", validateProviderConfig, request, observer);
    }

    @Override
    public void validateResourceConfig(
            ValidateResourceConfig.Request request, StreamObserver<ValidateResourceConfig.Response> observer) {
        call("ValidateResourceConfig " + request.getTypeName(), validateResourceConfig, request, observer);
    }

    @Override
    public void validateDataResourceConfig(
            ValidateDataResourceConfig.Request request, StreamObserver<ValidateDataResourceConfig.Response> observer) {
        call("ValidateDataResourceConfig " + request.getTypeName(), validateDataResourceConfig, request, observer);
    }

    @Override
    public void upgradeResourceState(
            UpgradeResourceState.Request request, StreamObserver<UpgradeResourceState.Response> observer) {
        call("UpgradeResourceState " + request.getTypeName(), upgradeResourceState, request, observer);
    }

    @Override
    public void configureProvider(
            ConfigureProvider.Request request, StreamObserver<ConfigureProvider.Response> observer) {
        call("ConfigureProvider", configureProvider, request, observer);
    }

    @Override
    public void readResource(ReadResource.Request request, StreamObserver<ReadResource.Response> observer) {
        call("ReadResource " + request.getTypeName(), readResource, request, observer);
    }

    @Override
    public void planResourceChange(
            PlanResourceChange.Request request, StreamObserver<PlanResourceChange.Response> observer) {
        call("PlanResourceChange " + request.getTypeName(), planResourceChange, request, observer);
    }

    @Override
    public void applyResourceChange(
            ApplyResourceChange.Request request, StreamObserver<ApplyResourceChange.Response> observer) {
        call("ApplyResourceChange " + request.getTypeName(), applyResourceChange, request, observer);
    }

    @Override
    public void importResourceState(
            ImportResourceState.Request request, StreamObserver<ImportResourceState.Response> observer) {
        call("ImportResourceState " + request.getTypeName(), importResourceState, request, observer);
    }

    @Override
    public void moveResourceState(
            MoveResourceState.Request request, StreamObserver<MoveResourceState.Response> observer) {
        call("MoveResourceState " + request.getTargetTypeName(), moveResourceState, request, observer);
    }

    @Override
    public void readDataSource(ReadDataSource.Request request, StreamObserver<ReadDataSource.Response> observer) {
        call("ReadDataSource " + request.getTypeName(), readDataSource, request, observer);
    }

    @Override
    public void getFunctions(GetFunctions.Request request, StreamObserver<GetFunctions.Response> observer) {
        call("GetFunctions", getFunctions, request, observer);
    }

    @Override
    public void stopProvider(StopProvider.Request request, StreamObserver<StopProvider.Response> observer) {
        call("StopProvider", stopProvider, request, observer);
    }

    private static <Req, Resp> void call(String what, Rpc<Req, Resp> rpc, Req request, StreamObserver<Resp> observer) {
        Resp response;
        try {
            response = rpc.handle(request);
        } catch (Cancellation.CancelledException e) {
            LOG.info("{} stopped: Terraform asked the provider to stop", what);
            response = rpc.failure(List.of(Tfplugin6.Diagnostic.newBuilder()
                    .setSeverity(Tfplugin6.Diagnostic.Severity.ERROR)
                    .setSummary("Stopped")
                    .setDetail(what + " was interrupted because Terraform asked the provider to stop.")
                    .build()));
        } catch (RuntimeException e) {
            LOG.error("{} failed", what, e);
            response = rpc.failure(List.of(internalError(e)));
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    private static Tfplugin6.Diagnostic internalError(RuntimeException e) {
        return Tfplugin6.Diagnostic.newBuilder()
                .setSeverity(Tfplugin6.Diagnostic.Severity.ERROR)
                .setSummary("Internal error in provider: " + e)
                .setDetail("This is a bug in the provider; its log (stderr, visible with TF_LOG=debug) has the"
                        + " stack trace. Please report it.")
                .build();
    }
}
