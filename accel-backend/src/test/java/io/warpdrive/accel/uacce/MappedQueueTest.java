package io.warpdrive.accel.uacce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.accel.device.DeviceException;
import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.device.IoAddressMap;
import io.warpdrive.accel.device.MemoryDevice;
import io.warpdrive.accel.device.QpInfo;
import io.warpdrive.accel.device.QueueChannel;
import io.warpdrive.accel.emu.ZipEngineModel;
import io.warpdrive.accel.queue.HisiQp;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipResult;
import io.warpdrive.accel.queue.ZipSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver (ZipDevice, HisiQp) over {@link UacceNodeDevice} and {@link UacceQueue}, whose rings
 * and register page are real mmaps of a memfd, served by the emulated engine through a second
 * mapping of the same pages ({@link EmulatedUacceKernel}). Oracle: java.util.zip.
 */
class MappedQueueTest {
    @TempDir
    Path tmp;

    /** The emulated hardware, the kernel in front of it, and the device discovery found. */
    private final class Rig implements AutoCloseable {
        final IoAddressMap iommu = new IoAddressMap();
        final ZipEngineModel model = new ZipEngineModel(iommu, 1, 1, 6);
        final MemoryDevice hardware;
        final EmulatedUacceKernel kernel;
        final UacceNodeDevice device;
        final ZipDevice zip;

        Rig(String api, int mmioSize, int queues, boolean hasQpInfo) {
            FakeSysfs fs = new FakeSysfs(tmp);
            fs.zip("hisi_zip-2").attr("api", api + "\n").attr("region_mmio_size", mmioSize + "\n")
                    .attr("available_instances", queues + "\n");
            UacceDeviceInfo info = UacceDiscovery.scan(tmp, -1, p -> true).requireBest();
            hardware = new MemoryDevice("hisi_zip-2", api, List.of("zlib", "gzip"), queues, QpInfo.ZIP,
                    (int) info.dusSize(), mmioSize, model, iommu);
            kernel = new EmulatedUacceKernel(hardware, iommu, info.dusSize(), mmioSize, hasQpInfo);
            device = new UacceNodeDevice(info, kernel);
            zip = new ZipDevice(device, device.dusSize(), ZipDevice.Config.DEFAULT.withQueues(1)
                    .withTimeout(30_000_000_000L));
        }

        DmaBuffer put(byte[] data) {
            DmaBuffer b = zip.dma().take(Math.max(1, data.length));
            b.buffer().put(0, data);
            return b;
        }

        @Override
        public void close() {
            zip.close();
            device.close();
            model.close();
        }
    }

