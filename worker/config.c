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
        {"worker", "max_in_flight", T_INT, "1000", OFF(max_in_flight), 1, 1000000, NULL,
         "messages consumed but not yet acknowledged before the worker pauses fetching"},
        {"worker", "poll_timeout_ms", T_INT, "100", OFF(poll_timeout_ms), 1, 10000, NULL,
         "ms each consumer poll waits for a message"},
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
        {"webhook", "url", T_STRING, "", OFF(webhook_url), 0, 0, NULL,
         "URL that new-summit alerts are POSTed to (empty: no webhook)"},
        {"webhook", "secret", T_STRING, "", OFF(webhook_secret), 0, 0, NULL,
         "Standard Webhooks signing secret, whsec_<base64> (prefer secret_file or the environment)"},
        {"webhook", "secret_file", T_STRING, "", OFF(webhook_secret_file), 0, 0, NULL,
         "file holding the signing secret (overrides secret)"},
        {"webhook", "timeout_ms", T_INT, "10000", OFF(webhook_timeout_ms), 1, 600000, NULL,
         "ms allowed for one delivery attempt in total"},
        {"webhook", "connect_timeout_ms", T_INT, "3000", OFF(webhook_connect_timeout_ms), 1, 600000, NULL,
         "ms allowed to connect"},
        {"webhook", "max_attempts", T_INT, "5", OFF(webhook_max_attempts), 1, 100, NULL,
         "delivery attempts per alert before it is logged as failed"},
        {"webhook", "backoff_ms", T_INT, "1000", OFF(webhook_backoff_ms), 0, 3600000, NULL,
         "ms before the first retry; doubles each attempt, with jitter"},
        {"webhook", "queue_max", T_INT, "10000", OFF(webhook_queue_max), 1, 10000000, NULL,
         "alerts waiting for delivery kept in memory"},
        {"extract", "date_order", T_ENUM, "mdy", NO_OFF, 0, 0, "mdy|dmy",
         "reading of numeric dates such as 12/10/2022"},
        {"extract", "dates", T_BOOL, "true", NO_OFF, 0, 0, NULL, "extract dates (TIMEX3)"},
        {"extract", "actors", T_BOOL, "true", NO_OFF, 0, 0, NULL, "extract actors"},
        {"extract", "figures", T_BOOL, "true", NO_OFF, 0, 0, NULL, "extract figures"},
        {"extract", "summits", T_BOOL, "true", NO_OFF, 0, 0, NULL, "extract summits"},
        {NULL, NULL, 0, NULL, 0, 0, 0, NULL, NULL},
};

