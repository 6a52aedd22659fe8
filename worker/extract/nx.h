/*
 * nx.h - public API of newsworker's extraction engine (libnx).
 *
 * The engine is pure: UTF-8 text in, spans out. No I/O, no Kafka, no network,
 * no global mutable state. An nx_engine_t holds the read-only linguistic data
 * (gazetteer, tables, options) and may be shared by any number of threads;
 * each call to nx_extract() works in a caller-owned arena (nx_arena_t) that the
 * caller resets between articles, so one article costs O(1) mallocs amortised.
 *
 * Offsets: every start/end in this API is a BYTE offset into the UTF-8 text
 * passed to nx_extract(), half-open [start, end). The record writer converts
 * them to Unicode code points, as ../shared/docs/record.md requires.
 *
 * Types and values follow:
 *   dates    TimeML TIMEX3 (Pustejovsky et al., TimeML 1.2.1 spec; TIDES 2005
 *            guidelines for values), types DATE/TIME/DURATION/SET.
 *   actors   OntoNotes 5.0 entity types PERSON/ORG/GPE/NORP; ISO 3166-1 alpha-3.
 *   figures  OntoNotes MONEY/PERCENT/QUANTITY/CARDINAL; ISO 4217; UCUM symbols.
 */
#ifndef NX_H
#define NX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NX_VERSION "0.1.0"

/* ------------------------------------------------------------------ arena */

/* A bump allocator for per-article scratch memory. Not thread-safe: one per
 * worker thread. Memory is released only by nx_arena_reset()/destroy(). */
typedef struct nx_arena_s nx_arena_t;

/* Returns a new arena whose chunks are at least chunk_size bytes (0 = 64 KiB),
 * or NULL when out of memory. Caller frees with nx_arena_destroy(). */
nx_arena_t *nx_arena_new(size_t chunk_size);
/* Returns size bytes aligned to 16, or NULL when out of memory or when the
 * arena would exceed its limit (see nx_arena_set_limit). Never freed alone. */
