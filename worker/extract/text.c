/*
 * text.c - the tokenizer, the sentence splitter and nx_lex_t.
 *
 * One pass over the bytes. Word/number/punctuation decisions look at code
 * points, so curly quotes, dashes and no-break spaces (common in news copy)
 * split tokens as their ASCII forms do. Sentence boundaries are decided on
 * the token stream: a terminator, not after an abbreviation or initial,
 * followed by a token that can open a sentence; or a newline.
 */
#include "text.h"
#include "gazetteer.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

uint32_t nx_utf8_next(const char *s, size_t len, size_t *i) {
        const unsigned char *p = (const unsigned char *)s + *i;
        size_t left = len - *i;
        uint32_t c = p[0];
        if (c < 0x80) {
                (*i)++;
                return c;
        }
        size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        if (n == 0 || n > left) {
                (*i)++;
                return 0xFFFD;
        }
        uint32_t cp = c & (0x3F >> (n - 1));
        for (size_t k = 1; k < n; k++) {
                if ((p[k] & 0xC0) != 0x80) {
                        (*i)++;
                        return 0xFFFD;
                }
                cp = (cp << 6) | (p[k] & 0x3F);
        }
        *i += n;
        return cp;
}

int nx_cp_is_space(uint32_t cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
               cp == '\f' || cp == '\v' || cp == 0xA0 ||
               (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
               cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

int nx_cp_is_punct(uint32_t cp) {
        if (cp < 0x80)
                return ispunct((int)cp) != 0;
        /* Latin-1 symbols and punctuation: ¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ ×÷ */
        if ((cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7)
                return 1;
        /* General Punctuation block (dashes, quotes, ellipsis, ...) */
        if (cp >= 0x2010 && cp <= 0x205E)
                return 1;
        /* Currency Symbols block (€, ₽, ₹, ...) and letterlike/arrows/math */
        if (cp >= 0x20A0 && cp <= 0x20CF)
                return 1;
        if (cp >= 0x2100 && cp <= 0x2BFF)
                return 1;
        /* CJK punctuation, fullwidth forms' punctuation */
        if (cp >= 0x3000 && cp <= 0x303F)
                return 1;
        if (cp >= 0xFF01 && cp <= 0xFF0F)
                return 1;
        return 0;
}

static int cp_is_upper(uint32_t cp) {
        if (cp < 0x80)
                return cp >= 'A' && cp <= 'Z';
        /* Latin-1 / Latin Extended-A capitals: good enough for names */
        if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
                return 1;
        if (cp >= 0x100 && cp <= 0x17F)
                return (cp & 1) == 0;
        if (cp >= 0x391 && cp <= 0x3A9)
                return 1; /* Greek */
        if (cp >= 0x410 && cp <= 0x42F)
                return 1; /* Cyrillic */
        return 0;
}

static int cp_is_lower(uint32_t cp) {
        if (cp < 0x80)
                return cp >= 'a' && cp <= 'z';
        if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
                return 1;
        if (cp >= 0x100 && cp <= 0x17F)
                return (cp & 1) == 1;
        if (cp >= 0x3B1 && cp <= 0x3C9)
                return 1;
        if (cp >= 0x430 && cp <= 0x44F)
                return 1;
        return 0;
}

static int cp_is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

static int cp_is_letter(uint32_t cp) {
        if (cp < 0x80)
                return isalpha((int)cp) != 0;
        return cp != 0xFFFD && !nx_cp_is_punct(cp) && !nx_cp_is_space(cp);
}

static int is_apostrophe(uint32_t cp) { return cp == '\'' || cp == 0x2019; }

/* ---- code point classes: the general path and the ASCII fast path ---- */

unsigned nx_cp_class(uint32_t cp) {
        unsigned c = 0;
        if (cp_is_letter(cp))
                c |= NX_CC_LETTER;
        if (cp_is_upper(cp))
                c |= NX_CC_UPPER;
        if (cp_is_lower(cp))
                c |= NX_CC_LOWER;
        if (cp_is_digit(cp))
                c |= NX_CC_DIGIT;
        if (nx_cp_is_space(cp))
                c |= NX_CC_SPACE;
        if (nx_cp_is_punct(cp))
                c |= NX_CC_PUNCT;
        return c;
}

/* nx_cp_class() of the 128 ASCII code points, computed at compile time from
 * the same definitions: isalpha(), ispunct() and isspace() of the "C" locale
 * (the worker never calls setlocale()): letters A-Z a-z; punctuation the
 * printable characters 0x21-0x7E that are not letters or digits; space
 * \t \n \v \f \r and ' '. test_text.c checks it against nx_cp_class(). */
#define AC_UP(c) ((c) >= 'A' && (c) <= 'Z')
#define AC_LO(c) ((c) >= 'a' && (c) <= 'z')
#define AC_DG(c) ((c) >= '0' && (c) <= '9')
#define AC(c)                                                                        \
        ((AC_UP(c) ? NX_CC_LETTER | NX_CC_UPPER : 0) |                               \
         (AC_LO(c) ? NX_CC_LETTER | NX_CC_LOWER : 0) | (AC_DG(c) ? NX_CC_DIGIT : 0) | \
         ((c) == ' ' || ((c) >= '\t' && (c) <= '\r') ? NX_CC_SPACE : 0) |              \
         ((c) >= 0x21 && (c) <= 0x7E && !AC_UP(c) && !AC_LO(c) && !AC_DG(c) ? NX_CC_PUNCT : 0))
#define AC4(c) AC(c), AC(c + 1), AC(c + 2), AC(c + 3)
#define AC16(c) AC4(c), AC4(c + 4), AC4(c + 8), AC4(c + 12)
const uint8_t nx_ascii_class[128] = {AC16(0),  AC16(16), AC16(32), AC16(48),
                                     AC16(64), AC16(80), AC16(96), AC16(112)};

/* One code point at s[*i]: ASCII inline, the rest by nx_utf8_next(). */
static inline uint32_t next_cp(const char *s, size_t len, size_t *i) {
        unsigned char c = (unsigned char)s[*i];
        if (c < 0x80) {
                (*i)++;
                return c;
        }
        return nx_utf8_next(s, len, i);
}

/* isalpha() / isdigit() of a byte in the "C" locale: ASCII only */
static inline int byte_alpha(unsigned char c) {
        return c < 0x80 && (nx_ascii_class[c] & NX_CC_LETTER);
}
static inline int byte_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Abbreviations after which a period does not end a sentence (lower-case). */
static const char *const abbrevs[] = {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt",
        "gov", "sen", "rep", "rev", "st", "jr", "sr", "co", "corp", "inc",
        "ltd", "vs", "etc", "jan", "feb", "mar", "apr", "aug", "sep",
        "sept", "oct", "nov", "dec", "mt", "ft", "approx", "est", "fig", "maj",
        "adm", "cmdr", "rs", "rp", "pres", "hon", "messrs", "dept", "univ", "u.s", "e.g",
        "i.e", NULL};

static int is_abbrev(const char *s, size_t len) {
        char buf[16];
        if (len >= sizeof(buf) || len > NX_ABBREV_MAX)
                return 0; /* longer than any abbreviation (test_text.c) */
        for (size_t k = 0; k < len; k++)
                buf[k] = (char)tolower((unsigned char)s[k]);
        buf[len] = '\0';
        for (const char *const *a = abbrevs; *a; a++)
                if ((*a)[0] == buf[0] && !strcmp(*a, buf))
                        return 1;
        return 0;
}

size_t nx_text_abbrev_max(void) {
        size_t m = 0;
        for (const char *const *a = abbrevs; *a; a++)
                if (strlen(*a) > m)
                        m = strlen(*a);
        return m;
}

/* nx_vec_push() with its common case inline: a free slot, zeroed. */
static inline nx_token_t *push_tok(nx_doc_t *doc) {
        if (doc->n_toks < doc->cap_toks) {
                nx_token_t *t = &doc->toks[doc->n_toks++];
                memset(t, 0, sizeof(*t));
                return t;
        }
        return nx_vec_push(doc->arena, (void **)&doc->toks, &doc->n_toks,
                           &doc->cap_toks, sizeof(nx_token_t));
}

/* Scans a word starting at byte i; returns its end. Keeps internal
 * apostrophes ("O'Brien", "don't") but stops before a possessive 's. */
static size_t scan_word(const char *s, size_t len, size_t i, uint16_t *flags) {
        size_t j = i, first = 1;
        int upper = 0, lower = 0;
        while (j < len) {
                /* the common case, an ASCII letter: what the general path
                 * below does for it (ASCII letters are upper or lower case) */
                unsigned char b = (unsigned char)s[j];
                if (b < 0x80 && (nx_ascii_class[b] & NX_CC_LETTER)) {
                        unsigned acl = nx_ascii_class[b];
                        if (first)
                                *flags |= (acl & NX_CC_UPPER) ? NX_TF_CAP : NX_TF_LOWER;
                        upper += (acl & NX_CC_UPPER) != 0;
                        lower += (acl & NX_CC_LOWER) != 0;
                        first = 0;
                        j++;
                        continue;
                }
                size_t k = j;
                uint32_t cp = next_cp(s, len, &k);
                unsigned cl = nx_cp_class_fast(cp);
                if ((cl & NX_CC_LETTER) || ((cl & NX_CC_DIGIT) && !first)) {
                        /* a digit byte: NX_TF_DIGIT (no branch, on the path every
                         * word ends by). The byte, not cl: an overlong
                         * "\xC0\xB4" decodes to '4' but is no digit byte, and the
                         * flag stands for a byte test (actors' has_digit()) */
                        *flags |= (uint16_t)(byte_digit(b) * NX_TF_DIGIT);
                        if (cl & NX_CC_UPPER)
                                upper++;
                        else if (cl & NX_CC_LOWER)
                                lower++;
                        if (first) {
                                if (cl & NX_CC_UPPER)
                                        *flags |= NX_TF_CAP;
                                else if (cl & NX_CC_LOWER)
                                        *flags |= NX_TF_LOWER;
                        }
                        first = 0;
                        j = k;
                        continue;
                }
                if (is_apostrophe(cp) && k < len) {
                        size_t k2 = k;
                        uint32_t nx = next_cp(s, len, &k2);
                        if (!(nx_cp_class_fast(nx) & NX_CC_LETTER))
                                break;
                        /* possessive: 's followed by a non-letter */
                        if ((nx == 's' || nx == 'S')) {
                                size_t k3 = k2;
                                uint32_t after = k2 < len ? next_cp(s, len, &k3) : ' ';
                                if (!(nx_cp_class_fast(after) & NX_CC_LETTER))
                                        break;
                        }
                        j = k;
                        continue;
                }
                break;
        }
        if (upper >= 2 && lower == 0)
                *flags |= NX_TF_ALLCAPS;
        return j;
}

/* "U.S.", "U.N.", "e.g.": single letters each followed by a dot, >= 2. */
static size_t scan_initialism(const char *s, size_t len, size_t i) {
        size_t j = i, n = 0;
        while (j + 1 < len && byte_alpha((unsigned char)s[j]) && s[j + 1] == '.' &&
               (j == i || 1)) {
                if (j + 2 < len && byte_alpha((unsigned char)s[j + 2]) &&
                    j + 3 < len && s[j + 3] != '.' &&
                    byte_alpha((unsigned char)s[j + 3]))
                        break; /* "U.Nations"? not an initialism continuation */
                j += 2;
                n++;
                if (j >= len || !byte_alpha((unsigned char)s[j]))
                        break;
        }
        return n >= 2 ? j : i;
}

static size_t scan_number(const char *s, size_t len, size_t i) {
        size_t j = i;
        while (j < len) {
                if (byte_digit((unsigned char)s[j])) {
                        j++;
                        continue;
                }
                if ((s[j] == ',' || s[j] == '.') && j + 1 < len &&
                    byte_digit((unsigned char)s[j + 1])) {
                        j++;
                        continue;
                }
                break;
        }
        return j;
}

/* Can the token open a sentence? Capital word, number, or opening quote. */
static int opens_sentence(const nx_doc_t *doc, size_t t) {
        const nx_token_t *tk = &doc->toks[t];
        if (tk->kind == NX_TOK_NUM)
                return 1;
        if (tk->kind == NX_TOK_WORD)
                return (tk->flags & NX_TF_CAP) != 0;
        size_t i = tk->start;
        uint32_t cp = next_cp(doc->text, doc->len, &i);
        return cp == '"' || cp == 0x201C || cp == 0x2018 || cp == '\'' ||
               cp == '(' || cp == '[' || cp == 0xAB;
}

static int is_terminator(const nx_doc_t *doc, size_t t) {
        const nx_token_t *tk = &doc->toks[t];
        if (tk->kind != NX_TOK_PUNCT)
                return 0;
        size_t i = tk->start;
        uint32_t cp = next_cp(doc->text, doc->len, &i);
        return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static int is_closer(const nx_doc_t *doc, size_t t) {
        const nx_token_t *tk = &doc->toks[t];
        if (tk->kind != NX_TOK_PUNCT)
                return 0;
        size_t i = tk->start;
        uint32_t cp = next_cp(doc->text, doc->len, &i);
        return cp == '"' || cp == 0x201D || cp == 0x2019 || cp == '\'' ||
               cp == ')' || cp == ']' || cp == 0xBB;
}

static int split_sentences(nx_doc_t *doc) {
        size_t first = 0;
        for (size_t t = 0; t <= doc->n_toks; t++) {
                int brk = 0;
                size_t end_tok = t; /* sentence is [first, end_tok) */
                if (t == doc->n_toks) {
                        brk = first < doc->n_toks;
                } else if (t > first && (doc->toks[t].flags & NX_TF_NEWLINE)) {
                        brk = 1;
                } else if (t > first && is_terminator(doc, t - 1)) {
                        /* the token before the terminator: abbreviation? */
                        size_t p = t - 1;
                        int abbr = 0;
                        if (p > first && doc->toks[p - 1].kind == NX_TOK_WORD &&
                            doc->toks[p - 1].end == doc->toks[p].start) {
                                const nx_token_t *w = &doc->toks[p - 1];
                                size_t wl = nx_tok_len(w);
                                abbr = is_abbrev(doc->text + w->start, wl) ||
                                       (wl == 1 && (w->flags & NX_TF_CAP));
                        }
                        /* closing quotes/brackets stay with the sentence */
                        size_t q = t;
                        while (q < doc->n_toks && is_closer(doc, q) &&
                               !(doc->toks[q].flags & NX_TF_SPACE))
                                q++;
                        if (!abbr && q < doc->n_toks &&
                            (doc->toks[q].flags & (NX_TF_SPACE | NX_TF_NEWLINE)) &&
                            opens_sentence(doc, q)) {
                                brk = 1;
                                end_tok = q;
                                t = q;
                        }
                }
                if (!brk)
                        continue;
                nx_sentence_t *s = nx_vec_push(doc->arena, (void **)&doc->sents,
                                               &doc->n_sents, &doc->cap_sents,
                                               sizeof(*s));
                if (!s)
                        return -1;
                s->tok_first = (uint32_t)first;
                s->tok_end = (uint32_t)end_tok;
                s->start = doc->toks[first].start;
                s->end = doc->toks[end_tok - 1].end;
                uint32_t idx = (uint32_t)(doc->n_sents - 1);
                int started = 0;
                for (size_t k = first; k < end_tok; k++) {
                        doc->toks[k].sent = idx;
                        if (!started && doc->toks[k].kind != NX_TOK_PUNCT) {
                                doc->toks[k].flags |= NX_TF_SENT_START;
                                started = 1;
                        }
                }
                first = end_tok;
        }
        return 0;
}

static void lower_text(nx_doc_t *doc);

int nx_text_tokenize(nx_doc_t *doc) {
        const char *s = doc->text;
        size_t len = doc->len, i = 0;
        uint16_t pending = 0;
        doc->n_toks = doc->n_sents = 0;
        /* room for the tokens of most texts at once (news prose has a token
         * per ~5.5 bytes), rather than growing from 8 by copies; more grow */
        if (!doc->cap_toks && len) {
                size_t cap = len / 4 + 8;
                nx_token_t *v = nx_arena_alloc(doc->arena, cap * sizeof(*v));
                if (v) {
                        doc->toks = v;
                        doc->cap_toks = cap;
                }
        }
        while (i < len) {
                size_t k = i;
                uint32_t cp = next_cp(s, len, &k);
                unsigned cl = nx_cp_class_fast(cp);
                if (cl & NX_CC_SPACE) {
                        pending |= NX_TF_SPACE;
                        if (cp == '\n')
                                pending |= NX_TF_NEWLINE;
                        i = k;
                        continue;
                }
                nx_token_t *t = push_tok(doc);
                if (!t)
                        return -1;
                t->start = (uint32_t)i;
                t->flags = pending;
                pending = 0;
                size_t e;
                if (cl & NX_CC_DIGIT) {
                        t->kind = NX_TOK_NUM;
                        e = scan_number(s, len, i);
                } else if (cl & NX_CC_LETTER) {
                        t->kind = NX_TOK_WORD;
                        e = scan_initialism(s, len, i);
                        if (e > i) {
                                t->flags |= NX_TF_INITIALISM | NX_TF_ALLCAPS;
                                /* an initialism starts with an ASCII letter */
                                if (AC_UP(s[i]))
                                        t->flags |= NX_TF_CAP;
                                else
                                        t->flags |= NX_TF_LOWER;
                        } else {
                                e = scan_word(s, len, i, &t->flags);
                        }
                } else {
                        t->kind = NX_TOK_PUNCT;
                        e = k;
                        /* a possessive 's right after a word is one token */
                        if (is_apostrophe(cp) && k < len &&
                            (s[k] == 's' || s[k] == 'S') &&
                            (k + 1 >= len || !(byte_alpha((unsigned char)s[k + 1]) ||
                                               byte_digit((unsigned char)s[k + 1]))) &&
                            doc->n_toks > 1 &&
                            doc->toks[doc->n_toks - 2].end == i) {
                                t->kind = NX_TOK_WORD;
                                t->flags |= NX_TF_LOWER;
                                e = k + 1;
                        }
                }
                t->end = (uint32_t)e;
                i = e;
        }
        if (split_sentences(doc))
                return -1;
        /* last, as they are optional: without room for them under the
         * arena's cap, lower and hash stay NULL and the look-ups copy and hash
         * per call (text.h); the tokens and sentences, which have no such
         * fallback, took their room first */
        lower_text(doc);
        doc->hash = nx_arena_calloc(doc->arena, doc->n_toks + 1, sizeof(*doc->hash));
        return 0;
}

/* doc->lower and doc->ascii: the text folded sixteen bytes at a time with
 * SSE2, then eight (nx_fold8()), then one (no read past its end); without
 * room in the arena, lower stays NULL */
static void lower_text(nx_doc_t *doc) {
        const char *s = doc->text;
        size_t len = doc->len, i = 0;
        uint64_t high = 0;
        char *lo = nx_arena_alloc(doc->arena, len + 1);
        doc->lower = lo;
        doc->ascii = 0;
        if (!lo)
                return;
#ifdef __SSE2__
        /* as signed bytes, 'A'..'Z' are exactly those > '@' and < '[' (bytes
         * >= 0x80 are negative); each gets 0x20 added */
        __m128i high16 = _mm_setzero_si128();
        const __m128i at = _mm_set1_epi8('A' - 1), br = _mm_set1_epi8('Z' + 1), x20 = _mm_set1_epi8(0x20);
        for (; i + 16 <= len; i += 16) {
                __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
                high16 = _mm_or_si128(high16, x);
                __m128i up = _mm_and_si128(_mm_cmpgt_epi8(x, at), _mm_cmplt_epi8(x, br));
                _mm_storeu_si128((__m128i *)(void *)(lo + i), _mm_add_epi8(x, _mm_and_si128(up, x20)));
        }
        if (_mm_movemask_epi8(high16)) /* a byte >= 0x80 */
                high = 0x80;
#endif
        for (; i + 8 <= len; i += 8) {
                uint64_t w = nx_load_u64(s + i);
                high |= w;
                w = nx_fold8(w);
                memcpy(lo + i, &w, 8);
        }
        for (; i < len; i++) {
                high |= (unsigned char)s[i];
                lo[i] = nx_lower_ascii(s[i]);
        }
        lo[len] = '\0';
        doc->ascii = !(high & 0x8080808080808080ULL);
}

size_t nx_tok_lower(const nx_doc_t *doc, size_t i, char *buf, size_t size) {
        const nx_token_t *t = &doc->toks[i];
        size_t n = nx_tok_len(t);
        if (n + 1 > size)
                return 0;
        const char *s = doc->text + t->start;
        for (size_t k = 0; k < n; k++)
                buf[k] = nx_lower_ascii(s[k]);
        buf[n] = '\0';
        return n;
}

size_t nx_toks_lower(const nx_doc_t *doc, size_t i, size_t j, char *buf,
                     size_t size) {
        size_t o = 0;
        for (size_t k = i; k < j; k++) {
                const nx_token_t *t = &doc->toks[k];
                if (k > i && t->start > doc->toks[k - 1].end) {
                        if (o + 1 >= size)
                                return 0;
                        buf[o++] = ' ';
                }
                size_t n = nx_tok_len(t);
                if (o + n + 1 > size)
                        return 0;
                const char *s = doc->text + t->start;
                for (size_t c = 0; c < n; c++)
                        buf[o++] = nx_lower_ascii(s[c]);
        }
        buf[o] = '\0';
        return o;
}

/* ------------------------------------------------------------------ lexicon */

/* An nx_kmap_t (gazetteer.h: open addressing, ASCII case folded
 * while probing) rather than glibc's hsearch_r, which cost a copy, a strlen
 * and a strcmp per look-up: 13% of the pipeline's instructions
 * (bench/README.md). Without setlocale() tolower() folds ASCII only, so the
 * two compare alike. */
struct nx_lex_s {
        nx_kmap_t map;
        size_t cap, n;
        char **keys; /* owned lower-cased copies; the map borrows them */
        /* most words of a text begin no key of their length: one test
         * turns them away before the hash (gazetteer.h) */
        nx_startlen_t filter;
};

nx_lex_t *nx_lex_new(size_t capacity) {
        nx_lex_t *lex = calloc(1, sizeof(*lex));
        if (!lex)
                return NULL;
        lex->cap = capacity ? capacity : 16;
        lex->keys = calloc(lex->cap, sizeof(char *));
        if (!lex->keys || nx_kmap_init(&lex->map, lex->cap)) {
                free(lex->keys);
                free(lex);
                return NULL;
        }
        return lex;
}

int nx_lex_add(nx_lex_t *lex, const char *key, void *value) {
        char buf[256];
        size_t n = strlen(key);
        if (n >= sizeof(buf))
                return -1;
        for (size_t k = 0; k <= n; k++)
                buf[k] = (char)tolower((unsigned char)key[k]);
        if (nx_kmap_get(&lex->map, buf, n))
                return 0; /* an existing key keeps its first value */
        if (lex->n == lex->cap)
                return -1;
        char *copy = strdup(buf);
        if (!copy)
                return -1;
        if (nx_kmap_add(&lex->map, copy, value)) {
                free(copy);
                return -1;
        }
        lex->keys[lex->n++] = copy;
        nx_startlen_mark(&lex->filter, copy, n);
        return 0;
}

void *nx_lex_get(const nx_lex_t *lex, const char *key, size_t len) {
        if (len >= 256)
                return NULL;
        const char *nul = memchr(key, '\0', len);
        if (nul) /* a key ends at a NUL, as a C string */
                len = (size_t)(nul - key);
        if (!nx_startlen_may(&lex->filter, key, len))
                return NULL;
        return (void *)nx_kmap_get(&lex->map, key, len);
}

/* A token holds a NUL byte only as the one-byte token of a NUL (a word is
 * letters, digits and apostrophes; a number digits, ',' and '.'; punctuation
 * one code point): nx_lex_get() stops a key there, so that token goes to it. */
void *nx_lex_get_tok(const nx_lex_t *lex, const nx_doc_t *doc, size_t i) {
        const nx_token_t *t = &doc->toks[i];
        const char *key = doc->text + t->start;
        size_t len = nx_tok_len(t);
        if (len >= 256)
                return NULL;
        if (len == 1 && key[0] == '\0')
                return nx_lex_get(lex, key, len);
        if (!nx_startlen_may(&lex->filter, key, len))
                return NULL;
        return (void *)nx_kmap_get_hashed(&lex->map, key, len, nx_tok_hash(doc, i));
}

void nx_lex_destroy(nx_lex_t *lex) {
        if (!lex)
                return;
        nx_kmap_free(&lex->map);
        for (size_t k = 0; k < lex->n; k++)
                free(lex->keys[k]);
        free(lex->keys);
        free(lex);
}
