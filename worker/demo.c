/*
 * demo.c - `newsworker demo`: the worker end to end on librdkafka's
 * in-process mock cluster (see worker.h).
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
#include <string.h>

#include "input.h"
#include "kafka.h"
#include "worker.h"

/* ---------------------------------------------------------------- demo */

typedef struct demo_ctx_s {
        rd_kafka_t *producer;
        const char *topic;
        int64_t produced;
        int failed;
} demo_ctx_t;

static int demo_produce(void *opaque, const char *payload, size_t len,
                        const char *default_id, const char *where) {
        demo_ctx_t *d = opaque;
        (void)where;
        for (;;) {
                rd_kafka_resp_err_t err = rd_kafka_producev(
                        d->producer, RD_KAFKA_V_TOPIC(d->topic),
                        RD_KAFKA_V_KEY(default_id, strlen(default_id)),
                        RD_KAFKA_V_VALUE((void *)payload, len),
                        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
                if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                        rd_kafka_poll(d->producer, 100);
                        continue;
                }
                if (err) {
                        fprintf(stderr, "newsworker: demo: produce: %s\n", rd_kafka_err2str(err));
                        d->failed = 1;
                        return 1;
                }
                d->produced++;
                return 0;
        }
}

static void demo_print_record(const rd_kafka_message_t *m, void *opaque) {
        (void)opaque;
        fwrite(m->payload, 1, m->len, stdout);
        fputc('\n', stdout);
}

static void demo_on_alert(void *opaque, const char *key, const char *alert_json, size_t len) {
        (void)opaque;
        (void)key;
        fprintf(stderr, "ALERT %.*s\n", (int)len, alert_json);
}

int nw_demo_run(nw_config_t *cfg, volatile sig_atomic_t *stop, int argc, char **argv) {
        char err[512];
        static const char *const defaults[] = {NW_SHARED_DIR "/data/seed/article.txt",
                                               NW_SHARED_DIR "/data/corpus/wikinews.jsonl"};
        int rc = 1;
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "log_level", "3", NULL, 0);
        rd_kafka_t *owner = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
        if (!owner) {
                fprintf(stderr, "newsworker: demo: %s\n", err);
                rd_kafka_conf_destroy(conf);
                return 1;
        }
        rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(owner, 1);
        if (!mc) {
                fprintf(stderr, "newsworker: demo: cannot start the mock cluster\n");
                rd_kafka_destroy(owner);
                return 1;
        }
        const char *topics[] = {cfg->topic_input, cfg->topic_enriched, cfg->topic_summits,
                                cfg->topic_alerts, cfg->topic_dlq};
        for (size_t i = 0; i < 5; i++)
                rd_kafka_mock_topic_create(mc, topics[i], i == 0 ? 3 : 1, 1);
        if (nw_config_set(cfg, "kafka", "bootstrap.servers", rd_kafka_mock_cluster_bootstraps(mc),
                          err, sizeof(err)) ||
            nw_config_set(cfg, "kafka", "group.id", "newsworker-demo", err, sizeof(err))) {
                fprintf(stderr, "newsworker: demo: %s\n", err);
                goto out;
        }
        demo_ctx_t d = {0};
        d.topic = cfg->topic_input;
        d.producer = nw_kafka_producer_new(cfg, &cfg->log, NULL, NULL, NULL, err, sizeof(err));
        if (!d.producer) {
                fprintf(stderr, "newsworker: demo: %s\n", err);
                goto out;
        }
        size_t counter = 0;
        int nfiles = argc ? argc : 2;
        for (int i = 0; i < nfiles && !d.failed; i++) {
                const char *path = argc ? argv[i] : defaults[i];
                if (nw_input_read_file(path, &counter, demo_produce, &d, err, sizeof(err)) < 0) {
                        fprintf(stderr, "newsworker: demo: %s\n", err);
                        d.failed = 1;
                }
        }
        rd_kafka_flush(d.producer, 10000);
        rd_kafka_destroy(d.producer);
        if (d.failed)
                goto out;
        nw_log(&cfg->log, NW_LOG_INFO, "demo_loaded", "topic", cfg->topic_input, NULL);

        nw_run_limits_t lim = {.worker_max_messages = d.produced};
        nw_run_stats_t st;
        if (nw_worker_run_ex(cfg, stop, NW_ROLE_WORKER, &lim, &st))
                goto out;
        if (st.summits_produced > 0) {
                nw_run_limits_t al = {.alerter_max_messages = st.summits_produced,
                                      .on_alert = demo_on_alert};
                nw_run_stats_t ast;
                if (nw_worker_run_ex(cfg, stop, NW_ROLE_ALERTER, &al, &ast))
                        goto out;
                fprintf(stderr, "newsworker demo: %lld summit events, %lld alerts, %lld repeats suppressed\n",
                        (long long)st.summits_produced, (long long)ast.alerts,
                        (long long)ast.duplicates_suppressed);
        }
        long n = nw_kafka_read_topic(cfg, cfg->topic_enriched, 30000, demo_print_record, NULL, err, sizeof(err));
        fflush(stdout);
        if (n < 0) {
                fprintf(stderr, "newsworker: demo: %s\n", err);
                goto out;
        }
        fprintf(stderr, "newsworker demo: %lld articles in, %ld records out, %lld dead-lettered\n",
                (long long)d.produced, n, (long long)st.dlq);
        rc = 0;
out:
        rd_kafka_mock_cluster_destroy(mc);
        rd_kafka_destroy(owner);
        return rc;
}
