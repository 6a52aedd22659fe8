/* test_extract_fallback.c - the per-article caches nx_text_tokenize() makes
 * (doc->lower, doc->ascii, doc->hash: text.h) are optional: without room for
 * them under the arena's cap they stay NULL and every extractor falls back to
 * copying and hashing per look-up. This runs the four extractors, as
 * nx_extract() does, on the texts of the case tables (tests/data/ *_cases.tsv,
 * column 2), alone and several to an article, as written, in upper case and
 * with curly apostrophes and runs of white space, once with the caches and
 * once without each of them, and compares the records (without "meta"). */
#include "nw_test.h"

#include <ctype.h>

#include "actors.h"
#include "dates.h"
#include "figures.h"
#include "record.h"
#include "summits.h"
#include "text.h"

static nx_engine_t *eng;
static nx_arena_t *arena;

enum { WITH_ALL, NO_LOWER, NO_HASH, NO_ASCII, NO_CACHES, N_WAYS };
static const char *const way_name[N_WAYS] = {"with the caches", "without doc->lower",
                                              "without doc->hash", "with ascii 0",
                                              "without any cache"};

/* The record of text (len bytes) extracted one way; malloc'd, cut before
 * "meta" (its time stamp differs between runs). */
static char *record_of(const char *text, size_t len, int way) {
        nx_arena_reset(arena);
        nx_doc_t doc;
        nx_result_t res;
        memset(&doc, 0, sizeof(doc));
        memset(&res, 0, sizeof(res));
        doc.eng = eng;
        doc.text = nx_arena_strndup(arena, text, len);
        doc.len = len;
        doc.arena = arena;
        doc.dct = (nx_dct_t){2023, 10, 7, -1, -1};
        assert_int_equal(nx_text_tokenize(&doc), 0);
        assert_non_null(doc.lower);
        assert_non_null(doc.hash);
        if (way == NO_LOWER || way == NO_CACHES) {
                doc.lower = NULL;
                doc.ascii = 0; /* as lower_text() leaves it without room */
        }
        if (way == NO_HASH || way == NO_CACHES)
                doc.hash = NULL;
        if (way == NO_ASCII)
                doc.ascii = 0; /* the gazetteer then builds its keys by copy */
        assert_int_equal(nx_dates_extract(&doc, &res), 0);
        assert_int_equal(nx_figures_extract(&doc, &res), 0);
        assert_int_equal(nx_actors_extract(&doc, &res), 0);
        assert_int_equal(nx_summits_extract(&doc, &res), 0);
        nw_article_t art = {.id = "x", .body = doc.text, .body_len = len};
        nw_cpmap_t cp;
        assert_int_equal(nw_cpmap_init(&cp, doc.text, len, arena), 0);
        size_t rlen;
        char err[128];
        char *rec = nw_record_json(&art, &res, &cp, NULL, "t", 0, &rlen, err, sizeof(err));
        assert_non_null(rec);
        char *meta = strstr(rec, ",\"meta\":");
        assert_non_null(meta);
        *meta = '\0';
        return rec;
}

/* Checks every way against the first on one text; returns its entity count
 * (a rough measure that the texts hold something to find). */
static size_t check_text(const char *text, size_t len) {
        char *want = record_of(text, len, WITH_ALL);
        for (int way = 1; way < N_WAYS; way++) {
                char *got = record_of(text, len, way);
                if (strcmp(got, want))
                        fail_msg("%s differs on '%.*s':\n  want %s\n  got  %s", way_name[way], (int)len,
                                 text, want, got);
                free(got);
        }
        size_t found = 0;
        for (const char *p = want; (p = strstr(p, "\"start\":")); p++)
                found++;
        free(want);
        return found;
}

/* Appends the texts (column 2) of a case table to *texts. */
static void load_texts(const char *file, char ***texts, size_t *n, size_t *cap) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", NW_TEST_DATA_DIR, file);
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        char line[8192];
        while (fgets(line, sizeof(line), f)) {
                if (line[0] == '#' || line[0] == '\n')
                        continue;
                char *a = strchr(line, '\t');
                if (!a)
                        continue;
                char *b = strchr(a + 1, '\t');
                if (b)
                        *b = '\0';
                else
                        a[strcspn(a, "\r\n")] = '\0';
                if (*n == *cap) {
                        *cap = *cap ? *cap * 2 : 256;
                        *texts = realloc(*texts, *cap * sizeof(**texts));
                        assert_non_null(*texts);
                }
                (*texts)[(*n)++] = strdup(a + 1);
        }
        fclose(f);
}

