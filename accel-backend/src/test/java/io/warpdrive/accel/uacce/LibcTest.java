package io.warpdrive.accel.uacce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.accel.device.DeviceException;
import io.warpdrive.accel.device.QpInfo;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jnr-ffi layer against real system calls: mmap of a memfd seen through two mappings,
 * ioctl on files that are not uacce queues, open errors with their errno names, poll.
 */
class LibcTest {
    private static final VarHandle LONG_LE = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final LibcKernel K = LibcKernel.INSTANCE;

    @TempDir
    Path tmp;

    @Test
    void libcLoads() {
        assertNull(Native.problem());
        int page = K.pageSize();
        assertTrue(page >= 4096 && Integer.bitCount(page) == 1, "page size " + page);
        assertEquals("Inappropriate ioctl for device", Native.strerror(Errno.ENOTTY));
        assertEquals("ENOTTY (Inappropriate ioctl for device)", Errno.describe(Errno.ENOTTY));
    }

    private static int memfd(long size) {
        int fd = Native.libc().memfd_create("wd-libc-test", Uapi.MFD_CLOEXEC);
        assertTrue(fd >= 0, "memfd_create: " + Errno.describe(Native.errno()));
        assertEquals(0, Native.libc().ftruncate(fd, size));
        return fd;
    }

