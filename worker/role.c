/*
 * role.c - the shared machinery of a Kafka role (see role.h).
 *
 * Phases of a role: subscribe → loop (serve delivery reports, apply
 * backpressure, poll one message, hand it to the role's handler, seal it)
 * → shutdown (flush within the bound, commit, leave the group).
 * Backpressure pauses every assigned partition while more than
 * worker.max_in_flight messages wait for acknowledgements, so memory does
 * not grow with the backlog and the poll loop keeps serving rebalances.
 * At-least-once: an input offset is stored only once all its outputs are
 * acknowledged (offsets.h). Exactly-once: outputs and input offsets commit
 * in one Kafka transaction; an abort rewinds to the committed offsets.
 */
#include "role.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "kafka.h"

int64_t nw_mono_ms(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void nw_fmt_i64(char *buf, size_t n, int64_t v) { snprintf(buf, n, "%lld", (long long)v); }

void nw_iso_now(char *buf, size_t size) {
        struct timeval tv;
        struct tm tm;
        gettimeofday(&tv, NULL);
        gmtime_r(&tv.tv_sec, &tm);
        size_t n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
        snprintf(buf + n, size - n, ".%03ldZ", (long)(tv.tv_usec / 1000));
}

/* ---------------------------------------------------------------- offsets */

static void release_input(nw_inflight_t *m, void *ctx) {
        role_t *r = ctx;
        if (m->opaque)
                rd_kafka_message_destroy(m->opaque);
        r->done++;
}

static void store_offset(role_t *r, int32_t partition, int64_t next) {
        if (next < 0)
                return;
        rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(l, r->topic, partition)->offset = next;
        rd_kafka_resp_err_t err = rd_kafka_offsets_store(r->consumer, l);
        if (err || l->elems[0].err) {
                char p[16], o[24];
                nw_fmt_i64(p, sizeof(p), partition);
                nw_fmt_i64(o, sizeof(o), next);
                /* a partition revoked meanwhile: its new owner re-reads from
                 * the last commit, which is at-least-once */
                nw_log(r->log, NW_LOG_DEBUG, "offset_store_skipped", "role", r->name, "topic", r->topic,
                       "partition", p, "offset", o,
                       "error", rd_kafka_err2str(err ? err : l->elems[0].err), NULL);
        }
        rd_kafka_topic_partition_list_destroy(l);
}

/* ---------------------------------------------------------------- produce */

/* Produces one output of m; value is taken (freed by librdkafka or here on
 * failure) when take_value. headers are taken on success. Blocks only while
 * the producer queue is full, serving delivery reports meanwhile. Returns 0
 * or -1 (logged). */
int nw_role_produce(role_t *r, nw_inflight_t *m0, const char *topic, const void *key,
                   size_t key_len, void *value, size_t len, int take_value,
                   rd_kafka_headers_t *headers) {
        /* in exactly-once mode the transaction, not the delivery report,
         * acknowledges outputs: they are not tracked per message */
        nw_inflight_t *m = r->eos ? NULL : m0;
        if (m)
                nw_offsets_add_pending(m);
        for (;;) {
                rd_kafka_resp_err_t err = rd_kafka_producev(
                        r->producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_KEY(key, key_len),
                        RD_KAFKA_V_VALUE(value, len),
                        RD_KAFKA_V_MSGFLAGS(take_value ? RD_KAFKA_MSG_F_FREE : RD_KAFKA_MSG_F_COPY),
                        RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE(m), RD_KAFKA_V_END);
                if (!err)
                        return 0;
                if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                        rd_kafka_poll(r->producer, 100);
                        continue;
                }
                if (m)
                        m->pending--;
                if (take_value)
                        free(value);
                if (headers)
                        rd_kafka_headers_destroy(headers);
                nw_log(r->log, NW_LOG_ERROR, "produce_failed", "role", r->name, "topic", topic,
                       "error", rd_kafka_err2str(err), NULL);
                return -1;
        }
}

/* The producer's message.max.bytes less room for headers: librdkafka refuses
 * a larger message at produce time, which would make the worker fatal on one
 * message and re-read it after every restart. */
size_t nw_role_max_value(role_t *r, size_t key_len) {
        char buf[32];
        size_t n = sizeof(buf);
        long long max = 1000000;
        if (rd_kafka_conf_get(rd_kafka_conf(r->producer), "message.max.bytes", buf, &n) ==
            RD_KAFKA_CONF_OK)
                max = atoll(buf);
        long long room = max - (long long)key_len - 8192;
        return room > 0 ? (size_t)room : 0;
}

/* Sends the input of m to the dead-letter topic, unchanged, with the reason
 * in headers; an input too large for the producer is cut to fit and gets the
 * header newsworker.error.truncated = its original size in bytes. */
