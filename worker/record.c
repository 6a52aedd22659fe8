/*
 * record.c - nx_result_t + article → JSON (see record.h).
 *
 * The record is the worker's core output and its serialization was the single
 * largest cost per article with jansson (a json_t per value, a hash table per
 * object, a malloc per node, then a dump and a free of the tree: 42% of the
 * pipeline's instructions, bench/README.md). This module therefore writes the
 * JSON directly, in order, into one growing malloc'd buffer. The output is
 * byte for byte what jansson's json_dumps(JSON_COMPACT) printed for the same
 * tree (checked on the whole corpus, bench/README.md): keys in insertion order,
 * strings escaped as jansson escapes them (\" \\ \b \f \n \r \t, other
 * C0 controls as \u00XX, everything else verbatim UTF-8), integers with %lld,
 * reals with %.17g plus jansson's touch-ups; and, as with jansson, a string
 * value that is NULL or not valid UTF-8 leaves its key (or array element) out.
 */
#include "record.h"
#include "bytescan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

/* Code points in p[0..n): the bytes that are not UTF-8 continuation bytes
 * (10xxxxxx), eight at a time. In a word w, w & ~(w << 1) has bit 7 of a
 * byte set exactly when that byte's bits 7 and 6 are 1 and 0 (the shift
 * brings each byte's bit 6 to its bit 7; what crosses into the next byte
 * lands in its bit 0, masked off); >> 7 and a multiply by 0x0101.. sum those
 * 0/1 bytes into the top byte (at most 8: no carry between bytes). */
static size_t count_cps(const char *p, size_t n) {
        size_t cont = 0, i = 0;
        for (; i + 8 <= n; i += 8) {
                uint64_t w = nw_load8(p + i);
                uint64_t c = (w & ~(w << 1) & NW_HIGHS8) >> 7;
                cont += (size_t)((c * NW_ONES8) >> 56);
        }
        for (; i < n; i++)
                cont += ((unsigned char)p[i] & 0xC0) == 0x80;
        return n - cont;
}

int nw_cpmap_init(nw_cpmap_t *m, const char *text, size_t len, nx_arena_t *arena) {
        m->text = text;
        m->len = len;
        m->every64 = NULL;
        if (nw_ascii_span(text, len) == len)
                return 0; /* all ASCII: byte offsets are code point offsets */
        size_t n = len / 64 + 1;
        m->every64 = nx_arena_alloc(arena, n * sizeof(uint32_t));
        if (!m->every64)
                return -1;
        uint32_t cp = 0;
        for (size_t k = 0; k < n; k++) {
                m->every64[k] = cp;
                size_t b = k * 64, e = b + 64 < len ? b + 64 : len;
                cp += (uint32_t)count_cps(text + b, e - b);
        }
        return 0;
}

uint32_t nw_cpmap_get(const nw_cpmap_t *m, size_t b) {
        if (b > m->len)
                b = m->len;
        if (!m->every64)
                return (uint32_t)b;
        size_t base = b & ~(size_t)63;
        return m->every64[base >> 6] + (uint32_t)count_cps(m->text + base, b - base);
}

/* ---- a JSON writer into one growing malloc'd buffer ------------------------ */

typedef struct nw_jw_s {
        char *p;
        size_t len, cap;
        int oom; /* a reallocation failed: the output is lost */
} nw_jw_t;

static int jw_grow(nw_jw_t *w, size_t n) {
        if (w->oom)
                return -1;
        size_t cap = w->cap ? w->cap : 1024;
        while (cap <= w->len + n)
                cap *= 2;
        char *q = realloc(w->p, cap);
        if (!q) {
                w->oom = 1;
                return -1;
        }
        w->p = q;
        w->cap = cap;
        return 0;
}

/* Room for n more bytes (and the final NUL); the check is inline, the
 * growth is not. */
static inline int jw_reserve(nw_jw_t *w, size_t n) {
        if (w->len + n < w->cap)
                return 0;
        return jw_grow(w, n);
}

