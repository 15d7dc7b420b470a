package io.nftkeeper.acceptance.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.terraform.ProviderMirror;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The installed plugin executable, started the way a person (not Terraform) might start it. */
class ProviderLaunchIT {

    @Test
    void startedWithoutTerraformsMagicCookieItExplainsItselfAndExits1() {
        CommandRun run = CommandRun.of(
                Duration.ofSeconds(30),
                List.of(ProviderMirror.pluginExecutable().toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr())
                .contains("This is a Terraform provider plugin")
                .contains("not meant to be run directly");
    }

    @Test
    void aWrongMagicCookieIsRefusedTheSameWay() {
        CommandRun run = CommandRun.of(
                Duration.ofSeconds(30),
                Map.of("TF_PLUGIN_MAGIC_COOKIE", "wrong"),
                List.of(ProviderMirror.pluginExecutable().toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("This is a Terraform provider plugin");
    }
}
