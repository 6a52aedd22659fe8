/*
 * test_actors.c - table-driven tests of the actors extractor and its
 * gazetteer API (cmocka).
 *
 * Cases live in tests/data/actors_cases.tsv, one per line:
 *   name <TAB> input text <TAB> expectations separated by " ; "
 * An expectation is one of:
 *   TYPE:mention[>Canonical][@ISO][+Role][^]   an actor of TYPE (PERSON, ORG,
 *        GPE, NORP) has a mention with exactly that text; optionally its
 *        canonical name, country, role; "^" = head_of_state is 1
 *   -mention            no actor has a mention with exactly that text
 *   same:a|b            mentions a and b belong to one actor
 *   count:N             exactly N actors
 * In the input, "\n" stands for a newline. The runner prints each failing
 * case's name, input, the expectation and what the extractor produced.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "gazetteer.h"
#include "nx.h"

static nx_engine_t *eng;

static int setup(void **state) {
        char err[256];
        (void)state;
        eng = nx_engine_new(NULL, err, sizeof(err));
        if (!eng)
                fprintf(stderr, "engine: %s\n", err);
        return eng ? 0 : -1;
}

static int teardown(void **state) {
        (void)state;
        nx_engine_destroy(eng);
        return 0;
}

/* Finds the actor with a mention spelling m; sets *mi to that mention. */
static const nx_actor_t *find_mention(const nx_result_t *r, const char *text,
                                      const char *m) {
        for (size_t i = 0; i < r->n_actors; i++)
                for (size_t k = 0; k < r->actors[i].n_mentions; k++) {
                        const nx_mention_t *x = &r->actors[i].mentions[k];
                        if (x->end - x->start == strlen(m) &&
                            !memcmp(text + x->start, m, strlen(m)))
                                return &r->actors[i];
                }
        return NULL;
}

static void dump(const nx_result_t *r, const char *text, char *buf, size_t size) {
        size_t n = 0;
        buf[0] = '\0';
        for (size_t i = 0; i < r->n_actors && n < size; i++) {
                const nx_actor_t *a = &r->actors[i];
                n += (size_t)snprintf(buf + n, size - n, "  %s %s @%s +%s%s [",
                                      nx_actor_type_name(a->type), a->name,
                                      a->country, a->role ? a->role : "-",
                                      a->head_of_state ? " ^" : "");
                for (size_t k = 0; k < a->n_mentions && n < size; k++)
                        n += (size_t)snprintf(buf + n, size - n, "%s\"%.*s\"@%u",
                                              k ? ", " : "",
                                              (int)(a->mentions[k].end - a->mentions[k].start),
                                              text + a->mentions[k].start,
                                              a->mentions[k].start);
                if (n < size)
                        n += (size_t)snprintf(buf + n, size - n, "]\n");
        }
}

/* Checks one expectation; returns NULL when it holds, else a reason. */
static const char *check(const nx_result_t *r, const char *text, char *exp) {
        if (!strncmp(exp, "count:", 6))
                return (size_t)atoi(exp + 6) == r->n_actors ? NULL : "wrong number of actors";
        if (exp[0] == '-')
                return find_mention(r, text, exp + 1) ? "unexpected mention" : NULL;
        if (!strncmp(exp, "same:", 5)) {
                char *bar = strchr(exp + 5, '|');
                if (!bar)
                        return "bad same: expectation";
                *bar = '\0';
                const nx_actor_t *a = find_mention(r, text, exp + 5);
                const nx_actor_t *b = find_mention(r, text, bar + 1);
                *bar = '|';
                if (!a || !b)
                        return "mention missing";
                return a == b ? NULL : "mentions in different actors";
        }
        char *colon = strchr(exp, ':');
        if (!colon)
                return "bad expectation";
        *colon = '\0';
        const char *type = exp;
        char *m = colon + 1;
        char *name = NULL, *iso = NULL, *role = NULL;
        int hos = 0;
        size_t len = strlen(m);
        if (len && m[len - 1] == '^') {
                hos = 1;
                m[--len] = '\0';
        }
        char *p;
        if ((p = strchr(m, '+'))) {
                *p = '\0';
                role = p + 1;
        }
        if ((p = strchr(m, '@'))) {
                *p = '\0';
                iso = p + 1;
        }
        if ((p = strchr(m, '>'))) {
                *p = '\0';
                name = p + 1;
        }
        const nx_actor_t *a = find_mention(r, text, m);
        const char *why = NULL;
        if (!a)
                why = "mention missing";
        else if (strcmp(nx_actor_type_name(a->type), type))
                why = "wrong type";
        else if (name && strcmp(a->name, name))
                why = "wrong canonical name";
        else if (iso && strcmp(a->country, iso))
                why = "wrong country";
        else if (role && (!a->role || strcmp(a->role, role)))
                why = "wrong role";
        else if (hos && !a->head_of_state)
                why = "not head_of_state";
        /* restore for printing */
        if (p)
                (void)p;
        *colon = ':';
        return why;
}

