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
#include "log.h"
#include "nx.h"
#include "offsets.h"
#include "pipeline.h"
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

struct role_s {
        const nw_log_t *log; /* first: librdkafka's log callback reads it (kafka.c) */
        const nw_config_t *cfg;
        volatile sig_atomic_t *stop;
        const char *name;   /* "worker" | "alerter" */
        const char *topic;  /* consumed topic */
        int is_alerter;
        int64_t max_messages;
        rd_kafka_t *consumer, *producer;
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
        /* worker */
        nw_pipeline_t *pipe;
        /* alerter */
        json_t *alerted;      /* set of alerted summit keys (object keys) */
        int need_restore;
        nw_webhook_t *webhook;
        nw_alert_cb_t *on_alert;
        void *on_alert_opaque;
};

/* Monotonic clock in ms; decimal formatting for log fields. */
int64_t nw_mono_ms(void);
void nw_fmt_i64(char *buf, size_t n, int64_t v);
/* "2026-11-29T13:45:00.123Z" (UTC) into buf (>= 32 bytes). */
void nw_iso_now(char *buf, size_t size);

/* Sets up role r (alerter = 0: the article consumer) for cfg: producer (and
 * transactional.id in exactly-once mode), consumer, offsets. eng is the
 * shared extraction engine (consumer only). Returns 0, or -1 (logged);
 * nw_role_destroy() is safe either way. */
int nw_role_init(role_t *r, const nw_config_t *cfg, volatile sig_atomic_t *stop,
                 int alerter, const nx_engine_t *eng);
/* Subscribes and runs until *stop, a fatal error or max_messages done.
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

/* consumer.c: decode → extract → produce record, summit events or DLQ. */
void nw_consumer_handle(role_t *r, nw_inflight_t *m, const rd_kafka_message_t *rkm);

/* alerter.c */
void nw_alerter_handle(role_t *r, nw_inflight_t *m, const rd_kafka_message_t *rkm);
/* Rebuilds the alerted keys from topics.alerts (read_committed). 0 or -1. */
int nw_alerter_restore(role_t *r);
/* At-least-once: an alert was acknowledged by the broker. */
void nw_alerter_delivered(role_t *r, const rd_kafka_message_t *rkm);
/* Exactly-once: the transaction ended; deliver its alerts when committed. */
void nw_alerter_end_transaction(role_t *r, int committed);

#endif
