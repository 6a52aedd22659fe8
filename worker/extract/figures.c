/*
 * figures.c - the figures extractor: MONEY, PERCENT, QUANTITY and CARDINAL.
 *
 * Owns numeric facts in news text and their normalisation: value (a double,
 * magnitude applied: "13.8 billion" -> 1.38e10), unit (ISO 4217 for money,
 * "%" for percentages, UCUM-style symbols for quantities), mod (TIMEX3-style
 * APPROX / MORE_THAN / LESS_THAN / EQUAL_OR_MORE / EQUAL_OR_LESS), ranges
 * (value .. value_max) and counted (the head noun counted or measured).
 * Percentage points and basis points are PERCENT with unit "%" (the record
 * contract allows no other), valued in points (50 bp = 0.5) and counted
 * "percentage points", which tells them from plain percentages.
 *
 * How it works. One left-to-right pass over the tokens of each sentence. At a
 * token that can open a figure (a number, a number word, a currency symbol or
 * code, a modifier such as "at least") it tries, in order: a modifier prefix,
 * a currency prefix, a number (digits with grouping and decimals, scientific
 * notation, fractions, number words, magnitudes: parse_num), then after the
 * number a currency, percent or unit (the longest phrase in the tables), a
 * range continuation ("-", "to", "and" after "between"), and a modifier suffix
 * ("or more"). Extents: a bound ("more than", "at least", "up to", "between")
 * is inside the figure, since it changes what the figure states, except the
 * phrases flagged "outside" in the table ("as much as", "equal to"), which
 * news (MEANTIME) and unit annotators leave out of a money, percent or
 * quantity span and which stay in a bare number's span; a hedge
 * ("about", "some", "nearly") is only recorded in mod and left outside, as
 * currency and unit annotators (Recognizers-Text) do. What is left bare is a CARDINAL, unless it looks like a year, an
 * ordinal, a code or a name ("G-20", "Boeing 747", "Article 5"), a time, a
 * phone number or a score, which are not figures. Tokens inside date spans
 * (res->dates, found earlier) are never used, except for ages ("five years
 * old"), which are quantities even where the dates extractor saw a duration.
 *
 * All linguistic knowledge is in tables (data/figures_tables.c, generated
 * data/currencies.c from ISO 4217), loaded into hash lexicons once per engine.
 * Extraction allocates only in the document arena. Offsets are bytes.
 */
#include "figures.h"

#include "data/figures_data.h"
#include "gazetteer.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ tables */

/* ------------------------------------------------------------------ maps */

/* A small case-insensitive (ASCII) open-addressing hash map, read-only after
 * init. Faster than nx_lex_t for the figures extractor's many short lookups:
 * it hashes and compares in place, without copying or strlen. Keys are copied
 * lower-cased; values are borrowed. first[] indexes multi-token phrases by
 * their first token (value: the most tokens a phrase starting with it has),
 * so a phrase lookup at a token that starts no phrase costs one probe. */
typedef struct fx_map_s {
        uint64_t *hash;
        char **key;
        uint32_t *len;
        void **val;
        size_t cap, n;
        struct fx_map_s *first; /* NULL for plain word sets */
        nx_startlen_t filter; /* in front of the hash (gazetteer.h) */
} fx_map_t;

static inline unsigned char fx_lower(unsigned char ch) { return (unsigned char)nx_lower_ascii((char)ch); }

static fx_map_t *fx_new(size_t expect) {
        fx_map_t *m = calloc(1, sizeof(*m));
        if (!m)
                return NULL;
        size_t cap = 64;
        while (cap < expect * 2 + 16)
                cap *= 2;
        m->cap = cap;
        m->hash = calloc(cap, sizeof(*m->hash));
        m->key = calloc(cap, sizeof(*m->key));
        m->len = calloc(cap, sizeof(*m->len));
        m->val = calloc(cap, sizeof(*m->val));
        if (!m->hash || !m->key || !m->len || !m->val) {
                free(m->hash);
                free(m->key);
                free(m->len);
                free(m->val);
                free(m);
                return NULL;
        }
        return m;
}

static void fx_free(fx_map_t *m) {
        if (!m)
                return;
        for (size_t i = 0; i < m->cap; i++)
                free(m->key[i]);
        free(m->hash);
        free(m->key);
        free(m->len);
        free(m->val);
        fx_free(m->first);
        free(m);
}

/* The hash: the key map's (gazetteer.h), ASCII case folded and eight bytes
 * at a time, rather than FNV-1a a byte at a time; its low bit is always 1,
 * so the slot comes from the bits above. */
static inline uint64_t fx_hash(const char *s, size_t n) { return nx_kmap_hash(s, n); }
static inline size_t fx_slot(const fx_map_t *m, uint64_t h) { return (size_t)(h >> 5) & (m->cap - 1); }

/* fx_get() with h = fx_hash(s, n) already known */
static inline void *fx_get_hashed(const fx_map_t *m, const char *s, size_t n, uint64_t h) {
        for (size_t i = fx_slot(m, h);; i = (i + 1) & (m->cap - 1)) {
                if (!m->key[i])
                        return NULL;
                if (m->hash[i] == h && m->len[i] == n) {
                        size_t k = 0;
                        while (k < n && m->key[i][k] == (char)fx_lower((unsigned char)s[k]))
                                k++;
                        if (k == n)
                                return m->val[i];
                }
        }
}

static void *fx_get(const fx_map_t *m, const char *s, size_t n) {
        if (!nx_startlen_may(&m->filter, s, n))
                return NULL; /* no key of this length begins with this byte */
        return fx_get_hashed(m, s, n, fx_hash(s, n));
}

/* Adds key -> value; an existing key keeps its first value. 0 or -1. */
static int fx_add(fx_map_t *m, const char *key, void *val) {
        size_t n = strlen(key);
        if (fx_get(m, key, n))
                return 0;
        if ((m->n + 1) * 2 > m->cap)
                return -1;
        uint64_t h = fx_hash(key, n);
        size_t i = fx_slot(m, h);
        while (m->key[i])
                i = (i + 1) & (m->cap - 1);
        m->key[i] = malloc(n + 1);
        if (!m->key[i])
                return -1;
        for (size_t k = 0; k <= n; k++)
                m->key[i][k] = (char)fx_lower((unsigned char)key[k]);
        m->hash[i] = h;
        m->len[i] = (uint32_t)n;
        m->val[i] = val;
        m->n++;
        nx_startlen_mark(&m->filter, m->key[i], n);
        return 0;
}

/* Adds a phrase and indexes its first token (as the tokenizer splits the
 * phrase) with the phrase's token count. 0 or -1. */
static int fx_add_phrase(fx_map_t *m, const char *phrase, void *val, nx_arena_t *scratch) {
        if (fx_add(m, phrase, val))
                return -1;
        if (!m->first && !(m->first = fx_new(m->cap)))
                return -1;
        nx_doc_t d;
        memset(&d, 0, sizeof(d));
        d.text = phrase;
        d.len = strlen(phrase);
        d.arena = scratch;
        if (nx_text_tokenize(&d) || d.n_toks == 0)
                return -1;
        char first[64];
        size_t n = nx_tok_len(&d.toks[0]);
        if (n >= sizeof(first))
                return -1;
        memcpy(first, phrase + d.toks[0].start, n);
        first[n] = '\0';
        uintptr_t have = (uintptr_t)fx_get(m->first, first, n);
        if (have >= d.n_toks)
                return 0;
        if (have) { /* keep the larger count: update in place */
                for (size_t i = 0; i < m->first->cap; i++)
                        if (m->first->key[i] && m->first->len[i] == n && !strcmp(m->first->key[i], first))
                                m->first->val[i] = (void *)(uintptr_t)d.n_toks;
                return 0;
        }
        return fx_add(m->first, first, (void *)(uintptr_t)d.n_toks);
}

/* A currency lexicon entry: an alias from the tables or one built from ISO. */
typedef struct cur_entry_s {
        const char *code;
        double factor;
        uint8_t flags; /* NX_CF_* */
        uint8_t is_code;
} cur_entry_t;

typedef struct fig_tables_s {
        fx_map_t *numw;     /* number words and magnitudes -> nx_numword_t */
        fx_map_t *units;    /* unit phrases -> nx_unit_t */
        fx_map_t *cur;      /* currency phrases -> cur_entry_t */
        fx_map_t *mod_pre;  /* modifier prefixes -> nx_mod_phrase_t */
        fx_map_t *mod_suf;  /* modifier suffixes -> nx_mod_phrase_t */
        fx_map_t *trig;     /* first tokens of prefix phrases -> (void*)1 */
        fx_map_t *numtrig;  /* the keys of numw and trig -> (void*)NT_NUMW or
                               (void*)NT_TRIG: whether a token may open a figure,
                               and whether it is a number word, in one probe */
        fx_map_t *stop;     /* words that end a counted noun phrase */
        fx_map_t *nameword; /* words before a number that make it a name/code */
        fx_map_t *oneword;  /* words before "one" that make it a pronoun */
        cur_entry_t *entries;
        size_t n_entries;
        /* a word can open a figure only if its (first byte, length) pair
         * is noted here: one bit test rejects most words */
        nx_startlen_t start_len;
        nx_startlen_t wpre_len; /* the same for currency words before an amount */
        nx_startlen_t late_len; /* ... and for those and "percent", "per" */
} fig_tables_t;

static void mark_len(nx_startlen_t *f, const char *w) { nx_startlen_mark(f, w, strlen(w)); }

static void mark_start(fig_tables_t *T, const char *w) { mark_len(&T->start_len, w); }

static int may_start(const fig_tables_t *T, const char *w, size_t n) { return nx_startlen_may(&T->start_len, w, n); }

/* numtrig's values: a trigger only, or a number word (maybe a trigger too) */
#define NT_TRIG 1
#define NT_NUMW 2

static const char *const stop_words[] = {
        "the", "a", "an", "in", "on", "at", "to", "from", "by", "for", "with", "and",
        "or", "but", "of", "is", "are", "was", "were", "be", "been", "being", "have",
        "has", "had", "will", "would", "could", "should", "may", "might", "can", "must",
        "said", "says", "say", "than", "that", "which", "who", "whom", "whose", "this",
        "these", "those", "it", "its", "their", "his", "her", "our", "as", "since",
        "after", "before", "during", "while", "into", "over", "under", "about", "per",
        "each", "every", "not", "no", "so", "if", "when", "where", "up", "down", "out",
        "off", "last", "next", "ago", "more", "less", "than", "also", "all", "both",
        "such", "some", "other", "another", "between", "among", "against", "across",
        "through", "until", "till", "via", "according", "including", "compared",
        "did", "do", "does", "there", "here", "they", "them", "he", "she", "we", "you",
        "i", "just", "only", "still", "even", "then", "now", "again", "already",
        "year", "years", "month", "months", "week", "weeks", "day", "days", "times",
        "time", "percent", "killed", "died", "dead", "injured", "wounded", "left",
        "us", "you", "me", "him", "exactly", "perhaps", "maybe", "both", "today",
        "yesterday", "tomorrow", "went", "came", "rose", "fell", "grew", "go", "goes",
        "make", "made", "face", "faces", "live", "remain", "remains", "fled", "lost",
        "took", "take", "get", "got", "need", "needs", "including", "like", "nearly",
        "almost", "roughly", "approximately", "around", "some",
        "officials", "authorities", "when", "then", "while", "because", "though",
        "themselves", "itself", "himself", "herself", "each", "other", "others'",
        NULL};

static const char *const name_words[] = {
        "no", "nos", "nr", "nrs", "#", "article", "articles", "section", "chapter",
        "page", "pages", "flight", "route", "resolution", "exit", "highway",
        "interstate", "room", "platform", "gate", "paragraph", "clause", "bus",
        "apartment", "suite", "channel", "episode", "volume", "vol", "issue", "pp",
        "p", "figure", "fig", "table", "item", "line", "stage", "level", "phase",
        "round", "seed", "ranked", "rank", "number", "pier", "terminal", "block",
        "lot", "district", "ward", "precinct", "unit", "division", "grade", "class",
        "model", "type", "rule", "law", "act", "bill", "code", "zone", "sector",
        "hole", "lane", "track", "act", "match", "game", "week", "day", "part",
        NULL};

static const char *const one_words[] = {
        "this", "that", "the", "which", "each", "every", "any", "no", "another",
        "other", "only", "last", "first", "new", "little", "big", "right", "wrong",
        "same", "such", "someone", "anyone", "everyone", "next", "old", "latest",
        "better", "best", "good", "bad", "young", "small", "large", "great", "real",
        "single", "no.", "ones", "very", "biggest", "largest", "main", "key",
        NULL};

static int lex_add_list(fx_map_t *lex, const char *const *words) {
        for (size_t i = 0; words[i]; i++)
                if (fx_add(lex, words[i], (void *)1))
                        return -1;
        return 0;
}

/* Adds the first token(s) of phrase to the trigger lexicon: the part up to the
 * first space, up to the first punctuation, and the first byte of a symbol. */
static int add_trigger(fx_map_t *trig, const char *phrase) {
        char buf[64];
        size_t n = strcspn(phrase, " ");
        if (n == 0 || n >= sizeof(buf))
                return 0;
        memcpy(buf, phrase, n);
        buf[n] = '\0';
        if (fx_add(trig, buf, (void *)1))
                return -1;
        unsigned char c0 = (unsigned char)phrase[0];
        if (c0 >= 0x80) { /* a symbol: its first code point */
                size_t k = 1;
                while (phrase[k] && ((unsigned char)phrase[k] & 0xC0) == 0x80)
                        k++;
                memcpy(buf, phrase, k);
                buf[k] = '\0';
                return fx_add(trig, buf, (void *)1);
        }
        if (!isalnum(c0)) {
                buf[0] = (char)c0;
                buf[1] = '\0';
                return fx_add(trig, buf, (void *)1);
        }
        size_t m = 0;
        while (m < n && isalnum((unsigned char)phrase[m]))
                m++;
        if (m < n) {
                /* "u.s.$" is the token "u.s." then "$" */
                size_t dot = m;
                while (dot < n && (isalnum((unsigned char)phrase[dot]) || phrase[dot] == '.'))
                        dot++;
                memcpy(buf, phrase, dot);
                buf[dot] = '\0';
                if (fx_add(trig, buf, (void *)1))
                        return -1;
                memcpy(buf, phrase, m);
                buf[m] = '\0';
                return fx_add(trig, buf, (void *)1);
        }
        return 0;
}

static int in_list(const char *const *list, const char *code) {
        for (size_t i = 0; list[i]; i++)
                if (!strcmp(list[i], code))
                        return 1;
        return 0;
}

static int is_code_word(const char *code) {
        for (size_t i = 0; nx_currency_code_words[i]; i++)
                if (!strcmp(nx_currency_code_words[i], code))
                        return 1;
        return 0;
}