int nw_role_produce_dlq(role_t *r, nw_inflight_t *m, const rd_kafka_message_t *in,
                       const char *reason, const char *message) {
        rd_kafka_headers_t *h = rd_kafka_headers_new(6);
        size_t len = in->len;
        if (len > (512u << 10) && len > nw_role_max_value(r, in->key_len)) {
                char t[24];
                nw_fmt_i64(t, sizeof(t), (int64_t)in->len);
                rd_kafka_header_add(h, "newsworker.error.truncated", -1, t, -1);
                len = nw_role_max_value(r, in->key_len);
        }
        char p[16], o[24];
        nw_fmt_i64(p, sizeof(p), in->partition);
        nw_fmt_i64(o, sizeof(o), in->offset);
        rd_kafka_header_add(h, "newsworker.error.reason", -1, reason, -1);
        rd_kafka_header_add(h, "newsworker.error.message", -1, message, -1);
        rd_kafka_header_add(h, "newsworker.source.topic", -1, rd_kafka_topic_name(in->rkt), -1);
        rd_kafka_header_add(h, "newsworker.source.partition", -1, p, -1);
        rd_kafka_header_add(h, "newsworker.source.offset", -1, o, -1);
        nw_log(r->log, NW_LOG_WARN, "dead_lettered", "topic", rd_kafka_topic_name(in->rkt),
               "partition", p, "offset", o, "reason", reason, "message", message, NULL);
        r->stats.dlq++;
        nw_metrics_article(r->metrics, 1);
        return nw_role_produce(r, m, r->cfg->topic_dlq, in->key, in->key_len, in->payload, len, 0, h);
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *rkm, void *opaque) {
        (void)rk;
        role_t *r = opaque;
        nw_inflight_t *m = rkm->_private;
        const char *topic = rd_kafka_topic_name(rkm->rkt);
        if (!rkm->err)
                nw_metrics_produced(r->metrics, topic);
        if (r->eos) {
                /* the transaction's commit is the acknowledgement: a failed
                 * delivery makes commit_transaction fail, which aborts */
                if (rkm->err)
                        nw_log(r->log, NW_LOG_WARN, "delivery_failed", "role", r->name, "topic", topic,
                               "error", rd_kafka_err2str(rkm->err), NULL);
                return;
        }
        if (!m)
                return;
        int ok = 1;
        if (rkm->err) {
                nw_log(r->log, r->shutting_down ? NW_LOG_WARN : NW_LOG_ERROR, "delivery_failed",
                       "role", r->name, "topic", topic, "error", rd_kafka_err2str(rkm->err), NULL);
                if (!r->shutting_down && !r->is_alerter && strcmp(topic, r->cfg->topic_dlq) &&
                    m->opaque) {
                        /* the record cannot be written (e.g. too large for the
                         * broker): dead-letter the input instead of losing it */
                        if (nw_role_produce_dlq(r, m, m->opaque, "produce_failed", rd_kafka_err2str(rkm->err)))
                                ok = 0;
                } else {
                        ok = 0;
                }
                if (!ok && !r->shutting_down) {
                        nw_log(r->log, NW_LOG_ERROR, "fatal_delivery_failure", "role", r->name,
                               "topic", topic, NULL);
                        r->fatal = 1;
                }
        } else if (r->is_alerter && !strcmp(topic, r->cfg->topic_alerts)) {
                nw_alerter_delivered(r, rkm);
        }
        int32_t part = m->partition;
        store_offset(r, part, nw_offsets_ack(r->offsets, m, ok));
}

/* ---------------------------------------------------------------- transactions */

static int txn_begin(role_t *r) {
        if (r->in_txn)
                return 0;
        rd_kafka_error_t *e = rd_kafka_begin_transaction(r->producer);
        if (e) {
                nw_log(r->log, NW_LOG_ERROR, "begin_transaction_failed", "role", r->name,
                       "error", rd_kafka_error_string(e), NULL);
                rd_kafka_error_destroy(e);
                return -1;
        }
        r->in_txn = 1;
        r->txn_started_ms = nw_mono_ms();
        r->txn_messages = 0;
        if (r->txn_pos)
                rd_kafka_topic_partition_list_destroy(r->txn_pos);
        r->txn_pos = rd_kafka_topic_partition_list_new(8);
        return 0;
}

static void txn_note_input(role_t *r, const rd_kafka_message_t *rkm) {
        rd_kafka_topic_partition_t *p = rd_kafka_topic_partition_list_find(
                r->txn_pos, rd_kafka_topic_name(rkm->rkt), rkm->partition);
        if (!p)
                p = rd_kafka_topic_partition_list_add(r->txn_pos, rd_kafka_topic_name(rkm->rkt),
                                                      rkm->partition);
        p->offset = rkm->offset + 1;
        r->txn_messages++;
}

/* Seeks every assigned partition back to its committed offset: after an
 * abort, the aborted messages are read and processed again. */
