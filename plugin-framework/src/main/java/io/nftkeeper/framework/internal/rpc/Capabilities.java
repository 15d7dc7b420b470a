package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;

final class Capabilities {
    private Capabilities() {
    }

    /** Terraform plans destroys through us and may cache our schema between calls. */
    static final Tfplugin6.ServerCapabilities SERVER = Tfplugin6.ServerCapabilities.newBuilder()
            .setPlanDestroy(true)
            .setGetProviderSchemaOptional(true)
            .build();
}