int nx_figures_init(nx_engine_t *eng, char *errstr, size_t errstr_size) {
        nx_arena_t *scratch = NULL;
        fig_tables_t *T = calloc(1, sizeof(*T));
        if (!T)
                goto oom;
        eng->figures = T;
        T->numw = fx_new(nx_n_numwords * 2 + 16);
        T->units = fx_new(nx_n_units * 2 + 16);
        T->cur = fx_new((nx_n_currency_aliases + 3 * nx_n_iso_currencies) * 2 + 16);
        T->mod_pre = fx_new(nx_n_mod_phrases * 2 + 16);
        T->mod_suf = fx_new(nx_n_mod_phrases * 2 + 16);
        T->trig = fx_new(1024);
        T->stop = fx_new(512);
        T->nameword = fx_new(256);
        T->oneword = fx_new(128);
        T->n_entries = nx_n_currency_aliases + 2 * nx_n_iso_currencies;
        T->entries = calloc(T->n_entries, sizeof(*T->entries));
        scratch = nx_arena_new(0);
        if (!scratch)
                goto oom;
        if (!T->numw || !T->units || !T->cur || !T->mod_pre || !T->mod_suf || !T->trig ||
            !T->stop || !T->nameword || !T->oneword || !T->entries)
                goto oom;
        for (size_t i = 0; i < nx_n_numwords; i++)
                if (fx_add(T->numw, nx_numwords[i].word, (void *)&nx_numwords[i]))
                        goto oom;
        for (size_t i = 0; i < nx_n_units; i++)
                if (fx_add_phrase(T->units, nx_units[i].surface, (void *)&nx_units[i], scratch))
                        goto oom;
        /* aliases first: an existing key keeps its first value */
        size_t e = 0;
        for (size_t i = 0; i < nx_n_currency_aliases; i++, e++) {
                const nx_currency_alias_t *a = &nx_currency_aliases[i];
                T->entries[e] = (cur_entry_t){a->code, a->factor, a->flags, 0};
                if (fx_add_phrase(T->cur, a->surface, &T->entries[e], scratch))
                        goto oom;
                if ((a->flags & NX_CF_PREFIX) && add_trigger(T->trig, a->surface))
                        goto oom;
                if (a->flags & NX_CF_WORDPRE) {
                        mark_len(&T->wpre_len, a->surface);
                        mark_len(&T->late_len, a->surface);
                }
        }
        for (size_t i = 0; i < nx_n_iso_currencies; i++) {
                const nx_iso_currency_t *c = &nx_iso_currencies[i];
                cur_entry_t *ce = &T->entries[e++];
                *ce = (cur_entry_t){c->code, 1,
                                    NX_CF_PREFIX | NX_CF_SUFFIX |
                                            (is_code_word(c->code) ? NX_CF_CASE : 0),
                                    1};
                if (fx_add_phrase(T->cur, c->code, ce, scratch) || add_trigger(T->trig, c->code))
                        goto oom;
                cur_entry_t *ne = &T->entries[e++];
                *ne = (cur_entry_t){c->code, 1, NX_CF_SUFFIX, 0};
                if (in_list(nx_currency_name_skip, c->code))
                        continue;
                char buf[96];
                size_t n = strlen(c->name);
                if (n + 2 >= sizeof(buf))
                        continue;
                memcpy(buf, c->name, n + 1);
                if (fx_add_phrase(T->cur, buf, ne, scratch))
                        goto oom;
                buf[n] = 's';
                buf[n + 1] = '\0';
                if (fx_add_phrase(T->cur, buf, ne, scratch))
                        goto oom;
        }
        for (size_t i = 0; i < nx_n_mod_phrases; i++) {
                const nx_mod_phrase_t *m = &nx_mod_phrases[i];
                if (fx_add_phrase(m->suffix ? T->mod_suf : T->mod_pre, m->phrase, (void *)m, scratch))
                        goto oom;
                if (!m->suffix && add_trigger(T->trig, m->phrase))
                        goto oom;
        }
        static const char *const extra_trig[] = {"between", "from", "minus", "negative",
                                                 "a", "an", "-", "−", "+", ".", "aged",
                                                 "age", NULL};
        if (lex_add_list(T->trig, extra_trig) || lex_add_list(T->stop, stop_words) ||
            lex_add_list(T->nameword, name_words) || lex_add_list(T->oneword, one_words))
                goto oom;
        if (!(T->numtrig = fx_new(T->numw->n + T->trig->n)))
                goto oom;
        for (size_t i = 0; i < T->numw->cap; i++)
                if (T->numw->key[i] && fx_add(T->numtrig, T->numw->key[i], (void *)NT_NUMW))
                        goto oom;
        for (size_t i = 0; i < T->trig->cap; i++) /* a key of both stays NT_NUMW */
                if (T->trig->key[i] && fx_add(T->numtrig, T->trig->key[i], (void *)NT_TRIG))
                        goto oom;
        mark_len(&T->late_len, "percent");
        mark_len(&T->late_len, "per");
        for (size_t i = 0; i < T->numw->cap; i++)
                if (T->numw->key[i])
                        mark_start(T, T->numw->key[i]);
        for (size_t i = 0; i < T->trig->cap; i++)
                if (T->trig->key[i])
                        mark_start(T, T->trig->key[i]);
        nx_arena_destroy(scratch);
        return 0;
oom:
        nx_arena_destroy(scratch);
        snprintf(errstr, errstr_size, "figures: out of memory building tables");
        return -1;
}

void nx_figures_free(nx_engine_t *eng) {
        fig_tables_t *T = eng ? eng->figures : NULL;
        if (!T)
                return;
        fx_free(T->numw);
        fx_free(T->units);
        fx_free(T->cur);
        fx_free(T->mod_pre);
        fx_free(T->mod_suf);
        fx_free(T->trig);
        fx_free(T->numtrig);
        fx_free(T->stop);
        fx_free(T->nameword);
        fx_free(T->oneword);
        free(T->entries);
        free(T);
        eng->figures = NULL;
}

/* ------------------------------------------------------------------ context */

typedef struct ctx_s {
        const nx_doc_t *doc;
        const fig_tables_t *T;
        const uint8_t *blocked; /* per token: 1 inside a date span */
        size_t sent_end;        /* token index bound of the current sentence */
        int ignore_blocked;     /* ages: parse through date spans */
        const char **names;     /* digit strings used as names in this document ("737") */
        size_t n_names;
        uint8_t *numtrig_at;    /* per token: 1 + numtrig_of(), 0 = not yet looked up */
} ctx_t;

static inline const nx_token_t *TK(const ctx_t *c, size_t i) { return &c->doc->toks[i]; }
static inline const char *TX(const ctx_t *c, size_t i) { return c->doc->text + c->doc->toks[i].start; }
static inline size_t TL(const ctx_t *c, size_t i) { return nx_tok_len(&c->doc->toks[i]); }

/* Token k among the number words and triggers: 0 neither, NT_TRIG or
 * NT_NUMW (so fx_get(numw) of it is non-NULL exactly for NT_NUMW). One probe
 * per token and article: the scan asks it of each token, and again of the
 * tokens after each trigger ("a", "about", "$") that it looks ahead over. */
static unsigned numtrig_of(const ctx_t *c, size_t k) {
        if (c->numtrig_at[k])
                return c->numtrig_at[k] - 1u;
        const char *w = TX(c, k);
        size_t n = TL(c, k);
        unsigned v = 0; /* fx_get(numtrig) with the token's kept hash */
        if (may_start(c->T, w, n) && nx_startlen_may(&c->T->numtrig->filter, w, n))
                v = (unsigned)(uintptr_t)fx_get_hashed(c->T->numtrig, w, n, nx_tok_hash(c->doc, k));
        c->numtrig_at[k] = (uint8_t)(v + 1);
        return v;
}

static inline int in_range(const ctx_t *c, size_t i) {
        return i < c->sent_end && (c->ignore_blocked || !c->blocked[i]);
}
/* token i is glued to token i-1 (no white space between) */
static inline int glued(const ctx_t *c, size_t i) {
        return i > 0 && i < c->doc->n_toks && c->doc->toks[i].start == c->doc->toks[i - 1].end;
}
static inline int is_kind(const ctx_t *c, size_t i, int kind) {
        return in_range(c, i) && TK(c, i)->kind == kind;
}
/* Always inlined: the words are literals, whose strlen() then folds in
 * nx_tok_is() / nx_tok_punct(). */
static inline __attribute__((always_inline)) int tok_eq(const ctx_t *c, size_t i, const char *w) {
        return in_range(c, i) && nx_tok_is(c->doc, i, w);
}
static inline __attribute__((always_inline)) int punct_eq(const ctx_t *c, size_t i, const char *p) {
        return in_range(c, i) && nx_tok_punct(c->doc, i, p);
}
static int is_dash(const ctx_t *c, size_t i) {
        return punct_eq(c, i, "-") || punct_eq(c, i, "\xe2\x80\x93") || /* – */
               punct_eq(c, i, "\xe2\x80\x94");                           /* — */
}

static const nx_numword_t *numword(const ctx_t *c, size_t i) {
        if (!is_kind(c, i, NX_TOK_WORD))
                return NULL;
        return fx_get(c->T->numw, TX(c, i), TL(c, i));
}

/* Longest phrase of lex starting at token i (at most maxn tokens, same
 * sentence, outside dates). Returns the value and sets *end. */
static void *match_phrase(const ctx_t *c, const fx_map_t *lex, size_t i, size_t maxn,
                          size_t *end) {
        char buf[96];
        size_t lim = i;
        while (lim < c->sent_end && lim - i < maxn && in_range(c, lim))
                lim++;
        if (lim == i)
                return NULL;
        if (lex->first) {
                uintptr_t most = (uintptr_t)fx_get(lex->first, TX(c, i), TL(c, i));
                if (!most)
                        return NULL;
                if (lim - i > most)
                        lim = i + most;
        }
        for (size_t j = lim; j > i; j--) {
                size_t n;
                const char *key = nx_toks_key(c->doc, i, j, buf, sizeof(buf), &n);
                if (!key)
                        continue;
                void *v = fx_get(lex, key, n);
                if (v) {
                        *end = j;
                        return v;
                }
        }
        return NULL;
}

/* ------------------------------------------------------------------ numbers */

enum { P_NONE, P_NUM, P_DIGIT, P_TEEN, P_TENS, P_HUNDRED, P_SCALE, P_AND, P_FRAC, P_DEC, P_A };

typedef struct num_s {
        size_t i, j;          /* tokens [i, j) */
        uint32_t start, end;  /* bytes */
        double v;             /* value, magnitude applied */
        double mag;           /* trailing magnitude factor (1 = none) */
        int words, digits;    /* made of number words / digit tokens */
        int plain;            /* one digit token, integer, no grouping or sign */
        int ndig;             /* digits in that token */
        int neg;
        int skip;             /* not a figure: skip tokens [i, j) */
        int list;             /* "22,24,26": a list of numbers in one token */
} num_t;

/* Parses the digits of one NUM token. kind: 0 number, 1 list ("22,24,26"),
 * 2 not a number (versions "1.2.3"). */
static double digits_value(const char *s, size_t n, int *kind, int *grouped, int *decimal) {
        size_t commas = 0, dots = 0;
        *kind = 0;
        *grouped = 0;
        *decimal = 0;
        for (size_t k = 0; k < n; k++) {
                commas += s[k] == ',';
                dots += s[k] == '.';
        }
        int dot_grouped = 0;
        if (dots > 1 && commas == 0) {
                /* "1.000.000": dot-grouped thousands; else a version or an address */
                size_t k = 0, g = 0;
                while (k < n && s[k] != '.')
                        k++, g++;
                int ok = g >= 1 && g <= 3;
                while (ok && k < n) {
                        k++; /* the dot */
                        g = 0;
                        while (k < n && s[k] != '.')
                                k++, g++;
                        ok = g == 3;
                }
                if (!ok) {
                        *kind = 2;
                        return 0;
                }
                dot_grouped = 1;
                *grouped = 1;
        }
        int comma_decimal = 0;
        if (commas) {
                /* thousands: 1-3 digits, then ",ddd" groups, then optional ".d+" */
                size_t k = 0, g = 0;
                while (k < n && isdigit((unsigned char)s[k]))
                        k++, g++;
                int ok = g >= 1 && g <= 3;
                while (ok && k < n && s[k] == ',') {
                        k++;
                        g = 0;
                        while (k < n && isdigit((unsigned char)s[k]))
                                k++, g++;
                        ok = g == 3;
                }
                if (ok && k < n && s[k] == '.') {
                        k++;
                        while (k < n && isdigit((unsigned char)s[k]))
                                k++;
                }
                if (!ok || k != n) {
                        if (commas == 1 && dots == 0)
                                comma_decimal = 1; /* "1,3" */
                        else {
                                *kind = dots ? 2 : 1;
                                return 0;
                        }
                } else {
                        *grouped = 1;
                }
        }
        /* digits into one mantissa, then one division: "0.3" is 3/10, exactly
         * rounded, not 0.30000000000000004 */
        double mant = 0;
        int infrac = 0, fd = 0;
        for (size_t k = 0; k < n; k++) {
                char ch = s[k];
                if ((ch == ',' && !comma_decimal) || (ch == '.' && dot_grouped))
                        continue;
                if (ch == '.' || ch == ',') {
                        infrac = 1;
                        *decimal = 1;
                        continue;
                }
                mant = mant * 10 + (ch - '0');
                fd += infrac;
        }
        return fd ? mant / pow(10, fd) : mant;
}

/* Unicode vulgar fractions (¼ ½ ¾ ⅓ ⅔ ⅛ ...); 0 when the token is none. */
static double vulgar(const ctx_t *c, size_t i) {
        if (i >= c->doc->n_toks)
                return 0;
        unsigned char b0 = (unsigned char)TX(c, i)[0];
        if (b0 != 0xC2 && b0 != 0xE2)
                return 0;
        static const struct { const char *s; double v; } vf[] = {
                {"\xc2\xbc", 0.25}, {"\xc2\xbd", 0.5}, {"\xc2\xbe", 0.75},
                {"\xe2\x85\x93", 1.0 / 3}, {"\xe2\x85\x94", 2.0 / 3}, {"\xe2\x85\x95", 0.2},
                {"\xe2\x85\x96", 0.4}, {"\xe2\x85\x97", 0.6}, {"\xe2\x85\x98", 0.8},
                {"\xe2\x85\x99", 1.0 / 6}, {"\xe2\x85\x9a", 5.0 / 6}, {"\xe2\x85\x9b", 0.125},
                {"\xe2\x85\x9c", 0.375}, {"\xe2\x85\x9d", 0.625}, {"\xe2\x85\x9e", 0.875}};
        if (!is_kind(c, i, NX_TOK_PUNCT))
                return 0;
        for (size_t k = 0; k < sizeof(vf) / sizeof(vf[0]); k++)
                if (nx_tok_punct(c->doc, i, vf[k].s))
                        return vf[k].v;
        return 0;
}

static int is_int_token(const ctx_t *c, size_t i, double *v) {
        if (!is_kind(c, i, NX_TOK_NUM))
                return 0;
        int kind, grouped, decimal;
        *v = digits_value(TX(c, i), TL(c, i), &kind, &grouped, &decimal);
        return kind == 0 && !decimal;
}

