/*
 * test_summits.c - the summits extractor, table-driven from
 * tests/data/summits_cases.tsv (one case a line, curl-style: input and
 * expected output in data, one runner).
 *
 * The summit extractor reads actors and dates found by the extractors that
 * run before it. To test it alone, each case gives them by hand, so a case
 * fails only for a summits bug:
 *
 *   name <TAB> dct <TAB> text <TAB> actors <TAB> dates <TAB> expected
 *
 *   dct       YYYY-MM-DD or "-"
 *   actors    "-" or ";"-separated entities "Surface[|Surface2...]:T[:CCC][:H]"
 *             T is P(ERSON) O(RG) G(PE) N(ORP); CCC the ISO alpha-3 country;
 *             H marks a head of state/government. The canonical name is the
 *             first surface; every whole-word occurrence of each surface in
 *             the text becomes a mention (longer surfaces first).
 *   dates     "-" or ";"-separated "surface=VALUE" (TIMEX3 DATE).
 *   expected  "-" for no summit, or ";"-separated summits in output order,
 *             each "key[@mention text][/attr...]": key is the summit's key
 *             ("null" for none); @text must be inside one of its mentions;
 *             each /attr must equal its status or format, or be
 *             "date=V", "loc=TEXT" (V/TEXT "null" for none), "with=Name" or
 *             "without=Name" (a participant's canonical name).
 *
 * A line "auto" in the actors column runs the real nx_extract() pipeline
 * (dates and actors from their extractors) instead of the hand-made ones.
 * Failures print the case name, the input, what was expected and what came
 * out; the test fails when any case does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "summits.h"

static nx_engine_t *eng;
static nx_arena_t *arena;

static int is_wordch(char ch) { return isalnum((unsigned char)ch) || (unsigned char)ch >= 0x80; }

/* adds a mention of actor a for every whole-word occurrence of surf in text
 * not already covered by a mention of any actor */
static void add_mentions(nx_result_t *res, nx_actor_t *a, const char *text, const char *surf,
                         size_t slen) {
        size_t tl = strlen(text);
        for (size_t i = 0; i + slen <= tl; i++) {
                if (memcmp(text + i, surf, slen))
                        continue;
                if ((i > 0 && is_wordch(text[i - 1]) && is_wordch(surf[0])) ||
                    (i + slen < tl && is_wordch(text[i + slen]) && is_wordch(surf[slen - 1])))
                        continue;
                int taken = 0;
                for (size_t k = 0; k < res->n_actors && !taken; k++)
                        for (size_t m = 0; m < res->actors[k].n_mentions; m++)
                                if (res->actors[k].mentions[m].start < i + slen &&
                                    i < res->actors[k].mentions[m].end)
                                        taken = 1;
                if (taken)
                        continue;
                nx_mention_t *mm = nx_vec_push(arena, (void **)&a->mentions, &a->n_mentions,
                                               &a->cap_mentions, sizeof(*mm));
                assert_non_null(mm);
                mm->start = (uint32_t)i;
                mm->end = (uint32_t)(i + slen);
        }
}

static int cmp_mention(const void *x, const void *y) {
        const nx_mention_t *a = x, *b = y;
        return (int)a->start - (int)b->start;
}

