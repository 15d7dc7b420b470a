package io.nftkeeper.protocol;

/** A name was rejected by {@link Identifiers}; the message says why. */
public final class InvalidIdentifierException extends NftkeeperException {

    public InvalidIdentifierException(String message) {
        super(message);
    }
}
