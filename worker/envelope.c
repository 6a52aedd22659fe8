/*
 * envelope.c - a validating single-pass scan of the JSON envelope that keeps
 * the top-level members the article needs (see envelope.h).
 *
 * Recursive descent over RFC 8259 with jansson's acceptance rules where they
 * differ from the RFC (duplicate keys rejected, \u0000 allowed: the flags
 * article.c passes to json_loadb()). Anything it is not sure of returns -1
 * and jansson decides; so every check here only has to be conservative.
 */
#include "envelope.h"
#include "bytescan.h"

#include <string.h>

typedef struct scan_s {
        const char *p, *end;
        nx_arena_t *arena;
        int depth;
} scan_t;

static const char *const field_names[NW_ENV_N_FIELDS] = {
        "body", "text", "id", "title", "url", "source", "lang", "published"};
static const size_t field_lens[NW_ENV_N_FIELDS] = {4, 4, 2, 5, 3, 6, 4, 9};

static inline void skip_ws(scan_t *s) {
        const char *p = s->p, *end = s->end;
        if (p < end && (unsigned char)*p > ' ')
                return; /* no white space here */
        if (p + 1 < end && *p == ' ' && (unsigned char)p[1] > ' ') {
                s->p = p + 1; /* one space: ", " and ": " of most encoders */
                return;
        }
        while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
                p++;
        s->p = p;
}

static int hex4(const char *p, const char *end, unsigned *out) {
        if (end - p < 4)
                return -1;
        unsigned u = 0;
        for (int k = 0; k < 4; k++) {
                char c = p[k];
                u <<= 4;
                if (c >= '0' && c <= '9')
                        u |= (unsigned)(c - '0');
                else if (c >= 'a' && c <= 'f')
                        u |= (unsigned)(c - 'a' + 10);
                else if (c >= 'A' && c <= 'F')
                        u |= (unsigned)(c - 'A' + 10);
                else
                        return -1;
        }
        *out = u;
        return 0;
}

/* scan_string() of any string: escapes, errors */
static __attribute__((noinline)) int scan_string_slow(scan_t *s, const char **raw, size_t *n,
                                                      int *escaped) {
        const char *p = s->p + 1, *end = s->end;
        *escaped = 0;
        for (;;) {
                /* to the first '"', '\\' or control byte (or end) */
                p += nw_json_special_span(p, (size_t)(end - p));
                if (p >= end || (unsigned char)*p < 0x20)
                        return -1;
                if (*p == '"')
                        break;
                *escaped = 1;
                if (end - p < 2)
                        return -1;
                switch (p[1]) {
                case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                        p += 2;
                        break;
                case 'u': {
                        unsigned u, lo;
                        if (hex4(p + 2, end, &u))
                                return -1;
                        p += 6;
                        if (u >= 0xDC00 && u <= 0xDFFF)
                                return -1; /* a lone low surrogate */
                        if (u >= 0xD800 && u <= 0xDBFF) {
                                if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, end, &lo) ||
                                    lo < 0xDC00 || lo > 0xDFFF)
                                        return -1;
                                p += 6;
                        }
                        break;
                }
                default:
                        return -1;
                }
        }
        *raw = s->p + 1;
        *n = (size_t)(p - (s->p + 1));
        s->p = p + 1;
        return 0;
}

/* A string at s->p (the opening quote): its raw contents [*raw, *raw + *n),
 * and whether they hold escapes. The bytes are valid UTF-8 already (article.c
 * checks the whole message first). Inline, the common case of a string with
 * nothing escaped (an envelope has ~50 strings, keys included); the rest in
 * scan_string_slow(), which starts over. */
static inline int scan_string(scan_t *s, const char **raw, size_t *n, int *escaped) {
        const char *b = s->p + 1, *end = s->end;
        const char *p = b + nw_json_special_span(b, (size_t)(end - b));
        if (p < end && *p == '"') {
                *escaped = 0;
                *raw = b;
                *n = (size_t)(p - b);
                s->p = p + 1;
                return 0;
        }
        return scan_string_slow(s, raw, n, escaped);
}

