/*
 * config.c - the key table, typed setters and the three sources (INI via
 * inih, environment, -X). See config.h.
 *
 * Every non-kafka key is one row of `keys` below: its type drives parsing and
 * the error message, its offset says where the value lands, its doc string is
 * what `newsworker --help-config` prints. One table, so the docs cannot drift
 * from the parser.
 */
#include "config.h"
#include "http.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <librdkafka/rdkafka.h>
#include <openssl/evp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { T_STRING, T_INT, T_BOOL, T_ENUM } key_type_t;

typedef struct key_def_s {
        const char *section, *key;
        key_type_t type;
        const char *def;
        size_t off;         /* offset in nw_config_t */
        long min, max;      /* T_INT range */
        const char *choices; /* T_ENUM: "a|b|c" */
        const char *doc;
} key_def_t;

#define OFF(f) offsetof(nw_config_t, f)
#define NO_OFF ((size_t)-1)

static const key_def_t keys[] = {
        {"topics", "input", T_STRING, "articles.raw", OFF(topic_input), 0, 0, NULL,
         "input topic of raw articles (consumed as a consumer group)"},
        {"topics", "enriched", T_STRING, "articles.enriched", OFF(topic_enriched), 0, 0, NULL,
         "output topic of enriched records, keyed by article id"},
        {"topics", "summits", T_STRING, "articles.summits", OFF(topic_summits), 0, 0, NULL,
         "output topic of summit events, keyed by summit key"},
        {"topics", "alerts", T_STRING, "articles.alerts", OFF(topic_alerts), 0, 0, NULL,
         "topic of new-summit alerts, keyed by summit key (compact it: it is the alerter's changelog)"},
        {"topics", "dlq", T_STRING, "articles.dlq", OFF(topic_dlq), 0, 0, NULL,
         "dead-letter topic: undecodable input, unchanged, reason in headers"},
        {"worker", "max_article_bytes", T_INT, "1048576", OFF(max_article_bytes), 1, 256L << 20, NULL,
         "largest accepted message in bytes; larger ones go to the dead-letter topic"},
        {"worker", "shutdown_timeout_ms", T_INT, "10000", OFF(shutdown_timeout_ms), 0, 600000, NULL,
         "ms allowed at SIGTERM/SIGINT to finish in-flight messages, flush, commit and leave the group"},
        {"worker", "max_in_flight", T_INT, "5000", OFF(max_in_flight), 1, 1000000, NULL,
         "messages consumed but not yet acknowledged before the worker pauses fetching"},
        {"worker", "poll_timeout_ms", T_INT, "100", OFF(poll_timeout_ms), 1, 10000, NULL,
         "ms each consumer poll waits for a message"},
        {"worker", "extract_threads", T_INT, "0", OFF(extract_threads), 0, 64, NULL,
         "threads extracting articles while the consuming thread serves Kafka, results produced in input order (0: extract on the consuming thread; exactly_once always does)"},
        {"worker", "alerter", T_BOOL, "true", OFF(alerter), 0, 0, NULL,
         "run the summit alerter (consumer of topics.summits) inside `newsworker run`"},
        {"worker", "processing_guarantee", T_ENUM, "at_least_once", NO_OFF, 0, 0, "at_least_once|exactly_once",
         "at_least_once (idempotent producer, offsets stored once outputs are acknowledged) or exactly_once (outputs and input offsets in one Kafka transaction; read outputs with isolation.level=read_committed)"},
        {"worker", "transactional_id", T_STRING, "", OFF(transactional_id), 0, 0, NULL,
         "exactly_once: transactional.id prefix, unique per replica (empty: <group.id>-<hostname>-<pid>); the role is appended"},
        {"worker", "transaction_max_messages", T_INT, "500", OFF(transaction_max_messages), 1, 1000000, NULL,
         "exactly_once: input messages per transaction at most"},
        {"worker", "transaction_ms", T_INT, "100", OFF(transaction_ms), 1, 600000, NULL,
         "exactly_once: ms a transaction stays open at most"},
        {"worker", "log_level", T_ENUM, "info", NO_OFF, 0, 0, "debug|info|warn|error",
         "lowest level logged"},
        {"worker", "log_format", T_ENUM, "logfmt", NO_OFF, 0, 0, "logfmt|json",
         "log line format on stderr"},
        {"alerts", "guarantee", T_ENUM, "exactly_once", NO_OFF, 0, 0, "at_least_once|exactly_once",
         "the alerter's guarantee: exactly_once writes each alert and its input offset in one Kafka transaction"},
        {"alerts", "countries", T_STRING, "", OFF(alerts_countries), 0, 0, NULL,
         "alert only summits with one of these ISO 3166-1 alpha-3 countries, comma-separated (empty: any)"},
        {"alerts", "organizations", T_STRING, "", OFF(alerts_organizations), 0, 0, NULL,
         "alert only summits of one of these organizations, e.g. G20,NATO (empty: any)"},
        {"alerts", "statuses", T_STRING, "", OFF(alerts_statuses), 0, 0, NULL,
         "alert only summits with one of these statuses: planned,held,ongoing,cancelled (empty: any)"},
        {"topics", "webhooks", T_STRING, "articles.webhooks", OFF(topic_webhooks), 0, 0, NULL,
         "webhook delivery state, keyed by summit key (compact it; same partition count as topics.alerts)"},
        {"metrics", "listen", T_STRING, "", OFF(metrics_listen), 0, 0, NULL,
         "host:port serving /metrics (Prometheus), /healthz and /readyz, e.g. 0.0.0.0:9464 (empty or port 0: off)"},
        {"metrics", "stall_timeout_ms", T_INT, "60000", OFF(metrics_stall_timeout_ms), 1000, 86400000, NULL,
         "/readyz fails when messages wait on assigned partitions and none was processed for this many ms"},
        {"extract", "date_order", T_ENUM, "mdy", NO_OFF, 0, 0, "mdy|dmy",
         "reading of numeric dates such as 12/10/2022"},
        {"extract", "dates", T_BOOL, "true", NO_OFF, 0, 0, NULL, "extract dates (TIMEX3)"},
        {"extract", "actors", T_BOOL, "true", NO_OFF, 0, 0, NULL, "extract actors"},
        {"extract", "figures", T_BOOL, "true", NO_OFF, 0, 0, NULL, "extract figures"},
        {"extract", "summits", T_BOOL, "true", NO_OFF, 0, 0, NULL, "extract summits"},
        {NULL, NULL, 0, NULL, 0, 0, 0, NULL, NULL},
};

