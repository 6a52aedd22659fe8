/* test_article.c - decoding messages into articles: tests/data/article_cases.tsv,
 * plus the size limit, Kafka headers and the timestamp fallback. */
#include "nw_test.h"

#include "article.h"

static nx_arena_t *arena;

static const char *dash(const char *s) { return strcmp(s, "-") ? s : NULL; }

static void check_str(const char *name, const char *what, const char *want, const char *got) {
        if ((want == NULL) != (got == NULL) || (want && strcmp(want, got)))
                fail_msg("%s: %s: want '%s', got '%s'", name, what, want ? want : "(null)",
                         got ? got : "(null)");
}

static void test_cases(void **st) {
        (void)st;
        FILE *f = fopen(NW_TEST_DATA_DIR "/article_cases.tsv", "r");
        assert_non_null(f);
        char line[4096];
        int n = 0;
        while (fgets(line, sizeof(line), f)) {
                if (line[0] == '#' || line[0] == '\n')
                        continue;
                line[strcspn(line, "\n")] = '\0';
                char *fields[8] = {0};
                char *p = line;
                for (int i = 0; i < 8; i++) {
                        fields[i] = p;
                        char *tab = p ? strchr(p, '\t') : NULL;
                        if (tab) {
                                *tab = '\0';
                                p = tab + 1;
                        } else {
                                p = NULL;
                        }
                }
                assert_non_null(fields[7]);
                const char *name = fields[0];
                size_t len = nw_test_unescape(fields[1]);
                const char *key = dash(fields[2]);
                nw_article_meta_t meta = {.key = key, .key_len = key ? strlen(key) : 0,
                                          .timestamp_ms = -1, .default_id = "art-000"};
                nw_article_t art;
                char err[256];
                nx_arena_reset(arena);
                nw_article_error_t e = nw_article_decode(fields[1], len, &meta, 1 << 20, arena, &art,
                                                         err, sizeof(err));
                if (strcmp(nw_article_error_name(e), fields[3]))
                        fail_msg("%s: reason: want %s, got %s (%s)", name, fields[3],
                                 nw_article_error_name(e), e ? err : "");
                if (e == NW_ART_OK) {
                        check_str(name, "id", dash(fields[4]), art.id);
                        check_str(name, "published", dash(fields[5]), art.published);
                        check_str(name, "published_from", dash(fields[6]), art.published_from);
                        if (strncmp(art.body, fields[7], strlen(fields[7])))
                                fail_msg("%s: body starts '%.20s', want '%s'", name, art.body, fields[7]);
                }
                n++;
        }
        fclose(f);
        assert_true(n >= 30);
}

static void test_too_large(void **st) {
        (void)st;
        char buf[200];
        memset(buf, 'a', sizeof(buf));
        nw_article_t art;
        char err[256];
        assert_int_equal(nw_article_decode(buf, sizeof(buf), NULL, 100, arena, &art, err, sizeof(err)),
                         NW_ART_TOO_LARGE);
        assert_int_equal(nw_article_decode(buf, 100, NULL, 100, arena, &art, err, sizeof(err)), NW_ART_OK);
}

static void test_headers_and_timestamp(void **st) {
        (void)st;
        const char *body = "No date here.";
        nw_article_meta_t meta = {.h_published = "2021-05-06", .h_source = "Reuters",
                                  .timestamp_ms = 1700000000000LL};
        nw_article_t art;
        char err[256];
        assert_int_equal(nw_article_decode(body, strlen(body), &meta, 1 << 20, arena, &art, err, sizeof(err)), 0);
        assert_string_equal(art.published_from, "kafka-header");
        assert_string_equal(art.source, "Reuters");
        assert_int_equal(art.dct.year, 2021);
        meta.h_published = NULL;
        assert_int_equal(nw_article_decode(body, strlen(body), &meta, 1 << 20, arena, &art, err, sizeof(err)), 0);
        assert_string_equal(art.published_from, "kafka-timestamp");
        assert_string_equal(art.published, "2023-11-14T22:13:20Z");
        assert_non_null(art.id); /* hash of the body */
        assert_int_equal(strncmp(art.id, "nw-", 3), 0);
        meta.h_published = "yesterday";
        assert_int_equal(nw_article_decode(body, strlen(body), &meta, 1 << 20, arena, &art, err, sizeof(err)),
                         NW_ART_PUBLISHED_INVALID);
}

