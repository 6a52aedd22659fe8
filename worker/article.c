/*
 * article.c - message payload → nw_article_t (see article.h).
 *
 * Checks run cheapest first and on the raw bytes (size, NUL, UTF-8, control
 * characters) so that a hostile payload is rejected before any parsing.
 */
#include "article.h"
#include "bytescan.h"
#include "envelope.h"

#include <ctype.h>
#include <jansson.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const error_names[] = {
        "ok", "empty", "too_large", "nul_byte", "invalid_utf8", "control_chars",
        "json_invalid", "json_not_object", "body_missing", "body_type",
        "field_type", "published_invalid"};

const char *nw_article_error_name(nw_article_error_t e) {
        return (unsigned)e < sizeof(error_names) / sizeof(error_names[0]) ? error_names[e] : "unknown";
}

/* The length (2-4) of the well-formed multi-byte UTF-8 sequence at p (whose
 * first byte is >= 0x80), or 0 when it is not one (overlong, surrogate,
 * beyond U+10FFFF, truncated by end). */
static inline size_t utf8_seq(const unsigned char *p, const unsigned char *end) {
        unsigned c = *p;
        size_t n;
        unsigned min;
        if ((c & 0xE0) == 0xC0)
                n = 1, min = 0x80, c &= 0x1F;
        else if ((c & 0xF0) == 0xE0)
                n = 2, min = 0x800, c &= 0x0F;
        else if ((c & 0xF8) == 0xF0)
                n = 3, min = 0x10000, c &= 0x07;
        else
                return 0;
        if ((size_t)(end - p) <= n)
                return 0;
        for (size_t k = 1; k <= n; k++) {
                if ((p[k] & 0xC0) != 0x80)
                        return 0;
                c = (c << 6) | (p[k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
                return 0;
        return n + 1;
}

int nw_utf8_valid(const char *s, size_t len) {
        const unsigned char *p = (const unsigned char *)s, *end = p + len;
        while (p < end) {
                p += nw_ascii_span((const char *)p, (size_t)(end - p)); /* ASCII: valid */
                if (p == end)
                        break;
                size_t n = utf8_seq(p, end);
                if (!n)
                        return 0;
                p += n;
        }
        return 1;
}

static int digits(const char *s, int n, int *out) {
        int v = 0;
        for (int i = 0; i < n; i++) {
                if (!isdigit((unsigned char)s[i]))
                        return -1;
                v = v * 10 + (s[i] - '0');
        }
        *out = v;
        return 0;
}

static int days_in_month(int y, int m) {
        static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
                return 29;
        return d[m - 1];
}

int nw_parse_published(const char *s, nx_dct_t *dct) {
        nx_dct_t d = {0, 0, 0, -1, -1};
        size_t n = strlen(s);
        /* "DD-MM-YYYY": the day-first dashed form some feeds send (never
         * month-first with dashes in practice); slashes stay ambiguous */
        if (n == 10 && s[2] == '-' && s[5] == '-' && !digits(s, 2, &d.day) &&
            !digits(s + 3, 2, &d.month) && !digits(s + 6, 4, &d.year)) {
                if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
                    d.day > days_in_month(d.year, d.month))
                        return -1;
                *dct = d;
                return 0;
        }
        if (n < 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &d.year) ||
            digits(s + 5, 2, &d.month) || digits(s + 8, 2, &d.day))
                return -1;
        if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
            d.day > days_in_month(d.year, d.month))
                return -1;
        if (n == 10) {
                *dct = d;
                return 0;
        }
        if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || n < 16 || s[13] != ':' ||
            digits(s + 11, 2, &d.hour) || digits(s + 14, 2, &d.minute) || d.hour > 23 ||
            d.minute > 59)
                return -1;
        const char *p = s + 16;
        int sec;
        if (*p == ':') {
                if (digits(p + 1, 2, &sec) || sec > 60)
                        return -1;
                p += 3;
                if (*p == '.') {
                        p++;
                        if (!isdigit((unsigned char)*p))
                                return -1;
                        while (isdigit((unsigned char)*p))
                                p++;
                }
        }
        if (*p == 'Z' || *p == 'z') {
                p++;
        } else if (*p == '+' || *p == '-') {
                int oh, om;
                if (digits(p + 1, 2, &oh) || oh > 23)
                        return -1;
                p += 3;
                if (*p == ':')
                        p++;
                if (digits(p, 2, &om) || om > 59)
                        return -1;
                p += 2;
        }
        if (*p)
                return -1;
        *dct = d;
        return 0;
}

/* "date YYYY-MM-DD" at the start (after blanks); returns bytes consumed
 * including the white space after it, 0 when there is no header. */
