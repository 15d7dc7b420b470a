package io.nftkeeper.framework.internal.codec;

import io.nftkeeper.framework.path.Path;

/** A value on the wire does not match the type it was decoded with. Always a bug on one side, never user error. */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodecException(Path path, String message) {
        super(path.isEmpty() ? message : "at " + path + ": " + message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
