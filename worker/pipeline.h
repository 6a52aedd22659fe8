/*
 * pipeline.h - one message in, its outputs out: decode → extract → record.
 *
 * The only module that knows article, extraction and record together; it
 * knows nothing of Kafka, so `newsworker extract`, the Kafka worker and the
 * tests all run the very same code. Not thread-safe: one pipeline per thread
 * (it owns the per-article arena); the engine may be shared.
 */
#ifndef NW_PIPELINE_H
#define NW_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "config.h"
#include "nx.h"
#include "record.h"

typedef struct nw_pipeline_s nw_pipeline_t;

/* One summit event to produce: key and JSON value, both malloc'd. */
typedef struct nw_summit_out_s {
        char *key;
        char *value;
        size_t value_len;
} nw_summit_out_t;

/* The outcome of one message. Either error != NW_ART_OK (the message goes to
 * the dead-letter topic with reason/message) or record is set. Strings are
 * malloc'd and owned by the output until nw_output_clear(), or taken by the
 * caller (set the pointer to NULL after taking it). */
typedef struct nw_output_s {
        nw_article_error_t error;
        char reason_msg[256];
        char *article_id;     /* record key */
        char *record;         /* enriched record JSON */
        size_t record_len;
        nw_summit_out_t *summits;
        size_t n_summits;
        int64_t elapsed_us;   /* decode + extract + serialize */
} nw_output_t;

/* Builds a pipeline for cfg (which must outlive it) around a shared engine.
 * Returns NULL with errstr on error. Caller frees with nw_pipeline_destroy(). */
nw_pipeline_t *nw_pipeline_new(const nw_config_t *cfg, const nx_engine_t *eng,
                               char *errstr, size_t errstr_size);
void nw_pipeline_destroy(nw_pipeline_t *p);

/* Processes one message. src may be NULL (not from Kafka). Returns 0 with
 * *out filled (record or DLQ reason), or -1 on an internal error (out of
 * memory) with errstr. */
int nw_pipeline_process(nw_pipeline_t *p, const char *payload, size_t len,
                        const nw_article_meta_t *meta, const nw_source_t *src,
                        nw_output_t *out, char *errstr, size_t errstr_size);

/* Frees what *out still owns and zeroes it. */
void nw_output_clear(nw_output_t *out);

#endif
