package nl.ivz.warehouse.service;

import nl.ivz.warehouse.export.ResultFormat;

import java.io.IOException;
import java.io.OutputStream;

/** Where a result goes. {@link #open} is called once, when the first bytes must leave (so errors before it can still become a problem response). */
@FunctionalInterface
public interface ResultSink {
    OutputStream open(ResultFormat format, long knownLength) throws IOException;
}
