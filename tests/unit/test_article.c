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

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_cases), cmocka_unit_test(test_too_large),
                cmocka_unit_test(test_headers_and_timestamp), cmocka_unit_test(test_published),
                cmocka_unit_test(test_raw_checks)};
        return cmocka_run_group_tests(tests, setup, teardown);
}
