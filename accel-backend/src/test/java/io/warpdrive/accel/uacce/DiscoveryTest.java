package io.warpdrive.accel.uacce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery over fake sysfs trees: the verdict and the reason for every kind of device. */
class DiscoveryTest {
    @TempDir
    Path tmp;

    private static Map<String, UacceDeviceInfo> byName(UacceScan s) {
        return s.devices().stream().collect(Collectors.toMap(UacceDeviceInfo::name, Function.identity()));
    }

    private static void assertReason(UacceDeviceInfo d, String part) {
        assertFalse(d.usable(), d.name() + " should not be usable");
        assertTrue(d.reason().contains(part), d.name() + ": " + d.reason());
    }

    @Test
    void noUacceClass() {
        UacceScan s = UacceDiscovery.scan(tmp, -1, p -> true);
        Path dir = tmp.resolve("sys/class/uacce");
        assertEquals("no uacce class: " + dir + " does not exist (a kernel without CONFIG_UACCE, or no accelerator"
                + " driver such as hisi_zip loaded)", s.classProblem());
        assertTrue(s.devices().isEmpty());
        assertTrue(s.best().isEmpty());
        UacceUnavailableException e = assertThrows(UacceUnavailableException.class, s::requireBest);
        assertEquals("no usable uacce compression device: " + s.classProblem(), e.getMessage());
    }

    @Test
    void emptyClass() throws IOException {
        Files.createDirectories(tmp.resolve("sys/class/uacce"));
        UacceScan s = UacceDiscovery.scan(tmp, -1, p -> true);
        assertTrue(s.classProblem().startsWith("no uacce devices: "), s.classProblem());
        assertThrows(UacceUnavailableException.class, s::requireBest);
    }

