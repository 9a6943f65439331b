package io.warpdrive.accel.uacce;

import io.warpdrive.accel.queue.QmLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * Finds uacce compression devices: reads {@code /sys/class/uacce/*} under a root directory
 * (system property {@code warpdrive.sysfs.root}, default {@code /}; device nodes are looked for
 * in {@code <root>/dev}) and says for each device whether the provider can use it, and if not,
 * why. Only sysfs is read: no device is opened and no native code is loaded, so listing devices
 * is safe anywhere.
 *
 * <p>A device is usable when it offers zlib, gzip or deflate; its api is {@code hisi_qm_v1} to
 * {@code hisi_qm_v5}; its flags have the SVA bit (descriptors carry process addresses: this
 * driver has no No-SVA path); it is not isolated; it has a free queue; its region sizes make
 * sense; and its node exists and can be opened read-write by this user.
 *
 * <p>Thread-safe (stateless).
 */
public final class UacceDiscovery {
    /** System property: the directory that stands for {@code /} (tests, containers). */
    public static final String ROOT_PROPERTY = "warpdrive.sysfs.root";
    /** System property: the NUMA node to prefer (default: the node of the CPU running the scan). */
    public static final String NUMA_PROPERTY = "warpdrive.numa.node";

    /** Highest hisi_qm api version this driver knows (doorbell v2 format from v2 on). */
    static final int MAX_API_VERSION = 5;
    /** Largest DUS region we accept (the rings of hisi_zip take 144 KiB; 64 KiB pages make 256 KiB). */
    private static final long MAX_DUS = 64L << 20;

    private UacceDiscovery() {
    }

    /** The configured root ({@value #ROOT_PROPERTY}, default {@code /}). */
    public static Path configuredRoot() {
        return Path.of(configuredRootName());
    }

    /** {@link #configuredRoot()} as the string it is made from (cheap: no path parsing). */
    public static String configuredRootName() {
        String r = System.getProperty(ROOT_PROPERTY);
        return r == null || r.isBlank() ? "/" : r.trim();
    }

    /** Scans under the configured root. */
    public static UacceScan scan() {
        return scan(configuredRoot());
    }

    /** Scans {@code <root>/sys/class/uacce}, preferring the NUMA node of the current CPU. */
    public static UacceScan scan(Path root) {
        return scan(root, () -> preferredNode(root), UacceDiscovery::readWrite);
    }

    static UacceScan scan(Path root, int preferredNode, Predicate<Path> rwAccess) {
        return scan(root, () -> preferredNode, rwAccess);
    }

    /**
     * @param preferredNode NUMA node to prefer, -1 for none; asked only when there are devices
     *     (finding the current CPU loads native code, which a machine without uacce never needs)
     * @param rwAccess whether this user may open a node read-write (access(2) semantics)
     */
    static UacceScan scan(Path root, IntSupplier preferred, Predicate<Path> rwAccess) {
        Path classDir = root.resolve("sys/class/uacce");
        if (!Files.isDirectory(classDir)) {
            return new UacceScan(root, classDir, "no uacce class: " + classDir + " does not exist (a kernel without"
                    + " CONFIG_UACCE, or no accelerator driver such as hisi_zip loaded)", List.of(), -1);
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(classDir)) {
            for (Path p : ds) {
                dirs.add(p);
            }
        } catch (IOException | SecurityException e) {
            return new UacceScan(root, classDir, "cannot list " + classDir + ": " + e, List.of(), -1);
        }
        dirs.sort(null);
        List<UacceDeviceInfo> devices = new ArrayList<>();
        for (Path d : dirs) {
            devices.add(read(root, d, rwAccess));
        }
        if (devices.isEmpty()) {
            return new UacceScan(root, classDir, "no uacce devices: " + classDir + " is empty", devices, -1);
        }
        return new UacceScan(root, classDir, null, devices, preferred.getAsInt());
    }

    /** One device directory (a symlink into /sys/devices on a real system). */
    static UacceDeviceInfo read(Path root, Path dir, Predicate<Path> rwAccess) {
        String name = dir.getFileName().toString();
        Path node = root.resolve("dev").resolve(name);
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>(); // problems of attributes that do not matter unless compression
        Path attrs = dir;
        if (Files.isDirectory(dir.resolve("attrs")) && !Files.exists(dir.resolve("api"))) {
            // openEuler 4.19 / KAE kernels: attributes in attrs/ (read them to say what the
            // device is), and other ioctl numbers (so it cannot be used)
            attrs = dir.resolve("attrs");
            problems.add("attributes under " + attrs + ": an openEuler 4.19 (KAE) uacce, whose ioctl"
                    + " numbers differ from mainline's; not supported");
        }

        List<String> algorithms = new ArrayList<>();
        String algs = Sysfs.read(attrs.resolve("algorithms"), notes, true);
        if (algs != null) {
            algorithms.addAll(Arrays.asList(algs.split("\\s+")));
            algorithms.removeIf(String::isEmpty);
        }
        String api = Sysfs.read(attrs.resolve("api"), notes, true);
        long flags = Sysfs.readLong(attrs.resolve("flags"), notes, true, -1);
        long avail = Sysfs.readLong(attrs.resolve("available_instances"), notes, true, -1);
        long mmio = Sysfs.readLong(attrs.resolve("region_mmio_size"), notes, true, -1);
        long dus = Sysfs.readLong(attrs.resolve("region_dus_size"), notes, true, -1);
        long isolate = Sysfs.readLong(attrs.resolve("isolate"), notes, false, 0); // hidden when the driver lacks it
        long numa = Sysfs.readLong(dir.resolve("device/numa_node"), notes, false, -1);

        boolean compression = algorithms.contains("zlib") || algorithms.contains("gzip")
                || algorithms.contains("deflate");
        if (!compression) {
            // what else is wrong with a crypto device is not our business
            problems.clear();
            problems.add(algs == null ? notes.get(0) : "not a compression device (algorithms: "
                    + (algorithms.isEmpty() ? "none" : String.join(" ", algorithms)) + ")");
            return new UacceDeviceInfo(name, dir, node, api, apiVersion(api), flags, count(avail), algorithms, mmio,
                    dus, isolate == 1, numaNode(numa), problems);
        }
        problems.addAll(notes);

        int version = apiVersion(api);
        if (api != null) {
            if (api.startsWith("hisi_qm_v") && api.contains("_noiommu")) {
                problems.add("api '" + api + "' is a No-SVA (noiommu) device: descriptors would need DMA addresses;"
                        + " only SVA is supported");
            } else if (version < 1 || version > MAX_API_VERSION) {
                problems.add("unsupported api '" + Sysfs.shorten(api) + "' (this driver knows hisi_qm_v1 to hisi_qm_v"
                        + MAX_API_VERSION + ")");
            }
        }
        if (flags >= 0 && (flags & Uapi.UACCE_DEV_SVA) == 0) {
            problems.add(String.format("flags 0x%x lack UACCE_DEV_SVA: without shared virtual addressing (IOMMU SVA"
                    + " enabled for the device) descriptors would need DMA addresses; not supported", flags));
        }
        if (isolate == 1) {
            problems.add("isolated by its driver after too many hardware errors (isolate=1)");
        } else if (isolate != 0) {
            problems.add("malformed " + attrs.resolve("isolate") + ": " + isolate + " (expected 0 or 1)");
        }
        if (avail == 0) {
            problems.add("no free queue (available_instances 0)");
        } else if (avail < -1 || avail > Integer.MAX_VALUE) {
            problems.add("malformed " + attrs.resolve("available_instances") + ": " + avail);
        }
        if (dus != -1 && (dus < QmLayout.PAGE_SIZE * 2 || dus > MAX_DUS || dus % QmLayout.PAGE_SIZE != 0)) {
            problems.add("malformed " + attrs.resolve("region_dus_size") + ": " + dus
                    + " (expected whole pages holding the rings)");
        }
        if (mmio != -1 && version >= 1 && version <= MAX_API_VERSION) {
            int need = QmLayout.Doorbell.forApi(api).offset + 8;
            if (mmio < need || mmio > MAX_DUS) {
                problems.add("malformed " + attrs.resolve("region_mmio_size") + ": " + mmio + " (the doorbell needs "
                        + need + " bytes)");
            }
        }
        if (!Files.exists(node)) {
            problems.add("no device node " + node + " (udev or devtmpfs did not create it)");
        } else if (!rwAccess.test(node)) {
            problems.add("permission denied: " + node + " needs read and write permission for this user (it is"
                    + " opened O_RDWR); add a udev rule giving a group mode 0660, or run as a member of the node's group");
        }
        return new UacceDeviceInfo(name, dir, node, api, version, flags, count(avail), algorithms, mmio, dus,
                isolate == 1, numaNode(numa), problems);
    }

    /** N of "hisi_qm_vN" (nothing after the digits), else -1. */
    static int apiVersion(String api) {
        if (api == null || !api.startsWith("hisi_qm_v") || api.length() == 9 || api.length() > 12) {
            return -1;
        }
        int v = 0;
        for (int i = 9; i < api.length(); i++) {
            char c = api.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A queue count as an int; anything out of range is unknown (-1). */
    private static int count(long n) {
        return n >= 0 && n <= Integer.MAX_VALUE ? (int) n : -1;
    }

    /** The kernel prints -1 for "no node"; anything outside a plausible range is unknown too. */
    private static int numaNode(long n) {
        return n >= 0 && n < 65536 ? (int) n : -1;
    }

    private static boolean readWrite(Path node) {
        return Files.isReadable(node) && Files.isWritable(node);
    }

    /**
     * The NUMA node to prefer: {@value #NUMA_PROPERTY} if set, else the node whose cpulist holds
     * the CPU this thread runs on (sched_getcpu; native code is loaded only if the node
     * directory exists), else -1.
     */
    static int preferredNode(Path root) {
        Integer p = Integer.getInteger(NUMA_PROPERTY);
        if (p != null) {
            return p;
        }
        Path nodes = root.resolve("sys/devices/system/node");
        if (!Files.isDirectory(nodes) || Native.problem() != null) {
            return -1;
        }
        int cpu = Native.libc().sched_getcpu();
        if (cpu < 0) {
            return -1;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(nodes, "node[0-9]*")) {
            for (Path n : ds) {
                String list = Sysfs.read(n.resolve("cpulist"), new ArrayList<>(), false);
                if (list != null && cpuListContains(list, cpu)) {
                    return Integer.parseInt(n.getFileName().toString().substring(4));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** "0-3,8,10-11" contains {@code cpu}? Malformed parts match nothing. */
    static boolean cpuListContains(String list, int cpu) {
        for (String part : list.trim().split(",")) {
            try {
                int dash = part.indexOf('-');
                int lo = Integer.parseInt(dash < 0 ? part.trim() : part.substring(0, dash).trim());
                int hi = dash < 0 ? lo : Integer.parseInt(part.substring(dash + 1).trim());
                if (cpu >= lo && cpu <= hi) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // skip
            }
        }
        return false;
    }
}
