/*
 * test_dates_fast.c - the dates extractor's fast paths against the plain ways
 * they replace, on random texts made of the tagger's own words (cmocka).
 *
 * It includes dates.c itself, so that its static helpers can be called; the
 * linker then takes no dates.o from libnx (every symbol it would bring is
 * defined here). The words of the random texts are every string literal of
 * dates.c (its tables and the words its rules test), so a rule that learns a
 * new word is tested with it; numbers, punctuation and odd bytes come between
 * them, in every case.
 */
#include "nw_test.h"

#include <ctype.h>

#include "dates.c"

#ifndef NW_SOURCE_DIR
#define NW_SOURCE_DIR "."
#endif

static nx_engine_t *eng_mdy, *eng_dmy;
static nx_arena_t *arena;

static char **vocab; /* the string literals of dates.c, once each */
static size_t n_vocab;
static size_t *seq; /* every literal's index in vocab, in the order of the source */
static size_t n_seq;

static unsigned seed = 4711;
static unsigned rnd(unsigned n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % n;
}

/* Collects every string literal of dates.c of 1 to 24 bytes without a
 * backslash or '%' (words, punctuation, the tables' keys). */
static void load_vocab(void) {
        FILE *f = fopen(NW_SOURCE_DIR "/worker/extract/dates.c", "rb");
        assert_non_null(f);
        static char src[1 << 20];
        size_t n = fread(src, 1, sizeof(src) - 1, f);
        fclose(f);
        src[n] = '\0';
        size_t cap = 4096;
        vocab = calloc(cap, sizeof(*vocab));
        seq = calloc(cap * 4, sizeof(*seq));
        for (const char *p = src; (p = strchr(p, '"'));) {
                const char *q = strchr(p + 1, '"');
                if (!q)
                        break;
                size_t len = (size_t)(q - p - 1);
                if (len >= 1 && len <= 24 && !memchr(p + 1, '\\', len) && !memchr(p + 1, '%', len) &&
                    !memchr(p + 1, '\n', len) && n_vocab < cap) {
                        vocab[n_vocab] = strndup(p + 1, len);
                        size_t k = 0;
                        while (k < n_vocab && strcmp(vocab[k], vocab[n_vocab]))
                                k++;
                        if (k == n_vocab)
                                n_vocab++;
                        else
                                free(vocab[n_vocab]);
                        if (n_seq < cap * 4)
                                seq[n_seq++] = k;
                }
                p = q + 1;
        }
        assert_true(n_vocab > 500);
}

/* A random text: the vocabulary in random case, runs of the literals in the
 * order the source tests them ("near", "distant", "foreseeable", "future")
 * after "the", "that", "a" or a preposition, numbers of every shape the rules
 * read (days, years, clock times, "30th", "1,000", "5 1/2"), punctuation
 * glued or spaced, curly apostrophes, newlines, odd bytes. */
static size_t random_text(char *out, size_t max) {
        static const char *const fill[] = {
                ", ", ". ", "-", " - ", "/", ":", "'", "’", " (", ") ", "$", "%", "–", "\n", "’s ",
                "'s ", " a ", " an ", " the ", " The ", "FY", "Q3 ", "H1 ", "q2 ", " said ", " will ",
                "\x01", "é", " U.S. ", "...", "!", "?", " & ", ";", "\xc2\xa0"};
        static const char *const nums[] = {"5", "30", "1990", "2024", "12", "1,000", "3.5", "0800",
                                           "99", "1", "31", "7", "20", "19", "2000", "45", "11", "0",
                                           "123456789012", "98", "60", "2", "4", "1/2", "24"};
        size_t nf = sizeof(fill) / sizeof(fill[0]), nn = sizeof(nums) / sizeof(nums[0]);
        static const char *const lead[] = {"the ", "that ", "a ", "in the ", "for the ", "over the ",
                                           "", "the ", "its ", "this ", "of the "};
        size_t o = 0, parts = 1 + rnd(60);
        for (size_t p = 0; p < parts && o + 64 < max; p++) {
                const char *k;
                unsigned pick = rnd(24);
                static const char *const tail[] = {"of 1990", "of the century", "future", "term", "being",
                                                   "year", "days", "of March 6", "weeks", "of the year",
                                                   "morning", "day", "'s", "quarter"};
                if (pick >= 22) {
                        /* a word of the source between a determiner and words of time */
                        o += (size_t)snprintf(out + o, max - o, "%s%s %s ",
                                              lead[rnd(sizeof(lead) / sizeof(lead[0]))],
                                              vocab[rnd((unsigned)n_vocab)],
                                              tail[rnd(sizeof(tail) / sizeof(tail[0]))]);
                        continue;
                }
                if (pick >= 20) {
                        /* a run of 2 to 4 literals the source names together */
                        size_t at = rnd((unsigned)n_seq), n = 2 + rnd(3);
                        o += (size_t)snprintf(out + o, max - o, "%s", lead[rnd(sizeof(lead) / sizeof(lead[0]))]);
                        for (size_t q = at; q < at + n && q < n_seq && o + 64 < max; q++)
                                o += (size_t)snprintf(out + o, max - o, "%s ", vocab[seq[q]]);
                        continue;
                }
                if (pick < 12)
                        k = vocab[rnd((unsigned)n_vocab)];
                else if (pick < 16)
                        k = nums[rnd((unsigned)nn)];
                else
                        k = fill[rnd((unsigned)nf)];
                unsigned style = rnd(5); /* as is, title case, upper, lower, as is */
                int word_start = 1;
                for (const char *q = k; *q && o + 8 < max; q++) {
                        unsigned char ch = (unsigned char)*q;
                        if ((style == 1 && word_start) || style == 2)
                                ch = (unsigned char)toupper(ch);
                        else if (style == 3)
                                ch = (unsigned char)tolower(ch);
                        out[o++] = (char)ch;
                        word_start = ch == ' ' || ch == '-';
                }
                if (rnd(6))
                        out[o++] = ' ';
        }
        out[o] = '\0';
        return o;
}