    @Test
    void severalDevicesEachWithItsVerdict() {
        FakeSysfs fs = new FakeSysfs(tmp);
        fs.zip("hisi_zip-0").attr("device/numa_node", "1\n").attr("available_instances", "64\n");
        fs.zip("hisi_zip-1").attr("device/numa_node", "0\n").attr("available_instances", "10\n");
        fs.zip("hisi_zip-2").attr("isolate", "1\n");
        fs.zip("hisi_zip-3").attr("available_instances", "0\n");
        fs.zip("hisi_sec2-4").attr("algorithms", "cipher\ndigest\naead\n").attr("api", "hisi_qm_v2\n");
        fs.zip("hisi_zip-6").attr("api", "hisi_qm_v9\n");
        fs.zip("hisi_zip-7").attr("flags", "0\n");
        fs.zip("hisi_zip-8").noNode();
        fs.zip("hisi_zip-9").attr("api", "hisi_qm_v2_noiommu\n");
        fs.zip("hisi_zip-10").attr("api", "hisi_qm_v3\n").attr("algorithms", "zlib\ngzip\ndeflate\nlz77_zstd\n")
                .attr("region_mmio_size", "65536\n").attr("region_dus_size", "262144\n").remove("isolate");
        fs.zip("hisi_zip-11").attr("api", "hisi_qm_v1\n").attr("region_mmio_size", "4096\n").attr("available_instances", "3\n");

        UacceScan s = UacceDiscovery.scan(tmp, 0, p -> true);
        assertNull(s.classProblem());
        Map<String, UacceDeviceInfo> d = byName(s);
        assertEquals(11, d.size());

        UacceDeviceInfo z0 = d.get("hisi_zip-0");
        assertTrue(z0.usable(), z0.reason());
        assertEquals("hisi_qm_v2", z0.api());
        assertEquals(2, z0.apiVersion());
        assertEquals(List.of("zlib", "gzip"), z0.algorithms());
        assertEquals(64, z0.availableInstances());
        assertEquals(1, z0.numaNode());
        assertEquals(8192, z0.mmioSize());
        assertEquals(151552, z0.dusSize());
        assertEquals(tmp.resolve("dev/hisi_zip-0"), z0.node());
        assertFalse(z0.isolated());

        assertReason(d.get("hisi_zip-2"), "isolated by its driver after too many hardware errors (isolate=1)");
        assertTrue(d.get("hisi_zip-2").isolated());
        assertReason(d.get("hisi_zip-3"), "no free queue (available_instances 0)");
        UacceDeviceInfo sec = d.get("hisi_sec2-4");
        assertFalse(sec.isCompression());
        assertEquals("not a compression device (algorithms: cipher digest aead)", sec.reason());
        assertReason(d.get("hisi_zip-6"), "unsupported api 'hisi_qm_v9' (this driver knows hisi_qm_v1 to hisi_qm_v5)");
        assertReason(d.get("hisi_zip-7"), "flags 0x0 lack UACCE_DEV_SVA");
        assertReason(d.get("hisi_zip-8"), "no device node " + tmp.resolve("dev/hisi_zip-8"));
        assertReason(d.get("hisi_zip-9"), "api 'hisi_qm_v2_noiommu' is a No-SVA (noiommu) device");
        UacceDeviceInfo v3 = d.get("hisi_zip-10");
        assertTrue(v3.usable(), v3.reason()); // no isolate attribute: not isolated
        assertEquals(3, v3.apiVersion());
        assertTrue(d.get("hisi_zip-11").usable(), d.get("hisi_zip-11").reason());

        // node 0 preferred: the local devices first, by free queues; the far one after them
        List<String> ranked = s.ranked().stream().map(UacceDeviceInfo::name).collect(Collectors.toList());
        assertEquals(List.of("hisi_zip-10", "hisi_zip-1", "hisi_zip-11", "hisi_zip-0"), ranked);
        assertEquals("hisi_zip-10", s.requireBest().name());
        assertNull(s.whyNone());

        // no preference: most free queues wins, ties by name
        UacceScan any = UacceDiscovery.scan(tmp, -1, p -> true);
        assertEquals(List.of("hisi_zip-0", "hisi_zip-10", "hisi_zip-1", "hisi_zip-11"),
                any.ranked().stream().map(UacceDeviceInfo::name).collect(Collectors.toList()));
        // node 1 preferred: hisi_zip-0 is the only local one
        assertEquals("hisi_zip-0", UacceDiscovery.scan(tmp, 1, p -> true).requireBest().name());
    }

    @Test
    void nothingUsableListsEveryReason() {
        FakeSysfs fs = new FakeSysfs(tmp);
        fs.zip("hisi_zip-0").attr("isolate", "1\n");
        fs.zip("hisi_zip-1").attr("available_instances", "0\n");
        fs.zip("hisi_sec2-2").attr("algorithms", "cipher\n");
        UacceScan s = UacceDiscovery.scan(tmp, -1, p -> true);
        UacceUnavailableException e = assertThrows(UacceUnavailableException.class, s::requireBest);
        assertEquals("no usable uacce compression device: hisi_zip-0: isolated by its driver after too many hardware"
                + " errors (isolate=1); hisi_zip-1: no free queue (available_instances 0)", e.getMessage());

        FakeSysfs only = new FakeSysfs(tmp.resolve("b"));
        only.zip("hisi_hpre-0").attr("algorithms", "rsa\ndh\n");
        String why = UacceDiscovery.scan(only.root, -1, p -> true).whyNone();
        assertTrue(why.startsWith("no compression device among the 1 uacce device(s)"), why);
    }