/* Keys of [webhook] and [webhook.NAME] (offsets into nw_endpoint_t). */
#define EOFF(f) offsetof(nw_endpoint_t, f)
static const key_def_t endpoint_keys[] = {
        {"webhook", "url", T_STRING, "", EOFF(url), 0, 0, NULL,
         "URL that new-summit alerts are POSTed to (empty: this endpoint is off)"},
        {"webhook", "secret", T_STRING, "", EOFF(secret), 0, 0, NULL,
         "Standard Webhooks signing secret whsec_<base64>; prefer secret_file or NEWSWORKER_WEBHOOK_SECRET"},
        {"webhook", "secret_file", T_STRING, "", EOFF(secret_file), 0, 0, NULL,
         "file whose first line is the signing secret (overrides secret)"},
        {"webhook", "format", T_ENUM, "json", EOFF(format), 0, 0, "json|slack",
         "payload: json (the alert) or slack ({\"text\": ...} for Slack-compatible incoming webhooks)"},
        {"webhook", "retry_schedule", T_STRING, "5s,5m,30m,2h,5h,10h", EOFF(retry_schedule), 0, 0, NULL,
         "delays before each retry (s, m, h suffixes), with jitter; Retry-After on 429/503 wins"},
        {"webhook", "max_attempts", T_INT, "7", EOFF(max_attempts), 1, 100, NULL,
         "attempts per alert (first try included) before it is given up and logged"},
        {"webhook", "timeout_ms", T_INT, "10000", EOFF(timeout_ms), 1, 600000, NULL,
         "ms allowed for one attempt in total"},
        {"webhook", "connect_timeout_ms", T_INT, "3000", EOFF(connect_timeout_ms), 1, 600000, NULL,
         "ms allowed to connect"},
        {"webhook", "queue_max", T_INT, "10000", EOFF(queue_max), 1, 10000000, NULL,
         "deliveries waiting in memory for this endpoint"},
        {"webhook", "tls_verify", T_BOOL, "true", EOFF(tls_verify), 0, 0, NULL,
         "verify the server's TLS certificate and host name"},
        {NULL, NULL, 0, NULL, 0, 0, 0, NULL, NULL},
};

