package io.warpdrive.accel.uacce;

/**
 * Linux errno names (asm-generic numbering, shared by x86_64 and arm64) so that failures read
 * "ENOTTY (Inappropriate ioctl for device)", not a bare number.
 */
final class Errno {
    private Errno() {
    }

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int EINVAL = 22;
    static final int EMFILE = 24;
    static final int ENOTTY = 25;
    static final int EROFS = 30;
    static final int ENOSYS = 38;
    static final int EOPNOTSUPP = 95;
    static final int ETIMEDOUT = 110;

    private static final String[] NAMES = new String[134];

    static {
        String[] n = {
            "1 EPERM", "2 ENOENT", "3 ESRCH", "4 EINTR", "5 EIO", "6 ENXIO", "7 E2BIG", "8 ENOEXEC", "9 EBADF",
            "10 ECHILD", "11 EAGAIN", "12 ENOMEM", "13 EACCES", "14 EFAULT", "15 ENOTBLK", "16 EBUSY", "17 EEXIST",
            "18 EXDEV", "19 ENODEV", "20 ENOTDIR", "21 EISDIR", "22 EINVAL", "23 ENFILE", "24 EMFILE", "25 ENOTTY",
            "26 ETXTBSY", "27 EFBIG", "28 ENOSPC", "29 ESPIPE", "30 EROFS", "31 EMLINK", "32 EPIPE", "33 EDOM",
            "34 ERANGE", "35 EDEADLK", "36 ENAMETOOLONG", "37 ENOLCK", "38 ENOSYS", "39 ENOTEMPTY", "40 ELOOP",
            "61 ENODATA", "62 ETIME", "75 EOVERFLOW", "95 EOPNOTSUPP", "110 ETIMEDOUT", "125 ECANCELED",
        };
        for (String s : n) {
            int sp = s.indexOf(' ');
            NAMES[Integer.parseInt(s.substring(0, sp))] = s.substring(sp + 1);
        }
    }

    /** The symbolic name, or "errno N" for one not in the table. */
    static String name(int errno) {
        return errno > 0 && errno < NAMES.length && NAMES[errno] != null ? NAMES[errno] : "errno " + errno;
    }

    /** "ENOTTY (Inappropriate ioctl for device)", the text from the C library when it is loaded. */
    static String describe(int errno) {
        String text = Native.strerror(errno);
        return text == null || text.isEmpty() ? name(errno) : name(errno) + " (" + text + ")";
    }
}
