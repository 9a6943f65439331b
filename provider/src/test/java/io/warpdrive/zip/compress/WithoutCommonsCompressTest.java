/*
 * Commons Compress is optional: the provider's gzip and stream classes must load and work when
 * it is not on the class path. A class loader that defines io.warpdrive.* classes itself (from
 * the same class files) and refuses org.apache.commons.compress.* stands in for an application
 * without the dependency; a probe class run inside it uses the streams and reports back.
 */
package io.warpdrive.zip.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class WithoutCommonsCompressTest {
    /** Runs inside the restricted loader; returns what it checked. */
    public static final class Probe implements Callable<String> {
        @Override
        public String call() throws Exception {
            byte[] data = "hello, no commons here ".repeat(1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream o = io.warpdrive.zip.WdStreams.gzipOutputStream(b)) {
                o.write(data);
            }
            byte[] back;
            try (InputStream in = new io.warpdrive.zip.WdGZIPInputStream(new ByteArrayInputStream(b.toByteArray()))) {
                back = in.readAllBytes();
            }
            byte[] again;
            try (io.warpdrive.zip.GzipReader r = io.warpdrive.zip.GzipReader.builder(
                    new ByteArrayInputStream(b.toByteArray())).build()) {
                again = r.readAllBytes();
            }
            if (!java.util.Arrays.equals(data, back) || !java.util.Arrays.equals(data, again)) {
                return "round trip failed";
            }
            try {
                Class.forName("org.apache.commons.compress.compressors.CompressorStreamProvider");
                return "commons compress is visible: the test proves nothing";
            } catch (ClassNotFoundException expected) {
                // as intended
            }
            return "ok " + data.length;
        }
    }

    /** Parent-last for io.warpdrive, refusing Commons Compress, parent-first for the rest. */
    private static final class WithoutCommons extends ClassLoader {
        WithoutCommons(ClassLoader parent) {
            super("without-commons", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("org.apache.commons.compress.")) {
                    throw new ClassNotFoundException(name + " (hidden by the test)");
                }
                if (!name.startsWith("io.warpdrive.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    String path = name.replace('.', '/') + ".class";
                    try (InputStream in = getParent().getResourceAsStream(path)) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    @Test
    void streamsWorkWithoutCommonsCompress() throws Exception {
        ClassLoader loader = new WithoutCommons(getClass().getClassLoader());
        Class<?> probe = loader.loadClass(Probe.class.getName());
        @SuppressWarnings("unchecked")
        Callable<String> p = (Callable<String>) probe.getDeclaredConstructor().newInstance();
        assertEquals("ok 23000", p.call());
    }

    @Test
    void onlyTheCompressPackageNeedsIt() throws Exception {
        ClassLoader loader = new WithoutCommons(getClass().getClassLoader());
        // Defining the provider needs the Commons interface it implements: it fails, and only it
        // (the probe above loaded the rest of the provider).
        assertThrows(NoClassDefFoundError.class, () -> loader.loadClass(WdCompressorStreamProvider.class.getName()));
        assertEquals("io.warpdrive.zip.GzipReader",
                loader.loadClass("io.warpdrive.zip.GzipReader").getName());
    }
}
