/*
 * consumer.c - the article consumer role's handler: one raw article in,
 * its enriched record and summit events (or a dead letter) out.
 */
#include <stdio.h>
#include <string.h>

#include "role.h"

static const char *header(rd_kafka_headers_t *hdrs, const char *name, char *buf, size_t size) {
        const void *v;
        size_t n;
        if (!hdrs || rd_kafka_header_get_last(hdrs, name, &v, &n) || !v)
                return NULL;
        snprintf(buf, size, "%.*s", (int)n, (const char *)v);
        return buf;
}

/* The pipeline half: decode, extract, build the outputs. Touches only pipe
 * and the job (and rkm, which the polling thread leaves alone meanwhile):
 * runs on an extraction thread (pool.h) or inline. */
void nw_consumer_prepare(nw_pipeline_t *pipe, nw_job_t *j) {
        const rd_kafka_message_t *rkm = j->rkm;
        char hp[64], hs[256], hu[2048], hl[32];
        rd_kafka_timestamp_type_t tstype;
        rd_kafka_headers_t *hdrs = NULL; /* parsed once, owned by rkm */
        if (rd_kafka_message_headers(rkm, &hdrs))
                hdrs = NULL;
        nw_article_meta_t meta = {
                .key = rkm->key, .key_len = rkm->key_len,
                .h_published = header(hdrs, "published", hp, sizeof(hp)),
                .h_source = header(hdrs, "source", hs, sizeof(hs)),
                .h_url = header(hdrs, "url", hu, sizeof(hu)),
                .h_lang = header(hdrs, "lang", hl, sizeof(hl)),
                .timestamp_ms = rd_kafka_message_timestamp(rkm, &tstype),
        };
        nw_source_t src = {rd_kafka_topic_name(rkm->rkt), rkm->partition, rkm->offset};
        j->rc = nw_pipeline_process(pipe, rkm->payload ? rkm->payload : "", rkm->len, &meta, &src,
                                    &j->out, j->err, sizeof(j->err));
}

/* The Kafka half, on the polling thread: produce the record and summit
 * events, or the dead letter. Takes what it produces from j->out. */
void nw_consumer_emit(role_t *r, nw_job_t *j) {
        nw_inflight_t *m = j->m;
        const rd_kafka_message_t *rkm = j->rkm;
        nw_output_t out = j->out;
        memset(&j->out, 0, sizeof(j->out));
        r->stats.consumed++;
        if (j->rc) {
                char pp[16], po[24];
                nw_fmt_i64(pp, sizeof(pp), rkm->partition);
                nw_fmt_i64(po, sizeof(po), rkm->offset);
                nw_log(r->log, NW_LOG_ERROR, "pipeline_failed", "topic", rd_kafka_topic_name(rkm->rkt),
                       "partition", pp, "offset", po, "error", j->err, NULL);
                r->fatal = 1;
                return;
        }
        nw_metrics_extract_observe(r->metrics, out.elapsed_us);
        if (out.error != NW_ART_OK) {
                if (nw_role_produce_dlq(r, m, rkm, nw_article_error_name(out.error), out.reason_msg))
                        r->fatal = 1;
                nw_output_clear(&out);
                return;
        }
        if (out.record_len > (512u << 10) &&
            out.record_len > nw_role_max_value(r, strlen(out.article_id))) {
                /* librdkafka would refuse it (message.max.bytes): dead-letter
                 * the input rather than stop on it */
                char msg[128];
                snprintf(msg, sizeof(msg), "record of %zu bytes is over the producer's message.max.bytes",
                         out.record_len);
                if (nw_role_produce_dlq(r, m, rkm, "produce_failed", msg))
                        r->fatal = 1;
                nw_output_clear(&out);
                return;
        }
        if (nw_role_produce(r, m, r->cfg->topic_enriched, out.article_id, strlen(out.article_id), out.record,
                    out.record_len, 1, NULL))
                r->fatal = 1;
        out.record = NULL; /* taken */
        r->stats.enriched++;
        nw_metrics_article(r->metrics, 0);
        for (size_t i = 0; i < out.n_summits; i++) {
                nw_summit_out_t *s = &out.summits[i];
                if (nw_role_produce(r, m, r->cfg->topic_summits, s->key, strlen(s->key), s->value,
                            s->value_len, 1, NULL))
                        r->fatal = 1;
                s->value = NULL;
                r->stats.summits_produced++;
        }
        if (r->log && r->log->level <= NW_LOG_DEBUG) {
                /* three snprintf per message otherwise, for a line dropped */
                char p[16], o[24], e[24];
                nw_fmt_i64(p, sizeof(p), rkm->partition);
                nw_fmt_i64(o, sizeof(o), rkm->offset);
                nw_fmt_i64(e, sizeof(e), out.elapsed_us);
                nw_log(r->log, NW_LOG_DEBUG, "enriched", "article_id", out.article_id, "topic",
                       rd_kafka_topic_name(rkm->rkt), "partition", p, "offset", o, "elapsed_us", e, NULL);
        }
        nw_output_clear(&out);
}


void nw_consumer_handle(role_t *r, nw_inflight_t *m, const rd_kafka_message_t *rkm) {
        nw_job_t j = {.m = m, .rkm = rkm};
        nw_consumer_prepare(r->pipe, &j);
        nw_consumer_emit(r, &j);
}