int nw_config_key_at(size_t i, nw_config_key_t *out) {
        size_t nk = sizeof(keys) / sizeof(keys[0]) - 1;
        if (i >= nk) {
                static const char *const tn2[] = {"string", "integer", "boolean", "enum"};
                size_t j = i - nk;
                if (j >= sizeof(endpoint_keys) / sizeof(endpoint_keys[0]) - 1)
                        return -1;
                out->section = endpoint_keys[j].section;
                out->key = endpoint_keys[j].key;
                out->type = endpoint_keys[j].type == T_ENUM ? endpoint_keys[j].choices : tn2[endpoint_keys[j].type];
                out->def = endpoint_keys[j].def;
                out->doc = endpoint_keys[j].doc;
                return 0;
        }
        static const char *const tn[] = {"string", "integer", "boolean", "enum"};
        out->section = keys[i].section;
        out->key = keys[i].key;
        out->type = keys[i].type == T_ENUM ? keys[i].choices : tn[keys[i].type];
        out->def = keys[i].def;
        out->doc = keys[i].doc;
        return 0;
}

static int set_kafka(nw_config_t *cfg, const char *key, const char *value,
                     char *errstr, size_t errstr_size) {
        for (size_t i = 0; i < cfg->n_kafka; i++)
                if (!strcmp(cfg->kafka[i].key, key)) {
                        char *v = strdup(value);
                        if (!v)
                                goto oom;
                        free(cfg->kafka[i].value);
                        cfg->kafka[i].value = v;
                        return 0;
                }
        nw_kv_t *kv = realloc(cfg->kafka, (cfg->n_kafka + 1) * sizeof(*kv));
        if (!kv)
                goto oom;
        cfg->kafka = kv;
        kv[cfg->n_kafka].key = strdup(key);
        kv[cfg->n_kafka].value = strdup(value);
        if (!kv[cfg->n_kafka].key || !kv[cfg->n_kafka].value) {
                free(kv[cfg->n_kafka].key);
                free(kv[cfg->n_kafka].value);
                goto oom;
        }
        cfg->n_kafka++;
        return 0;
oom:
        snprintf(errstr, errstr_size, "kafka.%s: out of memory", key);
        return -1;
}

static int parse_bool(const char *v, int *out) {
        static const char *const t[] = {"true", "yes", "on", "1", NULL};
        static const char *const f[] = {"false", "no", "off", "0", NULL};
        for (int i = 0; t[i]; i++)
                if (!strcasecmp(v, t[i]))
                        return *out = 1, 0;
        for (int i = 0; f[i]; i++)
                if (!strcasecmp(v, f[i]))
                        return *out = 0, 0;
        return -1;
}

static int choice_ok(const char *choices, const char *v) {
        size_t n = strlen(v);
        for (const char *p = choices; *p;) {
                const char *bar = strchr(p, '|');
                size_t len = bar ? (size_t)(bar - p) : strlen(p);
                if (len == n && !strncmp(p, v, n))
                        return 1;
                if (!bar)
                        break;
                p = bar + 1;
        }
        return 0;
}

/* Keys whose value lands in a non-string field by hand. */
static void apply_special(nw_config_t *cfg, const key_def_t *k, const char *v,
                          int b) {
        if (!strcmp(k->section, "alerts") && !strcmp(k->key, "guarantee"))
                cfg->alerts_guarantee = strcmp(v, "exactly_once") ? NW_AT_LEAST_ONCE : NW_EXACTLY_ONCE;
        else if (!strcmp(k->key, "processing_guarantee"))
                cfg->guarantee = strcmp(v, "exactly_once") ? NW_AT_LEAST_ONCE : NW_EXACTLY_ONCE;
        else if (!strcmp(k->key, "log_level"))
                nw_log_parse_level(v, &cfg->log.level);
        else if (!strcmp(k->key, "log_format"))
                nw_log_parse_format(v, &cfg->log.format);
        else if (!strcmp(k->key, "date_order"))
                cfg->extract.date_order = strcmp(v, "dmy") ? NX_ORDER_MDY : NX_ORDER_DMY;
        else if (!strcmp(k->key, "dates"))
                cfg->extract.dates = b;
        else if (!strcmp(k->key, "actors"))
                cfg->extract.actors = b;
        else if (!strcmp(k->key, "figures"))
                cfg->extract.figures = b;
        else if (!strcmp(k->key, "summits"))
                cfg->extract.summits = b;
}

