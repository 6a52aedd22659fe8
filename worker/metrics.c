/*
 * metrics.c - the run's metrics and readiness (see metrics.h).
 *
 * Counters are C11 atomics so the poll loops never take a lock to count;
 * only the consumer-lag series (rewritten by each librdkafka statistics
 * document) and the webhook source sit behind one mutex, which the renderer
 * holds while it reads them. Rendering builds the whole exposition text in
 * one growing buffer per scrape.
 */
#include "metrics.h"

#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_TOPICS 8
#define MAX_ROLES 4
#define MAX_WEBHOOKS 16

/* bucket upper bounds in microseconds (rendered as seconds): a typical news
 * article takes 50 us - 20 ms (bench/), a pathological one up to the budget */
static const int64_t bucket_us[NW_METRICS_EXTRACT_BUCKETS] = {
        100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 1000000};

typedef struct lag_s {
        int32_t partition;
        int64_t lag;
} lag_t;

struct nw_metrics_role_s {
        nw_metrics_t *m;
        char name[32], topic[256];
        atomic_int joined, partitions, connected, have_stats, starting;
        char step[64], step_error[200]; /* under m->lock, while starting */
        _Atomic int64_t last_progress_ms, backlog;
        lag_t *lags; /* under m->lock */
        size_t n_lags;
};

struct nw_metrics_s {
        char version[64];
        long stall_ms;
        _Atomic uint64_t enriched, dlq, rebalances, alerts;
        char topics[MAX_TOPICS][256];
        _Atomic uint64_t produced[MAX_TOPICS];
        size_t n_topics;
        _Atomic uint64_t buckets[NW_METRICS_EXTRACT_BUCKETS + 1]; /* per bucket, not cumulative */
        _Atomic uint64_t extract_sum_us, extract_count;
        nw_metrics_role_t roles[MAX_ROLES];
        atomic_size_t n_roles; /* a slot is filled before n_roles counts it */
        pthread_mutex_t lock;
        struct {
                nw_webhook_t *w; /* under lock */
                char endpoint[128];
        } webhooks[MAX_WEBHOOKS];
};

