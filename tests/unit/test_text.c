/* test_text.c - the tokenizer, sentence splitter, arena and lexicon. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

static nx_arena_t *arena;

static void tok(nx_doc_t *doc, const char *s) {
        memset(doc, 0, sizeof(*doc));
        doc->text = s;
        doc->len = strlen(s);
        doc->arena = arena;
        assert_int_equal(nx_text_tokenize(doc), 0);
}

static void expect_tokens(const char *s, const char *const *want, size_t n) {
        nx_doc_t doc;
        tok(&doc, s);
        for (size_t i = 0; i < n && i < doc.n_toks; i++) {
                const nx_token_t *t = &doc.toks[i];
                char got[64];
                snprintf(got, sizeof(got), "%.*s", (int)nx_tok_len(t), s + t->start);
                if (strcmp(got, want[i]))
                        fail_msg("%s: token %zu is '%s', want '%s'", s, i, got, want[i]);
        }
        assert_int_equal(doc.n_toks, n);
}

static void test_words_numbers(void **st) {
        (void)st;
        const char *w1[] = {"Putin", "’s", "13.8", "billion", "$", "2", "bn", "in", "the", "U.S.", "."};
        expect_tokens("Putin’s 13.8 billion $2bn in the U.S..", w1, 11);
        const char *w2[] = {"G", "-", "20", "Covid", "-", "19", "O'Brien", "don't", "1,000"};
        expect_tokens("G-20 Covid-19 O'Brien don't 1,000", w2, 9);
        const char *w3[] = {"“", "We", "are", "”", "—", "Xi"};
        expect_tokens("“We are” — Xi", w3, 6);
}

static void test_flags(void **st) {
        (void)st;
        nx_doc_t doc;
        tok(&doc, "NATO met in Moscow with Xi");
        assert_true(doc.toks[0].flags & NX_TF_ALLCAPS);
        assert_true(doc.toks[0].flags & NX_TF_SENT_START);
        assert_true(doc.toks[1].flags & NX_TF_LOWER);
        assert_true(doc.toks[3].flags & NX_TF_CAP);
        assert_false(doc.toks[3].flags & NX_TF_SENT_START);
}

static void test_sentences(void **st) {
        (void)st;
        nx_doc_t doc;
        tok(&doc, "Mr. Smith went to Washington. He said “no.” Then\nthe U.S. Army left. 3 died.");
        assert_int_equal(doc.n_sents, 5);
        assert_true(nx_tok_is(&doc, doc.sents[1].tok_first, "He"));
        assert_true(nx_tok_is(&doc, doc.sents[2].tok_first, "Then"));
        assert_true(nx_tok_is(&doc, doc.sents[3].tok_first, "the"));
        assert_true(doc.toks[doc.sents[3].tok_first].flags & NX_TF_SENT_START);
        /* "Rs." (rupees) before an amount ends no sentence */
        tok(&doc, "It costs Rs. 500 now. Then it rose.");
        assert_int_equal(doc.n_sents, 2);
}

static void test_lower_join(void **st) {
        (void)st;
        nx_doc_t doc;
        char buf[64];
        tok(&doc, "the G-20 Summit");
        assert_int_equal(nx_toks_lower(&doc, 1, 5, buf, sizeof(buf)), 11);
        assert_string_equal(buf, "g-20 summit");
        assert_int_equal(nx_toks_lower(&doc, 0, 5, buf, 4), 0);
}

static void test_lexicon(void **st) {
        (void)st;
        nx_lex_t *lex = nx_lex_new(4);
        int a = 1, b = 2;
        assert_int_equal(nx_lex_add(lex, "United States", &a), 0);
        assert_int_equal(nx_lex_add(lex, "united states", &b), 0); /* first wins */
        assert_ptr_equal(nx_lex_get(lex, "UNITED STATES", 13), &a);
        assert_null(nx_lex_get(lex, "united", 6));
        nx_lex_destroy(lex);
}

static void test_arena(void **st) {
        (void)st;
        nx_arena_t *a = nx_arena_new(64);
        void *big = nx_arena_alloc(a, 1000); /* larger than a chunk */
        assert_non_null(big);
        assert_string_equal(nx_arena_sprintf(a, "%d-%s", 7, "x"), "7-x");
        nx_arena_set_limit(a, 2048);
        assert_null(nx_arena_alloc(a, 4096));
        nx_arena_reset(a);
        assert_int_equal(nx_arena_used(a), 0);
        nx_arena_destroy(a);
}

static void test_utf8(void **st) {
        (void)st;
        const char *s = "é€\xff";
        size_t i = 0, n = strlen(s);
        assert_int_equal(nx_utf8_next(s, n, &i), 0xE9);
        assert_int_equal(nx_utf8_next(s, n, &i), 0x20AC);
        assert_int_equal(nx_utf8_next(s, n, &i), 0xFFFD);
        assert_int_equal(i, n);
}

static int setup(void **st) { (void)st; arena = nx_arena_new(0); return arena ? 0 : -1; }
static int teardown(void **st) { (void)st; nx_arena_destroy(arena); return 0; }

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_words_numbers), cmocka_unit_test(test_flags),
                cmocka_unit_test(test_sentences),     cmocka_unit_test(test_lower_join),
                cmocka_unit_test(test_lexicon),       cmocka_unit_test(test_arena),
                cmocka_unit_test(test_utf8),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
