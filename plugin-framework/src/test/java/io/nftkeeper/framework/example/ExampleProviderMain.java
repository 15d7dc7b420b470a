package io.nftkeeper.framework.example;

import io.nftkeeper.framework.server.PluginServer;

/** The example provider as Terraform launches it: a process doing the go-plugin handshake. */
public final class ExampleProviderMain {
    private ExampleProviderMain() {}

    public static void main(String[] args) {
        PluginServer.serve(environment -> new ExampleProvider(new FileStore()), args);
    }
}
