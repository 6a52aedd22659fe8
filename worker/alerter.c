/*
 * alerter.c - the alerter role's handler: summit events in, one alert per
 * summit key never alerted before out.
 *
 * The alerted keys live in memory (a jansson object used as a set) and are
 * rebuilt on every assignment by reading topics.alerts back: that topic,
 * keyed and compacted by summit key, is the changelog of the state (the
 * Kafka Streams pattern). Summit events are keyed by summit key, so one
 * partition, hence one alerter, owns each key. In exactly-once mode the
 * alert and the input offset commit together, and the webhook gets the
 * alert only after the commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kafka.h"
#include "role.h"

static void restore_cb(const rd_kafka_message_t *m, void *opaque) {
        role_t *r = opaque;
        if (m->key && m->key_len)
                json_object_setn_nocheck(r->alerted, m->key, m->key_len, json_true());
}

/* Rebuilds the set of alerted keys from the alerts topic (the changelog). */
int nw_alerter_restore(role_t *r) {
        char err[512], n[24];
        int64_t t0 = nw_mono_ms();
        long got = nw_kafka_read_topic(r->cfg, r->cfg->topic_alerts, 60000, restore_cb, r, err, sizeof(err));
        if (got < 0) {
                nw_log(r->log, NW_LOG_ERROR, "alerter_restore_failed", "topic", r->cfg->topic_alerts,
                       "error", err, NULL);
                return -1;
        }
        char ms[24];
        nw_fmt_i64(n, sizeof(n), (int64_t)json_object_size(r->alerted));
        nw_fmt_i64(ms, sizeof(ms), nw_mono_ms() - t0);
        nw_log(r->log, NW_LOG_INFO, "alerter_restored", "topic", r->cfg->topic_alerts, "keys", n,
               "elapsed_ms", ms, NULL);
        return 0;
}


static pending_alert_t *grow_alerts(role_t *r) {
        if (r->n_txn_alerts == r->cap_txn_alerts) {
                size_t ncap = r->cap_txn_alerts ? r->cap_txn_alerts * 2 : 16;
                pending_alert_t *n = realloc(r->txn_alerts, ncap * sizeof(*n));
                if (!n)
                        return NULL;
                r->txn_alerts = n;
                r->cap_txn_alerts = ncap;
        }
        pending_alert_t *pa = &r->txn_alerts[r->n_txn_alerts++];
        memset(pa, 0, sizeof(*pa));
        return pa;
}

void nw_alerter_end_transaction(role_t *r, int deliver) {
        for (size_t i = 0; i < r->n_txn_alerts; i++) {
                pending_alert_t *pa = &r->txn_alerts[i];
                if (deliver && pa->key && pa->body) {
                        r->stats.alerts++;
                        nw_metrics_alert(r->metrics);
                        nw_log(r->log, NW_LOG_INFO, "alert_raised", "key", pa->key, NULL);
                        if (r->on_alert)
                                r->on_alert(r->on_alert_opaque, pa->key, pa->body, pa->len);
                }
                free(pa->key);
                free(pa->body);
        }
        r->n_txn_alerts = 0;
}

/* 1 when value (case-insensitive) is an item of the comma-separated list. */
static int in_list(const char *list, const char *value) {
        size_t n = strlen(value);
        for (const char *p = list; *p;) {
                while (*p == ' ' || *p == ',')
                        p++;
                const char *e = p;
                while (*e && *e != ',')
                        e++;
                const char *t = e;
                while (t > p && t[-1] == ' ')
                        t--;
                if ((size_t)(t - p) == n && n && !strncasecmp(p, value, n))
                        return 1;
                p = e;
        }
        return 0;
}

int nw_alerter_rules_match(const nw_config_t *cfg, json_t *summit) {
        if (*cfg->alerts_countries) {
                int any = 0;
                size_t i;
                json_t *c;
                json_array_foreach(json_object_get(summit, "countries"), i, c) {
                        if (json_is_string(c) && in_list(cfg->alerts_countries, json_string_value(c)))
                                any = 1;
                }
                if (!any)
                        return 0;
        }
        const char *org = json_string_value(json_object_get(summit, "organization"));
        if (*cfg->alerts_organizations && !(org && in_list(cfg->alerts_organizations, org)))
                return 0;
        const char *st = json_string_value(json_object_get(summit, "status"));
        if (*cfg->alerts_statuses && !(st && in_list(cfg->alerts_statuses, st)))
                return 0;
        return 1;
}

void nw_alerter_handle(role_t *r, nw_inflight_t *m, const rd_kafka_message_t *rkm) {
        r->stats.consumed++;
        if (!rkm->key || !rkm->key_len) {
                nw_log(r->log, NW_LOG_WARN, "summit_without_key", NULL);
                return;
        }
        if (json_object_getn(r->alerted, rkm->key, rkm->key_len)) {
                r->stats.duplicates_suppressed++;
                return;
        }
        json_error_t jerr;
        json_t *ev = json_loadb(rkm->payload, rkm->len, 0, &jerr);
        if (!ev || !json_is_object(ev)) {
                nw_log(r->log, NW_LOG_WARN, "summit_event_invalid", "error", jerr.text, NULL);
                json_decref(ev);
                return;
        }
        if (!nw_alerter_rules_match(r->cfg, json_object_get(ev, "summit"))) {
                /* not alerted, and not remembered: a later mention of the same
                 * summit may match (e.g. once it is planned) */
                r->stats.filtered++;
                json_decref(ev);
                return;
        }
        char now[40];
        nw_iso_now(now, sizeof(now));
        json_t *alert = json_object();
        json_object_set_new(alert, "type", json_string("summit.new"));
        json_object_set_new(alert, "key", json_stringn(rkm->key, rkm->key_len));
        json_object_set(alert, "summit", json_object_get(ev, "summit"));
        json_object_set(alert, "article", json_object_get(ev, "article"));
        json_object_set(alert, "sentence", json_object_get(ev, "sentence"));
        json_object_set_new(alert, "alerted_at", json_string(now));
        char *body = json_dumps(alert, JSON_COMPACT);
        json_decref(alert);
        json_decref(ev);
        if (!body) {
                r->fatal = 1;
                return;
        }
        /* remembered now, so a repeat in the same batch is suppressed too */
        json_object_setn_nocheck(r->alerted, rkm->key, rkm->key_len, json_true());
        if (r->eos) {
                pending_alert_t *pa = grow_alerts(r);
                if (!pa || !(pa->key = strndup(rkm->key, rkm->key_len)) || !(pa->body = strdup(body))) {
                        free(body);
                        r->fatal = 1;
                        return;
                }
                pa->len = strlen(body);
        }
        if (nw_role_produce(r, m, r->cfg->topic_alerts, rkm->key, rkm->key_len, body, strlen(body), 1, NULL))
                r->fatal = 1;
}



void nw_alerter_delivered(role_t *r, const rd_kafka_message_t *rkm) {
        char key[512];
        snprintf(key, sizeof(key), "%.*s", (int)rkm->key_len, (const char *)rkm->key);
        r->stats.alerts++;
        nw_metrics_alert(r->metrics);
        nw_log(r->log, NW_LOG_INFO, "alert_raised", "key", key, NULL);
        if (r->on_alert)
                r->on_alert(r->on_alert_opaque, key, rkm->payload, rkm->len);
}
