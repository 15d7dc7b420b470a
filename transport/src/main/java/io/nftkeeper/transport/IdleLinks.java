package io.nftkeeper.transport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent connections a closed pool left for a later pool of this process, for a while: a resident provider server
 * serves the plugin processes of one Terraform command (and of the next) one after another, and each would log in
 * to every host again. Like OpenSSH's ControlPersist, a kept connection is handed to the next pool of the same
 * target (same host, user, credentials, host key policy and agent launch) instead of a new login. Each connection
 * serves one pool at a time; one not taken within its time is closed.
 */
public final class IdleLinks {
    private static final Logger LOG = LoggerFactory.getLogger(IdleLinks.class);

    /** The one of this process: pools of every Terraform process a resident server serves meet here. */
    public static final IdleLinks PROCESS = new IdleLinks();

    private final Map<AgentTarget, Deque<AgentLink>> kept = new HashMap<>();
    private ScheduledExecutorService expiry;

    IdleLinks() {}

    /** A connection kept for {@code target} that is still alive, if any; the caller owns it now. */
    Optional<AgentLink> take(AgentTarget target) {
        while (true) {
            AgentLink link;
            synchronized (this) {
                Deque<AgentLink> links = kept.get(target);
                link = links == null ? null : links.pollFirst();
                if (links != null && links.isEmpty()) {
                    kept.remove(target);
                }
            }
            if (link == null) {
                return Optional.empty();
            }
            if (link.isAlive()) {
                LOG.debug(
                        "reusing the connection to {} an earlier Terraform process left",
                        target.ssh().endpoint());
                return Optional.of(link);
            }
            link.close();
        }
    }

    /** Keeps {@code link} of {@code target} for {@code time}, then closes it unless a pool took it meanwhile. */
    void keep(AgentTarget target, AgentLink link, Duration time) {
        if (time.isZero() || time.isNegative() || !link.isAlive()) {
            link.close();
            return;
        }
        synchronized (this) {
            kept.computeIfAbsent(target, t -> new ArrayDeque<>()).addLast(link);
            if (expiry == null) {
                expiry = Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "idle-agent-connections");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            expiry.schedule(() -> expire(target, link), time.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void expire(AgentTarget target, AgentLink link) {
        boolean stillKept;
        synchronized (this) {
            Deque<AgentLink> links = kept.get(target);
            stillKept = links != null && links.remove(link);
            if (links != null && links.isEmpty()) {
                kept.remove(target);
            }
        }
        if (stillKept) {
            link.close();
        }
    }
}
