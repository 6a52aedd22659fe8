/*
 * metrics.h - the counters, gauges and the histogram of one worker run, and
 * the readiness verdict derived from them.
 *
 * One nw_metrics_t is created per run (nw_worker_run_ex) and shared by every
 * thread of it: the article consumer, the alerter, librdkafka's callbacks and
 * the HTTP server (http.h) that renders it. Counters are C11 atomics (relaxed:
 * each is a monotonic count read on its own); the consumer-lag table and the
 * webhook source are guarded by a mutex. Every function accepts a NULL
 * metrics (or role) pointer and then does nothing, so code paths without a
 * run (extract, unit tests) need no special casing.
 *
 * Rendering follows the Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/) and the
 * naming conventions (https://prometheus.io/docs/practices/naming/): the
 * newsworker_ prefix, _total for counters, base units (seconds).
 *
 * Readiness (/readyz): every registered role must have started (its
 * start-up, e.g. the alerter's init_transactions, is over: a role still
 * starting is reported with the step it waits on and its last error), joined its consumer
 * group (an assignment was received, possibly empty: a surplus replica
 * stands by and is ready), be connected (the last librdkafka statistics saw
 * a broker UP) and not be stalled: a role is stalled when messages wait on
 * its assigned partitions (log end > position) and it processed none for
 * metrics.stall_timeout_ms - the stuck consumer after a broker restart.
 */
#ifndef NW_METRICS_H
#define NW_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "webhook.h"

typedef struct nw_metrics_s nw_metrics_t;
typedef struct nw_metrics_role_s nw_metrics_role_t;

/* Upper bounds (seconds) of the extract-duration histogram buckets; +Inf is
 * implied. */
#define NW_METRICS_EXTRACT_BUCKETS 12

/* Creates the metrics of a run. version labels newsworker_build_info;
 * output_topics (NULL-terminated, at most 8, copied) are the topics whose
 * acknowledged records are counted per topic; stall_timeout_ms is the
 * readiness stall bound (ms). Returns NULL when out of memory. Free with
 * nw_metrics_destroy() after every user stopped. */
nw_metrics_t *nw_metrics_new(const char *version, const char *const *output_topics,
                             long stall_timeout_ms);
void nw_metrics_destroy(nw_metrics_t *m);

/* Registers a role (at most 4; "worker", "alerter") consuming topic; safe
 * while the HTTP server reads m. The returned slot lives as long as m; NULL when m is
 * NULL or the slots are used up. name and topic are copied. */
nw_metrics_role_t *nw_metrics_role(nw_metrics_t *m, const char *name, const char *topic);

/* ---- counters (thread-safe, lock-free) ---- */
/* An input article finished: dlq = 0 enriched, 1 dead-lettered. */
void nw_metrics_article(nw_metrics_t *m, int dlq);
/* One output record acknowledged by the broker on topic (others ignored). */
void nw_metrics_produced(nw_metrics_t *m, const char *topic);
/* Decode + extract + serialize time of one article, in microseconds. */
void nw_metrics_extract_observe(nw_metrics_t *m, int64_t elapsed_us);
void nw_metrics_rebalance(nw_metrics_t *m);
void nw_metrics_alert(nw_metrics_t *m);

/* ---- role state for readiness ---- */
/* The role is starting and waits on step (e.g. "init_transactions"); error
 * is the last retriable error of that step (NULL: none yet). Both are copied
 * (cut to fit). Readiness reports the role as `starting` until
 * nw_metrics_role_started(). A role just registered is not starting. */
void nw_metrics_role_starting(nw_metrics_role_t *r, const char *step, const char *error);
/* The role's start-up is over (it subscribes now). */
void nw_metrics_role_started(nw_metrics_role_t *r);
/* The role's assignment changed; partitions = the assigned count now. */
void nw_metrics_role_assigned(nw_metrics_role_t *r, int partitions, int64_t now_ms);
/* The role finished a message (progress). */
void nw_metrics_role_progress(nw_metrics_role_t *r, int64_t now_ms);
/* Feeds one librdkafka statistics JSON document (statistics.interval.ms,
 * https://github.com/confluentinc/librdkafka/blob/master/STATISTICS.md) of
 * the role's consumer: per-partition consumer_lag of the role's topic (the
 * series of that topic are replaced), broker connectivity and the backlog
 * (log end offset minus position) used by readiness. Returns 0, or -1 when
 * json is not a statistics object (nothing changed). */
int nw_metrics_role_stats(nw_metrics_role_t *r, const char *json, size_t len, int64_t now_ms);

/* Adds a webhook endpoint whose nw_webhook_stats() are rendered (at most
 * 16), labelled with its configured name ("default" for [webhook], NAME for
 * [webhook.NAME]): never the URL, whose path or query may hold a token.
 * Returns 0, or -1 when the slots are used up (not rendered). Remove it
 * before destroying the webhook. */
int nw_metrics_webhook_add(nw_metrics_t *m, nw_webhook_t *w, const char *endpoint);
void nw_metrics_webhook_remove(nw_metrics_t *m, nw_webhook_t *w);

/* Renders every metric in the text exposition format. Returns a malloc'd
 * NUL-terminated string (length in *len), or NULL when out of memory. */
char *nw_metrics_render(nw_metrics_t *m, int64_t now_ms, size_t *len);

/* Readiness at now_ms (monotonic ms): 1 ready, 0 not. why (may be NULL)
 * receives a one-line explanation per role either way. A run without
 * registered roles is not ready. */
int nw_metrics_ready(nw_metrics_t *m, int64_t now_ms, char *why, size_t why_size);

#endif
