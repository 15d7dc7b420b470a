package io.nftkeeper.framework.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** One {@link HclogLogger} per name, all writing through one {@link HclogWriter}. */
public final class HclogLoggerFactory implements ILoggerFactory {
    private final HclogLevel level;
    private final HclogWriter writer;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    public HclogLoggerFactory(HclogLevel level, HclogWriter writer) {
        this.level = level;
        this.writer = writer;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new HclogLogger(n, level, writer));
    }
}
