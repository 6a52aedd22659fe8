/*
 * worker.c - runs the Kafka roles (see worker.h): the first one asked for
 * (usually the article consumer) in the calling thread, each other one
 * (alerter, webhook dispatcher) in a thread of its own, from its start-up
 * on; each role has its own librdkafka handles.
 */
#include "worker.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "kafka.h"
#include "metrics.h"
#include "role.h"

const char *nw_worker_librdkafka_version(void) { return nw_kafka_version(); }

/* One role of a run: owned by nw_worker_run_ex, which reads its outcome
 * once the role is over. */
typedef struct slot_s {
        role_t r;
        nw_role_kind_t kind;
        const nw_config_t *cfg;
        nw_stop_t *stop;       /* the run's: a failure here halts it */
        const nx_engine_t *eng;
        const nw_run_limits_t *limits;
        nw_metrics_t *metrics;
        nw_metrics_role_t *mrole;
        int active;   /* asked for */
        int tried;    /* nw_role_init ran: r needs nw_role_destroy */
        pthread_t th;
        int threaded; /* th runs it */
        int rc;       /* 0, or 1 after a failure */
} slot_t;

/* A role's whole life: init (which may wait long, e.g. on the alerter's
 * init_transactions), loop, shutdown. A failure (not a stop) halts the
 * run's other roles. Returns 0 or 1, also kept in s->rc. */
static int run_role(slot_t *s) {
        role_t *r = &s->r;
        nw_stop_t *stop = s->stop;
        s->tried = 1;
        if (nw_role_init(r, s->cfg, stop, s->kind, s->eng, s->metrics, s->mrole)) {
                /* a stop during start-up (SIGTERM, or another role failed)
                 * is no failure of this role */
                s->rc = nw_stop_requested(stop) ? 0 : 1;
        } else {
                if (s->kind == NW_KIND_DISPATCHER)
                        nw_dispatcher_metrics(r, s->metrics);
                if (s->kind == NW_KIND_CONSUMER && s->limits)
                        r->max_messages = s->limits->worker_max_messages;
                if (s->kind == NW_KIND_ALERTER && s->limits) {
                        r->max_messages = s->limits->alerter_max_messages;
                        r->on_alert = s->limits->on_alert;
                        r->on_alert_opaque = s->limits->on_alert_opaque;
                }
                s->rc = nw_role_loop(r);
                nw_role_shutdown(r);
        }
        if (s->rc)
                atomic_store(&stop->halt, 1);
        return s->rc;
}

static void *role_thread(void *arg) {
        run_role(arg);
        return NULL;
}

