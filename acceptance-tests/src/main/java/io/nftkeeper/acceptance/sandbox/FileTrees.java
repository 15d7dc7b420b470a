package io.nftkeeper.acceptance.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the directories tests write (agent state, Terraform working directories, mirrors). */
public final class FileTrees {

    private FileTrees() {}

    /**
     * Deletes {@code root} and everything below it, deepest first, without following links; nothing when it is null or
     * does not exist. A file that cannot be deleted is an error: a test must not leave its files behind unnoticed.
     */
    public static void delete(Path root) throws IOException {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