/* Sets one typed value at base + k->off. */
static int set_typed(void *base, const key_def_t *k, const char *label, const char *value,
                     char *errstr, size_t errstr_size) {
        int b;
        switch (k->type) {
        case T_STRING:
        case T_ENUM: {
                if (k->type == T_ENUM && !choice_ok(k->choices, value)) {
                        snprintf(errstr, errstr_size, "%s: '%s' is not one of %s", label, value, k->choices);
                        return -1;
                }
                char *str = strdup(value);
                if (!str) {
                        snprintf(errstr, errstr_size, "%s: out of memory", label);
                        return -1;
                }
                char **slot = (char **)((char *)base + k->off);
                free(*slot);
                *slot = str;
                return 0;
        }
        case T_INT: {
                char *end;
                errno = 0;
                long n = strtol(value, &end, 10);
                if (errno || end == value || *end) {
                        snprintf(errstr, errstr_size, "%s: '%s' is not an integer", label, value);
                        return -1;
                }
                if (n < k->min || n > k->max) {
                        snprintf(errstr, errstr_size, "%s: %ld is out of range [%ld, %ld]", label, n,
                                 k->min, k->max);
                        return -1;
                }
                *(long *)((char *)base + k->off) = n;
                return 0;
        }
        case T_BOOL:
                if (parse_bool(value, &b)) {
                        snprintf(errstr, errstr_size, "%s: '%s' is not a boolean (true|false)", label, value);
                        return -1;
                }
                *(int *)((char *)base + k->off) = b;
                return 0;
        }
        return 0;
}

static void endpoint_free(nw_endpoint_t *e) {
        free(e->name);
        for (const key_def_t *d = endpoint_keys; d->section; d++)
                if (d->type == T_STRING || d->type == T_ENUM)
                        free(*(char **)((char *)e + d->off));
        free(e->schedule_ms);
        memset(e, 0, sizeof(*e));
}

/* Returns endpoint `name`, created with the defaults when new, or NULL. */
static nw_endpoint_t *endpoint_get(nw_config_t *cfg, const char *name, char *errstr,
                                   size_t errstr_size) {
        for (size_t i = 0; i < cfg->n_endpoints; i++)
                if (!strcmp(cfg->endpoints[i].name, name))
                        return &cfg->endpoints[i];
        if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(name)) {
                snprintf(errstr, errstr_size, "webhook.%s: endpoint names are [a-z0-9_-]+", name);
                return NULL;
        }
        nw_endpoint_t *n = realloc(cfg->endpoints, (cfg->n_endpoints + 1) * sizeof(*n));
        if (!n) {
                snprintf(errstr, errstr_size, "webhook.%s: out of memory", name);
                return NULL;
        }
        cfg->endpoints = n;
        nw_endpoint_t *e = &n[cfg->n_endpoints++];
        memset(e, 0, sizeof(*e));
        e->name = strdup(name);
        for (const key_def_t *d = endpoint_keys; d->section; d++)
                if (set_typed(e, d, d->key, d->def, errstr, errstr_size))
                        return NULL;
        return e->name ? e : NULL;
}

static int set_endpoint(nw_config_t *cfg, const char *name, const char *key, const char *value,
                        char *errstr, size_t errstr_size) {
        char label[300];
        if (!strcmp(name, "default"))
                snprintf(label, sizeof(label), "webhook.%s", key);
        else
                snprintf(label, sizeof(label), "webhook.%s.%s", name, key);
        for (const key_def_t *d = endpoint_keys; d->section; d++)
                if (!strcmp(d->key, key)) {
                        nw_endpoint_t *e = endpoint_get(cfg, name, errstr, errstr_size);
                        return e ? set_typed(e, d, label, value, errstr, errstr_size) : -1;
                }
        snprintf(errstr, errstr_size, "%s: unknown key", label);
        return -1;
}

