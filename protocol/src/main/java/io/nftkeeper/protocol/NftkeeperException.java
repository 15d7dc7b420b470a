package io.nftkeeper.protocol;

/** Root of every exception nftkeeper throws on purpose. Unchecked. */
public class NftkeeperException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NftkeeperException(String message) {
        super(message);
    }

    public NftkeeperException(String message, Throwable cause) {
        super(message, cause);
    }
}
