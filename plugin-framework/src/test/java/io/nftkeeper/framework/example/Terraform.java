package io.nftkeeper.framework.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real terraform binary in one working directory against a reattached provider, offline. */
final class Terraform {
    static final Path BINARY = Path.of("/usr/local/bin/terraform");

    record Result(int exitCode, String output) {}

    private final Path workDir;
    private final Map<String, String> env;

    /** {@code extraEnv} e.g. TF_REATTACH_PROVIDERS; the CLI config keeps terraform off the network. */
    Terraform(Path workDir, Path cliConfig, Map<String, String> extraEnv) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing; integration tests need terraform 1.11");
        }
        this.workDir = workDir;
        this.env = new HashMap<>(extraEnv);
        env.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("TF_INPUT", "0");
    }

    void writeConfig(String hcl) throws IOException {
        Files.writeString(workDir.resolve("main.tf"), hcl);
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("terraform " + String.join(" ", args) + " timed out");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println("$ terraform " + String.join(" ", args) + "\n" + text);
        return new Result(process.exitValue(), text);
    }
}
