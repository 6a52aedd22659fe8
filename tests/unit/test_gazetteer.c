/* test_gazetteer.c - nx_gaz_match() (the join forms built once per start
 * token, or read from the lower-cased text when it is all ASCII and the
 * tokens are one space apart) against the way it was written before: one
 * nx_toks_lower() and ’ rewrite per candidate end. Texts are made of real
 * gazetteer aliases in title case, upper case, lower case and as their exact
 * forms, with curly apostrophes, connectors, punctuation, runs of white
 * space and overlong words around them. */
#include "nw_test.h"

#include <ctype.h>
#include <strings.h>

#include "gazetteer.h"

/* ---- the reference: nx_gaz_match() before the single-build change ------- */

static int ref_connector(const nx_doc_t *doc, size_t i) {
        if (i >= doc->n_toks || nx_tok_len(&doc->toks[i]) > 4)
                return 0;
        static const char *const w[] = {"of", "the", "and", "de", "du", "des", "la",
                                        "le", "del", "da", "do", "dos", "van", "von",
                                        "der", "den", "for", "on", "in", "al", "bin",
                                        "el", "y", "e", "an", "at", "ul", "i", "wal",
                                        "'s", "’s", NULL};
        const nx_token_t *t = &doc->toks[i];
        for (const char *const *p = w; *p; p++)
                if (nx_tok_len(t) == strlen(*p) && !strncasecmp(doc->text + t->start, *p, strlen(*p)))
                        return 1;
        return 0;
}

static int ref_punct(const nx_doc_t *doc, size_t i, const char *p) {
        const nx_token_t *t = &doc->toks[i];
        return t->kind == NX_TOK_PUNCT && nx_tok_len(t) == strlen(p) &&
               !memcmp(doc->text + t->start, p, strlen(p));
}

static int ref_same_form_exact(const char *s, size_t n, const char *f) {
        size_t i = 0;
        while (i < n || *f) {
                while (i < n && isspace((unsigned char)s[i]))
                        i++;
                while (*f && isspace((unsigned char)*f))
                        f++;
                if (i >= n || !*f)
                        return i >= n && !*f;
                if (s[i] != *f)
                        return 0;
                i++;
                f++;
        }
        return 1;
}

static int ref_same_form(const char *s, size_t n, const char *form) {
        if (ref_same_form_exact(s, n, form))
                return 1;
        size_t fl = strlen(form);
        if (fl < 4 || n != fl || s[0] != form[0])
                return 0;
        for (size_t i = 1; i < n; i++)
                if (!islower((unsigned char)s[i]) || s[i] != tolower((unsigned char)form[i]))
                        return 0;
        return 1;
}

static size_t ref_match(const nx_gaz_t *gaz, const nx_doc_t *doc, size_t i, size_t limit,
                        const nx_gaz_alias_t **alias) {
        char buf[160];
        *alias = NULL;
        if (i >= doc->n_toks)
                return i;
        if (limit > i + 8)
                limit = i + 8;
        if (limit > doc->n_toks)
                limit = doc->n_toks;
        if (limit <= i)
                return i;
        size_t end = i + 1;
        while (end < limit && doc->toks[end].sent == doc->toks[i].sent) {
                const nx_token_t *t = &doc->toks[end];
                if (t->kind == NX_TOK_WORD && (t->flags & NX_TF_LOWER) && !ref_connector(doc, end))
                        break;
                if (t->kind == NX_TOK_PUNCT && !ref_punct(doc, end, "-") && !ref_punct(doc, end, ".") &&
                    !ref_punct(doc, end, "'") && !ref_punct(doc, end, "&"))
                        break;
                end++;
        }
        for (size_t j = end; j > i; j--) {
                const nx_token_t *last = &doc->toks[j - 1];
                if (last->kind == NX_TOK_PUNCT && !ref_punct(doc, j - 1, "."))
                        continue;
                if (last->kind == NX_TOK_WORD && (last->flags & NX_TF_LOWER))
                        continue;
                size_t n = nx_toks_lower(doc, i, j, buf, sizeof(buf));
                if (!n)
                        continue;
                for (size_t k = 0; k < n; k++)
                        if ((unsigned char)buf[k] == 0xE2 && k + 2 < n && (unsigned char)buf[k + 1] == 0x80 &&
                            (unsigned char)buf[k + 2] == 0x99) {
                                buf[k] = '\'';
                                memmove(buf + k + 1, buf + k + 3, n - k - 3);
                                n -= 2;
                        }
                const nx_gaz_alias_t *a = nx_gaz_find_key(gaz, buf, n);
                if (!a)
                        continue;
                if ((a->flags & NX_GAZ_AF_EXACT) && a->form &&
                    !ref_same_form(doc->text + doc->toks[i].start,
                                   doc->toks[j - 1].end - doc->toks[i].start, a->form))
                        continue;
                if (!(a->flags & NX_GAZ_AF_EXACT)) {
                        int ok = 1;
                        for (size_t k = i; k < j && ok; k++) {
                                const nx_token_t *t = &doc->toks[k];
                                if (t->kind != NX_TOK_WORD)
                                        continue;
                                if ((t->flags & NX_TF_LOWER) && !(k > i && ref_connector(doc, k)) &&
                                    !(k == i && nx_tok_len(t) == 3 && !strncasecmp(doc->text + t->start, "the", 3)))
                                        ok = 0;
                                if ((t->flags & NX_TF_ALLCAPS) && !(t->flags & NX_TF_INITIALISM) &&
                                    nx_tok_len(t) > 3)
                                        ok = 0;
                        }
                        if (!ok)
                                continue;
                }
                *alias = a;
                return j;
        }
        return i;
}