static void rewind_to_committed(role_t *r) {
        rd_kafka_topic_partition_list_t *a = NULL;
        if (rd_kafka_assignment(r->consumer, &a) || !a)
                return;
        if (a->cnt && !rd_kafka_committed(r->consumer, a, 10000)) {
                for (int i = 0; i < a->cnt; i++)
                        if (a->elems[i].offset < 0)
                                a->elems[i].offset = RD_KAFKA_OFFSET_BEGINNING;
                rd_kafka_error_t *e = rd_kafka_seek_partitions(r->consumer, a, 10000);
                if (e) {
                        nw_log(r->log, NW_LOG_ERROR, "rewind_failed", "role", r->name, "error",
                               rd_kafka_error_string(e), NULL);
                        rd_kafka_error_destroy(e);
                        r->fatal = 1;
                } else {
                        nw_log(r->log, NW_LOG_WARN, "rewound_to_committed", "role", r->name, NULL);
                }
        }
        rd_kafka_topic_partition_list_destroy(a);
}

/* The transactions of r's producer: init_transactions, retried while the
 * broker cannot serve them (its transaction coordinator unreachable,
 * unavailable or loading, e.g. transaction.state.log.replication.factor
 * above the live brokers) until the run stops; a fatal answer (e.g.
 * transaction.timeout.ms above the broker's transaction.max.timeout.ms)
 * fails at once. starting: tell readiness the role waits on it. Returns 0,
 * or -1 with err. */
static int init_transactions(role_t *r, int starting, char *err, size_t err_size) {
        if (starting)
                nw_metrics_role_starting(r->mrole, "init_transactions", NULL);
        for (;;) {
                char e[400];
                int rc = nw_kafka_init_transactions(r->producer, 2000, e, sizeof(e));
                if (!rc)
                        return 0;
                if (rc < 0 || nw_stop_requested(r->stop)) {
                        int n = snprintf(err, err_size, "init_transactions (%s): ", r->txn_id);
                        if (n >= 0 && (size_t)n < err_size)
                                snprintf(err + n, err_size - (size_t)n, "%s", e);
                        return -1;
                }
                nw_log(r->log, NW_LOG_WARN, "init_transactions_retry", "role", r->name,
                       "transactional_id", r->txn_id, "error", e, NULL);
                if (starting)
                        nw_metrics_role_starting(r->mrole, "init_transactions", e);
        }
}

