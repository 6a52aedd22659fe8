/*
 * envelope.h - the fast path of JSON envelope decoding: one validating pass
 * over the message that keeps only the top-level members the article needs.
 *
 * Parsing the whole envelope into a jansson tree (every member of every
 * nested object allocated, hashed, then freed) was 60% of the pipeline's
 * instructions (bench/README.md). This scanner validates the JSON grammar
 * (RFC 8259) and rejects duplicate keys at every depth as jansson's
 * JSON_REJECT_DUPLICATES does, without building anything. It is a fast path
 * only: whenever it is not certain that jansson would accept the message with
 * the same values (a syntax error, a number jansson might not represent, an
 * escaped key, nesting deeper than NW_ENV_MAX_DEPTH, an object with more than
 * NW_ENV_MAX_KEYS members, a bad surrogate) it declines and article.c decodes
 * with jansson, which then also gives the error message. So it decides no
 * outcome on its own.
 */
#ifndef NW_ENVELOPE_H
#define NW_ENVELOPE_H

#include <stddef.h>

#include "nx.h"

#define NW_ENV_MAX_DEPTH 32
#define NW_ENV_MAX_KEYS 64

typedef enum {
        NW_ENV_ABSENT = 0,
        NW_ENV_NULL,
        NW_ENV_STRING,
        NW_ENV_INTEGER,
        NW_ENV_OTHER /* real, boolean, object or array */
} nw_env_type_t;

/* The top-level members read from an envelope, in this order. */
typedef enum {
        NW_ENV_BODY, NW_ENV_TEXT, NW_ENV_ID, NW_ENV_TITLE, NW_ENV_URL,
        NW_ENV_SOURCE, NW_ENV_LANG, NW_ENV_PUBLISHED, NW_ENV_N_FIELDS
} nw_env_field_t;

typedef struct nw_env_value_s {
        nw_env_type_t type;
        const char *s; /* NW_ENV_STRING: the unescaped bytes, not NUL-terminated, in
                        * the payload or (when it had escapes) the arena */
        size_t len;    /* their length (they may hold NUL bytes from \u0000) */
        int in_payload; /* 1: s is the payload's own bytes (no escapes), so
                         * whatever holds for every byte of the payload holds
                         * for them; 0: unescaped, or from jansson */
        long long i;   /* NW_ENV_INTEGER */
} nw_env_value_t;

/* Scans payload[0..len), which must be valid UTF-8 starting (after white
 * space) with '{'. Returns 0 and fills v[NW_ENV_N_FIELDS] when the message is
 * a JSON object that jansson accepts with these very member values; returns
 * -1 when it cannot say (the caller decodes with jansson then). */
int nw_envelope_scan(const char *payload, size_t len, nx_arena_t *arena,
                     nw_env_value_t v[NW_ENV_N_FIELDS]);

#endif
