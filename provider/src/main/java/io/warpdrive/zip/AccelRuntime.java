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

    /** Discovery's verdict for the sysfs root last asked about; replaced when the root changes. */
    private static volatile DeviceVerdict verdict;

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
    static ZipDevice device() {
        DeviceVerdict v = currentVerdict();
        if (v.device() == null) {
            // a fresh exception per call: the stack trace should show the caller
            throw new UacceUnavailableException(v.failure().getMessage(), v.failure());
        }
        return v.device();
    }

    /**
     * The usable device under the configured sysfs root, or null (for auto: quiet fallback).
     * Constructors call this every time, so it costs a property read and a string comparison
     * once the root has been scanned: no exception, no lock.
     */
    static ZipDevice usableDevice() {
        return currentVerdict().device();
    }

    /** Why {@link #device()} would fail, or null if a device is usable. */
    static String deviceProblem() {
        DeviceVerdict v = currentVerdict();
        return v.device() == null ? v.failure().getMessage() : null;
    }

    private static DeviceVerdict currentVerdict() {
        String rootName = UacceDiscovery.configuredRootName();
        DeviceVerdict v = verdict;
        if (v != null && v.rootName().equals(rootName)) {
            return v;
        }
        return scan(rootName);
    }

    private static synchronized DeviceVerdict scan(String rootName) {
        DeviceVerdict v = verdict;
        if (v != null && v.rootName().equals(rootName)) {
            return v; // another thread scanned it meanwhile
        }
        ZipDevice device = null;
        UacceUnavailableException failure = null;
        try {
            UacceDeviceInfo best = UacceDiscovery.scan(Path.of(rootName)).requireBest();
            UacceNodeDevice d = UacceNodeDevice.open(best);
            device = new ZipDevice(d, d.dusSize(), config());
        } catch (UacceUnavailableException e) {
            failure = e;
        }
        v = new DeviceVerdict(rootName, device, failure);
        verdict = v;
        return v;
    }

    /** One root's outcome: the device, or why there is none (immutable, read without a lock). */
    private record DeviceVerdict(String rootName, ZipDevice device, UacceUnavailableException failure) {
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
        DeviceVerdict v = verdict;
        if (v != null && v.device() != null) {
            v.device().setTimeoutNanos(AccelOptions.queueTimeoutNanos());
        }
    }

    /** The zlib level the emulated compression cores work at (the hardware has one setting). */
    static int emulatedLevel() {
        return EmulatedZip.shared().model().level();
    }
}
