/*
 * bytescan.h - many bytes at a time: the scans behind the byte loops that run
 * over every message (UTF-8 and control checks in article.c, the envelope
 * scan, JSON escaping and the code point map in record.c).
 *
 * The nw_has_*() tests answer whether ANY byte of the 64-bit word w qualifies
 * (exact as a yes/no; not which byte). The nw_*_span() functions return the
 * index of the first byte that stops a run (ASCII, printable ASCII, no JSON
 * escape), sixteen bytes at a time with SSE2, else eight with these word
 * tricks, then one; they read only the bytes they are given. Load words with
 * nw_load8() (memcpy: any alignment). tests/unit/test_bytescan.c checks them
 * against byte loops.
 */
#ifndef NW_BYTESCAN_H
#define NW_BYTESCAN_H

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* Length of the run of ASCII bytes (< 0x80) at the start of p[0..n): the
 * index of the first byte >= 0x80, or n. Sixteen bytes at a time with SSE2
 * (movemask collects the top bits), then eight, then one. */
static inline size_t nw_ascii_span(const char *p, size_t n) {
        size_t i = 0;
#ifdef __SSE2__
        for (; i + 16 <= n; i += 16) {
                unsigned m = (unsigned)_mm_movemask_epi8(
                        _mm_loadu_si128((const __m128i *)(const void *)(p + i)));
                if (m)
                        return i + (unsigned)__builtin_ctz(m);
        }
#endif
        for (; i + 8 <= n; i += 8) {
                uint64_t m = nw_load8(p + i) & NW_HIGHS8;
                if (m)
                        return i + nw_first_byte(m);
        }
        for (; i < n; i++)
                if ((unsigned char)p[i] >= 0x80)
                        return i;
        return n;
}

/* Length of the run of printable ASCII bytes (0x20-0x7E) at the start of
 * p[0..n): the index of the first byte < 0x20 or >= 0x7F, or n. Sixteen
 * bytes at a time with SSE2 (as signed bytes, 0x20-0x7E are exactly those
 * > 0x1F and < 0x7F: 0x80-0xFF are negative), then one. */
static inline size_t nw_printable_span(const char *p, size_t n) {
        size_t i = 0;
#ifdef __SSE2__
        const __m128i lo = _mm_set1_epi8(0x1F), hi = _mm_set1_epi8(0x7F);
        for (; i + 16 <= n; i += 16) {
                __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
                __m128i ok = _mm_and_si128(_mm_cmpgt_epi8(x, lo), _mm_cmplt_epi8(x, hi));
                unsigned m = (unsigned)_mm_movemask_epi8(ok) ^ 0xFFFFu;
                if (m)
                        return i + (unsigned)__builtin_ctz(m);
        }
#endif
        for (; i < n; i++) {
                unsigned char c = (unsigned char)p[i];
                if (c < 0x20 || c >= 0x7F)
                        return i;
        }
        return n;
}

/* Index of the first byte of p[0..n) that a JSON string must escape ('"',
 * '\\' or a byte < 0x20), or n when there is none. Reads only p[0..n).
 * Sixteen bytes at a time with SSE2 (x86-64 always has it), then eight
 * (SWAR, nw_first_byte()), then one. */
static inline size_t nw_json_special_span(const char *p, size_t n) {
        size_t i = 0;
#ifdef __SSE2__
        const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
                      c1f = _mm_set1_epi8(0x1F);
        for (; i + 16 <= n; i += 16) {
                __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
                /* x <= 0x1F unsigned exactly when max(x, 0x1F) == 0x1F */
                __m128i sp = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                                          _mm_cmpeq_epi8(_mm_max_epu8(x, c1f), c1f));
                unsigned m = (unsigned)_mm_movemask_epi8(sp);
                if (m)
                        return i + (unsigned)__builtin_ctz(m);
        }
#endif
        for (; i + 8 <= n; i += 8) {
                uint64_t m = nw_json_special_mask(nw_load8(p + i));
                if (m)
                        return i + nw_first_byte(m);
        }
        for (; i < n; i++) {
                unsigned char c = (unsigned char)p[i];
                if (c < 0x20 || c == '"' || c == '\\')
                        return i;
        }
        return n;
}

#endif
