package io.warpdrive.accel.uacce;

import java.nio.ByteBuffer;
import jnr.ffi.Pointer;

/**
 * The kernel side of uacce as {@link UacceQueue} and {@link UacceNodeDevice} reach it: the
 * system calls on a queue file, kernel style (a result, or {@code -errno}). {@link LibcKernel}
 * makes the real calls; a test puts an emulated uacce driver behind the same calls (real memfd
 * mappings, emulated ioctls), so the queue code above it is the code that runs on hardware.
 *
 * <p>Two calls exist for emulation only and do nothing on a real system: a register store
 * reaches real hardware by itself, and under SVA the device already shares the page table.
 */
interface UacceKernel {
    /** open(2); the fd or -errno. */
    int open(String path, int flags);

    /** close(2); 0 or -errno. */
    int close(int fd);

    /** ioctl(2) with a pointer argument; the result (>= 0) or -errno. */
    int ioctl(int fd, int cmd, Pointer arg);

    /** mmap(2) of {@code length} bytes, read/write, shared, at {@code offset}; the address or -errno. */
    long mmap(int fd, long length, long offset);

    /** munmap(2); 0 or -errno. */
    int munmap(long address, long length);

    /** poll(2) of one fd; the revents (0 on timeout) or -errno. */
    int poll(int fd, short events, int timeoutMillis);

    /** Page size: region offsets are region type times this. */
    int pageSize();

    /** A 64-bit store landed in the MMIO mapping of queue {@code fd} at {@code offset}. */
    default void registerStored(int fd, int offset, long value) {
    }

    /** Native memory the device will be given addresses in (shared virtual addressing). */
    default void svaShare(long address, ByteBuffer memory) {
    }

    /** That memory is going away. */
    default void svaUnshare(long address) {
    }
}
