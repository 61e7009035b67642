package nl.ivz.warehouse.load;

/**
 * @param format layout name to use instead of detection (null = detect)
 * @param strict row problems are fatal instead of going to load_rejected_row
 */
public record LoadOptions(String format, boolean strict) {
    public static LoadOptions defaults() {
        return new LoadOptions(null, false);
    }
}
