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

/* The masks behind the tests above: bit 7 of a byte set where it
 * qualifies. Only the LOWEST set bit is exact (a borrow from a qualifying
 * byte may also flag bytes above it, never below): enough to find the first
 * qualifying byte, nw_first_byte(). */
static inline uint64_t nw_less_mask(uint64_t w, unsigned n) {
        return (w - NW_ONES8 * n) & ~w & NW_HIGHS8;
}

static inline uint64_t nw_json_special_mask(uint64_t w) {
        return nw_less_mask(w, 0x20) | nw_less_mask(w ^ (NW_ONES8 * '"'), 1) |
               nw_less_mask(w ^ (NW_ONES8 * '\\'), 1);
}

/* Index (0-7) of the first byte in memory order flagged by a non-zero mask:
 * nw_load8() reads little-endian on the machines this runs on, so the first
 * byte is the lowest. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "bytescan.h: nw_first_byte() assumes little-endian loads"
#endif
static inline unsigned nw_first_byte(uint64_t mask) {
        return (unsigned)__builtin_ctzll(mask) >> 3;
}

#endif
