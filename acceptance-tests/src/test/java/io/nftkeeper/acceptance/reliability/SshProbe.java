package io.nftkeeper.acceptance.reliability;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import java.time.Duration;
import java.util.List;

/** Whether a brand-new SSH login to a sandbox works, asked of OpenSSH's own client (not the provider's code). */
final class SshProbe {

    private SshProbe() {}

    /** True when a new TCP connection, key exchange and login succeed within {@code timeout} and run {@code true}. */
    static boolean canLogIn(SandboxHost host, Duration timeout) {
        CommandRun run = CommandRun.of(
                timeout.plusSeconds(10),
                List.of(
                        "ssh",
                        "-i",
                        host.privateKeyPath().toString(),
                        "-o",
                        "BatchMode=yes",
                        "-o",
                        "IdentitiesOnly=yes",
                        "-o",
                        "UserKnownHostsFile=" + host.knownHostsFile(),
                        "-o",
                        "StrictHostKeyChecking=yes",
                        "-o",
                        "ConnectTimeout=" + timeout.toSeconds(),
                        "-p",
                        String.valueOf(host.port()),
                        host.user() + "@" + host.address(),
                        "true"));
        return run.succeeded();
    }
}
