package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.InvalidObjectDefinitionException;
import io.nftkeeper.protocol.ScriptText;
import io.nftkeeper.protocol.wire.ElementDigest;
import io.nftkeeper.protocol.wire.PackedElements;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An elements file as {@code elements_file} reads it: one element per line in nft syntax, {@code #} starts a
 * comment (outside double quotes), blank lines are ignored, an exact repeat counts once. Keeps each element's line
 * number so that an element nft refuses is reported where the user can fix it.
 *
 * @param path         the file as configured
 * @param sorted       the elements, stripped, sorted by their UTF-8 bytes, each once, with the line of each
 * @param fileSha256   hex SHA-256 of the file's bytes (what {@code sha256sum} prints)
 * @param sourceDigest the digest of the element set ({@link ElementDigest}): the same however the file is ordered
 */
record ElementsFile(String path, SortedLines sorted, String fileSha256, String sourceDigest) {

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
     * The packed elements ({@link PackedElements}) of the files this process packed last, by the SHA-256 of their
     * bytes: the apply that follows a plan sends what the plan's dry run packed (a million elements: 4 MB kept,
     * 3 s of reading and packing saved, and the elements never held as strings again).
     */
    private static final int PACKED_REMEMBERED = 2;

    private static final Map<String, String> PACKED = new LinkedHashMap<>(4, 0.75f, true);

    /**
     * The SHA-256 of the file at {@code path} when it holds bytes this process read in full before, with
     * {@code sourceDigest} (and they match {@code expectedSha256}, when given); empty when the file must be read in
     * full ({@link #read}). Hashes the file only when this process read some file with that digest: never twice on a
     * first read.
     */
    static Optional<String> knownBytes(Path workingDirectory, String path, String expectedSha256, String sourceDigest) {
        synchronized (SOURCE_DIGESTS) {
            if (!SOURCE_DIGESTS.containsValue(sourceDigest)) {
                return Optional.empty();
            }
        }
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(workingDirectory.resolve(path)), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return Optional.empty();
        }
        String fileSha256 = HexFormat.of().formatHex(sha256.digest());
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(fileSha256)) {
            return Optional.empty();
        }
        synchronized (SOURCE_DIGESTS) {
            return sourceDigest.equals(SOURCE_DIGESTS.get(fileSha256)) ? Optional.of(fileSha256) : Optional.empty();
        }
    }

    /** The packed elements of the file whose bytes have {@code fileSha256}, if this process packed them lately. */
    static Optional<String> packed(String fileSha256) {
        synchronized (PACKED) {
            return Optional.ofNullable(PACKED.get(fileSha256));
        }
    }

    /** The elements packed for the agent; remembered by the file's SHA-256 ({@link #packed(String)}). */
    String packed() {
        Optional<String> known = packed(fileSha256);
        if (known.isPresent()) {
            return known.get();
        }
        String packed = PackedElements.pack(sorted, sorted.size());
        remember(PACKED, fileSha256, packed, PACKED_REMEMBERED);
        return packed;
    }

    /**
     * The file's elements, or the problem that stops reading it. A relative {@code path} is relative to the
     * working directory of the Terraform the provider serves.
     */
    static Result read(Path workingDirectory, String path, String expectedSha256) {
        MessageDigest sha256 = sha256();
        SortedLines.Builder read = new SortedLines.Builder();
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
                read.add(element, number);
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
        SortedLines sorted = read.build();
        String sourceDigest = ElementDigest.of(sorted);
        remember(SOURCE_DIGESTS, fileSha256, sourceDigest, REMEMBERED);
        return Result.read(new ElementsFile(path, sorted, fileSha256, sourceDigest));
    }

    private static void remember(Map<String, String> memo, String key, String value, int capacity) {
        synchronized (memo) {
            memo.put(key, value);
            if (memo.size() > capacity) {
                memo.remove(memo.keySet().iterator().next());
            }
        }
    }
    /** The elements, sorted, each once (a String each only when asked for). */
    List<String> elements() {
        return sorted.asList();
    }

    /** The line number of the element at {@code index}. */
    int lineOf(int index) {
        return sorted.line(index);
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