/* The white space between tokens i-1 and i is one space or a (narrow) no-break
 * space: "40 000", "40\u202f000". */
static int thin_gap(const ctx_t *c, size_t i) {
        const char *s = c->doc->text + TK(c, i - 1)->end;
        size_t n = TK(c, i)->start - TK(c, i - 1)->end;
        return (n == 1 && s[0] == ' ') || (n == 2 && !memcmp(s, "\xc2\xa0", 2)) ||
               (n == 3 && (!memcmp(s, "\xe2\x80\xaf", 3) || !memcmp(s, "\xe2\x80\x89", 3)));
}

/* Words that, after a number glued to "m", say metres ("1.8m tall"). */
static int metre_context(const ctx_t *c, size_t i) {
        static const char *const w[] = {"tall", "high", "long", "wide", "deep", "away",
                                        "above", "below", "from", "thick", "high-",
                                        "sprint", "race", "hurdles", "freestyle",
                                        "butterfly", "backstroke", "breaststroke",
                                        "relay", "x", NULL};
        for (size_t k = 0; w[k]; k++)
                if (tok_eq(c, i, w[k]))
                        return 1;
        return 0;
}

/* "5m people", "3.2m barrels": a plural noun or "of" after glued "m". */
static int million_context(const ctx_t *c, size_t i) {
        if (!is_kind(c, i, NX_TOK_WORD))
                return 0;
        size_t e;
        const cur_entry_t *ce = match_phrase(c, c->T->cur, i, 3, &e);
        if (ce && (ce->flags & NX_CF_SUFFIX) && (!(ce->flags & NX_CF_CASE) || isupper((unsigned char)TX(c, i)[0])))
                return 1; /* "5m USD", "3m euros" */
        if (tok_eq(c, i, "of") || tok_eq(c, i, "people") || tok_eq(c, i, "children") ||
            tok_eq(c, i, "euros") || tok_eq(c, i, "dollars"))
                return 1;
        size_t n = TL(c, i);
        const char *s = TX(c, i);
        return n > 3 && s[n - 1] == 's' && s[n - 2] != 's' && islower((unsigned char)s[0]) &&
               !metre_context(c, i);
}

static int parse_num(const ctx_t *c, size_t i, int curctx, int depth, num_t *n);

/* A fraction at i: ("a"|"an"|"one"|number words) + denominator [+ scale].
 * "a half", "three quarters", "two thirds", "one fourth", "a half million". */
static int parse_fraction(const ctx_t *c, size_t i, double *v, size_t *end) {
        double num = 0;
        size_t k = i;
        if (tok_eq(c, k, "a") || tok_eq(c, k, "an")) {
                num = 1;
                k++;
        } else {
                const nx_numword_t *w = numword(c, k);
                if (!w || (w->kind != NX_NW_DIGIT && w->kind != NX_NW_TEEN && w->kind != NX_NW_TENS))
                        return 0;
                num = w->value;
                k++;
                const nx_numword_t *w2 = numword(c, k);
                if (w->kind == NX_NW_TENS && w2 && w2->kind == NX_NW_DIGIT) {
                        num += w2->value;
                        k++;
                } else if (w->kind == NX_NW_TENS && punct_eq(c, k, "-") &&
                           (w2 = numword(c, k + 1)) && w2->kind == NX_NW_DIGIT) {
                        num += w2->value;
                        k += 2;
                }
        }
        int hyph = 0;
        if (punct_eq(c, k, "-") && (glued(c, k) || numword(c, k + 1))) { /* "one - fourth", "five-eighths" */
                k++;
                hyph = 1;
        }
        const nx_numword_t *d = numword(c, k);
        if (!d)
                return 0;
        double den = d->value;
        int compound = 0;
        if (d->kind == NX_NW_TENS && punct_eq(c, k + 1, "-")) {
                /* "a twenty-first", "three twenty-firsts" */
                const nx_numword_t *o = numword(c, k + 2);
                if (!o || (o->kind != NX_NW_ORD && o->kind != NX_NW_FRACPL) || o->value >= 10)
                        return 0;
                den += o->value;
                d = o;
                k += 2;
                compound = 1;
        }
        if (d->kind == NX_NW_HALF || d->kind == NX_NW_ORD) {
                if (num != 1 || ((d->flags & NX_NWF_NODENOM) && !compound))
                        return 0;
                /* "a third term", "one second": an ordinal before a noun */
                if (d->kind == NX_NW_ORD && !hyph && is_kind(c, k + 1, NX_TOK_WORD) &&
                    !tok_eq(c, k + 1, "of") && !numword(c, k + 1))
                        return 0;
        } else if (d->kind != NX_NW_FRACPL) {
                return 0;
        }
        double val = num / den;
        k++;
        const nx_numword_t *s = numword(c, k);
        if (s && s->kind == NX_NW_SCALE && !(s->flags & NX_NWF_ABBR)) {
                val *= s->value;
                k++;
        }
        *v = val;
        *end = k;
        return 1;
}

/* A run of number words whose last word is a compound ordinal denominator:
 * a tens word before a unit ordinal ("twenty fifths" = 25ths) or "one" /
 * "a" + hundred or thousand (+ tens) before one ("one hundred fifth" = 105th).
 * The words before it are the numerator: "twenty twenty fifths" = 20/25,
 * "one hundred thirty fifths" = 100/35, "one one hundred fifth" = 1/105,
 * "one hundred one thousand fifths" = 100/1005. A plain unit ordinal after a
 * whole number is left to parse_num ("one hundred thirty-two fifths" =
 * 132/5), and so is a run with nothing before the compound. */
static int parse_compound_fraction(const ctx_t *c, size_t i, double *v, size_t *end) {
        /* cheap look-ahead before any lexicon look-up: a word ending like a
         * unit ordinal (-th, -ths, -rd, -rds) among the next words */
        size_t q = i + 1;
        for (; q < c->sent_end && q < i + 12 && (TK(c, q)->kind == NX_TOK_WORD || punct_eq(c, q, "-")); q++) {
                const char *x = TX(c, q);
                size_t n = TL(c, q);
                if (n >= 4 && (x[n - 1] | 0x20) == 's')
                        n--;
                if (n >= 4 && (((x[n - 2] | 0x20) == 't' && (x[n - 1] | 0x20) == 'h') ||
                               ((x[n - 2] | 0x20) == 'r' && (x[n - 1] | 0x20) == 'd')))
                        break;
        }
        if (q >= c->sent_end || q >= i + 12 || TK(c, q)->kind != NX_TOK_WORD)
                return 0;
        size_t m = i;
        const nx_numword_t *w;
        while (in_range(c, m) && m < c->sent_end && m < i + 12) {
                w = numword(c, m);
                if (w && (w->kind == NX_NW_ORD || w->kind == NX_NW_FRACPL))
                        break;
                if (!(w && (w->kind == NX_NW_DIGIT || w->kind == NX_NW_TEEN || w->kind == NX_NW_TENS ||
                            w->kind == NX_NW_HUNDRED ||
                            (w->kind == NX_NW_SCALE && w->value == 1e3 && !(w->flags & NX_NWF_ABBR)))) &&
                    !(punct_eq(c, m, "-") && m > i && numword(c, m - 1) && numword(c, m + 1)))
                        return 0;
                m++;
        }
        const nx_numword_t *o = numword(c, m);
        if (!o || (o->kind != NX_NW_ORD && o->kind != NX_NW_FRACPL) || o->value >= 10 || o->value < 3 ||
            m < i + 2)
                return 0;
        double den = o->value;
        size_t ds = m;
        const nx_numword_t *p = numword(c, m - 1);
        if (p && p->kind == NX_NW_TENS) {
                den += p->value;
                ds = m - 1;
                p = ds >= i + 2 ? numword(c, ds - 1) : NULL;
        }
        if (p && (p->kind == NX_NW_HUNDRED || (p->kind == NX_NW_SCALE && p->value == 1e3)) && ds >= i + 3 &&
            (tok_eq(c, ds - 2, "one") || tok_eq(c, ds - 2, "a"))) {
                den += p->value;
                ds -= 2;
        }
        if (ds == m || ds <= i)
                return 0;
        /* the numerator fills [i, ds) */
        ctx_t cn = *c;
        cn.sent_end = ds;
        num_t nn;
        if (!parse_num(&cn, i, 0, 1, &nn) || nn.skip || nn.list || nn.j != ds || !nn.words)
                return 0;
        if (o->kind == NX_NW_ORD && nn.v != 1)
                return 0;
        *v = nn.v / den;
        *end = m + 1;
        return 1;
}

/* Scientific notation and exponents after a digit token ending at k:
 * "12.32e+14", "1.1^23", "1.3x10^6". Returns the new end or k. */
static size_t parse_exponent(const ctx_t *c, size_t k, double *v) {
        size_t p = k;
        int pow10 = 0;
        if (is_kind(c, p, NX_TOK_WORD) && glued(c, p) &&
            (tok_eq(c, p, "x10") || tok_eq(c, p, "X10")) && punct_eq(c, p + 1, "^") && glued(c, p + 1)) {
                pow10 = 1;
                p += 2;
        } else if (punct_eq(c, p, "\xc3\x97") && glued(c, p) && is_kind(c, p + 1, NX_TOK_NUM) &&
                   TL(c, p + 1) == 2 && !memcmp(TX(c, p + 1), "10", 2) && punct_eq(c, p + 2, "^")) {
                pow10 = 1;
                p += 3;
        } else if (punct_eq(c, p, "^") && glued(c, p)) {
                p += 1;
        } else if (is_kind(c, p, NX_TOK_WORD) && glued(c, p) && TL(c, p) == 1 &&
                   (TX(c, p)[0] == 'e' || (TX(c, p)[0] == 'E' && memchr(TX(c, k - 1), '.', TL(c, k - 1))))) {
                pow10 = 2;
                p += 1;
        } else if (is_kind(c, p, NX_TOK_WORD) && glued(c, p) && TL(c, p) > 1 && TL(c, p) <= 4 &&
                   TX(c, p)[0] == 'e' && /* "1e6", but "7E7" is a model name */
                   strspn(TX(c, p) + 1, "0123456789") == TL(c, p) - 1 &&
                   !(p + 1 < c->sent_end && glued(c, p + 1))) {
                *v *= pow(10, strtod(TX(c, p) + 1, NULL)); /* "1e6" */
                return p + 1;
        } else {
                return k;
        }
        int minus = 0;
        while (glued(c, p) && (punct_eq(c, p, "-") || punct_eq(c, p, "+"))) {
                minus ^= punct_eq(c, p, "-");
                p++;
        }
        double e;
        if (!glued(c, p) || !is_int_token(c, p, &e))
                return k;
        if (minus)
                e = -e;
        if (pow10)
                *v *= pow(10, e);
        else
                *v = pow(*v, e);
        return p + 1;
}

/* Parses a number starting at token i. curctx: a currency is in force (so a
 * glued "m" is million). Returns 1 with *n filled (n->skip: tokens that are
 * no figure), 0 when no number starts at i. */
