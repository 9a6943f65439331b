package io.warpdrive.accel.device;

/**
 * hisi_qm's {@code struct hisi_qp_info} as SET_QP_INFO returns it: descriptor size and ring depths.
 *
 * @param sqeSize bytes per submission entry (128 for hisi_zip)
 * @param sqDepth submission ring entries (1024)
 * @param cqDepth completion ring entries (1024)
 */
public record QpInfo(int sqeSize, int sqDepth, int cqDepth) {
    /** What hisi_zip reports, and what UADK assumes when the ioctl is missing. */
    public static final QpInfo ZIP = new QpInfo(128, 1024, 1024);

    public QpInfo {
        if (sqeSize <= 0 || sqDepth < 2 || cqDepth < 2 || sqDepth > 65536 || cqDepth > 65536) {
            throw new IllegalArgumentException("bad queue geometry " + sqeSize + "/" + sqDepth + "/" + cqDepth);
        }
    }
}
