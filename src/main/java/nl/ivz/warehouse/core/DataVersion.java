package nl.ivz.warehouse.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter of committed loads in this process: what is read once and kept in memory (the dimensions cube
 * parameters are resolved against) is read again when it moves. The loader bumps it after its commit.
 */
public final class DataVersion {
    private static final AtomicLong VERSION = new AtomicLong();

    private DataVersion() { }

    public static long current() {
        return VERSION.get();
    }

    /** After a commit that may have changed dimensions (a load, or a test that writes them directly). */
    public static void bump() {
        VERSION.incrementAndGet();
    }
}