static int parse_num(const ctx_t *c, size_t i, int curctx, int depth, num_t *n) {
        memset(n, 0, sizeof(*n));
        n->i = i;
        n->mag = 1;
        if (!in_range(c, i))
                return 0;
        size_t k = i;
        int neg = 0;
        /* ---- sign */
        if ((tok_eq(c, k, "minus") || tok_eq(c, k, "negative")) &&
            (is_kind(c, k + 1, NX_TOK_NUM) || numword(c, k + 1))) {
                neg = 1;
                k++;
        } else if ((punct_eq(c, k, "-") || punct_eq(c, k, "\xe2\x88\x92") || punct_eq(c, k, "+")) &&
                   is_kind(c, k + 1, NX_TOK_NUM)) {
                int lead = k == 0 || (TK(c, k)->flags & NX_TF_SPACE) ||
                           (TK(c, k - 1)->kind == NX_TOK_PUNCT && !punct_eq(c, k - 1, "-"));
                if (glued(c, k + 1) && lead && !(k > 0 && TK(c, k - 1)->kind == NX_TOK_NUM && glued(c, k))) {
                        neg = !punct_eq(c, k, "+");
                        k++;
                } else if (!glued(c, k + 1) && k == c->doc->sents[TK(c, k)->sent].tok_first &&
                           punct_eq(c, k, "-")) {
                        neg = 1; /* "- 1 4/5" opening a line */
                        k++;
                } else {
                        return 0;
                }
        }
        double total = 0, cur = 0, largest = 0, last_scale = 0;
        int prev = P_NONE, any = 0, last_scale_word = 0;
        size_t first_tok = k;
        /* ---- leading decimal point: ".25" */
        if (punct_eq(c, k, ".") && is_kind(c, k + 1, NX_TOK_NUM) && glued(c, k + 1) &&
            (k == 0 || !glued(c, k) || TK(c, k - 1)->kind == NX_TOK_PUNCT)) {
                int kind, gr, dec;
                double f = digits_value(TX(c, k + 1), TL(c, k + 1), &kind, &gr, &dec);
                if (kind || gr || dec)
                        return 0;
                cur = f / pow(10, (double)TL(c, k + 1));
                k += 2;
                prev = P_DEC;
                any = 1;
                n->digits = 1;
        }
        if (prev == P_NONE && is_kind(c, k, NX_TOK_WORD)) {
                double fv;
                size_t fe;
                if (parse_compound_fraction(c, k, &fv, &fe)) {
                        cur = fv;
                        prev = P_FRAC;
                        any = 1;
                        n->words = 1;
                        k = fe;
                }
        }
        while (k < c->sent_end && in_range(c, k)) {
                const nx_token_t *t = TK(c, k);
                if (t->kind == NX_TOK_NUM) {
                        if (prev != P_NONE && prev != P_HUNDRED && prev != P_SCALE && prev != P_AND)
                                break;
                        int kind, grouped, decimal;
                        double d = digits_value(TX(c, k), TL(c, k), &kind, &grouped, &decimal);
                        if (kind == 1) {
                                if (prev != P_NONE)
                                        break;
                                n->list = 1;
                                n->j = k + 1;
                                n->start = TK(c, i)->start;
                                n->end = TK(c, k)->end;
                                return 1;
                        }
                        if (kind == 2) {
                                if (prev != P_NONE)
                                        break;
                                n->skip = 1;
                                n->j = k + 1;
                                n->start = TK(c, i)->start;
                                n->end = TK(c, k)->end;
                                return 1;
                        }
                        if (prev != P_NONE) {
                                /* "4 thousand 3 hundred and 21": a smaller group after a word scale */
                                double lim = prev == P_HUNDRED ? 100 : last_scale;
                                if (decimal || grouped || !last_scale_word || d >= lim || lim > 1000)
                                        break;
                                cur += d;
                                prev = P_NUM;
                                k++;
                                continue;
                        }
                        size_t nk = k + 1;
                        if (!grouped && !decimal && TL(c, k) <= 3) {
                                /* spaced thousands "40 000" */
                                while (is_kind(c, nk, NX_TOK_NUM) && TL(c, nk) == 3 && thin_gap(c, nk) &&
                                       !punct_eq(c, nk + 1, "/") &&
                                       strspn(TX(c, nk), "0123456789") == 3 &&
                                       !(is_kind(c, nk + 1, NX_TOK_NUM) && TL(c, nk + 1) != 3 &&
                                         thin_gap(c, nk + 1))) {
                                        d = d * 1000 + strtod(TX(c, nk), NULL);
                                        grouped = 1;
                                        nk++;
                                }
                        }
                        n->digits = 1;
                        if (nk == k + 1 && !grouped && !decimal && TL(c, k) == strspn(TX(c, k), "0123456789")) {
                                n->plain = 1;
                                n->ndig = (int)TL(c, k);
                        }
                        /* fractions "3/4", mixed "2 1/4", exponents */
                        double num2, den;
                        if (!decimal && !grouped && punct_eq(c, nk, "/") && glued(c, nk) &&
                            glued(c, nk + 1) && is_int_token(c, nk + 1, &den)) {
                                if (den > 0 && d < den && (den <= 10 || den == 12 || den == 16 || den == 32 ||
                                                           den == 64 || den == 100) && !punct_eq(c, nk + 2, "/") &&
                                    !(glued(c, nk + 2) && is_kind(c, nk + 2, NX_TOK_NUM))) {
                                        d = d / den;
                                        nk += 2;
                                        n->plain = 0;
                                } else {
                                        /* "24/7", "9/11", "2022/23": codes and dates */
                                        size_t e = nk + 2;
                                        while (punct_eq(c, e, "/") && glued(c, e) && is_kind(c, e + 1, NX_TOK_NUM))
                                                e += 2;
                                        n->skip = 1;
                                        n->j = e;
                                        n->start = TK(c, i)->start;
                                        n->end = TK(c, e - 1)->end;
                                        return 1;
                                }
                        } else if (!decimal && !grouped && is_kind(c, nk, NX_TOK_NUM) && !glued(c, nk) &&
                                   is_int_token(c, nk, &num2) && punct_eq(c, nk + 1, "/") && glued(c, nk + 1) &&
                                   glued(c, nk + 2) && is_int_token(c, nk + 2, &den) && den > 0 && num2 < den &&
                                   den <= 100) {
                                d += num2 / den;
                                nk += 3;
                                n->plain = 0;
                        } else if (vulgar(c, nk) > 0) {
                                d += vulgar(c, nk);
                                nk++;
                                n->plain = 0;
                        } else {
                                size_t e = parse_exponent(c, nk, &d);
                                if (e != nk)
                                        n->plain = 0;
                                nk = e;
                        }
                        /* times "10:30" and ratios "3:1" */
                        if (punct_eq(c, nk, ":") && glued(c, nk) && is_kind(c, nk + 1, NX_TOK_NUM) &&
                            glued(c, nk + 1)) {
                                size_t e = nk + 2;
                                while (punct_eq(c, e, ":") && glued(c, e) && is_kind(c, e + 1, NX_TOK_NUM))
                                        e += 2;
                                n->skip = 1;
                                n->j = e;
                                n->start = TK(c, i)->start;
                                n->end = TK(c, e - 1)->end;
                                return 1;
                        }
                        cur = d;
                        prev = P_NUM;
                        any = 1;
                        k = nk;
                        if (decimal || !n->plain)
                                prev = P_DEC; /* no more words join a decimal, but scales do */
                        continue;
                }
                if (t->kind == NX_TOK_PUNCT) {
                        double vf = vulgar(c, k);
                        if (vf > 0 && prev == P_NONE) {
                                cur = vf;
                                prev = P_DEC;
                                any = 1;
                                n->digits = 1;
                                k++;
                                continue;
                        }
                        /* "1.75-billion", "5-million": a hyphenated magnitude */
                        if (punct_eq(c, k, "-") && (prev == P_NUM || prev == P_DEC) && n->digits && glued(c, k) &&
                            glued(c, k + 1) && largest == 0) {
                                const nx_numword_t *w = numword(c, k + 1);
                                if (w && w->kind == NX_NW_SCALE && !(w->flags & NX_NWF_ABBR) && w->value >= 1e6) {
                                        k++;
                                        continue;
                                }
                        }
                        /* "twenty-one", "fifty - two" */
                        if (punct_eq(c, k, "-") && prev == P_TENS) {
                                const nx_numword_t *w = numword(c, k + 1);
                                if (w && w->kind == NX_NW_DIGIT && w->value > 0 &&
                                    (glued(c, k) == glued(c, k + 1))) {
                                        k++;
                                        continue;
                                }
                        }
                        break;
                }
                /* ---- a word */
                const nx_numword_t *w = numword(c, k);
                if (!w) {
                        if ((tok_eq(c, k, "a") || tok_eq(c, k, "an")) && prev == P_NONE) {
                                const nx_numword_t *nw = numword(c, k + 1);
                                if (nw && (nw->kind == NX_NW_HUNDRED || nw->kind == NX_NW_DOZEN ||
                                           (nw->kind == NX_NW_SCALE && !(nw->flags & NX_NWF_ABBR)))) {
                                        cur = 1;
                                        prev = P_A;
                                        k++;
                                        continue;
                                }
                                double fv;
                                size_t fe;
                                if (parse_fraction(c, k, &fv, &fe)) {
                                        cur = fv;
                                        prev = P_FRAC;
                                        any = 1;
                                        n->words = 1;
                                        k = fe;
                                        continue;
                                }
                                break;
                        }
                        if (tok_eq(c, k, "and") &&
                            (prev == P_HUNDRED || prev == P_SCALE || prev == P_DIGIT || prev == P_TEEN ||
                             prev == P_TENS || prev == P_NUM)) {
                                double fv;
                                size_t fe;
                                if (parse_fraction(c, k + 1, &fv, &fe)) {
                                        const nx_numword_t *sw = numword(c, fe - 1);
                                        if (sw && sw->kind == NX_NW_SCALE && sw->value > largest) {
                                                /* "3 and a half million" */
                                                total = (total + cur) * sw->value + fv;
                                                cur = 0;
                                                largest = sw->value;
                                                last_scale = sw->value;
                                        } else if (sw && sw->kind == NX_NW_SCALE)
                                                total += fv; /* "one billion and three quarters million" */
                                        else if (prev == P_SCALE && cur == 0)
                                                total += fv * last_scale; /* "3 million and a half" */
                                        else
                                                cur += fv;
                                        prev = P_FRAC;
                                        n->words = 1;
                                        k = fe;
                                        continue;
                                }
                                if (prev == P_HUNDRED || (prev == P_SCALE && last_scale_word)) {
                                        const nx_numword_t *nw = numword(c, k + 1);
                                        double dv;
                                        if ((nw && (nw->kind == NX_NW_DIGIT || nw->kind == NX_NW_TEEN ||
                                                    nw->kind == NX_NW_TENS) && nw->value > 0) ||
                                            (is_int_token(c, k + 1, &dv) && dv < (prev == P_HUNDRED ? 100 : last_scale) &&
                                             last_scale <= 1000)) {
                                                prev = P_AND;
                                                k++;
                                                continue;
                                        }
                                }
                                break;
                        }
                        if (tok_eq(c, k, "point") && (prev == P_DIGIT || prev == P_TEEN || prev == P_TENS ||
                                                      prev == P_HUNDRED || prev == P_NUM)) {
                                /* "nine point nought four", "two hundred point seventy-one" */
                                char digs[32];
                                size_t nd = 0, p = k + 1;
                                const nx_numword_t *pw;
                                while ((pw = numword(c, p)) && pw->kind == NX_NW_DIGIT && nd < 30) {
                                        digs[nd++] = (char)('0' + (int)pw->value);
                                        p++;
                                }
                                if (nd == 0 && (pw = numword(c, p)) && (pw->kind == NX_NW_TEEN || pw->kind == NX_NW_TENS)) {
                                        int val = (int)pw->value;
                                        p++;
                                        const nx_numword_t *pw2 = NULL;
                                        if (pw->kind == NX_NW_TENS) {
                                                size_t q = p;
                                                if (punct_eq(c, q, "-"))
                                                        q++;
                                                if ((pw2 = numword(c, q)) && pw2->kind == NX_NW_DIGIT) {
                                                        val += (int)pw2->value;
                                                        p = q + 1;
                                                }
                                        }
                                        nd = (size_t)snprintf(digs, sizeof(digs), "%d", val);
                                }
                                if (nd == 0)
                                        break;
                                double f = 0, sc = 1;
                                for (size_t q = 0; q < nd; q++) {
                                        sc /= 10;
                                        f += (digs[q] - '0') * sc;
                                }
                                cur += f;
                                prev = P_DEC;
                                n->words = 1;
                                k = p;
                                continue;
                        }
                        break;
                }
                int cap_mid = (t->flags & NX_TF_CAP) && !(t->flags & NX_TF_SENT_START);
                switch (w->kind) {
                case NX_NW_DIGIT:
                        if (!(prev == P_NONE || prev == P_HUNDRED || prev == P_SCALE || prev == P_AND ||
                              (prev == P_TENS && w->value > 0 && fmod(cur, 10) == 0)))
                                goto done;
                        if (w->value == 0 && prev != P_NONE)
                                goto done;
                        if (prev == P_NONE && cap_mid)
                                goto done;
                        /* "two thirds", "one eighth", "three fifths" */
                        if (prev == P_NONE) {
                                double fv;
                                size_t fe;
                                if (parse_fraction(c, k, &fv, &fe)) {
                                        cur = fv;
                                        prev = P_FRAC;
                                        any = 1;
                                        n->words = 1;
                                        k = fe;
                                        continue;
                                }
                        }
                        cur += w->value;
                        prev = P_DIGIT;
                        break;
                case NX_NW_TEEN:
                case NX_NW_TENS:
                        if (!(prev == P_NONE || prev == P_HUNDRED || prev == P_SCALE || prev == P_AND))
                                goto done;
                        if (prev == P_NONE && cap_mid)
                                goto done;
                        if (prev == P_NONE && w->kind == NX_NW_TENS) {
                                double fv;
                                size_t fe;
                                if (parse_fraction(c, k, &fv, &fe)) {
                                        cur = fv;
                                        prev = P_FRAC;
                                        any = 1;
                                        n->words = 1;
                                        k = fe;
                                        continue;
                                }
                        }
                        cur += w->value;
                        prev = w->kind == NX_NW_TEEN ? P_TEEN : P_TENS;
                        break;
                case NX_NW_HUNDRED:
                        if (prev == P_NONE && cap_mid)
                                goto done;
                        if (prev == P_NUM || prev == P_DEC) {
                                if (cur >= 100 || cur <= 0) /* "3 hundred", "2.12 hundred" */
                                        goto done;
                        } else if (!(prev == P_NONE || prev == P_A || prev == P_DIGIT || prev == P_TEEN ||
                                     prev == P_TENS)) {
                                goto done;
                        }
                        cur = (cur == 0 ? 1 : cur) * 100;
                        prev = P_HUNDRED;
                        last_scale = 100;
                        last_scale_word = 1;
                        break;
                case NX_NW_SCALE: {
                        if (w->flags & NX_NWF_ABBR) {
                                if (prev != P_NUM && prev != P_DEC)
                                        goto done;
                                if (largest > 0)
                                        goto done;
                                if ((w->flags & NX_NWF_ATTACHED) && !glued(c, k))
                                        goto done;
                                if (w->flags & NX_NWF_MILLION_M) {
                                        int upper = TX(c, k)[0] == 'M';
                                        if (!curctx) {
                                                if (!glued(c, k) && !upper)
                                                        goto done;
                                                if (glued(c, k) && (metre_context(c, k + 1) ||
                                                                    (prev == P_NUM && !million_context(c, k + 1))))
                                                        goto done;
                                        }
                                }
                                /* "10k" but not "10 kg": k must end the word */
                                if (glued(c, k + 1) && is_kind(c, k + 1, NX_TOK_WORD))
                                        goto done;
                        } else if (prev == P_NONE) {
                                goto done;
                        }
                        if (prev == P_NONE || prev == P_AND)
                                goto done;
                        double s = w->value;
                        if (s > largest) {
                                total = (total + cur) * s;
                                largest = s;
                        } else {
                                total += cur * s;
                        }
                        cur = 0;
                        last_scale = s;
                        last_scale_word = !(w->flags & NX_NWF_ABBR);
                        n->mag = s;
                        prev = P_SCALE;
                        break;
                }
                case NX_NW_DOZEN:
                        if (!(prev == P_A || prev == P_DIGIT || prev == P_TEEN || prev == P_TENS ||
                              prev == P_NUM))
                                goto done;
                        cur *= 12;
                        any = 1;
                        n->words = 1;
                        prev = P_SCALE;
                        last_scale = 12;
                        last_scale_word = 0;
                        k++;
                        goto done;
                case NX_NW_HALF:
                        /* "half million", "quarter million", "half a dozen" */
                        if (prev == P_NONE) {
                                int art = tok_eq(c, k + 1, "a") || tok_eq(c, k + 1, "an");
                                const nx_numword_t *nw = numword(c, k + 1 + art);
                                if (nw && nw->kind == NX_NW_DOZEN && !(nw->flags & NX_NWF_ABBR)) {
                                        cur = nw->value / w->value;
                                        any = 1;
                                        n->words = 1;
                                        prev = P_SCALE;
                                        last_scale = nw->value;
                                        last_scale_word = 0;
                                        k += 2 + art;
                                        goto done;
                                }
                                if (nw && nw->kind == NX_NW_SCALE && !(nw->flags & NX_NWF_ABBR)) {
                                        cur = 1 / w->value; /* "half million", "half a million" */
                                        prev = P_FRAC;
                                        k += art;
                                        break;
                                }
                        }
                        goto done;
                case NX_NW_FRACPL:
                        /* "a hundred thousand trillionths", "three quarters" */
                        if ((prev == P_SCALE || prev == P_HUNDRED || prev == P_DIGIT || prev == P_TEEN ||
                             prev == P_TENS) && total + cur > 1 && n->words) {
                                cur = (total + cur) / w->value;
                                total = 0;
                                largest = 0;
                                prev = P_FRAC;
                                break;
                        }
                        goto done;
                default:
                        goto done;
                }
                n->words = 1;
                any = 1;
                k++;
        }
done:
        if (prev == P_AND)
                k--;
        if (prev == P_A || !any || k == first_tok)
                return 0;
        double v = total + cur;
        /* "one over three", "2000 over 3", "two out of five hundred" */
        if (depth == 0 && (tok_eq(c, k, "over") || (tok_eq(c, k, "out") && tok_eq(c, k + 1, "of")))) {
                size_t p = k + (tok_eq(c, k, "out") ? 2 : 1);
                num_t d;
                if (parse_num(c, p, 0, 1, &d) && !d.skip && !d.list && d.v != 0 && !d.neg &&
                    (n->words || d.words ||
                     (tok_eq(c, k, "over") && (!in_range(c, d.j) || TK(c, d.j)->kind == NX_TOK_PUNCT)))) {
                        size_t e;
                        if (!match_phrase(c, c->T->units, d.j, 4, &e) && !match_phrase(c, c->T->cur, d.j, 3, &e)) {
                                v = v / d.v;
                                k = d.j;
                                n->words |= d.words;
                                n->plain = 0;
                                n->mag = 1;
                        }
                }
        }
        n->neg = neg;
        n->v = neg ? -v : v;
        n->j = k;
        n->start = TK(c, i)->start;
        n->end = TK(c, k - 1)->end;
        if (n->words)
                n->plain = 0;
        if (neg)
                n->plain = 0;
        return 1;
}

