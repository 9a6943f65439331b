package io.warpdrive.zip;

import java.util.Locale;

/**
 * Where WdDeflater and WdInflater send their work.
 *
 * <p>Chosen per instance at construction: an explicit {@link #setDefault default} set in code
 * wins, else the system property {@code warpdrive.backend} ({@code auto | soft | emulated | device}),
 * else {@link #AUTO}. {@link #EMULATED} runs every stream through WarpDrive queues served by the
 * emulated ZIP engine in this process. {@link #DEVICE} runs them on a real uacce compression
 * device found under {@code /sys/class/uacce} (root configurable with {@code warpdrive.sysfs.root});
 * when there is none it fails at construction with a
 * {@link io.warpdrive.accel.uacce.UacceUnavailableException} (an {@link IllegalStateException})
 * saying why, rather than silently running something else. {@link #AUTO} takes a usable device
 * if discovery finds one and the pure-Java engine otherwise, without a word.
 *
 * <p>Thread-safe.
 */
public enum Backend {
    /** A usable accelerator if there is one, else the pure-Java engine. */
    AUTO,
    /** The pure-Java engine, called directly. */
    SOFT,
    /** The WarpDrive queue protocol served by the emulated ZIP engine. */
    EMULATED,
    /** A real uacce compression device. */
    DEVICE;

    /** Name of the system property read when no default was set in code. */
    public static final String PROPERTY = "warpdrive.backend";

    private static volatile Backend codeDefault;

    /**
     * Sets the backend for instances created from now on, overriding the system property;
     * {@code null} goes back to the property.
     */
    public static void setDefault(Backend backend) {
        codeDefault = backend;
    }

    /**
     * The backend new instances will ask for.
     *
     * @throws IllegalArgumentException if the system property names no backend
     */
    public static Backend configured() {
        Backend b = codeDefault;
        if (b != null) {
            return b;
        }
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(p.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + "=" + p
                    + " is not a backend; use auto, soft, emulated or device", e);
        }
    }

    /**
     * The backend that {@code requested} runs on here.
     *
     * @throws io.warpdrive.accel.uacce.UacceUnavailableException for {@link #DEVICE} when no
     *     uacce compression device is usable, with every reason discovery found
     */
    static Backend resolve(Backend requested) {
        switch (requested) {
            case SOFT:
                return SOFT;
            case EMULATED:
                return EMULATED;
            case DEVICE:
                AccelRuntime.device(); // throws with the discovery's reasons
                return DEVICE;
            default:
                return AccelRuntime.usableDevice() != null ? DEVICE : SOFT;
        }
    }
}
