package io.warpdrive.accel.uacce;

import jnr.ffi.Pointer;

/**
 * {@link UacceKernel} over the real system calls (jnr-ffi), errno captured by the call stubs.
 *
 * <p>Thread-safe: stateless except for a per-thread pollfd.
 */
final class LibcKernel implements UacceKernel {
    static final LibcKernel INSTANCE = new LibcKernel();

    /** One struct pollfd per thread (8 bytes); poll runs on the waiting thread. */
    private final ThreadLocal<Pointer> pollfd = ThreadLocal.withInitial(() -> Native.allocate(8));

    private LibcKernel() {
    }

    private static int result(int r) {
        return r < 0 ? -Native.errno() : r;
    }

    @Override
    public int open(String path, int flags) {
        return result(Native.libc().open(path, flags));
    }

    @Override
    public int close(int fd) {
        return result(Native.libc().close(fd));
    }

    @Override
    public int ioctl(int fd, int cmd, Pointer arg) {
        // request is unsigned long in C; the kernel keeps its low 32 bits
        return result(Native.libc().ioctl(fd, cmd & 0xFFFF_FFFFL, arg));
    }

    @Override
    public long mmap(int fd, long length, long offset) {
        Pointer p = Native.libc().mmap(null, length, Uapi.PROT_READ | Uapi.PROT_WRITE, Uapi.MAP_SHARED, fd, offset);
        // MAP_FAILED is (void *) -1; user addresses are below 2^63 on x86_64 and arm64
        long a = p == null ? 0 : p.address();
        return a == -1 || a == 0 ? -Native.errno() : a;
    }

    @Override
    public int munmap(long address, long length) {
        return result(Native.libc().munmap(address, length));
    }

    @Override
    public int poll(int fd, short events, int timeoutMillis) {
        Pointer p = pollfd.get();
        p.putInt(0, fd);
        p.putShort(4, events);
        p.putShort(6, (short) 0);
        int n = Native.libc().poll(p, 1, timeoutMillis);
        if (n < 0) {
            return -Native.errno();
        }
        return n == 0 ? 0 : p.getShort(6) & 0xffff;
    }

    @Override
    public int pageSize() {
        return Native.pageSize();
    }
}