int nw_config_set(nw_config_t *cfg, const char *section, const char *key,
                  const char *value, char *errstr, size_t errstr_size) {
        if (!strcmp(section, "kafka"))
                return set_kafka(cfg, key, value, errstr, errstr_size);
        /* [webhook] is endpoint "default"; [webhook.NAME] and -X webhook.NAME.key
         * name further endpoints */
        if (!strcmp(section, "webhook")) {
                const char *dot = strrchr(key, '.');
                if (!dot)
                        return set_endpoint(cfg, "default", key, value, errstr, errstr_size);
                char name[128];
                snprintf(name, sizeof(name), "%.*s", (int)(dot - key), key);
                return set_endpoint(cfg, name, dot + 1, value, errstr, errstr_size);
        }
        if (!strncmp(section, "webhook.", 8))
                return set_endpoint(cfg, section + 8, key, value, errstr, errstr_size);
        const key_def_t *k = NULL;
        int section_known = 0;
        for (const key_def_t *d = keys; d->section; d++) {
                if (!strcmp(d->section, section)) {
                        section_known = 1;
                        if (!strcmp(d->key, key)) {
                                k = d;
                                break;
                        }
                }
        }
        if (!section_known) {
                snprintf(errstr, errstr_size,
                         "%s.%s: unknown section '%s' (known: kafka, topics, worker, alerts, webhook, webhook.NAME, metrics, extract)",
                         section, key, section);
                return -1;
        }
        if (!k) {
                snprintf(errstr, errstr_size, "%s.%s: unknown key", section, key);
                return -1;
        }
        char label[300];
        snprintf(label, sizeof(label), "%s.%s", section, key);
        if (k->type == T_STRING && !strcmp(section, "topics") && !*value) {
                snprintf(errstr, errstr_size, "%s: must not be empty", label);
                return -1;
        }
        if (k->off != NO_OFF)
                return set_typed(cfg, k, label, value, errstr, errstr_size);
        /* keys without a field of their own: checked as typed, applied by hand */
        int b = 0;
        if (k->type == T_BOOL && parse_bool(value, &b)) {
                snprintf(errstr, errstr_size, "%s: '%s' is not a boolean (true|false)", label, value);
                return -1;
        }
        if (k->type == T_ENUM && !choice_ok(k->choices, value)) {
                snprintf(errstr, errstr_size, "%s: '%s' is not one of %s", label, value, k->choices);
                return -1;
        }
        apply_special(cfg, k, value, b);
        return 0;
}

int nw_config_init(nw_config_t *cfg, char *errstr, size_t errstr_size) {
        memset(cfg, 0, sizeof(*cfg));
        nx_options_init(&cfg->extract);
        cfg->log.level = NW_LOG_INFO;
        cfg->log.format = NW_LOG_LOGFMT;
        for (const key_def_t *d = keys; d->section; d++)
                if (nw_config_set(cfg, d->section, d->key, d->def, errstr, errstr_size))
                        return -1;
        if (!endpoint_get(cfg, "default", errstr, errstr_size))
                return -1;
        if (set_kafka(cfg, "bootstrap.servers", "127.0.0.1:9092", errstr, errstr_size) ||
            set_kafka(cfg, "group.id", "newsworker", errstr, errstr_size))
                return -1;
        return 0;
}

void nw_config_destroy(nw_config_t *cfg) {
        for (size_t i = 0; i < cfg->n_kafka; i++) {
                free(cfg->kafka[i].key);
                free(cfg->kafka[i].value);
        }
        free(cfg->kafka);
        for (size_t i = 0; i < cfg->n_endpoints; i++)
                endpoint_free(&cfg->endpoints[i]);
        free(cfg->endpoints);
        for (const key_def_t *d = keys; d->section; d++)
                if (d->type == T_STRING)
                        free(*(char **)((char *)cfg + d->off));
        memset(cfg, 0, sizeof(*cfg));
}

