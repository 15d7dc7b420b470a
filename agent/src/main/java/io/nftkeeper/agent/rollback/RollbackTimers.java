package io.nftkeeper.agent.rollback;

/** Starts the process that rolls a commit-confirmed transaction back unless it is confirmed in time. */
public interface RollbackTimers {

    /**
     * Starts a timer that outlives this agent and its SSH session.
     *
     * @return the timer's process id
     * @throws io.nftkeeper.protocol.NftkeeperException when it cannot be started
     */
    long start(String txId, long afterSeconds);

    /** Ends the timer of {@code txId} if it still runs (after a confirm); a no-op for any other process. */
    void stop(String txId, long pid);
}