int nw_worker_run_ex(const nw_config_t *cfg, volatile sig_atomic_t *sig_stop,
                     int roles, const nw_run_limits_t *limits,
                     nw_run_stats_t *stats) {
        char err[512];
        int rc = 0;
        nx_engine_t *eng = NULL;
        /* consumer, alerter, dispatcher: each starts (init, then loop) on its
         * own, so a slow start-up of one (the alerter's init_transactions on
         * a broker that cannot serve transactions) delays no other; the
         * first one asked for runs in this thread, the others in threads of
         * their own */
        static const int role_bits[3] = {NW_ROLE_WORKER, NW_ROLE_ALERTER, NW_ROLE_DISPATCHER};
        slot_t s[3];
        nw_stop_t stop;
        memset(s, 0, sizeof(s));
        stop.signalled = sig_stop;
        atomic_init(&stop.halt, 0);
        /* the metrics of this run, served on metrics.listen (metrics.h, http.h) */
        const char *outputs[] = {cfg->topic_enriched, cfg->topic_summits, cfg->topic_alerts,
                                 cfg->topic_dlq, cfg->topic_webhooks, NULL};
        nw_metrics_t *metrics = nw_metrics_new(NW_VERSION, outputs, cfg->metrics_stall_timeout_ms);
        nw_http_t *http = NULL;
        if (nw_http_enabled(cfg->metrics_listen) &&
            !(http = nw_http_start(cfg->metrics_listen, metrics, &cfg->log, err, sizeof(err)))) {
                nw_log(&cfg->log, NW_LOG_ERROR, "http_failed", "error", err, NULL);
                nw_metrics_destroy(metrics);
                return 1;
        }

        if ((roles & NW_ROLE_DISPATCHER) && !nw_config_active_endpoints(cfg)) {
                /* no endpoint: nothing to dispatch (`newsworker dispatch` alone
                 * is refused as a config error in main) */
                roles &= ~NW_ROLE_DISPATCHER;
                nw_log(&cfg->log, NW_LOG_INFO, "webhook_delivery_off", "reason",
                       "no webhook endpoint configured (webhook.url or [webhook.NAME] url)", NULL);
                if (!roles) {
                        nw_log(&cfg->log, NW_LOG_ERROR, "nothing_to_run", NULL);
                        nw_http_stop(http);
                        nw_metrics_destroy(metrics);
                        return 2;
                }
        }
        if (roles & NW_ROLE_WORKER) {
                eng = nx_engine_new(&cfg->extract, err, sizeof(err));
                if (!eng) {
                        nw_log(&cfg->log, NW_LOG_ERROR, "engine_failed", "error", err, NULL);
                        nw_http_stop(http);
                        nw_metrics_destroy(metrics);
                        return 1;
                }
        }
        int first = -1;
        for (int k = 0; k < 3; k++) {
                if (!(roles & role_bits[k]))
                        continue;
                s[k].active = 1;
                s[k].kind = (nw_role_kind_t)k;
                s[k].cfg = cfg;
                s[k].stop = &stop;
                s[k].eng = eng;
                s[k].limits = limits;
                s[k].metrics = metrics;
                /* registered up front, in a fixed order: /readyz lists every
                 * role from the start, as starting until its loop runs */
                s[k].mrole = nw_metrics_role(metrics, nw_role_name(s[k].kind),
                                             nw_role_topic(cfg, s[k].kind));
                nw_metrics_role_starting(s[k].mrole, "init", NULL);
                if (first < 0)
                        first = k;
        }
        for (int k = 0; k < 3; k++) {
                if (!s[k].active || k == first)
                        continue;
                if (pthread_create(&s[k].th, NULL, role_thread, &s[k])) {
                        nw_log(&cfg->log, NW_LOG_ERROR, "thread_failed", "role",
                               nw_role_name(s[k].kind), NULL);
                        rc = 1;
                        atomic_store(&stop.halt, 1); /* the started roles stop */
                        break;
                }
                s[k].threaded = 1;
        }
        if (first >= 0 && !rc)
                run_role(&s[first]);
        /* a role with a message limit stops by itself; the others stop
         * with the stop flag, or the halt of a role that failed */
        for (int k = 0; k < 3; k++) {
                if (s[k].threaded)
                        pthread_join(s[k].th, NULL);
                if (s[k].rc)
                        rc = 1;
        }
        nw_http_stop(http); /* before the roles (and their webhooks) go */
        if (stats) {
                memset(stats, 0, sizeof(*stats));
                const nw_run_stats_t *c = &s[NW_KIND_CONSUMER].r.stats, *a = &s[NW_KIND_ALERTER].r.stats,
                                     *d = &s[NW_KIND_DISPATCHER].r.stats;
                stats->consumed = c->consumed;
                stats->enriched = c->enriched;
                stats->dlq = c->dlq;
                stats->summits_produced = c->summits_produced;
                stats->rebalances = c->rebalances + a->rebalances + d->rebalances;
                stats->fetch_restarts = c->fetch_restarts + a->fetch_restarts + d->fetch_restarts;
                stats->alerts = a->alerts;
                stats->duplicates_suppressed = a->duplicates_suppressed;
        }
        for (int k = 0; k < 3; k++)
                if (s[k].tried)
                        nw_role_destroy(&s[k].r);
        nx_engine_destroy(eng);
        nw_metrics_destroy(metrics);
        if (rc)
                nw_log(&cfg->log, NW_LOG_ERROR, "exiting_after_fatal_error", NULL);
        return rc;
}

int nw_worker_run(const nw_config_t *cfg, volatile sig_atomic_t *stop, int roles) {
        return nw_worker_run_ex(cfg, stop, roles, NULL, NULL);
}

