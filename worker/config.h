/*
 * config.h - newsworker's configuration: defaults, INI file, environment and
 * -X overrides, validated into one typed struct.
 *
 * Sources, later ones win: built-in defaults < INI file (-c FILE, parsed with
 * inih) < environment NEWSWORKER_<SECTION>_<KEY> < -X section.key=value.
 * Sections: [kafka] (any librdkafka property, passed through untouched and
 * validated by librdkafka itself), [topics], [worker], [webhook], [metrics],
 * [extract].
 * Unknown keys in the other sections are errors. Every error message is one
 * line that names the key ("worker.max_article_bytes: 'abc' is not an
 * integer") so main() can print it and exit 2.
 */
#ifndef NW_CONFIG_H
#define NW_CONFIG_H

#include <stddef.h>

#include "log.h"
#include "nx.h"

typedef enum { NW_AT_LEAST_ONCE = 0, NW_EXACTLY_ONCE } nw_guarantee_t;

typedef struct nw_kv_s {
        char *key, *value;
} nw_kv_t;

/* One webhook endpoint. Strings owned by the config. */
typedef struct nw_endpoint_s {
        char *name;               /* "default" for [webhook], NAME for [webhook.NAME] */
        char *url;                /* "" = inactive */
        char *secret;             /* "whsec_<base64>" or "" (unsigned) */
        char *secret_file;
        char *format;             /* "json" | "slack" */
        char *retry_schedule;     /* "5s,5m,30m,2h,5h": delays before retries */
        long *schedule_ms;        /* parsed retry_schedule; n_schedule entries */
        size_t n_schedule;
        long timeout_ms, connect_timeout_ms; /* ms */
        long max_attempts;        /* first try + retries */
        long queue_max;           /* deliveries waiting in memory */
        int tls_verify;           /* verify the server certificate (https) */
} nw_endpoint_t;

typedef struct nw_config_s {
        /* [kafka]: librdkafka properties, in the order set (later duplicates
         * replace earlier values). Owned. */
        nw_kv_t *kafka;
        size_t n_kafka;

        /* [topics] */
        char *topic_input, *topic_enriched, *topic_summits, *topic_alerts,
            *topic_dlq;

        /* [worker] */
        long max_article_bytes;   /* bytes; larger messages go to the DLQ */
        long shutdown_timeout_ms; /* ms: bound on drain+flush+commit at SIGTERM */
        long max_in_flight;       /* messages consumed but not yet fully acked */
        long poll_timeout_ms;     /* ms per consumer poll */
        long extract_threads;     /* extraction threads beside the polling one (0: inline) */
        int alerter;              /* 1 = run the alerter inside `run` */
        nw_guarantee_t guarantee;
        char *transactional_id;         /* exactly_once: prefix, "" = derived */
        long transaction_max_messages;  /* exactly_once: inputs per transaction */
        long transaction_ms;            /* exactly_once: ms a transaction stays open */
        nw_log_t log;

        /* [webhook] and [webhook.NAME]: delivery endpoints; endpoints[0] is
         * [webhook] itself ("default"), inactive while its url is empty */
        nw_endpoint_t *endpoints;
        size_t n_endpoints;

        /* [alerts] */
        nw_guarantee_t alerts_guarantee; /* the alerter's own guarantee */
        char *alerts_countries;     /* "CHN,RUS": alert only summits with one of them ("" = any) */
        char *alerts_organizations; /* "G20,NATO" */
        char *alerts_statuses;      /* "planned,held" */
        char *topic_webhooks;       /* delivery state topic (compacted) */

        /* [metrics] */
        char *metrics_listen;          /* "host:port" of /metrics, /healthz, /readyz; "" = off */
        long metrics_stall_timeout_ms; /* ms without progress, with a backlog, before not ready */

        /* [extract] */
        nx_options_t extract;
} nw_config_t;

/* One documented key (for --help and docs). */
typedef struct nw_config_key_s {
        const char *section, *key, *type, *def, *doc;
} nw_config_key_t;

/* Fills *out with the i-th known key (0-based; [kafka] is open-ended and not
 * listed). Returns 0, or -1 past the last key. Strings are static. */
int nw_config_key_at(size_t i, nw_config_key_t *out);

/* Fills cfg with the defaults. Returns 0, or -1 (out of memory) with errstr.
 * Caller frees with nw_config_destroy(). */
int nw_config_init(nw_config_t *cfg, char *errstr, size_t errstr_size);
void nw_config_destroy(nw_config_t *cfg);

/* Sets one key: section and key as in the INI file ("worker",
 * "max_article_bytes"), value as text. Returns 0, or -1 with errstr
 * naming "section.key" and the problem. */
int nw_config_set(nw_config_t *cfg, const char *section, const char *key,
                  const char *value, char *errstr, size_t errstr_size);

/* Sets "section.key=value" (the -X form). Returns 0, or -1 with errstr
 * "-X section.key=value: section.key: problem" (the value is shown as "..."
 * for secret, password and ssl.key keys). */
int nw_config_set_x(nw_config_t *cfg, const char *assignment, char *errstr,
                    size_t errstr_size);

/* Reads an INI file. Returns 0, or -1 with errstr ("FILE:LINE: ..."). */
int nw_config_load_file(nw_config_t *cfg, const char *path, char *errstr,
                        size_t errstr_size);

/* Applies NEWSWORKER_<SECTION>_<KEY> variables from envp (NULL-terminated,
 * e.g. environ). In [kafka] the key's underscores become dots
 * (NEWSWORKER_KAFKA_BOOTSTRAP_SERVERS -> bootstrap.servers). A variable whose
 * SECTION is not a config section (kafka, topics, worker, alerts, webhook,
 * metrics, extract) is not ours and is ignored (NEWSWORKER_CACHE), and so are
 * Kubernetes service links (NEWSWORKER_METRICS_SERVICE_HOST, ..._PORT_9464_TCP).
 * SECTION with an unknown KEY is an error. [webhook] keys set the default
 * endpoint only; named endpoints [webhook.NAME] cannot be set from here.
 * Returns 0, or -1 with errstr "environment NAME: section.key: problem"
 * (never the value). */
int nw_config_load_env(nw_config_t *cfg, char *const *envp, char *errstr,
                       size_t errstr_size);

/* Cross-key checks after all sources are applied (secret format, secret
 * file readable, kafka.group.id not empty, no output topic equal to
 * topics.input, every [kafka] property known to librdkafka). Returns 0 or
 * -1 with errstr naming the key. Connects to nothing. */
int nw_config_validate(nw_config_t *cfg, char *errstr, size_t errstr_size);

/* Returns the number of webhook endpoints with a url ([webhook] and
 * [webhook.NAME]); 0 = webhook delivery is off. */
size_t nw_config_active_endpoints(const nw_config_t *cfg);

/* Returns the [kafka] value of key or NULL. */
const char *nw_config_kafka_get(const nw_config_t *cfg, const char *key);

#endif