static size_t put_utf8(char *o, unsigned cp) {
        if (cp < 0x80) {
                o[0] = (char)cp;
                return 1;
        }
        if (cp < 0x800) {
                o[0] = (char)(0xC0 | (cp >> 6));
                o[1] = (char)(0x80 | (cp & 0x3F));
                return 2;
        }
        if (cp < 0x10000) {
                o[0] = (char)(0xE0 | (cp >> 12));
                o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                o[2] = (char)(0x80 | (cp & 0x3F));
                return 3;
        }
        o[0] = (char)(0xF0 | (cp >> 18));
        o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[3] = (char)(0x80 | (cp & 0x3F));
        return 4;
}

/* Unescapes raw contents that scan_string() accepted, into the arena (an
 * escape never decodes to more bytes than it takes). */
static char *unescape(nx_arena_t *arena, const char *raw, size_t n, size_t *out_len) {
        char *o = nx_arena_alloc(arena, n + 1);
        if (!o)
                return NULL;
        size_t k = 0;
        for (size_t i = 0; i < n;) {
                if (raw[i] != '\\') {
                        o[k++] = raw[i++];
                        continue;
                }
                char c = raw[i + 1];
                i += 2;
                switch (c) {
                case 'b': o[k++] = '\b'; break;
                case 'f': o[k++] = '\f'; break;
                case 'n': o[k++] = '\n'; break;
                case 'r': o[k++] = '\r'; break;
                case 't': o[k++] = '\t'; break;
                case 'u': {
                        unsigned u, lo;
                        hex4(raw + i, raw + n, &u);
                        i += 4;
                        if (u >= 0xD800 && u <= 0xDBFF) {
                                hex4(raw + i + 2, raw + n, &lo);
                                i += 6;
                                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                        }
                        k += put_utf8(o + k, u);
                        break;
                }
                default: o[k++] = c; break; /* " \ / */
                }
        }
        o[k] = '\0';
        *out_len = k;
        return o;
}

/* A number: -?(0|[1-9][0-9]*)(.[0-9]+)? of at most 18 characters, so that
 * jansson represents it exactly (json_int_t, or a double that cannot
 * overflow); an exponent is left to jansson. */
static int scan_number(scan_t *s, nw_env_value_t *v) {
        const char *p = s->p, *end = s->end, *b = p;
        int neg = 0, integer = 1;
        long long x = 0;
        if (p < end && *p == '-') {
                neg = 1;
                p++;
        }
        if (p < end && *p == '0') {
                p++;
        } else if (p < end && *p >= '1' && *p <= '9') {
                /* 18 characters at most: a 19th digit could overflow x
                 * (UBSan, fuzz_article); the check below sends longer
                 * numbers to jansson */
                while (p < end && *p >= '0' && *p <= '9' && p - b < 18)
                        x = x * 10 + (*p++ - '0');
        } else {
                return -1;
        }
        if (p < end && *p == '.') {
                integer = 0;
                p++;
                if (p >= end || *p < '0' || *p > '9')
                        return -1;
                while (p < end && *p >= '0' && *p <= '9')
                        p++;
        }
        if (p - b > 18 || (p < end && (*p == 'e' || *p == 'E' || (*p >= '0' && *p <= '9'))))
                return -1;
        if (v) {
                v->type = integer ? NW_ENV_INTEGER : NW_ENV_OTHER;
                v->i = neg ? -x : x;
        }
        s->p = p;
        return 0;
}

static int scan_literal(scan_t *s, const char *lit, size_t n) {
        if ((size_t)(s->end - s->p) < n || memcmp(s->p, lit, n))
                return -1;
        s->p += n;
        return 0;
}

static int scan_value(scan_t *s, nw_env_value_t *v, nw_env_value_t *fields);

/* memcmp(a, b, n) == 0 for the short keys of an envelope, without a call */
static inline int same_key(const char *a, const char *b, size_t n) {
        for (size_t i = 0; i < n; i++)
                if (a[i] != b[i])
                        return 0;
        return 1;
}

