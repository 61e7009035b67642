package nl.ivz.warehouse.load;

/** A load that failed as a whole; the warehouse was rolled back to what it was before the load. */
public class LoadException extends Exception {
    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }

    public LoadException(String message) {
        super(message);
    }
}