static inline void jw_raw(nw_jw_t *w, const char *s, size_t n) {
        if (jw_reserve(w, n))
                return;
        memcpy(w->p + w->len, s, n);
        w->len += n;
}

#define jw_lit(w, s) jw_raw((w), (s), sizeof(s) - 1)

/* The comma before an object member or array element: none right after the
 * opening bracket. Always inlined: every key and element asks it. */
static inline __attribute__((always_inline)) void jw_sep(nw_jw_t *w) {
        if (w->len && w->p[w->len - 1] != '{' && w->p[w->len - 1] != '[')
                jw_lit(w, ",");
}

static inline void jw_open(nw_jw_t *w, char c) {
        if (jw_reserve(w, 1))
                return;
        w->p[w->len++] = c;
}

/* s[0..n), valid UTF-8, as a JSON string escaped as jansson escapes it. */
static void jw_string(nw_jw_t *w, const char *s, size_t n) {
        if (jw_reserve(w, n + 2))
                return;
        w->p[w->len++] = '"';
        size_t i = nw_json_special_span(s, n);
        if (i == n) { /* the common case, nothing to escape: one copy */
                memcpy(w->p + w->len, s, n);
                w->len += n;
                w->p[w->len++] = '"'; /* the reserve above kept room for it */
                return;
        }
        size_t run = 0; /* s[run..i) is copied as it is */
        while (i < n) {
                unsigned char c = (unsigned char)s[i]; /* one to escape */
                jw_raw(w, s + run, i - run);
                run = i + 1;
                switch (c) {
                case '"': jw_lit(w, "\\\""); break;
                case '\\': jw_lit(w, "\\\\"); break;
                case '\b': jw_lit(w, "\\b"); break;
                case '\f': jw_lit(w, "\\f"); break;
                case '\n': jw_lit(w, "\\n"); break;
                case '\r': jw_lit(w, "\\r"); break;
                case '\t': jw_lit(w, "\\t"); break;
                default: {
                        static const char hex[] = "0123456789ABCDEF";
                        char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                        jw_raw(w, e, sizeof(e));
                }
                }
                i = run + nw_json_special_span(s + run, n - run);
        }
        jw_raw(w, s + run, n - run);
        jw_lit(w, "\"");
}

/* The key helpers below are always inlined: their keys are literals, whose
 * strlen() the compiler then folds. */
#define NW_INLINE static inline __attribute__((always_inline))

/* "key": (keys are ASCII literals that need no escaping) */
NW_INLINE void jw_key(nw_jw_t *w, const char *key) {
        jw_sep(w);
        size_t n = strlen(key);
        if (jw_reserve(w, n + 3))
                return;
        w->p[w->len++] = '"';
        memcpy(w->p + w->len, key, n);
        w->len += n;
        w->p[w->len++] = '"';
        w->p[w->len++] = ':';
}

/* A string member; left out when s is NULL or not valid UTF-8 (jansson's
 * json_stringn() returned NULL there and the member was not set). */
NW_INLINE void kv_strn(nw_jw_t *w, const char *key, const char *s, size_t n) {
        if (!s || !nw_utf8_valid(s, n))
                return;
        jw_key(w, key);
        jw_string(w, s, n);
}

NW_INLINE void kv_str(nw_jw_t *w, const char *key, const char *s) {
        if (s)
                kv_strn(w, key, s, strlen(s));
}

/* A string member the worker writes itself and knows to be printable ASCII
 * with nothing to escape (a type name, the schema, a time stamp: test_record
 * holds them to it), so kv_str() would write the same bytes: its UTF-8
 * check and escape scan are left out. */
NW_INLINE void kv_ascii(nw_jw_t *w, const char *key, const char *s) {
        size_t n = strlen(s);
        jw_key(w, key);
        if (jw_reserve(w, n + 2))
                return;
        w->p[w->len++] = '"';
        memcpy(w->p + w->len, s, n);
        w->len += n;
        w->p[w->len++] = '"';
}

