package io.nftkeeper.framework.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Formats SLF4J calls at or above the configured level and hands them to the writer. */
final class HclogLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final HclogLevel threshold;
    private final HclogWriter writer;

    HclogLogger(String name, HclogLevel threshold, HclogWriter writer) {
        this.name = name;
        this.threshold = threshold;
        this.writer = writer;
    }

    private boolean enabled(HclogLevel level) {
        return level.compareTo(threshold) >= 0;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(HclogLevel.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(HclogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(HclogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(HclogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(HclogLevel.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        writer.write(
                switch (level) {
                    case TRACE -> HclogLevel.TRACE;
                    case DEBUG -> HclogLevel.DEBUG;
                    case INFO -> HclogLevel.INFO;
                    case WARN -> HclogLevel.WARN;
                    case ERROR -> HclogLevel.ERROR;
                },
                name,
                message,
                throwable);
    }
}