    @Test
    void malformedValuesGiveReasonsNotCrashes() {
        FakeSysfs fs = new FakeSysfs(tmp);
        fs.zip("hisi_zip-0").attr("available_instances", "lots\n").attr("flags", "0xZZ\n");
        fs.zip("hisi_zip-1").attr("region_dus_size", "-5\n").attr("region_mmio_size", "16\n");
        fs.zip("hisi_zip-2").attr("api", "\u0000\u00ff\u0001garbage").attr("isolate", "7\n");
        fs.zip("hisi_zip-3").attr("available_instances", "99999999999999999999999\n")
                .attr("device/numa_node", "-1\n");
        fs.zip("hisi_zip-4").remove("api").remove("region_dus_size");
        fs.zip("hisi_zip-5").attr("algorithms", "");
        fs.zip("hisi_zip-6").attr("api", "x".repeat(10_000));
        fs.zip("hisi_zip-7").attr("available_instances", "-3\n");

        Map<String, UacceDeviceInfo> d = byName(UacceDiscovery.scan(tmp, -1, p -> true));
        Path dir = tmp.resolve("sys/class/uacce");
        assertReason(d.get("hisi_zip-0"), "malformed " + dir.resolve("hisi_zip-0/available_instances")
                + ": 'lots' (expected a decimal integer)");
        assertReason(d.get("hisi_zip-0"), "malformed " + dir.resolve("hisi_zip-0/flags") + ": '0xZZ'");
        assertEquals(-1, d.get("hisi_zip-0").availableInstances());
        assertReason(d.get("hisi_zip-1"), "malformed " + dir.resolve("hisi_zip-1/region_dus_size") + ": -5");
        assertReason(d.get("hisi_zip-1"), "malformed " + dir.resolve("hisi_zip-1/region_mmio_size")
                + ": 16 (the doorbell needs 4104 bytes)");
        assertReason(d.get("hisi_zip-2"), "unsupported api");
        assertReason(d.get("hisi_zip-2"), "(expected 0 or 1)");
        assertReason(d.get("hisi_zip-3"), "available_instances: '99999999999999999999999'");
        assertEquals(-1, d.get("hisi_zip-3").numaNode());
        assertReason(d.get("hisi_zip-4"), "missing attribute " + dir.resolve("hisi_zip-4/api"));
        assertReason(d.get("hisi_zip-4"), "missing attribute " + dir.resolve("hisi_zip-4/region_dus_size"));
        assertEquals("not a compression device (algorithms: none)", d.get("hisi_zip-5").reason());
        assertReason(d.get("hisi_zip-6"), "bytes, not an attribute");
        assertReason(d.get("hisi_zip-7"), "malformed " + dir.resolve("hisi_zip-7/available_instances") + ": -3");
        assertTrue(d.values().stream().noneMatch(UacceDeviceInfo::usable));
    }

    @Test
    void openEulerAttrsLayoutIsRefused() throws IOException {
        FakeSysfs fs = new FakeSysfs(tmp);
        FakeSysfs.Dev dev = fs.new Dev("hisi_zip-0").node();
        for (String[] a : new String[][] {{"api", "hisi_qm_v2\n"}, {"flags", "1\n"}, {"available_instances", "256\n"},
            {"algorithms", "zlib\ngzip\n"}, {"region_mmio_size", "8192\n"}, {"region_dus_size", "151552\n"}}) {
            dev.attr("attrs/" + a[0], a[1]);
        }
        UacceDeviceInfo d = UacceDiscovery.scan(tmp, -1, p -> true).devices().get(0);
        assertReason(d, "an openEuler 4.19 (KAE) uacce, whose ioctl numbers differ");
    }

    /** The permission reason, with an access check that says no (the discovery side of EACCES). */
    @Test
    void nodeWithoutReadWritePermission() {
        new FakeSysfs(tmp).zip("hisi_zip-0");
        Path node = tmp.resolve("dev/hisi_zip-0");
        UacceDeviceInfo d = UacceDiscovery.scan(tmp, -1, p -> !p.equals(node)).devices().get(0);
        assertReason(d, "permission denied: " + node + " needs read and write permission for this user (it is opened"
                + " O_RDWR)");
    }