/* A fenced or fatally failed producer is replaced, not retried forever. */
static void recreate_producer(role_t *r) {
        char err[512];
        nw_log(r->log, NW_LOG_WARN, "producer_recreated", "role", r->name, "transactional_id",
               r->txn_id, NULL);
        rd_kafka_purge(r->producer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        rd_kafka_destroy(r->producer);
        r->producer = nw_kafka_producer_new(r->cfg, r->log, r->txn_id, on_delivery, r, err, sizeof(err));
        if (!r->producer || init_transactions(r, 0, err, sizeof(err))) {
                nw_log(r->log, NW_LOG_ERROR, "producer_failed", "role", r->name, "error", err, NULL);
                r->fatal = 1;
        }
}

/* Aborts the open transaction and rewinds the input. */
static void txn_abort(role_t *r, const char *why) {
        nw_log(r->log, NW_LOG_WARN, "transaction_aborted", "role", r->name, "reason", why, NULL);
        rd_kafka_error_t *e = rd_kafka_abort_transaction(r->producer, (int)r->cfg->shutdown_timeout_ms);
        int recreate = 0;
        if (e) {
                recreate = 1; /* cannot even abort: start over with a new producer */
                nw_log(r->log, NW_LOG_ERROR, "abort_transaction_failed", "role", r->name, "error",
                       rd_kafka_error_string(e), NULL);
                rd_kafka_error_destroy(e);
        }
        r->in_txn = 0;
        nw_alerter_end_transaction(r, 0);
        if (recreate)
                recreate_producer(r);
        if (r->is_alerter)
                r->need_restore = 1; /* forget the keys of aborted alerts */
        if (!r->fatal)
                rewind_to_committed(r);
}

/* Commits the open transaction with the input offsets. Returns 0, or -1
 * after an abort (already rewound) or a recreated producer. */
static int txn_commit(role_t *r) {
        if (!r->in_txn)
                return 0;
        rd_kafka_error_t *e = NULL;
        if (r->txn_pos->cnt) {
                rd_kafka_consumer_group_metadata_t *md = rd_kafka_consumer_group_metadata(r->consumer);
                /* a retriable failure (a broker outage) is retried here: the
                 * commit below must never go without the offsets, or it commits
                 * the outputs while the inputs are read again (duplicates in
                 * read_committed output, found by the fault suite) */
                for (int tries = 0;; tries++) {
                        e = rd_kafka_send_offsets_to_transaction(r->producer, r->txn_pos, md,
                                                                 (int)r->cfg->shutdown_timeout_ms);
                        if (!e || !rd_kafka_error_is_retriable(e) || tries >= 5)
                                break;
                        rd_kafka_error_destroy(e);
                }
                rd_kafka_consumer_group_metadata_destroy(md);
        }
        int offsets_sent = !e; /* otherwise abort (or recreate), below */
        for (int tries = 0; offsets_sent && (!e || rd_kafka_error_is_retriable(e)); tries++) {
                if (e) {
                        rd_kafka_error_destroy(e);
                        e = NULL;
                        if (tries > 5)
                                break;
                }
                e = rd_kafka_commit_transaction(r->producer, (int)r->cfg->shutdown_timeout_ms);
                if (!e) {
                        r->in_txn = 0;
                        nw_alerter_end_transaction(r, 1);
                        return 0;
                }
        }
        const char *es = e ? rd_kafka_error_string(e) : "commit retries exhausted";
        nw_log(r->log, NW_LOG_ERROR, "commit_transaction_failed", "role", r->name, "error", es, NULL);
        if (e && rd_kafka_error_is_fatal(e)) {
                rd_kafka_error_destroy(e);
                r->in_txn = 0;
                nw_alerter_end_transaction(r, 0);
                if (r->is_alerter)
                        r->need_restore = 1;
                recreate_producer(r);
                if (!r->fatal)
                        rewind_to_committed(r);
                return -1;
        }
        if (e)
                rd_kafka_error_destroy(e);
        txn_abort(r, "commit failed");
        return -1;
}

static int txn_due(const role_t *r) {
        return r->in_txn && (r->txn_messages >= r->cfg->transaction_max_messages ||
                             nw_mono_ms() - r->txn_started_ms >= r->cfg->transaction_ms);
}

/* ---------------------------------------------------------------- pool */

static void pool_process(void *ctx, void *job) { nw_consumer_prepare(ctx, job); }

/* A pool thread finished the oldest job: end the polling thread's wait. */
static void pool_notify(void *arg) {
        role_t *r = arg;
        if (r->cq)
                rd_kafka_queue_yield(r->cq);
}

/* Produces the outputs of every finished job, in submission order, and
 * seals their messages; waits up to timeout_ms for the oldest. After a
 * fatal error the outputs are dropped and the messages left unsealed: their
 * offsets are never stored, they are read again (at-least-once). */
static void pool_reap(role_t *r, int timeout_ms) {
        nw_job_t *j;
        while ((j = nw_pool_take(r->pool, timeout_ms))) {
                timeout_ms = 0;
                if (!r->fatal) {
                        nw_consumer_emit(r, j);
                        nw_metrics_role_progress(r->mrole, nw_mono_ms());
                }
                if (!r->fatal) {
                        int32_t part = j->m->partition;
                        store_offset(r, part, nw_offsets_seal(r->offsets, j->m));
                }
                nw_output_clear(&j->out);
                free(j);
        }
}

/* ---------------------------------------------------------------- rebalance */

static void on_rebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err,
                         rd_kafka_topic_partition_list_t *parts, void *opaque) {
        role_t *r = opaque;
        int coop = !strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE");
        char list[512] = "";
        size_t o = 0;
        for (int i = 0; i < parts->cnt && o + 16 < sizeof(list); i++)
                o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%d", i ? "," : "", parts->elems[i].partition);
        rd_kafka_error_t *e = NULL;
        r->fetch_armed = 0; /* the assignment changes: nothing to restart */
        if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
                r->stats.rebalances++;
                nw_metrics_rebalance(r->metrics);
                nw_log(r->log, NW_LOG_INFO, "partitions_assigned", "role", r->name, "topic", r->topic,
                       "partitions", list, "protocol", rd_kafka_rebalance_protocol(rk), NULL);
                if (coop)
                        e = rd_kafka_incremental_assign(rk, parts);
                else
                        rd_kafka_assign(rk, parts);
                if (r->paused)
                        rd_kafka_pause_partitions(rk, parts);
                if (r->restore)
                        r->need_restore = 1;
        } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
                r->stats.rebalances++;
                int lost = rd_kafka_assignment_lost(rk);
                nw_log(r->log, lost ? NW_LOG_WARN : NW_LOG_INFO,
                       lost ? "partitions_lost" : "partitions_revoked", "role", r->name, "topic", r->topic,
                       "partitions", list, NULL);
                if (r->eos && r->in_txn) {
                        /* the transaction holds offsets of these partitions: it
                         * must end before they are given up */
                        if (lost)
                                txn_abort(r, "partitions lost");
                        else
                                txn_commit(r);
                } else if (!lost && !r->eos) {
                        /* drain: finish what is in flight for these partitions,
                         * then commit, so the next owner starts where we ended */
                        int64_t deadline = nw_mono_ms() + r->cfg->shutdown_timeout_ms;
                        for (;;) {
                                size_t left = 0;
                                for (int i = 0; i < parts->cnt; i++)
                                        left += nw_offsets_in_flight_partition(r->offsets, parts->elems[i].partition);
                                if (!left || nw_mono_ms() >= deadline)
                                        break;
                                if (r->pool)
                                        pool_reap(r, 10); /* extracted, not yet produced */
                                rd_kafka_poll(r->producer, r->pool ? 10 : 50);
                        }
                        rd_kafka_resp_err_t cerr = rd_kafka_commit(rk, NULL, 0);
                        if (cerr && cerr != RD_KAFKA_RESP_ERR__NO_OFFSET)
                                nw_log(r->log, NW_LOG_WARN, "commit_failed", "role", r->name,
                                       "error", rd_kafka_err2str(cerr), NULL);
                }
                if (r->on_revoke)
                        r->on_revoke(r, parts);
                if (coop)
                        e = rd_kafka_incremental_unassign(rk, parts);
                else
                        rd_kafka_assign(rk, NULL);
        } else {
                nw_log(r->log, NW_LOG_ERROR, "rebalance_failed", "role", r->name,
                       "error", rd_kafka_err2str(err), NULL);
                rd_kafka_assign(rk, NULL);
        }
        rd_kafka_topic_partition_list_t *now = NULL;
        if (!rd_kafka_assignment(rk, &now) && now) {
                nw_metrics_role_assigned(r->mrole, now->cnt, nw_mono_ms());
                rd_kafka_topic_partition_list_destroy(now);
        }
        if (e) {
                nw_log(r->log, NW_LOG_ERROR, "assign_failed", "role", r->name, "error",
                       rd_kafka_error_string(e), NULL);
                rd_kafka_error_destroy(e);
        }
}