/* builds actors from the spec (see the header comment) */
static void build_actors(nx_result_t *res, const char *text, char *spec) {
        if (!strcmp(spec, "-"))
                return;
        /* two passes: longest surfaces first, so "Vladimir Putin" wins over "Putin" */
        char *ents[64];
        size_t ne = 0;
        for (char *e = strtok(spec, ";"); e && ne < 64; e = strtok(NULL, ";"))
                ents[ne++] = e;
        nx_actor_t *acts[64];
        char *surfs[64][8];
        size_t nsurf[64];
        for (size_t k = 0; k < ne; k++) {
                char *fields[5] = {0};
                size_t nf = 0;
                char *p = ents[k];
                while (nf < 5) {
                        fields[nf++] = p;
                        char *colon = strchr(p, ':');
                        if (!colon)
                                break;
                        *colon = '\0';
                        p = colon + 1;
                }
                nx_actor_t *a = nx_vec_push(arena, (void **)&res->actors, &res->n_actors, &res->cap_actors,
                                            sizeof(*a));
                assert_non_null(a);
                acts[k] = NULL;
                nsurf[k] = 0;
                for (char *s = fields[0]; s && nsurf[k] < 8;) {
                        char *bar = strchr(s, '|');
                        if (bar)
                                *bar = '\0';
                        surfs[k][nsurf[k]++] = s;
                        s = bar ? bar + 1 : NULL;
                }
                a->name = surfs[k][0];
                char t = nf > 1 ? fields[1][0] : 'P';
                a->type = t == 'O' ? NX_ACTOR_ORG : t == 'G' ? NX_ACTOR_GPE : t == 'N' ? NX_ACTOR_NORP
                                                                                      : NX_ACTOR_PERSON;
                for (size_t f = 2; f < nf; f++) {
                        if (!strcmp(fields[f], "H"))
                                a->head_of_state = 1;
                        else if (strlen(fields[f]) == 3)
                                memcpy(a->country, fields[f], 4);
                }
        }
        /* the actors array may have moved while growing: take pointers now */
        for (size_t k = 0; k < ne; k++)
                acts[k] = &res->actors[res->n_actors - ne + k];
        /* mentions, longest surface first across all actors */
        for (;;) {
                size_t bk = 0, bs = 0, bl = 0;
                for (size_t k = 0; k < ne; k++)
                        for (size_t s = 0; s < nsurf[k]; s++)
                                if (surfs[k][s] && strlen(surfs[k][s]) > bl) {
                                        bl = strlen(surfs[k][s]);
                                        bk = k;
                                        bs = s;
                                }
                if (!bl)
                        break;
                add_mentions(res, acts[bk], text, surfs[bk][bs], bl);
                surfs[bk][bs] = NULL;
        }
        for (size_t k = 0; k < ne; k++)
                qsort(acts[k]->mentions, acts[k]->n_mentions, sizeof(nx_mention_t), cmp_mention);
}

static void build_dates(nx_result_t *res, const char *text, char *spec) {
        if (!strcmp(spec, "-"))
                return;
        for (char *e = strtok(spec, ";"); e; e = strtok(NULL, ";")) {
                char *eq = strrchr(e, '=');
                assert_non_null(eq);
                *eq = '\0';
                const char *hit = strstr(text, e);
                if (!hit)
                        fail_msg("date surface '%s' not in text", e);
                nx_timex_t *x = nx_vec_push(arena, (void **)&res->dates, &res->n_dates, &res->cap_dates,
                                            sizeof(*x));
                assert_non_null(x);
                x->start = (uint32_t)(hit - text);
                x->end = (uint32_t)(x->start + strlen(e));
                x->type = NX_TIMEX_DATE;
                x->value = eq + 1;
        }
}

/* renders what came out like the expected column (with all mentions) */
static void render(const nx_result_t *res, const char *text, char *out, size_t size) {
        size_t o = 0;
        out[0] = '\0';
        if (!res->n_summits) {
                snprintf(out, size, "-");
                return;
        }
        for (size_t i = 0; i < res->n_summits && o < size; i++) {
                const nx_summit_t *s = &res->summits[i];
                o += (size_t)snprintf(out + o, size - o, "%s%s", i ? ";" : "", s->key ? s->key : "null");
                for (size_t m = 0; m < s->n_mentions && o < size; m++)
                        o += (size_t)snprintf(out + o, size - o, "@%.*s",
                                              (int)(s->mentions[m].end - s->mentions[m].start),
                                              text + s->mentions[m].start);
                if (o < size)
                        o += (size_t)snprintf(out + o, size - o, "/%s/%s/date=%s/loc=%s",
                                              nx_summit_status_name(s->status) ? nx_summit_status_name(s->status) : "?",
                                              s->format ? s->format : "?", s->date ? s->date : "null",
                                              s->location ? s->location : "null");
                for (size_t q = 0; q < s->n_participants && o < size; q++)
                        o += (size_t)snprintf(out + o, size - o, "/with=%s", s->participants[q]);
        }
}

