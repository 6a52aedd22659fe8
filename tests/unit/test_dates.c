/*
 * test_dates.c - the dates extractor (TIMEX3), table-driven.
 *
 * Cases live in tests/data/dates_cases.tsv, one a line, tab-separated:
 *
 *   name  DCT(YYYY-MM-DD or -)  order(MDY|DMY)  text  expected
 *
 * expected is "-" for no temporal expression, else items joined by " ;; ",
 * each "extent|TYPE|value[|mod]" in text order. The extent is the exact
 * substring tagged; mod, when given, must match (use "-" for none); when left
 * out it is not checked. Lines starting with '#' are comments. The runner
 * walks every case, prints each failing case's name, input, expected and got,
 * and fails when any case fails. A second test checks nx_dateline_dct().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx.h"

#ifndef NW_TEST_DATA_DIR
#define NW_TEST_DATA_DIR "tests/data"
#endif

static nx_engine_t *eng_mdy, *eng_dmy;

static int setup(void **st) {
        (void)st;
        char err[256];
        nx_options_t o;
        nx_options_init(&o);
        o.actors = o.figures = o.summits = 0;
        eng_mdy = nx_engine_new(&o, err, sizeof err);
        o.date_order = NX_ORDER_DMY;
        eng_dmy = nx_engine_new(&o, err, sizeof err);
        return eng_mdy && eng_dmy ? 0 : -1;
}

static int teardown(void **st) {
        (void)st;
        nx_engine_destroy(eng_mdy);
        nx_engine_destroy(eng_dmy);
        return 0;
}

/* Renders the result in the expected column's syntax (mods always shown). */
static void render(const char *text, const nx_result_t *r, char *buf, size_t size, int with_mod_mask,
                   const int *want_mod) {
        size_t o = 0;
        buf[0] = 0;
        if (r->n_dates == 0) {
                snprintf(buf, size, "-");
                return;
        }
        for (size_t i = 0; i < r->n_dates && o < size; i++) {
                const nx_timex_t *t = &r->dates[i];
                int show_mod = !with_mod_mask || (want_mod && want_mod[i]);
                o += (size_t)snprintf(buf + o, size - o, "%s%.*s|%s|%s", i ? " ;; " : "",
                                      (int)(t->end - t->start), text + t->start,
                                      nx_timex_type_name(t->type), t->value);
                if (o < size && show_mod)
                        o += (size_t)snprintf(buf + o, size - o, "|%s", t->mod ? t->mod : "-");
        }
}

/* Which expected items give a mod (4th field). */
static int parse_mod_mask(const char *exp, int *mask, int max) {
        int n = 0;
        const char *p = exp;
        while (*p && n < max) {
                const char *e = strstr(p, " ;; ");
                size_t len = e ? (size_t)(e - p) : strlen(p);
                int bars = 0;
                for (size_t k = 0; k < len; k++)
                        bars += p[k] == '|';
                mask[n++] = bars >= 3;
                if (!e)
                        break;
                p = e + 4;
        }
        return n;
}

static void test_cases(void **st) {
        (void)st;
        char path[1024];
        snprintf(path, sizeof path, "%s/dates_cases.tsv", NW_TEST_DATA_DIR);
        FILE *f = fopen(path, "r");
        if (!f)
                fail_msg("cannot open %s", path);
        char *line = NULL;
        size_t cap = 0;
        int n = 0, failed = 0, lineno = 0;
        nx_arena_t *arena = nx_arena_new(0);
        while (getline(&line, &cap, f) > 0) {
                lineno++;
                line[strcspn(line, "\r\n")] = 0;
                if (!line[0] || line[0] == '#')
                        continue;
                char *fld[5];
                char *p = line;
                int k;
                for (k = 0; k < 5; k++) {
                        fld[k] = p;
                        char *tab = strchr(p, '\t');
                        if (!tab)
                                break;
                        *tab = 0;
                        p = tab + 1;
                }
                if (k < 4) {
                        printf("dates_cases.tsv:%d: malformed line\n", lineno);
                        failed++;
                        continue;
                }
                const char *name = fld[0], *dcts = fld[1], *order = fld[2], *text = fld[3],
                           *exp = fld[4];
                nx_dct_t dct = {0, 0, 0, -1, -1};
                if (strcmp(dcts, "-"))
                        sscanf(dcts, "%d-%d-%d", &dct.year, &dct.month, &dct.day);
                nx_arena_reset(arena);
                nx_result_t res;
                char err[256];
                const nx_engine_t *eng = !strcmp(order, "DMY") ? eng_dmy : eng_mdy;
                if (nx_extract(eng, text, strlen(text), &dct, arena, &res, err, sizeof err)) {
                        printf("FAIL %s: extraction error %s\n", name, err);
                        failed++;
                        continue;
                }
                int mask[64] = {0};
                int nm = parse_mod_mask(exp, mask, 64);
                (void)nm;
                char got[4096];
                render(text, &res, got, sizeof got, 1, mask);
                n++;
                if (strcmp(got, exp)) {
                        failed++;
                        printf("FAIL %s (line %d)\n  input:    %s  [DCT %s %s]\n  expected: %s\n  got:      %s\n",
                               name, lineno, text, dcts, order, exp, got);
                }
        }
        free(line);
        fclose(f);
        nx_arena_destroy(arena);
        printf("dates_cases: %d cases, %d failed\n", n, failed);
        assert_true(n >= 300);
        assert_int_equal(failed, 0);
}

static void test_dateline(void **st) {
        (void)st;
        struct {
                const char *text;
                int fallback, found, y, m, d;
        } c[] = {
                {"MOSCOW, Dec 30 (Reuters) - Russia said", 2022, 1, 2022, 12, 30},
                {"WASHINGTON, March 3, 2023 -- The", 0, 1, 2023, 3, 3},
                {"LONDON, 30 December 2022 (AFP) - ", 0, 1, 2022, 12, 30},
                {"BEIJING, Sept. 5 (Xinhua) -- ", 2021, 1, 2021, 9, 5},
                {"KYIV, Ukraine, Jan 2 (Reuters)", 2023, 0, 0, 0, 0},
                {"MOSCOW, Dec 30 (Reuters) -", 0, 0, 0, 0, 0},
                {"Moscow said on Dec 30 that", 2022, 0, 0, 0, 0},
                {"NEW YORK, Feb 30 (Reuters)", 2022, 0, 0, 0, 0},
                {"", 2022, 0, 0, 0, 0},
        };
        for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
                nx_dct_t d = {0, 0, 0, -1, -1};
                int got = nx_dateline_dct(c[i].text, strlen(c[i].text), c[i].fallback, &d);
                if (got != c[i].found || (got && (d.year != c[i].y || d.month != c[i].m || d.day != c[i].d)))
                        fail_msg("dateline %zu '%s': want %d %04d-%02d-%02d got %d %04d-%02d-%02d", i,
                                 c[i].text, c[i].found, c[i].y, c[i].m, c[i].d, got, d.year, d.month, d.day);
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_cases),
                cmocka_unit_test(test_dateline),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