int nw_config_set_x(nw_config_t *cfg, const char *assignment, char *errstr,
                    size_t errstr_size) {
        const char *eq = strchr(assignment, '=');
        const char *dot = strchr(assignment, '.');
        if (!eq || !dot || dot > eq || dot == assignment || dot + 1 == eq) {
                snprintf(errstr, errstr_size,
                         "-X %s: expected section.key=value (e.g. -X kafka.bootstrap.servers=host:9092)",
                         assignment);
                return -1;
        }
        char section[64], key[256];
        size_t sl = (size_t)(dot - assignment), kl = (size_t)(eq - dot - 1);
        if (sl >= sizeof(section) || kl >= sizeof(key)) {
                snprintf(errstr, errstr_size, "-X %.40s...: key too long", assignment);
                return -1;
        }
        memcpy(section, assignment, sl);
        section[sl] = '\0';
        memcpy(key, dot + 1, kl);
        key[kl] = '\0';
        char inner[512] = "";
        if (!nw_config_set(cfg, section, key, eq + 1, inner, sizeof(inner)))
                return 0;
        /* name the source like file errors do; never echo a secret's value */
        if (strstr(key, "secret") || strstr(key, "password") || strstr(key, "ssl.key"))
                snprintf(errstr, errstr_size, "-X %.*s=...: %s", (int)(eq - assignment), assignment, inner);
        else
                snprintf(errstr, errstr_size, "-X %s: %s", assignment, inner);
        return -1;
}

typedef struct ini_ctx_s {
        nw_config_t *cfg;
        char *errstr;
        size_t errstr_size;
        int failed;
} ini_ctx_t;

static int on_ini_pair(void *user, const char *section, const char *name,
                       const char *value) {
        ini_ctx_t *c = user;
        if (c->failed)
                return 0;
        if (!*section) {
                snprintf(c->errstr, c->errstr_size, "%s: key outside of any [section]", name);
                c->failed = 1;
                return 0;
        }
        if (nw_config_set(c->cfg, section, name, value, c->errstr, c->errstr_size)) {
                c->failed = 1;
                return 0;
        }
        return 1;
}

int nw_config_load_file(nw_config_t *cfg, const char *path, char *errstr,
                        size_t errstr_size) {
        char inner[512] = "";
        ini_ctx_t c = {cfg, inner, sizeof(inner), 0};
        int rc = ini_parse(path, on_ini_pair, &c);
        if (rc == -1) {
                snprintf(errstr, errstr_size, "config file %s: %s", path, strerror(errno));
                return -1;
        }
        if (rc != 0) {
                if (c.failed)
                        snprintf(errstr, errstr_size, "%s:%d: %s", path, rc, inner);
                else
                        snprintf(errstr, errstr_size, "%s:%d: syntax error", path, rc);
                return -1;
        }
        return 0;
}

/* The sections the environment may set: NEWSWORKER_<SECTION>_... with any
 * other SECTION is somebody else's variable (NEWSWORKER_CACHE of the test
 * scripts, Kubernetes service links of a Service named newsworker-...). */
static int env_section_known(const char *section) {
        static const char *const known[] = {"kafka", "topics", "worker", "alerts",
                                            "webhook", "metrics", "extract", NULL};
        for (int i = 0; known[i]; i++)
                if (!strcmp(section, known[i]))
                        return 1;
        return 0;
}

/* Kubernetes service-link variables of a Service named newsworker-SECTION:
 * <SVC>_SERVICE_HOST, _SERVICE_PORT[_NAME], _PORT, _PORT_<N>_<PROTO>[_PROTO|_PORT|_ADDR]
 * (key lower-cased, after the section). No config key has these forms. */
static int env_is_service_link(const char *key) {
        if (!strcmp(key, "service_host") || !strcmp(key, "service_port") ||
            !strncmp(key, "service_port_", 13) || !strcmp(key, "port"))
                return 1;
        if (strncmp(key, "port_", 5))
                return 0;
        const char *p = key + 5;
        if (!isdigit((unsigned char)*p))
                return 0;
        while (isdigit((unsigned char)*p))
                p++;
        return !strncmp(p, "_tcp", 4) || !strncmp(p, "_udp", 4) || !strncmp(p, "_sctp", 5);
}