/* 1 when res matches the expected column */
static int matches(const nx_result_t *res, const char *text, char *exp) {
        if (!strcmp(exp, "-"))
                return res->n_summits == 0;
        size_t i = 0;
        for (char *item = strtok(exp, ";"); item; item = strtok(NULL, ";"), i++) {
                if (i >= res->n_summits)
                        return 0;
                const nx_summit_t *s = &res->summits[i];
                char *attrs = strchr(item, '/');
                if (attrs)
                        *attrs++ = '\0';
                char *at = strchr(item, '@');
                if (at)
                        *at++ = '\0';
                const char *key = s->key ? s->key : "null";
                if (strcmp(item, key))
                        return 0;
                while (at) { /* each "@text" must lie inside one of its mentions */
                        char *next = strchr(at, '@');
                        if (next)
                                *next++ = '\0';
                        int found = 0;
                        size_t al = strlen(at);
                        for (size_t m = 0; m < s->n_mentions; m++) {
                                const char *ms = text + s->mentions[m].start;
                                size_t ml = s->mentions[m].end - s->mentions[m].start;
                                for (size_t q = 0; q + al <= ml && !found; q++)
                                        found = !memcmp(ms + q, at, al);
                        }
                        if (!found)
                                return 0;
                        at = next;
                }
                while (attrs) {
                        char *next = strchr(attrs, '/');
                        if (next)
                                *next++ = '\0';
                        const char *st = nx_summit_status_name(s->status);
                        if (!strncmp(attrs, "date=", 5)) {
                                const char *v = attrs + 5;
                                if (!strcmp(v, "null") ? s->date != NULL : !(s->date && !strcmp(s->date, v)))
                                        return 0;
                        } else if (!strncmp(attrs, "loc=", 4)) {
                                const char *v = attrs + 4;
                                if (!strcmp(v, "null") ? s->location != NULL
                                                       : !(s->location && !strcmp(s->location, v)))
                                        return 0;
                        } else if (!strncmp(attrs, "with=", 5) || !strncmp(attrs, "without=", 8)) {
                                int want = attrs[1] == 'i' && attrs[4] == '=';
                                const char *v = strchr(attrs, '=') + 1;
                                int has = 0;
                                for (size_t q = 0; q < s->n_participants; q++)
                                        has |= !strcmp(s->participants[q], v);
                                if (has != want)
                                        return 0;
                        } else if (!(st && !strcmp(st, attrs)) && !(s->format && !strcmp(s->format, attrs))) {
                                return 0;
                        }
                        attrs = next;
                }
        }
        return i == res->n_summits;
}

static int run_case(char *line, int lineno) {
        char *col[6];
        size_t n = 0;
        for (char *p = line; n < 6;) {
                col[n++] = p;
                char *tab = strchr(p, '\t');
                if (!tab)
                        break;
                *tab = '\0';
                p = tab + 1;
        }
        if (n != 6) {
                printf("line %d: want 6 tab-separated columns, got %zu\n", lineno, n);
                return 0;
        }
        const char *name = col[0], *text = col[2];
        char exp_copy[2048], actors_copy[2048];
        snprintf(exp_copy, sizeof(exp_copy), "%s", col[5]);
        snprintf(actors_copy, sizeof(actors_copy), "%s", col[3]);
        nx_dct_t dct = {0, 0, 0, -1, -1};
        if (strcmp(col[1], "-"))
                sscanf(col[1], "%d-%d-%d", &dct.year, &dct.month, &dct.day);
        nx_arena_reset(arena);
        nx_result_t res;
        memset(&res, 0, sizeof(res));
        if (!strcmp(col[3], "auto")) {
                char err[256];
                if (nx_extract(eng, text, strlen(text), &dct, arena, &res, err, sizeof(err))) {
                        printf("case %s: nx_extract failed: %s\n", name, err);
                        return 0;
                }
        } else {
                build_actors(&res, text, col[3]);
                build_dates(&res, text, col[4]);
                nx_doc_t doc;
                memset(&doc, 0, sizeof(doc));
                doc.eng = eng;
                doc.text = text;
                doc.len = strlen(text);
                doc.arena = arena;
                doc.dct = dct;
                assert_int_equal(nx_text_tokenize(&doc), 0);
                assert_int_equal(nx_summits_extract(&doc, &res), 0);
        }
        char got[4096];
        render(&res, text, got, sizeof(got));
        if (!matches(&res, text, col[5])) {
                printf("FAIL %s (line %d)\n  input:    %s\n  dct:      %s\n  actors:   %s\n"
                       "  expected: %s\n  got:      %s\n",
                       name, lineno, text, col[1], actors_copy, exp_copy, got);
                return 0;
        }
        return 1;
}

