/*
 * GzipTool: what `wdzip` does with files, with GNU gzip's behaviour as the specification:
 * the same output names and suffix rules, the same refusals (directories, special files, links,
 * existing outputs, terminals), the same messages (program name aside) and exit statuses
 * (0 ok, 1 error, 2 warning; an error outranks a warning), and the same header fields (file
 * name, mtime, XFL, OS = Unix). Messages were taken from running gzip 1.12, not from its code.
 *
 * Design: the logic is independent of picocli (Wdzip parses the command line into Options) and
 * of System.in/out/err, so tests drive it directly. Outputs are written to a temporary file in
 * the target directory and renamed into place only when complete; temporary files still
 * registered when the JVM exits (an interrupt, a kill) are deleted by a shutdown hook. So no
 * half-written output file is ever left under its final name.
 */
package io.warpdrive.samples;

import io.warpdrive.zip.GzipException;
import io.warpdrive.zip.GzipHeader;
import io.warpdrive.zip.GzipReader;
import io.warpdrive.zip.WdGZIPOutputStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;

final class GzipTool {
    static final int OK = 0;
    static final int ERROR = 1;
    static final int WARNING = 2;

    /** Read and write in pieces of this size. */
    private static final int CHUNK = 128 * 1024;

    /** What the command line asked for. */
    static final class Options {
        boolean decompress;
        boolean stdout;
        boolean keep;
        boolean force;
        boolean test;
        boolean list;
        /** Store (compress) or restore (decompress) the name and time stamp; null = gzip's default per direction. */
        Boolean name;
        int verbosity; // -1 quiet, 0 normal, 1 verbose
        int level = 6;
        String suffix = ".gz";
        List<String> files = new ArrayList<>();
    }

    /** Where the tool reads and writes; System's by default, byte arrays in tests. */
    static final class Io {
        final InputStream stdin;
        final OutputStream stdout;
        final PrintStream stderr;
        final boolean stdinIsTerminal;
        final boolean stdoutIsTerminal;

        Io(InputStream stdin, OutputStream stdout, PrintStream stderr, boolean stdinIsTerminal,
                boolean stdoutIsTerminal) {
            this.stdin = stdin;
            this.stdout = stdout;
            this.stderr = stderr;
            this.stdinIsTerminal = stdinIsTerminal;
            this.stdoutIsTerminal = stdoutIsTerminal;
        }
    }

    /** Temporary outputs not yet renamed into place; the shutdown hook deletes them. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // exiting anyway
                }
            }
        }, "wdzip-cleanup"));
    }

    private final String prog;
    private final Options o;
    private final Io io;
    private int status = OK;

    GzipTool(String prog, Options options, Io io) {
        this.prog = prog;
        this.o = options;
        this.io = io;
    }

    /** Processes every operand; returns the exit status. */
    int run() {
        if (o.list) {
            return list();
        }
        List<String> files = o.files.isEmpty() ? List.of("-") : o.files;
        if (o.suffix.isEmpty() && !o.decompress) {
            io.stderr.println(prog + ": invalid suffix ''");
            return ERROR;
        }
        for (String f : files) {
            if (f.equals("-")) {
                stdin();
            } else if (o.decompress || o.test) {
                decompressFile(f);
            } else {
                compressFile(f);
            }
        }
        try {
            io.stdout.flush();
        } catch (IOException e) {
            error(prog + ": stdout: " + reason(e));
        }
        return status;
    }

    // ---------------------------------------------------------------- stdin / stdout

    private void stdin() {
        boolean dec = o.decompress || o.test;
        if (!o.force && !o.test && (dec ? io.stdinIsTerminal : io.stdoutIsTerminal)) {
            io.stderr.println(prog + ": compressed data not " + (dec ? "read from" : "written to")
                    + " a terminal. Use -f to force " + (dec ? "decompression" : "compression") + ".");
            io.stderr.println("For help, type: " + prog + " -h");
            status(ERROR);
            return;
        }
        try {
            if (dec) {
                decode(io.stdin, o.test ? OutputStream.nullOutputStream() : io.stdout, "stdin");
            } else {
                Counted c = encode(io.stdin, io.stdout, GzipHeader.builder().os(GzipHeader.OS_UNIX)
                        .xfl(GzipHeader.xflForLevel(o.level)).build());
                if (o.verbosity > 0) {
                    io.stderr.println(ratio(c.in, c.deflated) + "");
                }
            }
        } catch (Failure f) {
            report(f, "stdin");
        } catch (IOException e) {
            error(prog + ": stdin: " + reason(e));
        }
    }

    // ---------------------------------------------------------------- compression

