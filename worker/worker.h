/*
 * worker.h - the Kafka roles of newsworker and the embedded demo.
 *
 * NW_ROLE_WORKER: consumer group member on topics.input; per message
 *   decode → extract → produce the record (topics.enriched, key = article id),
 *   each summit event (topics.summits, key = summit key), or the input
 *   unchanged to topics.dlq with the reason in headers. At-least-once: an
 *   input offset is stored for commit only after every output of it is
 *   acknowledged, contiguously per partition (offsets.h).
 * NW_ROLE_ALERTER: consumer group member (group "<group.id>-alerter") on
 *   topics.summits; raises one alert per summit key not alerted before
 *   (topics.alerts, key = summit key), in a Kafka transaction with its input
 *   offset (alerts.guarantee). Its memory of alerted keys is the alerts
 *   topic itself, read back on every assignment, so a restart or rebalance
 *   does not alert twice.
 * NW_ROLE_DISPATCHER: consumer group member (group "<group.id>-dispatcher")
 *   on topics.alerts; delivers each alert to every configured webhook
 *   endpoint from per-endpoint threads, with the delivery state in
 *   topics.webhooks (dispatcher.c). Skipped when no endpoint has a url.
 *
 * Each role has its own librdkafka handles and starts and runs on its own
 * (the first one asked for in the calling thread, the others in threads of
 * their own, from their start-up on): a role slow to start (the alerter's init_transactions while
 * the broker cannot serve transactions) delays no other, and /readyz names
 * it (`alerter starting: init_transactions ...`). Roles stop when *stop
 * becomes non-zero, or when another role failed: fetching stops, in-flight
 * messages are finished and flushed, offsets committed and the group left,
 * within worker.shutdown_timeout_ms.
 */
#ifndef NW_WORKER_H
#define NW_WORKER_H

#include <signal.h>
#include <stdint.h>

#include "config.h"

#define NW_ROLE_WORKER 1
#define NW_ROLE_ALERTER 2
#define NW_ROLE_DISPATCHER 4

/* Called by the alerter for each alert once it is durably in topics.alerts. */
typedef void (nw_alert_cb_t)(void *opaque, const char *key, const char *alert_json, size_t len);

/* Limits for embedded runs (demo, tests): 0 = unlimited. A role stops by
 * itself once it has finished that many input messages. */
typedef struct nw_run_limits_s {
        int64_t worker_max_messages;
        int64_t alerter_max_messages;
        nw_alert_cb_t *on_alert; /* in addition to the webhook; may be NULL */
        void *on_alert_opaque;
} nw_run_limits_t;

/* Counters of one run. */
typedef struct nw_run_stats_s {
        int64_t consumed, enriched, dlq, summits_produced;
        int64_t alerts, duplicates_suppressed, filtered, rebalances;
        int64_t fetch_restarts; /* stopped prefetches restarted (kafka.h) */
} nw_run_stats_t;

/* Runs the given roles until *stop (or the limits). The dispatcher role is
 * dropped, with one info line, when no webhook endpoint has a url. A role
 * that fails (its start-up for real, not by a stop; or a fatal error later)
 * stops the others. Returns the process exit code: 0 after a clean stop
 * (also one during start-up), 1 after a fatal error (logged), 2 when nothing is left to run (only the dispatcher was asked
 * for and no endpoint is configured). */
int nw_worker_run(const nw_config_t *cfg, volatile sig_atomic_t *stop, int roles);
int nw_worker_run_ex(const nw_config_t *cfg, volatile sig_atomic_t *stop,
                     int roles, const nw_run_limits_t *limits,
                     nw_run_stats_t *stats);

/* `newsworker demo`: starts librdkafka's mock cluster in-process, produces
 * the articles of files (default: the seed article and the Wikinews sample
 * of ../shared) to topics.input, runs both roles until all are processed,
 * prints the enriched records (JSONL) from topics.enriched to stdout and the
 * alerts to stderr. Returns the exit code. */
int nw_demo_run(nw_config_t *cfg, volatile sig_atomic_t *stop, int argc, char **argv);

const char *nw_worker_librdkafka_version(void);

#endif