/* librdkafka statistics (statistics.interval.ms) of the consumer: lag and
 * connectivity for /metrics and /readyz. Runs inside the consumer poll. */
static int on_stats(rd_kafka_t *rk, char *json, size_t len, void *opaque) {
        (void)rk;
        role_t *r = opaque;
        nw_metrics_role_stats(r->mrole, json, len, nw_mono_ms());
        return 0; /* librdkafka frees json */
}

/* ---------------------------------------------------------------- loop */

static void set_paused(role_t *r, int pause) {
        rd_kafka_topic_partition_list_t *a = NULL;
        if (rd_kafka_assignment(r->consumer, &a))
                return;
        if (pause)
                rd_kafka_pause_partitions(r->consumer, a);
        else
                rd_kafka_resume_partitions(r->consumer, a);
        rd_kafka_topic_partition_list_destroy(a);
        r->paused = pause;
        r->fetch_armed = 0; /* a resume restarts the fetch anyway */
        /* frequent under load: debug, and counted in the metrics' lag */
        nw_log(r->log, NW_LOG_DEBUG, pause ? "backpressure_paused" : "backpressure_resumed",
               "role", r->name, NULL);
}

/* Wakes librdkafka's fetcher, stopped on a full queue (kafka.h), now that
 * the queue is (nearly) drained, rather than up to 1 s later. A toppar op
 * (pause, resume, seek) waits for the broker thread's next wake-up as well;
 * a request to the partition leaders wakes it at once, and its loop then
 * sees the queue below the thresholds and fetches on from where it stopped:
 * nothing is refetched, skipped or repeated. The request is a ListOffsets
 * (offsets_for_times at the log end), answered in about a round trip; its
 * answer is not used. */
static void wake_fetcher(role_t *r) {
        r->fetch_armed = 0;
        rd_kafka_topic_partition_list_t *a = NULL;
        if (rd_kafka_assignment(r->consumer, &a) || !a)
                return;
        if (a->cnt) {
                for (int i = 0; i < a->cnt; i++)
                        a->elems[i].offset = RD_KAFKA_OFFSET_END;
                rd_kafka_offsets_for_times(r->consumer, a, 100);
                r->stats.fetch_restarts++;
                nw_log(r->log, NW_LOG_DEBUG, "fetch_restarted", "role", r->name, NULL);
        }
        rd_kafka_topic_partition_list_destroy(a);
}

/* Called for every message handed out; every 16 messages (the queue length
 * takes a mutex) notes whether the queue is full enough to have stopped the
 * fetcher, and wakes it once the queue is down to a quarter. */
static void note_prefetch(role_t *r, size_t len) {
        r->avg_len = r->avg_len ? (r->avg_len * 15 + len) / 16 : len;
        if (!r->cq || (++r->polled & 15))
                return;
        int level = nw_kafka_prefetch_level(&r->prefetch, rd_kafka_queue_length(r->cq), r->avg_len);
        if (!r->fetch_armed && level >= NW_PREFETCH_STOPPED)
                r->fetch_armed = 1;
        else if (r->fetch_armed && level <= NW_PREFETCH_REFILL)
                wake_fetcher(r);
}

