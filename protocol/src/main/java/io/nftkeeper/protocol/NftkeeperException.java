package io.nftkeeper.protocol;

/** Root of every exception nftkeeper throws on purpose. Unchecked. */
public class NftkeeperException extends RuntimeException {

    public NftkeeperException(String message) {
        super(message);
    }

    public NftkeeperException(String message, Throwable cause) {
        super(message, cause);
    }
}
