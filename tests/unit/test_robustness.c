/* test_robustness.c - regressions found by the fuzz targets (fuzz/) and the fault
 * suite (tests/faults/): hostile input through the whole engine. Meaningful under
 * ASan (build-asan), which sees any read past the caller's buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "nx.h"

static nx_engine_t *eng;
static nx_arena_t *arena;

/* nx_extract() on an exact-size heap copy of s: no NUL after the text. */
static nx_result_t extract_unterminated(const char *s) {
        size_t len = strlen(s);
        char *buf = malloc(len);
        assert_non_null(buf);
        memcpy(buf, s, len);
        nx_arena_reset(arena);
        nx_result_t res;
        char err[256];
        nx_dct_t dct = {2023, 10, 7, -1, -1};
        assert_int_equal(nx_extract(eng, buf, len, &dct, arena, &res, err, sizeof(err)), 0);
        free(buf);
        return res;
}

/* fuzz_figures / fuzz_summits found it: a number at the very end of a text that has
 * no NUL after it made figures.c scan past the buffer with strspn/strtod. */
static void test_number_at_end_of_unterminated_text(void **state) {
        (void)state;
        static const char *const cases[] = {
                "Officials said 201 people have been killed and 745",
                "The Boeing 737", "1e6", "22,24,26,31", "about 1,745", "745",
                "It cost $13.8", "up 4.5",
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                nx_result_t r = extract_unterminated(cases[i]);
                for (size_t k = 0; k < r.n_figures; k++)
                        assert_true(r.figures[k].end <= strlen(cases[i]));
        }
}

/* fuzz_dates found it: a duration count beyond the range of long was cast to
 * long (undefined; UBSan aborts build-asan) */
static void test_huge_duration_counts(void **state) {
        (void)state;
        static const char *const cases[] = {
                "The talks lasted 44444444444444444444444444 hours.",
                "It took 44444444444444444444444444.5 hours and 1e30 minutes.",
                "a lease of 99999999999999999999999.5 years, 1e300 days, 4444444444444444444.5 months",
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
                extract_unterminated(cases[i]);
}

/* fuzz_dates / fuzz_summits found them: a rule that looks at the token after the
 * last one ("since the start of", "X meets with") read past the token array */
static void test_rule_at_the_last_token(void **state) {
        (void)state;
        static const char *const cases[] = {
                "Protests went on in Kyiv since the start of",
                "It has been so since the beginning of", "fiscal", "the end of fiscal",
                "a $785 billion budget for the next fiscal",
                "US envoy Steve Witkoff meets with", "Putin will meet with",
                "a meeting of", "President Biden held talks with",
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
                extract_unterminated(cases[i]);
}

/* fuzz_article found it: a 19-digit number in the envelope overflowed the
 * scanner's long long (envelope.c) */
static void test_long_numbers_in_the_envelope(void **state) {
        (void)state;
        static const char *const cases[] = {
                "{\"id\":9999999999999999999999999999,\"body\":\"Putin met Xi.\"}",
                "{\"id\":-9999999999999999999,\"body\":\"Putin met Xi.\"}",
                "{\"id\":999999999999999999,\"body\":\"Putin met Xi.\"}",
                "{\"id\":9223372036854775807,\"body\":\"x\",\"n\":1234567890123456789.5}",
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                size_t len = strlen(cases[i]);
                char *buf = malloc(len);
                assert_non_null(buf);
                memcpy(buf, cases[i], len);
                nx_arena_reset(arena);
                nw_article_t art;
                char err[256];
                nw_article_meta_t meta = {.timestamp_ms = -1};
                nw_article_error_t e = nw_article_decode(buf, len, &meta, 1u << 20, arena, &art,
                                                         err, sizeof(err));
                assert_true(e == NW_ART_OK || e == NW_ART_JSON_INVALID || e == NW_ART_FIELD_TYPE);
                free(buf);
        }
}

/* a 1 MB word without spaces, and deep brackets: no crash, bounded time */
static void test_pathological_text(void **state) {
        (void)state;
        size_t n = 1u << 20;
        char *s = malloc(n + 1);
        assert_non_null(s);
        memset(s, 'a', n);
        s[n] = '\0';
        extract_unterminated(s);
        for (size_t i = 0; i < n; i++)
                s[i] = "([{7"[i % 4];
        extract_unterminated(s);
        free(s);
}

/* nested date phrases ("the end of the end of ... March") re-enter the date
 * recognizers once per level: repeated 20,000 times they overflowed the stack */
static void test_nested_date_phrases(void **state) {
        (void)state;
        static const char *const units[] = {"the end of ", "the week of ", "the day before "};
        size_t reps = 20000;
        for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
                size_t ul = strlen(units[u]);
                char *s = malloc(reps * ul + 16);
                assert_non_null(s);
                for (size_t i = 0; i < reps; i++)
                        memcpy(s + i * ul, units[u], ul);
                strcpy(s + reps * ul, "March 5.");
                nx_result_t r = extract_unterminated(s);
                assert_true(r.n_dates >= 1);
                free(s);
        }
}

static int setup(void **state) {
        (void)state;
        char err[256];
        eng = nx_engine_new(NULL, err, sizeof(err));
        arena = nx_arena_new(0);
        return eng && arena ? 0 : -1;
}

static int teardown(void **state) {
        (void)state;
        nx_arena_destroy(arena);
        nx_engine_destroy(eng);
        return 0;
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_number_at_end_of_unterminated_text),
                cmocka_unit_test(test_huge_duration_counts),
                cmocka_unit_test(test_long_numbers_in_the_envelope),
                cmocka_unit_test(test_rule_at_the_last_token),
                cmocka_unit_test(test_pathological_text),
                cmocka_unit_test(test_nested_date_phrases),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
