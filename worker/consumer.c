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

void nw_consumer_handle(role_t *r, nw_inflight_t *m, const rd_kafka_message_t *rkm) {
        char hp[64], hs[256], hu[2048], hl[32], err[256];
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
        nw_output_t out;
        r->stats.consumed++;
        if (nw_pipeline_process(r->pipe, rkm->payload ? rkm->payload : "", rkm->len, &meta, &src,
                                &out, err, sizeof(err))) {
                char pp[16], po[24];
                nw_fmt_i64(pp, sizeof(pp), rkm->partition);
                nw_fmt_i64(po, sizeof(po), rkm->offset);
                nw_log(r->log, NW_LOG_ERROR, "pipeline_failed", "topic", rd_kafka_topic_name(rkm->rkt),
                       "partition", pp, "offset", po, "error", err, NULL);
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

