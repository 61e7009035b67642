package nl.ivz.warehouse.service;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

/**
 * Loads one file into the warehouse inside the transaction the service opened on {@code tx}: the service
 * commits when every file of a request loaded and rolls back otherwise, so readers never see half a load.
 */
@FunctionalInterface
public interface InboxLoader {
    /** @return a summary for the client (batch id, rows loaded, ...) */
    Map<String, Object> load(Connection tx, Path file, Map<String, String> options) throws Exception;
}
