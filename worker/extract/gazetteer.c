/*
 * gazetteer.c - index and lookups over the generated gazetteer tables
 * (data/gazetteer.c, made by tools/gen_gazetteer.py). See gazetteer.h.
 *
 * The index is an nx_kmap_t (below) from lower-cased join-form keys to alias
 * records; it is built once per engine and read-only afterwards, so any
 * number of threads may look up concurrently.
 */
#include "gazetteer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ key map */

int nx_kmap_init(nx_kmap_t *m, size_t n) {
        size_t size = 64;
        while (size < n * 2 + 2)
                size <<= 1;
        m->mask = size - 1;
        m->slot = calloc(size, sizeof(*m->slot));
        if (!m->slot) {
                nx_kmap_free(m);
                return -1;
        }
        return 0;
}

/* 1 when s[0..len) folded to lower case equals the lower-case key k. */
static inline int same_folded(const char *k, const char *s, size_t len) {
        for (size_t j = 0; j < len; j++)
                if (k[j] != nx_lower_ascii(s[j]))
                        return 0;
        return 1;
}

int nx_kmap_add(nx_kmap_t *m, const char *key, const void *val) {
        size_t len = strlen(key);
        uint64_t h = nx_kmap_hash(key, len);
        size_t i = (size_t)(h >> 5) & m->mask, probes = 0;
        while (m->slot[i].hash) {
                const nx_kmap_slot_t *e = &m->slot[i];
                if (e->hash == h && e->len == len && !memcmp(e->key, key, len))
                        return 0; /* first value wins */
                i = (i + 1) & m->mask;
                if (++probes > m->mask)
                        return -1;
        }
        m->slot[i].hash = h;
        m->slot[i].len = len;
        m->slot[i].key = key;
        m->slot[i].val = val;
        return 0;
}

/* A key matches when it has len bytes (k[len] is its NUL) equal to s folded:
 * the slot's length and hash are compared first. */
/* the probe behind nx_kmap_get() and nx_kmap_get_hashed() (h is s's hash) */
static inline const void *kmap_probe(const nx_kmap_t *m, const char *s, size_t len, uint64_t h) {
        for (size_t i = (size_t)(h >> 5) & m->mask;; i = (i + 1) & m->mask) {
                const nx_kmap_slot_t *e = &m->slot[i];
                if (!e->hash)
                        return NULL;
                if (e->hash == h && e->len == len && same_folded(e->key, s, len))
                        return e->val;
        }
}

const void *nx_kmap_get(const nx_kmap_t *m, const char *s, size_t len) {
        if (!m->slot)
                return NULL;
        return kmap_probe(m, s, len, nx_kmap_hash(s, len));
}

const void *nx_kmap_get_hashed(const nx_kmap_t *m, const char *s, size_t len, uint64_t h) {
        if (!m->slot)
                return NULL;
        return kmap_probe(m, s, len, h);
}

void nx_kmap_free(nx_kmap_t *m) {
        free(m->slot);
        memset(m, 0, sizeof(*m));
}

/* ------------------------------------------------------------ gazetteer */

struct nx_gaz_s {
        nx_kmap_t map; /* key -> const nx_gaz_alias_t * */
};

nx_gaz_t *nx_gaz_new(char *errstr, size_t errstr_size) {
        nx_gaz_t *gaz = calloc(1, sizeof(*gaz));
        if (!gaz || nx_kmap_init(&gaz->map, nx_gaz_n_aliases)) {
                free(gaz);
                snprintf(errstr, errstr_size, "gazetteer: out of memory");
                return NULL;
        }
        for (size_t k = 0; k < nx_gaz_n_aliases; k++) {
                if (nx_kmap_add(&gaz->map, nx_gaz_aliases[k].key, &nx_gaz_aliases[k])) {
                        snprintf(errstr, errstr_size,
                                 "gazetteer: cannot index alias %zu", k);
                        nx_gaz_free(gaz);
                        return NULL;
                }
        }
        return gaz;
}

void nx_gaz_free(nx_gaz_t *gaz) {
        if (!gaz)
                return;
        nx_kmap_free(&gaz->map);
        free(gaz);
}

const nx_gaz_alias_t *nx_gaz_find_key(const nx_gaz_t *gaz, const char *key,
                                      size_t len) {
        if (!gaz || !len)
                return NULL;
        return nx_kmap_get(&gaz->map, key, len);
}

static int same_form_exact(const char *s, size_t n, const char *form);

/* 1 when the text bytes [s, s+n) spell form exactly, ignoring white space,
 * or in title case for forms of 4+ letters ("Nato" for "NATO"). */
static int same_form(const char *s, size_t n, const char *form) {
        if (same_form_exact(s, n, form))
                return 1;
        size_t fl = strlen(form);
        if (fl < 4 || n != fl || s[0] != form[0])
                return 0;
        for (size_t i = 1; i < n; i++)
                if (!islower((unsigned char)s[i]) || s[i] != tolower((unsigned char)form[i]))
                        return 0;
        return 1;
}