/* A string member, null when s is NULL. */
NW_INLINE void kv_str_or_null(nw_jw_t *w, const char *key, const char *s) {
        if (s) {
                kv_str(w, key, s);
        } else {
                jw_key(w, key);
                jw_lit(w, "null");
        }
}

NW_INLINE void kv_null(nw_jw_t *w, const char *key) {
        jw_key(w, key);
        jw_lit(w, "null");
}

/* An array element string; left out when NULL or not valid UTF-8. */
static void el_str(nw_jw_t *w, const char *s) {
        if (!s)
                return;
        size_t n = strlen(s);
        if (!nw_utf8_valid(s, n))
                return;
        jw_sep(w);
        jw_string(w, s, n);
}

static void jw_int(nw_jw_t *w, long long v) {
        char b[24], *e = b + sizeof(b), *q = e;
        unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
        do
                *--q = (char)('0' + u % 10);
        while (u /= 10);
        if (v < 0)
                *--q = '-';
        jw_raw(w, q, (size_t)(e - q));
}

NW_INLINE void kv_int(nw_jw_t *w, const char *key, long long v) {
        jw_key(w, key);
        jw_int(w, v);
}

/* A double as jansson's jsonp_dtostr() prints it: %.17g, ".0" when it would
 * read back as an integer, no '+' and no leading zeros in the exponent. */
static void jw_real(nw_jw_t *w, double v) {
        char b[40];
        int n = snprintf(b, sizeof(b), "%.17g", v);
        if (n < 0 || (size_t)n >= sizeof(b) - 3)
                return;
        size_t len = (size_t)n;
        if (!strchr(b, '.') && !strchr(b, 'e')) {
                b[len++] = '.';
                b[len++] = '0';
                b[len] = '\0';
        }
        char *start = strchr(b, 'e');
        if (start) {
                start++;
                char *end = start + 1;
                if (*start == '-')
                        start++;
                while (*end == '0')
                        end++;
                if (end != start) {
                        memmove(start, end, len - (size_t)(end - b));
                        len -= (size_t)(end - start);
                }
        }
        jw_raw(w, b, len);
}

/* Integral values within 2^53 as integers, others as reals (finite only). */
NW_INLINE void kv_number(nw_jw_t *w, const char *key, double v) {
        jw_key(w, key);
        if (fabs(v) < 9007199254740992.0 && v == floor(v))
                jw_int(w, (long long)v);
        else
                jw_real(w, v);
}

static char *jw_finish(nw_jw_t *w, size_t *len) {
        if (jw_reserve(w, 0) || w->oom) {
                free(w->p);
                return NULL;
        }
        w->p[w->len] = '\0';
        if (len)
                *len = w->len;
        return w->p;
}

/* ---- the record ------------------------------------------------------------ */

static int span_ok(const nw_article_t *art, uint32_t start, uint32_t end) {
        return start < end && end <= art->body_len;
}

/* The article text the spans point into: its code point map, and whether it
 * is valid UTF-8 as a whole. */
typedef struct body_s {
        const nw_article_t *art;
        nw_cpmap_t m;
        int valid;
} body_t;

static void body_init(body_t *b, const nw_article_t *art, const nw_cpmap_t *cp) {
        b->art = art;
        b->valid = nw_utf8_valid(art->body, art->body_len);
        b->m = *cp;
}

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* 1 when the span [start, end) (span_ok) is valid UTF-8, as
 * nw_utf8_valid() would say. Fast path: a valid text is a sequence of whole
 * code points, each starting at a byte that is not a continuation byte; a
 * span of it that starts and ends at such bytes holds whole code points only
 * (valid), and one that does not starts with a continuation byte or ends
 * inside a code point (invalid). */
static int span_valid(const body_t *b, uint32_t start, uint32_t end) {
        const char *t = b->art->body;
        if (!b->valid)
                return nw_utf8_valid(t + start, end - start);
        return !is_cont((unsigned char)t[start]) &&
               (end == b->art->body_len || !is_cont((unsigned char)t[end]));
}