/* ------------------------------------------------------------------ suffixes */

typedef struct suf_s {
        const char *unit; /* ISO code, "%", UCUM symbol; NULL = none */
        int type;         /* nx_figure_type_t, CARDINAL when no unit */
        double factor;
        size_t end;       /* token after the suffix */
        int is_cur;
        int is_age;
} suf_t;

static int same_case(const ctx_t *c, size_t i, size_t j, const char *surface) {
        /* compares the original text of [i,j) without spaces to surface */
        size_t o = 0;
        for (size_t k = i; k < j; k++) {
                size_t n = TL(c, k);
                if (k > i && !glued(c, k)) {
                        if (surface[o] != ' ')
                                return 0;
                        o++;
                }
                if (strncmp(surface + o, TX(c, k), n))
                        return 0;
                o += n;
        }
        return surface[o] == '\0';
}

static int all_upper(const ctx_t *c, size_t i, size_t j) {
        for (size_t k = i; k < j; k++)
                for (size_t b = 0; b < TL(c, k); b++)
                        if (islower((unsigned char)TX(c, k)[b]))
                                return 0;
        return 1;
}

/* A currency phrase at k usable in role (NX_CF_PREFIX or NX_CF_SUFFIX). */
static const cur_entry_t *match_currency(const ctx_t *c, size_t k, int role, size_t *end,
                                         double *factor) {
        size_t e;
        const cur_entry_t *ce = match_phrase(c, c->T->cur, k, 3, &e);
        *factor = 1;
        if (ce && (ce->flags & role)) {
                if ((ce->flags & NX_CF_CASE) && !all_upper(c, k, e))
                        ce = NULL;
                else if (ce->flags & NX_CF_SPACE) {
                        /* "c $ 16.4": the letters stand alone, lower or upper */
                        if (!(TK(c, k)->flags & NX_TF_SPACE) && k > 0 && glued(c, k))
                                ce = NULL;
                }
                if (ce) {
                        *end = e;
                        *factor = ce->factor;
                        return ce;
                }
        }
        /* "MEUR", "MAUD": a million of an ISO currency */
        if (is_kind(c, k, NX_TOK_WORD) && TL(c, k) == 4 && (TX(c, k)[0] == 'M' || TX(c, k)[0] == 'm')) {
                const cur_entry_t *ie = fx_get(c->T->cur, TX(c, k) + 1, 3);
                if (ie && ie->is_code && all_upper(c, k, k + 1) == (TX(c, k)[0] == 'M')) {
                        *end = k + 1;
                        *factor = 1e6;
                        return ie;
                }
        }
        return NULL;
}

static const nx_unit_t *match_unit(const ctx_t *c, size_t k, size_t *end) {
        size_t e;
        const nx_unit_t *u = match_phrase(c, c->T->units, k, 4, &e);
        while (u) {
                if (u->kind == NX_UK_TIME)
                        return NULL;
                if ((u->flags & NX_UF_ATTACHED) && !glued(c, k))
                        return NULL;
                if ((u->flags & NX_UF_CASE) && !same_case(c, k, e, u->surface))
                        return NULL;
                if (u->flags & NX_UF_NOPLAIN)
                        return NULL;
                if (u->kind == NX_UK_INCH && !isalpha((unsigned char)u->surface[0])) {
                        static const char *const dims[] = {"long", "wide", "tall", "high", "deep",
                                                           "thick", "screen", "display", "x", NULL};
                        int ok = 0;
                        for (size_t d = 0; dims[d]; d++)
                                ok |= tok_eq(c, e, dims[d]);
                        if (!ok)
                                return NULL;
                }
                break;
        }
        if (u)
                *end = e;
        return u;
}

/* "five years old", "29 years old", "3 years of age", "90 day old", "87 yo",
 * "five-year-old". Returns the UCUM unit of the age or NULL. */
static const char *match_age(const ctx_t *c, size_t k, size_t *end) {
        static const struct { const char *w; const char *u; } au[] = {
                {"year", "a"}, {"years", "a"}, {"month", "mo"}, {"months", "mo"},
                {"week", "wk"}, {"weeks", "wk"}, {"day", "d"}, {"days", "d"}};
        if (tok_eq(c, k, "yo") || tok_eq(c, k, "y.o.")) {
                *end = k + 1;
                return "a";
        }
        size_t p = k;
        if (punct_eq(c, p, "-") && glued(c, p))
                p++;
        for (size_t a = 0; a < sizeof(au) / sizeof(au[0]); a++) {
                if (!nx_tok_is(c->doc, p, au[a].w) || p >= c->sent_end)
                        continue;
                size_t q = p + 1;
                if (punct_eq(c, q, "-") && glued(c, q))
                        q++;
                if (q < c->sent_end && nx_tok_is(c->doc, q, "old")) {
                        *end = q + 1;
                        return au[a].u;
                }
                if (q + 1 < c->sent_end && nx_tok_is(c->doc, q, "of") && nx_tok_is(c->doc, q + 1, "age")) {
                        *end = q + 2;
                        return au[a].u;
                }
        }
        return NULL;
}

/* "pounds" is money after paying, costing, fining... and before "a share",
 * "a week"; otherwise a weight ("the baby is over two pounds"). */
static int money_context(const ctx_t *c, size_t i, size_t after) {
        static const char *const verbs[] = {
                "pay", "pays", "paid", "paying", "cost", "costs", "costing", "fined", "fine",
                "worth", "price", "priced", "sold", "sell", "sells", "bought", "buy", "raise",
                "raised", "spent", "spend", "spends", "earn", "earns", "earned", "salary",
                "budget", "bid", "offer", "offered", "charge", "charged", "charges", "owe",
                "owes", "owed", "donated", "donate", "compensation", "award", "awarded",
                "won", "win", "wins", "prize", "tax", "loan", "lent", "fee", "fees", "wage",
                "wages", "invest", "invested", "saved", "save", "refund", NULL};
        size_t first = c->doc->sents[TK(c, i)->sent].tok_first;
        for (size_t k = i; k > first && i - k < 4; k--)
                for (size_t v = 0; verbs[v]; v++)
                        if (nx_tok_is(c->doc, k - 1, verbs[v]))
                                return 1;
        if (tok_eq(c, after, "a") && (tok_eq(c, after + 1, "share") || tok_eq(c, after + 1, "week") ||
                                      tok_eq(c, after + 1, "month") || tok_eq(c, after + 1, "year")))
                return 1;
        return tok_eq(c, after, "per") && tok_eq(c, after + 1, "share");
}

/* What follows a number at k: a currency, percent or unit. Returns 0 with
 * s->type CARDINAL when nothing does, -1 when the number is glued to a word
 * that is none of these ("737s", "5G", "1st": not a figure). */
static int parse_suffix(const ctx_t *c, const num_t *n, size_t k, suf_t *s) {
        memset(s, 0, sizeof(*s));
        s->type = NX_FIG_CARDINAL;
        s->factor = 1;
        s->end = k;
        size_t k0 = k;
        int hyph = 0;
        /* "3-inch", "12-cent", "one-yen" */
        if (punct_eq(c, k, "-") && glued(c, k) && is_kind(c, k + 1, NX_TOK_WORD) && glued(c, k + 1)) {
                k++;
                hyph = 1;
        }
        /* bracketed unit: "20 [kg]", "20 <kg>" */
        int bracket = 0;
        if (!hyph && (punct_eq(c, k, "[") || punct_eq(c, k, "<")) && is_kind(c, k + 1, NX_TOK_WORD)) {
                bracket = 1;
                k++;
        }
        size_t ae;
        const char *age = bracket ? NULL : match_age(c, k0, &ae);
        if (age) {
                s->unit = age;
                s->type = NX_FIG_QUANTITY;
                s->end = ae;
                s->is_age = 1;
                return 1;
        }
        size_t ce_end = 0, u_end = 0;
        double cf = 1;
        const cur_entry_t *ce = match_currency(c, k, NX_CF_SUFFIX, &ce_end, &cf);
        if (ce && ce_end == k + 1 && is_kind(c, ce_end, NX_TOK_NUM) && glued(c, ce_end))
                ce = NULL; /* "1 $10": the symbol belongs to the next amount */
        const nx_unit_t *u = match_unit(c, k, &u_end);
        if (ce && u && u_end > ce_end)
                ce = NULL;
        if (ce && u && u_end <= ce_end)
                u = NULL;
        if (bracket) {
                const char *close = punct_eq(c, k - 1, "[") ? "]" : ">";
                if (!u || !punct_eq(c, u_end, close))
                        return 0;
                u_end++;
        }
        if (ce) {
                s->unit = ce->code;
                s->type = NX_FIG_MONEY;
                s->factor = cf;
                s->end = ce_end;
                s->is_cur = 1;
                return 1;
        }
        if (u) {
                s->unit = u->symbol;
                s->factor = u->factor;
                s->end = u_end;
                s->type = u->kind == NX_UK_PERCENT ? NX_FIG_PERCENT : NX_FIG_QUANTITY;
                if (!strcmp(u->symbol, "[lb_av]") && (n->mag >= 1e6 || money_context(c, n->i, u_end))) {
                        s->unit = "GBP"; /* "5 million pounds" is money */
                        s->type = NX_FIG_MONEY;
                        s->is_cur = 1;
                }
                return 1;
        }
        if (hyph)
                return 0;
        /* a glued word that is no unit: "737s", "5G", "3D", "1st" */
        if (is_kind(c, k, NX_TOK_WORD) && glued(c, k))
                return -1;
        return 0;
}

/* Rates: "per day", "/h", "a day" is not taken ("500,000 barrels a day" keeps
 * its unit); returns the time symbol and moves *end. */
static const char *match_rate(const ctx_t *c0, size_t k, size_t *end) {
        ctx_t cc = *c0; /* "per day" may have been taken as a SET by the dates */
        cc.ignore_blocked = 1;
        const ctx_t *c = &cc;
        size_t p;
        if (tok_eq(c, k, "per") || (punct_eq(c, k, "/") && glued(c, k)))
                p = k + 1;
        else
                return NULL;
        size_t e;
        const nx_unit_t *u = match_phrase(c, c->T->units, p, 1, &e);
        if (!u || u->kind != NX_UK_TIME) {
                /* plural time words */
                static const struct { const char *w, *u; } pl[] = {
                        {"milliseconds", "ms"}, {"seconds", "s"}, {"hours", "h"}, {"days", "d"}};
                for (size_t q = 0; q < sizeof(pl) / sizeof(pl[0]); q++)
                        if (tok_eq(c, p, pl[q].w)) {
                                *end = p + 1;
                                return pl[q].u;
                        }
                return NULL;
        }
        *end = e;
        return u->symbol;
}

/* ------------------------------------------------------------------ figures */

typedef struct fig_s {
        size_t i, j; /* tokens */
        uint32_t start, end;
        int type;
        double v, vmax;
        int has_max;
        const char *unit;
        int mod;
        int is_age;
        const char *counted;
} fig_t;

static const char *mod_name(int m) {
        switch (m) {
        case NX_MOD_APPROX: return "APPROX";
        case NX_MOD_MORE_THAN: return "MORE_THAN";
        case NX_MOD_LESS_THAN: return "LESS_THAN";
        case NX_MOD_EQUAL_OR_MORE: return "EQUAL_OR_MORE";
        case NX_MOD_EQUAL_OR_LESS: return "EQUAL_OR_LESS";
        default: return NULL;
        }
}

static int can_start_number(const ctx_t *c, size_t k) {
        if (!in_range(c, k))
                return 0;
        if (TK(c, k)->kind == NX_TOK_NUM || numword(c, k) || vulgar(c, k) > 0)
                return 1;
        if ((punct_eq(c, k, "-") || punct_eq(c, k, "+") || punct_eq(c, k, "\xe2\x88\x92") ||
             punct_eq(c, k, ".")) && is_kind(c, k + 1, NX_TOK_NUM))
                return 1;
        if (tok_eq(c, k, "minus") || tok_eq(c, k, "negative") || tok_eq(c, k, "a") || tok_eq(c, k, "an"))
                return can_start_number(c, k + 1);
        return 0;
}

static int in_code(const ctx_t *c, size_t i, size_t j);
static int looks_plural(const char *w, size_t n);

/* Words before a currency word that make it no prefix of the amount after
 * it: "the dollar 2% higher", "against the euro 10 years ago". */
static const char *const wordpre_reject[] = {
        "the", "a", "an", "per", "each", "every", "this", "that", "one", "strong",
        "weak", "stronger", "weaker", "against", "versus", "vs", "vs.", "us", "u.s.",
        "new", "old", "single", "common", NULL};

/* A currency word before the amount ("at dollar 22.5 million", "for euro
 * 5m"): only words flagged NX_CF_WORDPRE, not after a determiner, a name or an
 * adjective from wordpre_reject. */
static const cur_entry_t *word_prefix_currency(const ctx_t *c, size_t k, size_t *end, double *factor) {
        const cur_entry_t *ce = match_currency(c, k, NX_CF_WORDPRE, end, factor);
        if (!ce || ce->is_code || *end != k + 1)
                return NULL;
        size_t first = c->doc->sents[TK(c, k)->sent].tok_first;
        if (k > first) {
                const nx_token_t *p = TK(c, k - 1);
                if (p->kind == NX_TOK_NUM || ((p->flags & NX_TF_CAP) && !(p->flags & NX_TF_SENT_START)))
                        return NULL;
                for (size_t r = 0; wordpre_reject[r]; r++)
                        if (nx_tok_is(c->doc, k - 1, wordpre_reject[r]))
                                return NULL;
        }
        return ce;
}

/* "USD115", "EUR1,500.50": an upper-case ISO 4217 code written in one token
 * with the digits, [+ magnitude]. Fills n and returns the currency. */