/* An object at s->p ('{'); fields is non-NULL for the top level only. */
static int scan_object(scan_t *s, nw_env_value_t *fields) {
        struct {
                const char *k;
                size_t n;
        } keys[NW_ENV_MAX_KEYS];
        size_t nk = 0;
        if (++s->depth > NW_ENV_MAX_DEPTH)
                return -1;
        s->p++;
        skip_ws(s);
        if (s->p < s->end && *s->p == '}') {
                s->p++;
                s->depth--;
                return 0;
        }
        for (;;) {
                skip_ws(s);
                const char *k;
                size_t kn;
                int esc;
                if (s->p >= s->end || *s->p != '"' || scan_string(s, &k, &kn, &esc) || esc ||
                    nk == NW_ENV_MAX_KEYS)
                        return -1;
                for (size_t j = 0; j < nk; j++)
                        if (keys[j].n == kn && same_key(keys[j].k, k, kn))
                                return -1; /* a duplicate: jansson rejects it, with the message */
                keys[nk].k = k;
                keys[nk].n = kn;
                nk++;
                skip_ws(s);
                if (s->p >= s->end || *s->p != ':')
                        return -1;
                s->p++;
                skip_ws(s);
                nw_env_value_t *slot = NULL;
                if (fields)
                        for (int f = 0; f < NW_ENV_N_FIELDS; f++)
                                if (field_lens[f] == kn && same_key(field_names[f], k, kn))
                                        slot = &fields[f];
                if (scan_value(s, slot, NULL))
                        return -1;
                skip_ws(s);
                if (s->p < s->end && *s->p == ',') {
                        s->p++;
                } else if (s->p < s->end && *s->p == '}') {
                        s->p++;
                        break;
                } else {
                        return -1;
                }
        }
        s->depth--;
        return 0;
}

static int scan_array(scan_t *s) {
        if (++s->depth > NW_ENV_MAX_DEPTH)
                return -1;
        s->p++;
        skip_ws(s);
        if (s->p < s->end && *s->p == ']') {
                s->p++;
                s->depth--;
                return 0;
        }
        for (;;) {
                skip_ws(s);
                if (scan_value(s, NULL, NULL))
                        return -1;
                skip_ws(s);
                if (s->p < s->end && *s->p == ',') {
                        s->p++;
                } else if (s->p < s->end && *s->p == ']') {
                        s->p++;
                        break;
                } else {
                        return -1;
                }
        }
        s->depth--;
        return 0;
}

/* A value at s->p; its type (and a string's bytes) into *v when v is set. */
static int scan_value(scan_t *s, nw_env_value_t *v, nw_env_value_t *fields) {
        if (s->p >= s->end)
                return -1;
        switch (*s->p) {
        case '{':
                if (v)
                        v->type = NW_ENV_OTHER;
                return scan_object(s, fields);
        case '[':
                if (v)
                        v->type = NW_ENV_OTHER;
                return scan_array(s);
        case '"': {
                const char *raw;
                size_t n;
                int esc;
                if (scan_string(s, &raw, &n, &esc))
                        return -1;
                if (v) {
                        v->type = NW_ENV_STRING;
                        v->s = raw;
                        v->len = n;
                        v->in_payload = !esc;
                        if (esc && !(v->s = unescape(s->arena, raw, n, &v->len)))
                                return -1;
                }
                return 0;
        }
        case 't':
                if (v)
                        v->type = NW_ENV_OTHER;
                return scan_literal(s, "true", 4);
        case 'f':
                if (v)
                        v->type = NW_ENV_OTHER;
                return scan_literal(s, "false", 5);
        case 'n':
                if (v)
                        v->type = NW_ENV_NULL;
                return scan_literal(s, "null", 4);
        default:
                return scan_number(s, v);
        }
}

int nw_envelope_scan(const char *payload, size_t len, nx_arena_t *arena,
                     nw_env_value_t v[NW_ENV_N_FIELDS]) {
        memset(v, 0, NW_ENV_N_FIELDS * sizeof(*v));
        scan_t s = {payload, payload + len, arena, 0};
        skip_ws(&s);
        if (s.p >= s.end || *s.p != '{' || scan_object(&s, v))
                return -1;
        skip_ws(&s);
        return s.p == s.end ? 0 : -1;
}
