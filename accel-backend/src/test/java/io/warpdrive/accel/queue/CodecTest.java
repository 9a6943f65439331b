package io.warpdrive.accel.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.accel.device.QpInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Layout, doorbell words and descriptor bits against the numbers in the ABI reference. */
class CodecTest {
    @Test
    void zipDusGeometry() {
        // 128 B x 1024 SQ + 16 B x 1024 CQ = 147456, page aligned = 147456, + one page.
        assertEquals(151552, QmLayout.dusSize(QpInfo.ZIP, 4096));
        assertEquals(262144, QmLayout.dusSize(QpInfo.ZIP, 65536));
        QmLayout l = new QmLayout(QpInfo.ZIP, 151552);
        assertEquals(0x20000, l.cqBase);
        assertEquals(0x20000 + 16 * 1023, l.cqeOffset(1023));
        assertEquals(151552 - 8, l.rxStopOffset);
        assertEquals(151552 - 4, l.txStopOffset);
        assertEquals(128 * 5, l.sqeOffset(5));
    }

    @Test
    void doorbellWords() {
        QmLayout.Doorbell v2 = QmLayout.Doorbell.V2;
        long w = v2.encode(5, QmLayout.DB_CMD_CQ, 1023, 1);
        // qn 9:0, cmd 15:12, index 47:32, priority 63:48
        assertEquals(5L | (1L << 12) | (1023L << 32) | (1L << 48), w);
        assertEquals(5, v2.qn(w));
        assertEquals(1, v2.cmd(w));
        assertEquals(1023, v2.index(w));
        assertEquals(1, v2.priority(w));
        QmLayout.Doorbell v1 = QmLayout.Doorbell.V1;
        long w1 = v1.encode(700, QmLayout.DB_CMD_SQ, 17, 0);
        assertEquals(700L | (17L << 32), w1);
        assertEquals(0x340, v1.offset);
        assertEquals(0x1000, v2.offset);
        assertEquals(v1, QmLayout.Doorbell.forApi("hisi_qm_v1"));
        assertEquals(v2, QmLayout.Doorbell.forApi("hisi_qm_v2"));
        assertEquals(v2, QmLayout.Doorbell.forApi("hisi_qm_v3"));
        assertEquals(v2, QmLayout.Doorbell.forApi("hisi_qm_v2_noiommu"));
        assertThrows(IllegalArgumentException.class, () -> QmLayout.Doorbell.forApi("hisi_sec"));
    }

    @Test
    void descriptorBitsAndMemoryImage() {
        ZipSqe s = new ZipSqe().inputDataLength(4096).mode(true, true, true, 0)
                .type(ZipSqe.REQ_ZLIB, ZipSqe.BUF_FLAT, ZipSqe.WIN_32K).destAvailOut(8192)
                .sourceAddress(0x1_2345_6000L).destAddress(0xffff_0000_1000L).streamCtxAddress(0x2_0000_0040L)
                .checksum(0xdeadbeef).isize(77).tag(99);
        ByteBuffer mem = ByteBuffer.allocateDirect(256).order(ByteOrder.LITTLE_ENDIAN);
        s.store(mem, 128);
        assertEquals(4096, mem.getInt(128 + 16));
        assertEquals((1 << 25) | (1 << 26) | (1 << 27), mem.getInt(128 + 28));
        assertEquals(0x02 | (4 << 12), mem.getInt(128 + 36));
        assertEquals(99, mem.getInt(128 + 52));
        assertEquals(8192, mem.getInt(128 + 56));
        assertEquals(0x2345_6000, mem.getInt(128 + 72));
        assertEquals(1, mem.getInt(128 + 76));
        assertEquals(0xffff, mem.getInt(128 + 84));
        assertEquals(0x40, mem.getInt(128 + 88));
        assertEquals(0xdeadbeef, mem.getInt(128 + 124));
        ZipSqe back = new ZipSqe().load(mem, 128);
        assertEquals(0xffff_0000_1000L, back.destAddress());
        assertTrue(back.finish() && back.stateful() && back.newStream());
        assertEquals(ZipSqe.REQ_ZLIB, back.requestType());
        assertEquals(ZipSqe.WIN_32K, back.windowCode());
        back.status(ZipSqe.ST_DECOMP_END, true);
        assertTrue(back.streamEnd());
        back.status(ZipSqe.ST_DECOMP_END, false);
        assertFalse(back.streamEnd());
        assertEquals(0x113, new ZipSqe().status(0x13, true).dw3());
        assertEquals(4, ZipSqe.windowCode(15));
        assertEquals(0, ZipSqe.windowCode(12));
    }

    @Test
    void cqePhaseIsTheLastWord() {
        ByteBuffer mem = ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN);
        Cqe.write(mem, 16, 1000, 3, 1);
        assertEquals(1000, Cqe.sqHead(mem, 16));
        assertEquals(3, Cqe.sqNum(mem, 16));
        assertEquals(1, Cqe.phase(mem, 16));
        assertEquals(1, mem.getShort(16 + 14));
        Cqe.write(mem, 16, 7, 3, 0);
        assertEquals(0, Cqe.phase(mem, 16));
    }
}
