/*
 * text.h - tokens, sentences and lexicons shared by the extractors.
 *
 * Owns the one tokenizer of the engine, so that every extractor sees the same
 * word boundaries, and nx_lex_t, the case-insensitive lexicon (an nx_kmap_t,
 * gazetteer.h) in which extractors keep their linguistic tables. Internal to
 * libnx: not part of the public API in nx.h.
 *
 * Tokens: runs of letters (any non-ASCII code point that is not punctuation
 * or space counts as a letter; internal apostrophes stay in the word, a
 * possessive 's/’s is its own token), runs of digits (with internal , or .
 * followed by a digit: "13.8", "1,000"), and single punctuation or symbol
 * code points. "U.S."-style initialisms are one word token. Offsets are bytes.
 */
#ifndef NX_TEXT_H
#define NX_TEXT_H

#include "nx.h"
#include <search.h>
#include <string.h>

typedef enum {
        NX_TOK_WORD = 0,
        NX_TOK_NUM,
        NX_TOK_PUNCT
} nx_tok_kind_t;

/* token flags */
#define NX_TF_CAP        0x0001 /* first letter upper case */
#define NX_TF_ALLCAPS    0x0002 /* two or more letters, all upper case */
#define NX_TF_LOWER      0x0004 /* first letter lower case */
#define NX_TF_SENT_START 0x0008 /* first word/number of its sentence */
#define NX_TF_SPACE      0x0010 /* white space precedes it */
#define NX_TF_NEWLINE    0x0020 /* a newline precedes it */
#define NX_TF_INITIALISM 0x0040 /* letters with dots: "U.S.", "U.N." */
#define NX_TF_DIGIT      0x0080 /* a word with an ASCII digit inside: "A380", "F16" */

typedef struct nx_token_s {
        uint32_t start, end; /* bytes, half-open */
        uint32_t sent;       /* index of its sentence */
        uint16_t kind;       /* nx_tok_kind_t */
        uint16_t flags;      /* NX_TF_* */
} nx_token_t;

typedef struct nx_sentence_s {
        uint32_t start, end;         /* bytes */
        uint32_t tok_first, tok_end; /* token index range, half-open */
} nx_sentence_t;

/* What every extractor sees. All arrays in arena. text[len] must be a NUL
 * (extractors scan numbers with strspn/strtod): nx_extract() copies the
 * caller's text into the arena to guarantee it. */
typedef struct nx_doc_s {
        const nx_engine_t *eng;
        const char *text;
        size_t len;
        /* text with ASCII letters in lower case (same offsets, a NUL at len),
         * made by nx_text_tokenize(); NULL when the arena had no room for it */
        const char *lower;
        int ascii; /* 1 when every byte of text is below 0x80 (lower set) */
        /* per token: nx_kmap_hash() of its bytes, 0 = not yet computed
         * (nx_tok_hash(), gazetteer.h: the extractors' look-ups of one token
         * share it); NULL when the arena had no room */
        uint64_t *hash;
        nx_dct_t dct; /* year 0 = unknown */
        nx_token_t *toks;
        size_t n_toks, cap_toks;
        nx_sentence_t *sents;
        size_t n_sents, cap_sents;
        nx_arena_t *arena;
} nx_doc_t;

/* Tokenizes text and splits it into sentences into doc (whose text, len and
 * arena must be set), and sets lower, ascii and hash. Sentence ends: . ! ? (not
 * after a known abbreviation or an initial) followed by space and a capital,
 * digit or quote; any newline. Returns 0, or -1 when the arena is exhausted. */
int nx_text_tokenize(nx_doc_t *doc);

/* The splitter's abbreviations (after which a period does not end a
 * sentence) have at most NX_ABBREV_MAX bytes: it turns longer words away
 * before the table look-up. nx_text_abbrev_max() is the longest one's
 * length, for the test that holds the two together. */
#define NX_ABBREV_MAX 6
size_t nx_text_abbrev_max(void);

/* Decodes one UTF-8 code point at s[*i] (i < len), advancing *i; invalid
 * bytes decode as U+FFFD one byte at a time. */
uint32_t nx_utf8_next(const char *s, size_t len, size_t *i);

/* 1 for Unicode punctuation and symbols the tokenizer splits off
 * (ASCII punctuation, quotes, dashes, ellipsis, currency signs, ...). */
int nx_cp_is_punct(uint32_t cp);
/* 1 for white space code points, including U+00A0 and U+2000..U+200B. */
int nx_cp_is_space(uint32_t cp);

/* Code point classes, as the tokenizer sees them (NX_CC_* bits). */
#define NX_CC_LETTER 0x01 /* ASCII letter, or non-ASCII not punct/space/U+FFFD */
#define NX_CC_UPPER  0x02 /* upper case (ASCII, Latin-1/Extended-A, Greek, Cyrillic) */
#define NX_CC_LOWER  0x04 /* lower case (same blocks) */
#define NX_CC_DIGIT  0x08 /* 0-9 */
#define NX_CC_SPACE  0x10 /* nx_cp_is_space() */
#define NX_CC_PUNCT  0x20 /* nx_cp_is_punct() */

/* The class of any code point, computed from the predicates (the general
 * path). */
unsigned nx_cp_class(uint32_t cp);
/* nx_cp_class() of the ASCII code points, as a table (the fast path). */
extern const uint8_t nx_ascii_class[128];
static inline unsigned nx_cp_class_fast(uint32_t cp) {
        return cp < 0x80 ? nx_ascii_class[cp] : nx_cp_class(cp);
}