    private void compressFile(String name) {
        Path in = Path.of(name);
        if (!checkInput(in, name)) {
            return;
        }
        String suffix = suffixOf(name);
        if (!o.stdout && suffix != null) {
            warnQuietly(prog + ": " + name + " already has " + suffix + " suffix -- unchanged");
            return;
        }
        GzipHeader header = fileHeader(in, name);
        if (o.stdout) {
            try (InputStream src = Files.newInputStream(in)) {
                Counted c = encode(src, io.stdout, header);
                verbose(name + ":\t" + ratio(c.in, c.deflated));
            } catch (IOException e) {
                error(prog + ": " + name + ": " + reason(e));
            }
            return;
        }
        Path out = Path.of(name + o.suffix);
        if (!checkOutput(out)) {
            return;
        }
        Path tmp = null;
        try {
            tmp = temporary(out);
            Counted c;
            try (InputStream src = Files.newInputStream(in); OutputStream dst = Files.newOutputStream(tmp)) {
                c = encode(src, dst, header);
            }
            finish(in, tmp, out);
            tmp = null;
            verbose(name + ":\t" + ratio(c.in, c.deflated) + " -- " + (o.keep ? "created " : "replaced with ") + out);
        } catch (IOException e) {
            error(prog + ": " + name + ": " + reason(e));
        } finally {
            discard(tmp);
        }
    }

    /** gzip stores the base name and the time stamp of a file unless -n. */
    private GzipHeader fileHeader(Path in, String name) {
        GzipHeader.Builder b = GzipHeader.builder().os(GzipHeader.OS_UNIX).xfl(GzipHeader.xflForLevel(o.level));
        if (o.name == null || o.name) {
            Path base = in.getFileName();
            if (base != null) {
                b.nameBytes(base.toString().getBytes(StandardCharsets.UTF_8));
            }
            try {
                long t = Files.getLastModifiedTime(in).toMillis() / 1000;
                if (t > 0 && t <= 0xffffffffL) {
                    b.mtime(t);
                }
            } catch (IOException e) {
                // no time stamp then
            }
        }
        return b.build();
    }

    /** Bytes in and deflate bytes out (header and trailer excluded), for the ratio gzip prints. */
    private static final class Counted {
        long in;
        long deflated;
    }

    private Counted encode(InputStream src, OutputStream dst, GzipHeader header) throws IOException {
        CountingOut counting = new CountingOut(dst);
        Counted c = new Counted();
        byte[] buf = new byte[CHUNK];
        try (WdGZIPOutputStream gz = new WdGZIPOutputStream(new NoClose(counting), 64 * 1024, false, o.level,
                header)) {
            int n;
            while ((n = src.read(buf)) >= 0) {
                gz.write(buf, 0, n);
                c.in += n;
            }
        }
        c.deflated = counting.count - header.size() - 8;
        return c;
    }

    // ---------------------------------------------------------------- decompression

    private void decompressFile(String name) {
        Path in = Path.of(name);
        if (!Files.exists(in, LinkOption.NOFOLLOW_LINKS) && suffixOf(name) == null
                && Files.exists(Path.of(name + o.suffix))) {
            name = name + o.suffix; // gzip -d foo finds foo.gz
            in = Path.of(name);
        }
        if (!checkInput(in, name)) {
            return;
        }
        String stripped = strip(name);
        if (stripped == null && !o.stdout && !o.test) {
            warn(prog + ": " + name + ": unknown suffix -- ignored");
            return;
        }
        if (o.stdout || o.test) {
            try (InputStream src = Files.newInputStream(in)) {
                long[] sizes = decode(src, o.test ? OutputStream.nullOutputStream() : io.stdout, name);
                if (o.test) {
                    verbose(name + ":\t OK");
                } else if (sizes != null) {
                    verbose(name + ":\t" + ratio(sizes[1], sizes[0]));
                }
            } catch (Failure f) {
                report(f, name);
            } catch (IOException e) {
                error(prog + ": " + name + ": " + reason(e));
            }
            return;
        }
        Path tmp = null;
        Path out = Path.of(stripped);
        try {
            // The name comes from the header with -N: peek at it before choosing the output.
            GzipHeader first;
            try (GzipReader peek = GzipReader.builder(Files.newInputStream(in)).strict(true).build()) {
                first = peek.readFirstHeader();
            } catch (GzipException | EOFException e) {
                throw new Failure(e);
            }
            if (Boolean.TRUE.equals(o.name) && first.nameBytes() != null) {
                String stored = first.name(StandardCharsets.UTF_8);
                String base = Path.of(stored.replace('\\', '/')).getFileName() == null ? null
                        : Path.of(stored.replace('\\', '/')).getFileName().toString();
                if (base != null && !base.isEmpty() && !base.equals("..") && !base.equals(".")) {
                    Path parent = in.toAbsolutePath().getParent();
                    out = parent.resolve(base);
                }
            }
            if (!checkOutput(out)) {
                return;
            }
            tmp = temporary(out);
            long[] sizes;
            try (InputStream src = Files.newInputStream(in); OutputStream dst = Files.newOutputStream(tmp)) {
                sizes = decode(src, dst, name);
            }
            finish(in, tmp, out);
            if (Boolean.TRUE.equals(o.name) && first.mtime() != 0) {
                Files.setLastModifiedTime(out, FileTime.fromMillis(first.mtime() * 1000));
            }
            tmp = null;
            if (sizes != null) {
                verbose(name + ":\t" + ratio(sizes[1], sizes[0]) + " -- " + (o.keep ? "created " : "replaced with ")
                        + out);
            }
        } catch (Failure f) {
            report(f, name);
        } catch (IOException e) {
            error(prog + ": " + name + ": " + reason(e));
        } finally {
            discard(tmp);
        }
    }

