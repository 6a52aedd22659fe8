/*
 * role.h - what the worker's Kafka roles share: one consumer-group member
 * with its own producer, its offset bookkeeping, transactions, rebalance
 * handling, the poll loop and shutdown. A role is specialised by its
 * message handler: consumer.c (articles in, records out) and alerter.c
 * (summit events in, alerts out). Internal to the worker.
 */
#ifndef NW_ROLE_H
#define NW_ROLE_H

#include <jansson.h>
#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <stdint.h>

#include "config.h"
#include "kafka.h"
#include "log.h"
#include "metrics.h"
#include "nx.h"
#include "offsets.h"
#include "pipeline.h"
#include "pool.h"
#include "webhook.h"
#include "worker.h"

typedef struct role_s role_t;

/* An alert produced inside the open transaction: handed to the webhook only
 * once the transaction commits. */
typedef struct pending_alert_s {
        char *key, *body;
        size_t len;
} pending_alert_t;
typedef void (handler_t)(role_t *r, nw_inflight_t *m, const rd_kafka_message_t *rkm);

/* The three roles: the article consumer, the alerter, the webhook dispatcher. */
typedef enum { NW_KIND_CONSUMER = 0, NW_KIND_ALERTER, NW_KIND_DISPATCHER } nw_role_kind_t;

typedef struct nw_dispatcher_s nw_dispatcher_t;

struct role_s {
        const nw_log_t *log; /* first: librdkafka's log callback reads it (kafka.c) */
        const nw_config_t *cfg;
        const nw_stop_t *stop; /* the run's (worker.c) */
        const char *name;   /* "worker" | "alerter" | "dispatcher" */
        const char *topic;  /* consumed topic */
        nw_role_kind_t kind;
        int is_alerter;
        /* state rebuilt from a changelog topic on every assignment (alerter,
         * dispatcher), and work dropped for partitions given up */
        int (*restore)(role_t *r);
        void (*on_revoke)(role_t *r, const rd_kafka_topic_partition_list_t *parts);
        int64_t max_messages;
        rd_kafka_t *consumer, *producer;
        /* the consumer's queue, watched to restart a stopped fetcher (kafka.h) */
        rd_kafka_queue_t *cq;
        nw_prefetch_limits_t prefetch;
        size_t avg_len;     /* running mean of input payload sizes */
        unsigned polled;
        int fetch_armed;    /* the queue was full enough to stop the fetcher */
        nw_offsets_t *offsets;
        handler_t *handler;
        int64_t done;
        int fatal, paused, shutting_down;
        /* exactly-once mode: one transaction spans the outputs and the input
         * offsets of up to worker.transaction_max_messages messages */
        int eos;
        char txn_id[300];
        int in_txn;
        int64_t txn_started_ms;
        long txn_messages;
        rd_kafka_topic_partition_list_t *txn_pos; /* next offsets to commit */
        pending_alert_t *txn_alerts;               /* alerter: sent once committed */
        size_t n_txn_alerts, cap_txn_alerts;
        nw_run_stats_t stats;
        nw_metrics_t *metrics;     /* the run's (may be NULL) */
        nw_metrics_role_t *mrole;  /* this role's readiness slot (may be NULL) */
        /* worker */
        nw_pipeline_t *pipe;
        /* worker.extract_threads > 0 (at-least-once): the pipeline runs on
         * these threads, one pipeline each, while this one polls (pool.h) */
        nw_pool_t *pool;
        nw_pipeline_t **pipes;
        size_t n_pipes;
        /* alerter */
        json_t *alerted;      /* set of alerted summit keys (object keys) */
        int need_restore;
        nw_alert_cb_t *on_alert;
        void *on_alert_opaque;
        /* dispatcher */
        nw_dispatcher_t *dispatcher;
};

/* Monotonic clock in ms; decimal formatting for log fields. */
int64_t nw_mono_ms(void);
void nw_fmt_i64(char *buf, size_t n, int64_t v);
/* "2026-11-29T13:45:00.123Z" (UTC) into buf (>= 32 bytes). */
void nw_iso_now(char *buf, size_t size);

/* The name ("worker" | "alerter" | "dispatcher") and consumed topic of a
 * role of that kind. */
const char *nw_role_name(nw_role_kind_t kind);
const char *nw_role_topic(const nw_config_t *cfg, nw_role_kind_t kind);

