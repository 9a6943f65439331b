package io.warpdrive.zip;

import io.warpdrive.accel.emu.EmulatedZip;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.uacce.UacceDeviceInfo;
import io.warpdrive.accel.uacce.UacceDiscovery;
import io.warpdrive.accel.uacce.UacceNodeDevice;
import io.warpdrive.accel.uacce.UacceUnavailableException;
import java.nio.file.Path;

/**
 * The process-wide queue devices the provider routes to, created on first use: the emulated ZIP
 * engine, and the real uacce device discovery chooses.
 *
 * <p>Discovery runs once per sysfs root (reading a few sysfs files, loading no native code unless
 * a device is there); its verdict is kept, so that constructing an inflater does not rescan.
 */
final class AccelRuntime {
    private static ZipDevice emulated;

    /** The root the device verdict below belongs to. */
    private static Path deviceRoot;
    private static ZipDevice device;
    private static UacceUnavailableException deviceFailure;

    private AccelRuntime() {
    }

    /** The driver over the shared emulated ZIP engine. */
    static synchronized ZipDevice emulated() {
        if (emulated == null) {
            EmulatedZip emu = EmulatedZip.shared();
            emulated = new ZipDevice(emu.device(), emu.dusSize(), config());
        }
        return emulated;
    }

    private static ZipDevice.Config config() {
        return ZipDevice.Config.DEFAULT
                .withQueues(Integer.getInteger("warpdrive.queuesPerDirection", 4))
                .withTimeout(AccelOptions.queueTimeoutNanos());
    }

    /**
     * The driver over the best real device under the configured sysfs root.
     *
     * @throws UacceUnavailableException if there is none, saying why ("no usable uacce
     *     compression device: " and every reason)
     */
    static synchronized ZipDevice device() {
        Path root = UacceDiscovery.configuredRoot();
        if (!root.equals(deviceRoot)) {
            deviceRoot = root;
            device = null;
            deviceFailure = null;
            try {
                UacceDeviceInfo best = UacceDiscovery.scan(root).requireBest();
                UacceNodeDevice d = UacceNodeDevice.open(best);
                device = new ZipDevice(d, d.dusSize(), config());
            } catch (UacceUnavailableException e) {
                deviceFailure = e;
            }
        }
        if (device == null) {
            // a fresh exception per call: the stack trace should show the caller
            throw new UacceUnavailableException(deviceFailure.getMessage(), deviceFailure);
        }
        return device;
    }

    /** Why {@link #device()} would fail, or null if a device is usable (for auto: quiet fallback). */
    static String deviceProblem() {
        try {
            device();
            return null;
        } catch (UacceUnavailableException e) {
            return e.getMessage();
        }
    }

    /** The queue device of a resolved queue backend ({@link Backend#EMULATED} or {@link Backend#DEVICE}). */
    static ZipDevice queueDevice(Backend resolved) {
        return resolved == Backend.DEVICE ? device() : emulated();
    }

    /** Applies a changed queue timeout to the devices that exist. */
    static synchronized void timeoutChanged() {
        if (emulated != null) {
            emulated.setTimeoutNanos(AccelOptions.queueTimeoutNanos());
        }
        if (device != null) {
            device.setTimeoutNanos(AccelOptions.queueTimeoutNanos());
        }
    }

    /** The zlib level the emulated compression cores work at (the hardware has one setting). */
    static int emulatedLevel() {
        return EmulatedZip.shared().model().level();
    }
}
