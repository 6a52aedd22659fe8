/*
 * dispatcher.c - the webhook dispatcher role: alerts in (topics.alerts),
 * one delivery per active endpoint out, never inside a poll loop.
 *
 * Each endpoint has its own delivery thread and queue (webhook.c), so a
 * slow or dead endpoint delays no other, and the poll loop only enqueues.
 * Delivery state lives in topics.webhooks, keyed by summit key like
 * topics.alerts and with the same partition count, so a partition of alerts
 * and its delivery state belong to the same dispatcher (co-partitioning,
 * as Kafka Streams does): {"key","partition","alert","endpoints":{NAME:
 * {"status":"pending|delivered|failed|disabled","attempts":N,
 * "next_at_ms":T}}}. An alert's input offset is committed once its first
 * state record is acknowledged; every attempt's outcome is written again
 * (compaction keeps the last). On assignment the state of the assigned
 * partitions is read back and pending deliveries resume where they were:
 * retries survive a restart. Settled alerts stay known, so an alert read
 * again after a crash is not delivered twice; a delivery in flight during a
 * crash may be repeated, with the same webhook-id, for the receiver to
 * deduplicate.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "kafka.h"
#include "role.h"

struct nw_dispatcher_s {
        pthread_mutex_t lock;
        json_t *states;  /* key -> state object (see above) */
        nw_webhook_t **hooks;
        const nw_endpoint_t **eps;
        size_t n;
        int stopped;
};

