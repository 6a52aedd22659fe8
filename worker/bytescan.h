/*
 * bytescan.h - eight bytes at a time: the word tests behind the byte loops
 * that run over every message (UTF-8 and control checks in article.c, the
 * envelope scan, JSON escaping in record.c).
 *
 * Each test answers whether ANY byte of the 64-bit word w qualifies (exact as
 * a yes/no; not which byte); callers skip words that answer no and look at
 * the others byte by byte. Load words with nw_load8() (memcpy: any alignment).
 */
#ifndef NW_BYTESCAN_H
#define NW_BYTESCAN_H

#include <stdint.h>
#include <string.h>

#define NW_ONES8 0x0101010101010101ULL
#define NW_HIGHS8 0x8080808080808080ULL

static inline uint64_t nw_load8(const void *p) {
        uint64_t w;
        memcpy(&w, p, 8);
        return w;
}

/* some byte >= 0x80 */
static inline int nw_has_high(uint64_t w) { return (w & NW_HIGHS8) != 0; }

/* some byte < n, for n <= 128 */
static inline int nw_has_less(uint64_t w, unsigned n) {
        return ((w - NW_ONES8 * n) & ~w & NW_HIGHS8) != 0;
}

/* some byte == b */
static inline int nw_has_byte(uint64_t w, unsigned char b) {
        return nw_has_less(w ^ (NW_ONES8 * b), 1);
}

/* some byte a JSON string must escape: '"', '\\' or a C0 control */
static inline int nw_has_json_special(uint64_t w) {
        return nw_has_less(w, 0x20) || nw_has_byte(w, '"') || nw_has_byte(w, '\\');
}

#endif