    /** A decoding failure to report in gzip's words. */
    private static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;

        Failure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Decodes all members from src to dst. Returns {compressed bytes, uncompressed bytes}, or
     * null when the data was passed through (-dcf on data that is not gzip).
     */
    private long[] decode(InputStream src, OutputStream dst, String name) throws IOException {
        InputStream in = new NoCloseIn(src);
        if (o.force && o.stdout && !o.test) {
            // -dcf: data that is not gzip is copied through unchanged, as gzip does.
            BufferedInputStream b = new BufferedInputStream(in, CHUNK);
            b.mark(2);
            int b0 = b.read();
            int b1 = b.read();
            b.reset();
            if (b0 != 0x1f || b1 != 0x8b) {
                b.transferTo(dst);
                return null;
            }
            in = b;
        }
        byte[] buf = new byte[CHUNK];
        try (GzipReader r = GzipReader.builder(in).strict(true).bufferSize(64 * 1024).build()) {
            int n;
            while (true) {
                try {
                    n = r.read(buf);
                } catch (GzipException | EOFException e) {
                    throw new Failure(e);
                }
                if (n < 0) {
                    break;
                }
                dst.write(buf, 0, n);
            }
            if (r.trailing() == GzipReader.Trailing.GARBAGE) {
                warn("\n" + prog + ": " + name + ": decompression OK, trailing garbage ignored");
            }
            return new long[] {r.compressedCount(), r.uncompressedCount()};
        }
    }

    private void report(Failure f, String name) {
        Throwable c = f.getCause();
        String where = prog + ": " + name;
        if (c instanceof EOFException) {
            error("\n" + where + ": unexpected end of file");
        } else if (c instanceof GzipException) {
            GzipException g = (GzipException) c;
            switch (g.reason()) {
                case NOT_GZIP:
                    error("\n" + where + ": not in gzip format");
                    break;
                case METHOD:
                    error(where + ": unknown method " + g.found() + " -- not supported");
                    break;
                case FLAGS:
                    error((g.found() & 0x20) != 0 ? where + " is encrypted -- not supported"
                            : where + " has flags 0x" + Long.toHexString(g.found()) + " -- not supported");
                    break;
                case HEADER_CRC:
                    error(String.format(Locale.ROOT, "%s: header checksum 0x%04x != computed checksum 0x%04x", where,
                            g.found(), g.computed()));
                    break;
                case CRC:
                    error("\n" + where + ": invalid compressed data--crc error");
                    break;
                case LENGTH:
                    error("\n" + where + ": invalid compressed data--length error");
                    break;
                default:
                    error("\n" + where + ": invalid compressed data--format violated");
                    break;
            }
        } else {
            error(where + ": " + reason(f));
        }
    }

    /** Suffixes gzip recognises besides the -S one; the last two stand for .tar.gz. */
    private static final String[] SUFFIXES = {".gz", "-gz", ".z", "-z", "_z", ".tgz", ".taz"};

    /** The compressed-file suffix {@code name} ends with (-S first, then gzip's), or null. */
    private String suffixOf(String name) {
        if (!o.suffix.isEmpty() && name.endsWith(o.suffix) && name.length() > o.suffix.length()) {
            return o.suffix;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String s : SUFFIXES) {
            if (lower.endsWith(s) && name.length() > s.length()) {
                return name.substring(name.length() - s.length());
            }
        }
        return null;
    }

    /** The output name of decompressing {@code name}: suffix removed, .tgz → .tar; null if no known suffix. */
    private String strip(String name) {
        String s = suffixOf(name);
        if (s == null) {
            return null;
        }
        String base = name.substring(0, name.length() - s.length());
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.equals(".tgz") || lower.equals(".taz") ? base + ".tar" : base;
    }

