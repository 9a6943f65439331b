package io.warpdrive.accel.uacce;

/**
 * No uacce compression device can be used here, with the reason in words a user can act on
 * (no uacce class, no device node, permission denied on a named file, unsupported api, an
 * isolated device, no free queue, a failed ioctl with its errno name).
 *
 * <p>An {@link IllegalStateException}: the provider throws it where an unavailable backend has
 * always been reported that way.
 */
public final class UacceUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public UacceUnavailableException(String message) {
        super(message);
    }

    public UacceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
