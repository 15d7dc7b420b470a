package io.nftkeeper.agent.nft;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Host commands the agent runs as children ({@code nft}, {@code setpriv}), found on PATH or in the sbin/bin dirs. */
public final class Executables {

    private Executables() {}

    public static Optional<String> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> directories = new ArrayList<>(List.of(path.split(":")));
        directories.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return directories.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }
}
