package nl.ivz.warehouse.service;

/**
 * A failure after the first bytes of a result were sent: the status line is gone, so the only honest signal
 * left is to cut the connection (the client sees an incomplete transfer, never a silently short file).
 */
public final class StreamAborted extends RuntimeException {
    private final ApiException reason;

    StreamAborted(ApiException reason) {
        super(reason.getMessage(), reason);
        this.reason = reason;
    }

    public ApiException reason() { return reason; }
}