/* Sets up role r of the given kind for cfg: producer (and its transactions
 * in exactly-once mode: init_transactions is retried while the broker
 * cannot serve them, until stop), consumer, offsets. eng is the shared
 * extraction engine (consumer only); metrics and mrole (the role's
 * readiness slot, told each start-up step) may be NULL. Returns 0, or -1
 * (logged unless stop ended it); nw_role_destroy() is safe either way. */
int nw_role_init(role_t *r, const nw_config_t *cfg, const nw_stop_t *stop,
                 nw_role_kind_t kind, const nx_engine_t *eng, nw_metrics_t *metrics,
                 nw_metrics_role_t *mrole);
/* Subscribes and runs until stop, a fatal error or max_messages done.
 * Returns 0, or 1 after a fatal error. */
int nw_role_loop(role_t *r);
/* Finishes in-flight work, commits, leaves the group within the bound. */
void nw_role_shutdown(role_t *r);
void nw_role_destroy(role_t *r);

/* Produces one output of message m (m NULL: not tracked). value is taken
 * (freed by librdkafka, or here on failure) when take_value; headers are
 * taken on success. Returns 0 or -1 (logged). */
int nw_role_produce(role_t *r, nw_inflight_t *m, const char *topic, const void *key,
                    size_t key_len, void *value, size_t len, int take_value,
                    rd_kafka_headers_t *headers);
/* Sends input `in` unchanged to the dead-letter topic with the reason in
 * headers (newsworker.error.reason/.message, newsworker.source.*). */
int nw_role_produce_dlq(role_t *r, nw_inflight_t *m, const rd_kafka_message_t *in,
                        const char *reason, const char *message);
/* The largest value the producer accepts with a key of key_len bytes (its
 * message.max.bytes less room for headers). */
size_t nw_role_max_value(role_t *r, size_t key_len);

/* consumer.c: decode → extract → produce record, summit events or DLQ. */
void nw_consumer_handle(role_t *r, nw_inflight_t *m, const rd_kafka_message_t *rkm);
/* The same in two halves: prepare (the pipeline; any thread, with its own
 * pipeline) and emit (the produce calls; the polling thread). */
typedef struct nw_job_s {
        nw_inflight_t *m;
        const rd_kafka_message_t *rkm;
        nw_output_t out;
        int rc; /* nw_pipeline_process's: -1 = internal error (err) */
        char err[256];
} nw_job_t;
void nw_consumer_prepare(nw_pipeline_t *pipe, nw_job_t *j);
void nw_consumer_emit(role_t *r, nw_job_t *j);

/* alerter.c */
void nw_alerter_handle(role_t *r, nw_inflight_t *m, const rd_kafka_message_t *rkm);
/* 1 when the summit (record form) passes the alerts.* rules: one of
 * alerts.countries, the organization in alerts.organizations, the status in
 * alerts.statuses (an empty rule passes everything). */
int nw_alerter_rules_match(const nw_config_t *cfg, json_t *summit);
/* Rebuilds the alerted keys from topics.alerts (read_committed). 0 or -1. */
int nw_alerter_restore(role_t *r);
/* At-least-once: an alert was acknowledged by the broker. */
void nw_alerter_delivered(role_t *r, const rd_kafka_message_t *rkm);
/* Exactly-once: the transaction ended; report its alerts when committed. */
void nw_alerter_end_transaction(role_t *r, int committed);

/* dispatcher.c: alerts in, one delivery per active endpoint out, with the
 * delivery state kept in topics.webhooks (see dispatcher.c). */
int nw_dispatcher_init(role_t *r, char *errstr, size_t errstr_size);
/* The body POSTed to endpoint ep for alert (an alert object as on
 * topics.alerts): the alert itself (format json) or Slack's incoming-webhook
 * shape {"text": "New summit: ..."} (format slack). Returns a malloc'd
 * string and its length in *len (caller frees), or NULL. */
char *nw_dispatcher_payload(const nw_endpoint_t *ep, json_t *alert, size_t *len);
void nw_dispatcher_handle(role_t *r, nw_inflight_t *m, const rd_kafka_message_t *rkm);
int nw_dispatcher_restore(role_t *r);
void nw_dispatcher_revoke(role_t *r, const rd_kafka_topic_partition_list_t *parts);
/* Stops the endpoint threads (deliveries due before deadline_ms are tried). */
void nw_dispatcher_stop(role_t *r, int64_t deadline_ms);
void nw_dispatcher_destroy(role_t *r);
/* Registers the endpoints' delivery counters with the run's metrics. */
void nw_dispatcher_metrics(role_t *r, nw_metrics_t *m);

#endif
