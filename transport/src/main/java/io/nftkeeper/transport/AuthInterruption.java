package io.nftkeeper.transport;

import com.jcraft.jsch.Logger;
import java.util.Optional;

/**
 * JSch's session logger, wrapped to notice what JSch itself does not tell apart: when the connection breaks while
 * the client authenticates (an sshd killed or restarted, a link lost), JSch logs "an exception during
 * authentication" and then fails with the same "Auth fail" as a key the server refused. The first is worth another
 * login; the second is not.
 */
final class AuthInterruption implements Logger {

    static final String JSCH_MESSAGE = "an exception during authentication";

    private final Logger delegate;
    private volatile Throwable interruption;

    AuthInterruption(Logger delegate) {
        this.delegate = delegate;
    }

    /** What broke the authentication, if anything did. */
    Optional<Throwable> interruption() {
        return Optional.ofNullable(interruption);
    }

    @Override
    public boolean isEnabled(int level) {
        // JSch formats its warning only when asked for it
        return level == WARN || delegate.isEnabled(level);
    }

    @Override
    public void log(int level, String message) {
        log(level, message, null);
    }

    @Override
    public void log(int level, String message, Throwable cause) {
        if (level == WARN && message != null && message.startsWith(JSCH_MESSAGE)) {
            interruption = cause != null ? cause : new IllegalStateException(message.strip());
        }
        if (delegate.isEnabled(level)) {
            delegate.log(level, message, cause);
        }
    }
}
