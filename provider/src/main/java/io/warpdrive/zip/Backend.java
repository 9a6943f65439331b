package io.warpdrive.zip;

import java.util.Locale;

/**
 * Where WdDeflater and WdInflater send their work.
 *
 * <p>Chosen per instance at construction: an explicit {@link #setDefault default} set in code
 * wins, else the system property {@code warpdrive.backend} ({@code auto | soft | emulated | device}),
 * else {@link #AUTO}. {@link #EMULATED} runs every stream through WarpDrive queues served by the
 * emulated ZIP engine in this process. Real devices are not supported yet: {@link #AUTO} resolves
 * to {@link #SOFT}, and asking for {@link #DEVICE} fails at construction with an
 * {@link IllegalStateException} that says so, rather than silently running something else.
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

    /** The backend that {@code requested} runs on here; fails for backends this build lacks. */
    static Backend resolve(Backend requested) {
        switch (requested) {
            case AUTO:
            case SOFT:
                return SOFT;
            case EMULATED:
                return EMULATED;
            default:
                throw new IllegalStateException("warpdrive backend '" + requested.name().toLowerCase(Locale.ROOT)
                        + "' is not available in this build: 'soft', 'emulated' and 'auto' (which means soft) are");
        }
    }
}
