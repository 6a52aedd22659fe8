/*
 * engine.c - nx_engine_t construction and nx_extract(), the one entry point
 * that runs the tokenizer and the four extractors in order.
 */
#include "engine.h"

#include "actors.h"
#include "dates.h"
#include "figures.h"
#include "summits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nx_options_init(nx_options_t *opts) {
        memset(opts, 0, sizeof(*opts));
        opts->date_order = NX_ORDER_MDY;
        opts->dates = opts->actors = opts->figures = opts->summits = 1;
}

nx_engine_t *nx_engine_new(const nx_options_t *opts, char *errstr,
                           size_t errstr_size) {
        nx_engine_t *eng = calloc(1, sizeof(*eng));
        if (!eng) {
                snprintf(errstr, errstr_size, "out of memory");
                return NULL;
        }
        if (opts)
                eng->opts = *opts;
        else
                nx_options_init(&eng->opts);
        if (nx_dates_init(eng, errstr, errstr_size) ||
            nx_figures_init(eng, errstr, errstr_size) ||
            nx_actors_init(eng, errstr, errstr_size) ||
            nx_summits_init(eng, errstr, errstr_size)) {
                nx_engine_destroy(eng);
                return NULL;
        }
        return eng;
}

void nx_engine_destroy(nx_engine_t *eng) {
        if (!eng)
                return;
        nx_summits_free(eng);
        nx_actors_free(eng);
        nx_figures_free(eng);
        nx_dates_free(eng);
        free(eng);
}

int nx_extract(const nx_engine_t *eng, const char *text, size_t len,
               const nx_dct_t *dct, nx_arena_t *arena, nx_result_t *out,
               char *errstr, size_t errstr_size) {
        nx_doc_t doc;
        memset(&doc, 0, sizeof(doc));
        memset(out, 0, sizeof(*out));
        doc.eng = eng;
        /* the extractors scan numbers with strspn/strtod and rely on a NUL
         * after the text (text.h); the caller's text need not have one */
        doc.text = nx_arena_strndup(arena, text, len);
        doc.len = len;
        doc.arena = arena;
        if (!doc.text) {
                snprintf(errstr, errstr_size,
                         "extraction ran out of its memory budget (%zu bytes of text)", len);
                return -1;
        }
        if (dct)
                doc.dct = *dct;
        else
                doc.dct.hour = doc.dct.minute = -1;
        if (nx_text_tokenize(&doc) ||
            (eng->opts.dates && nx_dates_extract(&doc, out)) ||
            (eng->opts.figures && nx_figures_extract(&doc, out)) ||
            (eng->opts.actors && nx_actors_extract(&doc, out)) ||
            (eng->opts.summits && nx_summits_extract(&doc, out))) {
                snprintf(errstr, errstr_size,
                         "extraction ran out of its memory budget (%zu bytes used)",
                         nx_arena_used(arena));
                return -1;
        }
        return 0;
}

static int spans_overlap(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1) {
        return a0 < b1 && b0 < a1;
}

int nx_result_overlaps_date(const nx_result_t *res, uint32_t start,
                            uint32_t end) {
        for (size_t i = 0; i < res->n_dates; i++)
                if (spans_overlap(start, end, res->dates[i].start, res->dates[i].end))
                        return 1;
        return 0;
}

int nx_result_overlaps_figure(const nx_result_t *res, uint32_t start,
                              uint32_t end) {
        for (size_t i = 0; i < res->n_figures; i++)
                if (spans_overlap(start, end, res->figures[i].start, res->figures[i].end))
                        return 1;
        return 0;
}

const char *nx_timex_type_name(nx_timex_type_t t) {
        static const char *const n[] = {"DATE", "TIME", "DURATION", "SET"};
        return (unsigned)t < 4 ? n[t] : "DATE";
}

const char *nx_actor_type_name(nx_actor_type_t t) {
        static const char *const n[] = {"PERSON", "ORG", "GPE", "NORP"};
        return (unsigned)t < 4 ? n[t] : "ORG";
}

const char *nx_figure_type_name(nx_figure_type_t t) {
        static const char *const n[] = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"};
        return (unsigned)t < 4 ? n[t] : "CARDINAL";
}

const char *nx_summit_status_name(nx_summit_status_t s) {
        static const char *const n[] = {NULL, "planned", "held", "ongoing", "cancelled"};
        return (unsigned)s < 5 ? n[s] : NULL;
}