/* tolower() of the "C" locale (the worker never calls setlocale()): 'A'-'Z'
 * to 'a'-'z', every other byte (UTF-8 ones included) as it is. One compare:
 * c - 'A', as an unsigned char, is below 26 exactly for 'A'..'Z'. */
static inline char nx_lower_ascii(char c) {
        return (unsigned char)(c - 'A') < 26 ? (char)(c + 32) : c;
}

/* Token helpers. */
static inline size_t nx_tok_len(const nx_token_t *t) { return t->end - t->start; }
/* 1 when token i equals word ignoring ASCII case. Inline, as the
 * extractors call it with literal words, whose strlen() the compiler folds;
 * the lengths are compared first. Same answer as strncasecmp() in the "C"
 * locale (the worker never calls setlocale()): ASCII letters fold, other
 * bytes compare exactly. */
static inline int nx_tok_is(const nx_doc_t *doc, size_t i, const char *word) {
        if (i >= doc->n_toks)
                return 0;
        const nx_token_t *t = &doc->toks[i];
        size_t n = __builtin_strlen(word);
        if (nx_tok_len(t) != n)
                return 0;
        const char *s = doc->text + t->start;
        for (size_t k = 0; k < n; k++)
                if (nx_lower_ascii(s[k]) != nx_lower_ascii(word[k]))
                        return 0;
        return 1;
}
/* 1 when token i is the single punctuation string p ("-", "’", ...). */
static inline int nx_tok_punct(const nx_doc_t *doc, size_t i, const char *p) {
        if (i >= doc->n_toks || doc->toks[i].kind != NX_TOK_PUNCT)
                return 0;
        const nx_token_t *t = &doc->toks[i];
        size_t n = __builtin_strlen(p);
        return nx_tok_len(t) == n && memcmp(doc->text + t->start, p, n) == 0;
}
/* Copies token i lower-cased (ASCII) into buf (size >= 2); returns its length
 * or 0 when it does not fit. */
size_t nx_tok_lower(const nx_doc_t *doc, size_t i, char *buf, size_t size);
/* Lower-cases tokens [i, j) joined by single spaces (no space where the
 * source has none, e.g. "g-20") into buf; returns length or 0 if too long. */
size_t nx_toks_lower(const nx_doc_t *doc, size_t i, size_t j, char *buf,
                     size_t size);
/* nx_toks_lower()'s join form of tokens [i, j) (i < j <= doc->n_toks)
 * without a copy: when the text separates them by one space or nothing, it
 * is the same bytes of doc->lower; returns them (not NUL-terminated) and
 * sets *n to their length.
 * Returns NULL when it is not so, when the join would not fit in size bytes
 * with a NUL (nx_toks_lower() would return 0), or without doc->lower: then
 * call nx_toks_lower(). The bytes are doc->lower's, in the arena: valid as
 * long as the doc. */
static inline const char *nx_toks_join(const nx_doc_t *doc, size_t i, size_t j, size_t size,
                                       size_t *n) {
        if (!doc->lower)
                return NULL;
        const nx_token_t *t = doc->toks;
        for (size_t k = i + 1; k < j; k++) {
                uint32_t gap = t[k].start - t[k - 1].end;
                if (gap > 1 || (gap == 1 && doc->text[t[k - 1].end] != ' '))
                        return NULL;
        }
        size_t len = t[j - 1].end - t[i].start;
        if (len + 1 > size)
                return NULL;
        *n = len;
        return doc->lower + t[i].start;
}
/* The join form of tokens [i, j) (i < j <= doc->n_toks) as a key:
 * nx_toks_join()'s bytes, or else nx_toks_lower() into buf (size bytes, the
 * caller's). Either way not NUL-terminated for the caller to rely on: use *n.
 * Sets *n; returns NULL when it does not fit in size bytes with a NUL (as
 * nx_toks_lower() returns 0). */
static inline const char *nx_toks_key(const nx_doc_t *doc, size_t i, size_t j, char *buf,
                                      size_t size, size_t *n) {
        const char *k = nx_toks_join(doc, i, j, size, n);
        if (k)
                return k;
        *n = nx_toks_lower(doc, i, j, buf, size);
        return *n ? buf : NULL;
}

/* ------------------------------------------------------------------ lexicon */

/* A read-only-after-build map from lower-cased (ASCII) strings to values.
 * Values are opaque pointers owned by the caller; keys are copied. */
typedef struct nx_lex_s nx_lex_t;

/* Returns a lexicon for up to capacity keys, or NULL when out of memory.
 * Caller frees with nx_lex_destroy(). */
nx_lex_t *nx_lex_new(size_t capacity);
/* Adds key (lower-cased on insertion) -> value. An existing key keeps its
 * first value. Returns 0, or -1 when full or out of memory. */
int nx_lex_add(nx_lex_t *lex, const char *key, void *value);
/* Looks up len bytes of key (compared lower-cased). Returns the value, or
 * NULL when absent (so do not store NULL values). */
void *nx_lex_get(const nx_lex_t *lex, const char *key, size_t len);
/* nx_lex_get() of token i's bytes (i < doc->n_toks), with the token's kept
 * hash (nx_tok_hash(): it may store it in doc->hash[i]). Same answer as
 * nx_lex_get(lex, text + start, len), which stops a key at a NUL: a token
 * holds a NUL byte only as a one-byte token of its own, which goes to
 * nx_lex_get(). */
void *nx_lex_get_tok(const nx_lex_t *lex, const nx_doc_t *doc, size_t i);
void nx_lex_destroy(nx_lex_t *lex);

#endif /* NX_TEXT_H */
