package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;

final class Capabilities {
    private Capabilities() {}

    /** Terraform plans destroys through us, may cache our schema between calls, and may move state to us. */
    static final Tfplugin6.ServerCapabilities SERVER = Tfplugin6.ServerCapabilities.newBuilder()
            .setPlanDestroy(true)
            .setGetProviderSchemaOptional(true)
            .setMoveResourceState(true)
            .build();
}
