package io.nftkeeper.framework.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Formats SLF4J calls at or above the level of the current {@link HclogSinks sink} and writes them there. */
final class HclogLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    HclogLogger(String name) {
        this.name = name;
    }

    private static boolean enabled(HclogLevel level) {
        return HclogSinks.current().enabled(level);
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
        HclogSinks.current()
                .writer()
                .write(
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
