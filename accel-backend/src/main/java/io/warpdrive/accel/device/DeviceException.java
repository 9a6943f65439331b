package io.warpdrive.accel.device;

/**
 * A control-path call on a device or queue failed (the errno a real uacce ioctl/mmap would give:
 * ENXIO for a queue that is gone, EBUSY when no queue is free, EEXIST for a second mapping).
 */
public final class DeviceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Linux errno values used here. */
    public static final int EINVAL = 22;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENXIO = 6;
    public static final int ENOMEM = 12;

    private final int errno;

    public DeviceException(int errno, String message) {
        super(message + " (errno " + errno + ")");
        this.errno = errno;
    }

    /** The Linux errno this failure corresponds to. */
    public int errno() {
        return errno;
    }
}
