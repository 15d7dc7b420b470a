package io.nftkeeper.transport;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which java runs the agent on a host ({@code agent_runtime}). */
public enum AgentRuntimeChoice {
    /** The host's java ({@code agent_java}) when it is Java 17 or newer, else the runtime bundled with the agent. */
    AUTO,
    /** Only the host's java: a missing or too old one is an error. */
    SYSTEM,
    /** Always the bundled runtime, uploaded next to the agent jar; the host's java is never looked at. */
    BUNDLED;

    /** The setting's spelling: {@code auto}, {@code system}, {@code bundled}. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** All spellings, for error messages and docs: {@code "auto", "system" or "bundled"}. */
    public static String settings() {
        return Arrays.stream(values())
                .map(choice -> "\"" + choice.setting() + "\"")
                .collect(Collectors.joining(", "))
                .replaceFirst(", (?=[^,]*$)", " or ");
    }

    /** The choice spelled {@code setting}, or a {@link TransportException} naming the valid ones. */
    public static AgentRuntimeChoice parse(String setting) {
        return Arrays.stream(values())
                .filter(choice -> choice.setting().equals(setting))
                .findFirst()
                .orElseThrow(() ->
                        new TransportException("agent_runtime must be " + settings() + ", not \"" + setting + "\""));
    }
}
