/*
 * Backends: choosing the warpdrive backend for a command and saying honestly what ran. A
 * backend is set with Backend.setDefault and proved by constructing a WdDeflater and a
 * WdInflater (the provider fails construction for a backend this build lacks). For the
 * emulated backend the emulator's doorbell counter shows that requests really went through the
 * WarpDrive queues.
 */
package io.warpdrive.samples;

import io.warpdrive.zip.Backend;
import io.warpdrive.zip.WdDeflater;
import io.warpdrive.zip.WdInflater;
import java.util.Locale;

final class Backends {
    private Backends() {
    }

    /** Parses auto|soft|emulated|device (any case). */
    static Backend parse(String s) {
        try {
            return Backend.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' is not a backend; use auto, soft, emulated or device");
        }
    }

    static String name(Backend b) {
        return b.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Makes {@code b} the default for engines created from now on and checks that engines can
     * be built on it; returns null if so, else why not (and the default is left unset).
     */
    static String use(Backend b) {
        Backend.setDefault(b);
        try {
            new WdDeflater(6, true).end();
            new WdInflater(true).end();
            return null;
        } catch (IllegalStateException | LinkageError e) {
            Backend.setDefault(null);
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }
    }

    /** One line on what a backend is. */
    static String describe(Backend b) {
        switch (b) {
            case EMULATED:
                return "emulated: WarpDrive queues served by the emulated ZIP engine in this process";
            case SOFT:
                return "soft: the pure-Java engine";
            case DEVICE:
                return "device: a uacce compression device";
            default:
                return "auto: an accelerator if usable, else soft";
        }
    }

    /** Doorbells the emulated engine has latched so far, or -1 if it is not running here. */
    static long emulatorDoorbells() {
        if (Backend.configured() != Backend.EMULATED) {
            return -1;
        }
        try {
            return io.warpdrive.accel.emu.EmulatedZip.shared().model().doorbellCount();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }
}
