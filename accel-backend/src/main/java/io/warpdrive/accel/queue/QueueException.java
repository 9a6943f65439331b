package io.warpdrive.accel.queue;

/**
 * A request could not be completed by the queue it was sent to. The request's effect on the
 * device is unknown; a stateful stream must not send more requests on the same context without
 * a reset. Whether the queue itself is still usable is told by {@link Kind#queueBroken}.
 */
public final class QueueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** A stop flag was raised (device reset or error): the queue was reported dead. */
        STOPPED(true),
        /** No completion came within the timeout. */
        TIMEOUT(true),
        /** A completion named a slot, queue or tag that was not the next one outstanding. */
        WRONG_SLOT(true),
        /** Result words out of range (consumed beyond the input, produced beyond the output). */
        BAD_RESULT(false),
        /** The queue was closed, or could not be opened. */
        CLOSED(true);

        /** True when the queue must be replaced (every request on it failed with this). */
        public final boolean queueBroken;

        Kind(boolean queueBroken) {
            this.queueBroken = queueBroken;
        }
    }

    private final Kind kind;

    public QueueException(Kind kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