void *nx_arena_alloc(nx_arena_t *a, size_t size);
/* Like nx_arena_alloc but zeroed. */
void *nx_arena_calloc(nx_arena_t *a, size_t n, size_t size);
/* Copies len bytes of s and a NUL into the arena; NULL when out of memory. */
char *nx_arena_strndup(nx_arena_t *a, const char *s, size_t len);
/* printf into the arena; NULL when out of memory. */
char *nx_arena_sprintf(nx_arena_t *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Caps the total bytes this arena may hold (0 = no cap). Bounds memory per
 * article whatever the input: allocations past the cap return NULL. */
void nx_arena_set_limit(nx_arena_t *a, size_t max_bytes);
/* Bytes currently handed out (for metrics and tests). */
size_t nx_arena_used(const nx_arena_t *a);
/* Forgets every allocation; keeps the first chunk for reuse. */
void nx_arena_reset(nx_arena_t *a);
void nx_arena_destroy(nx_arena_t *a);

/* Grows a dynamic array kept in the arena: *items has *cap slots of elsize
 * bytes, *n used. Returns a pointer to a new zeroed slot at index *n (and
 * increments *n), or NULL when out of memory. */
void *nx_vec_push(nx_arena_t *a, void **items, size_t *n, size_t *cap,
                  size_t elsize);

/* ------------------------------------------------------------------ input */

/* The document creation time (DCT, TimeML). Fields are 0 when unknown:
 * year 0 means no DCT at all. hour/minute are -1 when unknown. */
typedef struct nx_dct_s {
        int year, month, day; /* Gregorian, month 1..12, day 1..31 */
        int hour, minute;     /* 0..23, 0..59, or -1 */
} nx_dct_t;

/* ------------------------------------------------------------------ output */

typedef struct nx_mention_s {
        uint32_t start, end; /* bytes, half-open */
} nx_mention_t;

typedef enum {
        NX_TIMEX_DATE = 0,
        NX_TIMEX_TIME,
        NX_TIMEX_DURATION,
        NX_TIMEX_SET
} nx_timex_type_t;

/* One TIMEX3. value and mod are NUL-terminated, in the arena. mod is NULL
 * when none. anchor_dct is 1 when the value was computed from the DCT. */
typedef struct nx_timex_s {
        uint32_t start, end;
        nx_timex_type_t type;
        const char *value; /* e.g. "2022-12-30", "P3Y", "PAST_REF", "2023-SP" */
        const char *mod;   /* TIMEX3 mod: APPROX, LESS_THAN, MORE_THAN, START, MID, END, ... */
} nx_timex_t;

typedef enum {
        NX_ACTOR_PERSON = 0,
        NX_ACTOR_ORG,
        NX_ACTOR_GPE,
        NX_ACTOR_NORP
} nx_actor_type_t;

/* One entity with all its mentions, in text order. Strings in the arena;
 * country is "" when unknown, role NULL when the text gives none. */
typedef struct nx_actor_s {
        const char *name;     /* canonical: the fullest form in the text or gazetteer */
        nx_actor_type_t type;
        char country[4];      /* ISO 3166-1 alpha-3 or "" */
        const char *role;     /* "President", "Prime Minister", ... or NULL */
        int head_of_state;    /* 1 when known to be a head of state or government */
        nx_mention_t *mentions;
        size_t n_mentions, cap_mentions;
} nx_actor_t;

typedef enum {
        NX_FIG_MONEY = 0,
        NX_FIG_PERCENT,
        NX_FIG_QUANTITY,
        NX_FIG_CARDINAL
} nx_figure_type_t;

/* One numeric fact. value has the magnitude applied (13.8 billion ->
 * 1.38e10). has_max says a range's high end is in value_max. unit is an ISO
 * 4217 code (MONEY), "%" (PERCENT), a UCUM-style symbol (QUANTITY) or NULL
 * (CARDINAL). mod is APPROX, MORE_THAN, LESS_THAN, EQUAL_OR_MORE,
 * EQUAL_OR_LESS or NULL. counted is the head noun counted/measured or NULL. */
typedef struct nx_figure_s {
        uint32_t start, end;
        nx_figure_type_t type;
        double value, value_max;
        int has_max;
        const char *unit;
        const char *mod;
        const char *counted;
} nx_figure_t;

typedef enum {
        NX_SUMMIT_UNKNOWN = 0,
        NX_SUMMIT_PLANNED,
        NX_SUMMIT_HELD,
        NX_SUMMIT_ONGOING,
        NX_SUMMIT_CANCELLED
} nx_summit_status_t;

/* One summit (a meeting of leaders or states). All strings in the arena;
 * NULL when unknown. countries are ISO alpha-3, sorted, unique.
 * participants are canonical actor names. key: see summits.h. */
typedef struct nx_summit_s {
        const char *key;
        const char *name;
        const char **countries;
        size_t n_countries;
        const char **participants;
        size_t n_participants;
        const char *organization; /* "G20", "SCO", ... */
        const char *date;         /* TIMEX3 value or NULL */
        const char *location;
        const char *format;       /* "in-person" | "virtual" | NULL */
        nx_summit_status_t status;
        nx_mention_t *mentions;
        size_t n_mentions, cap_mentions;
} nx_summit_t;

/* Everything found in one article. Arrays live in the arena passed to
 * nx_extract(); valid until that arena is reset. */
typedef struct nx_result_s {
        nx_timex_t *dates;
        size_t n_dates, cap_dates;
        nx_actor_t *actors;
        size_t n_actors, cap_actors;
        nx_figure_t *figures;
        size_t n_figures, cap_figures;
        nx_summit_t *summits;
        size_t n_summits, cap_summits;
        /* work count, for tests: entities actor coreference examined for
         * this article's mentions (bounded per mention, actors.c) */
        uint64_t coref_examined;
} nx_result_t;

/* ------------------------------------------------------------------ engine */

typedef enum {
        NX_ORDER_MDY = 0, /* 12/30/2022 (US news) */
        NX_ORDER_DMY      /* 30/12/2022 */
} nx_date_order_t;

typedef struct nx_options_s {
        nx_date_order_t date_order;
        int dates, actors, figures, summits; /* 1 = run that extractor */
} nx_options_t;

/* Fills opts with the defaults (MDY, all extractors on). */
void nx_options_init(nx_options_t *opts);

typedef struct nx_engine_s nx_engine_t;

/* Builds an engine: loads the compiled-in gazetteer and tables. opts may be
 * NULL for defaults; it is copied. Returns NULL and fills errstr on error.
 * Caller frees with nx_engine_destroy(). Thread-safe to use once built. */
nx_engine_t *nx_engine_new(const nx_options_t *opts, char *errstr,
                           size_t errstr_size);
void nx_engine_destroy(nx_engine_t *eng);

/* Extracts dates, actors, figures and summits from text (len bytes of
 * UTF-8, need not be NUL-terminated; must be valid UTF-8). dct may be NULL or
 * have year 0 when unknown: relative dates then stay underspecified.
 * Everything is allocated in arena; *out is overwritten.
 * Returns 0, or -1 with errstr filled (out of arena memory). */
int nx_extract(const nx_engine_t *eng, const char *text, size_t len,
               const nx_dct_t *dct, nx_arena_t *arena, nx_result_t *out,
               char *errstr, size_t errstr_size);

/* Finds a news dateline at the start of text ("MOSCOW, Dec 30 (Reuters) -",
 * "WASHINGTON, March 3, 2023 --") and fills *dct with its date. A dateline
 * without a year takes it from fallback_year (0 = unknown -> returns 0).
 * Returns 1 when found, 0 otherwise. */
int nx_dateline_dct(const char *text, size_t len, int fallback_year,
                    nx_dct_t *dct);

/* Static labels for enums: "DATE", "PERSON", "MONEY", "planned", ... */
const char *nx_timex_type_name(nx_timex_type_t t);
const char *nx_actor_type_name(nx_actor_type_t t);
const char *nx_figure_type_name(nx_figure_type_t t);
const char *nx_summit_status_name(nx_summit_status_t s);

#ifdef __cplusplus
}
#endif
#endif /* NX_H */
