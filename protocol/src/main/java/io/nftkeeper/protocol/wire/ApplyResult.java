package io.nftkeeper.protocol.wire;

/**
 * {@code script} is the exact nft text the agent ran. {@code replayed} is true when the transaction id was already
 * committed earlier and nothing ran now (the script is then what the transaction renders to).
 */
public record ApplyResult(String script, Boolean replayed) {

    /** Agents before txIds did not send {@code replayed}: absent means false, never null. */
    public ApplyResult {
        replayed = Boolean.TRUE.equals(replayed);
    }

    public ApplyResult(String script) {
        this(script, false);
    }
}