/* Tokenizes text into doc with a random DCT (or none) and engine. */
static void tokenize(nx_doc_t *doc, const char *text, size_t len) {
        memset(doc, 0, sizeof(*doc));
        doc->eng = rnd(4) ? eng_mdy : eng_dmy;
        doc->text = text;
        doc->len = len;
        doc->arena = arena;
        if (rnd(5)) {
                doc->dct.year = 1985 + (int)rnd(45);
                doc->dct.month = 1 + (int)rnd(12);
                doc->dct.day = 1 + (int)rnd(28);
        }
        assert_int_equal(nx_text_tokenize(doc), 0);
}

/* is_w() before doc->lower: the token's bytes folded one at a time */
static int ref_is_wn(const nx_doc_t *doc, size_t i, const char *word, size_t n) {
        if (i >= doc->n_toks || nx_tok_len(&doc->toks[i]) != n)
                return 0;
        for (size_t k = 0; k < n; k++) {
                unsigned ch = (unsigned char)doc->text[doc->toks[i].start + k];
                if (ch - 'A' < 26u)
                        ch += 32;
                if (ch != (unsigned char)word[k])
                        return 0;
        }
        return 1;
}

/* is_wn() (a compare in doc->lower, or the fold without it) against the
 * byte-at-a-time fold, for every token and every word of the vocabulary;
 * is_in() against it for every word list. */
static void test_is_w(void **st) {
        (void)st;
        char text[2048];
        size_t hits = 0;
        for (int round = 0; round < 300; round++) {
                size_t len = random_text(text, sizeof(text));
                nx_doc_t doc;
                tokenize(&doc, text, len);
                assert_non_null(doc.lower);
                ctx_t c = {.doc = &doc};
                nx_doc_t plain = doc;
                plain.lower = NULL;
                ctx_t pc = {.doc = &plain};
                for (size_t i = 0; i <= doc.n_toks; i++)
                        for (size_t w = 0; w < n_vocab; w++) {
                                size_t n = strlen(vocab[w]);
                                int want = ref_is_wn(&doc, i, vocab[w], n);
                                assert_int_equal(is_wn(&c, i, vocab[w], n), want);
                                assert_int_equal(is_wn(&pc, i, vocab[w], n), want);
                                hits += want;
                        }
                assert_int_equal(is_w(&c, 0, "the"), ref_is_wn(&doc, 0, "the", 3));
                /* is_in() (the first byte before the length) against every word */
                static const char *const *const lists[] = {
                        dates_aux_words, dates_game_frames, dates_stretch_adj, dates_paper_words,
                        dates_sunday_papers, dates_futurate_verbs, dates_other_preps,
                        dates_present_copulas, dates_era_nouns, dates_person_poss, dates_result_verbs,
                        dates_result_after, dates_result_spans, dates_span_after, dates_streak_words};
                for (size_t i = 0; i <= doc.n_toks; i++)
                        for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
                                int want = 0;
                                for (const char *const *w = lists[l]; *w; w++)
                                        want |= ref_is_wn(&doc, i, *w, strlen(*w));
                                assert_int_equal(is_in(&c, i, lists[l]), want);
                                assert_int_equal(is_in(&pc, i, lists[l]), want);
                        }
                nx_arena_reset(arena);
        }
        assert_true(hits > 3000);
}

