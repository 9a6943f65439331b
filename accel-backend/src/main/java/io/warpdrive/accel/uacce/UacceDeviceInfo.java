package io.warpdrive.accel.uacce;

import java.nio.file.Path;
import java.util.List;

/**
 * One entry of {@code /sys/class/uacce} as discovery read it. A value that was missing or
 * malformed is -1 (numbers) or null (api), and {@link #problems} says which file and why.
 *
 * @param name directory name, also the device node name (e.g. {@code hisi_zip-0})
 * @param sysfsDir the attribute directory
 * @param node the device node ({@code <root>/dev/<name>})
 * @param api sysfs api, e.g. {@code hisi_qm_v2}; null if unreadable
 * @param apiVersion N of {@code hisi_qm_vN}; -1 if not such a string
 * @param flags sysfs flags (bit 0: SVA); -1 if unreadable
 * @param availableInstances free queues; -1 if unreadable
 * @param algorithms one name per entry; empty if unreadable
 * @param mmioSize region_mmio_size in bytes; -1 if unreadable
 * @param dusSize region_dus_size in bytes; -1 if unreadable
 * @param isolated the driver isolated the device after hardware errors
 * @param numaNode device/numa_node; -1 if unknown (the kernel's "no node" too)
 * @param problems why the provider cannot use it, in words; empty if it can
 */
public record UacceDeviceInfo(String name, Path sysfsDir, Path node, String api, int apiVersion, long flags,
        int availableInstances, List<String> algorithms, long mmioSize, long dusSize, boolean isolated, int numaNode,
        List<String> problems) {
    public UacceDeviceInfo {
        algorithms = List.copyOf(algorithms);
        problems = List.copyOf(problems);
    }

    /** True if it offers zlib, gzip or deflate (what this provider needs). */
    public boolean isCompression() {
        return algorithms.contains("zlib") || algorithms.contains("gzip") || algorithms.contains("deflate");
    }

    /** True if the provider can open queues on it. */
    public boolean usable() {
        return problems.isEmpty();
    }

    /** The problems joined, or null if usable. */
    public String reason() {
        return problems.isEmpty() ? null : String.join("; ", problems);
    }
}