static size_t plain_header(const char *s, size_t len, nx_dct_t *dct) {
        size_t i = 0;
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
                i++;
        if (len - i < 15 || strncasecmp(s + i, "date", 4) || !(s[i + 4] == ' ' || s[i + 4] == '\t' || s[i + 4] == ':'))
                return 0;
        size_t j = i + 5;
        while (j < len && (s[j] == ' ' || s[j] == '\t'))
                j++;
        if (len - j < 10)
                return 0;
        char buf[11];
        memcpy(buf, s + j, 10);
        buf[10] = '\0';
        if (nw_parse_published(buf, dct))
                return 0;
        j += 10;
        if (j < len && !(s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'))
                return 0;
        while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'))
                j++;
        return j;
}

static int all_blank(const char *s, size_t len) {
        for (size_t i = 0; i < len; i++)
                if (!isspace((unsigned char)s[i]))
                        return 0;
        return 1;
}

static int bad_control(unsigned char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

static int bad_controls(const char *s, size_t len) {
        const unsigned char *p = (const unsigned char *)s;
        size_t i = 0;
        while (i < len) {
                uint64_t w;
                if (i + 8 <= len && (w = nw_load8(p + i), !nw_has_less(w, 0x20) && !nw_has_byte(w, 0x7F))) {
                        i += 8;
                        continue;
                }
                /* this word (or the tail) byte by byte */
                for (size_t e = i + 8 < len ? i + 8 : len; i < e; i++)
                        if (bad_control(p[i]))
                                return 1;
        }
        return 0;
}

/* The three checks on the raw message in one pass, with their order of
 * precedence: a NUL byte anywhere (NW_ART_NUL_BYTE), else invalid UTF-8
 * (NW_ART_INVALID_UTF8), else a control character other than tab, LF, CR
 * (NW_ART_CONTROL_CHARS), else NW_ART_OK; what memchr(), nw_utf8_valid()
 * and bad_controls() in turn decide. Runs of printable ASCII (0x20-0x7E,
 * which pass all three) are skipped sixteen bytes at a time
 * (nw_printable_span()); other bytes one by one. A NUL is final at once;
 * an invalid sequence is final unless a NUL follows it (none precedes it:
 * every byte before was looked at); a control waits for the end. */
static nw_article_error_t raw_check(const char *s, size_t len) {
        const unsigned char *p = (const unsigned char *)s, *end = p + len;
        int ctrl = 0;
        while (p < end) {
                p += nw_printable_span((const char *)p, (size_t)(end - p));
                if (p == end)
                        break;
                if (*p < 0x80) {
                        if (*p == 0)
                                return NW_ART_NUL_BYTE;
                        ctrl |= bad_control(*p);
                        p++;
                        continue;
                }
                size_t n = utf8_seq(p, end);
                if (!n)
                        return memchr(p, '\0', (size_t)(end - p)) ? NW_ART_NUL_BYTE : NW_ART_INVALID_UTF8;
                p += n;
        }
        return ctrl ? NW_ART_CONTROL_CHARS : NW_ART_OK;
}

static const char *hash_id(const char *body, size_t len, nx_arena_t *arena) {
        unsigned char md[SHA256_DIGEST_LENGTH];
        SHA256((const unsigned char *)body, len, md);
        char hex[3 + 32 + 1] = "nw-";
        for (int i = 0; i < 16; i++)
                snprintf(hex + 3 + 2 * i, 3, "%02x", md[i]);
        return nx_arena_strndup(arena, hex, strlen(hex));
}

/* The envelope's members from a jansson tree, as nw_envelope_scan() gives
 * them (strings point into the tree). */
static void env_from_json(json_t *root, nw_env_value_t f[NW_ENV_N_FIELDS]) {
        static const char *const names[NW_ENV_N_FIELDS] = {
                "body", "text", "id", "title", "url", "source", "lang", "published"};
        memset(f, 0, NW_ENV_N_FIELDS * sizeof(*f));
        for (int k = 0; k < NW_ENV_N_FIELDS; k++) {
                json_t *v = json_object_get(root, names[k]);
                if (!v) {
                        f[k].type = NW_ENV_ABSENT;
                } else if (json_is_null(v)) {
                        f[k].type = NW_ENV_NULL;
                } else if (json_is_string(v)) {
                        f[k].type = NW_ENV_STRING;
                        f[k].s = json_string_value(v);
                        f[k].len = json_string_length(v);
                } else if (json_is_integer(v)) {
                        f[k].type = NW_ENV_INTEGER;
                        f[k].i = (long long)json_integer_value(v);
                } else {
                        f[k].type = NW_ENV_OTHER;
                }
        }
}

/* Reads an optional string member; -1 when present with another type. */
static int opt_string(const nw_env_value_t *v, nx_arena_t *arena, const char **out) {
        *out = NULL;
        if (v->type == NW_ENV_ABSENT || v->type == NW_ENV_NULL)
                return 0;
        if (v->type != NW_ENV_STRING)
                return -1;
        *out = nx_arena_strndup(arena, v->s, v->len);
        return 0;
}

static nw_article_error_t fail(nw_article_error_t e, char *errstr, size_t sz,
                               const char *fmt, const char *arg) {
        snprintf(errstr, sz, fmt, arg);
        return e;
}

nw_article_error_t nw_article_decode(const char *payload, size_t len,
                                     const nw_article_meta_t *meta,
                                     size_t max_bytes, nx_arena_t *arena,
                                     nw_article_t *art, char *errstr,
                                     size_t errstr_size) {
        memset(art, 0, sizeof(*art));
        char num[64];
        if (len == 0 || all_blank(payload, len))
                return fail(NW_ART_EMPTY, errstr, errstr_size, "%s", "message is empty or white space only");
        if (len > max_bytes) {
                snprintf(num, sizeof(num), "%zu bytes > %zu", len, max_bytes);
                return fail(NW_ART_TOO_LARGE, errstr, errstr_size, "message is too large (%s)", num);
        }
        switch (raw_check(payload, len)) {
        case NW_ART_NUL_BYTE:
                return fail(NW_ART_NUL_BYTE, errstr, errstr_size, "%s", "message contains a NUL byte");
        case NW_ART_INVALID_UTF8:
                return fail(NW_ART_INVALID_UTF8, errstr, errstr_size, "%s", "message is not valid UTF-8");
        case NW_ART_CONTROL_CHARS:
                return fail(NW_ART_CONTROL_CHARS, errstr, errstr_size, "%s",
                            "message contains control characters other than tab, LF and CR");
        default:
                break;
        }

        size_t i = 0;
        while (i < len && isspace((unsigned char)payload[i]))
                i++;
        const char *key_id = NULL;
        if (meta && meta->key && meta->key_len)
                key_id = nx_arena_strndup(arena, meta->key, meta->key_len);

        if (payload[i] == '{' || payload[i] == '[') {
                /* the fast path (envelope.c) when it is sure, jansson otherwise */
                nw_env_value_t f[NW_ENV_N_FIELDS];
                json_t *root = NULL;
                if (payload[i] != '{' || nw_envelope_scan(payload, len, arena, f)) {
                        json_error_t jerr;
                        root = json_loadb(payload, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
                        if (!root) {
                                if (payload[i] == '[')
                                        goto plain; /* plain text that happens to start with '[' */
                                return fail(NW_ART_JSON_INVALID, errstr, errstr_size, "invalid JSON: %s", jerr.text);
                        }
                        if (!json_is_object(root)) {
                                json_decref(root);
                                return fail(NW_ART_JSON_NOT_OBJECT, errstr, errstr_size, "%s",
                                            "JSON message is not an object");
                        }
                        env_from_json(root, f);
                }
                nw_article_error_t rc = NW_ART_OK;
                const nw_env_value_t *body = &f[NW_ENV_BODY];
                if (body->type == NW_ENV_ABSENT || body->type == NW_ENV_NULL)
                        body = &f[NW_ENV_TEXT];
                const nw_env_value_t *idv = &f[NW_ENV_ID];
                const char *published = NULL;
                if (body->type == NW_ENV_ABSENT || body->type == NW_ENV_NULL) {
                        rc = fail(NW_ART_BODY_MISSING, errstr, errstr_size, "%s", "JSON article has no body or text");
                } else if (body->type != NW_ENV_STRING) {
                        rc = fail(NW_ART_BODY_TYPE, errstr, errstr_size, "%s", "body is not a string");
                } else if (opt_string(&f[NW_ENV_TITLE], arena, &art->title) ||
                           opt_string(&f[NW_ENV_URL], arena, &art->url) ||
                           opt_string(&f[NW_ENV_SOURCE], arena, &art->source) ||
                           opt_string(&f[NW_ENV_LANG], arena, &art->lang)) {
                        rc = fail(NW_ART_FIELD_TYPE, errstr, errstr_size, "%s",
                                  "title, url, source or lang is not a string");
                } else if (opt_string(&f[NW_ENV_PUBLISHED], arena, &published)) {
                        rc = fail(NW_ART_PUBLISHED_INVALID, errstr, errstr_size, "%s", "published is not a string");
                } else if (idv->type == NW_ENV_OTHER) {
                        rc = fail(NW_ART_FIELD_TYPE, errstr, errstr_size, "%s", "id is not a string or integer");
                } else {
                        size_t bl = body->len;
                        const char *bv = body->s;
                        /* a body that is the payload's own bytes passed
                         * raw_check() with them: no NUL, no bad control */
                        if (!body->in_payload && memchr(bv, '\0', bl))
                                rc = fail(NW_ART_NUL_BYTE, errstr, errstr_size, "%s", "body contains a NUL character");
                        else if (!body->in_payload && bad_controls(bv, bl))
                                rc = fail(NW_ART_CONTROL_CHARS, errstr, errstr_size, "%s",
                                          "body contains control characters other than tab, LF and CR");
                        else if (all_blank(bv, bl))
                                rc = fail(NW_ART_EMPTY, errstr, errstr_size, "%s", "body is empty");
                        else {
                                art->body = nx_arena_strndup(arena, bv, bl);
                                art->body_len = bl;
                        }
                        if (rc == NW_ART_OK && published) {
                                if (nw_parse_published(published, &art->dct))
                                        rc = fail(NW_ART_PUBLISHED_INVALID, errstr, errstr_size,
                                                  "published '%.40s' is not a date or RFC 3339 timestamp", published);
                                else {
                                        art->published = published[2] == '-'
                                                ? nx_arena_sprintf(arena, "%04d-%02d-%02d", art->dct.year,
                                                                   art->dct.month, art->dct.day)
                                                : published;
                                        art->published_from = "envelope";
                                }
                        }
                        if (rc == NW_ART_OK && idv->type == NW_ENV_STRING && idv->len)
                                art->id = nx_arena_strndup(arena, idv->s, idv->len);
                        else if (rc == NW_ART_OK && idv->type == NW_ENV_INTEGER)
                                art->id = nx_arena_sprintf(arena, "%lld", idv->i);
                }
                json_decref(root);
                if (rc != NW_ART_OK)
                        return rc;
        } else {
        plain:;
                size_t h = plain_header(payload, len, &art->dct);
                if (h) {
                        art->published = nx_arena_sprintf(arena, "%04d-%02d-%02d", art->dct.year,
                                                          art->dct.month, art->dct.day);
                        art->published_from = "header";
                }
                art->body = nx_arena_strndup(arena, payload + h, len - h);
                art->body_len = len - h;
                if (all_blank(art->body, art->body_len))
                        return fail(NW_ART_EMPTY, errstr, errstr_size, "%s", "article has a header but no body");
        }
        if (!art->body)
                return fail(NW_ART_TOO_LARGE, errstr, errstr_size, "%s", "article exceeds the memory budget");

        /* fields the payload lacks come from Kafka headers */
        if (meta) {
                if (!art->source && meta->h_source)
                        art->source = nx_arena_strndup(arena, meta->h_source, strlen(meta->h_source));
                if (!art->url && meta->h_url)
                        art->url = nx_arena_strndup(arena, meta->h_url, strlen(meta->h_url));
                if (!art->lang && meta->h_lang)
                        art->lang = nx_arena_strndup(arena, meta->h_lang, strlen(meta->h_lang));
                if (!art->published && meta->h_published) {
                        if (nw_parse_published(meta->h_published, &art->dct))
                                return fail(NW_ART_PUBLISHED_INVALID, errstr, errstr_size,
                                            "header published '%.40s' is not a date or RFC 3339 timestamp",
                                            meta->h_published);
                        art->published = nx_arena_strndup(arena, meta->h_published, strlen(meta->h_published));
                        art->published_from = "kafka-header";
                }
        }
        int64_t ts = meta ? meta->timestamp_ms : -1;
        if (!art->published) {
                int fallback_year = 0;
                struct tm tm;
                time_t t = ts >= 0 ? (time_t)(ts / 1000) : 0;
                if (ts >= 0 && gmtime_r(&t, &tm))
                        fallback_year = tm.tm_year + 1900;
                if (nx_dateline_dct(art->body, art->body_len, fallback_year, &art->dct)) {
                        art->published = nx_arena_sprintf(arena, "%04d-%02d-%02d", art->dct.year,
                                                          art->dct.month, art->dct.day);
                        art->published_from = "dateline";
                } else if (ts >= 0 && fallback_year) {
                        art->dct.year = fallback_year;
                        art->dct.month = tm.tm_mon + 1;
                        art->dct.day = tm.tm_mday;
                        art->dct.hour = tm.tm_hour;
                        art->dct.minute = tm.tm_min;
                        art->published = nx_arena_sprintf(arena, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                                                          fallback_year, tm.tm_mon + 1, tm.tm_mday,
                                                          tm.tm_hour, tm.tm_min, tm.tm_sec);
                        art->published_from = "kafka-timestamp";
                } else {
                        art->dct.hour = art->dct.minute = -1;
                }
        }
        if (!art->id)
                art->id = key_id;
        if (!art->id && meta && meta->default_id)
                art->id = nx_arena_strndup(arena, meta->default_id, strlen(meta->default_id));
        if (!art->id)
                art->id = hash_id(art->body, art->body_len, arena);
        if (!art->id || (art->published_from && !art->published))
                return fail(NW_ART_TOO_LARGE, errstr, errstr_size, "%s", "article exceeds the memory budget");
        return NW_ART_OK;
}