static void test_caches_are_optional(void **st) {
        (void)st;
        char **texts = NULL;
        size_t n = 0, cap = 0;
        static const char *const files[] = {"actors_cases.tsv", "figures_cases.tsv", "dates_cases.tsv",
                                            "summits_cases.tsv"};
        for (size_t k = 0; k < sizeof(files) / sizeof(files[0]); k++)
                load_texts(files[k], &texts, &n, &cap);
        assert_true(n > 1500);
        static char buf[65536];
        size_t found = 0, articles = 0;
        for (size_t i = 0; i < n; i += 3) {
                /* up to four texts as one article, in one of four styles */
                size_t o = 0;
                int style = (int)(i / 3 % 4);
                for (size_t k = i; k < n && k < i + 4; k++) {
                        for (const char *p = texts[k]; *p && o + 8 < sizeof(buf); p++) {
                                if (style == 1) {
                                        buf[o++] = (char)toupper((unsigned char)*p);
                                } else if (style == 2 && *p == '\'') {
                                        memcpy(buf + o, "\xE2\x80\x99", 3); /* ’ */
                                        o += 3;
                                } else if (style == 3 && *p == ' ') {
                                        memcpy(buf + o, (o & 1) ? "  " : " \t", 2);
                                        o += 2;
                                } else {
                                        buf[o++] = *p;
                                }
                        }
                        buf[o++] = k % 2 ? '\n' : ' ';
                }
                found += check_text(buf, o);
                found += check_text(texts[i], strlen(texts[i]));
                articles += 2;
        }
        assert_true(articles > 1000);
        assert_true(found > 2000); /* the texts do hold dates, figures and actors */
        for (size_t k = 0; k < n; k++)
                free(texts[k]);
        free(texts);
}

/* The record of nx_extract() on text under an arena cap of cap bytes (0: none),
 * cut before "meta"; NULL when nx_extract() fails. */
static char *capped_record(const char *text, size_t cap) {
        nx_arena_reset(arena);
        nx_arena_set_limit(arena, cap);
        size_t len = strlen(text);
        nx_result_t res;
        char err[256];
        nx_dct_t dct = {2023, 10, 7, -1, -1};
        int rc = nx_extract(eng, text, len, &dct, arena, &res, err, sizeof(err));
        nx_arena_set_limit(arena, 0);
        if (rc)
                return NULL;
        nw_article_t art = {.id = "x", .body = text, .body_len = len};
        nw_cpmap_t cp;
        assert_int_equal(nw_cpmap_init(&cp, text, len, arena), 0);
        size_t rlen;
        char *rec = nw_record_json(&art, &res, &cp, NULL, "t", 0, &rlen, err, sizeof(err));
        assert_non_null(rec);
        *strstr(rec, ",\"meta\":") = '\0';
        return rec;
}

/* Under any arena cap, nx_extract() fails (-1: the pipeline's dead letter) or
 * gives what it gives without a cap: nothing dropped silently where an
 * allocation failed, whichever allocation it was (the optional caches of
 * text.h included). Every cap in 16-byte steps (the arena's granularity) up
 * to what the article needs, on articles with dates, figures, actors and
 * summits. */
static void test_any_cap_fails_or_matches(void **st) {
        (void)st;
        static const char *const texts[] = {
                "MOSCOW, Dec 30 (Reuters) - Russian President Vladimir Putin met Chinese leader Xi "
                "Jinping on Friday in a video call, the Kremlin said. Russia supplied 13.8 billion cubic "
                "meters of gas, up 20%, and the two leaders will meet at the G20 summit in Bali next "
                "year. Xi said China’s position was clear.",
                "WASHINGTON, March 3, 2023 -- President Joe Biden will host Prime Minister Narendra "
                "Modi at the White House on June 22, officials said on Friday. The summit will focus on "
                "defence, and the United States pledged $2 billion.\nModi met NATO leaders in Vilnius.",
        };
        size_t failed = 0, matched = 0;
        for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
                char *want = capped_record(texts[t], 0);
                assert_non_null(want);
                nx_arena_reset(arena);
                nx_result_t res;
                char err[256];
                nx_dct_t dct = {2023, 10, 7, -1, -1};
                assert_int_equal(nx_extract(eng, texts[t], strlen(texts[t]), &dct, arena, &res, err,
                                            sizeof(err)), 0);
                size_t need = nx_arena_used(arena);
                assert_true(res.n_summits > 0 && res.n_actors > 0 && res.n_figures > 0 && res.n_dates > 0);
                for (size_t cap = 16; cap <= need; cap += 16) {
                        char *got = capped_record(texts[t], cap);
                        if (!got) {
                                failed++;
                                continue;
                        }
                        if (strcmp(got, want))
                                fail_msg("cap %zu of %zu: a silent difference\n  want %s\n  got  %s", cap,
                                         need, want, got);
                        matched++;
                        free(got);
                }
                free(want);
        }
        /* both outcomes were met: each text's own need matches. (Below it,
         * every cap fails: the optional caches are allocated early, and what
         * the extractors allocate after them is larger, so a cap that leaves
         * no room for them leaves none for the rest either.) */
        assert_true(failed > 1000 && matched >= sizeof(texts) / sizeof(texts[0]));
}

static int setup(void **st) {
        char err[256];
        (void)st;
        eng = nx_engine_new(NULL, err, sizeof(err));
        arena = nx_arena_new(0);
        return eng && arena ? 0 : -1;
}

static int teardown(void **st) {
        (void)st;
        nx_arena_destroy(arena);
        nx_engine_destroy(eng);
        return 0;
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_caches_are_optional),
                cmocka_unit_test(test_any_cap_fails_or_matches),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
