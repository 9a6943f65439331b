package io.warpdrive.accel.uacce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What discovery found: every uacce device with its verdict, and the choice among the usable
 * ones. Choice: a device on the preferred NUMA node first (its DMA does not cross the
 * interconnect), then the most free queues, then the name.
 *
 * <p>Immutable, thread-safe.
 */
public final class UacceScan {
    private final Path root;
    private final Path classDir;
    private final String classProblem;
    private final List<UacceDeviceInfo> devices;
    private final int preferredNode;

    UacceScan(Path root, Path classDir, String classProblem, List<UacceDeviceInfo> devices, int preferredNode) {
        this.root = root;
        this.classDir = classDir;
        this.classProblem = classProblem;
        this.devices = List.copyOf(devices);
        this.preferredNode = preferredNode;
    }

    /** The directory standing for {@code /}. */
    public Path root() {
        return root;
    }

    /** {@code <root>/sys/class/uacce}. */
    public Path classDir() {
        return classDir;
    }

    /** Why there is nothing to look at (no class directory, unlistable, empty), or null. */
    public String classProblem() {
        return classProblem;
    }

    /** Every device, by name, usable or not, compression or not. */
    public List<UacceDeviceInfo> devices() {
        return devices;
    }

    /** The NUMA node preferred in the choice, -1 for none. */
    public int preferredNode() {
        return preferredNode;
    }

    /** The usable devices, best first. */
    public List<UacceDeviceInfo> ranked() {
        List<UacceDeviceInfo> r = new ArrayList<>();
        for (UacceDeviceInfo d : devices) {
            if (d.usable()) {
                r.add(d);
            }
        }
        r.sort(Comparator.comparingInt((UacceDeviceInfo d) -> preferredNode >= 0 && d.numaNode() == preferredNode ? 0 : 1)
                .thenComparing(Comparator.comparingInt(UacceDeviceInfo::availableInstances).reversed())
                .thenComparing(UacceDeviceInfo::name));
        return r;
    }

    /** The device the provider would use. */
    public Optional<UacceDeviceInfo> best() {
        List<UacceDeviceInfo> r = ranked();
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** Why no device is usable (every compression device with its reason), or null if one is. */
    public String whyNone() {
        if (best().isPresent()) {
            return null;
        }
        if (classProblem != null) {
            return classProblem;
        }
        StringBuilder sb = new StringBuilder();
        int compression = 0;
        for (UacceDeviceInfo d : devices) {
            if (d.isCompression()) {
                sb.append(compression++ == 0 ? "" : "; ").append(d.name()).append(": ").append(d.reason());
            }
        }
        if (compression == 0) {
            return "no compression device among the " + devices.size() + " uacce device(s) in " + classDir
                    + " (none offers zlib, gzip or deflate)";
        }
        return sb.toString();
    }

    /**
     * The best device.
     *
     * @throws UacceUnavailableException naming every reason if there is none
     */
    public UacceDeviceInfo requireBest() {
        return best().orElseThrow(() -> new UacceUnavailableException("no usable uacce compression device: " + whyNone()));
    }
}
