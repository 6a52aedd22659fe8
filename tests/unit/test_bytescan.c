/* test_bytescan.c - the word-at-a-time byte scans (bytescan.h) against
 * byte-by-byte loops: the first byte a JSON string must escape, at every
 * position and length, with decoys around it (bytes just above and below
 * the thresholds, and borrows from an earlier flagged byte); the run of
 * printable ASCII likewise. */
#include "nw_test.h"

#include "bytescan.h"

static size_t naive_special(const char *p, size_t n) {
        for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char)p[i];
                if (c < 0x20 || c == '"' || c == '\\')
                        return i;
        }
        return n;
}

static void test_json_special_span(void **st) {
        (void)st;
        /* non-special decoys first, then the special bytes */
        static const unsigned char decoys[] = {' ', '!', '#', '[', ']', 'a', 0x7F, 0x80, 0xC3, 0xFF, 0x21, 0x5D};
        static const unsigned char specials[] = {'"', '\\', 0x00, 0x01, 0x1F, '\n', '\t'};
        char buf[80];
        unsigned seed = 1;
        for (size_t n = 0; n <= 70; n++) {
                for (int round = 0; round < 300; round++) {
                        for (size_t i = 0; i < n; i++) {
                                seed = seed * 1103515245u + 12345u;
                                buf[i] = (char)decoys[(seed >> 16) % sizeof(decoys)];
                        }
                        /* zero, one or two specials at random places */
                        seed = seed * 1103515245u + 12345u;
                        int k = n ? (int)((seed >> 16) % 3) : 0;
                        for (int s = 0; s < k; s++) {
                                seed = seed * 1103515245u + 12345u;
                                size_t at = (seed >> 8) % n;
                                buf[at] = (char)specials[(seed >> 20) % sizeof(specials)];
                        }
                        size_t want = naive_special(buf, n), got = nw_json_special_span(buf, n);
                        if (got != want)
                                fail_msg("n=%zu round %d: got %zu, want %zu", n, round, got, want);
                }
        }
}

/* The SWAR mask's lowest flagged byte is exact for every single special
 * byte at every position of a word, whatever is above it. */
static void test_first_byte_exact(void **st) {
        (void)st;
        for (unsigned pos = 0; pos < 8; pos++)
                for (unsigned c = 0; c < 256; c++)
                        for (unsigned above = 0; above < 256; above += 17) {
                                unsigned char b[8];
                                memset(b, 'x', 8);
                                b[pos] = (unsigned char)c;
                                for (unsigned q = pos + 1; q < 8; q++)
                                        b[q] = (unsigned char)above;
                                uint64_t m = nw_json_special_mask(nw_load8(b));
                                size_t want = naive_special((const char *)b, 8);
                                size_t got = m ? nw_first_byte(m) : 8;
                                if (got != want)
                                        fail_msg("byte %#x at %u, %#x above: got %zu, want %zu", c, pos,
                                                 above, got, want);
                        }
}

static size_t naive_printable(const char *p, size_t n) {
        for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char)p[i];
                if (c < 0x20 || c >= 0x7F)
                        return i;
        }
        return n;
}

/* Every byte value at every position of buffers of 0-70 printable bytes. */
static void test_printable_span(void **st) {
        (void)st;
        char buf[80];
        for (size_t n = 0; n <= 70; n++)
                for (size_t at = 0; at <= n; at++)
                        for (unsigned c = 0; c < 256; c++) {
                                for (size_t i = 0; i < n; i++)
                                        buf[i] = (char)(0x20 + (i * 7) % 95); /* 0x20-0x7E */
                                if (at < n)
                                        buf[at] = (char)c;
                                size_t want = naive_printable(buf, n), got = nw_printable_span(buf, n);
                                if (got != want)
                                        fail_msg("n=%zu, byte %#x at %zu: got %zu, want %zu", n, c, at, got,
                                                 want);
                        }
}

/* The first byte >= 0x80: every byte value at every position. */
static void test_ascii_span(void **st) {
        (void)st;
        char buf[80];
        for (size_t n = 0; n <= 70; n++)
                for (size_t at = 0; at <= n; at++)
                        for (unsigned c = 0; c < 256; c++) {
                                for (size_t i = 0; i < n; i++)
                                        buf[i] = (char)((i * 13) % 128); /* ASCII, NUL included */
                                if (at < n)
                                        buf[at] = (char)c;
                                size_t want = n;
                                for (size_t i = 0; i < n; i++)
                                        if ((unsigned char)buf[i] >= 0x80) {
                                                want = i;
                                                break;
                                        }
                                size_t got = nw_ascii_span(buf, n);
                                if (got != want)
                                        fail_msg("n=%zu, byte %#x at %zu: got %zu, want %zu", n, c, at, got,
                                                 want);
                        }
}

int main(void) {
        const struct CMUnitTest tests[] = {cmocka_unit_test(test_json_special_span),
                                           cmocka_unit_test(test_first_byte_exact),
                                           cmocka_unit_test(test_printable_span),
                                           cmocka_unit_test(test_ascii_span)};
        return cmocka_run_group_tests(tests, NULL, NULL);
}
