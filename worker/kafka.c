/*
 * kafka.c - librdkafka handle construction and topic read-back (see kafka.h).
 */
#include "kafka.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *nw_kafka_version(void) { return rd_kafka_version_str(); }

static int64_t conf_i64(rd_kafka_t *rk, const char *key, int64_t def) {
        char buf[32];
        size_t n = sizeof(buf);
        if (rd_kafka_conf_get(rd_kafka_conf(rk), key, buf, &n) != RD_KAFKA_CONF_OK)
                return def;
        char *end;
        long long v = strtoll(buf, &end, 10);
        return end != buf && v > 0 ? (int64_t)v : def;
}

void nw_kafka_prefetch_limits(rd_kafka_t *rk, nw_prefetch_limits_t *l) {
        l->min_msgs = conf_i64(rk, "queued.min.messages", 100000);
        l->max_bytes = conf_i64(rk, "queued.max.messages.kbytes", 65536) * 1024;
}

int nw_kafka_prefetch_level(const nw_prefetch_limits_t *l, size_t q_len, size_t avg_bytes) {
        int64_t by_count = l->min_msgs > 0 ? (int64_t)q_len * 100 / l->min_msgs : 0;
        int64_t by_bytes = l->max_bytes > 0 ? (int64_t)q_len * (int64_t)avg_bytes / (l->max_bytes / 100 + 1) : 0;
        int64_t v = by_count > by_bytes ? by_count : by_bytes;
        return v > 1000 ? 1000 : (int)v;
}

/* The log opaque: librdkafka's log callback gets the rd_kafka_t only, whose
 * opaque is the caller's; we keep the logger in a small struct that each
 * caller's opaque starts with. Simpler: route through stderr-compatible
 * nw_log with a logger found via rd_kafka_opaque() when it begins with
 * nw_log_t *. All our opaques do (see worker.c). */
void nw_kafka_log_cb(const rd_kafka_t *rk, int level, const char *fac,
                     const char *buf) {
        const nw_log_t *const *log = rd_kafka_opaque(rk);
        nw_log_level_t l = level <= 3 ? NW_LOG_ERROR : level <= 4 ? NW_LOG_WARN
                         : level <= 6 ? NW_LOG_INFO : NW_LOG_DEBUG;
        nw_log(log ? *log : NULL, l, "librdkafka", "client", rd_kafka_name(rk),
               "facility", fac, "message", buf, NULL);
}

static int set(rd_kafka_conf_t *conf, const char *k, const char *v, char *errstr,
               size_t errstr_size) {
        char e[256];
        if (rd_kafka_conf_set(conf, k, v, e, sizeof(e)) != RD_KAFKA_CONF_OK) {
                snprintf(errstr, errstr_size, "kafka.%s: %s", k, e);
                return -1;
        }
        return 0;
}

/* Consumer-only properties: a producer built with one of them, even unset
 * again afterwards, logs a CONFWARN per property, so they are never copied
 * into a producer's configuration. */
static const char *const consumer_only[] = {"group.id", "session.timeout.ms",
        "auto.offset.reset", "enable.auto.commit", "enable.auto.offset.store",
        "partition.assignment.strategy", "max.poll.interval.ms",
        "heartbeat.interval.ms", "group.instance.id", "isolation.level",
        "auto.commit.interval.ms", "enable.partition.eof", "fetch.max.bytes",
        "queued.max.messages.kbytes", "queued.min.messages", "fetch.wait.max.ms",
        "fetch.min.bytes", "fetch.message.max.bytes", "max.partition.fetch.bytes",
        "fetch.error.backoff.ms", "check.crcs", "group.protocol.type",
        "coordinator.query.interval.ms", "offset.store.method", "consume.callback.max.messages",
        NULL};

static int is_consumer_only(const char *key) {
        for (size_t i = 0; consumer_only[i]; i++)
                if (!strcmp(consumer_only[i], key))
                        return 1;
        return 0;
}

/* Our defaults first, then every [kafka] property (the operator wins),
 * except group.id which the caller may override for a derived group, and
 * except consumer-only properties when producer is set. */
static rd_kafka_conf_t *base_conf_ex(const nw_config_t *cfg, const char *const *defaults,
                                     const char *group_id, int producer, char *errstr,
                                     size_t errstr_size) {
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        for (size_t i = 0; defaults && defaults[i]; i += 2)
                if (set(conf, defaults[i], defaults[i + 1], errstr, errstr_size))
                        goto fail;
        for (size_t i = 0; i < cfg->n_kafka; i++) {
                if (group_id && !strcmp(cfg->kafka[i].key, "group.id"))
                        continue;
                if (producer && is_consumer_only(cfg->kafka[i].key))
                        continue;
                if (set(conf, cfg->kafka[i].key, cfg->kafka[i].value, errstr, errstr_size))
                        goto fail;
        }
        if (group_id && set(conf, "group.id", group_id, errstr, errstr_size))
                goto fail;
        rd_kafka_conf_set_log_cb(conf, nw_kafka_log_cb);
        return conf;
fail:
        rd_kafka_conf_destroy(conf);
        return NULL;
}

