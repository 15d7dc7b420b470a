package io.nftkeeper.protocol;

/** A name was rejected by {@link Identifiers}; the message says why. */
public final class InvalidIdentifierException extends NftkeeperException {
    private static final long serialVersionUID = 1L;

    public InvalidIdentifierException(String message) {
        super(message);
    }
}