    // ---------------------------------------------------------------- -l

    private int list() {
        List<String> files = o.files.isEmpty() ? List.of("-") : o.files;
        io.stderr.flush();
        PrintStream out = new PrintStream(io.stdout, true, StandardCharsets.UTF_8);
        out.printf(Locale.ROOT, "%19s %19s %6s %s%n", "compressed", "uncompressed", "ratio", "uncompressed_name");
        for (String f : files) {
            try (InputStream src = f.equals("-") ? new NoCloseIn(io.stdin) : Files.newInputStream(Path.of(f));
                    GzipReader r = GzipReader.builder(src).strict(true).build()) {
                r.transferTo(OutputStream.nullOutputStream());
                String name = f.equals("-") ? "stdout" : strip(f) != null ? strip(f) : f;
                out.printf(Locale.ROOT, "%19d %19d %s %s%n", r.compressedCount(), r.uncompressedCount(),
                        ratio(r.uncompressedCount(), r.compressedCount()), name);
            } catch (GzipException | EOFException e) {
                report(new Failure(e), f);
            } catch (IOException e) {
                error(prog + ": " + f + ": " + reason(e));
            }
        }
        return status;
    }

    // ---------------------------------------------------------------- files

    /** gzip's refusals for an input operand; false (reported) if it is not to be processed. */
    private boolean checkInput(Path in, String name) {
        if (Files.isSymbolicLink(in) && !o.force && !o.stdout) {
            error(prog + ": " + name + ": Too many levels of symbolic links");
            return false;
        }
        if (!Files.exists(in)) {
            error(prog + ": " + name + ": No such file or directory");
            return false;
        }
        if (Files.isDirectory(in)) {
            warn(prog + ": " + name + " is a directory -- ignored");
            return false;
        }
        if (!Files.isRegularFile(in)) {
            warn(prog + ": " + name + " is not a directory or a regular file - ignored");
            return false;
        }
        if (!o.stdout && !o.test && !o.force) {
            int links = links(in);
            if (links > 1) {
                warn(prog + ": " + name + " has " + (links - 1) + " other link" + (links > 2 ? "s" : "")
                        + " -- file ignored");
                return false;
            }
        }
        return true;
    }

    private static int links(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:nlink")).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 1;
        }
    }

    private boolean checkOutput(Path out) {
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !o.force) {
            warn(prog + ": " + out + " already exists;\tnot overwritten");
            return false;
        }
        return true;
    }

    /** A registered temporary file next to the output. */
    private static Path temporary(Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + out.getFileName() + ".", ".wdzip-tmp");
        PENDING.add(tmp);
        return tmp;
    }

    /** Gives the output the input's times and permissions, moves it into place, removes the input. */
    private void finish(Path in, Path tmp, Path out) throws IOException {
        try {
            Files.setLastModifiedTime(tmp, Files.getLastModifiedTime(in));
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(in);
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or not ours to change: gzip carries on too
        }
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        }
        PENDING.remove(tmp);
        if (!o.keep) {
            Files.delete(in);
        }
    }

    private static void discard(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // the shutdown hook tries again
            }
            PENDING.remove(tmp);
        }
    }

    // ---------------------------------------------------------------- messages

    /** gzip's ratio: the part of the input saved, "%5.1f%%". */
    static String ratio(long in, long out) {
        double r = in == 0 ? 0 : 100.0 * (in - out) / in;
        return String.format(Locale.ROOT, "%5.1f%%", r);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private void verbose(String line) {
        if (o.verbosity > 0) {
            io.stderr.println(line);
        }
    }

    private void error(String line) {
        io.stderr.println(line);
        status(ERROR);
    }

    private void warn(String line) {
        if (o.verbosity >= 0) {
            io.stderr.println(line);
        }
        status(WARNING);
    }

    /** A warning gzip prints (unless -q) without changing the exit status. */
    private void warnQuietly(String line) {
        if (o.verbosity >= 0) {
            io.stderr.println(line);
        }
    }

    private void status(int s) {
        if (s == ERROR || status == OK) {
            status = s;
        }
    }

    // ---------------------------------------------------------------- stream helpers

    private static final class CountingOut extends OutputStream {
        final OutputStream out;
        long count;

        CountingOut(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    /** Keeps stdout open when the gzip stream is closed. */
    private static final class NoClose extends OutputStream {
        final OutputStream out;

        NoClose(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    /** Keeps stdin open when the reader is closed. */
    private static final class NoCloseIn extends FilterInputStream {
        NoCloseIn(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() {
        }
    }
}
