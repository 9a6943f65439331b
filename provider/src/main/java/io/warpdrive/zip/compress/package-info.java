/**
 * Apache Commons Compress integration: the compressor names {@code wd-gz}, {@code wd-deflate}
 * and {@code wd-deflate-raw} (a {@link org.apache.commons.compress.compressors.CompressorStreamProvider}
 * registered in META-INF/services), the stream classes behind them, which honour
 * GzipParameters and DeflateParameters, and {@link io.warpdrive.zip.compress.ParallelZip}, which
 * builds ZIP archives with entries compressed in parallel.
 *
 * <p>Commons Compress is an optional dependency of the provider: only this package needs it, and
 * nothing outside it refers to this package, so {@code io.warpdrive.zip} works without it.
 */
package io.warpdrive.zip.compress;
