package io.warpdrive.accel.uacce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Each command number recomputed from the generic Linux encoding
 * {@code dir << 30 | size << 16 | type << 8 | nr} (dir: 0 none, 1 write, 2 read; _IOWR = 3), and
 * each struct offset from its C declaration, independently of the literals in {@link Uapi}.
 */
class UapiTest {
    private static final int IOC_NONE = 0;
    private static final int IOC_WRITE = 1;
    private static final int IOC_READ = 2;

    private static int ioc(int dir, char type, int nr, int size) {
        return dir << 30 | size << 16 | type << 8 | nr;
    }

    private static int io(char type, int nr) {
        return ioc(IOC_NONE, type, nr, 0);
    }

    private static int iowr(char type, int nr, int size) {
        return ioc(IOC_READ | IOC_WRITE, type, nr, size);
    }

    @Test
    void commandsFollowTheIocEncoding() {
        assertEquals(io('W', 0), Uapi.UACCE_CMD_START_Q);
        assertEquals(io('W', 1), Uapi.UACCE_CMD_PUT_Q);
        // struct hisi_qp_ctx { __u16 id; __u16 qc_type; } = 4 bytes
        assertEquals(iowr('H', 10, 2 + 2), Uapi.UACCE_CMD_QM_SET_QP_CTX);
        // struct hisi_qp_info { __u32 sqe_size; __u16 sq_depth; __u16 cq_depth; __u64 reserved; } = 16 bytes
        assertEquals(iowr('H', 11, 4 + 2 + 2 + 8), Uapi.UACCE_CMD_QM_SET_QP_INFO);
        // and the hex the reference lists, so both sides agree with the kernel header
        assertEquals(0x00005700, io('W', 0));
        assertEquals(0xC004480A, iowr('H', 10, 4));
        assertEquals(0xC010480B, iowr('H', 11, 16));
    }

    @Test
    void structLayouts() {
        assertEquals(4, Uapi.QP_CTX_SIZE);
        assertEquals(0, Uapi.QP_CTX_ID);
        assertEquals(2, Uapi.QP_CTX_QC_TYPE);
        assertEquals(16, Uapi.QP_INFO_SIZE);
        assertEquals(0, Uapi.QP_INFO_SQE_SIZE);
        assertEquals(4, Uapi.QP_INFO_SQ_DEPTH);
        assertEquals(6, Uapi.QP_INFO_CQ_DEPTH);
    }

    @Test
    void regionOffsetsAreTypeTimesPageSize() {
        assertEquals(0, Uapi.REGION_MMIO);
        assertEquals(1, Uapi.REGION_DUS);
        assertEquals(0L, Uapi.regionOffset(Uapi.REGION_MMIO, 4096));
        assertEquals(4096L, Uapi.regionOffset(Uapi.REGION_DUS, 4096));
        assertEquals(65536L, Uapi.regionOffset(Uapi.REGION_DUS, 65536));
    }

    @Test
    void linuxFlags() {
        // octal in the C headers
        assertEquals(02, Uapi.O_RDWR);
        assertEquals(02000000, Uapi.O_CLOEXEC);
        assertEquals(1, Uapi.UACCE_DEV_SVA);
        assertEquals(0x1, Uapi.POLLIN);
    }

    @Test
    void errnoNames() {
        assertEquals("ENOTTY", Errno.name(25));
        assertEquals("EACCES", Errno.name(13));
        assertEquals("ENOENT", Errno.name(2));
        assertEquals("ENXIO", Errno.name(6));
        assertEquals("errno 200", Errno.name(200));
        assertEquals("errno -1", Errno.name(-1));
    }
}
