package io.warpdrive.accel.uacce;

/**
 * The user-space ABI of uacce and hisi_qm (mainline include/uapi/misc/uacce/{uacce,hisi_qm}.h)
 * and the Linux constants the queue file needs, as literal numbers: a test recomputes each
 * command from the generic _IOC encoding so a typo cannot hide here.
 *
 * <p>x86_64 and arm64 share the asm-generic values of every flag below.
 */
final class Uapi {
    private Uapi() {
    }

    /** {@code _IO('W', 0)}: start the queue (writes the SQ/CQ contexts into the hardware). */
    static final int UACCE_CMD_START_Q = 0x00005700;
    /** {@code _IO('W', 1)}: stop, drain and free the hardware queue at once. */
    static final int UACCE_CMD_PUT_Q = 0x00005701;
    /** {@code _IOWR('H', 10, struct hisi_qp_ctx)} (4 bytes): set qc_type, get the qp id. */
    static final int UACCE_CMD_QM_SET_QP_CTX = 0xC004480A;
    /** {@code _IOWR('H', 11, struct hisi_qp_info)} (16 bytes): sqe size and ring depths. */
    static final int UACCE_CMD_QM_SET_QP_INFO = 0xC010480B;

    /** struct hisi_qp_ctx: u16 id (out), u16 qc_type (in). */
    static final int QP_CTX_SIZE = 4;
    static final int QP_CTX_ID = 0;
    static final int QP_CTX_QC_TYPE = 2;
    /** struct hisi_qp_info: u32 sqe_size, u16 sq_depth, u16 cq_depth, u64 reserved (all out). */
    static final int QP_INFO_SIZE = 16;
    static final int QP_INFO_SQE_SIZE = 0;
    static final int QP_INFO_SQ_DEPTH = 4;
    static final int QP_INFO_CQ_DEPTH = 6;

    /** mmap region types: the page offset of an mmap selects the region, it is no file offset. */
    static final int REGION_MMIO = 0;
    static final int REGION_DUS = 1;

    /** sysfs flags bit 0: the device shares the process address space (PASID, I/O page faults). */
    static final int UACCE_DEV_SVA = 0x1;

    /** The mmap offset that selects {@code region}: type times the page size. */
    static long regionOffset(int region, int pageSize) {
        return (long) region * pageSize;
    }

    // fcntl.h (asm-generic; the octal values are 02, 02000000)
    static final int O_RDONLY = 0;
    static final int O_RDWR = 0x2;
    static final int O_CLOEXEC = 0x80000;

    // mman.h
    static final int PROT_READ = 0x1;
    static final int PROT_WRITE = 0x2;
    static final int MAP_SHARED = 0x01;
    static final int MAP_PRIVATE = 0x02;
    static final int MAP_ANONYMOUS = 0x20;

    // poll.h
    static final short POLLIN = 0x001;
    static final short POLLERR = 0x008;
    static final short POLLHUP = 0x010;
    static final short POLLNVAL = 0x020;

    // memfd.h
    static final int MFD_CLOEXEC = 0x1;
}
