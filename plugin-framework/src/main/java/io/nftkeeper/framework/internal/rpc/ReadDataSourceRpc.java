package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.datasource.DataSource;
import io.nftkeeper.framework.datasource.DataSourceReadRequest;
import io.nftkeeper.framework.datasource.DataSourceReadResponse;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ReadDataSource;
import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Value;
import java.util.List;
import java.util.Optional;

final class ReadDataSourceRpc implements Rpc<ReadDataSource.Request, ReadDataSource.Response> {
    private final ProviderRuntime runtime;

    ReadDataSourceRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public ReadDataSource.Response handle(ReadDataSource.Request request) {
        Optional<DataSource> dataSource = runtime.newDataSource(request.getTypeName());
        if (dataSource.isEmpty()) {
            return failure(Wire.diagnostics(Problems.unknownType(
                    "data source",
                    request.getTypeName(),
                    runtime.dataSourceSchemas().keySet())));
        }
        ObjectType type = runtime.dataSourceSchemas().get(request.getTypeName()).objectType();
        Value config = Wire.decode(request.getConfig(), type);
        DataSourceReadResponse response = new DataSourceReadResponse();
        dataSource.get().read(new DataSourceReadRequest(config, runtime.cancellation()), response);
        Diagnostics diagnostics = response.diagnostics();
        if (diagnostics.hasError()) {
            return failure(Wire.diagnostics(diagnostics));
        }
        if (response.state() == null || !response.state().isWhollyKnown()) {
            diagnostics.addError(
                    "Incomplete data source result",
                    "Read of " + request.getTypeName() + " must set a wholly known state; got " + response.state()
                            + ". This is a bug in the provider.");
            return failure(Wire.diagnostics(diagnostics));
        }
        return ReadDataSource.Response.newBuilder()
                .setState(Wire.encode(response.state(), type))
                .addAllDiagnostics(Wire.diagnostics(diagnostics))
                .build();
    }

    @Override
    public ReadDataSource.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return ReadDataSource.Response.newBuilder()
                .addAllDiagnostics(diagnostics)
                .build();
    }
}