int nw_config_key_at(size_t i, nw_config_key_t *out) {
        static const char *const tn[] = {"string", "integer", "boolean", "enum"};
        if (i >= sizeof(keys) / sizeof(keys[0]) - 1)
                return -1;
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
        if (!strcmp(k->key, "processing_guarantee"))
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

int nw_config_set(nw_config_t *cfg, const char *section, const char *key,
                  const char *value, char *errstr, size_t errstr_size) {
        if (!strcmp(section, "kafka"))
                return set_kafka(cfg, key, value, errstr, errstr_size);
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
                         "%s.%s: unknown section '%s' (known: kafka, topics, worker, webhook, extract)",
                         section, key, section);
                return -1;
        }
        if (!k) {
                snprintf(errstr, errstr_size, "%s.%s: unknown key", section, key);
                return -1;
        }
        long n = 0;
        int b = 0;
        switch (k->type) {
        case T_STRING: {
                if (!strcmp(section, "topics") && !*value) {
                        snprintf(errstr, errstr_size, "%s.%s: must not be empty", section, key);
                        return -1;
                }
                char *s = strdup(value);
                if (!s) {
                        snprintf(errstr, errstr_size, "%s.%s: out of memory", section, key);
                        return -1;
                }
                char **slot = (char **)((char *)cfg + k->off);
                free(*slot);
                *slot = s;
                return 0;
        }
        case T_INT: {
                char *end;
                errno = 0;
                n = strtol(value, &end, 10);
                if (errno || end == value || *end) {
                        snprintf(errstr, errstr_size, "%s.%s: '%s' is not an integer", section, key, value);
                        return -1;
                }
                if (n < k->min || n > k->max) {
                        snprintf(errstr, errstr_size, "%s.%s: %ld is out of range [%ld, %ld]",
                                 section, key, n, k->min, k->max);
                        return -1;
                }
                *(long *)((char *)cfg + k->off) = n;
                return 0;
        }
        case T_BOOL:
                if (parse_bool(value, &b)) {
                        snprintf(errstr, errstr_size, "%s.%s: '%s' is not a boolean (true|false)",
                                 section, key, value);
                        return -1;
                }
                if (k->off != NO_OFF)
                        *(int *)((char *)cfg + k->off) = b;
                else
                        apply_special(cfg, k, value, b);
                return 0;
        case T_ENUM:
                if (!choice_ok(k->choices, value)) {
                        snprintf(errstr, errstr_size, "%s.%s: '%s' is not one of %s", section, key,
                                 value, k->choices);
                        return -1;
                }
                apply_special(cfg, k, value, 0);
                return 0;
        }
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
        return nw_config_set(cfg, section, key, eq + 1, errstr, errstr_size);
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
                if (!us || us > eq) {
                        snprintf(errstr, errstr_size, "%.*s: expected NEWSWORKER_<SECTION>_<KEY>",
                                 (int)(eq - e), e);
                        return -1;
                }
                char section[64], key[256];
                size_t sl = (size_t)(us - name), kl = (size_t)(eq - us - 1);
                if (sl >= sizeof(section) || kl >= sizeof(key) || kl == 0) {
                        snprintf(errstr, errstr_size, "%.*s: bad variable name", (int)(eq - e), e);
                        return -1;
                }
                for (size_t i = 0; i < sl; i++)
                        section[i] = (char)tolower((unsigned char)name[i]);
                section[sl] = '\0';
                int kafka = !strcmp(section, "kafka");
                for (size_t i = 0; i < kl; i++) {
                        char ch = (char)tolower((unsigned char)us[1 + i]);
                        key[i] = (kafka && ch == '_') ? '.' : ch;
                }
                key[kl] = '\0';
                if (nw_config_set(cfg, section, key, eq + 1, errstr, errstr_size))
                        return -1;
        }
        return 0;
}

const char *nw_config_kafka_get(const nw_config_t *cfg, const char *key) {
        for (size_t i = 0; i < cfg->n_kafka; i++)
                if (!strcmp(cfg->kafka[i].key, key))
                        return cfg->kafka[i].value;
        return NULL;
}

/* Reads the secret file's first line into cfg->webhook_secret. */
static int read_secret_file(nw_config_t *cfg, char *errstr, size_t errstr_size) {
        FILE *f = fopen(cfg->webhook_secret_file, "r");
        if (!f) {
                snprintf(errstr, errstr_size, "webhook.secret_file: cannot read %s: %s",
                         cfg->webhook_secret_file, strerror(errno));
                return -1;
        }
        char buf[1024];
        if (!fgets(buf, sizeof(buf), f))
                buf[0] = '\0';
        fclose(f);
        buf[strcspn(buf, "\r\n")] = '\0';
        char *s = strdup(buf);
        if (!s) {
                snprintf(errstr, errstr_size, "webhook.secret_file: out of memory");
                return -1;
        }
        free(cfg->webhook_secret);
        cfg->webhook_secret = s;
        return 0;
}

int nw_config_validate(nw_config_t *cfg, char *errstr, size_t errstr_size) {
        if (*cfg->webhook_secret_file && read_secret_file(cfg, errstr, errstr_size))
                return -1;
        if (*cfg->webhook_secret) {
                const char *s = cfg->webhook_secret;
                if (strncmp(s, "whsec_", 6) || strlen(s) < 6 + 4) {
                        snprintf(errstr, errstr_size,
                                 "webhook.secret: must be whsec_<base64 of 24..64 random bytes>");
                        return -1;
                }
                unsigned char out[512];
                size_t bl = strlen(s + 6);
                if (bl > 600 || bl % 4 || EVP_DecodeBlock(out, (const unsigned char *)s + 6, (int)bl) < 0) {
                        snprintf(errstr, errstr_size, "webhook.secret: the part after whsec_ is not base64");
                        return -1;
                }
        }
        if (*cfg->webhook_url && strncmp(cfg->webhook_url, "http://", 7) &&
            strncmp(cfg->webhook_url, "https://", 8)) {
                snprintf(errstr, errstr_size, "webhook.url: '%s' is not an http(s) URL", cfg->webhook_url);
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