/* The lexicon entry of token i by a walk over every key (ASCII case folded) */
static const dates_word_t *ref_lex_find(const struct nx_dates_s *dd, const nx_doc_t *doc, size_t i) {
        const nx_token_t *t = &doc->toks[i];
        size_t n = nx_tok_len(t);
        for (size_t w = 0; w < dd->n_words; w++)
                if (strlen(dd->keys[w]) == n && ref_is_wn(doc, i, dd->keys[w], n))
                        return &dd->words[w];
        return NULL;
}

/* lex_find() (the shared token hash kept in doc->hash, a compare in
 * doc->lower) against a walk over the keys, for every word token, with and
 * without the kept hashes and the lower-cased text; the entries of the
 * K_* words hold no class. */
static void test_lex_find(void **st) {
        (void)st;
        char text[2048];
        size_t hits = 0;
        const struct nx_dates_s *dd = eng_mdy->dates;
        for (int round = 0; round < 2000; round++) {
                size_t len = random_text(text, sizeof(text));
                nx_doc_t doc;
                tokenize(&doc, text, len);
                nx_doc_t plain = doc;
                plain.lower = NULL;
                plain.hash = NULL;
                for (size_t i = 0; i < doc.n_toks; i++) {
                        if (doc.toks[i].kind != NX_TOK_WORD || nx_tok_len(&doc.toks[i]) >= 16)
                                continue;
                        const dates_word_t *want = ref_lex_find(dd, &doc, i);
                        assert_ptr_equal(lex_find(dd, &doc, i), want);
                        assert_ptr_equal(lex_find(dd, &doc, i), want); /* hash kept */
                        assert_true(!doc.hash || doc.hash[i] == 0 || doc.hash[i] == nx_kmap_hash(
                                    doc.text + doc.toks[i].start, nx_tok_len(&doc.toks[i])));
                        assert_ptr_equal(lex_find(dd, &plain, i), want);
                        hits += want != NULL;
                }
                nx_arena_reset(arena);
        }
        assert_true(hits > 20000);
        for (size_t k = 0; k < sizeof dates_kind_words / sizeof dates_kind_words[0]; k++) {
                char t[32];
                nx_doc_t doc;
                size_t len = (size_t)snprintf(t, sizeof(t), "%s", dates_kind_words[k].word);
                tokenize(&doc, t, len);
                const dates_word_t *e = lex_find(dd, &doc, 0);
                assert_non_null(e);
                assert_true(e->kind & dates_kind_words[k].kind);
                nx_arena_reset(arena);
        }
}

/* parse_number() of a number token as it was: strtod() of its bytes
 * without commas; the value only (the rest of parse_number is unchanged) */
static double ref_number_value(const nx_doc_t *doc, size_t i) {
        char buf[32];
        size_t o = 0;
        for (size_t k = doc->toks[i].start; k < doc->toks[i].end && o + 1 < sizeof(buf); k++)
                if (doc->text[k] != ',')
                        buf[o++] = doc->text[k];
        buf[o] = 0;
        return strtod(buf, NULL);
}

/* parse_number()'s value of a number token of up to 9 digits (the kept
 * integer) against strtod(), for every number token of random texts and
 * for numbers of 1 to 9 digits with leading zeros. */
static void test_number_value(void **st) {
        (void)st;
        char text[2048];
        size_t checked = 0;
        for (int round = 0; round < 3000; round++) {
                size_t len = round < 1000 ? (size_t)snprintf(text, sizeof(text), "%0*u %u", 1 + (int)rnd(9),
                                                             rnd(1000000000u), (unsigned)round * 999983u)
                                          : random_text(text, sizeof(text));
                nx_doc_t doc;
                tokenize(&doc, text, len);
                ctx_t c;
                if (ctx_init(&c, &doc, eng_mdy->dates) <= 0) {
                        nx_arena_reset(arena);
                        continue;
                }
                for (size_t i = 0; i < doc.n_toks; i++) {
                        if (doc.toks[i].kind != NX_TOK_NUM || nx_tok_len(&doc.toks[i]) >= 32)
                                continue;
                        double v = -1;
                        assert_true(parse_number(&c, i, 0, &v) > i);
                        double want = ref_number_value(&doc, i);
                        if (!(NUMV(&c, i + 1) == 1 && is_p(&c, i + 2, "/")))
                                assert_true(v == want);
                        checked++;
                }
                nx_arena_reset(arena);
        }
        assert_true(checked > 5000);
}

