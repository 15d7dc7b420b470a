package io.nftkeeper.acceptance.examples;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.ProviderMirror;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One directory of the repository's {@code examples/}, read in place or copied into a scratch working directory
 * with a {@code terraform.tfvars} that points its {@code host}, {@code private_key_file} and {@code host_key}
 * variables at a sandbox host, as a user's own tfvars would point them at a real one.
 */
final class ExampleDir {
    private final Path source;

    private ExampleDir(Path source) {
        this.source = source;
    }

    static ExampleDir named(String name) {
        return new ExampleDir(ProviderMirror.repository().resolve("examples").resolve(name));
    }

    Path file(String name) {
        return source.resolve(name);
    }

    String read(String name) {
        try {
            return Files.readString(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the example's {@code .tf} files into {@code target} (only those named in {@code only}, if any), next
     * to a {@code terraform.tfvars} for {@code host}.
     */
    Path copyInto(Path target, SandboxHost host, String... only) {
        try {
            Files.createDirectories(target);
            for (Path tf : terraformFiles()) {
                if (only.length == 0 || List.of(only).contains(tf.getFileName().toString())) {
                    Files.copy(tf, target.resolve(tf.getFileName().toString()));
                }
            }
            Files.writeString(target.resolve("terraform.tfvars"), """
                    host             = "%s"
                    private_key_file = "%s"
                    host_key         = "%s"
                    """.formatted(
                            host.address(), host.privateKeyPath(), host.hostKey()));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> terraformFiles() throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tf"))
                    .sorted()
                    .toList();
        }
    }
}
