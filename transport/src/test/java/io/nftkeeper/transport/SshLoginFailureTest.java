package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Logger;
import java.io.EOFException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a failed SSH login is worded and whether it is worth another attempt. */
class SshLoginFailureTest {

    private static final SshTarget TARGET =
            SshTarget.pinned("10.213.0.2", 22, "root", new Secret(TestKeys.PRIVATE_KEY), TestKeys.KEY);
    private static final JSchException AUTH_FAIL = new JSchException("Auth fail for methods 'publickey'");

    @Test
    void aKeyTheServerRefusedIsFinal() {
        TransportException failure =
                SshSession.connectFailure(TARGET, Duration.ofSeconds(15), false, Optional.empty(), AUTH_FAIL);

        assertThat(failure.isTransient()).isFalse();
        assertThat(failure)
                .hasMessageStartingWith("SSH authentication to root@10.213.0.2:22 failed: the server rejected");
    }

    @Test
    void aConnectionLostDuringAuthenticationIsWorthAnotherLogin() {
        AuthInterruption watch = new AuthInterruption(quietLogger());
        // what JSch's Session.connect logs before it throws "Auth fail" when the connection breaks mid-way
        watch.log(
                Logger.WARN,
                AuthInterruption.JSCH_MESSAGE + "\njava.io.EOFException: End of IO Stream Read",
                new EOFException("End of IO Stream Read"));

        TransportException failure =
                SshSession.connectFailure(TARGET, Duration.ofSeconds(15), false, watch.interruption(), AUTH_FAIL);

        assertThat(failure.isTransient()).isTrue();
        assertThat(failure)
                .hasMessage("the SSH connection to root@10.213.0.2:22 was lost during authentication "
                        + "(End of IO Stream Read)");
    }

    @Test
    void otherWarningsAreNoInterruptionAndReachTheWrappedLogger() {
        StringBuilder seen = new StringBuilder();
        AuthInterruption watch = new AuthInterruption(new Logger() {
            @Override
            public boolean isEnabled(int level) {
                return true;
            }

            @Override
            public void log(int level, String message) {
                seen.append(message);
            }
        });

        watch.log(Logger.WARN, "Permanently added the host key");

        assertThat(watch.interruption()).isEmpty();
        assertThat(seen).hasToString("Permanently added the host key");
        assertThat(watch.isEnabled(Logger.WARN)).isTrue();
    }

    private static Logger quietLogger() {
        return new Logger() {
            @Override
            public boolean isEnabled(int level) {
                return false;
            }

            @Override
            public void log(int level, String message) {
                throw new AssertionError("a disabled logger was written to: " + message);
            }
        };
    }
}