static void test_cases(void **st) {
        (void)st;
        const char *path = NW_TEST_DATA_DIR "/summits_cases.tsv";
        FILE *f = fopen(path, "r");
        if (!f)
                fail_msg("cannot open %s", path);
        char line[8192];
        int lineno = 0, n = 0, ok = 0;
        while (fgets(line, sizeof(line), f)) {
                lineno++;
                line[strcspn(line, "\r\n")] = '\0';
                if (!line[0] || line[0] == '#')
                        continue;
                n++;
                ok += run_case(line, lineno);
        }
        fclose(f);
        printf("summits: %d/%d cases pass\n", ok, n);
        assert_true(n >= 80);
        assert_int_equal(ok, n);
}

/* the key grammar: lower-case ASCII letters, digits and '-' (and UTF-8 from
 * names), no leading/trailing '-', on a document with everything in it */
static void test_key_shape(void **st) {
        (void)st;
        const char *text = "The G-20 summit in Bali was held. Xi will make a state visit to Moscow.";
        nx_arena_reset(arena);
        nx_result_t res;
        memset(&res, 0, sizeof(res));
        nx_dct_t dct = {2022, 12, 30, -1, -1};
        char err[128];
        assert_int_equal(nx_extract(eng, text, strlen(text), &dct, arena, &res, err, sizeof(err)), 0);
        for (size_t i = 0; i < res.n_summits; i++) {
                const char *k = res.summits[i].key;
                if (!k)
                        continue;
                assert_true(k[0] != '-' && k[strlen(k) - 1] != '-');
                for (const char *p = k; *p; p++)
                        assert_true(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-' ||
                                    (unsigned char)*p >= 0x80);
        }
}

/* the arena cap: extraction fails cleanly, never crashes */
static void test_arena_exhausted(void **st) {
        (void)st;
        nx_arena_t *small = nx_arena_new(4096);
        assert_non_null(small);
        nx_arena_set_limit(small, 6000);
        char text[4000];
        size_t o = 0;
        while (o + 40 < sizeof(text))
                o += (size_t)snprintf(text + o, sizeof(text) - o, "The NATO summit in Ankara opens. ");
        nx_result_t res;
        char err[128];
        nx_dct_t dct = {2026, 7, 7, -1, -1};
        int rc = nx_extract(eng, text, o, &dct, small, &res, err, sizeof(err));
        assert_true(rc == 0 || rc == -1);
        nx_arena_destroy(small);
}

static int setup(void **st) {
        (void)st;
        char err[256];
        eng = nx_engine_new(NULL, err, sizeof(err));
        if (!eng) {
                fprintf(stderr, "engine: %s\n", err);
                return -1;
        }
        arena = nx_arena_new(0);
        return arena ? 0 : -1;
}

static int teardown(void **st) {
        (void)st;
        nx_arena_destroy(arena);
        nx_engine_destroy(eng);
        return 0;
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_cases),
                cmocka_unit_test(test_key_shape),
                cmocka_unit_test(test_arena_exhausted),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