static void test_published(void **st) {
        (void)st;
        nx_dct_t d;
        assert_int_equal(nw_parse_published("2024-02-29", &d), 0);
        assert_int_equal(nw_parse_published("2023-02-29", &d), -1);
        assert_int_equal(nw_parse_published("2022-12-30T15:00Z", &d), 0);
        assert_int_equal(d.hour, 15);
        assert_int_equal(nw_parse_published("2022-12-30T25:00:00Z", &d), -1);
        assert_int_equal(nw_parse_published("2022-12-30Tfoo", &d), -1);
        assert_int_equal(nw_parse_published("2022-12-30 extra", &d), -1);
}

static int setup(void **st) { (void)st; arena = nx_arena_new(0); return arena ? 0 : -1; }
static int teardown(void **st) { (void)st; nx_arena_destroy(arena); return 0; }

/* The one-pass raw checks against the three checks they replace, in their
 * order (NUL, then UTF-8, then control characters), on random messages
 * with NULs, controls, DEL, valid and broken UTF-8 sequences (truncated,
 * overlong, surrogate, beyond U+10FFFF) anywhere, in and out of strings,
 * on both sides of eight-byte words. */
static int naive_bad_controls(const char *s, size_t len) {
        for (size_t i = 0; i < len; i++) {
                unsigned char c = (unsigned char)s[i];
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
                        return 1;
        }
        return 0;
}

static void test_raw_checks(void **st) {
        (void)st;
        static const char *const pieces[] = {
                "a", "bc", " ", "Hello wor", "\t", "\n", "\r", "\x01", "\x1F", "\x7F", "\\0",
                "é", "€", "𝄞", "\xC3", "\xE2\x82", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC0\xAF",
                "\xFF", "\x80", "\xF0\x9F"};
        const size_t np = sizeof(pieces) / sizeof(pieces[0]);
        unsigned seed = 7;
        char msg[512];
        size_t counts[16] = {0};
        for (int round = 0; round < 20000; round++) {
                size_t len = 0;
                const char *head = "{\"id\":\"x\",\"text\":\"";
                int json = round % 4 != 0;
                if (json) {
                        memcpy(msg, head, strlen(head));
                        len = strlen(head);
                }
                seed = seed * 1103515245u + 12345u;
                size_t parts = (seed >> 16) % 24;
                /* mostly clean, a few bad pieces */
                for (size_t k = 0; k < parts; k++) {
                        seed = seed * 1103515245u + 12345u;
                        unsigned r = (seed >> 16) % 100;
                        const char *pc = r < 70 ? pieces[r % 4] : pieces[4 + r % (np - 4)];
                        if (!strcmp(pc, "\\0")) {
                                msg[len++] = '\0';
                                continue;
                        }
                        memcpy(msg + len, pc, strlen(pc));
                        len += strlen(pc);
                }
                if (json) {
                        memcpy(msg + len, "\"}", 2);
                        len += 2;
                }
                nw_article_error_t want = NW_ART_OK;
                if (memchr(msg, '\0', len))
                        want = NW_ART_NUL_BYTE;
                else if (!nw_utf8_valid(msg, len))
                        want = NW_ART_INVALID_UTF8;
                else if (naive_bad_controls(msg, len))
                        want = NW_ART_CONTROL_CHARS;
                if (len == 0 || (len == 1 && msg[0] == ' '))
                        continue; /* empty: decided before these checks */
                nw_article_meta_t meta = {.timestamp_ms = -1, .default_id = "art-000"};
                nw_article_t art;
                char err[256];
                nx_arena_reset(arena);
                nw_article_error_t e = nw_article_decode(msg, len, &meta, 1 << 20, arena, &art, err,
                                                         sizeof(err));
                if (e == NW_ART_EMPTY)
                        continue;
                if (want != NW_ART_OK)
                        assert_int_equal(e, want);
                else
                        assert_true(e != NW_ART_NUL_BYTE && e != NW_ART_INVALID_UTF8 &&
                                    e != NW_ART_CONTROL_CHARS);
                counts[want]++;
        }
        /* every outcome was exercised */
        assert_true(counts[NW_ART_OK] > 100 && counts[NW_ART_NUL_BYTE] > 100 &&
                    counts[NW_ART_INVALID_UTF8] > 100 && counts[NW_ART_CONTROL_CHARS] > 100);
}

/* UTF-8 as Unicode's Table 3-7 lists the well-formed byte sequences: an
 * oracle written apart from utf8_seq() (which nw_utf8_valid() and the raw
 * check share), so a slip there shows. */
