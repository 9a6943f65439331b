/*
 * The subcommands of `wdzip`: check (the main job) verifies files on soft and on the emulated
 * backend and fails rows it cannot verify; bench prints a verified table; devices lists every uacce
 * device of a (fake) sysfs tree with the provider's verdict; the examples run; inflate-check is still
 * reachable. And an interrupted compression leaves neither output nor temporary file.
 */
package io.warpdrive.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warpdrive.samples.WdzipGzipModeTest.Run;
import io.warpdrive.zip.Backend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WdzipCommandsTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clearBackend() {
        Backend.setDefault(null);
    }

    private static Run wdzip(String... args) {
        return WdzipGzipModeTest.wdzip(args);
    }

    @Test
    void checkVerifiesFilesOnSoft() throws IOException {
        Path a = Files.write(tmp.resolve("a.txt"), WdzipGzipModeTest.data(300_000, 1));
        Path b = Files.write(tmp.resolve("empty"), new byte[0]);
        Run r = wdzip("check", "--warmup-ms", "0", "--backend", "soft", a.toString(), b.toString());
        assertEquals(0, r.status, r.out() + r.err);
        assertTrue(r.out().contains("backend: soft"), r.out());
        assertTrue(r.out().contains("OK (same bytes as jdk)"), r.out()); // the soft engine is zlib-exact
        assertTrue(r.out().contains("all 2 inputs verified"), r.out());
    }

    @Test
    void checkDefaultsToTheEmulatedAcceleratorWhenPresent() throws IOException {
        Path a = Files.write(tmp.resolve("a.txt"), WdzipGzipModeTest.data(200_000, 2));
        Run r = wdzip("check", "--warmup-ms", "0", a.toString());
        assertEquals(0, r.status, r.out() + r.err);
        if (Backends.use(Backend.EMULATED) == null) {
            assertTrue(r.out().contains("backend: emulated"), r.out());
            assertTrue(r.out().matches("(?s).*emulated engine: [1-9]\\d* doorbells.*"), r.out());
        } else {
            assertTrue(r.out().contains("running on the soft backend instead"), r.out());
        }
    }

    @Test
    void checkFailsWhatItCannotVerify() {
        Run r = wdzip("check", "--warmup-ms", "0", "--backend", "soft", tmp.resolve("missing").toString());
        assertEquals(1, r.status);
        assertTrue(r.out().contains("FAIL"), r.out());
        assertTrue(r.err.contains("1 of 1 inputs did not verify"), r.err);
        Run dev = wdzip("check", "--backend", "device");
        assertEquals(1, dev.status);
        assertTrue(dev.err.contains("backend 'device' is not available"), dev.err);
        Run usage = wdzip("check", "--nope");
        assertEquals(2, usage.status);
        assertTrue(usage.err.startsWith("wdzip check: unrecognized option '--nope'"), usage.err);
    }

    @Test
    void benchPrintsAVerifiedTable() throws IOException {
        Path a = Files.write(tmp.resolve("in.bin"), WdzipGzipModeTest.data(100_000, 3));
        Run r = wdzip("bench", "-n", "1", "-L", "1,9", "--no-progress", "--backend", "soft", a.toString(),
                a.toString());
        assertEquals(0, r.status, r.out() + r.err);
        String[] lines = r.out().split("\n");
        long ok = Stream.of(lines).filter(l -> l.endsWith("OK")).count();
        assertEquals(4, ok, r.out());
        assertTrue(r.out().contains("total"), r.out());
        assertEquals(2, wdzip("bench", "-L", "12").status);
        Run none = wdzip("bench", "--no-progress", "--corpus", tmp.resolve("no-corpus").toString());
        assertEquals(1, none.status, none.out());
    }

    private static String devices(Path root) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        assertEquals(0, Devices.run(new PrintStream(b, true, StandardCharsets.UTF_8), root));
        return b.toString(StandardCharsets.UTF_8);
    }

    private Path attr(Path dev, String name, String value) throws IOException {
        Path f = dev.resolve(name);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, value);
    }

    /** A hisi_zip device as a Kunpeng 920 kernel shows it, with its node under root/dev. */
    private Path zip(Path root, String name, int free, int node) throws IOException {
        Path dev = root.resolve("sys/class/uacce").resolve(name);
        attr(dev, "api", "hisi_qm_v2\n");
        attr(dev, "flags", "1\n");
        attr(dev, "available_instances", free + "\n");
        attr(dev, "algorithms", "zlib\ngzip\n");
        attr(dev, "region_mmio_size", "8192\n");
        attr(dev, "region_dus_size", "151552\n");
        attr(dev, "isolate", "0\n");
        attr(dev, "device/numa_node", node + "\n");
        Files.createDirectories(root.resolve("dev"));
        Files.write(root.resolve("dev").resolve(name), new byte[0]);
        return dev;
    }

    @Test
    void devicesWithoutUacce() {
        String s = devices(tmp.resolve("absent"));
        assertTrue(s.startsWith("no uacce class: " + tmp.resolve("absent/sys/class/uacce") + " does not exist"), s);
        assertTrue(s.contains("backend auto runs on: soft (no usable device); backend device fails: no uacce class"), s);
    }

    @Test
    void devicesListsEveryDeviceWithItsVerdict() throws IOException {
        Path root = tmp.resolve("root");
        zip(root, "hisi_zip-0", 8, 0);
        zip(root, "hisi_zip-1", 64, 1);
        attr(zip(root, "hisi_zip-2", 64, 0), "isolate", "1\n");
        zip(root, "hisi_zip-3", 0, 0);
        attr(zip(root, "hisi_sec2-4", 64, 0), "algorithms", "cipher\ndigest\n");
        attr(zip(root, "hisi_zip-5", 64, 0), "available_instances", "many\n");
        String s = devices(root);
        assertTrue(s.startsWith("uacce devices in " + root.resolve("sys/class/uacce")), s);
        assertTrue(s.contains("  hisi_zip-0\n    api hisi_qm_v2, algorithms zlib gzip, free queues 8, NUMA node 0,"
                + " not isolated\n    used by the provider: no, usable but another is preferred"), s);
        assertTrue(s.contains("  hisi_zip-1\n    api hisi_qm_v2, algorithms zlib gzip, free queues 64, NUMA node 1,"
                + " not isolated\n    used by the provider: yes (" + root.resolve("dev/hisi_zip-1") + ")"), s);
        assertTrue(s.contains("  hisi_zip-2\n    api hisi_qm_v2, algorithms zlib gzip, free queues 64, NUMA node 0,"
                + " isolated\n    used by the provider: no, isolated by its driver"), s);
        assertTrue(s.contains("used by the provider: no, no free queue (available_instances 0)"), s);
        assertTrue(s.contains("  hisi_sec2-4\n    api hisi_qm_v2, algorithms cipher digest, free queues 64, NUMA node 0,"
                + " not isolated\n    used by the provider: no, not a compression device (algorithms: cipher digest)"), s);
        assertTrue(s.contains("free queues ?"), s);
        assertTrue(s.contains("used by the provider: no, malformed "
                + root.resolve("sys/class/uacce/hisi_zip-5/available_instances") + ": 'many'"), s);
        assertTrue(s.endsWith("backend auto and device run on: hisi_zip-1 (" + root.resolve("dev/hisi_zip-1") + ")\n"), s);
    }

    @Test
    void devicesCommandTakesASysfsRoot() throws IOException {
        Path root = tmp.resolve("r");
        attr(zip(root, "hisi_zip-7", 5, 0), "isolate", "1\n");
        Run r = wdzip("devices", "--sysfs-root", root.toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.out().contains("  hisi_zip-7\n"), r.out());
        assertTrue(r.out().contains("backend device fails: hisi_zip-7: isolated by its driver"), r.out());
        Run none = wdzip("devices");
        assertEquals(0, none.status, none.err);
        Run help = wdzip("devices", "--help");
        assertTrue(help.out().contains("--sysfs-root=DIR"), help.out());
    }

    @Test
    void examplesRun() {
        for (String e : new String[] {"swap", "gzip", "commons", "zip"}) {
            Run r = wdzip("example", e);
            assertEquals(0, r.status, e + ": " + r.out() + r.err);
            assertTrue(r.out().contains("verified") || r.out().contains("members"), e + ": " + r.out());
        }
        assertEquals(2, wdzip("example", "nope").status);
    }

    @Test
    void inflateCheckIsStillThere() {
        Run r = wdzip("inflate-check", "--help");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out().startsWith("usage: java -jar wdzip-samples.jar"), r.out());
    }

    /** SIGTERM in the middle of a compression: the shutdown hook removes the temporary file. */
    @Test
    void anInterruptedRunLeavesNoFile() throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "needs SIGTERM semantics");
        byte[] big = new byte[48 << 20];
        new Random(4).nextBytes(big);
        Path in = Files.write(tmp.resolve("big.bin"), big);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dwarpdrive.backend=soft", Wdzip.class.getName(), "-9", in.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        boolean sawTemp = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!sawTemp && p.isAlive() && System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.list(tmp)) {
                sawTemp = s.anyMatch(f -> f.getFileName().toString().endsWith(".wdzip-tmp"));
            }
            Thread.sleep(5);
        }
        assumeTrue(sawTemp, "the run ended before it could be interrupted");
        p.destroy(); // SIGTERM: shutdown hooks run
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> left = s.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(List.of("big.bin", "log.txt"), left, Files.readString(tmp.resolve("log.txt")));
        }
        assertFalse(Files.exists(tmp.resolve("big.bin.gz")));
    }
}
