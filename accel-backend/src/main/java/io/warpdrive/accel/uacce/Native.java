package io.warpdrive.accel.uacce;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * The C library, loaded on first use and never before: a process that runs the soft or emulated
 * backend, or discovers that there is no uacce class at all, never loads native code.
 *
 * <p>Also the two things jnr-ffi's Pointer cannot do: a direct ByteBuffer over a native address
 * (for VarHandle access to mapped regions) and the address of a direct buffer. Both come from
 * jffi, the JNI layer jnr-ffi is built on.
 *
 * <p>Thread-safe.
 */
final class Native {
    private Native() {
    }

    /** Lazy holder: the JVM runs this once, on the first call that needs libc. */
    private static final class Lib {
        static final LibC LIBC;
        static final Runtime RUNTIME;
        static final String PROBLEM;

        static {
            LibC lib = null;
            Runtime rt = null;
            String problem = null;
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (!os.startsWith("linux")) {
                problem = "uacce exists only on Linux (this is " + System.getProperty("os.name") + ")";
            } else {
                try {
                    lib = LibraryLoader.create(LibC.class).load("c");
                    rt = Runtime.getRuntime(lib);
                } catch (RuntimeException | LinkageError e) {
                    problem = "cannot load the C library through jnr-ffi: " + e;
                    lib = null;
                }
            }
            LIBC = lib;
            RUNTIME = rt;
            PROBLEM = problem;
        }
    }

    /** Why native calls cannot be made here, or null if they can. */
    static String problem() {
        return Lib.PROBLEM;
    }

    /**
     * @throws UacceUnavailableException if libc cannot be loaded
     */
    static LibC libc() {
        if (Lib.LIBC == null) {
            throw new UacceUnavailableException(Lib.PROBLEM);
        }
        return Lib.LIBC;
    }

    static Runtime runtime() {
        libc();
        return Lib.RUNTIME;
    }

    /** errno saved by the last {@code @SaveError} call of this thread. */
    static int errno() {
        return LastError.getLastError(runtime());
    }

    /** strerror text, or null when libc is not loadable (messages then carry the name only). */
    static String strerror(int errno) {
        if (Lib.LIBC == null) {
            return null;
        }
        try {
            return Lib.LIBC.strerror(errno);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static int pageSize() {
        return libc().getpagesize();
    }

    /** Zeroed native memory for an ioctl argument (freed when the Pointer is collected). */
    static Pointer allocate(int size) {
        return Memory.allocateDirect(runtime(), size, true);
    }

    /**
     * A little-endian direct buffer over {@code size} bytes at {@code address}. The buffer does
     * not own the memory: using it after the memory is unmapped crashes the JVM, so owners keep
     * every view away from other threads before they unmap.
     */
    static ByteBuffer view(long address, int size) {
        libc();
        return MemoryIO.getInstance().newDirectByteBuffer(address, size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The native address of byte 0 of a direct buffer. */
    static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        libc();
        return MemoryIO.getInstance().getDirectBufferAddress(direct);
    }
}