static const cur_entry_t *glued_code_amount(const ctx_t *c, size_t k, num_t *n) {
        if (!in_range(c, k) || !(TK(c, k)->flags & NX_TF_CAP) || TK(c, k)->kind != NX_TOK_WORD || TL(c, k) < 4 ||
            TL(c, k) > 24)
                return NULL;
        const char *w = TX(c, k);
        size_t len = TL(c, k);
        if (!isupper((unsigned char)w[0]) || !isupper((unsigned char)w[1]) || !isupper((unsigned char)w[2]) ||
            strspn(w + 3, "0123456789") != len - 3)
                return NULL;
        const cur_entry_t *ce = fx_get(c->T->cur, w, 3);
        if (!ce || !ce->is_code || !in_list(nx_currency_glued_codes, ce->code))
                return NULL;
        char buf[64];
        size_t nb = len - 3, e = k + 1;
        memcpy(buf, w + 3, nb);
        int dot = 0;
        while (nb < 40 && glued(c, e) && glued(c, e + 1) && is_kind(c, e + 1, NX_TOK_NUM) &&
               ((punct_eq(c, e, ",") && !dot && strspn(TX(c, e + 1), "0123456789") == 3) || (punct_eq(c, e, ".") && !dot))) {
                if (TL(c, e + 1) + nb + 2 >= sizeof(buf))
                        break;
                dot |= punct_eq(c, e, ".");
                buf[nb++] = TX(c, e)[0];
                memcpy(buf + nb, TX(c, e + 1), TL(c, e + 1));
                nb += TL(c, e + 1);
                e += 2;
        }
        int kind, gr, dec;
        double v = digits_value(buf, nb, &kind, &gr, &dec);
        if (kind)
                return NULL;
        memset(n, 0, sizeof(*n));
        n->mag = 1;
        if (punct_eq(c, e, "-") && glued(c, e) && glued(c, e + 1) && numword(c, e + 1) &&
            numword(c, e + 1)->kind == NX_NW_SCALE && numword(c, e + 1)->value >= 1e6)
                e++; /* "SGD1.75-billion" */
        const nx_numword_t *sw = numword(c, e);
        if (sw && sw->kind == NX_NW_SCALE && !(sw->flags & NX_NWF_ATTACHED) &&
            (!(sw->flags & NX_NWF_MILLION_M) || glued(c, e))) {
                v *= sw->value;
                n->mag = sw->value;
                e++;
        }
        n->i = k;
        n->j = e;
        n->v = v;
        n->digits = 1;
        n->start = TK(c, k)->start;
        n->end = TK(c, e - 1)->end;
        return ce;
}

/* One amount: [currency prefix] number [currency|percent|unit]. Returns 1,
 * 0 (nothing), -1 (not a figure: skip to *skip). */
static int parse_amount(const ctx_t *c, size_t k, num_t *n, suf_t *s, const char **pcur,
                        size_t *skip) {
        size_t p = k, ce_end;
        double cf = 1;
        const cur_entry_t *pre = NULL;
        int wordpre = 0;
        *pcur = NULL;
        if ((pre = glued_code_amount(c, k, n))) {
                memset(s, 0, sizeof(*s));
                s->type = NX_FIG_MONEY;
                s->unit = pre->code;
                s->factor = 1;
                s->is_cur = 1;
                s->end = n->j;
                *pcur = pre->code;
                return 1;
        }
        if (!can_start_number(c, k)) {
                pre = match_currency(c, k, NX_CF_PREFIX, &ce_end, &cf);
                if (!pre && is_kind(c, k + 1, NX_TOK_NUM) && nx_startlen_may(&c->T->wpre_len, TX(c, k), TL(c, k)) &&
                    (pre = word_prefix_currency(c, k, &ce_end, &cf)))
                        wordpre = 1;
                if (!pre || !can_start_number(c, ce_end))
                        return 0;
                if (pre->flags & NX_CF_SPACE) {
                        /* "c $ 5": only a currency when nothing glues "c" to a word */
                }
                p = ce_end;
        }
        if (!parse_num(c, p, pre != NULL, 0, n))
                return 0;
        if (n->skip) {
                *skip = n->j;
                return -1;
        }
        if (n->list)
                return pre ? 0 : 2;
        if (!pre && n->digits && !n->words && in_code(c, p, n->j)) {
                *skip = n->j;
                return -1;
        }
        if (wordpre) {
                /* "dollar 22.5 million", but not "Euro 2016", "the euro 2% up" */
                suf_t tmp;
                if (n->neg || (n->plain && n->ndig == 4 && n->v >= 1800 && n->v <= 2100) ||
                    ((TK(c, k)->flags & NX_TF_CAP) && n->plain && n->mag == 1) ||
                    parse_suffix(c, n, n->j, &tmp) != 0 || tmp.type != NX_FIG_CARDINAL)
                        return 0;
        }
        n->i = k;
        n->start = TK(c, k)->start;
        if (pre) {
                memset(s, 0, sizeof(*s));
                s->type = NX_FIG_MONEY;
                s->unit = pre->code;
                s->factor = cf;
                s->is_cur = 1;
                s->end = n->j;
                *pcur = pre->code;
                /* "75 usd million" is not this case; "$ 9.99 US dollars", "$5m USD" */
                size_t e2;
                double f2;
                const cur_entry_t *again = match_currency(c, n->j, NX_CF_SUFFIX, &e2, &f2);
                if (again && !strcmp(again->code, pre->code) && f2 == 1)
                        s->end = e2;
                else if (is_kind(c, n->j, NX_TOK_WORD) && glued(c, n->j)) {
                        *skip = n->j + 1;
                        return -1;
                }
                return 1;
        }
        int r = parse_suffix(c, n, n->j, s);
        if (r < 0) {
                *skip = n->j + 1;
                return -1;
        }
        if (s->is_cur && n->mag == 1) {
                /* "75 USD million" */
                const nx_numword_t *w = numword(c, s->end);
                if (w && w->kind == NX_NW_SCALE && !(w->flags & NX_NWF_ATTACHED)) {
                        n->v *= w->value;
                        n->mag = w->value;
                        s->end++;
                }
        }
        if (s->is_cur && s->factor == 1 && n->mag == 1 && n->v == floor(n->v)) {
                /* "thirteen dollars and forty-five cents", "15 dollars 50" */
                size_t q = s->end;
                int and_ = tok_eq(c, q, "and");
                if (and_)
                        q++;
                num_t m;
                if (in_range(c, q) && parse_num(c, q, 0, 1, &m) && !m.skip && !m.list && m.v > 0 &&
                    m.v < 100 && m.v == floor(m.v) && m.mag == 1) {
                        size_t e2;
                        double f2;
                        const cur_entry_t *sub = match_currency(c, m.j, NX_CF_SUFFIX, &e2, &f2);
                        suf_t tmp;
                        int other = parse_suffix(c, &m, m.j, &tmp);
                        if (sub && f2 < 1) {
                                n->v += m.v * f2;
                                s->end = e2;
                                /* "five mao five": a last bare digit counts the next
                                 * unit down (fen) */
                                num_t m2;
                                if (f2 > 0.011 && in_range(c, e2) && parse_num(c, e2, 0, 1, &m2) && !m2.skip &&
                                    !m2.list && m2.v > 0 && m2.v < 10 && m2.v == floor(m2.v) && m2.mag == 1 &&
                                    (m2.j >= c->sent_end || TK(c, m2.j)->kind == NX_TOK_PUNCT)) {
                                        n->v += m2.v * f2 / 10;
                                        s->end = m2.j;
                                }
                        } else if (!and_ && other == 0 && !tok_eq(c, m.j, "times") && !numword(c, m.j)) {
                                n->v += m.v / 100;
                                s->end = m.j;
                        }
                }
        }
        if (s->type == NX_FIG_QUANTITY && !s->is_age) {
                size_t re;
                const char *rate = match_rate(c, s->end, &re);
                if (rate) {
                        char *u = nx_arena_sprintf(c->doc->arena, "%s/%s", s->unit, rate);
                        if (u) {
                                s->unit = u;
                                s->end = re;
                        }
                }
                /* "5 ft 2 in", "5 feet and 2 inches" */
                if (!strcmp(s->unit, "[ft_i]")) {
                        size_t q = s->end + (tok_eq(c, s->end, "and") ? 1 : 0);
                        num_t m;
                        size_t e;
                        if (parse_num(c, q, 0, 1, &m) && !m.skip && !m.list && m.v < 12) {
                                const nx_unit_t *u2 = match_phrase(c, c->T->units, m.j, 1, &e);
                                if (u2 && u2->kind == NX_UK_INCH) {
                                        n->v += m.v / 12;
                                        s->end = e;
                                }
                        }
                }
        }
        return 1;
}

static int is_bare(const suf_t *s) { return s->type == NX_FIG_CARDINAL; }

/* Is the number at token i part of a name, code, URL or date rather than a
 * figure of any kind? "G-20", "Covid-19", "A380", "scp-173m", "q=30%25",
 * "1995-01", "iLife '11". */
static int in_code(const ctx_t *c, size_t i, size_t j) {
        if (i > 0 && glued(c, i)) {
                const nx_token_t *p = TK(c, i - 1);
                if (p->kind == NX_TOK_WORD)
                        return 1;
                if (p->kind == NX_TOK_PUNCT && i > 1 && glued(c, i - 1) &&
                    (nx_tok_punct(c->doc, i - 1, "-") || nx_tok_punct(c->doc, i - 1, "/") ||
                     nx_tok_punct(c->doc, i - 1, ".")) &&
                    ((TK(c, i - 2)->kind == NX_TOK_NUM &&
                      (c->blocked[i - 2] || nx_tok_len(TK(c, i - 2)) == 4 || !nx_tok_punct(c->doc, i - 1, "-"))) ||
                     (TK(c, i - 2)->kind == NX_TOK_WORD && !fx_get(c->T->numw, TX(c, i - 2), TL(c, i - 2)))))
                        return 1;
                static const char *const glue_left[] = {"=", "/", "%", "?", "&", "#", "_", "@", ":", "\\",
                                                        "'", "\xe2\x80\x99", NULL};
                if ((nx_tok_punct(c->doc, i - 1, ">") || nx_tok_punct(c->doc, i - 1, "<")) && i > 1 &&
                    glued(c, i - 1) && TK(c, i - 2)->kind == NX_TOK_PUNCT)
                        return 1; /* "=>30" */
                if (nx_tok_punct(c->doc, i - 1, "=") && i > 1 && glued(c, i - 1) &&
                    (nx_tok_punct(c->doc, i - 2, ">") || nx_tok_punct(c->doc, i - 2, "<")) &&
                    !(i > 2 && glued(c, i - 2)))
                        return 0; /* ">=5", "<=5": a bound, not a code */
                for (size_t g = 0; glue_left[g]; g++)
                        if (nx_tok_punct(c->doc, i - 1, glue_left[g]))
                                return 1;
        }
        if (punct_eq(c, j, "%") && glued(c, j) && is_kind(c, j + 1, NX_TOK_NUM) && glued(c, j + 1))
                return 1;
        return 0;
}

static int upper_inside(const ctx_t *c, size_t i) {
        const char *s = TX(c, i);
        for (size_t b = 1; b < TL(c, i); b++)
                if (isupper((unsigned char)s[b]) && islower((unsigned char)s[b - 1]))
                        return 1; /* "iPhone", "MacBook" */
        return islower((unsigned char)s[0]) && TL(c, i) > 1 && isupper((unsigned char)s[1]); /* "iOS" */
}

/* A plain integer token after a capitalised (or camel-case) word that is no
 * function word: "Boeing 747", "FTSE 100", "iPhone 4", "Article 5". */
static int name_context(const ctx_t *c, size_t i) {
        if (i == 0 || TK(c, i - 1)->kind != NX_TOK_WORD || c->blocked[i - 1] || glued(c, i))
                return 0;
        const nx_token_t *p = TK(c, i - 1);
        char low[32];
        size_t ln = nx_tok_lower(c->doc, i - 1, low, sizeof(low));
        if (!ln)
                return 0;
        if (fx_get(c->T->nameword, low, ln))
                return 1;
        if (fx_get(c->T->stop, low, ln) || fx_get(c->T->mod_pre, low, ln) ||
            fx_get(c->T->numw, low, ln) || (p->flags & NX_TF_INITIALISM))
                return 0;
        if (upper_inside(c, i - 1))
                return 1;
        if (!(p->flags & (NX_TF_CAP | NX_TF_ALLCAPS)))
                return 0;
        /* a capitalised sentence opener is a name too ("Boeing 747 jets"); the
         * openers that are not ("Only 5", "About 20") are stop or mod words */
        return 1;
}

static int known_name(const ctx_t *c, size_t i) {
        for (size_t k = 0; k < c->n_names; k++)
                if (strlen(c->names[k]) == TL(c, i) && !memcmp(c->names[k], TX(c, i), TL(c, i)))
                        return 1;
        return 0;
}

/* Is the bare number at [i, j) a year, a code or a name rather than a count? */
static int not_a_count(const ctx_t *c, const num_t *n) {
        size_t i = n->i;
        if (in_code(c, i, n->j))
                return 1;
        /* "the two companies", "one of its divisions": anaphoric, not counts */
        if (n->words && n->j == n->i + 1 && n->v <= 10 &&
            ((i > 0 && nx_tok_is(c->doc, i - 1, "the")) || (n->v == 1 && tok_eq(c, n->j, "of"))))
                return 1;
        if (n->words && n->j == n->i + 1 && i > 0 && nx_tok_is(c->doc, i - 1, "number"))
                return 1;
        if (!n->plain) {
                /* versions: "iPhone 3.0", "Safari 4.0", "USB 1.1", "version 10.4" */
                if (!(n->digits && !n->words && n->j == n->i + 1 && i > 0 &&
                      TK(c, i - 1)->kind == NX_TOK_WORD && TK(c, i)->kind == NX_TOK_NUM &&
                      !memchr(TX(c, i), ',', TL(c, i))))
                        return 0;
                return upper_inside(c, i - 1) || name_context(c, i) || nx_tok_is(c->doc, i - 1, "version");
        }
        if (known_name(c, i) || tok_eq(c, n->j, "index"))
                return 1;
        /* "first 787 Dreamliner": a model number before a capitalised name */
        if (n->v >= 100 && fmod(n->v, 100) != 0 && is_kind(c, n->j, NX_TOK_WORD) &&
            (TK(c, n->j)->flags & NX_TF_CAP) && !(TK(c, n->j)->flags & NX_TF_ALLCAPS) &&
            !looks_plural(TX(c, n->j), TL(c, n->j)) &&
            !(is_kind(c, n->j + 1, NX_TOK_WORD) && looks_plural(TX(c, n->j + 1), TL(c, n->j + 1))))
                return 1; /* but "500 Apple engineers", "120 Google employees" are counts */
        /* years */
        if (n->ndig == 4 && n->v >= 1800 && n->v <= 2100)
                return 1;
        if (name_context(c, i))
                return 1;
        /* "No. 5" */
        if (i > 1 && punct_eq(c, i - 1, ".") && (nx_tok_is(c->doc, i - 2, "no") || nx_tok_is(c->doc, i - 2, "nos")))
                return 1;
        return 0;
}

