package io.nftkeeper.acceptance.terraform;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The provider jar of this build, installed once per test JVM into a filesystem mirror, and the Terraform CLI
 * config that points at it (and at nothing on the network).
 */
public final class ProviderMirror {
    private static Path cliConfig;

    private ProviderMirror() {}

    public static synchronized Path cliConfig() {
        if (cliConfig == null) {
            cliConfig = install();
        }
        return cliConfig;
    }

    /** The repository root, found the same way the sandbox hosts find their script. */
    public static Path repository() {
        return SandboxHost.script().getParent().getParent();
    }

    /** The installed plugin executable, for tests that start the provider without terraform. */
    public static Path pluginExecutable() {
        Path root = mirrorDir().resolve("registry.terraform.io/nftkeeper/nftables");
        cliConfig();
        try (var versions = Files.list(root)) {
            Path versionDir = versions.findFirst().orElseThrow().resolve("linux_amd64");
            try (var files = Files.list(versionDir)) {
                return files.filter(f -> f.getFileName().toString().startsWith("terraform-provider-nftables_v"))
                        .findFirst()
                        .orElseThrow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mirrorDir() {
        return Path.of(
                System.getProperty("java.io.tmpdir"),
                "nftkeeper-acceptance-" + ProcessHandle.current().pid(),
                "mirror");
    }

    private static Path install() {
        Path mirror = mirrorDir();
        // making the class archive takes a minute on a loaded 2-core machine, and each test JVM makes its own
        CommandRun run = CommandRun.of(
                Duration.ofMinutes(5),
                List.of(repository().resolve("scripts/install-provider").toString(), mirror.toString()));
        if (!run.succeeded()) {
            throw new IllegalStateException("scripts/install-provider failed:\n" + run.stdout() + run.stderr());
        }
        return writeCliConfig(mirror.resolveSibling("terraform.rc"), "filesystem_mirror", "path", mirror.toString());
    }

    /**
     * Writes a Terraform CLI config to {@code file} that installs {@code registry.terraform.io/nftkeeper/*} only by
     * {@code method} ({@code filesystem_mirror} with a {@code path}, {@code network_mirror} with a {@code url}) and
     * never from the registry.
     */
    public static Path writeCliConfig(Path file, String method, String setting, String value) {
        try {
            Files.writeString(file, """
                    provider_installation {
                      %s {
                        %s = "%s"
                        include = ["registry.terraform.io/nftkeeper/*"]
                      }
                      direct {
                        exclude = ["registry.terraform.io/nftkeeper/*"]
                      }
                    }
                    """.formatted(method, setting, value));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