/* tv_format() (common grains written directly) against tv_format_printf()
 * (snprintf()) on random values of every grain, in and out of the usual
 * ranges of each field. */
static void test_tv_format(void **st) {
        (void)st;
        static const int ys[] = {YX, -5, 0, 7, 99, 999, 1999, 2024, 9999, 10000, 123456};
        static const char *const tzs[] = {NULL, "", "Z"};
        size_t n = 0;
        for (int round = 0; round < 200000; round++) {
                tv_t v = {0};
                v.gran = (int)rnd(G_TIME + 2);
                v.y = rnd(3) ? ys[rnd(sizeof(ys) / sizeof(ys[0]))] : (int)rnd(20000) - 100;
                v.m = (int)rnd(16) - 1;
                v.d = rnd(4) ? (int)rnd(33) : (int)rnd(200) - 50;
                v.q = (int)rnd(12) - 1;
                v.half = (int)rnd(4);
                v.season = (int)rnd(5);
                v.wy = rnd(4) ? (int)rnd(3000) : YX;
                v.wn = (int)rnd(60);
                v.part = (int)rnd(6);
                v.hh = (int)rnd(28) - 2;
                v.mi = (int)rnd(63) - 2;
                v.wday = rnd(2) ? 0 : (int)rnd(12) - 1;
                v.tz = tzs[rnd(3)];
                char *a = tv_format(arena, &v), *b = tv_format_printf(arena, &v);
                if (!a != !b || (a && strcmp(a, b)))
                        fail_msg("gran %d y %d m %d d %d q %d wday %d hh %d mi %d: '%s', want '%s'", v.gran, v.y,
                                 v.m, v.d, v.q, v.wday, v.hh, v.mi, a ? a : "(null)", b ? b : "(null)");
                n += a != NULL;
                if (round % 1000 == 0)
                        nx_arena_reset(arena);
        }
        assert_true(n > 100000);
}

/* dur_str() (whole and unknown counts written directly) against
 * dur_str_printf() (snprintf()) for every unit and counts of every kind:
 * unknown, zero and minus zero, whole, halves and other fractions, past the
 * point where "%g" takes an exponent. */
static void test_dur_str(void **st) {
        (void)st;
        static const double ns[] = {-1, -0.0, 0, 1, 2, 3, 10, 12, 0.5, 1.5, 2.25, 1.0 / 3, 99999, 100000,
                                    999999, 1000000, 1234567, 1e15, 1e20, 44444444444444444444.0, 0.1};
        size_t n = 0;
        for (int unit = 0; unit <= U_HALF + 1; unit++)
                for (int round = 0; round < 3000; round++) {
                        double v = round < (int)(sizeof(ns) / sizeof(ns[0])) ? ns[round]
                                 : rnd(3) ? (double)rnd(2000000) : rnd(100000) / (double)(1 + rnd(8));
                        const char *a = dur_str(arena, unit, v), *b = dur_str_printf(arena, unit, v);
                        if (strcmp(a, b))
                                fail_msg("unit %d, %g: '%s', want '%s'", unit, v, a, b);
                        n++;
                        if (round % 500 == 0)
                                nx_arena_reset(arena);
                }
        assert_true(n > 40000);
}

/* The driver's test of where a candidate may begin, as it was written
 * before K_START. */
static int ref_may_begin(ctx_t *c, size_t i) {
        const nx_token_t *t = &c->doc->toks[i];
        if (t->kind == NX_TOK_PUNCT && !is_p(c, i, "'") && !is_p(c, i, "’"))
                return 0;
        if (t->kind == NX_TOK_WORD &&
            (c->w[i] ? !(c->w[i]->cls & START_CLASSES)
                     : !(is_w(c, i, "a") || is_w(c, i, "an") || is_w(c, i, "every") ||
                         is_w(c, i, "each") || is_w(c, i, "per") || is_w(c, i, "new") ||
                         is_w(c, i, "fiscal") || is_fy(c, i) ||
                         (nx_tok_len(t) == 2 && strchr("QqHh", c->doc->text[t->start])))))
                return 0;
        return 1;
}

/* match_at() as it was before the kinds: every recognizer at every token */
static size_t ref_match_at(ctx_t *c, size_t i, cand_t *best) {
        size_t be = 0;
        if (i >= c->doc->n_toks || c->depth >= MATCH_DEPTH_MAX)
                return 0;
        c->depth++;
        for (size_t r = 0; r < sizeof dates_recognizers / sizeof dates_recognizers[0]; r++) {
                cand_t k;
                size_t e = dates_recognizers[r].fn(c, i, &k);
                if (e > i && e > be && k.s <= i) {
                        be = e;
                        *best = k;
                }
        }
        c->depth--;
        return be;
}

