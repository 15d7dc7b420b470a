package io.nftkeeper.protocol;

/** An object was rejected at construction (e.g. a rule expression that could escape its line); the message names it. */
public final class InvalidObjectDefinitionException extends NftkeeperException {
    private static final long serialVersionUID = 1L;

    public InvalidObjectDefinitionException(String message) {
        super(message);
    }
}
