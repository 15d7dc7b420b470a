package io.nftkeeper.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The agent's packages are layers (see the README's "Packages"): each uses only the packages listed for it. */
class PackageLayersTest {

    private static final Path SOURCES = Path.of("src/main/java/io/nftkeeper/agent");
    private static final String TOP = "(top)";
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "nft",
            Set.of(),
            "state",
            Set.of("nft"),
            "monitor",
            Set.of("nft"),
            "rollback",
            Set.of("nft", "state"),
            "drift",
            Set.of("nft", "state"),
            "rpc",
            Set.of("nft", "state", "monitor", "rollback", "drift"),
            TOP,
            Set.of("nft", "state", "monitor", "rollback", "drift", "rpc"));
    /** Any mention of another agent package in code (an import, or a name written out in full), not in a string. */
    private static final Pattern USE = Pattern.compile("\\bio\\.nftkeeper\\.agent\\.([a-z]+\\b|[A-Z])");

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> tree = Files.walk(SOURCES)) {
            files = tree.filter(file -> file.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            Path folder = SOURCES.relativize(file).getParent();
            String own = folder == null ? TOP : folder.toString();
            assertThat(MAY_USE).as("package of " + file).containsKey(own);
            Matcher use = USE.matcher(codeOnly(read(file)));
            while (use.find()) {
                String used = Character.isUpperCase(use.group(1).charAt(0)) ? TOP : use.group(1);
                if (!used.equals(own) && !MAY_USE.get(own).contains(used)) {
                    violations.add(SOURCES.relativize(file) + " uses " + used);
                }
            }
        }
        assertThat(files).as("agent sources").hasSizeGreaterThan(60);
        assertThat(violations).isEmpty();
    }

    private static String codeOnly(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("//[^\n]*", "")
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
