package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.wire.PackedElements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading an elements file: comments, blank lines, repeats, line numbers, and the digests. */
class ElementsFileTest {

    @TempDir
    Path dir;

    @Test
    void readsOneElementPerLineWithTheirLineNumbers() throws IOException {
        Path file = write(
                "a.txt",
                "# Spamhaus DROP\n\n10.0.0.0/8 ; SBL1\n".replace(" ; SBL1", " # SBL1")
                        + "10.1.1.1 comment \"on #call\"\n10.0.0.0/8\n  192.168.0.0-192.168.0.9  \n");
        ElementsFile read = ElementsFile.read(dir, file.toString(), null).file().orElseThrow();
        assertThat(read.elements())
                .containsExactly("10.0.0.0/8", "10.1.1.1 comment \"on #call\"", "192.168.0.0-192.168.0.9");
        assertThat(read.lineOf(0)).isEqualTo(3);
        assertThat(read.lineOf(2)).isEqualTo(6);
    }

    @Test
    void theSourceDigestIgnoresOrderCommentsAndRepeats() throws IOException {
        String a = ElementsFile.read(dir, write("a.txt", "10.0.0.1\n10.0.0.2\n").toString(), null)
                .file()
                .orElseThrow()
                .sourceDigest();
        String b = ElementsFile.read(
                        dir,
                        write("b.txt", "# x\n10.0.0.2\n10.0.0.1\n10.0.0.2\n").toString(),
                        null)
                .file()
                .orElseThrow()
                .sourceDigest();
        String c = ElementsFile.read(dir, write("c.txt", "10.0.0.2\n").toString(), null)
                .file()
                .orElseThrow()
                .sourceDigest();
        assertThat(a).isEqualTo(b).startsWith("sha256:").isNotEqualTo(c);
    }

    @Test
    void aLineThatWouldBreakOutOfTheElementListIsRefusedWithItsNumber() throws IOException {
        ElementsFile.Result read = ElementsFile.read(
                dir, write("a.txt", "10.0.0.1\n10.0.0.2, 10.0.0.3\n").toString(), null);
        assertThat(read.problem()).hasValueSatisfying(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.detail()).contains("10.0.0.2, 10.0.0.3");
        });
    }

    @Test
    void theSameBytesReadBeforeAreKnownWithoutParsingAndOtherBytesAreNot() throws IOException {
        String file = write("known.txt", "# known\n10.7.0.2\n10.7.0.1\n").toString();
        String digest = ElementsFile.read(
                        dir, write("twin.txt", "10.7.0.1\n10.7.0.2\n").toString(), null)
                .file()
                .orElseThrow()
                .sourceDigest();
        assertThat(ElementsFile.knownBytes(dir, file, null, digest))
                .as("never read in full (the same elements in other bytes were)")
                .isEmpty();

        ElementsFile read = ElementsFile.read(dir, file, null).file().orElseThrow();

        assertThat(ElementsFile.knownBytes(dir, file, null, digest)).hasValue(read.fileSha256());
        assertThat(ElementsFile.knownBytes(dir, file, "00".repeat(32), digest))
                .as("not the bytes elements_sha256 expects")
                .isEmpty();
        assertThat(ElementsFile.knownBytes(dir, file, null, "sha256:" + "00".repeat(32)))
                .as("another digest than the state's")
                .isEmpty();
        write("known.txt", "# known\n10.7.0.2\n10.7.0.3\n");
        assertThat(ElementsFile.knownBytes(dir, file, null, digest))
                .as("changed")
                .isEmpty();
    }

    @Test
    void thePackedElementsOfAFileAreKeptForItsBytes() throws IOException {
        ElementsFile read = ElementsFile.read(
                        dir, write("packed.txt", "10.8.0.2\n10.8.0.1\n").toString(), null)
                .file()
                .orElseThrow();
        assertThat(ElementsFile.packed(read.fileSha256())).isEmpty();

        String packed = read.packed();

        assertThat(PackedElements.unpack(packed)).containsExactly("10.8.0.1", "10.8.0.2");
        assertThat(ElementsFile.packed(read.fileSha256())).hasValue(packed);
    }

    @Test
    void theFileMustMatchItsExpectedSha256() throws Exception {
        Path file = write("a.txt", "10.0.0.1\n");
        String sha = HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest("10.0.0.1\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(ElementsFile.read(dir, file.toString(), sha.toUpperCase()).file())
                .isPresent();
        assertThat(ElementsFile.read(dir, file.toString(), "0".repeat(64)).problem())
                .hasValueSatisfying(p -> assertThat(p.detail()).contains(sha).contains("elements_sha256"));
        assertThat(ElementsFile.read(dir, dir.resolve("missing.txt").toString(), null)
                        .problem())
                .hasValueSatisfying(p -> assertThat(p.detail()).isEqualTo("the file does not exist"));
    }

    /** `elements_file = "${path.module}/drop.txt"` is "./drop.txt" in a root module: relative to terraform's. */
    @Test
    void aRelativePathIsRelativeToTheWorkingDirectoryGiven() throws Exception {
        write("drop.txt", "10.0.0.9\n");

        assertThat(ElementsFile.read(dir, "./drop.txt", null)
                        .file()
                        .orElseThrow()
                        .elements())
                .containsExactly("10.0.0.9");
        assertThat(ElementsFile.read(dir.resolve("elsewhere"), "./drop.txt", null)
                        .problem())
                .hasValueSatisfying(p -> assertThat(p.detail()).isEqualTo("the file does not exist"));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