/* {"text","start","end"} members for a byte span. */
static void span_members(nw_jw_t *w, const body_t *b, uint32_t start, uint32_t end) {
        if (span_valid(b, start, end)) {
                jw_key(w, "text");
                jw_string(w, b->art->body + start, end - start);
        }
        kv_int(w, "start", nw_cpmap_get(&b->m, start));
        kv_int(w, "end", nw_cpmap_get(&b->m, end));
}

/* "mentions":[{span},...], the valid spans only */
static void mentions(nw_jw_t *w, const body_t *b, const nx_mention_t *ms, size_t n) {
        jw_key(w, "mentions");
        jw_open(w, '[');
        for (size_t k = 0; k < n; k++) {
                if (!span_ok(b->art, ms[k].start, ms[k].end))
                        continue;
                jw_sep(w);
                jw_open(w, '{');
                span_members(w, b, ms[k].start, ms[k].end);
                jw_open(w, '}');
        }
        jw_open(w, ']');
}

static void summit_object(nw_jw_t *w, const body_t *b, const nx_summit_t *s) {
        jw_open(w, '{');
        kv_str_or_null(w, "key", s->key);
        kv_str_or_null(w, "name", s->name);
        jw_key(w, "countries");
        jw_open(w, '[');
        for (size_t k = 0; k < s->n_countries; k++)
                el_str(w, s->countries[k]);
        jw_open(w, ']');
        jw_key(w, "participants");
        jw_open(w, '[');
        for (size_t k = 0; k < s->n_participants; k++)
                el_str(w, s->participants[k]);
        jw_open(w, ']');
        kv_str_or_null(w, "organization", s->organization);
        kv_str_or_null(w, "date", s->date);
        kv_str_or_null(w, "location", s->location);
        kv_str_or_null(w, "format", s->format);
        kv_str_or_null(w, "status", nx_summit_status_name(s->status));
        mentions(w, b, s->mentions, s->n_mentions);
        jw_open(w, '}');
}

/* Two decimal digits of v (0-99) at p. */
static inline char *put2(char *p, unsigned v) {
        static const char d100[] = "00010203040506070809101112131415161718192021222324"
                                   "25262728293031323334353637383940414243444546474849"
                                   "50515253545556575859606162636465666768697071727374"
                                   "75767778798081828384858687888990919293949596979899";
        memcpy(p, d100 + 2 * v, 2);
        return p + 2;
}

void nw_iso_utc(char buf[NW_ISO_UTC_SIZE], time_t sec, long usec) {
        char *p = buf;
        if (sec >= 0 && (long long)sec < 253402300800LL) { /* 1970 to 9999 */
                /* what strftime("%Y-%m-%dT%H:%M:%S") writes, without the
                 * gmtime_r() and strftime() calls (some 2,000 instructions,
                 * half a small record's): Howard Hinnant's civil_from_days()
                 * (eras of 400 years, 146097 days, each year starting on
                 * March 1 so that a leap day ends it), in 32-bit unsigned
                 * arithmetic, which this range fits */
                uint64_t s = (uint64_t)sec;
                uint32_t rem = (uint32_t)(s % 86400);
                uint32_t z = (uint32_t)(s / 86400) + 719468; /* days since 0000-03-01 */
                uint32_t era = z / 146097, doe = z % 146097;
                uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* 0-399 */
                uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);             /* 0-365 */
                uint32_t mp = (5 * doy + 2) / 153;                                  /* March = 0 */
                uint32_t d = doy - (153 * mp + 2) / 5 + 1;
                uint32_t m = mp < 10 ? mp + 3 : mp - 9;
                uint32_t y = yoe + era * 400 + (m <= 2);
                p = put2(p, y / 100);
                p = put2(p, y % 100);
                *p++ = '-';
                p = put2(p, m);
                *p++ = '-';
                p = put2(p, d);
                *p++ = 'T';
                p = put2(p, rem / 3600);
                *p++ = ':';
                p = put2(p, rem / 60 % 60);
                *p++ = ':';
                p = put2(p, rem % 60);
        } else { /* before 1970 or after 9999: as it was written before */
                struct tm tm;
                if (gmtime_r(&sec, &tm))
                        p += strftime(buf, NW_ISO_UTC_SIZE - 8, "%Y-%m-%dT%H:%M:%S", &tm);
        }
        unsigned us = (unsigned)usec; /* 0-999999 */
        *p++ = '.';
        p = put2(p, us / 10000);
        p = put2(p, us / 100 % 100);
        p = put2(p, us % 100);
        *p++ = 'Z';
        *p = '\0';
}

