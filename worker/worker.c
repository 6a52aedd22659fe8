/*
 * worker.c - runs the Kafka roles (see worker.h): the article consumer in
 * the calling thread, the alerter in a second thread, the webhook
 * dispatcher in a third; each role has its own librdkafka handles.
 */
#include "worker.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "kafka.h"
#include "metrics.h"
#include "role.h"

const char *nw_worker_librdkafka_version(void) { return nw_kafka_version(); }

static void *role_thread(void *arg) {
        role_t *r = arg;
        nw_role_loop(r);
        nw_role_shutdown(r);
        return NULL;
}

int nw_worker_run_ex(const nw_config_t *cfg, volatile sig_atomic_t *stop,
                     int roles, const nw_run_limits_t *limits,
                     nw_run_stats_t *stats) {
        char err[512];
        int rc = 0;
        nx_engine_t *eng = NULL;
        /* consumer, alerter, dispatcher: the first one asked for runs in
         * this thread, the others in threads of their own */
        static const int role_bits[3] = {NW_ROLE_WORKER, NW_ROLE_ALERTER, NW_ROLE_DISPATCHER};
        role_t r[3];
        int inited[3] = {0, 0, 0};
        pthread_t th[3];
        int started[3] = {0, 0, 0};
        memset(r, 0, sizeof(r));
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
        nw_kafka_set_stop(stop);
        int first = -1;
        for (int k = 0; k < 3; k++) {
                if (!(roles & role_bits[k]))
                        continue;
                inited[k] = 1;
                if (nw_role_init(&r[k], cfg, stop, (nw_role_kind_t)k, eng)) {
                        rc = stop && *stop ? 0 : 1; /* a SIGTERM during start-up is no failure */
                        goto out;
                }
                r[k].metrics = metrics;
                r[k].mrole = nw_metrics_role(metrics, r[k].name, r[k].topic);
                if (k == NW_KIND_DISPATCHER)
                        nw_dispatcher_metrics(&r[k], metrics);
                if (k == NW_KIND_CONSUMER && limits)
                        r[k].max_messages = limits->worker_max_messages;
                if (k == NW_KIND_ALERTER && limits) {
                        r[k].max_messages = limits->alerter_max_messages;
                        r[k].on_alert = limits->on_alert;
                        r[k].on_alert_opaque = limits->on_alert_opaque;
                }
                if (first < 0)
                        first = k;
        }
        for (int k = 0; k < 3; k++) {
                if (!inited[k] || k == first)
                        continue;
                if (pthread_create(&th[k], NULL, role_thread, &r[k])) {
                        nw_log(&cfg->log, NW_LOG_ERROR, "thread_failed", "role", r[k].name, NULL);
                        rc = 1;
                        goto out;
                }
                started[k] = 1;
        }
        if (first >= 0) {
                rc = nw_role_loop(&r[first]);
                nw_role_shutdown(&r[first]);
        }
        for (int k = 0; k < 3; k++) {
                if (!started[k])
                        continue;
                /* a role with a message limit stops by itself; the others
                 * stop with the same flag as the first */
                pthread_join(th[k], NULL);
                started[k] = 0;
                if (r[k].fatal)
                        rc = 1;
        }
out:
        for (int k = 0; k < 3; k++)
                if (started[k]) {
                        /* only after a start failure: make the running roles stop */
                        r[k].fatal = 1;
                        pthread_join(th[k], NULL);
                }
        nw_http_stop(http); /* before the roles (and their webhooks) go */
        if (stats) {
                memset(stats, 0, sizeof(*stats));
                stats->consumed = r[NW_KIND_CONSUMER].stats.consumed;
                stats->enriched = r[NW_KIND_CONSUMER].stats.enriched;
                stats->dlq = r[NW_KIND_CONSUMER].stats.dlq;
                stats->summits_produced = r[NW_KIND_CONSUMER].stats.summits_produced;
                stats->rebalances = r[0].stats.rebalances + r[1].stats.rebalances + r[2].stats.rebalances;
                stats->fetch_restarts = r[0].stats.fetch_restarts + r[1].stats.fetch_restarts +
                                        r[2].stats.fetch_restarts;
                stats->alerts = r[NW_KIND_ALERTER].stats.alerts;
                stats->duplicates_suppressed = r[NW_KIND_ALERTER].stats.duplicates_suppressed;
        }
        for (int k = 0; k < 3; k++)
                if (inited[k])
                        nw_role_destroy(&r[k]);
        nx_engine_destroy(eng);
        nw_metrics_destroy(metrics);
        if (rc)
                nw_log(&cfg->log, NW_LOG_ERROR, "exiting_after_fatal_error", NULL);
        return rc;
}

int nw_worker_run(const nw_config_t *cfg, volatile sig_atomic_t *stop, int roles) {
        return nw_worker_run_ex(cfg, stop, roles, NULL, NULL);
}

