package nl.ivz.warehouse.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessMemoryCapTest {
    /**
     * The headroom is the one asked for or the memory limit again, whichever is more. The cap reads the limit as
     * DuckDB shows it: a limit of 2048 MB is "1.9 GiB", 2,040,109,465 bytes, 1,945 MB (whole MiB) instead of 1,024;
     * the tests' 256 MB ("244.1 MiB") keeps 1,024; a larger headroom asked for stays.
     */
    @Test
    void headroomIsAtLeastTheMemoryLimit() {
        assertEquals(1024, ProcessMemoryCap.headroomMb(ProcessMemoryCap.bytes("244.1 MiB"), 1024));
        assertEquals(3000, ProcessMemoryCap.headroomMb(ProcessMemoryCap.bytes("1.9 GiB"), 3000));
        assertEquals(1945, ProcessMemoryCap.headroomMb(ProcessMemoryCap.bytes("1.9 GiB"), 1024));
    }
}
