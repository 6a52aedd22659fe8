/*
 * test_figures_fast.c - the figures extractor's fast paths against the plain
 * ways they replace, on random texts of number words, triggers, currency
 * words, digits and punctuation (cmocka).
 *
 * It includes figures.c itself, so that its static helpers can be called;
 * the linker then takes no figures.o from libnx (every symbol it would bring
 * is defined here).
 */
#include "nw_test.h"

#include <ctype.h>

#include "figures.c"

static nx_engine_t *eng;
static nx_arena_t *arena;

static unsigned seed = 4711;
static unsigned rnd(unsigned n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % n;
}

/* A key of map m chosen at random (m holds at least one). */
static const char *some_key(const fx_map_t *m) {
        for (;;) {
                size_t i = rnd((unsigned)m->cap);
                if (m->key[i])
                        return m->key[i];
        }
}

/* numtrig_of() (one probe of numw ∪ trig, kept per token) against probes of
 * numw and trig themselves, at every token in a random order, twice. */
static void test_numtrig_of(void **st) {
        (void)st;
        const fig_tables_t *T = eng->figures;
        static const char *const fill[] = {" ", " ", ", ", ". ", " - ", "-", " 12 ", " 3.5 ", "$",
                                           " the ", " of ", " said ", " Apple ", "’", " (", ") ",
                                           "\n", " per ", " percent "};
        size_t nf = sizeof(fill) / sizeof(fill[0]);
        char text[4096];
        size_t numw = 0, trig = 0;
        for (int round = 0; round < 3000; round++) {
                size_t o = 0, parts = 2 + rnd(30);
                for (size_t p = 0; p < parts && o + 100 < sizeof(text); p++) {
                        unsigned pick = rnd(4);
                        const char *k = pick == 0 ? some_key(T->numw) : pick == 1 ? some_key(T->trig)
                                                                                 : fill[rnd((unsigned)nf)];
                        unsigned style = rnd(3); /* as is, capitalised, upper case */
                        for (size_t q = 0; k[q] && o + 8 < sizeof(text); q++)
                                text[o++] = (char)(style == 2 || (style == 1 && q == 0) ? toupper((unsigned char)k[q])
                                                                                         : k[q]);
                        text[o++] = ' ';
                }
                text[o] = '\0';
                nx_doc_t doc;
                memset(&doc, 0, sizeof(doc));
                doc.eng = eng;
                doc.text = text;
                doc.len = o;
                doc.arena = arena;
                assert_int_equal(nx_text_tokenize(&doc), 0);
                uint8_t *at = nx_arena_calloc(arena, doc.n_toks + 1, 1);
                assert_non_null(at);
                ctx_t c = {&doc, T, NULL, 0, 0, NULL, 0, at};
                for (int pass = 0; pass < 2; pass++)
                        for (size_t n = 0; n < doc.n_toks; n++) {
                                size_t k = rnd((unsigned)doc.n_toks);
                                const char *w = doc.text + doc.toks[k].start;
                                size_t wl = nx_tok_len(&doc.toks[k]);
                                unsigned want = fx_get(T->numw, w, wl)   ? NT_NUMW
                                                : fx_get(T->trig, w, wl) ? NT_TRIG
                                                                         : 0;
                                assert_int_equal(numtrig_of(&c, k), want);
                                numw += want == NT_NUMW;
                                trig += want == NT_TRIG;
                        }
                nx_arena_reset(arena);
        }
        assert_true(numw > 5000 && trig > 5000); /* both kinds were met */
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
                cmocka_unit_test(test_numtrig_of),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
