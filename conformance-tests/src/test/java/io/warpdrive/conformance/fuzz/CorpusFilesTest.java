/*
 * Guards the regression run: Jazzer replays whatever seed files it finds and passes when it finds
 * none, so this test makes sure every target has its committed seeds (as written by SeedCorpus)
 * and that the corpus stays small.
 */
package io.warpdrive.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CorpusFilesTest {
    private static Path root() throws URISyntaxException {
        URL u = CorpusFilesTest.class.getResource("/" + SeedCorpus.PACKAGE_DIR);
        assertTrue(u != null, "no seed corpus on the test class path");
        return Path.of(u.toURI());
    }

    @ParameterizedTest
    @CsvSource({"InflaterFuzzTest, arbitraryBytes", "InflaterFuzzTest, mutatedValidStream",
        "DeflaterFuzzTest, operationSequence", "GzipFuzzTest, gzipBytes", "GzipFuzzTest, assembledGzip"})
    void everyTargetHasSeeds(String cls, String method) throws Exception {
        Path dir = root().resolve(cls + "Inputs").resolve(method);
        try (Stream<Path> files = Files.list(dir)) {
            long n = files.filter(Files::isRegularFile).count();
            assertTrue(n >= 8, dir + " holds only " + n + " seeds");
        }
    }

    @Test
    void corpusStaysSmall() throws IOException, URISyntaxException {
        long total;
        try (Stream<Path> files = Files.walk(root())) {
            total = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(total < 1 << 20, "seed corpus is " + total + " bytes");
    }
}
