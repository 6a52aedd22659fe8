/*
 * kafka.h - librdkafka handles built from newsworker's configuration, and
 * the few Kafka chores shared by the worker, the alerter and the demo.
 *
 * [kafka] properties are passed to librdkafka untouched; on top of them the
 * worker sets what its guarantees need (documented at each function) unless
 * the operator set them explicitly.
 */
#ifndef NW_KAFKA_H
#define NW_KAFKA_H

#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>

#include "config.h"
#include "log.h"

/* When a run's roles stop: the process's stop flag (set by SIGTERM in
 * main.c) or the run's own halt (set when one role failed, so the others
 * stop too). Owned by the run (worker.c); roles only read it. */
typedef struct nw_stop_s {
        volatile sig_atomic_t *signalled; /* may be NULL */
        atomic_int halt;
} nw_stop_t;

/* 1 when s says stop (NULL: never). */
int nw_stop_requested(const nw_stop_t *s);

/* Creates a consumer in group group_id (NULL: kafka.group.id) with
 * enable.auto.offset.store=false (offsets are stored only once outputs are
 * acknowledged), enable.auto.commit=true (stored offsets committed every
 * auto.commit.interval.ms), partition.assignment.strategy=cooperative-sticky,
 * auto.offset.reset=earliest. transactional (exactly-once mode): offsets
 * are committed by the producer's transaction instead, so
 * enable.auto.commit=false and isolation.level=read_committed.
 * rebalance_cb, opaque and stats_cb may be NULL. With stats_cb and
 * metrics.listen set, statistics.interval.ms defaults to 5000 (librdkafka
 * statistics feed the consumer-lag metric and /readyz).
 * Returns NULL with errstr. Caller closes with rd_kafka_consumer_close() and
 * frees with rd_kafka_destroy(). */
rd_kafka_t *nw_kafka_consumer_new(const nw_config_t *cfg, const nw_log_t *log,
                                  const char *group_id, int transactional,
                                  void (*rebalance_cb)(rd_kafka_t *, rd_kafka_resp_err_t,
                                                       rd_kafka_topic_partition_list_t *, void *),
                                  void *opaque,
                                  int (*stats_cb)(rd_kafka_t *, char *, size_t, void *),
                                  char *errstr, size_t errstr_size);

/* Creates an idempotent producer (enable.idempotence=true, acks=all,
 * message.timeout.ms=0: retried until delivered or fatally failed) with
 * dr_msg_cb. With transactional_id (non-NULL) the producer is transactional:
 * call nw_kafka_init_transactions() before using it; message.timeout.ms is
 * then left to librdkafka, as transactions require it to be below
 * transaction.timeout.ms. Does not contact the broker. Returns NULL with
 * errstr. Caller frees with rd_kafka_destroy() after rd_kafka_flush(). */
rd_kafka_t *nw_kafka_producer_new(const nw_config_t *cfg, const nw_log_t *log,
                                  const char *transactional_id,
                                  void (*dr_msg_cb)(rd_kafka_t *, const rd_kafka_message_t *, void *),
                                  void *opaque, char *errstr, size_t errstr_size);
/* One rd_kafka_init_transactions() call on transactional producer rk (waits
 * for the transaction coordinator, fences older producers of the same id),
 * for at most timeout_ms. Returns 0 when done, 1 when not yet (a retriable
 * error: the coordinator unreachable, unavailable or still loading; call
 * again) or -1 when it failed for good (fatal: e.g. a transaction.timeout.ms
 * above the broker's transaction.max.timeout.ms, an unauthorized
 * transactional id); errstr says why for 1 and -1. */
int nw_kafka_init_transactions(rd_kafka_t *rk, int timeout_ms, char *errstr, size_t errstr_size);

/* Reads every partition of topic from the beginning up to its end at call
 * time (the last stable offset: read_committed), calling cb per message. Gives up after
 * timeout_ms. Returns the number of messages read, or -1 with errstr. */
typedef void (nw_kafka_read_cb_t)(const rd_kafka_message_t *m, void *opaque);
long nw_kafka_read_topic(const nw_config_t *cfg, const char *topic,
                         int timeout_ms, nw_kafka_read_cb_t *cb, void *opaque,
                         char *errstr, size_t errstr_size);

/* Routes librdkafka's log lines into nw_log (set as log_cb with the
 * nw_log_t as the conf's opaque is not possible; uses rd_kafka_conf_set_log_cb
 * and a per-handle opaque). */
void nw_kafka_log_cb(const rd_kafka_t *rk, int level, const char *fac,
                     const char *buf);

/* The consumer's prefetch. librdkafka < 2.2 stops fetching a partition once
 * the local queue holds queued.min.messages or queued.max.messages.kbytes
 * and looks again only when its broker thread next wakes, up to 1 s later
 * (confluentinc/librdkafka#2879; 2.2 added fetch.queue.backoff.ms). A
 * consumer faster than that empties the queue and then waits: the worker
 * without extractors spent half of a 100,000-message drain in empty polls,
 * in 0.5-0.9 s gaps after every ~20 MB. The role loop therefore notes when
 * the queue is full enough to have stopped the fetcher and wakes the
 * fetcher once the queue is down to a quarter (role.c, wake_fetcher). */
typedef struct nw_prefetch_limits_s {
        int64_t min_msgs;  /* queued.min.messages */
        int64_t max_bytes; /* queued.max.messages.kbytes * 1024 */
} nw_prefetch_limits_t;
/* Reads both limits from consumer rk (librdkafka's defaults if unreadable). */
void nw_kafka_prefetch_limits(rd_kafka_t *rk, nw_prefetch_limits_t *l);
/* How full a queue of q_len messages of avg_bytes each is, in percent of the
 * nearer limit (avg_bytes is an estimate: librdkafka counts payload bytes). */
int nw_kafka_prefetch_level(const nw_prefetch_limits_t *l, size_t q_len, size_t avg_bytes);
/* At or above: the fetcher has (likely) stopped. At or below: wake it. */
#define NW_PREFETCH_STOPPED 90
#define NW_PREFETCH_REFILL 25

/* Version string of the linked librdkafka. */
const char *nw_kafka_version(void);

#endif
