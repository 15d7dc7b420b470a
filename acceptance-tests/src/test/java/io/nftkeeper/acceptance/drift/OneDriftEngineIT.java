package io.nftkeeper.acceptance.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.terraform.ProviderMirror;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * There is one drift engine: {@code terraform plan}'s refresh of chains, sets and maps and the agent's drift report
 * (for {@code nftkeeper drift} and {@code watch}) decide which rules and elements drifted through protocol's
 * {@code RuleDrift} and {@code ElementDrift},
 * and no other production class aligns rule lists of its own (the chain's minimal edit by handle aligns the prior
 * rules with the planned ones: that is an edit, not drift).
 */
class OneDriftEngineIT {

    private static final String ENGINE = "protocol/src/main/java/io/nftkeeper/protocol/drift/RuleDrift.java";
    private static final String EDIT = "provider/src/main/java/io/nftkeeper/provider/resources/ChainResource.java";

    @Test
    void theRefreshAndTheDriftReportUseTheOneEngineAndNothingElseAlignsRules() {
        Path repository = ProviderMirror.repository();
        for (String user : List.of(
                "provider/src/main/java/io/nftkeeper/provider/resources/ChainDrift.java",
                "agent/src/main/java/io/nftkeeper/agent/drift/RulesetDiff.java")) {
            assertThat(read(repository.resolve(user)))
                    .as(user)
                    .contains("import io.nftkeeper.protocol.drift.RuleDrift;")
                    .contains("RuleDrift.");
        }
        for (String user : List.of(
                "provider/src/main/java/io/nftkeeper/provider/resources/TrackedElements.java",
                "agent/src/main/java/io/nftkeeper/agent/drift/RulesetDiff.java")) {
            assertThat(read(repository.resolve(user)))
                    .as(user)
                    .contains("import io.nftkeeper.protocol.drift.ElementDrift;")
                    .contains("ElementDrift.between(");
        }
        List<String> aligners = mainSources(repository)
                .filter(file -> read(file).contains("Alignment.of("))
                .map(file -> repository.relativize(file).toString())
                .toList();
        assertThat(aligners).as("production classes that align rule lists").containsExactlyInAnyOrder(ENGINE, EDIT);
    }

    private static Stream<Path> mainSources(Path repository) {
        try (Stream<Path> modules = Files.list(repository)) {
            return modules
                    .map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(OneDriftEngineIT::javaFiles)
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