int nw_role_loop(role_t *r) {
        rd_kafka_topic_partition_list_t *sub = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(sub, r->topic, RD_KAFKA_PARTITION_UA);
        rd_kafka_resp_err_t err = rd_kafka_subscribe(r->consumer, sub);
        rd_kafka_topic_partition_list_destroy(sub);
        if (err) {
                nw_log(r->log, NW_LOG_ERROR, "subscribe_failed", "role", r->name, "topic", r->topic,
                       "error", rd_kafka_err2str(err), NULL);
                return 1;
        }
        char group[300];
        if (r->kind == NW_KIND_CONSUMER)
                snprintf(group, sizeof(group), "%s", nw_config_kafka_get(r->cfg, "group.id"));
        else
                snprintf(group, sizeof(group), "%s-%s", nw_config_kafka_get(r->cfg, "group.id"), r->name);
        nw_log(r->log, NW_LOG_INFO, "started", "role", r->name, "topic", r->topic, "group", group, NULL);
        size_t high = (size_t)r->cfg->max_in_flight;
        nw_metrics_role_started(r->mrole);
        while (!nw_stop_requested(r->stop) && !r->fatal && !(r->max_messages && r->done >= r->max_messages)) {
                rd_kafka_poll(r->producer, 0);
                int pending = 0;
                if (r->pool) {
                        pool_reap(r, 0);
                        if (nw_pool_full(r->pool)) {
                                /* the ring is full: wait for its first half
                                 * (pool.c wakes us then), then serve the
                                 * producer */
                                pool_reap(r, 5);
                                continue;
                        }
                        pending = nw_pool_pending(r->pool) > 0;
                }
                size_t inflight = nw_offsets_in_flight(r->offsets);
                if (!r->paused && inflight >= high)
                        set_paused(r, 1);
                else if (r->paused && inflight <= high / 2)
                        set_paused(r, 0);
                rd_kafka_message_t *rkm;
                if (r->paused) {
                        /* nothing will be fetched: wait on the delivery reports
                         * that free the window, and still serve rebalances */
                        rd_kafka_poll(r->producer, pending ? 10 : (int)r->cfg->poll_timeout_ms);
                        rkm = rd_kafka_consumer_poll(r->consumer, 0);
                } else if (r->fetch_armed) {
                        /* the fetcher has stopped on a full queue and the
                         * queue may run dry between two checks: wake the
                         * fetcher if it does (on_rebalance, served inside
                         * the poll, disarms) */
                        rkm = rd_kafka_consumer_poll(r->consumer, 0);
                        if (!rkm && r->fetch_armed) {
                                wake_fetcher(r);
                                rkm = rd_kafka_consumer_poll(r->consumer, (int)r->cfg->poll_timeout_ms);
                        }
                } else {
                        /* with jobs out, a finished one ends the wait
                         * (pool_notify); the cap is a fallback */
                        int t = (int)r->cfg->poll_timeout_ms;
                        rkm = rd_kafka_consumer_poll(r->consumer, pending && t > 10 ? 10 : t);
                }
                if (r->need_restore) {
                        /* a new assignment: rebuild the alerted keys before
                         * judging any message (the poll that assigned may
                         * already return one); alerts in flight are part of
                         * the state, so they are flushed first */
                        rd_kafka_flush(r->producer, (int)r->cfg->shutdown_timeout_ms);
                        if (r->restore && r->restore(r)) {
                                if (rkm)
                                        rd_kafka_message_destroy(rkm);
                                r->fatal = 1;
                                break;
                        }
                        r->need_restore = 0;
                }
                if (!rkm) {
                        if (r->eos && txn_due(r))
                                txn_commit(r);
                        continue;
                }
                if (rkm->err) {
                        const char *es = rd_kafka_message_errstr(rkm);
                        int fatal = rkm->err == RD_KAFKA_RESP_ERR__FATAL;
                        if (rkm->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
                                nw_log(r->log, fatal ? NW_LOG_ERROR : NW_LOG_WARN, "consumer_error",
                                       "role", r->name, "error", es, NULL);
                        if (fatal)
                                r->fatal = 1;
                        rd_kafka_message_destroy(rkm);
                        continue;
                }
                note_prefetch(r, rkm->len);
                nw_inflight_t *m = nw_offsets_track(r->offsets, rkm->partition, rkm->offset);
                if (!m) {
                        rd_kafka_message_destroy(rkm);
                        nw_log(r->log, NW_LOG_ERROR, "out_of_memory", "role", r->name, NULL);
                        r->fatal = 1;
                        break;
                }
                m->opaque = rkm; /* released with m */
                if (r->pool) {
                        /* extracted on a pool thread; produced and sealed
                         * in order by pool_reap (never in exactly-once) */
                        nw_job_t *j = calloc(1, sizeof(*j));
                        if (j) {
                                j->m = m;
                                j->rkm = rkm;
                        }
                        if (!j || nw_pool_submit(r->pool, j)) {
                                free(j);
                                nw_log(r->log, NW_LOG_ERROR, "out_of_memory", "role", r->name, NULL);
                                r->fatal = 1;
                                break;
                        }
                        continue;
                }
                if (r->eos) {
                        if (txn_begin(r)) {
                                r->fatal = 1;
                                nw_offsets_seal(r->offsets, m);
                                break;
                        }
                        txn_note_input(r, rkm);
                }
                r->handler(r, m, rkm);
                if (r->fatal) {
                        /* e.g. an output that could not be produced (its
                         * pending count undone): sealing m now could store
                         * its offset with that output missing. Left unsealed,
                         * its partition's position stops before it and it is
                         * read again (at-least-once; as pool_reap does) */
                        break;
                }
                nw_metrics_role_progress(r->mrole, nw_mono_ms());
                int32_t part = m->partition;
                int64_t next = nw_offsets_seal(r->offsets, m);
                if (!r->eos)
                        store_offset(r, part, next);
                if (r->eos && txn_due(r))
                        txn_commit(r);
        }
        /* jobs still out: produce what was extracted (dropped after a fatal
         * error); each finishes in bounded time */
        while (r->pool && nw_pool_pending(r->pool))
                pool_reap(r, 100);
        return r->fatal ? 1 : 0;
}

/* Finish in-flight work, commit, leave the group, within the bound. */
void nw_role_shutdown(role_t *r) {
        int64_t deadline = nw_mono_ms() + r->cfg->shutdown_timeout_ms;
        /* endpoint threads write delivery state: stop them while the producer lives */
        if (r->dispatcher)
                nw_dispatcher_stop(r, r->cfg->shutdown_timeout_ms / 2);
        char n[24];
        nw_fmt_i64(n, sizeof(n), (int64_t)nw_offsets_in_flight(r->offsets));
        nw_log(r->log, NW_LOG_INFO, "stopping", "role", r->name, "in_flight", n, NULL);
        if (r->eos) {
                if (r->in_txn && !r->fatal)
                        txn_commit(r);
                else if (r->in_txn)
                        txn_abort(r, "fatal error");
        }
        int64_t left = deadline - nw_mono_ms();
        rd_kafka_resp_err_t ferr = rd_kafka_flush(r->producer, (int)(left > 0 ? left * 2 / 3 : 0));
        r->shutting_down = 1;
        if (ferr) {
                nw_log(r->log, NW_LOG_WARN, "flush_timed_out", "role", r->name, "note",
                       "unacknowledged inputs stay uncommitted and will be re-read", NULL);
                rd_kafka_purge(r->producer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
                rd_kafka_poll(r->producer, 0);
        }
        rd_kafka_resp_err_t cerr = r->eos ? 0 : rd_kafka_commit(r->consumer, NULL, 0);
        if (cerr && cerr != RD_KAFKA_RESP_ERR__NO_OFFSET)
                nw_log(r->log, NW_LOG_WARN, "commit_failed", "role", r->name, "error",
                       rd_kafka_err2str(cerr), NULL);
        /* librdkafka < 2.3 asserts in rd_kafka_destroy() when a
         * cooperative-sticky member is destroyed between joining and its
         * first assignment (confluentinc/librdkafka#4312): a SIGTERM during
         * the first join aborted the worker. Let that assignment arrive,
         * bounded, before leaving; messages polled meanwhile are dropped
         * unprocessed (their offsets are never stored). */
        int64_t until = nw_mono_ms() + 5000 < deadline ? nw_mono_ms() + 5000 : deadline;
        while (r->stats.rebalances == 0 && nw_mono_ms() < until) {
                rd_kafka_message_t *rkm = rd_kafka_consumer_poll(r->consumer, 100);
                if (rkm)
                        rd_kafka_message_destroy(rkm);
        }
        rd_kafka_consumer_close(r->consumer);
        char fr[24];
        nw_fmt_i64(n, sizeof(n), r->stats.consumed);
        nw_fmt_i64(fr, sizeof(fr), r->stats.fetch_restarts);
        nw_log(r->log, NW_LOG_INFO, "stopped", "role", r->name, "consumed", n, "fetch_restarts", fr, NULL);
}

void nw_role_destroy(role_t *r) {
        nw_pool_destroy(r->pool); /* its jobs were taken back by nw_role_loop */
        for (size_t i = 0; i < r->n_pipes; i++)
                nw_pipeline_destroy(r->pipes[i]);
        free(r->pipes);
        nw_offsets_destroy(r->offsets); /* releases held messages: before the consumer goes */
        if (r->cq)
                rd_kafka_queue_destroy(r->cq);
        if (r->consumer)
                rd_kafka_destroy(r->consumer);
        if (r->producer)
                rd_kafka_destroy(r->producer);
        nw_pipeline_destroy(r->pipe);
        if (r->dispatcher)
                nw_dispatcher_destroy(r);
        json_decref(r->alerted);
        nw_alerter_end_transaction(r, 0);
        free(r->txn_alerts);
        if (r->txn_pos)
                rd_kafka_topic_partition_list_destroy(r->txn_pos);
}

const char *nw_role_name(nw_role_kind_t kind) {
        static const char *const names[] = {"worker", "alerter", "dispatcher"};
        return names[kind];
}

const char *nw_role_topic(const nw_config_t *cfg, nw_role_kind_t kind) {
        return kind == NW_KIND_CONSUMER ? cfg->topic_input
             : kind == NW_KIND_ALERTER ? cfg->topic_summits : cfg->topic_alerts;
}

int nw_role_init(role_t *r, const nw_config_t *cfg, const nw_stop_t *stop,
                 nw_role_kind_t kind, const nx_engine_t *eng, nw_metrics_t *metrics,
                 nw_metrics_role_t *mrole) {
        char err[512], group[300];
        int alerter = kind == NW_KIND_ALERTER;
        memset(r, 0, sizeof(*r));
        r->log = &cfg->log;
        r->cfg = cfg;
        r->stop = stop;
        r->kind = kind;
        r->is_alerter = alerter;
        r->name = nw_role_name(kind);
        r->topic = nw_role_topic(cfg, kind);
        r->metrics = metrics;
        r->mrole = mrole;
        nw_metrics_role_starting(mrole, "init", NULL);
        r->handler = kind == NW_KIND_CONSUMER ? nw_consumer_handle
                   : alerter ? nw_alerter_handle : nw_dispatcher_handle;
        if (alerter)
                r->restore = nw_alerter_restore;
        if (kind == NW_KIND_DISPATCHER) {
                r->restore = nw_dispatcher_restore;
                r->on_revoke = nw_dispatcher_revoke;
        }
        snprintf(group, sizeof(group), "%s-%s", nw_config_kafka_get(cfg, "group.id"), r->name);
        r->offsets = nw_offsets_new(release_input, r);
        if (alerter)
                r->alerted = json_object();
        else if (kind == NW_KIND_CONSUMER)
                r->pipe = nw_pipeline_new(cfg, eng, err, sizeof(err));
        if (!r->offsets || (kind == NW_KIND_CONSUMER && !r->pipe) || (alerter && !r->alerted)) {
                nw_log(r->log, NW_LOG_ERROR, "init_failed", "role", r->name, "error", "out of memory", NULL);
                return -1;
        }
        /* the alerter has its own guarantee (alerts.guarantee); the
         * dispatcher's outputs are HTTP calls and state records written from
         * its endpoint threads, outside any transaction: at-least-once */
        r->eos = kind == NW_KIND_CONSUMER ? cfg->guarantee == NW_EXACTLY_ONCE
               : alerter ? cfg->alerts_guarantee == NW_EXACTLY_ONCE : 0;
        if (r->eos) {
                char host[128] = "host";
                gethostname(host, sizeof(host) - 1);
                if (*cfg->transactional_id)
                        snprintf(r->txn_id, sizeof(r->txn_id), "%s-%s", cfg->transactional_id, r->name);
                else
                        snprintf(r->txn_id, sizeof(r->txn_id), "%s-%s-%s-%ld",
                                 nw_config_kafka_get(cfg, "group.id"), host, r->name, (long)getpid());
        }
        r->producer = nw_kafka_producer_new(cfg, r->log, r->eos ? r->txn_id : NULL, on_delivery, r,
                                            err, sizeof(err));
        if (r->producer && r->eos && init_transactions(r, 1, err, sizeof(err))) {
                if (nw_stop_requested(stop)) { /* a stop during start-up: no failure */
                        nw_log(r->log, NW_LOG_INFO, "start_abandoned", "role", r->name, "step",
                               "init_transactions", NULL);
                        return -1;
                }
                nw_log(r->log, NW_LOG_ERROR, "init_failed", "role", r->name, "error", err, NULL);
                return -1;
        }
        if (r->producer)
                r->consumer = nw_kafka_consumer_new(cfg, r->log, kind == NW_KIND_CONSUMER ? NULL : group,
                                                    r->eos, on_rebalance, r, on_stats, err, sizeof(err));
        if (r->consumer) {
                r->cq = rd_kafka_queue_get_consumer(r->consumer);
                nw_kafka_prefetch_limits(r->consumer, &r->prefetch);
        }
        if (r->consumer && kind == NW_KIND_CONSUMER && !r->eos && cfg->extract_threads > 0) {
                size_t n = (size_t)cfg->extract_threads;
                r->pipes = calloc(n, sizeof(*r->pipes));
                for (size_t i = 0; r->pipes && i < n; i++, r->n_pipes++)
                        if (!(r->pipes[i] = nw_pipeline_new(cfg, eng, err, sizeof(err))))
                                break;
                /* a ring of 16 jobs per thread: threads never wait for the
                 * polling thread, and little is held (one record each) */
                if (r->pipes && r->n_pipes == n)
                        r->pool = nw_pool_new(n, (void *const *)r->pipes, pool_process, 16 * n,
                                              pool_notify, r);
                if (!r->pool) {
                        snprintf(err, sizeof(err), "cannot start %zu extraction threads", n);
                        r->fatal = 1;
                }
        }
        if (r->consumer && kind == NW_KIND_DISPATCHER && nw_dispatcher_init(r, err, sizeof(err)))
                r->fatal = 1;
        if (!r->producer || !r->consumer || r->fatal) {
                nw_log(r->log, NW_LOG_ERROR, "init_failed", "role", r->name, "error", err, NULL);
                return -1;
        }
        return 0;
}

