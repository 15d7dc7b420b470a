package io.nftkeeper.provider;

import io.nftkeeper.framework.server.PluginServer;

/** Terraform starts this (through the launcher script) as the {@code nftkeeper/nftables} plugin. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PluginServer.serve(NftablesProvider::new, args);
    }
}
