/*
 * GZIPInputStream on the subject: the JDK parses the header in the constructor with its own
 * inflater, which is ended and replaced through the protected field, as the contract allows.
 * close() then ends the subject (GZIPInputStream marks its inflater as its own).
 */
package io.warpdrive.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** A GZIPInputStream whose inflater is {@link Inflaters#wd}. */
final class WdGzipInputStream extends GZIPInputStream {
    WdGzipInputStream(InputStream in, int size) throws IOException {
        super(in, size);
        inf.end();
        inf = Inflaters.wd(true);
    }
}