    /**
     * A writer publishes 64-bit words through one mapping (payload, full fence, volatile store of
     * a sequence number: the doorbell idiom); a reader on another thread watches a second
     * mapping of the same memfd pages. Every sequence number it sees must come with its payload,
     * and never half of one word (the halves are written together in every value).
     */
    @Test
    void orderedStoresAreSeenThroughASecondMapping() throws Exception {
        int size = 2 * K.pageSize();
        int fd = memfd(size);
        long a = K.mmap(fd, size, 0);
        long b = K.mmap(fd, size, 0);
        assertTrue(a > 0 && b > 0 && a != b, a + " " + b);
        try {
            ByteBuffer wa = Native.view(a, size);
            ByteBuffer rb = Native.view(b, size);
            int rounds = 200_000;
            int flag = K.pageSize(); // the "doorbell" word on the second page
            AtomicReference<String> error = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                long last = 0;
                while (last < rounds && error.get() == null) {
                    long v = (long) LONG_LE.getAcquire(rb, flag);
                    int seq = (int) v;
                    if (v == 0) {
                        // nothing rung yet (the memfd starts zeroed)
                    } else if ((int) (v >>> 32) != ~seq) {
                        error.set("torn doorbell word " + Long.toHexString(v));
                    } else if (seq < last) {
                        error.set("doorbell went back from " + last + " to " + seq);
                    } else if (seq > last) {
                        long payload = rb.getLong((seq % 64) * 8);
                        if (payload < seq) {
                            error.set("doorbell " + seq + " seen before its payload (" + payload + ")");
                        }
                        last = seq;
                    }
                    Thread.onSpinWait();
                }
            });
            reader.start();
            for (int seq = 1; seq <= rounds; seq++) {
                wa.putLong((seq % 64) * 8, seq); // plain stores, like an SQE
                VarHandle.fullFence();
                LONG_LE.setVolatile(wa, flag, (long) ~seq << 32 | (seq & 0xffffffffL));
            }
            reader.join(60_000);
            assertFalse(reader.isAlive(), "reader did not see the last doorbell");
            assertNull(error.get());
            assertEquals(rounds, (int) rb.getLong(flag));
        } finally {
            assertEquals(0, K.munmap(a, size));
            assertEquals(0, K.munmap(b, size));
            assertEquals(0, K.close(fd));
        }
    }

    /** A uacce command on a regular file: the kernel answers ENOTTY, and the queue says so. */
    @Test
    void ioctlOnARegularFileSurfacesEnotty() throws IOException {
        Path f = Files.write(tmp.resolve("not-a-queue"), new byte[16]);
        int fd = K.open(f.toString(), Uapi.O_RDWR | Uapi.O_CLOEXEC);
        assertTrue(fd >= 0);
        assertEquals(-Errno.ENOTTY, K.ioctl(fd, Uapi.UACCE_CMD_START_Q, null));
        assertEquals(-Errno.ENOTTY, K.ioctl(fd, Uapi.UACCE_CMD_QM_SET_QP_CTX, Native.allocate(4)));
        assertEquals(0, K.close(fd));
        assertEquals(-Errno.EBADF, K.close(fd));

        UacceQueue q = UacceQueue.open(K, f.toString(), 8192, 8192);
        DeviceException e = assertThrows(DeviceException.class, () -> q.setQpCtx(1));
        assertEquals(Errno.ENOTTY, e.errno());
        assertTrue(e.getMessage().contains("ioctl UACCE_CMD_QM_SET_QP_CTX (qc_type 1) on " + f + ": ENOTTY"),
                e.getMessage());
        // a kernel without SET_QP_INFO: hisi_zip's documented geometry
        assertEquals(QpInfo.ZIP, q.qpInfo());
        DeviceException s = assertThrows(DeviceException.class, q::start);
        assertEquals(Errno.ENOTTY, s.errno());
        assertTrue(s.getMessage().contains("UACCE_CMD_START_Q"), s.getMessage());
        assertFalse(q.isDead());
        DeviceException p = assertThrows(DeviceException.class, q::put);
        assertTrue(p.getMessage().contains("UACCE_CMD_PUT_Q"), p.getMessage());
        q.close(); // never throws
        q.close();
        assertTrue(q.isDead());
        assertEquals(-Errno.EBADF, K.close(q.fd()), "close(2) ran");
    }

    @Test
    void openErrorsNameTheFileAndTheErrno() throws IOException {
        Path missing = tmp.resolve("dev/hisi_zip-9");
        DeviceException e = assertThrows(DeviceException.class, () -> UacceQueue.open(K, missing.toString(), 8192, 8192));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().startsWith("no device node " + missing), e.getMessage());
        assertTrue(e.getMessage().contains("ENOENT (No such file or directory)"), e.getMessage());

        // a path through a regular file: ENOTDIR, for root too
        Path file = Files.write(tmp.resolve("plain"), new byte[1]);
        DeviceException d = assertThrows(DeviceException.class,
                () -> UacceQueue.open(K, file.resolve("hisi_zip-0").toString(), 8192, 8192));
        assertEquals(Errno.ENOTDIR, d.errno());
        assertTrue(d.getMessage().contains("cannot open " + file.resolve("hisi_zip-0") + ": open: ENOTDIR"),
                d.getMessage());
    }

    /**
     * EACCES. A file without write permission refuses O_RDWR to a normal user. Root overrides
     * file modes, so for root the same open succeeds, and the real EACCES comes from sysfs: an
     * attribute without a store method refuses O_RDWR to everyone (EROFS if /sys is mounted
     * read-only).
     */
    @Test
    void permissionDeniedSaysWhichFileAndWhatPermission() throws IOException {
        Path ro = Files.write(tmp.resolve("hisi_zip-0"), new byte[1]);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));
        if (Files.isWritable(ro)) {
            // root (access(2) agrees with open(2) here): the open succeeds
            int fd = K.open(ro.toString(), Uapi.O_RDWR | Uapi.O_CLOEXEC);
            assertTrue(fd >= 0, "root opens a 0444 file read-write");
            K.close(fd);
            Path attr = Path.of("/sys/devices/system/cpu/online");
            assertTrue(Files.exists(attr), "sysfs is needed for a real EACCES as root");
            DeviceException e = assertThrows(DeviceException.class, () -> UacceQueue.open(K, attr.toString(), 8192, 8192));
            assertTrue(e.errno() == Errno.EACCES || e.errno() == Errno.EROFS, e.getMessage());
            if (e.errno() == Errno.EACCES) {
                assertPermissionMessage(e, attr.toString());
            }
        } else {
            DeviceException e = assertThrows(DeviceException.class, () -> UacceQueue.open(K, ro.toString(), 8192, 8192));
            assertEquals(Errno.EACCES, e.errno());
            assertPermissionMessage(e, ro.toString());
        }
        assertPermissionMessage(UacceQueue.openFailure("/dev/hisi_zip-3", Errno.EACCES), "/dev/hisi_zip-3");
    }

    private static void assertPermissionMessage(DeviceException e, String path) {
        assertTrue(e.getMessage().startsWith("permission denied: " + path + " needs read and write permission"),
                e.getMessage());
        assertTrue(e.getMessage().contains("EACCES (Permission denied)"), e.getMessage());
    }

    @Test
    void pollReportsReadableFilesAndInvalidDescriptors() {
        int fd = memfd(4096);
        assertEquals(Uapi.POLLIN, K.poll(fd, Uapi.POLLIN, 0) & Uapi.POLLIN);
        assertEquals(0, K.close(fd));
        assertEquals(Uapi.POLLNVAL, K.poll(fd, Uapi.POLLIN, 0) & Uapi.POLLNVAL, "closed fd");
    }

    @Test
    void mmapErrorsComeBackAsErrno() {
        int fd = memfd(4096);
        assertEquals(-Errno.EINVAL, K.mmap(fd, 0, 0), "zero length");
        assertEquals(-Errno.EINVAL, K.mmap(fd, 4096, 100), "unaligned offset");
        assertEquals(0, K.close(fd));
        assertEquals(-Errno.EBADF, K.mmap(fd, 4096, 0));
    }

    @Test
    void directBufferAddressesRoundTrip() {
        ByteBuffer b = ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN);
        long addr = Native.address(b);
        ByteBuffer v = Native.view(addr, 64);
        b.putLong(8, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, v.getLong(8)); // same bytes through both views
        assertThrows(IllegalArgumentException.class, () -> Native.address(ByteBuffer.allocate(8)));
    }
}
