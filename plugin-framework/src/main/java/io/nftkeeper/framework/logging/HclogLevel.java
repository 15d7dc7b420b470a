package io.nftkeeper.framework.logging;

import java.util.Locale;
import java.util.Map;

/** hclog's levels, lowest first; OFF logs nothing. */
public enum HclogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    OFF;

    /**
     * {@code TF_LOG_PROVIDER}, else {@code TF_LOG} (as Terraform reads them: a level name, or {@code JSON} for
     * trace), else INFO. Unknown names fall back to INFO rather than silence.
     */
    public static HclogLevel fromEnvironment(Map<String, String> env) {
        String value = env.getOrDefault("TF_LOG_PROVIDER", "");
        if (value.isBlank()) {
            value = env.getOrDefault("TF_LOG", "");
        }
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE", "JSON" -> TRACE;
            case "DEBUG" -> DEBUG;
            case "WARN" -> WARN;
            case "ERROR" -> ERROR;
            case "OFF" -> OFF;
            default -> INFO;
        };
    }

    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