/* "one" as a pronoun: "this one", "no one", "one another". */
static int pronoun_one(const ctx_t *c, const num_t *n) {
        if (!(n->j == n->i + 1 && n->words && n->v == 1 && nx_tok_is(c->doc, n->i, "one")))
                return 0;
        if (n->i > 0) {
                char low[32];
                size_t ln = nx_tok_lower(c->doc, n->i - 1, low, sizeof(low));
                if (ln && fx_get(c->T->oneword, low, ln))
                        return 1;
        }
        static const char *const verbs[] = {"is", "was", "has", "must", "can", "should", "would",
                                            "could", "will", "may", "might", "does", "did", NULL};
        for (size_t v = 0; verbs[v]; v++)
                if (tok_eq(c, n->j, verbs[v]))
                        return 1;
        return tok_eq(c, n->j, "another") || tok_eq(c, n->j, "'s") || tok_eq(c, n->j, "\xe2\x80\x99s") ||
               tok_eq(c, n->j, "by") || tok_eq(c, n->j, "who") || tok_eq(c, n->j, "that");
}

static int looks_plural_def(const char *w, size_t n) {
#define IRR(w) {w, sizeof(w) - 1}
        static const struct {
                char w[10];
                uint8_t n;
        } irr[] = {IRR("people"), IRR("children"), IRR("men"),      IRR("women"),     IRR("police"),
                   IRR("personnel"), IRR("staff"), IRR("cattle"),   IRR("sheep"),     IRR("livestock"),
                   IRR("aircraft"), IRR("fish"),   IRR("deer"),     IRR("crew"),      IRR("feet"),
                   IRR("teeth"),    IRR("data"),   IRR("media"),    IRR("militia"),   IRR("youth"),
                   IRR("clergy")};
#undef IRR
        for (size_t k = 0; k < sizeof(irr) / sizeof(irr[0]); k++)
                if (irr[k].n == n && !strncasecmp(irr[k].w, w, n))
                        return 1;
        if (n >= 8 && !strncasecmp(w + n - 8, "children", 8))
                return 1;
        if (n >= 6 && !strncasecmp(w + n - 6, "people", 6))
                return 1;
        if (n < 3 || w[n - 1] != 's')
                return 0;
        if (w[n - 2] == 'i' && isupper((unsigned char)w[0]) && n > 4)
                return 1; /* "Israelis", "Pakistanis" */
        return !(w[n - 2] == 's' || w[n - 2] == 'u' || w[n - 2] == 'i' || w[n - 2] == '\'');
}

static int looks_plural(const char *w, size_t n) { return looks_plural_def(w, n); }

/* The head noun counted or measured after token k: "of gas", "26 Palestinians",
 * "179 new aerial refueling tankers". NULL when none is clear. */
static const char *find_counted(const ctx_t *c, size_t k, int type, double v) {
        size_t p = k;
        int of = 0;
        if (tok_eq(c, p, "of")) {
                of = 1;
                p++;
                static const char *const det[] = {"the", "its", "their", "his", "her", "our", "a", "an",
                                                  "all", "these", "those", "this", "that", NULL};
                for (size_t d = 0; det[d]; d++)
                        if (tok_eq(c, p, det[d])) {
                                p++;
                                break;
                        }
        } else if (type != NX_FIG_CARDINAL) {
                return NULL;
        }
        /* "of Port-au-Prince", "of the Haitian capital": a place, not a thing counted */
        if (of && is_kind(c, p, NX_TOK_WORD) && (TK(c, p)->flags & NX_TF_CAP) &&
            !(TK(c, p)->flags & NX_TF_ALLCAPS) && !looks_plural(TX(c, p), TL(c, p)))
                return NULL;
        size_t head = (size_t)-1, q = p;
        for (int nw = 0; nw < 4 && is_kind(c, q, NX_TOK_WORD); q++, nw++) {
                char low[32];
                size_t ln = nx_tok_lower(c->doc, q, low, sizeof(low));
                if (!ln || fx_get(c->T->stop, low, ln) || fx_get(c->T->numw, low, ln))
                        break;
                if (fx_get(c->T->units, low, ln) && !of)
                        break;
                if (head != (size_t)-1 && ln > 4 && !strcmp(low + ln - 2, "ed"))
                        break; /* "voters approved" */
                if (head != (size_t)-1 && ln > 5 && !strcmp(low + ln - 3, "ing") &&
                    looks_plural(TX(c, head), TL(c, head)))
                        break; /* "people serving life sentences" */
                head = q;
                /* compounds glued with "-" ("air-to-air missiles") end at the last part */
                while (punct_eq(c, q + 1, "-") && glued(c, q + 1) && is_kind(c, q + 2, NX_TOK_WORD) && glued(c, q + 2))
                        q += 2, head = q;
                if (looks_plural(TX(c, head), TL(c, head)) &&
                    !(is_kind(c, q + 1, NX_TOK_WORD) && looks_plural(TX(c, q + 1), TL(c, q + 1)) &&
                      !fx_get(c->T->stop, TX(c, q + 1), TL(c, q + 1))))
                        break; /* the first plural noun is the head: "Israelis gather",
                                * unless a plural follows: "police officers" */
                if (v == 1 && !of)
                        break; /* "one person died" */
        }
        if (head == (size_t)-1)
                return NULL;
        if (!of && v != 1 && !looks_plural(TX(c, head), TL(c, head)))
                return NULL;
        if (!of && (TK(c, p)->flags & NX_TF_CAP) && head == p && !looks_plural(TX(c, head), TL(c, head)))
                return NULL;
        return nx_arena_strndup(c->doc->arena, TX(c, head), TL(c, head));
}

/* A measured substance named just before a quantity: "exports of gas, with
 * 13.8 billion cubic meters", "of grain reached 5 million tonnes". The
 * nearest "of <noun>" within six tokens back in the sentence. */
static const char *counted_before(const ctx_t *c, size_t i) {
        size_t first = c->doc->sents[TK(c, i)->sent].tok_first;
        for (size_t b = i; b > first && i - b < 6; b--) {
                size_t k = b - 1;
                if (!nx_tok_is(c->doc, k, "of") || k + 1 >= i || TK(c, k + 1)->kind != NX_TOK_WORD)
                        continue;
                size_t head = k + 1;
                if (head + 1 < i && TK(c, head + 1)->kind == NX_TOK_WORD)
                        head++;
                char low[32];
                size_t ln = nx_tok_lower(c->doc, head, low, sizeof(low));
                if (!ln || fx_get(c->T->stop, low, ln) || fx_get(c->T->numw, low, ln) ||
                    (TK(c, head)->flags & NX_TF_CAP))
                        return NULL;
                return nx_arena_strndup(c->doc->arena, TX(c, head), TL(c, head));
        }
        return NULL;
}

/* A modifier prefix at k followed by an amount; returns its mod and end. */
static const nx_mod_phrase_t *match_mod_prefix(const ctx_t *c, size_t k, size_t *end) {
        const nx_mod_phrase_t *m = match_phrase(c, c->T->mod_pre, k, 6, end);
        if (!m)
                return NULL;
        if (!isalpha((unsigned char)m->phrase[0]) && k > 0 && glued(c, k) &&
            TK(c, k - 1)->kind == NX_TOK_PUNCT)
                return NULL; /* "=>30" */
        return m;
}

static int build(const ctx_t *c, size_t k0, int depth, fig_t *f, size_t *skip);
static int name_context(const ctx_t *c, size_t i);
static int known_name(const ctx_t *c, size_t i);

/* Range after the first amount ends at k: "-", "to", "through", "and"
 * (after "between"). Fills the high end; returns 1, 0 or -1 (skip: a score or
 * phone number). */
static int parse_range(const ctx_t *c, size_t k, int between, int from, num_t *n1, suf_t *s1,
                       const char *cur1, num_t *n2, suf_t *s2, size_t *skip) {
        size_t p = k;
        int dash = 0;
        if (between) {
                if (!tok_eq(c, p, "and"))
                        return 0;
        } else if (is_dash(c, p)) {
                dash = 1;
        } else if (punct_eq(c, p, "~") && is_kind(c, p + 1, NX_TOK_NUM) && glued(c, p) == glued(c, p + 1)) {
                /* "20~30" */
        } else if (!(tok_eq(c, p, "to") || tok_eq(c, p, "through") || tok_eq(c, p, "thru"))) {
                return 0;
        }
        p++;
        const char *cur2;
        size_t sk;
        int r = parse_amount(c, p, n2, s2, &cur2, &sk);
        if (r != 1)
                return 0;
        if (n2->neg && dash && glued(c, p))
                return 0;
        if (dash && glued(c, p) && (TK(c, n1->j - 1)->kind == NX_TOK_WORD || TK(c, p)->kind == NX_TOK_WORD))
                return 0; /* "three-nought-four" */
        /* phone numbers and codes: "222-2222-2222" */
        if (dash && is_dash(c, n2->j) && glued(c, n2->j) && is_kind(c, n2->j + 1, NX_TOK_NUM)) {
                size_t e = n2->j;
                while (is_dash(c, e) && is_kind(c, e + 1, NX_TOK_NUM))
                        e += 2;
                *skip = e;
                return -1;
        }
        if (from && (!is_bare(s1) || !is_bare(s2)))
                return 0;
        if (!is_bare(s1) && !is_bare(s2) && strcmp(s1->unit, s2->unit))
                return 0;
        if (cur1 && cur2 && strcmp(cur1, cur2))
                return 0;
        if (!is_bare(s1) && is_bare(s2) && !cur1)
                return 0; /* "5 dollars to 10", "46.19 points to 3,845.8", "2.53% to 2248.63" */
        double lo = n1->v, hi = n2->v;
        if (n2->mag > 1 && n1->mag == 1 && lo * n2->mag <= hi)
                lo *= n2->mag;
        if (n1->plain && n2->plain && n1->ndig == 4 && n2->ndig == 4 && lo >= 1800 && hi <= 2100) {
                *skip = n2->j;
                return -1; /* years: "2009-2010" */
        }
        if (!(lo < hi) && !between) {
                if (dash && n1->plain && n2->plain) {
                        *skip = n2->j; /* a score: "3-1", "2-2" */
                        return -1;
                }
                return 0;
        }
        if (dash && glued(c, p) && n1->plain && (name_context(c, n1->i) || known_name(c, n1->i))) {
                *skip = n2->j; /* "Boeing 737-800" */
                return -1;
        }
        n1->v = lo;
        return 1;
}

/* "percent of 10", "per cent of 210": a percentage named before its number,
 * at the start of a sentence or clause only (not "the percent of voters"). */
static int percent_first(const ctx_t *c, size_t k0, fig_t *f) {
        if (k0 > c->doc->sents[TK(c, k0)->sent].tok_first && TK(c, k0 - 1)->kind != NX_TOK_PUNCT)
                return 0;
        size_t pe;
        const nx_unit_t *pu = match_phrase(c, c->T->units, k0, 2, &pe);
        if (!pu || pu->kind != NX_UK_PERCENT || (strcmp(pu->surface, "percent") && strcmp(pu->surface, "per cent")) ||
            !tok_eq(c, pe, "of"))
                return 0;
        num_t pn;
        if (!parse_num(c, pe + 1, 0, 1, &pn) || pn.skip || pn.list || pn.neg ||
            !(pn.j >= c->sent_end || TK(c, pn.j)->kind == NX_TOK_PUNCT))
                return 0;
        f->type = NX_FIG_PERCENT;
        f->unit = "%";
        f->v = pn.v;
        f->i = k0;
        f->j = pn.j;
        f->start = TK(c, k0)->start;
        f->end = TK(c, pn.j - 1)->end;
        return 1;
}

static int build(const ctx_t *c, size_t k0, int depth, fig_t *f, size_t *skip) {
        memset(f, 0, sizeof(*f));
        if (depth == 0 && (TL(c, k0) == 3 || TL(c, k0) == 7) && (TX(c, k0)[0] | 0x20) == 'p' &&
            percent_first(c, k0, f))
                return 1;
        size_t k = k0;
        int between = 0, from = 0, mod = 0, outside = 0;
        size_t me;
        const nx_mod_phrase_t *mp;
        if (tok_eq(c, k, "between")) {
                between = 1;
                k++;
        } else if (tok_eq(c, k, "from") && depth == 0) {
                from = 1;
                k++;
        } else if ((mp = match_mod_prefix(c, k, &me))) {
                mod = mp->mod;
                outside = mp->outside;
                k = me;
        }
        num_t n1, n2;
        suf_t s1, s2;
        const char *cur1;
        size_t sk = 0;
        int r = parse_amount(c, k, &n1, &s1, &cur1, &sk);
        if (r == 0)
                return 0;
        if (r == -1) {
                *skip = sk;
                return -1;
        }
        if (r == 2) { /* a list "22,24,26" in one token */
                if (k != k0)
                        return 0;
                f->i = k;
                f->j = n1.j;
                return 2;
        }
        size_t end = s1.end;
        f->type = s1.type;
        f->unit = s1.unit;
        f->is_age = s1.is_age;
        double v = n1.v * s1.factor;
        int rr = parse_range(c, end, between, from, &n1, &s1, cur1, &n2, &s2, &sk);
        if (rr < 0) {
                *skip = sk;
                return -1;
        }
        if (rr == 1) {
                if (is_bare(&s1) && !is_bare(&s2)) {
                        f->type = s2.type;
                        f->unit = s2.unit;
                        s1.factor = s2.factor;
                }
                v = n1.v * s1.factor;
                f->vmax = n2.v * s2.factor * (is_bare(&s2) ? s1.factor : 1);
                f->has_max = 1;
                end = s2.end;
                f->is_age = 0;
        } else if (between || from) {
                /* "between" without "and": the amount alone, without the preposition */
                k0 = k;
                between = from = 0;
        }
        size_t start_tok = k0;
        if (from && rr != 1)
                start_tok = k;
        /* a hedge ("about", "some", "nearly") is recorded in mod but is not
         * part of the amount; a bound ("more than", "up to") is: it changes
         * what the figure says */
        if (mod == NX_MOD_APPROX)
                start_tok = k;
        /* "as much as 35 %", "equal to 26 cents": the bound is in mod only */
        if (outside && f->type != NX_FIG_CARDINAL && rr != 1) {
                start_tok = k;
                if (mod == NX_MOD_EQUAL)
                        mod = 0;
        }
        /* suffix modifiers: "or more", "or less", "or equal to" */
        size_t se;
        const nx_mod_phrase_t *sm = f->has_max ? NULL : match_phrase(c, c->T->mod_suf, end, 4, &se);
        if (sm && (can_start_number(c, se) || tok_eq(c, se, "than") ||
                   (!strcmp(sm->phrase, "+") && !glued(c, end))))
                sm = NULL;
        if (sm && !strcmp(sm->phrase, "plus") && in_range(c, se) && TK(c, se)->kind != NX_TOK_PUNCT)
                sm = NULL;
        if (sm) {
                end = se;
                if (sm->mod == NX_MOD_OR_EQUAL) {
                        if (mod == NX_MOD_MORE_THAN)
                                mod = NX_MOD_EQUAL_OR_MORE;
                        else if (mod == NX_MOD_LESS_THAN)
                                mod = NX_MOD_EQUAL_OR_LESS;
                } else {
                        if (mod == NX_MOD_APPROX || mod == 0)
                                start_tok = k; /* "about 500 or more": the bound wins */
                        mod = sm->mod;
                }
        }
        if (mod == NX_MOD_EQUAL) {
                f->vmax = v;
                f->has_max = 1;
                mod = 0;
        }
        f->v = v;
        f->mod = mod;
        f->i = start_tok;
        f->j = end;
        /* "aged 55", "at the age of 56": ages in years */
        if (f->type == NX_FIG_CARDINAL && !f->has_max && n1.j == n1.i + (n1.words ? n1.j - n1.i : 1) &&
            start_tok > 0 && (nx_tok_is(c->doc, start_tok - 1, "aged") ||
                              (start_tok > 1 && nx_tok_is(c->doc, start_tok - 1, "of") &&
                               nx_tok_is(c->doc, start_tok - 2, "age")))) {
                f->type = NX_FIG_QUANTITY;
                f->unit = "a";
                f->is_age = 1;
        } else if (f->type == NX_FIG_CARDINAL && !f->has_max && !mod && start_tok == n1.i && start_tok > 0 &&
                   nx_tok_is(c->doc, start_tok - 1, "age") && !c->blocked[start_tok - 1] &&
                   !(start_tok > 1 && nx_tok_is(c->doc, start_tok - 2, "the"))) {
                /* "a man of age 87": the age with its noun */
                f->type = NX_FIG_QUANTITY;
                f->unit = "a";
                f->is_age = 1;
                f->i = --start_tok;
        }
        /* bare numbers that are no counts */
        if (f->type == NX_FIG_CARDINAL && !f->has_max && !mod && !between) {
                if (not_a_count(c, &n1) || pronoun_one(c, &n1)) {
                        *skip = n1.j;
                        return -1;
                }
        } else if (f->type == NX_FIG_CARDINAL && not_a_count(c, &n1) && n1.ndig == 4) {
                *skip = n1.j;
                return -1;
        }
        /* two bounds: "more than 10 and less than 40", "at most 100 and at least 20" */
        if (depth == 0 && (mod == NX_MOD_MORE_THAN || mod == NX_MOD_EQUAL_OR_MORE ||
                           mod == NX_MOD_LESS_THAN || mod == NX_MOD_EQUAL_OR_LESS) &&
            (tok_eq(c, end, "and") || tok_eq(c, end, "but"))) {
                fig_t g;
                size_t sk2;
                if (build(c, end + 1, 1, &g, &sk2) == 1 && g.mod && !g.has_max && g.type == f->type) {
                        int lower1 = mod == NX_MOD_MORE_THAN || mod == NX_MOD_EQUAL_OR_MORE;
                        int lower2 = g.mod == NX_MOD_MORE_THAN || g.mod == NX_MOD_EQUAL_OR_MORE;
                        if (lower1 != lower2) {
                                double lo = lower1 ? f->v : g.v, hi = lower1 ? g.v : f->v;
                                if (lo < hi) {
                                        f->v = lo;
                                        f->vmax = hi;
                                        f->has_max = 1;
                                        f->mod = 0;
                                        f->j = g.j;
                                }
                        }
                }
        }
        f->start = TK(c, f->i)->start;
        f->end = TK(c, f->j - 1)->end;
        if (depth == 0) {
                f->counted = find_counted(c, f->j, f->type, f->v);
                if (!f->counted && f->type == NX_FIG_QUANTITY && !f->is_age)
                        f->counted = counted_before(c, f->i);
        }
        return 1;
}