static int same_form_exact(const char *s, size_t n, const char *form) {
        size_t i = 0;
        const char *f = form;
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

const nx_gaz_entry_t *nx_gaz_lookup(const nx_engine_t *eng, const char *text,
                                    size_t len) {
        const nx_gaz_t *gaz = nx_gaz_get(eng);
        char buf[128];
        size_t n = 0;
        int space = 0;
        if (!gaz)
                return NULL;
        for (size_t i = 0; i < len; i++) {
                unsigned char c = (unsigned char)text[i];
                if (isspace(c)) {
                        space = n > 0;
                        continue;
                }
                if (space) {
                        if (n + 1 >= sizeof(buf))
                                return NULL;
                        buf[n++] = ' ';
                        space = 0;
                }
                if (n + 1 >= sizeof(buf))
                        return NULL;
                buf[n++] = (char)(c == 0 ? ' ' : tolower(c));
        }
        /* "’" is stored as "'" */
        const nx_gaz_alias_t *a = nx_gaz_find_key(gaz, buf, n);
        if (!a)
                return NULL;
        if ((a->flags & NX_GAZ_AF_EXACT) && a->form && !same_form(text, len, a->form))
                return NULL;
        if (!(a->flags & NX_GAZ_AF_EXACT)) {
                /* names are written capitalised: "Moscow", not "moscow" */
                size_t i = 0;
                while (i < len && !isalpha((unsigned char)text[i]) && !((unsigned char)text[i] & 0x80))
                        i++;
                if (i < len && islower((unsigned char)text[i]) &&
                    !(len >= 4 && !strncasecmp(text + i, "the ", 4)))
                        return NULL;
        }
        return nx_gaz_entry(a);
}

/* lower-case connectors allowed inside a multi-word alias */
static int is_connector(const nx_doc_t *doc, size_t i) {
        if (i >= doc->n_toks)
                return 0;
        size_t n = nx_tok_len(&doc->toks[i]);
        if (n > 4)
                return 0;
        static const struct {
                char w[5];
                uint8_t n;
        } conn[] = {{"of", 2},  {"the", 3}, {"and", 3}, {"de", 2},  {"du", 2},  {"des", 3},
                    {"la", 2},  {"le", 2},  {"del", 3}, {"da", 2},  {"do", 2},  {"dos", 3},
                    {"van", 3}, {"von", 3}, {"der", 3}, {"den", 3}, {"for", 3}, {"on", 2},
                    {"in", 2},  {"al", 2},  {"bin", 3}, {"el", 2},  {"y", 1},   {"e", 1},
                    {"an", 2},  {"at", 2},  {"ul", 2},  {"i", 1},   {"wal", 3}, {"'s", 2},
                    {"\xE2\x80\x99s", 4}};
        /* as nx_tok_is() against each: the token lower-cased (ASCII), then
         * an exact compare with the lower-case connectors */
        char low[4];
        const char *s = doc->text + doc->toks[i].start;
        for (size_t k = 0; k < n; k++)
                low[k] = nx_lower_ascii(s[k]);
        for (size_t c = 0; c < sizeof(conn) / sizeof(conn[0]); c++)
                if (conn[c].n == n && !memcmp(conn[c].w, low, n))
                        return 1;
        return 0;
}

/* Replaces each ’ (E2 80 99) in buf[0..n) with ', shifting the rest left;
 * returns the new length ("’" is stored as "'"). */
static size_t apostrophes(char *buf, size_t n) {
        for (size_t k = 0; k < n; k++)
                if ((unsigned char)buf[k] == 0xE2 && k + 2 < n &&
                    (unsigned char)buf[k + 1] == 0x80 &&
                    (unsigned char)buf[k + 2] == 0x99) {
                        buf[k] = '\'';
                        memmove(buf + k + 1, buf + k + 3, n - k - 3);
                        n -= 2;
                }
        return n;
}

#define GAZ_KEY_MAX 160 /* the longest join form tried, with its NUL */

size_t nx_gaz_match(const nx_gaz_t *gaz, const nx_doc_t *doc, size_t i,
                    size_t limit, const nx_gaz_alias_t **alias) {
        char full[GAZ_KEY_MAX], buf[GAZ_KEY_MAX];
        *alias = NULL;
        if (!gaz || i >= doc->n_toks)
                return i;
        if (limit > i + 8)
                limit = i + 8;
        if (limit > doc->n_toks)
                limit = doc->n_toks;
        if (limit <= i)
                return i;
        /* the longest candidate end: stay in the sentence, stop at a
         * lower-case non-connector word */
        size_t end = i + 1;
        uint32_t sent = doc->toks[i].sent;
        while (end < limit && doc->toks[end].sent == sent) {
                const nx_token_t *t = &doc->toks[end];
                if (t->kind == NX_TOK_WORD && (t->flags & NX_TF_LOWER) &&
                    !is_connector(doc, end))
                        break;
                if (t->kind == NX_TOK_PUNCT && !nx_tok_punct(doc, end, "-") &&
                    !nx_tok_punct(doc, end, ".") && !nx_tok_punct(doc, end, "'") &&
                    !nx_tok_punct(doc, end, "&"))
                        break;
                end++;
        }
        /* The join forms of [i, j) for every j are prefixes of the longest
         * one: build it once (as nx_toks_lower() would, with its size
         * checks), noting where each prefix ends (off[j - i]), how many
         * prefixes fit (fit) and which hold a 0xE2 byte (a possible ’,
         * which a whole token always holds whole). */
        size_t off[9], fit = 0, o = 0;
        uint8_t e2[9];
        int seen_e2 = 0;
        /* Without a ’ in the text (doc->ascii) and with single spaces between
         * the tokens, each join form is already in doc->lower: no copy. */
        size_t joined_len;
        const char *joined = doc->ascii ? nx_toks_join(doc, i, end, sizeof(full), &joined_len) : NULL;
        if (joined) /* (e2[] unused: no ’ in the text) */
                for (size_t k = i; k < end; k++)
                        off[++fit] = doc->toks[k].end - doc->toks[i].start;
        for (size_t k = i; k < end && !joined; k++) {
                const nx_token_t *t = &doc->toks[k];
                if (k > i && t->start > doc->toks[k - 1].end) {
                        if (o + 1 >= sizeof(full))
                                break;
                        full[o++] = ' ';
                }
                size_t n = nx_tok_len(t);
                if (o + n + 1 > sizeof(full))
                        break;
                const char *s = doc->text + t->start;
                for (size_t c = 0; c < n; c++) {
                        char ch = s[c];
                        seen_e2 |= (unsigned char)ch == 0xE2;
                        full[o++] = nx_lower_ascii(ch);
                }
                fit++;
                off[fit] = o;
                e2[fit] = (uint8_t)seen_e2;
        }
        for (size_t j = end; j > i; j--) {
                const nx_token_t *last = &doc->toks[j - 1];
                if (last->kind == NX_TOK_PUNCT && !nx_tok_punct(doc, j - 1, "."))
                        continue;
                if (last->kind == NX_TOK_WORD && (last->flags & NX_TF_LOWER))
                        continue; /* never end on a connector */
                if (j - i > fit)
                        continue; /* too long for the key buffer */
                size_t n = off[j - i];
                const char *key = joined ? joined : full;
                if (!joined && e2[j - i]) {
                        memcpy(buf, full, n);
                        n = apostrophes(buf, n);
                        key = buf;
                }
                /* one token, no ’: its key is the token folded, whose hash the
                 * article keeps */
                const nx_gaz_alias_t *a = j == i + 1 && (joined || !e2[1])
                                                  ? nx_kmap_get_hashed(&gaz->map, key, n, nx_tok_hash(doc, i))
                                                  : nx_gaz_find_key(gaz, key, n);
                if (!a)
                        continue;
                if ((a->flags & NX_GAZ_AF_EXACT) && a->form &&
                    !same_form(doc->text + doc->toks[i].start,
                               doc->toks[j - 1].end - doc->toks[i].start, a->form))
                        continue;
                if (!(a->flags & NX_GAZ_AF_EXACT)) {
                        /* a non-abbreviation needs title case, not SHOUTING
                         * (datelines) and not lower case */
                        int ok = 1;
                        for (size_t k = i; k < j && ok; k++) {
                                const nx_token_t *t = &doc->toks[k];
                                if (t->kind != NX_TOK_WORD)
                                        continue;
                                if ((t->flags & NX_TF_LOWER) && !(k > i && is_connector(doc, k)) &&
                                    !(k == i && nx_tok_is(doc, k, "the")))
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

const nx_gaz_entry_t *nx_gaz_leader(const char *iso3, const char *role) {
        for (size_t k = 0; k < nx_gaz_n_entries; k++) {
                const nx_gaz_entry_t *e = &nx_gaz_entries[k];
                if (e->kind != NX_GAZ_LEADER || !e->head_of_state || strcmp(e->iso3, iso3))
                        continue;
                if (!role || (e->role && strstr(e->role, role)))
                        return e;
        }
        return NULL;
}

int nx_gaz_is_member(const nx_gaz_entry_t *org, const char *iso3) {
        if (!org || !org->members || !iso3 || strlen(iso3) != 3)
                return 0;
        for (const char *p = org->members; *p;) {
                if (!strncmp(p, iso3, 3) && (p[3] == ' ' || p[3] == '\0'))
                        return 1;
                p = strchr(p, ' ');
                if (!p)
                        break;
                p++;
        }
        return 0;
}
