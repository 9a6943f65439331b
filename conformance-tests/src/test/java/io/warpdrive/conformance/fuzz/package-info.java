/**
 * Differential fuzzing with Jazzer (issue 7): WdInflater against java.util.zip.Inflater on
 * arbitrary and on damaged valid streams with random call schedules ({@link
 * io.warpdrive.conformance.fuzz.InflaterTargets}), WdDeflater call sequences against
 * java.util.zip.Deflater ({@link io.warpdrive.conformance.fuzz.DeflaterTargets}), and gzip member,
 * header and multi-member parsing ({@link io.warpdrive.conformance.fuzz.GzipTargets}). Any
 * divergence, any exception the JDK does not throw, and any input running past the per-input
 * timeout is a finding.
 *
 * <p>Regression mode (every {@code mvn test}, JDK 17 and 25): each {@code @FuzzTest} replays its
 * committed seeds in {@code src/test/resources/io/warpdrive/conformance/fuzz/<Class>Inputs/<method>/}
 * (written by {@link io.warpdrive.conformance.fuzz.SeedCorpus}; {@code CorpusFilesTest} checks
 * they are there) plus any {@code crash-*} file a fuzzing run left there.
 *
 * <p>Fuzzing (one target per run; findings are written next to the seeds):
 * <pre>
 * mvn -B -Pfuzz test -pl conformance-tests -Dtest='InflaterFuzzTest#arbitraryBytes' -Dfuzz.duration=10m
 * </pre>
 * Targets: {@code InflaterFuzzTest#arbitraryBytes}, {@code InflaterFuzzTest#mutatedValidStream},
 * {@code DeflaterFuzzTest#operationSequence}, {@code GzipFuzzTest#gzipBytes},
 * {@code GzipFuzzTest#assembledGzip}. The deflater target runs on the default backend (soft),
 * whose output is byte-identical to java.util.zip; the emulated backend compresses at one level
 * and is covered by the reliability suites instead.
 */
package io.warpdrive.conformance.fuzz;
