package io.nftkeeper.acceptance.fleet;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Files the fleet tests set up around sandbox hosts: shared keys, known_hosts, the terraform block. */
final class FleetFiles {

    static final String REQUIRED_PROVIDERS = """
            terraform {
              required_providers {
                nftables = { source = "nftkeeper/nftables" }
              }
            }
            """;

    private FleetFiles() {}

    /** One known_hosts file listing every sandbox, as an operator managing a fleet would keep it. */
    static Path knownHosts(Path dir, List<SandboxHost> hosts) {
        String lines = hosts.stream()
                .map(host -> host.address() + " " + host.hostKey())
                .collect(Collectors.joining("\n"));
        return write(dir.resolve("known_hosts"), lines + "\n");
    }

    /** Lets {@code publicKeyFile}'s private key log in to {@code host} too (sshd reads one authorized_keys file). */
    static void authorize(SandboxHost host, Path publicKeyFile) {
        try {
            Files.writeString(host.authorizedKeysFile(), Files.readString(publicKeyFile), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh ed25519 key pair at {@code file} and {@code file}.pub, encrypted when {@code passphrase} is not empty. */
    static Path newKey(Path file, String passphrase) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CommandRun.of(
                        Duration.ofSeconds(30),
                        List.of(
                                "ssh-keygen",
                                "-q",
                                "-t",
                                "ed25519",
                                "-N",
                                passphrase,
                                "-C",
                                "nftkeeper-fleet-test",
                                "-f",
                                file.toString()))
                .stdoutOrThrow();
        return file;
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long errorCount(String output) {
        return output.lines().filter(line -> line.startsWith("Error: ")).count();
    }
}
