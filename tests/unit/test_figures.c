/*
 * test_figures.c - the figures extractor, table-driven.
 *
 * Walks tests/data/figures_cases.tsv: one case a line, three tab-separated
 * fields, "name <TAB> input <TAB> expected". expected is "-" for no figure,
 * or figures in text order separated by " ;; ", each
 *   TYPE|text|value|value_max|unit|mod|counted
 * with empty fields for none (value_max empty = no range). Values compare
 * with a relative tolerance of 1e-9. The input may use \t, \n and \\ escapes.
 * Only the figures extractor runs (dates, actors and summits are off), so a
 * case tests figures.c alone. Every failing case is printed with its input,
 * expected and got; the test fails if any case fails.
 * Set NW_FIG_DUMP=1 to print each case's result in the expected format.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "nx.h"

static void unescape(char *s) {
        char *o = s;
        for (; *s; s++) {
                if (*s == '\\' && s[1]) {
                        s++;
                        *o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
                } else {
                        *o++ = *s;
                }
        }
        *o = '\0';
}

static void fmt_num(char *buf, size_t size, double v) {
        if (v == floor(v) && fabs(v) < 1e17)
                snprintf(buf, size, "%.0f", v);
        else
                snprintf(buf, size, "%.10g", v);
}

/* Renders one figure as TYPE|text|value|max|unit|mod|counted. */
static void render(const char *text, const nx_figure_t *f, char *buf, size_t size) {
        char v[64], m[64] = "";
        fmt_num(v, sizeof(v), f->value);
        if (f->has_max)
                fmt_num(m, sizeof(m), f->value_max);
        snprintf(buf, size, "%s|%.*s|%s|%s|%s|%s|%s", nx_figure_type_name(f->type),
                 (int)(f->end - f->start), text + f->start, v, m, f->unit ? f->unit : "",
                 f->mod ? f->mod : "", f->counted ? f->counted : "");
}

