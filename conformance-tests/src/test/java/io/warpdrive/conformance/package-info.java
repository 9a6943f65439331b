/**
 * Conformance suites: the subject ({@link io.warpdrive.conformance.Inflaters#wd}) against
 * java.util.zip as the oracle, call by call ({@link io.warpdrive.conformance.Lockstep}).
 *
 * <p>Suites: random chunking over byte[] and ByteBuffer APIs (InflaterChunkingTest), damaged
 * streams and trailing bytes (InflaterMutationTest), reset and dictionaries
 * (InflaterLifecycleTest), argument checks and use after end() (InflaterArgumentTest), the JDK's
 * own streams on the subject (InflaterStreamsTest), block/window edge sizes (EdgeSizesTest),
 * hand-made vectors, one per zlib message (HexVectorTest), the shared corpus
 * (CorpusRoundTripTest), and checks that the generators and the comparison can fail
 * (GeneratorsTest, LockstepSelfTest, harness.PropertyHarnessTest).
 *
 * <p>Knobs (system properties, passed by Maven): {@code conformance.tries} (tries per property,
 * default 60), {@code conformance.seed} (replay one seed), {@code conformance.corpus} (corpus
 * directory; absent = corpus tests skipped), {@code conformance.full} (every corpus file at levels
 * 1, 6 and 9). A failing property prints its smallest case, its seed and the command replaying it:
 * {@code mvn -pl conformance-tests -am test -Dtest=Class#method -Dconformance.seed=0x...
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
package io.warpdrive.conformance;