/* The current UTC time, nw_iso_utc() of gettimeofday(). */
static void iso_now(char buf[NW_ISO_UTC_SIZE]) {
        struct timeval tv;
        gettimeofday(&tv, NULL);
        nw_iso_utc(buf, tv.tv_sec, (long)tv.tv_usec);
}

char *nw_record_json(const nw_article_t *art, const nx_result_t *res,
                     const nw_cpmap_t *cp, const nw_source_t *src,
                     const char *worker, int64_t elapsed_us, size_t *len,
                     char *errstr, size_t errstr_size) {
        body_t b;
        body_init(&b, art, cp);
        /* the text, its spans and some 60 bytes of keys per entity: one
         * allocation for nearly every record */
        nw_jw_t w = {0};
        jw_reserve(&w, 2 * art->body_len + 1024 +
                               96 * (res->n_dates + res->n_figures + 2 * res->n_actors));
        jw_open(&w, '{');
        kv_ascii(&w, "schema", NW_RECORD_SCHEMA);
        jw_key(&w, "article");
        jw_open(&w, '{');
        kv_str(&w, "id", art->id);
        kv_str_or_null(&w, "title", art->title);
        kv_str_or_null(&w, "url", art->url);
        kv_str_or_null(&w, "source", art->source);
        kv_str(&w, "lang", art->lang ? art->lang : "en");
        kv_str_or_null(&w, "published", art->published);
        kv_str_or_null(&w, "published_from", art->published_from);
        if (art->body && b.valid) { /* kv_strn(), with the check done once */
                jw_key(&w, "text");
                jw_string(&w, art->body, art->body_len);
        }
        jw_open(&w, '}');

        jw_key(&w, "dates");
        jw_open(&w, '[');
        for (size_t i = 0; i < res->n_dates; i++) {
                const nx_timex_t *t = &res->dates[i];
                if (!span_ok(art, t->start, t->end))
                        continue;
                jw_sep(&w);
                jw_open(&w, '{');
                span_members(&w, &b, t->start, t->end);
                kv_ascii(&w, "type", nx_timex_type_name(t->type));
                kv_str_or_null(&w, "value", t->value);
                kv_str(&w, "mod", t->mod);
                jw_open(&w, '}');
        }
        jw_open(&w, ']');

        jw_key(&w, "actors");
        jw_open(&w, '[');
        for (size_t i = 0; i < res->n_actors; i++) {
                const nx_actor_t *ac = &res->actors[i];
                size_t valid = 0;
                for (size_t k = 0; k < ac->n_mentions; k++)
                        valid += span_ok(art, ac->mentions[k].start, ac->mentions[k].end);
                if (valid == 0 || !ac->name)
                        continue;
                jw_sep(&w);
                jw_open(&w, '{');
                kv_str(&w, "name", ac->name);
                kv_ascii(&w, "type", nx_actor_type_name(ac->type));
                if (ac->country[0])
                        kv_str(&w, "country", ac->country);
                else
                        kv_null(&w, "country");
                kv_str_or_null(&w, "role", ac->role);
                mentions(&w, &b, ac->mentions, ac->n_mentions);
                jw_open(&w, '}');
        }
        jw_open(&w, ']');

        jw_key(&w, "figures");
        jw_open(&w, '[');
        for (size_t i = 0; i < res->n_figures; i++) {
                const nx_figure_t *f = &res->figures[i];
                if (!span_ok(art, f->start, f->end) || !isfinite(f->value))
                        continue;
                jw_sep(&w);
                jw_open(&w, '{');
                span_members(&w, &b, f->start, f->end);
                kv_ascii(&w, "type", nx_figure_type_name(f->type));
                kv_number(&w, "value", f->value);
                if (f->has_max && isfinite(f->value_max))
                        kv_number(&w, "value_max", f->value_max);
                kv_str_or_null(&w, "unit", f->unit);
                kv_str(&w, "mod", f->mod);
                kv_str(&w, "counted", f->counted);
                jw_open(&w, '}');
        }
        jw_open(&w, ']');

        jw_key(&w, "summits");
        jw_open(&w, '[');
        for (size_t i = 0; i < res->n_summits; i++)
                /* a summit with nothing to identify it ("the summit" alone)
                 * has no key: the contract needs one, and no alert could
                 * deduplicate it, so it stays out of the record */
                if (res->summits[i].key && *res->summits[i].key) {
                        jw_sep(&w);
                        summit_object(&w, &b, &res->summits[i]);
                }
        jw_open(&w, ']');

        char now[NW_ISO_UTC_SIZE];
        iso_now(now);
        jw_key(&w, "meta");
        jw_open(&w, '{');
        kv_str(&w, "worker", worker);
        kv_ascii(&w, "processed_at", now);
        jw_key(&w, "source");
        if (src && src->topic) {
                jw_open(&w, '{');
                kv_str(&w, "topic", src->topic);
                kv_int(&w, "partition", src->partition);
                kv_int(&w, "offset", src->offset);
                jw_open(&w, '}');
        } else {
                jw_lit(&w, "null");
        }
        kv_int(&w, "elapsed_us", elapsed_us);
        jw_open(&w, '}');
        jw_open(&w, '}');
        char *out = jw_finish(&w, len);
        if (!out)
                snprintf(errstr, errstr_size, "out of memory serializing the record");
        return out;
}