static rd_kafka_conf_t *base_conf(const nw_config_t *cfg, const char *const *defaults,
                                  const char *group_id, char *errstr, size_t errstr_size) {
        return base_conf_ex(cfg, defaults, group_id, 0, errstr, errstr_size);
}

rd_kafka_t *nw_kafka_consumer_new(const nw_config_t *cfg, const nw_log_t *log,
                                  const char *group_id, int transactional,
                                  void (*rebalance_cb)(rd_kafka_t *, rd_kafka_resp_err_t,
                                                       rd_kafka_topic_partition_list_t *, void *),
                                  void *opaque,
                                  int (*stats_cb)(rd_kafka_t *, char *, size_t, void *),
                                  char *errstr, size_t errstr_size) {
        static const char *const defaults[] = {
                "enable.auto.offset.store", "false",
                "enable.auto.commit", "true",
                "auto.offset.reset", "earliest",
                "partition.assignment.strategy", "cooperative-sticky",
                "enable.partition.eof", "false",
                /* bound the prefetch: memory must not grow with the backlog */
                "queued.max.messages.kbytes", "8192",
                "fetch.max.bytes", "8388608",
                NULL};
        static const char *const eos_defaults[] = {
                "enable.auto.offset.store", "false",
                "enable.auto.commit", "false",
                "isolation.level", "read_committed",
                "auto.offset.reset", "earliest",
                "partition.assignment.strategy", "cooperative-sticky",
                "enable.partition.eof", "false",
                "queued.max.messages.kbytes", "8192",
                "fetch.max.bytes", "8388608",
                NULL};
        (void)log;
        rd_kafka_conf_t *conf = base_conf(cfg, transactional ? eos_defaults : defaults, group_id,
                                          errstr, errstr_size);
        if (!conf)
                return NULL;
        if (transactional && rd_kafka_conf_set(conf, "enable.auto.commit", "false", NULL, 0)) {
                rd_kafka_conf_destroy(conf);
                snprintf(errstr, errstr_size, "kafka.enable.auto.commit: cannot be disabled");
                return NULL;
        }
        if (rebalance_cb)
                rd_kafka_conf_set_rebalance_cb(conf, rebalance_cb);
        if (stats_cb) {
                rd_kafka_conf_set_stats_cb(conf, stats_cb);
                if (*cfg->metrics_listen && !nw_config_kafka_get(cfg, "statistics.interval.ms") &&
                    set(conf, "statistics.interval.ms", "5000", errstr, errstr_size)) {
                        rd_kafka_conf_destroy(conf);
                        return NULL;
                }
        }
        rd_kafka_conf_set_opaque(conf, opaque);
        char e[512];
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, e, sizeof(e));
        if (!rk) {
                snprintf(errstr, errstr_size, "cannot create consumer: %s", e);
                rd_kafka_conf_destroy(conf);
                return NULL;
        }
        rd_kafka_poll_set_consumer(rk);
        return rk;
}

rd_kafka_t *nw_kafka_producer_new(const nw_config_t *cfg, const nw_log_t *log,
                                  const char *transactional_id,
                                  void (*dr_msg_cb)(rd_kafka_t *, const rd_kafka_message_t *, void *),
                                  void *opaque, char *errstr, size_t errstr_size) {
        static const char *const defaults[] = {
                "enable.idempotence", "true",
                "acks", "all",
                "message.timeout.ms", "0",
                "linger.ms", "5",
                "compression.codec", "lz4",
                "queue.buffering.max.kbytes", "16384",
                NULL};
        static const char *const txn_defaults[] = {
                "enable.idempotence", "true",
                "acks", "all",
                "linger.ms", "5",
                "compression.codec", "lz4",
                "queue.buffering.max.kbytes", "16384",
                NULL};
        (void)log;
        rd_kafka_conf_t *conf = base_conf_ex(cfg, transactional_id ? txn_defaults : defaults, NULL, 1,
                                             errstr, errstr_size);
        if (!conf)
                return NULL;
        if (transactional_id && set(conf, "transactional.id", transactional_id, errstr, errstr_size)) {
                rd_kafka_conf_destroy(conf);
                return NULL;
        }
        if (dr_msg_cb)
                rd_kafka_conf_set_dr_msg_cb(conf, dr_msg_cb);
        rd_kafka_conf_set_opaque(conf, opaque);
        char e[512];
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, e, sizeof(e));
        if (!rk) {
                snprintf(errstr, errstr_size, "cannot create producer: %s", e);
                rd_kafka_conf_destroy(conf);
                return NULL;
        }
        return rk;
}

