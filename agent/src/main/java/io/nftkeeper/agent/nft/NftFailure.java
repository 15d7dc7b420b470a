package io.nftkeeper.agent.nft;

import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.ErrorCode;

/** nft rejected a script. The message is nft's own error text; {@link #code()} classifies it. */
public class NftFailure extends NftkeeperException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public NftFailure(ErrorCode code, String nftError) {
        super(nftError);
        this.code = code;
    }

    /** Classifies nft's error text: the errno reaches us only as its strerror() text. */
    public static NftFailure fromErrorText(String nftError) {
        String text = nftError.strip();
        if (text.contains("No such file or directory")) {
            return new NftFailure(ErrorCode.NOT_FOUND, text);
        }
        if (text.contains("File exists")) {
            return new NftFailure(ErrorCode.ALREADY_EXISTS, text);
        }
        return new NftFailure(ErrorCode.INVALID, text.isEmpty() ? "nft rejected the script without a message" : text);
    }

    /**
     * Only nft's {@code Error:} lines, without the quoted command and carets: for a multi-command buffer nft
     * quotes the buffer's first line whichever command failed, which would point at the wrong command.
     */
    public String errorLines() {
        String lines = getMessage()
                .lines()
                .filter(line -> line.startsWith("Error:"))
                .collect(java.util.stream.Collectors.joining("\n"));
        return lines.isEmpty() ? getMessage() : lines;
    }

    public ErrorCode code() {
        return code;
    }
}
