/*
 * summits.h - the summits extractor (see summits.c for what it owns and how it works).
 */
#ifndef NX_SUMMITS_H
#define NX_SUMMITS_H

#include "engine.h"

/* Builds this extractor's read-only tables into eng->summits. Returns 0, or -1
 * with errstr filled. */
int nx_summits_init(nx_engine_t *eng, char *errstr, size_t errstr_size);
/* Frees what nx_summits_init() built; safe on a NULL slot. */
void nx_summits_free(nx_engine_t *eng);
/* Appends what it finds in doc to res (arena doc->arena). Returns 0, or -1
 * when the arena is exhausted. */
int nx_summits_extract(const nx_doc_t *doc, nx_result_t *res);

/* ------------------------------------------------ internal: the data tables
 * (worker/extract/data/summits_tables.c), read-only, NULL-terminated. */

/* word classes (bits) of nx_summit_words */
#define NX_SW_SUMMIT    0x00000001u /* "summit" */
#define NX_SW_MEET_V    0x00000002u /* meet/meets/met */
#define NX_SW_MEET_N    0x00000004u /* meeting/talks/dinner */
#define NX_SW_SIGN      0x00000008u /* sign/signed */
#define NX_SW_VISIT     0x00000010u /* visit (verb or noun) */
#define NX_SW_TRIP      0x00000020u /* trip/tour (noun) */
#define NX_SW_ARRIVE    0x00000040u /* arrives/travels (+ in/to) */
#define NX_SW_STATEV    0x00000080u /* state/official (+ visit) */
#define NX_SW_PHONE     0x00000100u /* phone/telephone/remotely */
#define NX_SW_VIRTUAL   0x00000200u /* videoconference/virtual */
#define NX_SW_CANCEL    0x00000400u /* postponed/cancelled */
#define NX_SW_PLAN      0x00000800u /* will/upcoming/scheduled */
#define NX_SW_PROPOSED  0x00001000u /* potential/ready to/proposed */
#define NX_SW_ONGOING   0x00002000u /* during/sidelines/begins */
#define NX_SW_OFFICIAL  0x00004000u /* ministers/envoys/delegates */
#define NX_SW_MOUNT     0x00008000u /* mountaineering */
#define NX_SW_GEO       0x00010000u /* Summit Lake, Summit County */
#define NX_SW_EXT       0x00020000u /* emergency/extraordinary */
#define NX_SW_LEADERS   0x00040000u /* leaders/counterpart */
#define NX_SW_DET       0x00080000u /* the/a/his */
#define NX_SW_PRON      0x00100000u /* he/she/his/her */
#define NX_SW_PREMOD    0x00200000u /* annual/regional/high-level */
#define NX_SW_NEGROLE   0x00400000u /* vice/deputy/former (+ title) */
#define NX_SW_CALLV     0x00800000u /* call/calls/calling/called (+ off, + for) */
#define NX_SW_QUITV     0x01000000u /* withdraw (+ from), pull (+ out of): quitting a summit */
#define NX_SW_VENUE     0x02000000u /* House/Palace/Hotel: a venue, not a town */

typedef struct nx_summit_word_s {
        const char *word;
        uint32_t classes; /* NX_SW_* */
} nx_summit_word_t;

typedef enum {
        NX_GRAIN_YEAR = 1, /* key date "2025" */
        NX_GRAIN_HALF,     /* "2025-h2" */
        NX_GRAIN_MONTH     /* "2025-10" */
} nx_summit_grain_t;

typedef struct nx_summit_org_s {
        const char *alias; /* lower-cased, joined as nx_toks_lower() joins */
        const char *slug;  /* key prefix: "g20" */
        const char *name;  /* organization field: "G20" */
        int grain;         /* nx_summit_grain_t */
} nx_summit_org_t;

extern const nx_summit_word_t nx_summit_words[];
extern const char *const nx_summit_leader_roles[];
extern const nx_summit_org_t nx_summit_orgs[];

#endif
