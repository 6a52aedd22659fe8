/*
 * test_actors_fast.c - the actors extractor's fast paths against the plain
 * ways they replace, on random texts made of real names, titles, connectors,
 * punctuation and odd bytes (cmocka).
 *
 * It includes actors.c itself, so that its static helpers can be called; the
 * linker then takes no actors.o from libnx (every symbol it would bring is
 * defined here).
 */
#include "nw_test.h"

#include <ctype.h>
#include <strings.h>

#include "actors.c"

static nx_engine_t *eng;
static nx_arena_t *arena;

static size_t n_titles; /* in nx_actor_titles */
static unsigned seed = 9090;
static unsigned rnd(unsigned n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % n;
}

/* A random text: gazetteer aliases and titles in several cases, given names,
 * connectors, punctuation, digits, curly quotes and control bytes. */
static size_t random_text(char *out, size_t max) {
        static const char *const fill[] = {
                " ", " ", " ", " the ", " of ", " and ", " said ", ", ", ". ", " - ", "-", " ’s ",
                "'s ", " The ", " & ", "\n", " Of ", " ANNOUNCED ", " U.S. ", " (", ") ", " A380 ",
                " Mr. ", " president ", " who ", " \x07s ", " THE ", " Inc. ", " Boeing ", " 787 ",
                " “", "” ", " in ", " for the ", " John ", " Smith ", " Corp ", " Minister "};
        size_t nf = sizeof(fill) / sizeof(fill[0]), o = 0, parts = 2 + rnd(30);
        for (size_t p = 0; p < parts && o + 200 < max; p++) {
                const char *k;
                if (rnd(3) == 0)
                        k = nx_gaz_aliases[rnd((unsigned)nx_gaz_n_aliases)].key;
                else if (rnd(2) == 0)
                        k = nx_actor_titles[rnd((unsigned)n_titles)].key;
                else
                        k = fill[rnd((unsigned)nf)];
                unsigned style = rnd(4); /* title case, upper, as is, lower */
                int word_start = 1;
                for (const char *q = k; *q && o + 8 < max; q++) {
                        unsigned char ch = (unsigned char)*q;
                        if ((style == 0 && word_start) || style == 1)
                                ch = (unsigned char)toupper(ch);
                        else if (style == 3)
                                ch = (unsigned char)tolower(ch);
                        out[o++] = (char)ch;
                        word_start = ch == ' ' || ch == '-';
                }
                out[o++] = ' ';
        }
        out[o] = '\0';
        return o;
}

/* Tokenizes text into doc and readies an actors context over it, as
 * nx_actors_extract() does before its chunks. */
static void ready(ctx_t *c, nx_doc_t *doc, nx_result_t *res, const char *text, size_t len) {
        memset(doc, 0, sizeof(*doc));
        memset(res, 0, sizeof(*res));
        memset(c, 0, sizeof(*c));
        doc->eng = eng;
        doc->text = text;
        doc->len = len;
        doc->arena = arena;
        assert_int_equal(nx_text_tokenize(doc), 0);
        c->doc = doc;
        c->d = eng->actors;
        c->res = res;
        assert_int_equal(prepare(c), 0);
}

/* tok_word() against strncasecmp() (the "C" locale), upper_ascii() against
 * toupper(), the cached hashes against a fresh computation, the word class
 * cache against the key map. */
static void test_token_helpers(void **st) {
        (void)st;
        static const char *const words[] = {"the", "of", "for", "and", "or", "who", "'s", "s",
                                            "a", "its", "their", "an", "on", "said"};
        for (int b = 0; b < 256; b++)
                assert_int_equal(upper_ascii((char)b), toupper(b));
        char text[4096];
        size_t tokens = 0;
        for (int round = 0; round < 3000; round++) {
                size_t len = random_text(text, sizeof(text));
                ctx_t c;
                nx_doc_t doc;
                nx_result_t res;
                ready(&c, &doc, &res, text, len);
                tokens += doc.n_toks;
                for (size_t i = 0; i <= doc.n_toks; i++) {
                        for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
                                size_t n = strlen(words[w]);
                                int want = i < doc.n_toks && tlen(&c, i) == n && tok(&c, i)->kind == NX_TOK_WORD &&
                                           !strncasecmp(ttext(&c, i), words[w], n);
                                assert_int_equal(tok_word(&c, i, words[w], n), want);
                        }
                        if (i == doc.n_toks)
                                continue;
                        const word_cls_t *wc = nx_kmap_get(&c.d->words, ttext(&c, i), tlen(&c, i));
                        int want_cls = tok(&c, i)->kind == NX_TOK_PUNCT ? 0 : wc ? wc->cls : 0;
                        assert_int_equal(word_cls(&c, i), want_cls);
                        assert_int_equal(word_cls(&c, i), want_cls); /* cached */
                        char low[512];
                        size_t n = tlen(&c, i);
                        for (size_t k = 0; k < n; k++)
                                low[k] = (char)tolower((unsigned char)ttext(&c, i)[k]);
                        assert_true(tok_lhash(&c, i) == hash_lower(low, n));
                        assert_true(tok_lhash(&c, i) == hash_lower(ttext(&c, i), n));
                        int digit = 0;
                        for (size_t k = 0; k < n; k++)
                                digit |= isdigit((unsigned char)ttext(&c, i)[k]) != 0;
                        if (tok(&c, i)->kind == NX_TOK_WORD)
                                assert_int_equal(has_digit(&c, i), digit);
                }
                nx_arena_reset(arena);
        }
        assert_true(tokens > 60000); /* the texts are not empty */
}