int nw_kafka_init_transactions(rd_kafka_t *rk, int timeout_ms, char *errstr, size_t errstr_size) {
        rd_kafka_error_t *te = rd_kafka_init_transactions(rk, timeout_ms);
        if (!te)
                return 0;
        int retriable = rd_kafka_error_is_retriable(te) && !rd_kafka_error_is_fatal(te);
        snprintf(errstr, errstr_size, "%s", rd_kafka_error_string(te));
        rd_kafka_error_destroy(te);
        return retriable ? 1 : -1;
}

int nw_stop_requested(const nw_stop_t *s) {
        return s && ((s->signalled && *s->signalled) || atomic_load(&s->halt));
}

static int64_t mono_ms(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long nw_kafka_read_topic(const nw_config_t *cfg, const char *topic,
                         int timeout_ms, nw_kafka_read_cb_t *cb, void *opaque,
                         char *errstr, size_t errstr_size) {
        static const char *const defaults[] = {"enable.auto.commit", "false",
                                               "isolation.level", "read_committed", NULL};
        int64_t deadline = mono_ms() + timeout_ms;
        rd_kafka_conf_t *conf = base_conf(cfg, defaults, "newsworker-readback", errstr, errstr_size);
        if (!conf)
                return -1;
        /* the end of a partition is known by its EOF event, whatever [kafka] says */
        if (set(conf, "enable.partition.eof", "true", errstr, errstr_size)) {
                rd_kafka_conf_destroy(conf);
                return -1;
        }
        const nw_log_t *logp = &cfg->log;
        const nw_log_t **op = malloc(sizeof(*op));
        if (!op) {
                rd_kafka_conf_destroy(conf);
                snprintf(errstr, errstr_size, "out of memory");
                return -1;
        }
        *op = logp;
        rd_kafka_conf_set_opaque(conf, op);
        char e[512];
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, e, sizeof(e));
        if (!rk) {
                rd_kafka_conf_destroy(conf);
                free(op);
                snprintf(errstr, errstr_size, "cannot create consumer: %s", e);
                return -1;
        }
        long n = -1;
        const struct rd_kafka_metadata *md = NULL;
        rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
        rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, timeout_ms);
        rd_kafka_topic_destroy(rkt);
        if (err || md->topic_cnt != 1 || md->topics[0].err) {
                snprintf(errstr, errstr_size, "topic %s: %s", topic,
                         rd_kafka_err2str(err ? err : md->topic_cnt ? md->topics[0].err
                                                                    : RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC));
                goto out;
        }
        int np = md->topics[0].partition_cnt;
        rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(np);
        int64_t *high = calloc((size_t)np, sizeof(int64_t));
        int remaining = 0;
        for (int p = 0; p < np && high; p++) {
                int64_t lo = 0, hi = 0;
                int32_t pid = md->topics[0].partitions[p].id;
                /* a partition whose leader moves or is still being elected (a topic
                 * just created, a broker restarting) answers for a moment with a
                 * retriable error: made the alerter fatal (fault suite) */
                int64_t until = mono_ms() + timeout_ms;
                for (;;) {
                        err = rd_kafka_query_watermark_offsets(rk, topic, pid, &lo, &hi, timeout_ms);
                        if ((err != RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION &&
                             err != RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE &&
                             err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART &&
                             err != RD_KAFKA_RESP_ERR__TRANSPORT) ||
                            mono_ms() >= until)
                                break;
                        struct timespec pause = {0, 200 * 1000000L};
                        nanosleep(&pause, NULL);
                }
                if (err) {
                        snprintf(errstr, errstr_size, "topic %s [%d]: watermarks: %s", topic, pid,
                                 rd_kafka_err2str(err));
                        goto out_parts;
                }
                if (pid < np)
                        high[pid] = hi;
                if (hi > lo) {
                        rd_kafka_topic_partition_list_add(parts, topic, pid)->offset = lo;
                        remaining++;
                }
        }
        n = 0;
        if (remaining && (err = rd_kafka_assign(rk, parts))) {
                snprintf(errstr, errstr_size, "assign %s: %s", topic, rd_kafka_err2str(err));
                n = -1;
                goto out_parts;
        }
        while (remaining > 0) {
                int64_t left = deadline - mono_ms();
                if (left <= 0) {
                        snprintf(errstr, errstr_size, "reading %s timed out", topic);
                        n = -1;
                        break;
                }
                rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, (int)(left < 200 ? left : 200));
                if (!m)
                        continue;
                if (!m->err) {
                        cb(m, opaque);
                        n++;
                } else if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF && m->partition < np &&
                           high[m->partition] != INT64_MAX) {
                        /* transaction markers are never delivered and an open
                         * transaction holds read_committed readers at the last
                         * stable offset: only EOF says a partition is read */
                        remaining--;
                        high[m->partition] = INT64_MAX; /* count each partition once */
                }
                rd_kafka_message_destroy(m);
        }
out_parts:
        free(high);
        rd_kafka_topic_partition_list_destroy(parts);
out:
        if (md)
                rd_kafka_metadata_destroy(md);
        rd_kafka_consumer_close(rk);
        rd_kafka_destroy(rk);
        free(op);
        return n;
}
