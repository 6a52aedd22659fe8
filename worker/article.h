/*
 * article.h - decoding one input message into an article, or into the reason
 * it is not one.
 *
 * Input formats are those of ../shared/docs/record.md: a JSON envelope (first
 * non-blank byte '{') or plain UTF-8 text with an optional `date YYYY-MM-DD`
 * header. The DCT comes from, in order: the envelope's `published`, the
 * Kafka header `published`, the plain-text header, a news dateline, the Kafka
 * message timestamp; article.published_from says which.
 */
#ifndef NW_ARTICLE_H
#define NW_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "nx.h"

/* Why a message is not an article: the value of the DLQ header
 * newsworker.error.reason. */
typedef enum {
        NW_ART_OK = 0,
        NW_ART_EMPTY,            /* "empty": no bytes, or only white space */
        NW_ART_TOO_LARGE,        /* "too_large": over worker.max_article_bytes */
        NW_ART_NUL_BYTE,         /* "nul_byte" */
        NW_ART_INVALID_UTF8,     /* "invalid_utf8" */
        NW_ART_CONTROL_CHARS,    /* "control_chars": C0 controls other than TAB/LF/CR, or DEL */
        NW_ART_JSON_INVALID,     /* "json_invalid": starts like JSON, does not parse (incl. too deep) */
        NW_ART_JSON_NOT_OBJECT,  /* "json_not_object" */
        NW_ART_BODY_MISSING,     /* "body_missing": neither body nor text */
        NW_ART_BODY_TYPE,        /* "body_type": body/text not a string */
        NW_ART_FIELD_TYPE,       /* "field_type": id/title/url/source/lang of the wrong type */
        NW_ART_PUBLISHED_INVALID /* "published_invalid": not a date or RFC 3339 timestamp */
} nw_article_error_t;

/* The reason code as a static string ("invalid_utf8", ...). */
const char *nw_article_error_name(nw_article_error_t e);

/* Metadata that comes with a message from outside its payload. */
typedef struct nw_article_meta_s {
        const char *key;        /* message key (may be NULL); not NUL-terminated */
        size_t key_len;
        const char *h_published, *h_source, *h_url, *h_lang; /* Kafka headers, NUL-terminated or NULL */
        int64_t timestamp_ms;   /* Kafka message timestamp, or -1 */
        const char *default_id; /* id when there is no id and no key (NULL: hash of body) */
} nw_article_meta_t;

/* A decoded article. All strings NUL-terminated in the arena given to
 * nw_article_decode(); NULL when absent. */
typedef struct nw_article_s {
        const char *id, *title, *url, *source, *lang;
        const char *published;      /* as given ("2022-12-30", RFC 3339) or derived "YYYY-MM-DD" */
        const char *published_from; /* "envelope" | "header" | "kafka-header" | "dateline" | "kafka-timestamp" | NULL */
        nx_dct_t dct;               /* year 0 when unknown */
        const char *body;           /* the text analysed (header stripped) */
        size_t body_len;            /* bytes */
} nw_article_t;

/* Decodes len bytes of payload. max_bytes bounds the payload size.
 * On success returns NW_ART_OK and fills *art (strings in arena). Otherwise
 * returns the reason and writes a one-line explanation into errstr.
 * Never reads past len; payload need not be NUL-terminated. */
nw_article_error_t nw_article_decode(const char *payload, size_t len,
                                     const nw_article_meta_t *meta,
                                     size_t max_bytes, nx_arena_t *arena,
                                     nw_article_t *art, char *errstr,
                                     size_t errstr_size);

/* Parses "YYYY-MM-DD", an RFC 3339 timestamp ("2022-12-30T15:04:05Z",
 * fractional seconds and numeric offsets allowed; the local date and time
 * as written are kept), or the day-first "DD-MM-YYYY" that some feeds send
 * (record.md's published is then normalized to YYYY-MM-DD). Returns 0 and
 * fills *dct, or -1. */
int nw_parse_published(const char *s, nx_dct_t *dct);

/* Validates UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
 * Returns 1 when valid. */
int nw_utf8_valid(const char *s, size_t len);

#endif
