package io.warpdrive.zip;

/**
 * A stream could not go on because its accelerator backend failed (an error status, a lost or
 * malformed completion, a stopped queue) and either the strict setting forbids continuing on the
 * pure-Java engine, or the stream is too far along to be continued there exactly (see
 * {@link AccelOptions#setReplayLimit}). The stream is unusable afterwards; {@code reset()} or
 * {@code end()} it.
 */
public final class BackendFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