static int same_tv(const tv_t *a, const tv_t *b) {
        return a->gran == b->gran && a->y == b->y && a->m == b->m && a->d == b->d && a->q == b->q &&
               a->half == b->half && a->season == b->season && a->wy == b->wy && a->wn == b->wn &&
               a->part == b->part && a->hh == b->hh && a->mi == b->mi && a->wday == b->wday &&
               a->tz == b->tz;
}

static void assert_same_cand(const cand_t *a, const cand_t *b, const char *text, size_t i) {
        if (a->s != b->s || a->e != b->e || a->type != b->type || a->anchor != b->anchor ||
            !a->str != !b->str || (a->str && strcmp(a->str, b->str)) || !a->mod != !b->mod ||
            (a->mod && strcmp(a->mod, b->mod)) ||
            (!a->str && !same_tv(&a->v, &b->v)))
                fail_msg("'%s' at token %zu: candidates differ ([%zu, %zu) %d %s %s %d %d-%d-%d g%d / [%zu, %zu) "
                         "%d %s %s %d %d-%d-%d g%d)",
                         text, i, a->s, a->e, a->type, a->str ? a->str : "-", a->mod ? a->mod : "-",
                         a->anchor, a->v.y, a->v.m, a->v.d, a->v.gran, b->s, b->e, b->type,
                         b->str ? b->str : "-", b->mod ? b->mod : "-", b->anchor, b->v.y, b->v.m,
                         b->v.d, b->v.gran);
}

/* match_at() (only the recognizers that take the token's kind) against all
 * of them, and the driver's K_START against its former test, at every token
 * of random texts; the context moves on as the driver's does (push of each
 * candidate), so anchors, days and quarters named are in play. */
static void test_recognizer_kinds(void **st) {
        (void)st;
        char text[2048];
        size_t found = 0, skipped = 0;
        for (int round = 0; round < 60000; round++) {
                size_t len = random_text(text, sizeof(text));
                nx_doc_t doc;
                tokenize(&doc, text, len);
                ctx_t c;
                nx_result_t res = {0};
                if (ctx_init(&c, &doc, eng_mdy->dates) <= 0) {
                        nx_arena_reset(arena);
                        continue;
                }
                for (size_t i = 0; i < doc.n_toks; i++) {
                        /* the driver tries fewer tokens than before, none
                         * where it did not, and none where all the
                         * recognizers would have found nothing */
                        int begin = (c.kind[i] & K_START) && (c.kind[i] & c.dd->may_start);
                        int ref_begin = ref_may_begin(&c, i);
                        if (begin)
                                assert_true(ref_begin);
                        cand_t k = {0}, rk = {0};
                        size_t e = match_at(&c, i, &k), re = ref_match_at(&c, i, &rk);
                        if (e != re)
                                fail_msg("'%s' at token %zu: match_at %zu, all recognizers %zu", text, i, e, re);
                        if (ref_begin && !begin && re)
                                fail_msg("'%s' at token %zu: skipped, but a candidate to %zu", text, i, re);
                        if (!e) {
                                skipped += ref_begin && !begin;
                                continue;
                        }
                        assert_same_cand(&k, &rk, text, i);
                        found++;
                        if (k.s <= i && k.e > k.s)
                                assert_int_equal(push(&c, &res, &k), 0);
                }
                nx_arena_reset(arena);
        }
        assert_true(found > 20000);
        assert_true(skipped > 1000);
}

static int setup(void **st) {
        char err[256];
        (void)st;
        nx_options_t o;
        nx_options_init(&o);
        o.actors = o.figures = o.summits = 0;
        eng_mdy = nx_engine_new(&o, err, sizeof(err));
        o.date_order = NX_ORDER_DMY;
        eng_dmy = nx_engine_new(&o, err, sizeof(err));
        arena = nx_arena_new(0);
        load_vocab();
        return eng_mdy && eng_dmy && arena ? 0 : -1;
}

static int teardown(void **st) {
        (void)st;
        nx_arena_destroy(arena);
        nx_engine_destroy(eng_mdy);
        nx_engine_destroy(eng_dmy);
        for (size_t k = 0; k < n_vocab; k++)
                free(vocab[k]);
        free(vocab);
        free(seq);
        return 0;
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_is_w),
                cmocka_unit_test(test_lex_find),
                cmocka_unit_test(test_number_value),
                cmocka_unit_test(test_tv_format),
                cmocka_unit_test(test_dur_str),
                cmocka_unit_test(test_recognizer_kinds),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
