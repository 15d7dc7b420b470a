package io.nftkeeper.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How the provider reaches agents: timeouts, keepalive, how often a transient connection failure is tried again, and
 * how the provider introduces itself in {@code hello}.
 *
 * @param connectTimeout    TCP connect plus SSH handshake, and opening each channel
 * @param keepAliveInterval an SSH keepalive every interval; three unanswered ones drop the connection
 * @param callTimeout       one agent call, e.g. an apply waiting for the host lock
 * @param connectAttempts   attempts to connect when failures are transient (refused, reset, no route)
 * @param retryDelay        the pause before the second attempt; it grows linearly after that
 */
public record TransportSettings(
        Duration connectTimeout,
        Duration keepAliveInterval,
        Duration callTimeout,
        int connectAttempts,
        Duration retryDelay,
        String clientName) {

    public TransportSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(clientName, "clientName");
        if (connectAttempts < 1) {
            throw new IllegalArgumentException("connectAttempts must be at least 1: " + connectAttempts);
        }
    }

    public static TransportSettings defaults() {
        return new TransportSettings(
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                Duration.ofMinutes(2),
                3,
                Duration.ofSeconds(1),
                "nftkeeper-provider/" + BuildVersion.current());
    }

    public TransportSettings withConnectTimeout(Duration timeout) {
        return new TransportSettings(timeout, keepAliveInterval, callTimeout, connectAttempts, retryDelay, clientName);
    }

    public TransportSettings withConnectAttempts(int attempts) {
        return new TransportSettings(connectTimeout, keepAliveInterval, callTimeout, attempts, retryDelay, clientName);
    }
}
