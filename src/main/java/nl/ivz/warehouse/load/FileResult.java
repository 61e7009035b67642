package nl.ivz.warehouse.load;

import java.util.List;

/** What happened to one file of a load. */
public record FileResult(String file, String layout, long batchId, long rowsRead, long rowsLoaded, long rowsRejected,
                         long millis, boolean skipped, List<String> notes, List<String> firstRejects) { }
