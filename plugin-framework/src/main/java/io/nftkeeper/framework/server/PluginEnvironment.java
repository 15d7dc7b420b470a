package io.nftkeeper.framework.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * The environment and working directory of the Terraform that launched the plugin. A provider reads these, never
 * {@link System#getenv()} or the JVM's working directory: a resident plugin server serves many Terraform processes
 * from one JVM, each with its own.
 *
 * @param variables        the launching process's environment variables
 * @param workingDirectory its working directory, absolute: what relative paths in a configuration are relative to
 * @param shared           whether this JVM serves other Terraform processes too (a resident server), so that what a
 *                         provider leaves behind (an open connection) may serve the next one
 */
public record PluginEnvironment(Map<String, String> variables, Path workingDirectory, boolean shared) {
    public PluginEnvironment {
        variables = Map.copyOf(variables);
        workingDirectory = workingDirectory.toAbsolutePath();
    }

    /** The environment of a plugin process of its own. */
    public PluginEnvironment(Map<String, String> variables, Path workingDirectory) {
        this(variables, workingDirectory, false);
    }

    /** This JVM's own environment and working directory: the plugin was launched as a process of its own. */
    public static PluginEnvironment ofThisProcess() {
        return new PluginEnvironment(System.getenv(), Path.of("").toAbsolutePath());
    }

    /** {@code path} as the launching process would open it: a relative path against its working directory. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path);
    }
}