/* The sentence around byte offset b, as [*start, *start + return): from the
 * last terminator or newline before it to the next one after it. */
static size_t sentence_around(const nw_article_t *art, uint32_t b, size_t *start) {
        const char *t = art->body;
        size_t s = b, e = b;
        while (s > 0 && t[s - 1] != '\n' &&
               !((t[s - 1] == ' ') && s >= 2 && (t[s - 2] == '.' || t[s - 2] == '!' || t[s - 2] == '?')))
                s--;
        while (e < art->body_len && t[e] != '\n' &&
               !((t[e] == '.' || t[e] == '!' || t[e] == '?') &&
                 (e + 1 == art->body_len || t[e + 1] == ' ' || t[e + 1] == '\n')))
                e++;
        if (e < art->body_len && t[e] != '\n')
                e++;
        if (e - s > 2000)
                e = s + 2000;
        while (e > s && ((unsigned char)t[e] & 0xC0) == 0x80 && e < art->body_len)
                e--; /* never cut a code point */
        *start = s;
        return e - s;
}

char *nw_summit_event_json(const nw_article_t *art, const nx_result_t *res,
                           const nw_cpmap_t *cp, size_t i, size_t *len) {
        body_t b;
        body_init(&b, art, cp);
        const nx_summit_t *s = &res->summits[i];
        nw_jw_t w = {0};
        jw_reserve(&w, 2048);
        jw_open(&w, '{');
        kv_str(&w, "key", s->key ? s->key : "");
        jw_key(&w, "summit");
        summit_object(&w, &b, s);
        jw_key(&w, "article");
        jw_open(&w, '{');
        kv_str(&w, "id", art->id);
        kv_str_or_null(&w, "title", art->title);
        kv_str_or_null(&w, "url", art->url);
        kv_str_or_null(&w, "published", art->published);
        jw_open(&w, '}');
        if (s->n_mentions) {
                size_t start, n = sentence_around(art, s->mentions[0].start, &start);
                kv_strn(&w, "sentence", art->body + start, n);
        } else {
                kv_null(&w, "sentence");
        }
        char now[NW_ISO_UTC_SIZE];
        iso_now(now);
        kv_str(&w, "detected_at", now);
        jw_open(&w, '}');
        return jw_finish(&w, len);
}
