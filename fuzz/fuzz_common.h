/*
 * fuzz_common.h - shared setup of the libFuzzer targets (fuzz/fuzz_*.c).
 *
 * One engine per process (built on the first input, never freed: libFuzzer
 * exits without a teardown hook) and one arena, reset and capped per input as
 * the worker's pipeline caps it.
 */
#ifndef NW_FUZZ_COMMON_H
#define NW_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "engine.h"
#include "nx.h"
#include "text.h"

/* the worker's default max_article_bytes bounds what an article can be */
#define NW_FUZZ_MAX_BYTES (1u << 20)

static inline nx_engine_t *nw_fuzz_engine(void) {
        static nx_engine_t *eng;
        if (!eng) {
                char err[256];
                eng = nx_engine_new(NULL, err, sizeof(err));
                if (!eng) {
                        fprintf(stderr, "nx_engine_new: %s\n", err);
                        abort();
                }
        }
        return eng;
}

static inline nx_arena_t *nw_fuzz_arena(void) {
        static nx_arena_t *arena;
        if (!arena) {
                arena = nx_arena_new(256 * 1024);
                if (!arena)
                        abort();
                nx_arena_set_limit(arena, (size_t)NW_FUZZ_MAX_BYTES * 48 + (16u << 20));
        }
        nx_arena_reset(arena);
        return arena;
}

/* A DCT from the first bytes of the input (so the fuzzer explores relative
 * dates around many reference dates), the rest is the text. */
static inline const char *nw_fuzz_split(const uint8_t *data, size_t size, nx_dct_t *dct, size_t *len) {
        memset(dct, 0, sizeof(*dct));
        dct->hour = dct->minute = -1;
        if (size >= 3 && data[0] != 0xFF) {
                dct->year = 1900 + data[0] % 200;
                dct->month = 1 + data[1] % 12;
                dct->day = 1 + data[2] % 28;
        }
        if (size < 3) {
                *len = size;
                return (const char *)data;
        }
        *len = size - 3;
        return (const char *)data + 3;
}

/* Every span of res must lie inside [0, len] and be non-empty; the
 * strings an extractor fills must be set. abort() otherwise (a crash for
 * libFuzzer). */
static inline void nw_fuzz_span(uint32_t start, uint32_t end, size_t len) {
        if (start >= end || end > len)
                abort();
}

static inline void nw_fuzz_check(const nx_result_t *res, size_t len) {
        for (size_t i = 0; i < res->n_dates; i++) {
                nw_fuzz_span(res->dates[i].start, res->dates[i].end, len);
                if (!res->dates[i].value)
                        abort();
        }
        for (size_t i = 0; i < res->n_figures; i++)
                nw_fuzz_span(res->figures[i].start, res->figures[i].end, len);
        for (size_t i = 0; i < res->n_actors; i++) {
                if (!res->actors[i].name)
                        abort();
                for (size_t k = 0; k < res->actors[i].n_mentions; k++)
                        nw_fuzz_span(res->actors[i].mentions[k].start,
                                     res->actors[i].mentions[k].end, len);
        }
        for (size_t i = 0; i < res->n_summits; i++)
                for (size_t k = 0; k < res->summits[i].n_mentions; k++)
                        nw_fuzz_span(res->summits[i].mentions[k].start,
                                     res->summits[i].mentions[k].end, len);
}

/* One extractor stage, as declared in dates.h, figures.h, actors.h, summits.h. */
typedef int (nw_fuzz_stage_t)(const nx_doc_t *doc, nx_result_t *res);

/* The body of the per-extractor targets: DCT and text from the input, valid
 * UTF-8 only (invalid input is what the article decoder rejects), copied
 * with the NUL the extractors' contract promises (text.h), tokenized, then
 * the n stages in order (later extractors read what earlier ones found, as
 * in nx_extract()); every span must lie inside the text. */
static inline int nw_fuzz_stages(const uint8_t *data, size_t size, nw_fuzz_stage_t *const *stages,
                                 size_t n) {
        nx_dct_t dct;
        size_t len;
        const char *text = nw_fuzz_split(data, size, &dct, &len);
        if (len > NW_FUZZ_MAX_BYTES || !nw_utf8_valid(text, len))
                return 0;
        char *copy = malloc(len + 1);
        if (!copy)
                return 0;
        memcpy(copy, text, len);
        copy[len] = '\0';
        nx_doc_t doc;
        memset(&doc, 0, sizeof(doc));
        doc.eng = nw_fuzz_engine();
        doc.text = copy;
        doc.len = len;
        doc.dct = dct;
        doc.arena = nw_fuzz_arena();
        nx_result_t res;
        memset(&res, 0, sizeof(res));
        int ok = nx_text_tokenize(&doc) == 0;
        for (size_t i = 0; ok && i < n; i++)
                ok = stages[i](&doc, &res) == 0;
        if (ok)
                nw_fuzz_check(&res, len);
        free(copy);
        return 0;
}

#endif
