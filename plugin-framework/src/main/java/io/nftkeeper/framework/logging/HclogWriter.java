package io.nftkeeper.framework.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes one hclog JSON object per line:
 * {@code {"@level":"info","@message":"...","@module":"provider","@timestamp":"...","logger":"..."}}.
 * Always to stderr in production: stdout carries only the go-plugin handshake.
 */
public final class HclogWriter {
    /** hclog's own timestamp layout (Go: 2006-01-02T15:04:05.000000Z07:00). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

    private final OutputStream out;
    private final Clock clock;

    public HclogWriter(OutputStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** The process's real stderr, regardless of later System.setErr calls. */
    public static HclogWriter stderr() {
        return new HclogWriter(new FileOutputStream(FileDescriptor.err), Clock.systemUTC());
    }

    public void write(HclogLevel level, String logger, String message, Throwable throwable) {
        StringBuilder line = new StringBuilder(128 + message.length());
        line.append("{\"@level\":\"").append(level.jsonName()).append('"');
        field(line, "@message", message);
        field(line, "@module", "provider");
        field(line, "@timestamp", TIMESTAMP.format(clock.instant()));
        field(line, "logger", logger);
        if (throwable != null) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            field(line, "error", trace.toString());
        }
        line.append("}\n");
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // stderr is gone (Terraform exited); there is nowhere left to report this
            }
        }
    }

    private static void field(StringBuilder line, String key, String value) {
        line.append(",\"").append(key).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
