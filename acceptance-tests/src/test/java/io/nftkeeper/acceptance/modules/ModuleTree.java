package io.nftkeeper.acceptance.modules;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.ProviderMirror;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A copy of the repository's {@code modules/} (and {@code examples/environments/}) in a scratch directory, laid out
 * as in the repository so relative module sources resolve, plus the tfvars files that point them at sandbox hosts.
 */
final class ModuleTree {
    private final Path root;

    private ModuleTree(Path root) {
        this.root = root;
    }

    /** Copies {@code modules/} and {@code examples/environments/} (without .terraform dirs) below {@code root}. */
    static ModuleTree copyInto(Path root) {
        Path repository = ProviderMirror.repository();
        for (String dir : List.of("modules", "examples/environments")) {
            copyTree(repository.resolve(dir), root.resolve(dir));
        }
        return new ModuleTree(root);
    }

    Path module(String name) {
        return root.resolve("modules").resolve(name);
    }

    Path environment(String name) {
        return root.resolve("examples/environments").resolve(name);
    }

    /** The variables a module's tests/*.tftest.hcl provider block reads, for one sandbox host. */
    static String providerVariables(SandboxHost host) {
        return """
                host             = "%s"
                private_key_file = "%s"
                host_key         = "%s"
                """.formatted(host.address(), host.privateKeyPath(), host.hostKey());
    }

    /** An HCL list of strings. */
    static String list(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.filter(p -> !from.relativize(p).toString().contains(".terraform"))
                    .toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