/* match_title() as it was written before: the join copied for each end */
static size_t ref_match_title(const ctx_t *c, size_t i, size_t lim, const nx_title_t **out) {
        char buf[64];
        *out = NULL;
        if (i >= lim || c->doc->toks[i].kind != NX_TOK_WORD)
                return i;
        const word_cls_t *w = nx_kmap_get(&c->d->words, ttext(c, i), tlen(c, i));
        if (!w || !(w->cls & W_TITLE_FIRST))
                return i;
        for (size_t j = (i + 4 < lim ? i + 4 : lim); j > i; j--) {
                if (c->doc->toks[j - 1].kind == NX_TOK_PUNCT && !nx_tok_punct(c->doc, j - 1, "."))
                        continue;
                size_t n = nx_toks_lower(c->doc, i, j, buf, sizeof(buf));
                if (!n)
                        continue;
                const nx_title_t *t = nx_kmap_get(&c->d->titles, buf, n);
                if (t) {
                        *out = t;
                        return j;
                }
        }
        return i;
}

/* match_title() (an inline first-word test, the join read from the
 * lower-cased text) against the former way, at every token and limit. */
static void test_match_title(void **st) {
        (void)st;
        char text[4096];
        size_t titles = 0;
        for (int round = 0; round < 3000; round++) {
                size_t len = random_text(text, sizeof(text));
                ctx_t c;
                nx_doc_t doc;
                nx_result_t res;
                ready(&c, &doc, &res, text, len);
                for (size_t i = 0; i <= doc.n_toks; i++)
                        for (size_t lim = i; lim <= doc.n_toks && lim <= i + 6; lim++) {
                                const nx_title_t *t, *rt;
                                size_t e = match_title(&c, i, lim, &t), re = ref_match_title(&c, i, lim, &rt);
                                if (e != re || t != rt)
                                        fail_msg("'%s' at %zu before %zu: %zu %s, want %zu %s", text, i, lim, e,
                                                 t ? t->key : "-", re, rt ? rt->key : "-");
                                titles += t != NULL;
                        }
                nx_arena_reset(arena);
        }
        assert_true(titles > 3000); /* the texts do hold titles */
}

/* sort_ord_keys() (insertion sort up to 32 keys) against qsort() on random
 * word counts and positions, every size up to 80. */
static void test_sort_ord_keys(void **st) {
        (void)st;
        ord_key_t a[80], b[80];
        for (int round = 0; round < 4000; round++) {
                size_t n = (size_t)round % 81;
                for (size_t k = 0; k < n; k++) {
                        a[k].w = rnd(5);
                        a[k].i = (uint32_t)k; /* positions are unique */
                }
                for (size_t k = n; k > 1; k--) { /* shuffled */
                        size_t j = rnd((unsigned)k);
                        ord_key_t t = a[k - 1];
                        a[k - 1] = a[j];
                        a[j] = t;
                }
                memcpy(b, a, n * sizeof(*a));
                sort_ord_keys(a, n);
                qsort(b, n, sizeof(*b), cmp_ord_key);
                assert_memory_equal(a, b, n * sizeof(*a));
        }
}

static int setup(void **st) {
        char err[256];
        (void)st;
        eng = nx_engine_new(NULL, err, sizeof(err));
        arena = nx_arena_new(0);
        while (nx_actor_titles[n_titles].key)
                n_titles++;
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
                cmocka_unit_test(test_token_helpers),
                cmocka_unit_test(test_match_title),
                cmocka_unit_test(test_sort_ord_keys),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
