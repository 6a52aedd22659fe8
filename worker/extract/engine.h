/*
 * engine.h - the engine object and the interface every extractor implements.
 *
 * Each extractor owns one slot of nx_engine_t for its read-only data, built by
 * its _init() at nx_engine_new() and freed by its _free(). Extractors run in a
 * fixed order (dates, figures, actors, summits) and each may read what the
 * earlier ones appended to the result (figures skip date spans, summits use
 * actors and dates). Internal to libnx.
 */
#ifndef NX_ENGINE_H
#define NX_ENGINE_H

#include "nx.h"
#include "text.h"

struct nx_engine_s {
        nx_options_t opts;
        void *dates;   /* owned by dates.c */
        void *figures; /* owned by figures.c */
        void *actors;  /* owned by actors.c (gazetteer) */
        void *summits; /* owned by summits.c */
};

/* 1 when [start,end) overlaps any date span already in res. */
int nx_result_overlaps_date(const nx_result_t *res, uint32_t start,
                            uint32_t end);
/* 1 when [start,end) overlaps any figure span already in res. */
int nx_result_overlaps_figure(const nx_result_t *res, uint32_t start,
                              uint32_t end);

#endif /* NX_ENGINE_H */
