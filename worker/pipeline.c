/*
 * pipeline.c - decode → extract → record (see pipeline.h).
 */
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct nw_pipeline_s {
        const nw_config_t *cfg;
        const nx_engine_t *eng;
        nx_arena_t *arena;
        char worker_name[64];
};

/* Per-article arena cap: the text itself, the records built from it and
 * every span, with room for pathological input. */
#define NW_ARENA_FACTOR 48

nw_pipeline_t *nw_pipeline_new(const nw_config_t *cfg, const nx_engine_t *eng,
                               char *errstr, size_t errstr_size) {
        nw_pipeline_t *p = calloc(1, sizeof(*p));
        if (!p || !(p->arena = nx_arena_new(256 * 1024))) {
                free(p);
                snprintf(errstr, errstr_size, "out of memory");
                return NULL;
        }
        p->cfg = cfg;
        p->eng = eng;
        snprintf(p->worker_name, sizeof(p->worker_name), "newsworker %s", NW_VERSION);
        nx_arena_set_limit(p->arena, (size_t)cfg->max_article_bytes * NW_ARENA_FACTOR + (16u << 20));
        return p;
}

void nw_pipeline_destroy(nw_pipeline_t *p) {
        if (!p)
                return;
        nx_arena_destroy(p->arena);
        free(p);
}

void nw_output_clear(nw_output_t *out) {
        free(out->article_id);
        free(out->record);
        for (size_t i = 0; i < out->n_summits; i++) {
                free(out->summits[i].key);
                free(out->summits[i].value);
        }
        free(out->summits);
        memset(out, 0, sizeof(*out));
}

static int64_t now_us(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int nw_pipeline_process(nw_pipeline_t *p, const char *payload, size_t len,
                        const nw_article_meta_t *meta, const nw_source_t *src,
                        nw_output_t *out, char *errstr, size_t errstr_size) {
        memset(out, 0, sizeof(*out));
        nx_arena_reset(p->arena);
        int64_t t0 = now_us();
        nw_article_t art;
        out->error = nw_article_decode(payload, len, meta, (size_t)p->cfg->max_article_bytes,
                                       p->arena, &art, out->reason_msg, sizeof(out->reason_msg));
        if (out->error != NW_ART_OK) {
                out->elapsed_us = now_us() - t0;
                return 0;
        }
        /* the record's code point map first: extraction may then take the
         * arena to its cap and fail (a dead letter below), but never leave the
         * record without room, an internal error that would stop the worker on
         * this message at every restart */
        nw_cpmap_t cp;
        if (nw_cpmap_init(&cp, art.body, art.body_len, p->arena)) {
                out->error = NW_ART_TOO_LARGE;
                snprintf(out->reason_msg, sizeof(out->reason_msg),
                         "no room in the memory budget for the code point map (%zu bytes of text)",
                         art.body_len);
                return 0;
        }
        nx_result_t res;
        if (nx_extract(p->eng, art.body, art.body_len, &art.dct, p->arena, &res, errstr,
                       errstr_size)) {
                /* the input is what made extraction blow its budget: not an
                 * internal error, a reason to dead-letter it */
                out->error = NW_ART_TOO_LARGE;
                snprintf(out->reason_msg, sizeof(out->reason_msg), "%s", errstr);
                return 0;
        }
        int64_t t1 = now_us();
        out->record = nw_record_json(&art, &res, &cp, src, p->worker_name, t1 - t0,
                                     &out->record_len, errstr, errstr_size);
        out->article_id = strdup(art.id);
        if (!out->record || !out->article_id)
                goto oom;
        if (res.n_summits) {
                out->summits = calloc(res.n_summits, sizeof(*out->summits));
                if (!out->summits)
                        goto oom;
                for (size_t i = 0; i < res.n_summits; i++) {
                        nw_summit_out_t *s = &out->summits[out->n_summits];
                        if (!res.summits[i].key)
                                continue;
                        s->key = strdup(res.summits[i].key);
                        s->value = nw_summit_event_json(&art, &res, &cp, i, &s->value_len);
                        out->n_summits++;
                        if (!s->key || !s->value)
                                goto oom;
                }
        }
        out->elapsed_us = now_us() - t0;
        return 0;
oom:
        nw_output_clear(out);
        snprintf(errstr, errstr_size, "out of memory");
        return -1;
}