int nw_config_load_env(nw_config_t *cfg, char *const *envp, char *errstr,
                       size_t errstr_size) {
        static const char prefix[] = "NEWSWORKER_";
        for (; envp && *envp; envp++) {
                const char *e = *envp;
                if (strncmp(e, prefix, sizeof(prefix) - 1))
                        continue;
                const char *name = e + sizeof(prefix) - 1;
                const char *us = strchr(name, '_'), *eq = strchr(name, '=');
                if (!eq)
                        continue;
                int vl = (int)(eq - e); /* the variable's name, never its value */
                char section[64], key[256];
                size_t sl = (size_t)((us && us < eq ? us : eq) - name);
                if (sl >= sizeof(section))
                        continue; /* longer than any section: not ours */
                for (size_t i = 0; i < sl; i++)
                        section[i] = (char)tolower((unsigned char)name[i]);
                section[sl] = '\0';
                if (!env_section_known(section))
                        continue; /* NEWSWORKER_CACHE, NEWSWORKER_SERVICE_HOST, ...: not ours */
                size_t kl = us && us < eq ? (size_t)(eq - us - 1) : 0;
                if (kl == 0 || kl >= sizeof(key)) {
                        snprintf(errstr, errstr_size,
                                 "environment %.*s: expected NEWSWORKER_<SECTION>_<KEY>", vl, e);
                        return -1;
                }
                int kafka = !strcmp(section, "kafka");
                for (size_t i = 0; i < kl; i++) {
                        char ch = (char)tolower((unsigned char)us[1 + i]);
                        key[i] = (kafka && ch == '_') ? '.' : ch;
                }
                key[kl] = '\0';
                if (!kafka && env_is_service_link(key))
                        continue; /* Kubernetes service link of Service newsworker-<section> */
                if (kafka) {
                        char plain[256];
                        for (size_t i = 0; i <= kl; i++)
                                plain[i] = key[i] == '.' ? '_' : key[i];
                        if (env_is_service_link(plain))
                                continue;
                }
                char inner[512] = "";
                if (nw_config_set(cfg, section, key, eq + 1, inner, sizeof(inner))) {
                        int named_webhook = !strcmp(section, "webhook") && strstr(inner, "unknown key");
                        snprintf(errstr, errstr_size, "environment %.*s: %s%s", vl, e, inner,
                                 named_webhook ? " (named endpoints [webhook.NAME] cannot be set "
                                                 "from the environment: use the file or -X "
                                                 "webhook.NAME.KEY=VALUE)"
                                               : "");
                        return -1;
                }
        }
        return 0;
}

size_t nw_config_active_endpoints(const nw_config_t *cfg) {
        size_t active = 0;
        for (size_t i = 0; i < cfg->n_endpoints; i++)
                active += *cfg->endpoints[i].url != '\0';
        return active;
}

const char *nw_config_kafka_get(const nw_config_t *cfg, const char *key) {
        for (size_t i = 0; i < cfg->n_kafka; i++)
                if (!strcmp(cfg->kafka[i].key, key))
                        return cfg->kafka[i].value;
        return NULL;
}

/* Reads the secret file's first line into e->secret. */
static int read_secret_file(nw_endpoint_t *e, const char *label, char *errstr, size_t errstr_size) {
        FILE *f = fopen(e->secret_file, "r");
        if (!f) {
                snprintf(errstr, errstr_size, "%s.secret_file: cannot read %s: %s", label,
                         e->secret_file, strerror(errno));
                return -1;
        }
        char buf[1024];
        if (!fgets(buf, sizeof(buf), f))
                buf[0] = '\0';
        fclose(f);
        buf[strcspn(buf, "\r\n")] = '\0';
        char *sec = strdup(buf);
        if (!sec) {
                snprintf(errstr, errstr_size, "%s.secret_file: out of memory", label);
                return -1;
        }
        free(e->secret);
        e->secret = sec;
        return 0;
}

/* "5s,5m,30m,2h" -> ms; -1 on a bad item. */
static int parse_schedule(nw_endpoint_t *e) {
        free(e->schedule_ms);
        e->schedule_ms = NULL;
        e->n_schedule = 0;
        size_t cap = 1;
        for (const char *p = e->retry_schedule; *p; p++)
                cap += *p == ',';
        e->schedule_ms = calloc(cap, sizeof(long));
        if (!e->schedule_ms)
                return -1;
        const char *p = e->retry_schedule;
        while (*p) {
                char *end;
                errno = 0;
                long v = strtol(p, &end, 10);
                if (errno || end == p || v < 0)
                        return -1;
                long mult = 1000;
                if (*end == 'm' && end[1] == 's')
                        mult = 1, end += 2;
                else if (*end == 's')
                        mult = 1000, end++;
                else if (*end == 'm')
                        mult = 60000, end++;
                else if (*end == 'h')
                        mult = 3600000, end++;
                else
                        return -1;
                if (v > 86400000L / (mult ? mult : 1) * 7)
                        return -1;
                e->schedule_ms[e->n_schedule++] = v * mult;
                while (*end == ' ')
                        end++;
                if (*end == ',')
                        end++;
                else if (*end)
                        return -1;
                while (*end == ' ')
                        end++;
                p = end;
        }
        return e->n_schedule ? 0 : -1;
}