static int64_t mono_ms(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#define ADD(x) atomic_fetch_add_explicit(&(x), 1, memory_order_relaxed)
#define GET(x) atomic_load_explicit(&(x), memory_order_relaxed)
#define PUT(x, v) atomic_store_explicit(&(x), (v), memory_order_relaxed)

nw_metrics_t *nw_metrics_new(const char *version, const char *const *output_topics,
                             long stall_timeout_ms) {
        nw_metrics_t *m = calloc(1, sizeof(*m));
        if (!m)
                return NULL;
        snprintf(m->version, sizeof(m->version), "%s", version ? version : "");
        m->stall_ms = stall_timeout_ms;
        for (size_t i = 0; output_topics && output_topics[i] && m->n_topics < MAX_TOPICS; i++) {
                size_t j = 0;
                while (j < m->n_topics && strcmp(m->topics[j], output_topics[i]))
                        j++;
                if (j == m->n_topics)
                        snprintf(m->topics[m->n_topics++], sizeof(m->topics[0]), "%s", output_topics[i]);
        }
        pthread_mutex_init(&m->lock, NULL);
        return m;
}

void nw_metrics_destroy(nw_metrics_t *m) {
        if (!m)
                return;
        for (size_t i = 0; i < MAX_ROLES; i++)
                free(m->roles[i].lags);
        pthread_mutex_destroy(&m->lock);
        free(m);
}

nw_metrics_role_t *nw_metrics_role(nw_metrics_t *m, const char *name, const char *topic) {
        if (!m)
                return NULL;
        pthread_mutex_lock(&m->lock); /* registrations are serialized */
        size_t n = atomic_load(&m->n_roles);
        nw_metrics_role_t *r = NULL;
        if (n < MAX_ROLES) {
                r = &m->roles[n];
                r->m = m;
                snprintf(r->name, sizeof(r->name), "%s", name);
                snprintf(r->topic, sizeof(r->topic), "%s", topic);
                PUT(r->last_progress_ms, mono_ms()); /* idle time counts from the start */
                atomic_store(&m->n_roles, n + 1); /* publishes the slot (seq_cst) */
        }
        pthread_mutex_unlock(&m->lock);
        return r;
}

void nw_metrics_article(nw_metrics_t *m, int dlq) {
        if (m)
                ADD(*(dlq ? &m->dlq : &m->enriched));
}

void nw_metrics_produced(nw_metrics_t *m, const char *topic) {
        if (!m || !topic)
                return;
        for (size_t i = 0; i < m->n_topics; i++)
                if (!strcmp(m->topics[i], topic)) {
                        ADD(m->produced[i]);
                        return;
                }
}

void nw_metrics_extract_observe(nw_metrics_t *m, int64_t us) {
        if (!m)
                return;
        if (us < 0)
                us = 0;
        size_t b = 0;
        while (b < NW_METRICS_EXTRACT_BUCKETS && us > bucket_us[b])
                b++;
        ADD(m->buckets[b]);
        atomic_fetch_add_explicit(&m->extract_sum_us, (uint64_t)us, memory_order_relaxed);
        ADD(m->extract_count);
}

void nw_metrics_rebalance(nw_metrics_t *m) {
        if (m)
                ADD(m->rebalances);
}

void nw_metrics_alert(nw_metrics_t *m) {
        if (m)
                ADD(m->alerts);
}

void nw_metrics_role_starting(nw_metrics_role_t *r, const char *step, const char *error) {
        if (!r)
                return;
        pthread_mutex_lock(&r->m->lock);
        snprintf(r->step, sizeof(r->step), "%s", step ? step : "");
        snprintf(r->step_error, sizeof(r->step_error), "%s", error ? error : "");
        pthread_mutex_unlock(&r->m->lock);
        PUT(r->starting, 1);
}

void nw_metrics_role_started(nw_metrics_role_t *r) {
        if (!r)
                return;
        /* the idle time of a started role counts from now */
        PUT(r->last_progress_ms, mono_ms());
        PUT(r->starting, 0);
}

void nw_metrics_role_assigned(nw_metrics_role_t *r, int partitions, int64_t now_ms) {
        if (!r)
                return;
        PUT(r->partitions, partitions);
        /* a new assignment starts a new grace period for progress */
        PUT(r->last_progress_ms, now_ms);
        PUT(r->joined, 1);
}

void nw_metrics_role_progress(nw_metrics_role_t *r, int64_t now_ms) {
        if (r)
                PUT(r->last_progress_ms, now_ms);
}

static int64_t jint(json_t *o, const char *k, int64_t def) {
        json_t *v = json_object_get(o, k);
        return json_is_integer(v) ? (int64_t)json_integer_value(v) : def;
}

int nw_metrics_role_stats(nw_metrics_role_t *r, const char *json, size_t len, int64_t now_ms) {
        (void)now_ms;
        if (!r)
                return 0;
        json_t *doc = json_loadb(json, len, 0, NULL);
        if (!json_is_object(doc)) {
                json_decref(doc);
                return -1;
        }
        /* connectivity: any real (non-internal) broker connection UP */
        int up = 0;
        const char *bname;
        json_t *b;
        json_object_foreach(json_object_get(doc, "brokers"), bname, b) {
                const char *src = json_string_value(json_object_get(b, "source"));
                const char *st = json_string_value(json_object_get(b, "state"));
                if (st && !strcmp(st, "UP") && !(src && !strcmp(src, "internal")))
                        up = 1;
        }
        /* lag of the role's topic, per assigned partition */
        json_t *parts = json_object_get(json_object_get(json_object_get(doc, "topics"), r->topic),
                                        "partitions");
        size_t cap = json_object_size(parts), n = 0;
        lag_t *lags = cap ? calloc(cap, sizeof(*lags)) : NULL;
        int64_t backlog = 0;
        const char *pname;
        json_t *p;
        json_object_foreach(parts, pname, p) {
                int64_t id = jint(p, "partition", -1);
                const char *fs = json_string_value(json_object_get(p, "fetch_state"));
                if (id < 0 || !fs || !strcmp(fs, "none") || !strcmp(fs, "stopped"))
                        continue; /* the unassigned partition, or one not ours */
                int64_t ls = jint(p, "ls_offset", -1), lo = jint(p, "lo_offset", -1);
                int64_t lag = jint(p, "consumer_lag", -1), app = jint(p, "app_offset", -1);
                if (lag < 0 && jint(p, "committed_offset", -1) < 0 && ls >= 0 && lo >= 0)
                        lag = ls - lo; /* never committed: all of it is lag (earliest) */
                int64_t wait = app >= 0 && ls >= 0 ? ls - app : lag;
                if (wait > 0)
                        backlog += wait;
                if (lags && lag >= 0)
                        lags[n++] = (lag_t){(int32_t)id, lag};
        }
        json_decref(doc);
        pthread_mutex_lock(&r->m->lock);
        free(r->lags);
        r->lags = lags;
        r->n_lags = n;
        pthread_mutex_unlock(&r->m->lock);
        PUT(r->backlog, backlog);
        PUT(r->connected, up);
        PUT(r->have_stats, 1);
        return 0;
}

int nw_metrics_webhook_add(nw_metrics_t *m, nw_webhook_t *w, const char *endpoint) {
        if (!m || !w)
                return 0;
        int rc = -1;
        pthread_mutex_lock(&m->lock);
        for (size_t i = 0; i < MAX_WEBHOOKS && rc; i++)
                if (!m->webhooks[i].w) {
                        m->webhooks[i].w = w;
                        snprintf(m->webhooks[i].endpoint, sizeof(m->webhooks[i].endpoint), "%s", endpoint ? endpoint : "");
                        rc = 0;
                }
        pthread_mutex_unlock(&m->lock);
        return rc;
}

void nw_metrics_webhook_remove(nw_metrics_t *m, nw_webhook_t *w) {
        if (!m || !w)
                return;
        pthread_mutex_lock(&m->lock);
        for (size_t i = 0; i < MAX_WEBHOOKS; i++)
                if (m->webhooks[i].w == w)
                        m->webhooks[i].w = NULL;
        pthread_mutex_unlock(&m->lock);
}

/* ---------------------------------------------------------------- render */

typedef struct buf_s {
        char *p;
        size_t len, cap;
        int oom;
} buf_t;

static void put(buf_t *b, const char *fmt, ...) {
        if (b->oom)
                return;
        for (;;) {
                va_list ap;
                va_start(ap, fmt);
                int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
                va_end(ap);
                if (n < 0) {
                        b->oom = 1;
                        return;
                }
                if ((size_t)n < b->cap - b->len) {
                        b->len += (size_t)n;
                        return;
                }
                size_t ncap = (b->cap + (size_t)n + 1) * 2;
                char *np = realloc(b->p, ncap);
                if (!np) {
                        b->oom = 1;
                        return;
                }
                b->p = np;
                b->cap = ncap;
        }
}

/* a label value with \, " and newline escaped (exposition format) */
static const char *esc(const char *s, char *out, size_t size) {
        size_t o = 0;
        for (; *s && o + 3 < size; s++) {
                if (*s == '\\' || *s == '"') {
                        out[o++] = '\\';
                        out[o++] = *s;
                } else if (*s == '\n') {
                        out[o++] = '\\';
                        out[o++] = 'n';
                } else {
                        out[o++] = *s;
                }
        }
        out[o] = '\0';
        return out;
}

static void head(buf_t *b, const char *name, const char *type, const char *help) {
        put(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

char *nw_metrics_render(nw_metrics_t *m, int64_t now_ms, size_t *len) {
        buf_t b = {malloc(4096), 0, 4096, 0};
        if (!b.p)
                return NULL;
        b.p[0] = '\0';
        char e1[600], e2[600];
        head(&b, "newsworker_build_info", "gauge", "Build of the running worker (value 1).");
        put(&b, "newsworker_build_info{version=\"%s\"} 1\n", esc(m ? m->version : "", e1, sizeof(e1)));
        if (!m)
                goto done;
        head(&b, "newsworker_articles_total", "counter",
             "Input articles finished, by outcome: enriched (record produced) or dlq (dead-lettered).");
        put(&b, "newsworker_articles_total{outcome=\"enriched\"} %llu\n", (unsigned long long)GET(m->enriched));
        put(&b, "newsworker_articles_total{outcome=\"dlq\"} %llu\n", (unsigned long long)GET(m->dlq));
        head(&b, "newsworker_records_produced_total", "counter",
             "Output messages acknowledged by the broker, per topic.");
        for (size_t i = 0; i < m->n_topics; i++)
                put(&b, "newsworker_records_produced_total{topic=\"%s\"} %llu\n",
                    esc(m->topics[i], e1, sizeof(e1)), (unsigned long long)GET(m->produced[i]));
        head(&b, "newsworker_extract_duration_seconds", "histogram",
             "Time to decode, extract and serialize one article.");
        uint64_t cum = 0;
        for (size_t i = 0; i <= NW_METRICS_EXTRACT_BUCKETS; i++) {
                cum += GET(m->buckets[i]);
                if (i < NW_METRICS_EXTRACT_BUCKETS)
                        put(&b, "newsworker_extract_duration_seconds_bucket{le=\"%g\"} %llu\n",
                            (double)bucket_us[i] / 1e6, (unsigned long long)cum);
                else
                        put(&b, "newsworker_extract_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
                            (unsigned long long)cum);
        }
        put(&b, "newsworker_extract_duration_seconds_sum %.6f\n", (double)GET(m->extract_sum_us) / 1e6);
        put(&b, "newsworker_extract_duration_seconds_count %llu\n", (unsigned long long)GET(m->extract_count));
        head(&b, "newsworker_rebalances_total", "counter",
             "Partition assignments received by the consumers of this process.");
        put(&b, "newsworker_rebalances_total %llu\n", (unsigned long long)GET(m->rebalances));
        head(&b, "newsworker_alerts_total", "counter", "New-summit alerts raised (durably in the alerts topic).");
        put(&b, "newsworker_alerts_total %llu\n", (unsigned long long)GET(m->alerts));

        size_t n_roles = atomic_load(&m->n_roles);
        pthread_mutex_lock(&m->lock);
        head(&b, "newsworker_consumer_lag", "gauge",
             "Messages between the committed offset and the log end, per assigned partition "
             "(librdkafka statistics).");
        for (size_t i = 0; i < n_roles; i++)
                for (size_t j = 0; j < m->roles[i].n_lags; j++)
                        put(&b, "newsworker_consumer_lag{topic=\"%s\",partition=\"%d\"} %lld\n",
                            esc(m->roles[i].topic, e1, sizeof(e1)), (int)m->roles[i].lags[j].partition,
                            (long long)m->roles[i].lags[j].lag);
        head(&b, "newsworker_webhook_deliveries_total", "counter",
             "Webhook delivery attempts by outcome: delivered (2xx), retry (attempt failed, "
             "retried later), failed (attempts exhausted), dropped (queue full).");
        size_t pending = 0;
        for (size_t i = 0; i < MAX_WEBHOOKS; i++) {
                if (!m->webhooks[i].w)
                        continue;
                nw_webhook_stats_t ws;
                memset(&ws, 0, sizeof(ws));
                nw_webhook_stats(m->webhooks[i].w, &ws);
                pending += ws.pending;
                const char *st[] = {"delivered", "retry", "failed", "dropped"};
                uint64_t v[] = {ws.delivered, ws.retries, ws.failed, ws.dropped};
                esc(m->webhooks[i].endpoint, e2, sizeof(e2));
                for (size_t k = 0; k < 4; k++)
                        put(&b, "newsworker_webhook_deliveries_total{endpoint=\"%s\",status=\"%s\"} %llu\n",
                            e2, st[k], (unsigned long long)v[k]);
        }
        pthread_mutex_unlock(&m->lock);
        head(&b, "newsworker_webhook_pending", "gauge", "Alerts queued in memory for webhook delivery.");
        put(&b, "newsworker_webhook_pending %zu\n", pending);

        head(&b, "newsworker_assigned_partitions", "gauge", "Partitions assigned to each role's consumer.");
        for (size_t i = 0; i < n_roles; i++)
                put(&b, "newsworker_assigned_partitions{role=\"%s\"} %d\n", m->roles[i].name,
                    GET(m->roles[i].partitions));
        head(&b, "newsworker_last_progress_age_seconds", "gauge",
             "Seconds since each role last finished a message (or was assigned partitions).");
        for (size_t i = 0; i < n_roles; i++)
                put(&b, "newsworker_last_progress_age_seconds{role=\"%s\"} %.3f\n", m->roles[i].name,
                    (double)(now_ms - GET(m->roles[i].last_progress_ms)) / 1000.0);
        head(&b, "newsworker_ready", "gauge", "1 when /readyz answers 200.");
        put(&b, "newsworker_ready %d\n", nw_metrics_ready(m, now_ms, NULL, 0));
done:
        if (b.oom) {
                free(b.p);
                return NULL;
        }
        if (len)
                *len = b.len;
        return b.p;
}

int nw_metrics_ready(nw_metrics_t *m, int64_t now_ms, char *why, size_t why_size) {
        size_t o = 0;
        if (why && why_size)
                why[0] = '\0';
        size_t n_roles = m ? atomic_load(&m->n_roles) : 0;
        if (!n_roles) {
                if (why)
                        snprintf(why, why_size, "no consumer role running\n");
                return 0;
        }
        int ready = 1;
        for (size_t i = 0; i < n_roles; i++) {
                nw_metrics_role_t *r = &m->roles[i];
                const char *state = "ok";
                int64_t idle = now_ms - GET(r->last_progress_ms), backlog = GET(r->backlog);
                /* a role still starting has no consumer yet: its start-up
                 * step is the cause (e.g. the alerter's init_transactions
                 * while the broker cannot serve transactions) */
                int starting = GET(r->starting);
                if (starting)
                        state = "starting";
                /* the broker first: a worker whose broker is down from start-up
                 * has not joined either, and "disconnected" is the cause */
                else if (GET(r->have_stats) && !GET(r->connected))
                        state = "disconnected";
                else if (!GET(r->joined))
                        state = "not_joined";
                else if (backlog > 0 && idle >= m->stall_ms)
                        state = "stalled";
                if (strcmp(state, "ok"))
                        ready = 0;
                if (why && o < why_size) {
                        char step[sizeof(r->step) + sizeof(r->step_error) + 16] = "";
                        if (starting) {
                                pthread_mutex_lock(&m->lock);
                                if (*r->step_error)
                                        snprintf(step, sizeof(step), "%s (%s) ", r->step, r->step_error);
                                else if (*r->step)
                                        snprintf(step, sizeof(step), "%s ", r->step);
                                pthread_mutex_unlock(&m->lock);
                        }
                        int n = snprintf(why + o, why_size - o,
                                         "%s %s: %stopic=%s partitions=%d backlog=%lld idle_ms=%lld\n",
                                         r->name, state, step, r->topic, GET(r->partitions),
                                         (long long)backlog, (long long)idle);
                        if (n > 0)
                                o += (size_t)n;
                }
        }
        return ready;
}