static int same_value(const char *want, const char *got) {
        if (!*want || !*got)
                return !*want && !*got;
        double a = strtod(want, NULL), b = strtod(got, NULL);
        return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* Compares one expected figure with one rendered figure field by field. */
static int same_figure(const char *want, const char *got) {
        char w[4096], g[4096];
        snprintf(w, sizeof(w), "%s", want);
        snprintf(g, sizeof(g), "%s", got);
        char *wf[7] = {0}, *gf[7] = {0};
        char *p = w, *q = g;
        for (int k = 0; k < 7; k++) {
                wf[k] = p ? p : (char *)"";
                gf[k] = q ? q : (char *)"";
                char *e1 = p ? strchr(p, '|') : NULL, *e2 = q ? strchr(q, '|') : NULL;
                if (e1)
                        *e1 = '\0';
                if (e2)
                        *e2 = '\0';
                p = e1 ? e1 + 1 : NULL;
                q = e2 ? e2 + 1 : NULL;
        }
        for (int k = 0; k < 7; k++) {
                if (k == 2 || k == 3) {
                        if (!same_value(wf[k], gf[k]))
                                return 0;
                } else if (strcmp(wf[k], gf[k])) {
                        return 0;
                }
        }
        return 1;
}

static void test_cases(void **st) {
        (void)st;
        char path[1024];
        snprintf(path, sizeof(path), "%s/figures_cases.tsv", NW_TEST_DATA_DIR);
        FILE *fh = fopen(path, "r");
        assert_non_null(fh);
        nx_options_t opts;
        nx_options_init(&opts);
        opts.dates = opts.actors = opts.summits = 0;
        char err[256];
        nx_engine_t *eng = nx_engine_new(&opts, err, sizeof(err));
        assert_non_null(eng);
        nx_arena_t *arena = nx_arena_new(0);
        assert_non_null(arena);
        int dump = getenv("NW_FIG_DUMP") != NULL;
        char line[4096];
        int n = 0, failed = 0;
        while (fgets(line, sizeof(line), fh)) {
                line[strcspn(line, "\r\n")] = '\0';
                if (!line[0] || line[0] == '#')
                        continue;
                char *name = line, *input = strchr(line, '\t');
                if (!input)
                        fail_msg("malformed line: %s", line);
                *input++ = '\0';
                char *expected = strchr(input, '\t');
                if (!expected)
                        fail_msg("%s: no expected field", name);
                *expected++ = '\0';
                unescape(input);
                nx_arena_reset(arena);
                nx_result_t res;
                assert_int_equal(nx_extract(eng, input, strlen(input), NULL, arena, &res, err, sizeof(err)), 0);
                char got[4096] = "";
                size_t o = 0;
                for (size_t i = 0; i < res.n_figures; i++) {
                        char one[512];
                        render(input, &res.figures[i], one, sizeof(one));
                        o += (size_t)snprintf(got + o, sizeof(got) - o, "%s%s", i ? " ;; " : "", one);
                        if (o >= sizeof(got))
                                break;
                }
                if (!res.n_figures)
                        snprintf(got, sizeof(got), "-");
                if (dump)
                        printf("%s\t%s\t%s\n", name, input, got);
                /* compare figure lists */
                int ok = 1;
                if (!strcmp(expected, "-")) {
                        ok = res.n_figures == 0;
                } else {
                        char exp[4096];
                        snprintf(exp, sizeof(exp), "%s", expected);
                        size_t idx = 0;
                        char *save = exp;
                        while (save && ok) {
                                char *sep = strstr(save, " ;; ");
                                if (sep)
                                        *sep = '\0';
                                if (idx >= res.n_figures) {
                                        ok = 0;
                                        break;
                                }
                                char one[512];
                                render(input, &res.figures[idx], one, sizeof(one));
                                ok = same_figure(save, one);
                                idx++;
                                save = sep ? sep + 4 : NULL;
                        }
                        if (ok && idx != res.n_figures)
                                ok = 0;
                }
                n++;
                if (!ok) {
                        failed++;
                        printf("FAIL %s\n  input:    %s\n  expected: %s\n  got:      %s\n", name, input,
                               expected, got);
                }
        }
        fclose(fh);
        printf("figures: %d cases, %d failed\n", n, failed);
        nx_arena_destroy(arena);
        nx_engine_destroy(eng);
        assert_true(n >= 300);
        assert_int_equal(failed, 0);
}

/* The engine must refuse nothing and find nothing in empty or odd input. */
static void test_edge_inputs(void **st) {
        (void)st;
        nx_options_t opts;
        nx_options_init(&opts);
        opts.dates = opts.actors = opts.summits = 0;
        char err[256];
        nx_engine_t *eng = nx_engine_new(&opts, err, sizeof(err));
        assert_non_null(eng);
        nx_arena_t *arena = nx_arena_new(0);
        const char *inputs[] = {"", "$", "-", "between", "at least", "a", "1/", "^", "1.1^",
                                "12e", "x10^", "US$", "\xc2\xbd", "point five", "and a half"};
        for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
                nx_result_t res;
                nx_arena_reset(arena);
                assert_int_equal(nx_extract(eng, inputs[i], strlen(inputs[i]), NULL, arena, &res, err, sizeof(err)), 0);
        }
        /* a tiny arena budget makes extraction fail cleanly, not crash */
        nx_arena_t *small = nx_arena_new(1024);
        nx_arena_set_limit(small, 2048);
        char big[8192];
        size_t o = 0;
        while (o + 20 < sizeof(big))
                o += (size_t)snprintf(big + o, sizeof(big) - o, "%zu people, ", o);
        nx_result_t res;
        int rc = nx_extract(eng, big, o, NULL, small, &res, err, sizeof(err));
        assert_true(rc == 0 || rc == -1);
        nx_arena_destroy(small);
        nx_arena_destroy(arena);
        nx_engine_destroy(eng);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_cases),
                cmocka_unit_test(test_edge_inputs),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
