package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.InvalidObjectDefinitionException;
import io.nftkeeper.protocol.ScriptText;
import io.nftkeeper.protocol.wire.ElementDigest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An elements file as {@code elements_file} reads it: one element per line in nft syntax, {@code #} starts a
 * comment (outside double quotes), blank lines are ignored, an exact repeat counts once. Keeps each element's line
 * number so that an element nft refuses is reported where the user can fix it.
 *
 * @param path         the file as configured
 * @param elements     the elements, stripped, in file order, first occurrence of each
 * @param lines        the 1-based line number of each element
 * @param fileSha256   hex SHA-256 of the file's bytes (what {@code sha256sum} prints)
 * @param sourceDigest the digest of the element set ({@link ElementDigest}): the same however the file is ordered
 */
record ElementsFile(String path, List<String> elements, int[] lines, String fileSha256, String sourceDigest) {

    /** Why a file cannot be used; {@code line} is 0 when the problem is not one line's. */
    record Problem(int line, String detail) {}

    /**
     * The source digests of files this process read in full, by the SHA-256 of their bytes: a plan of an unchanged
     * file then hashes its bytes (50 ms for a million lines) instead of parsing, deduplicating and sorting them
     * (1.5 s). Small: two strings a file, the last {@link #REMEMBERED} files.
     */
    private static final int REMEMBERED = 64;

    private static final Map<String, String> SOURCE_DIGESTS = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * Whether the file at {@code path} holds bytes this process read in full before, with {@code sourceDigest} (and
     * they match {@code expectedSha256}, when given); false when the file must be read in full ({@link #read}).
     * Hashes the file only when this process read some file with that digest: never twice on a first read.
     */
    static boolean sameAsRead(Path workingDirectory, String path, String expectedSha256, String sourceDigest) {
        synchronized (SOURCE_DIGESTS) {
            if (!SOURCE_DIGESTS.containsValue(sourceDigest)) {
                return false;
            }
        }
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(workingDirectory.resolve(path)), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return false;
        }
        String fileSha256 = HexFormat.of().formatHex(sha256.digest());
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(fileSha256)) {
            return false;
        }
        synchronized (SOURCE_DIGESTS) {
            return sourceDigest.equals(SOURCE_DIGESTS.get(fileSha256));
        }
    }

    /**
     * The file's elements, or the problem that stops reading it. A relative {@code path} is relative to the
     * working directory of the Terraform the provider serves.
     */
    static Result read(Path workingDirectory, String path, String expectedSha256) {
        MessageDigest sha256 = sha256();
        List<String> elements = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String owner = "elements file " + path;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(
                        new DigestInputStream(Files.newInputStream(workingDirectory.resolve(path)), sha256),
                        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)),
                1 << 16)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String element = withoutComment(line).strip();
                if (element.isEmpty()) {
                    continue;
                }
                try {
                    ScriptText.requireElement(owner, element);
                } catch (InvalidObjectDefinitionException e) {
                    return Result.failed(new Problem(number, e.getMessage()));
                }
                if (seen.add(element)) {
                    elements.add(element);
                    lines.add(number);
                }
            }
        } catch (NoSuchFileException e) {
            return Result.failed(new Problem(0, "the file does not exist"));
        } catch (CharacterCodingException e) {
            return Result.failed(new Problem(0, "the file is not UTF-8 text"));
        } catch (IOException e) {
            return Result.failed(new Problem(0, "the file cannot be read: " + e.getMessage()));
        }
        String fileSha256 = HexFormat.of().formatHex(sha256.digest());
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(fileSha256)) {
            return Result.failed(new Problem(
                    0,
                    "the file's SHA-256 is " + fileSha256 + ", not the expected "
                            + expectedSha256.toLowerCase(java.util.Locale.ROOT)
                            + " (elements_sha256): it changed or is "
                            + "incomplete"));
        }
        List<String> sorted = new ArrayList<>(elements);
        sorted.sort(null);
        String sourceDigest = ElementDigest.of(sorted);
        synchronized (SOURCE_DIGESTS) {
            SOURCE_DIGESTS.put(fileSha256, sourceDigest);
            if (SOURCE_DIGESTS.size() > REMEMBERED) {
                SOURCE_DIGESTS.remove(SOURCE_DIGESTS.keySet().iterator().next());
            }
        }
        return Result.read(new ElementsFile(
                path,
                List.copyOf(elements),
                lines.stream().mapToInt(Integer::intValue).toArray(),
                fileSha256,
                sourceDigest));
    }

    /** The line number of the element at {@code index}. */
    int lineOf(int index) {
        return lines[index];
    }

    /** Either the file or a problem. */
    record Result(Optional<ElementsFile> file, Optional<Problem> problem) {
        static Result read(ElementsFile file) {
            return new Result(Optional.of(file), Optional.empty());
        }

        static Result failed(Problem problem) {
            return new Result(Optional.empty(), Optional.of(problem));
        }
    }

    /** The line up to a {@code #} outside double quotes (nft comments are quoted and may hold a {@code #}). */
    private static String withoutComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