static int64_t wall_ms(void) {
        struct timeval tv;
        gettimeofday(&tv, NULL);
        return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static const char *status_name(nw_webhook_outcome_t o) {
        switch (o) {
        case NW_WH_DELIVERED: return "delivered";
        case NW_WH_RETRY: return "pending";
        case NW_WH_FAILED: return "failed";
        default: return "disabled";
        }
}

char *nw_dispatcher_payload(const nw_endpoint_t *ep, json_t *alert, size_t *len) {
        char *out;
        if (strcmp(ep->format, "slack")) {
                out = json_dumps(alert, JSON_COMPACT);
        } else {
                json_t *s = json_object_get(alert, "summit");
                json_t *a = json_object_get(alert, "article");
                const char *name = json_string_value(json_object_get(s, "name"));
                const char *key = json_string_value(json_object_get(alert, "key"));
                const char *date = json_string_value(json_object_get(s, "date"));
                const char *loc = json_string_value(json_object_get(s, "location"));
                const char *title = json_string_value(json_object_get(a, "title"));
                const char *url = json_string_value(json_object_get(a, "url"));
                char who[512] = "";
                size_t o = 0;
                json_t *p;
                size_t i;
                json_array_foreach(json_object_get(s, "participants"), i, p) {
                        if (json_is_string(p) && o + 64 < sizeof(who))
                                o += (size_t)snprintf(who + o, sizeof(who) - o, "%s%s", i ? ", " : "",
                                                      json_string_value(p));
                }
                char text[2048];
                snprintf(text, sizeof(text), "New summit: %s%s%s%s%s%s%s%s%s%s%s",
                         name ? name : key ? key : "?", *who ? " (" : "", who, *who ? ")" : "",
                         date ? ", " : "", date ? date : "", loc ? ", " : "", loc ? loc : "",
                         title ? " \xe2\x80\x94 " : "", title ? title : "", "");
                if (url && strlen(text) + strlen(url) + 2 < sizeof(text)) {
                        strcat(text, " ");
                        strcat(text, url);
                }
                json_t *t = json_pack("{s:s}", "text", text);
                out = json_dumps(t, JSON_COMPACT);
                json_decref(t);
        }
        if (out && len)
                *len = strlen(out);
        return out;
}

/* Writes the state of `key` to topics.webhooks (m: the alert being
 * acknowledged by it, or NULL). Under d->lock. */
static void persist(role_t *r, nw_inflight_t *m, const char *key, json_t *state) {
        char *v = json_dumps(state, JSON_COMPACT);
        if (!v) {
                r->fatal = 1;
                return;
        }
        if (nw_role_produce(r, m, r->cfg->topic_webhooks, key, strlen(key), v, strlen(v), 1, NULL))
                nw_log(r->log, NW_LOG_ERROR, "webhook_state_not_written", "key", key, NULL);
}

static int all_settled(json_t *state) {
        const char *name;
        json_t *e;
        json_object_foreach(json_object_get(state, "endpoints"), name, e) {
                if (!strcmp(json_string_value(json_object_get(e, "status")) ?: "", "pending"))
                        return 0;
        }
        return 1;
}

/* Endpoint thread: one attempt ended. */
static void on_done(void *opaque, const char *endpoint, const char *key, int32_t partition,
                    nw_webhook_outcome_t outcome, int attempts, int64_t delay_ms, long status) {
        role_t *r = opaque;
        nw_dispatcher_t *d = r->dispatcher;
        (void)partition;
        pthread_mutex_lock(&d->lock);
        json_t *state = json_object_get(d->states, key);
        json_t *e = state ? json_object_get(json_object_get(state, "endpoints"), endpoint) : NULL;
        if (e && !d->stopped) {
                json_object_set_new(e, "status", json_string(status_name(outcome)));
                json_object_set_new(e, "attempts", json_integer(attempts));
                json_object_set_new(e, "last_status", json_integer(status));
                json_object_set_new(e, "next_at_ms",
                                    outcome == NW_WH_RETRY ? json_integer(wall_ms() + delay_ms) : json_null());
                persist(r, NULL, key, state);
                if (all_settled(state))
                        /* keep a small tombstone-like marker: the key is settled */
                        json_object_set_new(d->states, key, json_pack("{s:b}", "settled", 1));
        }
        pthread_mutex_unlock(&d->lock);
}

int nw_dispatcher_init(role_t *r, char *errstr, size_t errstr_size) {
        nw_dispatcher_t *d = calloc(1, sizeof(*d));
        if (!d) {
                snprintf(errstr, errstr_size, "out of memory");
                return -1;
        }
        r->dispatcher = d;
        pthread_mutex_init(&d->lock, NULL);
        d->states = json_object();
        d->hooks = calloc(r->cfg->n_endpoints ? r->cfg->n_endpoints : 1, sizeof(*d->hooks));
        d->eps = calloc(r->cfg->n_endpoints ? r->cfg->n_endpoints : 1, sizeof(*d->eps));
        if (!d->states || !d->hooks || !d->eps) {
                snprintf(errstr, errstr_size, "out of memory");
                return -1;
        }
        for (size_t i = 0; i < r->cfg->n_endpoints; i++) {
                const nw_endpoint_t *ep = &r->cfg->endpoints[i];
                if (!*ep->url)
                        continue;
                nw_webhook_t *w = nw_webhook_new(ep, r->log, on_done, r, errstr, errstr_size);
                if (!w)
                        return -1;
                d->hooks[d->n] = w;
                d->eps[d->n] = ep;
                d->n++;
                nw_log(r->log, NW_LOG_INFO, "webhook_endpoint", "endpoint", ep->name, "format", ep->format,
                       "signed", *ep->secret ? "true" : "false", NULL); /* never the URL's secrets */
        }
        return 0;
}

/* Enqueues the pending deliveries of state. Under d->lock. */
static void schedule(role_t *r, const char *key, json_t *state) {
        nw_dispatcher_t *d = r->dispatcher;
        json_t *alert = json_object_get(state, "alert");
        int32_t part = (int32_t)json_integer_value(json_object_get(state, "partition"));
        for (size_t i = 0; i < d->n; i++) {
                json_t *e = json_object_get(json_object_get(state, "endpoints"), d->eps[i]->name);
                if (!e || strcmp(json_string_value(json_object_get(e, "status")) ?: "", "pending"))
                        continue;
                int attempts = (int)json_integer_value(json_object_get(e, "attempts"));
                json_t *na = json_object_get(e, "next_at_ms");
                int64_t delay = json_is_integer(na) ? json_integer_value(na) - wall_ms() : 0;
                size_t len;
                char *body = nw_dispatcher_payload(d->eps[i], alert, &len);
                if (body)
                        nw_webhook_enqueue(d->hooks[i], key, body, len, attempts, delay, part);
                free(body);
        }
}

void nw_dispatcher_handle(role_t *r, nw_inflight_t *m, const rd_kafka_message_t *rkm) {
        nw_dispatcher_t *d = r->dispatcher;
        r->stats.consumed++;
        if (!rkm->key || !rkm->key_len || !d->n)
                return; /* no key to deliver under, or no endpoint configured */
        char key[512];
        snprintf(key, sizeof(key), "%.*s", (int)rkm->key_len, (const char *)rkm->key);
        json_error_t jerr;
        json_t *alert = json_loadb(rkm->payload, rkm->len, 0, &jerr);
        if (!json_is_object(alert)) {
                nw_log(r->log, NW_LOG_WARN, "alert_invalid", "key", key, "error", jerr.text, NULL);
                json_decref(alert);
                return;
        }
        pthread_mutex_lock(&d->lock);
        if (json_object_get(d->states, key)) {
                /* known: in progress, or settled before a crash or rebalance */
                pthread_mutex_unlock(&d->lock);
                json_decref(alert);
                r->stats.duplicates_suppressed++;
                return;
        }
        json_t *eps = json_object();
        for (size_t i = 0; i < d->n; i++)
                json_object_set_new(eps, d->eps[i]->name, json_pack("{s:s,s:i}", "status", "pending", "attempts", 0));
        json_t *state = json_pack("{s:s,s:i,s:o,s:o}", "key", key, "partition", (int)rkm->partition,
                                  "alert", alert, "endpoints", eps);
        json_object_set_new(d->states, key, state);
        persist(r, m, key, state); /* the alert's offset waits for this record */
        schedule(r, key, state);
        pthread_mutex_unlock(&d->lock);
}

typedef struct restore_ctx_s {
        role_t *r;
        rd_kafka_topic_partition_list_t *assigned;
        json_t *latest; /* key -> last state read (or null for a tombstone) */
} restore_ctx_t;

static void restore_cb(const rd_kafka_message_t *m, void *opaque) {
        restore_ctx_t *c = opaque;
        if (!m->key || !m->key_len ||
            !rd_kafka_topic_partition_list_find(c->assigned, c->r->cfg->topic_alerts, m->partition))
                return;
        json_t *v = m->payload ? json_loadb(m->payload, m->len, 0, NULL) : NULL;
        json_object_setn_new_nocheck(c->latest, m->key, m->key_len, v ? v : json_null());
}

int nw_dispatcher_restore(role_t *r) {
        nw_dispatcher_t *d = r->dispatcher;
        char err[512];
        restore_ctx_t c = {r, NULL, json_object()};
        if (rd_kafka_assignment(r->consumer, &c.assigned)) {
                json_decref(c.latest);
                return -1;
        }
        long got = nw_kafka_read_topic(r->cfg, r->cfg->topic_webhooks, 60000, restore_cb, &c, err, sizeof(err));
        rd_kafka_topic_partition_list_destroy(c.assigned);
        if (got < 0) {
                nw_log(r->log, NW_LOG_ERROR, "dispatcher_restore_failed", "topic", r->cfg->topic_webhooks,
                       "error", err, NULL);
                json_decref(c.latest);
                return -1;
        }
        size_t resumed = 0, settled = 0;
        const char *key;
        json_t *v;
        pthread_mutex_lock(&d->lock);
        json_object_foreach(c.latest, key, v) {
                if (json_object_get(d->states, key) || !json_is_object(v))
                        continue; /* ours already, or deleted */
                if (all_settled(v)) {
                        json_object_set_new(d->states, key, json_pack("{s:b}", "settled", 1));
                        settled++;
                } else {
                        json_object_set(d->states, key, v);
                        schedule(r, key, v);
                        resumed++;
                }
        }
        pthread_mutex_unlock(&d->lock);
        json_decref(c.latest);
        char a[24], b[24];
        nw_fmt_i64(a, sizeof(a), (int64_t)resumed);
        nw_fmt_i64(b, sizeof(b), (int64_t)settled);
        nw_log(r->log, NW_LOG_INFO, "dispatcher_restored", "topic", r->cfg->topic_webhooks,
               "pending", a, "settled", b, NULL);
        return 0;
}

void nw_dispatcher_revoke(role_t *r, const rd_kafka_topic_partition_list_t *parts) {
        nw_dispatcher_t *d = r->dispatcher;
        /* the partitions' next owner resumes their deliveries from the state
         * topic: drop what is only queued here */
        for (int i = 0; i < parts->cnt; i++)
                for (size_t k = 0; k < d->n; k++)
                        nw_webhook_cancel_partition(d->hooks[k], parts->elems[i].partition);
        pthread_mutex_lock(&d->lock);
        const char *key;
        json_t *v;
        void *tmp;
        json_object_foreach_safe(d->states, tmp, key, v) {
                json_t *p = json_object_get(v, "partition");
                for (int i = 0; p && i < parts->cnt; i++)
                        if (json_integer_value(p) == parts->elems[i].partition) {
                                json_object_del(d->states, key);
                                break;
                        }
        }
        pthread_mutex_unlock(&d->lock);
}

void nw_dispatcher_metrics(role_t *r, nw_metrics_t *m) {
        nw_dispatcher_t *d = r->dispatcher;
        for (size_t i = 0; d && i < d->n; i++)
                nw_metrics_webhook_add(m, d->hooks[i], d->eps[i]->name);
}

void nw_dispatcher_stop(role_t *r, int64_t deadline_ms) {
        nw_dispatcher_t *d = r->dispatcher;
        if (!d)
                return;
        for (size_t i = 0; i < d->n; i++) {
                nw_metrics_webhook_remove(r->metrics, d->hooks[i]);
                nw_webhook_destroy(d->hooks[i], deadline_ms);
                d->hooks[i] = NULL;
        }
        pthread_mutex_lock(&d->lock);
        d->stopped = 1;
        pthread_mutex_unlock(&d->lock);
        d->n = 0;
}

void nw_dispatcher_destroy(role_t *r) {
        nw_dispatcher_t *d = r->dispatcher;
        if (!d)
                return;
        nw_dispatcher_stop(r, 0);
        json_decref(d->states);
        free(d->hooks);
        free(d->eps);
        pthread_mutex_destroy(&d->lock);
        free(d);
        r->dispatcher = NULL;
}