    /** The real access check: root may open a 0000 node (and discovery agrees), anyone else may not. */
    @Test
    void realAccessCheckAgreesWithTheKernel() throws IOException {
        new FakeSysfs(tmp).zip("hisi_zip-0");
        Path node = tmp.resolve("dev/hisi_zip-0");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("---------"));
        UacceDeviceInfo d = UacceDiscovery.scan(tmp).devices().get(0);
        int fd = LibcKernel.INSTANCE.open(node.toString(), Uapi.O_RDWR | Uapi.O_CLOEXEC);
        if (fd >= 0) {
            LibcKernel.INSTANCE.close(fd);
            assertTrue(d.usable(), "the kernel lets this user open it, discovery must too: " + d.reason());
        } else {
            assertEquals(-Errno.EACCES, fd);
            assertReason(d, "permission denied: " + node);
        }
    }

    @Test
    void unreadableAttributeIsNamed() throws IOException {
        new FakeSysfs(tmp).zip("hisi_zip-0");
        Path dir = tmp.resolve("sys/class/uacce/hisi_zip-0/api");
        Files.delete(dir);
        Files.createDirectory(dir); // reading a directory fails with an IOException that is not "missing"
        UacceDeviceInfo d = UacceDiscovery.scan(tmp, -1, p -> true).devices().get(0);
        assertReason(d, "cannot read " + dir);
    }

    @Test
    void configuredRootAndScanDefaults() {
        String old = System.getProperty(UacceDiscovery.ROOT_PROPERTY);
        try {
            System.setProperty(UacceDiscovery.ROOT_PROPERTY, tmp.toString());
            assertEquals(tmp, UacceDiscovery.configuredRoot());
            new FakeSysfs(tmp).zip("hisi_zip-5");
            assertEquals("hisi_zip-5", UacceDiscovery.scan().requireBest().name());
            System.clearProperty(UacceDiscovery.ROOT_PROPERTY);
            assertEquals(Path.of("/"), UacceDiscovery.configuredRoot());
        } finally {
            if (old == null) {
                System.clearProperty(UacceDiscovery.ROOT_PROPERTY);
            } else {
                System.setProperty(UacceDiscovery.ROOT_PROPERTY, old);
            }
        }
    }

    @Test
    void parsers() {
        assertEquals(1, UacceDiscovery.apiVersion("hisi_qm_v1"));
        assertEquals(5, UacceDiscovery.apiVersion("hisi_qm_v5"));
        assertEquals(-1, UacceDiscovery.apiVersion("hisi_qm_v"));
        assertEquals(-1, UacceDiscovery.apiVersion("hisi_qm_v2_noiommu"));
        assertEquals(-1, UacceDiscovery.apiVersion("hisi_sec_v2"));
        assertEquals(-1, UacceDiscovery.apiVersion(null));
        assertTrue(UacceDiscovery.cpuListContains("0-3,8,10-11\n", 10));
        assertTrue(UacceDiscovery.cpuListContains("0-3,8,10-11", 8));
        assertFalse(UacceDiscovery.cpuListContains("0-3,8,10-11", 9));
        assertFalse(UacceDiscovery.cpuListContains("garbage", 0));
        assertFalse(UacceDiscovery.cpuListContains("", 0));
    }

    /** The preferred node comes from the CPU's node in the (fake) node directory, or the property. */
    @Test
    void preferredNodeFromCpuLists() throws IOException {
        Path nodes = Files.createDirectories(tmp.resolve("sys/devices/system/node"));
        int cpus = java.lang.Runtime.getRuntime().availableProcessors();
        // every CPU this process may run on is in node3's list
        Files.createDirectories(nodes.resolve("node0"));
        Files.writeString(nodes.resolve("node0/cpulist"), "100000\n");
        Files.createDirectories(nodes.resolve("node3"));
        Files.writeString(nodes.resolve("node3/cpulist"), "0-" + (cpus + 4096) + "\n");
        assertEquals(3, UacceDiscovery.preferredNode(tmp));
        System.setProperty(UacceDiscovery.NUMA_PROPERTY, "1");
        try {
            assertEquals(1, UacceDiscovery.preferredNode(tmp));
        } finally {
            System.clearProperty(UacceDiscovery.NUMA_PROPERTY);
        }
        assertEquals(-1, UacceDiscovery.preferredNode(tmp.resolve("elsewhere")));
    }
}
