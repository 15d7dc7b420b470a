package io.nftkeeper.agent.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A descriptor kept open for appending lines to an owner-only (0600) file, with the identity (file key) of the file
 * it opened: the journal and the audit log keep one between lines and open the path again once it names another
 * file (compacted, rotated away, deleted).
 */
record AppendDescriptor(FileChannel channel, Object fileKey) {

    static AppendDescriptor open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(
                file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            return new AppendDescriptor(
                    channel,
                    Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** All of {@code line}, each {@code write(2)} appending at the end of the file. */
    void write(ByteBuffer line) throws IOException {
        while (line.hasRemaining()) {
            channel.write(line);
        }
    }

    /** Nothing is buffered (every line was written through), so a failing close loses nothing. */
    void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // see above
        }
    }
}