static void unescape(char *s) {
        char *w = s;
        for (char *r = s; *r; r++) {
                if (r[0] == '\\' && r[1] == 'n') {
                        *w++ = '\n';
                        r++;
                } else {
                        *w++ = *r;
                }
        }
        *w = '\0';
}

static void test_cases(void **state) {
        (void)state;
        const char *path = NW_TEST_DATA_DIR "/actors_cases.tsv";
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        nx_arena_t *ar = nx_arena_new(0);
        assert_non_null(ar);
        char *line = NULL;
        size_t cap = 0;
        int cases = 0, failed = 0, lineno = 0;
        static char got[16384];
        while (getline(&line, &cap, f) > 0) {
                lineno++;
                line[strcspn(line, "\r\n")] = '\0';
                if (!line[0] || line[0] == '#')
                        continue;
                char *name = line, *text = strchr(line, '\t');
                if (!text) {
                        fprintf(stderr, "%s:%d: malformed line\n", path, lineno);
                        failed++;
                        continue;
                }
                *text++ = '\0';
                char *exps = strchr(text, '\t');
                if (!exps) {
                        fprintf(stderr, "%s:%d: no expectations\n", path, lineno);
                        failed++;
                        continue;
                }
                *exps++ = '\0';
                unescape(text);
                cases++;
                nx_result_t r;
                char err[256];
                nx_arena_reset(ar);
                nx_dct_t dct = {2022, 12, 30, -1, -1};
                if (nx_extract(eng, text, strlen(text), &dct, ar, &r, err, sizeof(err))) {
                        fprintf(stderr, "FAIL %s: extract: %s\n", name, err);
                        failed++;
                        continue;
                }
                char *save = NULL;
                int case_failed = 0;
                for (char *e = strtok_r(exps, ";", &save); e; e = strtok_r(NULL, ";", &save)) {
                        while (*e == ' ')
                                e++;
                        size_t el = strlen(e);
                        while (el && e[el - 1] == ' ')
                                e[--el] = '\0';
                        if (!el)
                                continue;
                        char copy[512];
                        snprintf(copy, sizeof(copy), "%s", e);
                        const char *why = check(&r, text, e);
                        if (why) {
                                if (!case_failed) {
                                        dump(&r, text, got, sizeof(got));
                                        fprintf(stderr, "FAIL %s (line %d)\n  input:    %s\n",
                                                name, lineno, text);
                                }
                                fprintf(stderr, "  expected: %s  (%s)\n", copy, why);
                                case_failed = 1;
                        }
                }
                if (case_failed) {
                        fprintf(stderr, "  got:\n%s", got);
                        failed++;
                }
        }
        free(line);
        fclose(f);
        nx_arena_destroy(ar);
        fprintf(stderr, "actors: %d cases, %d failed\n", cases, failed);
        assert_true(cases >= 200);
        assert_int_equal(failed, 0);
}

