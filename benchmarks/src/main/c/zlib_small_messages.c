/*
 * C zlib on the small-message workload, without the JVM: how much of java.util.zip's time per
 * message is JNI and deflateReset's hash clear, and how much is zlib's own compression. Not part
 * of the Maven build (the project has no native code); build and run by hand:
 *
 *   java -cp benchmarks/target/benchmarks.jar io.warpdrive.bench.deflate.SmallMessageBenchmark 256 > /tmp/m256
 *   gcc -O2 -o /tmp/zlib_small benchmarks/src/main/c/zlib_small_messages.c -lz
 *   /tmp/zlib_small 256 6 < /tmp/m256
 *
 * Reads 64 messages of SIZE bytes from standard input (the benchmark's rotating set) and prints,
 * per message in microseconds: deflateReset + deflate(Z_FINISH) into a large enough buffer (the
 * JMH "reuse" pattern without the JNI calls), and deflateReset alone (zlib's 64 KiB hash clear).
 * Uses the zlib the program is linked against; compare with the JDK's zlib (Debian's OpenJDK 17
 * links the system zlib; Temurin brings its own).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <zlib.h>

#define MESSAGES 64
#define ROUNDS 7
#define PER_ROUND 50000

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s SIZE [LEVEL] < messages\n", argv[0]);
        return 2;
    }
    size_t size = (size_t) atol(argv[1]);
    int level = argc > 2 ? atoi(argv[2]) : 6;
    unsigned char *in = malloc(MESSAGES * size);
    size_t out_size = 2 * size + 64;
    unsigned char *out = malloc(out_size);
    if (in == NULL || out == NULL || fread(in, 1, MESSAGES * size, stdin) != MESSAGES * size) {
        fprintf(stderr, "expected %d messages of %zu bytes on standard input\n", MESSAGES, size);
        return 1;
    }
    z_stream z = {0};
    if (deflateInit(&z, level) != Z_OK) {
        fprintf(stderr, "deflateInit failed\n");
        return 1;
    }
    unsigned long checksum = 0; /* keeps the work observable */
    printf("zlib %s, %zu B, level %d\n", zlibVersion(), size, level);
    for (int round = 0; round < ROUNDS; round++) {
        double t0 = now_ns();
        for (int i = 0; i < PER_ROUND; i++) {
            deflateReset(&z);
            z.next_in = in + (size_t) (i & (MESSAGES - 1)) * size;
            z.avail_in = (uInt) size;
            z.next_out = out;
            z.avail_out = (uInt) out_size;
            if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
                fprintf(stderr, "output buffer too small\n");
                return 1;
            }
            checksum += z.total_out;
        }
        double t1 = now_ns();
        for (int i = 0; i < PER_ROUND; i++) {
            deflateReset(&z);
        }
        double t2 = now_ns();
        printf("round %d: reset + deflate %.2f us, reset alone %.2f us\n", round,
               (t1 - t0) / 1e3 / PER_ROUND, (t2 - t1) / 1e3 / PER_ROUND);
    }
    deflateEnd(&z);
    return checksum == 0;
}