    static byte[] text(int size, long seed) {
        Random r = new Random(seed);
        String[] words = {"queue", "doorbell", "phase", "the", "of", "mmap", "ring", "zlib", "deflate", "\n"};
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(words[r.nextInt(words.length)]).append(r.nextInt(5) == 0 ? ", " : " ");
        }
        return sb.substring(0, size).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static byte[] jdkDeflate(byte[] in, int level, boolean nowrap) {
        Deflater d = new Deflater(level, nowrap);
        d.setInput(in);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    static byte[] jdkInflate(byte[] in, boolean nowrap) throws DataFormatException {
        Inflater inf = new Inflater(nowrap);
        inf.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!inf.finished()) {
            int n = inf.inflate(buf);
            if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                throw new DataFormatException("truncated");
            }
            out.write(buf, 0, n);
        }
        inf.end();
        return out.toByteArray();
    }

    @Test
    void compressAndDecompressThroughMappedRings() throws Exception {
        try (Rig rig = new Rig("hisi_qm_v2", 8192, 4, true)) {
            byte[] plain = text(200_000, 1);
            // one-shot zlib compression: the same bytes as java.util.zip at level 6
            DmaBuffer src = rig.put(plain);
            DmaBuffer dst = rig.zip.dma().take(plain.length + 1024);
            try (ZipSession s = rig.zip.openSession(ZipAlg.ZLIB, true, false, 15)) {
                ZipResult r = s.run(src, 0, plain.length, dst, 0, dst.size(), true);
                assertTrue(r.streamEnd(), r.toString());
                byte[] ours = new byte[r.produced()];
                dst.buffer().get(0, ours);
                assertArrayEquals(jdkDeflate(plain, 6, false), ours);
            }
            // one-shot decompression of java.util.zip's output (the driver hands the data after the header)
            byte[] comp = jdkDeflate(plain, 9, false);
            DmaBuffer csrc = rig.put(comp);
            try (ZipSession s = rig.zip.openSession(ZipAlg.ZLIB, false, false, 15)) {
                ZipResult r = s.run(csrc, 2, comp.length - 2, dst, 0, dst.size(), true);
                assertTrue(r.streamEnd(), r.toString());
                assertEquals(plain.length, r.produced());
                byte[] back = new byte[plain.length];
                dst.buffer().get(0, back);
                assertArrayEquals(plain, back);
            }
            // every doorbell reached the hardware through the second mapping, in this one-thread run
            assertTrue(rig.kernel.latched.get() >= 4, "doorbells " + rig.kernel.latched);
            assertEquals(0, rig.kernel.unseenStores.get());
            assertTrue(rig.model.doorbellCount() >= 4);
            assertEquals(2, rig.kernel.openQueues()); // one per direction
        }
    }

    /** A stateful gzip stream in many requests, read back by java.util.zip; raw deflate the other way. */
    @Test
    void statefulStreamsBothWays() throws Exception {
        try (Rig rig = new Rig("hisi_qm_v3", 8192, 4, false)) {
            byte[] plain = text(300_000, 2);
            int chunk = 40_000;
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            DmaBuffer dst = rig.zip.dma().take(1 << 17);
            try (ZipSession s = rig.zip.openSession(ZipAlg.GZIP, true, true, 15)) {
                int off = 0;
                boolean end = false;
                while (!end) {
                    int n = Math.min(chunk, plain.length - off);
                    DmaBuffer src = rig.put(java.util.Arrays.copyOfRange(plain, off, off + n));
                    ZipResult r = s.run(src, 0, n, dst, 0, dst.size(), off + n == plain.length);
                    assertTrue(r.ok(), r.toString());
                    byte[] out = new byte[r.produced()];
                    dst.buffer().get(0, out);
                    gz.write(out);
                    off += r.consumed();
                    end = r.streamEnd();
                    rig.zip.dma().give(src);
                }
            }
            byte[] back = new GZIPInputStream(new ByteArrayInputStream(gz.toByteArray())).readAllBytes();
            assertArrayEquals(plain, back);

            byte[] raw = jdkDeflate(plain, 1, true);
            ByteArrayOutputStream inflated = new ByteArrayOutputStream();
            try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, false, true, 15)) {
                int off = 0;
                boolean end = false;
                while (!end) {
                    int n = Math.min(17_000, raw.length - off);
                    DmaBuffer src = rig.put(java.util.Arrays.copyOfRange(raw, off, off + n));
                    ZipResult r = s.run(src, 0, n, dst, 0, 50_000, off + n == raw.length);
                    assertTrue(r.ok(), r.toString());
                    byte[] out = new byte[r.produced()];
                    dst.buffer().get(0, out);
                    inflated.write(out);
                    off += r.consumed();
                    end = r.streamEnd();
                    rig.zip.dma().give(src);
                }
            }
            assertArrayEquals(plain, inflated.toByteArray());
        }
    }

    /** Many requests in flight on one mapped queue (v1 doorbell format at 0x340 of a one-page MMIO). */
    @Test
    void asyncRequestsOnAV1Queue() throws Exception {
        try (Rig rig = new Rig("hisi_qm_v1", 4096, 2, true)) {
            int n = 300;
            List<byte[]> plains = new ArrayList<>();
            List<DmaBuffer> dsts = new ArrayList<>();
            List<CompletableFuture<ZipResult>> futures = new ArrayList<>();
            try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, false, false, 15)) {
                for (int i = 0; i < n; i++) {
                    byte[] p = text(500 + i * 13, 100 + i);
                    plains.add(p);
                    byte[] c = jdkDeflate(p, 1 + i % 9, true);
                    DmaBuffer d = rig.zip.dma().take(8192);
                    dsts.add(d);
                    futures.add(s.runAsync(rig.put(c), 0, c.length, d, 0, 8192, true));
                }
                for (int i = 0; i < n; i++) {
                    ZipResult r = futures.get(i).get(60, TimeUnit.SECONDS);
                    assertTrue(r.streamEnd(), "request " + i + ": " + r);
                    byte[] out = new byte[r.produced()];
                    dsts.get(i).buffer().get(0, out);
                    assertArrayEquals(plains.get(i), out, "request " + i);
                }
            }
            HisiQp qp = rig.zip.pool(false).snapshot()[0];
            assertEquals(n, qp.completedCount());
        }
    }

    /** open, mmap DUS, mmap MMIO, SET_QP_CTX, SET_QP_INFO, START_Q ... PUT_Q, close; all unmapped after. */
    @Test
    void kernelOrderAndCleanup() throws Exception {
        Rig rig = new Rig("hisi_qm_v2", 8192, 4, true);
        try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, true, false, 15)) {
            byte[] plain = text(5000, 3);
            DmaBuffer dst = rig.zip.dma().take(8192);
            ZipResult r = s.run(rig.put(plain), 0, plain.length, dst, 0, 8192, true);
            byte[] out = new byte[r.produced()];
            dst.buffer().get(0, out);
            assertArrayEquals(plain, jdkInflate(out, true));
        }
        assertEquals(2, rig.kernel.liveMappings.get());
        assertEquals(3, rig.hardware.availableInstances());
        rig.close();
        assertEquals(1, rig.kernel.calls.size());
        List<String> calls = rig.kernel.calls.values().iterator().next();
        assertEquals(List.of("open", "mmap DUS", "mmap MMIO", "SET_QP_CTX", "SET_QP_INFO", "START_Q", "PUT_Q", "close"),
                calls);
        assertEquals(List.of(Uapi.O_RDWR | Uapi.O_CLOEXEC), rig.kernel.openFlags);
        assertEquals(0, rig.kernel.liveMappings.get(), "every region unmapped");
        assertEquals(0, rig.kernel.openQueues());
        assertEquals(4, rig.hardware.availableInstances(), "every hardware queue released");
        assertEquals(0, rig.iommu.size(), "every SVA buffer unshared");
    }

    @Test
    void openFailuresOfTheDevice() throws IOException {
        try (Rig rig = new Rig("hisi_qm_v2", 8192, 1, true)) {
            QueueChannel first = rig.device.openQueue();
            DeviceException busy = assertThrows(DeviceException.class, rig.device::openQueue);
            assertEquals(Errno.EBUSY, busy.errno());
            assertTrue(busy.getMessage().contains("has no free queue"), busy.getMessage());
            first.close();
            rig.device.openQueue().close(); // the queue came back
            Files.delete(tmp.resolve("dev/hisi_zip-2"));
            DeviceException gone = assertThrows(DeviceException.class, rig.device::openQueue);
            assertEquals(Errno.ENOENT, gone.errno());
            assertTrue(gone.getMessage().startsWith("no device node " + tmp.resolve("dev/hisi_zip-2")),
                    gone.getMessage());
            assertEquals(1, rig.device.availableInstances());
            Files.writeString(tmp.resolve("sys/class/uacce/hisi_zip-2/available_instances"), "5\n");
            assertEquals(5, rig.device.availableInstances(), "read again from sysfs");
        }
    }

    /** A channel whose START fails is closed by HisiQp: nothing stays open or mapped. */
    @Test
    void failedStartLeavesNothingBehind() {
        try (Rig rig = new Rig("hisi_qm_v2", 8192, 2, true)) {
            QueueChannel ch = rig.device.openQueue();
            ch.mapDus();
            // a second DUS mapping is refused (EEXIST), as the kernel refuses it
            DeviceException twice = assertThrows(DeviceException.class, ch::mapDus);
            assertEquals(Errno.EEXIST, twice.errno());
            ch.close();
            QueueChannel noMmio = rig.device.openQueue();
            noMmio.mapDus();
            noMmio.setQpCtx(1);
            DeviceException e = assertThrows(DeviceException.class, noMmio::start); // MMIO not mapped
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("ioctl UACCE_CMD_START_Q on "), e.getMessage());
            noMmio.close();
            assertEquals(0, rig.kernel.openQueues());
            assertEquals(0, rig.kernel.liveMappings.get());
            DeviceException bad = assertThrows(DeviceException.class, () -> new HisiQp(rig.device.openQueue(),
                    "hisi_qm_v2", rig.device.dusSize(), 7, 1_000_000_000L, 0));
            assertEquals(Errno.EINVAL, bad.errno()); // qc_type 7: the (emulated) kernel refuses it
            assertEquals(0, rig.kernel.openQueues(), "HisiQp closed the channel it could not start");
        }
    }
}
