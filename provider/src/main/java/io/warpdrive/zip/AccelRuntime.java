package io.warpdrive.zip;

import io.warpdrive.accel.emu.EmulatedZip;
import io.warpdrive.accel.queue.ZipDevice;

/** The process-wide queue devices the provider routes to, created on first use. */
final class AccelRuntime {
    private static ZipDevice emulated;

    private AccelRuntime() {
    }

    /** The driver over the shared emulated ZIP engine. */
    static synchronized ZipDevice emulated() {
        if (emulated == null) {
            EmulatedZip emu = EmulatedZip.shared();
            ZipDevice.Config c = ZipDevice.Config.DEFAULT
                    .withQueues(Integer.getInteger("warpdrive.queuesPerDirection", 4))
                    .withTimeout(AccelOptions.queueTimeoutNanos());
            emulated = new ZipDevice(emu.device(), emu.dusSize(), c);
        }
        return emulated;
    }

    /** Applies a changed queue timeout to the device if it exists. */
    static synchronized void timeoutChanged() {
        if (emulated != null) {
            emulated.setTimeoutNanos(AccelOptions.queueTimeoutNanos());
        }
    }

    /** The zlib level the emulated compression cores work at (the hardware has one setting). */
    static int emulatedLevel() {
        return EmulatedZip.shared().model().level();
    }
}