static int emit(const ctx_t *c, nx_result_t *res, const fig_t *f) {
        nx_figure_t *o = nx_vec_push(c->doc->arena, (void **)&res->figures, &res->n_figures,
                                     &res->cap_figures, sizeof(*o));
        if (!o)
                return -1;
        o->start = f->start;
        o->end = f->end;
        if (f->type == NX_FIG_PERCENT && f->unit && f->unit[0] == '[') {
                /* percentage points ("[pp]") and basis points ("[bp]", 1/100 of a
                 * point): the record's PERCENT unit is "%", so the value is
                 * given in points and counted says so */
                double k = !strcmp(f->unit, "[bp]") ? 0.01 : 1;
                o->type = NX_FIG_PERCENT;
                o->value = f->v * k;
                o->value_max = f->has_max ? f->vmax * k : 0;
                o->has_max = f->has_max;
                o->unit = "%";
                o->mod = mod_name(f->mod);
                o->counted = "percentage points";
                return 0;
        }
        o->type = (nx_figure_type_t)f->type;
        o->value = f->v;
        o->value_max = f->has_max ? f->vmax : 0;
        o->has_max = f->has_max;
        o->unit = f->type == NX_FIG_CARDINAL ? NULL : f->unit;
        o->mod = mod_name(f->mod);
        o->counted = f->counted;
        return 0;
}

/* "22,24,26,31": the numbers of a list written without spaces. */
static int emit_list(const ctx_t *c, nx_result_t *res, size_t tok) {
        const char *s = TX(c, tok);
        size_t n = TL(c, tok), a = 0;
        while (a < n) {
                size_t b = a;
                while (b < n && s[b] != ',')
                        b++;
                if (b > a && strspn(s + a, "0123456789.") >= b - a) {
                        int kind, gr, dec;
                        fig_t f;
                        memset(&f, 0, sizeof(f));
                        f.type = NX_FIG_CARDINAL;
                        f.v = digits_value(s + a, b - a, &kind, &gr, &dec);
                        f.start = TK(c, tok)->start + (uint32_t)a;
                        f.end = TK(c, tok)->start + (uint32_t)b;
                        if (!kind && emit(c, res, &f))
                                return -1;
                }
                a = b + 1;
        }
        return 0;
}

int nx_figures_extract(const nx_doc_t *doc, nx_result_t *res) {
        const fig_tables_t *T = doc->eng ? doc->eng->figures : NULL;
        if (!T || doc->n_toks == 0)
                return 0;
        /* blocked, then numtrig_at: one allocation */
        uint8_t *blocked = nx_arena_calloc(doc->arena, doc->n_toks, 2);
        if (!blocked)
                return -1;
        for (size_t d = 0; d < res->n_dates; d++) {
                const nx_timex_t *t = &res->dates[d];
                /* first token ending after the date's start */
                size_t lo = 0, hi = doc->n_toks;
                while (lo < hi) {
                        size_t mid = (lo + hi) / 2;
                        if (doc->toks[mid].end <= t->start)
                                lo = mid + 1;
                        else
                                hi = mid;
                }
                for (size_t k = lo; k < doc->n_toks && doc->toks[k].start < t->end; k++)
                        blocked[k] = 1;
        }
        /* a date span the dates extractor took from a number ("three quarters
         * billion", "five billion and three quarters") is given back */
        for (size_t d = 0; d < res->n_dates; d++) {
                const nx_timex_t *t = &res->dates[d];
                size_t a = 0, b, hi = doc->n_toks;
                while (a < hi) { /* first token ending after the date's start */
                        size_t mid = (a + hi) / 2;
                        if (doc->toks[mid].end <= t->start)
                                a = mid + 1;
                        else
                                hi = mid;
                }
                b = a;
                while (b < doc->n_toks && doc->toks[b].start < t->end)
                        b++;
                const nx_numword_t *after = b < doc->n_toks ? fx_get(T->numw, doc->text + doc->toks[b].start, nx_tok_len(&doc->toks[b])) : NULL;
                const nx_numword_t *before2 = a >= 2 ? fx_get(T->numw, doc->text + doc->toks[a - 2].start, nx_tok_len(&doc->toks[a - 2])) : NULL;
                int give = (after && after->kind == NX_NW_SCALE && !(after->flags & NX_NWF_ABBR)) ||
                           (a >= 2 && nx_tok_is(doc, a - 1, "and") &&
                            ((before2 && before2->kind <= NX_NW_SCALE) || doc->toks[a - 2].kind == NX_TOK_NUM));
                if (give && b - a <= 3 && fx_get(T->numw, doc->text + doc->toks[a].start, nx_tok_len(&doc->toks[a])))
                        for (size_t k = a; k < b; k++)
                                blocked[k] = 0;
        }
        ctx_t c = {doc, T, blocked, 0, 0, NULL, 0, blocked + doc->n_toks};
        /* numbers used as names in this document: "Boeing 737s", "777-200LR",
         * "Boeing 747" make every bare "737", "777", "747" a name */
        size_t cap_names = 0;
        for (size_t k = 0; k < doc->n_toks; k++) {
                const nx_token_t *t = &doc->toks[k];
                size_t len = nx_tok_len(t);
                if (t->kind != NX_TOK_NUM || len < 3 || strspn(doc->text + t->start, "0123456789") < len)
                        continue;
                c.sent_end = doc->sents[t->sent].tok_end;
                int named = name_context(&c, k);
                if (!named && k + 1 < c.sent_end && glued(&c, k + 1)) {
                        const nx_token_t *u = &doc->toks[k + 1];
                        if (u->kind == NX_TOK_WORD) {
                                size_t e;
                                named = !match_phrase(&c, T->units, k + 1, 2, &e) &&
                                        !match_phrase(&c, T->cur, k + 1, 2, &e) &&
                                        !fx_get(T->numw, doc->text + u->start, nx_tok_len(u));
                        } else if (nx_tok_punct(doc, k + 1, "-") && k + 2 < c.sent_end && glued(&c, k + 2) &&
                                   doc->toks[k + 2].kind != NX_TOK_PUNCT) {
                                size_t e;
                                double a = strtod(doc->text + t->start, NULL);
                                double b = strtod(doc->text + doc->toks[k + 2].start, NULL);
                                named = doc->toks[k + 2].kind == NX_TOK_NUM
                                                ? (fmod(a, 10) != 0 && b >= 100 && fmod(b, 100) == 0)
                                                : (!match_phrase(&c, T->units, k + 2, 2, &e) &&
                                                   !match_phrase(&c, T->cur, k + 2, 2, &e) &&
                                                   !fx_get(T->numw, doc->text + doc->toks[k + 2].start, nx_tok_len(&doc->toks[k + 2])) &&
                                                   !fx_get(T->stop, doc->text + doc->toks[k + 2].start, nx_tok_len(&doc->toks[k + 2])) &&
                                                   (doc->toks[k + 2].flags & (NX_TF_CAP | NX_TF_ALLCAPS)));
                        }
                }
                if (!named)
                        continue;
                if (c.n_names == cap_names) {
                        size_t nc = cap_names ? cap_names * 2 : 8;
                        const char **nn = nx_arena_alloc(doc->arena, nc * sizeof(*nn));
                        if (!nn)
                                return -1;
                        if (c.n_names)
                                memcpy(nn, c.names, c.n_names * sizeof(*nn));
                        c.names = nn;
                        cap_names = nc;
                }
                const char *str = nx_arena_strndup(doc->arena, doc->text + t->start, len);
                if (!str)
                        return -1;
                c.names[c.n_names++] = str;
        }
        for (size_t s = 0; s < doc->n_sents; s++) {
                c.sent_end = doc->sents[s].tok_end;
                size_t k = doc->sents[s].tok_first;
                while (k < c.sent_end) {
                        const nx_token_t *t = &doc->toks[k];
                        if (blocked[k]) {
                                /* ages are quantities even where a duration was seen */
                                if (t->kind == NX_TOK_NUM || fx_get(T->numw, doc->text + t->start, nx_tok_len(t))) {
                                        ctx_t ca = c;
                                        ca.ignore_blocked = 1;
                                        num_t n;
                                        size_t ae;
                                        const char *age;
                                        if (parse_num(&ca, k, 0, 1, &n) && !n.skip && !n.list &&
                                            (age = match_age(&ca, n.j, &ae))) {
                                                fig_t f;
                                                memset(&f, 0, sizeof(f));
                                                f.type = NX_FIG_QUANTITY;
                                                f.v = n.v;
                                                f.unit = age;
                                                f.start = n.start;
                                                f.end = doc->toks[ae - 1].end;
                                                if (emit(&c, res, &f))
                                                        return -1;
                                                k = ae;
                                                continue;
                                        }
                                }
                                k++;
                                continue;
                        }
                        int cand = t->kind == NX_TOK_NUM;
                        unsigned nt = 0; /* numtrig_of(k), when asked */
                        if ((t->flags & NX_TF_CAP) && t->kind == NX_TOK_WORD && nx_tok_len(t) >= 4 &&
                            (unsigned)(doc->text[t->start + 3] - '0') < 10 &&
                            (unsigned)(doc->text[t->start + 2] - 'A') < 26) {
                                num_t gn;
                                cand = glued_code_amount(&c, k, &gn) != NULL;
                        }
                        if (!cand) {
                                const char *w = doc->text + t->start;
                                size_t wl = nx_tok_len(t);
                                /* numtrig: fx_get(numw) || fx_get(trig) in one probe */
                                nt = numtrig_of(&c, k);
                                cand = nt != 0;
                                if (!cand && t->kind == NX_TOK_PUNCT && ((unsigned char)w[0] == 0xC2 ||
                                                                         (unsigned char)w[0] == 0xE2))
                                        cand = vulgar(&c, k) > 0;
                                /* a currency word right before digits ("at dollar 22.5
                                 * million"); "percent of 10" opening a clause */
                                if (cand || !nx_startlen_may(&T->late_len, w, wl) || t->kind != NX_TOK_WORD) {
                                        /* nothing */
                                } else if (k + 1 < c.sent_end && doc->toks[k + 1].kind == NX_TOK_NUM &&
                                           nx_startlen_may(&T->wpre_len, w, wl)) {
                                        size_t we;
                                        double wf;
                                        cand = word_prefix_currency(&c, k, &we, &wf) != NULL;
                                } else if ((k == doc->sents[s].tok_first || doc->toks[k - 1].kind == NX_TOK_PUNCT) &&
                                           (nx_tok_is(doc, k, "percent") || nx_tok_is(doc, k, "per"))) {
                                        fig_t pf;
                                        cand = percent_first(&c, k, &pf);
                                }
                                /* a word ("a", "about", "$") opens a figure only if a
                                 * number follows within a few tokens */
                                if (cand && nt != NT_NUMW && vulgar(&c, k) == 0) {
                                        cand = 0;
                                        for (size_t q = k + 1; q < c.sent_end && q < k + 8 && !cand; q++) {
                                                const nx_token_t *u = &doc->toks[q];
                                                cand = u->kind == NX_TOK_NUM || numtrig_of(&c, q) == NT_NUMW ||
                                                       (u->kind == NX_TOK_PUNCT && vulgar(&c, q) > 0);
                                        }
                                }
                        }
                        if (!cand) {
                                k++;
                                continue;
                        }
                        fig_t f;
                        size_t skip = k + 1;
                        int r = build(&c, k, 0, &f, &skip);
                        if (r == 1) {
                                if (emit(&c, res, &f))
                                        return -1;
                                k = f.j > k ? f.j : k + 1;
                        } else if (r == 2) {
                                if (emit_list(&c, res, f.i))
                                        return -1;
                                k = f.j;
                        } else if (r == -1) {
                                k = skip > k ? skip : k + 1;
                        } else {
                                k++;
                        }
                }
        }
        return 0;
}