/* ---- texts ------------------------------------------------------------- */

static unsigned seed = 2026;
static unsigned rnd(unsigned n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % n;
}

/* Appends alias key k to out in one of several spellings. */
static size_t put_alias(char *out, size_t o, size_t max, const nx_gaz_alias_t *a) {
        const char *k = a->form && rnd(2) ? a->form : a->key;
        /* 0,1 title, 2 upper, 3 lower, 4 as is, 5 title with the connectors
         * in mixed case ("Bank oF America": lower-case first letter, so a
         * connector, compared ignoring case) */
        unsigned style = rnd(6);
        int word_start = 1, mixed = 0;
        for (const char *p = k; *p && o + 4 < max; p++) {
                unsigned char c = (unsigned char)*p;
                if (c == '\'' && rnd(2)) { /* curly apostrophe */
                        memcpy(out + o, "\xE2\x80\x99", 3);
                        o += 3;
                        word_start = 0;
                        continue;
                }
                if (style == 5 && word_start) {
                        size_t wl = strcspn(p, " -");
                        mixed = (wl == 2 || wl == 3) && (!strncmp(p, "of ", 3) || !strncmp(p, "de ", 3) ||
                                                         !strncmp(p, "la ", 3) || !strncmp(p, "the ", 4) ||
                                                         !strncmp(p, "and ", 4) || !strncmp(p, "del ", 4));
                        if (!mixed)
                                c = (unsigned char)toupper(c);
                } else if (style == 5 && mixed) {
                        c = (unsigned char)toupper(c);
                } else if (style <= 1 && word_start) {
                        c = (unsigned char)toupper(c);
                } else if (style == 2) {
                        c = (unsigned char)toupper(c);
                } else if (style == 3) {
                        c = (unsigned char)tolower(c);
                }
                out[o++] = (char)c;
                word_start = c == ' ' || c == '-';
        }
        return o;
}

static void test_match_vs_reference(void **st) {
        (void)st;
        char err[128];
        nx_engine_t *eng = nx_engine_new(NULL, err, sizeof(err));
        assert_non_null(eng);
        const nx_gaz_t *gaz = nx_gaz_get(eng);
        assert_non_null(gaz);
        nx_arena_t *arena = nx_arena_new(0);
        static const char *const fill[] = {" ", " ", " ", " the ", " of ", " and ", " said ", ", ",
                                           ". ", " - ", "-", " ’s ", "'s ", " The ", " & ", "\n",
                                           " Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ",
                                           " Of ", " ANNOUNCED ", " U.S. ", " (", ") ", "  ",
                                           " \t", "\xC2\xA0"};
        size_t nf = sizeof(fill) / sizeof(fill[0]);
        char text[4096];
        size_t matches = 0, ascii = 0;
        for (int round = 0; round < 3000; round++) {
                size_t o = 0, parts = 2 + rnd(8);
                for (size_t p = 0; p < parts && o < sizeof(text) - 400; p++) {
                        if (!rnd(6)) { /* a capitalised word of 1-90 bytes: the key size limit */
                                size_t wl = 1 + rnd(90);
                                text[o++] = 'Q';
                                for (size_t k = 1; k < wl; k++)
                                        text[o++] = 'z';
                        } else if (rnd(3)) {
                                o = put_alias(text, o, sizeof(text), &nx_gaz_aliases[rnd((unsigned)nx_gaz_n_aliases)]);
                        } else {
                                const char *f = fill[rnd((unsigned)nf)];
                                memcpy(text + o, f, strlen(f));
                                o += strlen(f);
                        }
                        const char *f = fill[rnd(4)];
                        memcpy(text + o, f, strlen(f));
                        o += strlen(f);
                }
                text[o] = '\0';
                nx_doc_t doc;
                memset(&doc, 0, sizeof(doc));
                doc.text = text;
                doc.len = o;
                doc.arena = arena;
                assert_int_equal(nx_text_tokenize(&doc), 0);
                ascii += doc.ascii;
                for (size_t i = 0; i < doc.n_toks; i++) {
                        size_t limit = rnd(4) ? doc.n_toks : i + rnd(10);
                        const nx_gaz_alias_t *a = NULL, *ra = NULL;
                        size_t j = nx_gaz_match(gaz, &doc, i, limit, &a);
                        size_t rj = ref_match(gaz, &doc, i, limit, &ra);
                        if (j != rj || a != ra)
                                fail_msg("'%s' at token %zu: %zu %s, want %zu %s", text, i, j,
                                         a ? a->key : "-", rj, ra ? ra->key : "-");
                        matches += a != NULL;
                }
                nx_arena_reset(arena);
        }
        assert_true(matches > 1000); /* the texts do hold matches */
        assert_true(ascii > 300 && ascii < 2700); /* both ways of building keys */
        nx_arena_destroy(arena);
        nx_engine_destroy(eng);
}

int main(void) {
        const struct CMUnitTest tests[] = {cmocka_unit_test(test_match_vs_reference)};
        return cmocka_run_group_tests(tests, NULL, NULL);
}