static int validate_endpoint(nw_endpoint_t *e, char *errstr, size_t errstr_size) {
        char label[200];
        if (!strcmp(e->name, "default"))
                snprintf(label, sizeof(label), "webhook");
        else
                snprintf(label, sizeof(label), "webhook.%s", e->name);
        if (*e->secret_file && read_secret_file(e, label, errstr, errstr_size))
                return -1;
        if (*e->secret) {
                const char *sec = e->secret;
                unsigned char out[512];
                size_t bl = strlen(sec) > 6 ? strlen(sec + 6) : 0;
                if (strncmp(sec, "whsec_", 6) || bl < 4 || bl > 600 || bl % 4 ||
                    EVP_DecodeBlock(out, (const unsigned char *)sec + 6, (int)bl) < 0) {
                        /* never echo the secret itself */
                        snprintf(errstr, errstr_size, "%s.secret: must be whsec_<base64 of 24..64 random bytes>",
                                 label);
                        return -1;
                }
        }
        if (*e->url && strncmp(e->url, "http://", 7) && strncmp(e->url, "https://", 8)) {
                snprintf(errstr, errstr_size, "%s.url: '%s' is not an http(s) URL", label, e->url);
                return -1;
        }
        if (strcmp(e->name, "default") && !*e->url) {
                snprintf(errstr, errstr_size, "%s.url: an endpoint needs a url", label);
                return -1;
        }
        if (parse_schedule(e)) {
                snprintf(errstr, errstr_size, "%s.retry_schedule: '%s' is not a list like 5s,5m,30m,2h",
                         label, e->retry_schedule);
                return -1;
        }
        return 0;
}

int nw_config_validate(nw_config_t *cfg, char *errstr, size_t errstr_size) {
        for (size_t i = 0; i < cfg->n_endpoints; i++)
                if (validate_endpoint(&cfg->endpoints[i], errstr, errstr_size))
                        return -1;
        if (*cfg->metrics_listen) {
                char host[64];
                int port;
                if (nw_http_parse_listen(cfg->metrics_listen, host, sizeof(host), &port)) {
                        snprintf(errstr, errstr_size,
                                 "metrics.listen: '%s' is not IPV4ADDRESS:PORT (e.g. 0.0.0.0:9464)",
                                 cfg->metrics_listen);
                        return -1;
                }
        }
        const char *gid = nw_config_kafka_get(cfg, "group.id");
        if (!gid || !*gid) {
                snprintf(errstr, errstr_size,
                         "kafka.group.id: must not be empty (the consumer group of the workers)");
                return -1;
        }
        /* an output on the input topic: every record would be read again */
        const struct { const char *key, *topic; } outs[] = {
                {"topics.enriched", cfg->topic_enriched}, {"topics.dlq", cfg->topic_dlq},
                {"topics.summits", cfg->topic_summits},   {"topics.alerts", cfg->topic_alerts},
                {"topics.webhooks", cfg->topic_webhooks}};
        for (size_t i = 0; i < sizeof(outs) / sizeof(outs[0]); i++)
                if (!strcmp(outs[i].topic, cfg->topic_input)) {
                        snprintf(errstr, errstr_size,
                                 "%s: '%s' is topics.input too: the worker would consume its own "
                                 "output forever",
                                 outs[i].key, outs[i].topic);
                        return -1;
                }
        /* librdkafka knows its own properties: let it judge each one */
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        char kerr[256];
        for (size_t i = 0; i < cfg->n_kafka; i++) {
                if (rd_kafka_conf_set(conf, cfg->kafka[i].key, cfg->kafka[i].value, kerr,
                                      sizeof(kerr)) != RD_KAFKA_CONF_OK) {
                        snprintf(errstr, errstr_size, "kafka.%s: %s", cfg->kafka[i].key, kerr);
                        rd_kafka_conf_destroy(conf);
                        return -1;
                }
        }
        rd_kafka_conf_destroy(conf);
        return 0;
}