static int t37_valid(const unsigned char *p, size_t n) {
        size_t i = 0;
        while (i < n) {
                unsigned c = p[i];
                unsigned lo = 0x80, hi = 0xBF;
                size_t k;
                if (c <= 0x7F) {
                        i++;
                        continue;
                } else if (c >= 0xC2 && c <= 0xDF) {
                        k = 1;
                } else if (c >= 0xE0 && c <= 0xEF) {
                        k = 2;
                        if (c == 0xE0)
                                lo = 0xA0; /* no overlong */
                        if (c == 0xED)
                                hi = 0x9F; /* no surrogate */
                } else if (c >= 0xF0 && c <= 0xF4) {
                        k = 3;
                        if (c == 0xF0)
                                lo = 0x90; /* no overlong */
                        if (c == 0xF4)
                                hi = 0x8F; /* not above U+10FFFF */
                } else {
                        return 0;
                }
                if (n - i <= k)
                        return 0;
                if (p[i + 1] < lo || p[i + 1] > hi)
                        return 0;
                for (size_t j = 2; j <= k; j++)
                        if (p[i + j] < 0x80 || p[i + j] > 0xBF)
                                return 0;
                i += k + 1;
        }
        return 1;
}

/* nw_utf8_valid() and the raw check of nw_article_decode() against the
 * oracle: the edges of each sequence length (first and last code point,
 * overlongs, surrogates, U+10FFFF and beyond, truncations), then random
 * strings of them and of ASCII, long enough for the sixteen-byte spans. */
static void test_utf8_edges(void **st) {
        (void)st;
        static const char *const good[] = {
                "\x7F", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xEF\xBF\xBF", "\xED\x9F\xBF",
                "\xEE\x80\x80", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xF3\xBF\xBF\xBF",
                "a", "Hello, world", " "};
        static const char *const bad[] = {
                "\xC0\x80", "\xC1\xBF", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xED\xBF\xBF",
                "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF8\x88\x80\x80\x80",
                "\xFF", "\x80", "\xBF", "\xC2", "\xE2\x82", "\xF0\x9F\x98", "\xC2\x41", "\xE2\x28\xA1"};
        const size_t ng = sizeof(good) / sizeof(good[0]), nb = sizeof(bad) / sizeof(bad[0]);
        char msg[600];
        unsigned seed = 11;
        size_t n_valid = 0, n_invalid = 0;
        for (int round = 0; round < 30000; round++) {
                size_t len = 0;
                seed = seed * 1103515245u + 12345u;
                /* first each piece alone, then 1-40 pieces, one in 60 ill-formed */
                size_t parts = round < (int)(ng + nb) ? 1 : 1 + (seed >> 16) % 40;
                for (size_t k = 0; k < parts; k++) {
                        seed = seed * 1103515245u + 12345u;
                        unsigned r = (seed >> 16) % 60;
                        const char *pc = round < (int)ng            ? good[round]
                                         : round < (int)(ng + nb)   ? bad[round - ng]
                                         : r                        ? good[(seed >> 8) % ng]
                                                                    : bad[(seed >> 8) % nb];
                        memcpy(msg + len, pc, strlen(pc));
                        len += strlen(pc);
                }
                int want = t37_valid((const unsigned char *)msg, len);
                if (nw_utf8_valid(msg, len) != want)
                        fail_msg("nw_utf8_valid: round %d (%zu bytes): want %d", round, len, want);
                nw_article_meta_t meta = {.timestamp_ms = -1, .default_id = "art-000"};
                nw_article_t art;
                char err[256];
                nx_arena_reset(arena);
                msg[len] = 'x'; /* not blank */
                nw_article_error_t e = nw_article_decode(msg, len + 1, &meta, 1 << 20, arena, &art,
                                                         err, sizeof(err));
                if ((e == NW_ART_INVALID_UTF8) != !want)
                        fail_msg("decode: round %d (%zu bytes): error %d, want %s", round, len, e,
                                 want ? "valid" : "invalid UTF-8");
                if (want)
                        n_valid++;
                else
                        n_invalid++;
        }
        assert_true(n_valid > 1000 && n_invalid > 1000);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_cases), cmocka_unit_test(test_too_large),
                cmocka_unit_test(test_headers_and_timestamp), cmocka_unit_test(test_published),
                cmocka_unit_test(test_raw_checks), cmocka_unit_test(test_utf8_edges)};
        return cmocka_run_group_tests(tests, setup, teardown);
}
