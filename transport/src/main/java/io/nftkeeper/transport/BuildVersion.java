package io.nftkeeper.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this build of nftkeeper was made as; the build writes it into a resource (Maven resource filtering). */
public final class BuildVersion {

    private static final String CURRENT = load();

    private BuildVersion() {}

    /** The version, or {@code dev} for classes not packaged by Maven. */
    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("/nftkeeper-transport.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
