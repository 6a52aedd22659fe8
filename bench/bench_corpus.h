/*
 * bench_corpus.h - what the per-extractor benchmarks share: a monotonic
 * clock and the JSONL corpus loader (id, text or body, dct or published).
 * The DCT is parsed by the worker's own nw_parse_published(), so a benchmark
 * sees the dates the worker would.
 */
#ifndef NW_BENCH_CORPUS_H
#define NW_BENCH_CORPUS_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article.h"
#include "nx.h"

typedef struct art_s {
        char *id;     /* "" when the line has none */
        char *text;   /* NUL-terminated */
        size_t len;   /* bytes */
        nx_dct_t dct; /* year 0 when unknown */
} art_t;

/* Seconds on the monotonic clock. */
static inline double now_s(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Frees what load() returned. */
static inline void free_arts(art_t *arts, size_t n) {
        for (size_t i = 0; i < n; i++) {
                free(arts[i].id);
                free(arts[i].text);
        }
        free(arts);
}

/* Returns the articles of the JSONL file at path (lines without a string
 * text or body are skipped) and their count in *n; caller frees with
 * free_arts(). NULL when the file cannot be opened or memory runs out. */
static inline art_t *load(const char *path, size_t *n) {
        FILE *f = fopen(path, "r");
        if (!f)
                return NULL;
        art_t *arts = NULL;
        size_t cap = 0;
        char *line = NULL;
        size_t lcap = 0;
        int ok = 1;
        *n = 0;
        while (ok && getline(&line, &lcap, f) > 0) {
                json_t *o = json_loads(line, 0, NULL);
                const char *text = json_string_value(json_object_get(o, "text"));
                if (!text)
                        text = json_string_value(json_object_get(o, "body"));
                const char *dct = json_string_value(json_object_get(o, "dct"));
                if (!dct)
                        dct = json_string_value(json_object_get(o, "published"));
                const char *id = json_string_value(json_object_get(o, "id"));
                if (text) {
                        if (*n == cap) {
                                cap = cap ? cap * 2 : 1024;
                                art_t *na = realloc(arts, cap * sizeof(*arts));
                                ok = na != NULL;
                                if (na)
                                        arts = na;
                        }
                        if (ok) {
                                art_t *a = &arts[*n];
                                memset(a, 0, sizeof(*a));
                                a->dct.hour = a->dct.minute = -1;
                                if (dct && nw_parse_published(dct, &a->dct))
                                        memset(&a->dct, 0, sizeof(a->dct));
                                a->text = strdup(text);
                                a->id = strdup(id ? id : "");
                                a->len = strlen(text);
                                ok = a->text && a->id;
                                (*n)++;
                        }
                }
                json_decref(o);
        }
        free(line);
        fclose(f);
        if (!ok) {
                free_arts(arts, *n);
                return NULL;
        }
        return arts;
}

#endif
