package io.warpdrive.soft;

/**
 * Compression levels as data: which block function runs and with which match-search limits.
 * The numbers are zlib's (they decide the output, so they are part of the byte-exact contract).
 *
 * <ul>
 *   <li>good: for the lazy matcher, search only a quarter of the chain once the previous match
 *       is at least this long;</li>
 *   <li>lazy: lazy matcher: do not look for a better match at the next byte once the current one
 *       is at least this long. Greedy matcher (levels 1-3): only matches up to this length get
 *       their inner strings inserted into the hash chains;</li>
 *   <li>nice: stop searching a chain once a match this long is found;</li>
 *   <li>chain: how many chain links to follow at most.</li>
 * </ul>
 */
final class LevelTable {
    private LevelTable() {
    }

    /** Block functions. */
    static final int STORED = 0;
    static final int FAST = 1;
    static final int SLOW = 2;

    private static final int[][] TABLE = {
        //  function good lazy nice chain
        {STORED, 0, 0, 0, 0},          // 0: store only
        {FAST, 4, 4, 8, 4},            // 1: greedy, fastest
        {FAST, 4, 5, 16, 8},           // 2
        {FAST, 4, 6, 32, 32},          // 3
        {SLOW, 4, 4, 16, 16},          // 4: lazy matching from here on
        {SLOW, 8, 16, 32, 32},         // 5
        {SLOW, 8, 16, 128, 128},       // 6: the default
        {SLOW, 8, 32, 128, 256},       // 7
        {SLOW, 32, 128, 258, 1024},    // 8
        {SLOW, 32, 258, 258, 4096},    // 9: best compression
    };

    static int function(int level) {
        return TABLE[level][0];
    }

    static int good(int level) {
        return TABLE[level][1];
    }

    static int lazy(int level) {
        return TABLE[level][2];
    }

    static int nice(int level) {
        return TABLE[level][3];
    }

    static int chain(int level) {
        return TABLE[level][4];
    }
}
