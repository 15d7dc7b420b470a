package io.nftkeeper.framework.provider;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells provider code that Terraform asked it to stop (StopProvider, e.g. after Ctrl-C) or is shutting the plugin
 * down. Long operations check {@link #isCancelled()} between steps, or register {@link #onCancel} to abort
 * blocking I/O. Thread-safe.
 */
public final class Cancellation {
    private static final Cancellation NEVER = new Cancellation();

    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    /** A fresh token; the framework cancels the one it hands out when Terraform says stop. */
    public Cancellation() {}

    /** A token that is never cancelled, for tests and for calls outside any Terraform request. */
    public static Cancellation never() {
        return NEVER;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancelledException} once cancelled; the framework turns it into a "stopped" error. */
    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancelledException();
        }
    }

    /** Runs {@code callback} when cancelled, at once if already cancelled. */
    public void onCancel(Runnable callback) {
        if (this == NEVER) {
            return;
        }
        callbacks.add(callback);
        if (cancelled && callbacks.remove(callback)) {
            callback.run();
        }
    }

    /** Cancels the token and runs its callbacks once; later calls do nothing. */
    public void cancel() {
        if (this == NEVER) {
            throw new IllegalStateException("Cancellation.never() cannot be cancelled");
        }
        cancelled = true;
        for (Runnable callback : callbacks) {
            if (callbacks.remove(callback)) {
                callback.run();
            }
        }
    }

    /** Thrown by {@link #throwIfCancelled()}. */
    public static final class CancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CancelledException() {
            super("the operation was stopped because Terraform asked the provider to stop", null, false, false);
        }
    }
}
