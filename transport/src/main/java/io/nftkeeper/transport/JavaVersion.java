package io.nftkeeper.transport;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the feature release out of the first line {@code java -version} prints. */
final class JavaVersion {

    /** The agent is built for Java 17. */
    static final int REQUIRED_MAJOR = 17;

    // openjdk version "17.0.12" 2024-07-16 | java version "1.8.0_392" | openjdk version "21" 2023-09-19
    private static final Pattern VERSION = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?");

    private JavaVersion() {}

    /** The major version (8 for {@code 1.8.0_392}), or empty when the line is not what java prints. */
    static OptionalInt major(String versionLine) {
        Matcher matcher = VERSION.matcher(versionLine);
        if (!matcher.find()) {
            return OptionalInt.empty();
        }
        int first = Integer.parseInt(matcher.group(1));
        if (first == 1 && matcher.group(2) != null) {
            return OptionalInt.of(Integer.parseInt(matcher.group(2)));
        }
        return OptionalInt.of(first);
    }
}
