package io.warpdrive.accel.queue;

/**
 * The outcome of one request as the driver checked it.
 *
 * @param status dw3 7:0 (see the ZipSqe ST_ constants; anything but ok, 0x0D and 0x13 is an error)
 * @param consumed input bytes used (at most the input length)
 * @param produced output bytes written, the driver-written header included (at most the capacity)
 * @param streamEnd the end of the stream was reached (decompression: status 0x13 with lstblk;
 *     compression: a FINISH request that consumed all its input)
 * @param checksum dw31 after the request: running Adler-32 (zlib) or CRC (gzip)
 * @param isize dw30 after the request
 */
public record ZipResult(int status, int consumed, int produced, boolean streamEnd, int checksum, int isize) {
    /** True unless the device reported an error status. */
    public boolean ok() {
        return ZipSqe.isSuccess(status) || status == ZipSqe.ST_OUT_TOO_SMALL;
    }
}
