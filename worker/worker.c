/*
 * worker.c - runs the Kafka roles (see worker.h): the article consumer in
 * the calling thread, the alerter in a second thread, the webhook
 * dispatcher in a third; each role has its own librdkafka handles.
 */
#include "worker.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "kafka.h"
#include "role.h"

const char *nw_worker_librdkafka_version(void) { return nw_kafka_version(); }

static void *alerter_thread(void *arg) {
        role_t *r = arg;
        if (nw_role_loop(r) == 0 || r->consumer)
                nw_role_shutdown(r);
        return NULL;
}

int nw_worker_run_ex(const nw_config_t *cfg, volatile sig_atomic_t *stop,
                     int roles, const nw_run_limits_t *limits,
                     nw_run_stats_t *stats) {
        char err[512];
        int rc = 0;
        nx_engine_t *eng = NULL;
        role_t worker, alerter;
        memset(&worker, 0, sizeof(worker));
        memset(&alerter, 0, sizeof(alerter));
        nw_webhook_t *webhook = NULL;
        pthread_t at;
        int alerter_started = 0;

        if (roles & NW_ROLE_WORKER) {
                eng = nx_engine_new(&cfg->extract, err, sizeof(err));
                if (!eng) {
                        nw_log(&cfg->log, NW_LOG_ERROR, "engine_failed", "error", err, NULL);
                        return 1;
                }
                if (nw_role_init(&worker, cfg, stop, 0, eng)) {
                        rc = 1;
                        goto out;
                }
                worker.max_messages = limits ? limits->worker_max_messages : 0;
        }
        if (roles & NW_ROLE_ALERTER) {
                if (nw_role_init(&alerter, cfg, stop, 1, NULL)) {
                        rc = 1;
                        goto out;
                }
                alerter.max_messages = limits ? limits->alerter_max_messages : 0;
                if (limits) {
                        alerter.on_alert = limits->on_alert;
                        alerter.on_alert_opaque = limits->on_alert_opaque;
                }
                if (*cfg->webhook_url) {
                        webhook = nw_webhook_new(cfg, &cfg->log, err, sizeof(err));
                        if (!webhook) {
                                nw_log(&cfg->log, NW_LOG_ERROR, "webhook_failed", "error", err, NULL);
                                rc = 1;
                                goto out;
                        }
                        alerter.webhook = webhook;
                }
                if (roles & NW_ROLE_WORKER) {
                        if (pthread_create(&at, NULL, alerter_thread, &alerter)) {
                                nw_log(&cfg->log, NW_LOG_ERROR, "thread_failed", NULL);
                                rc = 1;
                                goto out;
                        }
                        alerter_started = 1;
                }
        }
        if (roles & NW_ROLE_WORKER) {
                rc = nw_role_loop(&worker);
                nw_role_shutdown(&worker);
        } else if (roles & NW_ROLE_ALERTER) {
                rc = nw_role_loop(&alerter);
                nw_role_shutdown(&alerter);
        }
        if (alerter_started) {
                /* with a message limit the alerter stops by itself; otherwise
                 * it stops with the same flag as the worker */
                pthread_join(at, NULL);
                if (alerter.fatal)
                        rc = 1;
        }
        if (webhook) {
                nw_webhook_destroy(webhook, cfg->shutdown_timeout_ms);
                webhook = NULL;
        }
out:
        if (stats) {
                memset(stats, 0, sizeof(*stats));
                stats->consumed = worker.stats.consumed;
                stats->enriched = worker.stats.enriched;
                stats->dlq = worker.stats.dlq;
                stats->summits_produced = worker.stats.summits_produced;
                stats->rebalances = worker.stats.rebalances + alerter.stats.rebalances;
                stats->alerts = alerter.stats.alerts;
                stats->duplicates_suppressed = alerter.stats.duplicates_suppressed;
        }
        if (webhook)
                nw_webhook_destroy(webhook, 0);
        if (roles & NW_ROLE_WORKER)
                nw_role_destroy(&worker);
        if (roles & NW_ROLE_ALERTER)
                nw_role_destroy(&alerter);
        nx_engine_destroy(eng);
        if (rc)
                nw_log(&cfg->log, NW_LOG_ERROR, "exiting_after_fatal_error", NULL);
        return rc;
}

int nw_worker_run(const nw_config_t *cfg, volatile sig_atomic_t *stop, int roles) {
        return nw_worker_run_ex(cfg, stop, roles, NULL, NULL);
}

