/*
 * record.h - the enriched record (schema newsworker.enriched.v1) and the
 * summit event, as JSON text.
 *
 * The record's shape is fixed by ../shared/docs/record.md. Offsets in it are
 * Unicode code points into article.text; libnx reports bytes, so this module
 * owns the conversion.
 */
#ifndef NW_RECORD_H
#define NW_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "article.h"
#include "nx.h"

/* The record's "schema" member (../shared/docs/record.md). */
#define NW_RECORD_SCHEMA "newsworker.enriched.v1"

/* Where a message came from; topic NULL when not from Kafka. */
typedef struct nw_source_s {
        const char *topic;
        int32_t partition;
        int64_t offset;
} nw_source_t;

/* Maps byte offsets of one UTF-8 text to code point offsets. An all-ASCII
 * text (most articles) needs no table: a byte offset is its code point
 * offset. Otherwise O(1) plus a count over at most 63 bytes (eight at a
 * time), using a checkpoint every 64 bytes. */
typedef struct nw_cpmap_s {
        const char *text;
        size_t len;
        uint32_t *every64; /* code points before byte 64*i; in the arena;
                              NULL when the text is all ASCII */
} nw_cpmap_t;

/* Builds the map in arena. Returns 0, or -1 when out of arena memory. */
int nw_cpmap_init(nw_cpmap_t *m, const char *text, size_t len, nx_arena_t *arena);
/* Code points before byte offset b (b <= len, on a code point boundary;
 * a larger b counts as len). */
uint32_t nw_cpmap_get(const nw_cpmap_t *m, size_t b);

/* Writes the UTC time sec (seconds since the epoch) plus usec microseconds
 * (0-999999) into buf as "2026-01-02T03:04:05.123456Z", NUL-terminated:
 * what gmtime_r() and strftime("%Y-%m-%dT%H:%M:%S") write, then
 * ".%06ldZ". Pure arithmetic for 1970-9999 (no call, no state: any thread
 * may call it); other times through gmtime_r() and strftime(). */
#define NW_ISO_UTC_SIZE 40
void nw_iso_utc(char buf[NW_ISO_UTC_SIZE], time_t sec, long usec);

/* Serializes the enriched record. cp is the code point map of art->body
 * (nw_cpmap_init() of body, body_len; borrowed), built by the caller before
 * extraction so that an article which fills its arena fails there, as a
 * dead letter, and never here. worker is "newsworker X.Y.Z"; elapsed_us is
 * the extraction time. Returns a malloc'd NUL-terminated JSON string (caller
 * frees with free()) and its length in *len, or NULL with errstr when malloc
 * fails (the only error). */
char *nw_record_json(const nw_article_t *art, const nx_result_t *res,
                     const nw_cpmap_t *cp, const nw_source_t *src,
                     const char *worker, int64_t elapsed_us, size_t *len,
                     char *errstr, size_t errstr_size);

/* Serializes summit i of res as a summit event:
 * {"key","summit":{...record form...},"article":{"id","title","url",
 *  "published"},"sentence":"…","detected_at":"…Z"}.
 * cp as for nw_record_json(). Returns a malloc'd string (caller frees), or
 * NULL when malloc fails. */
char *nw_summit_event_json(const nw_article_t *art, const nx_result_t *res,
                           const nw_cpmap_t *cp, size_t i, size_t *len);

#endif
