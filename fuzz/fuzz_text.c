/*
 * fuzz_text.c - libFuzzer target: the tokenizer's per-article caches against
 * the plain ways they replace, on any bytes (invalid UTF-8 and NUL included:
 * the tokenizer reads those as U+FFFD and punctuation).
 *
 * abort() (a crash for libFuzzer) unless: doc->lower is the text with ASCII
 * letters lower-cased and a NUL at len, doc->ascii says whether every byte is
 * below 0x80; a NUL byte is only ever a one-byte token (nx_lex_get_tok()
 * relies on it); NX_TF_DIGIT marks exactly the words with an ASCII digit;
 * nx_tok_hash() is nx_kmap_hash() of the token; nx_toks_key() gives
 * nx_toks_lower()'s join form for every range of up to 8 tokens; and
 * nx_gaz_match() finds the same at every token with the caches and without
 * them (doc->lower NULL, doc->ascii 0, doc->hash NULL).
 */
#include "fuzz_common.h"
#include "gazetteer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline char lower_c(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        if (size > NW_FUZZ_MAX_BYTES)
                return 0;
        char *copy = malloc(size + 1);
        if (!copy)
                return 0;
        memcpy(copy, data, size);
        copy[size] = '\0';
        nx_doc_t doc;
        memset(&doc, 0, sizeof(doc));
        doc.eng = nw_fuzz_engine();
        doc.text = copy;
        doc.len = size;
        doc.arena = nw_fuzz_arena();
        if (nx_text_tokenize(&doc)) {
                free(copy);
                return 0;
        }
        if (doc.lower) {
                int ascii = 1;
                for (size_t k = 0; k < size; k++) {
                        if (doc.lower[k] != lower_c(copy[k]))
                                abort();
                        ascii &= (unsigned char)copy[k] < 0x80;
                }
                if (doc.lower[size] != '\0' || doc.ascii != ascii)
                        abort();
        }
        for (size_t i = 0; i < doc.n_toks; i++) {
                const nx_token_t *t = &doc.toks[i];
                const char *s = copy + t->start;
                size_t n = nx_tok_len(t);
                if (n == 0 || (memchr(s, '\0', n) && n != 1))
                        abort();
                int digit = 0;
                for (size_t k = 0; k < n; k++)
                        digit |= s[k] >= '0' && s[k] <= '9';
                if (t->kind == NX_TOK_WORD && !!(t->flags & NX_TF_DIGIT) != digit)
                        abort();
                if (nx_tok_hash(&doc, i) != nx_kmap_hash(s, n) || nx_tok_hash(&doc, i) != nx_kmap_hash(s, n))
                        abort();
                for (size_t j = i + 1; j <= doc.n_toks && j <= i + 8; j++) {
                        static const size_t sizes[] = {16, 64, 160};
                        for (size_t z = 0; z < 3; z++) {
                                char want[160], buf[160];
                                size_t wn = nx_toks_lower(&doc, i, j, want, sizes[z]), kn = 0;
                                const char *key = nx_toks_key(&doc, i, j, buf, sizes[z], &kn);
                                if (!wn != !key || (key && (kn != wn || memcmp(key, want, wn))))
                                        abort();
                        }
                }
        }
        const nx_gaz_t *gaz = nx_gaz_get(doc.eng);
        if (gaz) {
                nx_doc_t plain = doc;
                plain.lower = NULL;
                plain.ascii = 0;
                plain.hash = NULL;
                for (size_t i = 0; i < doc.n_toks; i++) {
                        const nx_gaz_alias_t *a = NULL, *b = NULL;
                        size_t e = nx_gaz_match(gaz, &doc, i, doc.n_toks, &a);
                        size_t f = nx_gaz_match(gaz, &plain, i, doc.n_toks, &b);
                        if (e != f || a != b)
                                abort();
                }
        }
        free(copy);
        return 0;
}
