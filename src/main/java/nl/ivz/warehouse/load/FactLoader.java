package nl.ivz.warehouse.load;

import java.nio.file.Path;

/**
 * Loads one source layout into the star schema. Implementations read with a reader from the sources
 * package, resolve areas/periods/themes through the {@link LoadContext}, and write facts on its
 * connection (inside the load's single transaction).
 */
public interface FactLoader {
    /** Layout name as shown to users and accepted by {@code ivz load --format}. */
    String layout();

    /** One line: what the layout is (for --help and the README). */
    String description();

    /** Files load in ascending order: reference data (regions, themes) before facts. */
    default int order() {
        return 100;
    }

    /** True when this file is in this layout; {@code head} is its first 64 KB as text (BOM removed). */
    boolean detects(Path file, String head);

    /**
     * How specific {@link #detects} is: the number of things it checks (header columns named, markers
     * required). When several layouts accept a file, the most specific one loads it; two with the same
     * specificity are an error naming both, whatever the order of {@link FactLoaders#all()}.
     */
    int specificity();

    /** The signature {@link #detects} looks for, in words (for docs/loading.md). */
    String signature();

    /**
     * For a part file of a multi-file dataset (an OData v4 code list next to its index.json): the file that
     * loads the whole dataset, so the part is not loaded on its own. Null for ordinary files.
     */
    default Path companionOf(Path file, String head) {
        return null;
    }

    /**
     * True when the loader computes the file's sha256 itself, beside its own first read, and calls
     * {@link LoadContext#begin(String)} before it writes anything; otherwise the {@link Loader} hashes the file
     * and begins the batch before {@link #load}.
     */
    default boolean hashesItself() {
        return false;
    }

    /** Loads the file; row problems go to {@link LoadContext#reject}, fatal ones are thrown. */
    void load(LoadContext ctx) throws Exception;
}
