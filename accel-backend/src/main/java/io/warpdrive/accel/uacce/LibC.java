package io.warpdrive.accel.uacce;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.annotations.Variadic;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;

/**
 * The C library calls a uacce queue needs, bound by jnr-ffi. Public only because jnr-ffi
 * generates the implementation in its own class loader; use {@link Native} and
 * {@link LibcKernel}, which add errno capture and checks.
 *
 * <p>Every call that can fail saves errno ({@link SaveError}): the JVM runs code of its own
 * between a native call and the next Java statement, so errno must be captured by the stub.
 * Addresses are Java longs (LP64: x86_64 and arm64 Linux).
 */
public interface LibC {
    @SaveError
    int open(String path, int flags);

    @SaveError
    int close(int fd);

    /**
     * ioctl is variadic in C. On the two LP64 ABIs this runs on, a pointer in the variadic
     * position travels in the same register as a fixed one, but the annotation keeps jnr-ffi
     * honest about it (x86_64 also wants the vector-register count in al).
     */
    @SaveError
    @Variadic(fixedCount = 2)
    int ioctl(int fd, long request, Pointer arg);

    /**
     * Declared with Pointer for the address: jnr-ffi 2.2.17's generated x86_64 stub passes a
     * garbage sixth argument when mmap returns a long (glibc then fails the unaligned offset
     * with EINVAL before any system call); the Pointer form takes another call path that works.
     * MAP_FAILED comes back as a Pointer at address -1.
     */
    @SaveError
    Pointer mmap(Pointer addr, @size_t long length, int prot, int flags, int fd, @off_t long offset);

    @SaveError
    int munmap(long addr, @size_t long length);

    /** {@code struct pollfd[nfds]} at {@code fds}: int fd, short events, short revents. */
    @SaveError
    int poll(Pointer fds, long nfds, int timeoutMillis);

    /** Linux memfd (glibc 2.27+): anonymous shared memory with a file descriptor, for tests. */
    @SaveError
    int memfd_create(String name, int flags);

    @SaveError
    int ftruncate(int fd, @off_t long length);

    String strerror(int errnum);

    int getpagesize();

    /** The CPU this thread runs on now, or -1 (NUMA locality when choosing a device). */
    @SaveError
    int sched_getcpu();
}
