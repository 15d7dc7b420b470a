package io.nftkeeper.framework.diag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiagnosticTest {

    @Test
    void terminalControlCharactersFromAHostAreShownNotObeyed() {
        Diagnostic diagnostic = new Diagnostic(
                Diagnostic.Severity.ERROR,
                "Cannot reach \u001b[2Jhost",
                "sudo said: \u001b[31mred\u001b[0m\rover\u0007 and \u009b6n\nline two\tcolumn",
                null);

        assertThat(diagnostic.summary()).isEqualTo("Cannot reach \\x1b[2Jhost");
        assertThat(diagnostic.detail())
                .isEqualTo("sudo said: \\x1b[31mred\\x1b[0m\\x0dover\\x07 and \\x9b6n\n" + "line two\tcolumn");
    }
}