/* The gazetteer API the summits extractor uses. */
static void test_gazetteer_api(void **state) {
        (void)state;
        const nx_gaz_entry_t *e;
        e = nx_gaz_lookup(eng, "G-20", 4);
        assert_non_null(e);
        assert_string_equal(e->name, "G20");
        assert_int_equal(e->kind, NX_GAZ_IO);
        assert_ptr_equal(nx_gaz_lookup(eng, "G20", 3), e);
        e = nx_gaz_lookup(eng, "Shanghai  Cooperation Organisation", 34);
        assert_non_null(e);
        assert_string_equal(e->abbr, "SCO");
        assert_true(nx_gaz_is_member(e, "CHN"));
        assert_true(nx_gaz_is_member(e, "RUS"));
        assert_false(nx_gaz_is_member(e, "USA"));
        e = nx_gaz_lookup(eng, "NATO", 4);
        assert_non_null(e);
        assert_int_equal(e->type, NX_ACTOR_ORG);
        assert_true(nx_gaz_is_member(e, "USA"));
        assert_null(nx_gaz_lookup(eng, "nato", 4)); /* abbreviations keep their case */
        assert_null(nx_gaz_lookup(eng, "us", 2));
        e = nx_gaz_lookup(eng, "US", 2);
        assert_non_null(e);
        assert_string_equal(e->iso3, "USA");
        assert_string_equal(e->name, "United States");
        e = nx_gaz_lookup(eng, "Putin", 5);
        assert_non_null(e);
        assert_int_equal(e->kind, NX_GAZ_LEADER);
        assert_string_equal(e->iso3, "RUS");
        assert_true(e->head_of_state);
        assert_string_equal(e->name, "Vladimir Putin");
        e = nx_gaz_lookup(eng, "Xi Jinping", 10);
        assert_null(nx_gaz_lookup(eng, "moscow", 6));
        assert_non_null(e);
        assert_string_equal(e->iso3, "CHN");
        e = nx_gaz_lookup(eng, "Moscow", 6);
        assert_non_null(e);
        assert_int_equal(e->type, NX_ACTOR_GPE);
        assert_string_equal(e->iso3, "RUS");
        for (const char *const *o = (const char *const[]){"ASEAN", "EU", "BRICS", "African Union",
                                                          "European Union", "SCO", "G7", NULL};
             *o; o++) {
                e = nx_gaz_lookup(eng, *o, strlen(*o));
                if (!e)
                        fprintf(stderr, "gazetteer lacks %s\n", *o);
                assert_non_null(e);
                assert_int_equal(e->type, NX_ACTOR_ORG);
        }
        e = nx_gaz_leader("IND", "Prime Minister");
        assert_non_null(e);
        assert_string_equal(e->name, "Narendra Modi");
        assert_null(nx_gaz_lookup(eng, "", 0));
        assert_null(nx_gaz_lookup(eng, "Blorfington", 11));
}

/* Offsets are bytes into UTF-8 text; nothing is found in empty input. */
static void test_offsets_and_edges(void **state) {
        (void)state;
        nx_arena_t *ar = nx_arena_new(0);
        nx_result_t r;
        char err[128];
        const char *t = "“Très bien”, said Emmanuel Macron in Paris.";
        assert_int_equal(nx_extract(eng, t, strlen(t), NULL, ar, &r, err, sizeof(err)), 0);
        const nx_actor_t *a = find_mention(&r, t, "Emmanuel Macron");
        assert_non_null(a);
        assert_int_equal(a->mentions[0].start, (uint32_t)(strstr(t, "Emmanuel") - t));
        assert_string_equal(a->country, "FRA");
        nx_arena_reset(ar);
        assert_int_equal(nx_extract(eng, "", 0, NULL, ar, &r, err, sizeof(err)), 0);
        assert_int_equal(r.n_actors, 0);
        nx_arena_reset(ar);
        /* a tiny arena: extraction fails cleanly */
        nx_arena_t *small = nx_arena_new(1024);
        nx_arena_set_limit(small, 2048);
        const char *big = "Vladimir Putin met Xi Jinping in Moscow. Russia and China signed deals. "
                          "Vladimir Putin met Xi Jinping in Moscow. Russia and China signed deals. "
                          "Vladimir Putin met Xi Jinping in Moscow. Russia and China signed deals.";
        int rc = nx_extract(eng, big, strlen(big), NULL, small, &r, err, sizeof(err));
        assert_true(rc == 0 || rc == -1);
        nx_arena_destroy(small);
        nx_arena_destroy(ar);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_gazetteer_api),
                cmocka_unit_test(test_offsets_and_edges),
                cmocka_unit_test(test_cases),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
