/*
 * The comparison machinery must be able to fail: deliberately broken subjects (a stray byte past
 * the written region, an off-by-one counter, a different error message, a lost output byte) are
 * caught by the properties, shrunk, and reported. java.util.zip against itself must pass.
 */
package io.warpdrive.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.conformance.harness.Property;
import java.nio.ByteBuffer;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class LockstepSelfTest {

    /** Writes one extra byte after what it reports, inside the caller's window. */
    static final class StrayWrite extends Inflater {
        StrayWrite(boolean nowrap) {
            super(nowrap);
        }

        @Override
        public int inflate(byte[] b, int off, int len) throws DataFormatException {
            int n = super.inflate(b, off, len);
            if (n > 0 && n < len) {
                b[off + n] ^= 0x5a;
            }
            return n;
        }
    }

    /** Counts one byte too many once it has read something. */
    static final class OffByOne extends Inflater {
        OffByOne(boolean nowrap) {
            super(nowrap);
        }

        @Override
        public long getBytesRead() {
            long n = super.getBytesRead();
            return n > 100 ? n + 1 : n;
        }
    }

    /** Reports corrupt data with a message of its own. */
    static final class OwnMessage extends Inflater {
        OwnMessage(boolean nowrap) {
            super(nowrap);
        }

        @Override
        public int inflate(byte[] b, int off, int len) throws DataFormatException {
            try {
                return super.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new DataFormatException("corrupt: " + e.getMessage());
            }
        }

        @Override
        public int inflate(ByteBuffer out) throws DataFormatException {
            try {
                return super.inflate(out);
            } catch (DataFormatException e) {
                throw new DataFormatException("corrupt: " + e.getMessage());
            }
        }
    }

    static Property.Failure<StreamCase> runAgainst(Function<Boolean, Inflater> subject, boolean mutated) {
        var gen = mutated ? StreamCase.mutated(Data.upTo(20_000), DeflateSpec.gen(true), Plan.arrays())
                : StreamCase.valid(Data.upTo(20_000), DeflateSpec.gen(true), Plan.arrays());
        return Property.forAll(gen).freshTries(300).shrinkBudget(300, 20).run(c -> {
            try (Lockstep ls = new Lockstep(new Inflater(c.nowrap()), subject.apply(c.nowrap()), false)) {
                ls.drive(c.stream(), c.dictionary(), c.nowrap(), c.plan(), c.data().length());
            }
        }).failure();
    }

    @Test
    void strayWriteIsCaught() {
        Property.Failure<StreamCase> f = runAgainst(StrayWrite::new, false);
        assertNotNull(f);
        assertTrue(f.shrunkError().getMessage().contains("wrote outside"), f.shrunkError().getMessage());
    }

    @Test
    void wrongCounterIsCaughtAndShrunk() {
        Property.Failure<StreamCase> f = runAgainst(OffByOne::new, false);
        assertNotNull(f);
        assertTrue(f.shrunkError().getMessage().contains("state differs"), f.shrunkError().getMessage());
        // the smallest stream that reads more than 100 bytes is small
        assertTrue(f.shrunk().stream().length < 400, "shrunk to " + f.shrunk().stream().length + " bytes");
    }

    @Test
    void differentErrorMessageIsCaught() {
        Property.Failure<StreamCase> f = runAgainst(OwnMessage::new, true);
        assertNotNull(f);
        assertTrue(f.shrunkError().getMessage().contains("exception differs"), f.shrunkError().getMessage());
    }

    @Test
    void theJdkAgreesWithItself() {
        assertFalse(runAgainst(Inflater::new, true) != null, "java.util.zip vs java.util.zip");
    }
}
