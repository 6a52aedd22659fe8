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

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_cases), cmocka_unit_test(test_too_large),
                cmocka_unit_test(test_headers_and_timestamp), cmocka_unit_test(test_published)};
        return cmocka_run_group_tests(tests, setup, teardown);
}
