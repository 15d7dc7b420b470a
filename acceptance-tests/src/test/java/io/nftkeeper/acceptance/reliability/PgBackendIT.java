package io.nftkeeper.acceptance.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A team shares one terraform state in PostgreSQL (the {@code pg} backend), started here from the Debian package
 * on 127.0.0.1 only. While one member's apply runs (held open by a {@code local-exec sleep}), a second member's apply
 * from another working directory is stopped by the state lock; once the first finishes, the second succeeds.
 */
class PgBackendIT {
    private static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final int HOLD_SECONDS = 20;

    @Test
    void theStateLockInPostgresStopsASecondConcurrentApply() throws Exception {
        Path pgDir = Files.createTempDirectory("nftkeeper-pg-it-");
        int port = freePort();
        try (SandboxHost host = SandboxHost.up("pg-it")) {
            startPostgres(pgDir, port);
            String config = """
                    terraform {
                      backend "pg" {
                        conn_str = "postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable"
                      }
                    }
                    resource "terraform_data" "hold" {
                      provisioner "local-exec" {
                        command = "sleep %d"
                      }
                    }
                    """.formatted(port, HOLD_SECONDS) + Hcl.provider(host) + Hcl.table("t", "inet", "team");
            Terraform alice = Terraform.in(pgDir.resolve("alice")).config(config);
            Terraform bob = Terraform.in(pgDir.resolve("bob")).config(config);
            alice.init();
            bob.init();

            TerraformProcess first = TerraformProcess.apply(alice.dir());
            awaitOutput(first, "terraform_data.hold: Creating...");
            Terraform.Result blocked = bob.run("apply", "-input=false", "-auto-approve", "-lock-timeout=0s");

            assertThat(blocked.exitCode()).isEqualTo(1);
            assertThat(blocked.stderr()).contains("Error acquiring the state lock");
            assertThat(first.await(TIMEOUT)).as(first.output()).isZero();
            assertThat(host.nft("list tables")).contains("table inet team");

            Terraform.Result after = bob.apply();
            assertThat(after.stdout()).contains("No changes.");
            bob.plan().assertExit(0);
            bob.destroy();
            assertThat(host.nft("list tables")).doesNotContain("table inet team");
        } finally {
            stopPostgres(pgDir);
        }
    }

    private static void awaitOutput(TerraformProcess apply, String text) throws InterruptedException {
        long giveUp = System.nanoTime() + TIMEOUT.toNanos();
        while (!apply.stdout().contains(text)) {
            if (!apply.isAlive() || System.nanoTime() > giveUp) {
                throw new AssertionError("terraform never printed '" + text + "':\n" + apply.output());
            }
            Thread.sleep(50);
        }
    }

    /** A fresh cluster owned by the postgres user, listening on 127.0.0.1:port and a socket in its own directory. */
    private static void startPostgres(Path dir, int port) {
        asPostgres(List.of("chown", "postgres:postgres", dir.toString()), false);
        asPostgres(
                List.of(
                        PG_BIN.resolve("initdb").toString(),
                        "-D",
                        dir.resolve("data").toString(),
                        "--auth=trust",
                        "--username=postgres",
                        "--no-sync"),
                true);
        asPostgres(
                List.of(
                        PG_BIN.resolve("pg_ctl").toString(),
                        "-D",
                        dir.resolve("data").toString(),
                        "-w",
                        "-l",
                        dir.resolve("postgres.log").toString(),
                        "-o",
                        "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off",
                        "start"),
                true);
    }

    private static void stopPostgres(Path dir) throws IOException {
        if (Files.exists(dir.resolve("data/postmaster.pid"))) {
            asPostgres(
                    List.of(
                            PG_BIN.resolve("pg_ctl").toString(),
                            "-D",
                            dir.resolve("data").toString(),
                            "-w",
                            "-m",
                            "immediate",
                            "stop"),
                    true);
        }
        FileTrees.delete(dir);
    }

    private static void asPostgres(List<String> command, boolean switchUser) {
        List<String> full = new ArrayList<>();
        if (switchUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        CommandRun.of(Duration.ofMinutes(2), Map.of("PGTZ", "UTC"), full).stdoutOrThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
