/*
 * main.c - the newsworker command line: extract, run, alert, demo, config.
 *
 * The only file that owns process-wide state: the stop flag set by
 * SIGTERM/SIGINT, and the decision to exit. Exit codes: 0 ok, 1 runtime
 * failure (or, for extract, an input that is not an article), 2 bad usage or
 * configuration (one line on stderr naming the key and the problem).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "http.h"
#include "input.h"
#include "log.h"
#include "nx.h"
#include "pipeline.h"
#include "worker.h"

extern char **environ;

static volatile sig_atomic_t g_stop; /* set by SIGTERM/SIGINT */

static void on_signal(int sig) {
        (void)sig;
        g_stop = 1;
}

static void usage(FILE *out) {
        fprintf(out,
"usage: newsworker COMMAND [OPTIONS]\n"
"\n"
"Streaming news extraction for Kafka: dates (TIMEX3), actors, figures and\n"
"summits from raw articles, as enriched JSON records.\n"
"\n"
"commands:\n"
"  extract [FILE|-]...   print one enriched record (JSONL) per article read\n"
"                        from files: plain text (optional 'date YYYY-MM-DD'\n"
"                        header), a JSON envelope, or JSONL. No Kafka.\n"
"  run                   the Kafka worker: consume topics.input as a member of\n"
"                        consumer group kafka.group.id, produce records,\n"
"                        summit events and dead letters; also the alerter\n"
"                        and dispatcher unless worker.alerter=false\n"
"  alert                 the summit alerter and webhook dispatcher: consume\n"
"                        topics.summits, alert once per new summit key\n"
"                        (topics.alerts), deliver alerts to the webhooks\n"
"  dispatch              the webhook dispatcher alone: consume topics.alerts,\n"
"                        deliver to every [webhook] / [webhook.NAME] endpoint\n"
"  demo [FILE...]        run the worker on an in-process mock Kafka cluster\n"
"                        over the sample articles; records to stdout, alerts\n"
"                        to stderr\n"
"  config check          validate the configuration without connecting\n"
"  config keys           list every configuration key with default and meaning\n"
"  health [live|ready]   probe this host's running worker on metrics.listen:\n"
"                        GET /healthz (live, the default) or /readyz; exit 0\n"
"                        when it answers 200 (the container HEALTHCHECK)\n"
"\n"
"options:\n"
"  -c, --config FILE     INI configuration file (see config/newsworker.conf)\n"
"  -X section.key=value  set any configuration key, e.g.\n"
"                        -X kafka.bootstrap.servers=127.0.0.1:9092\n"
"                        (environment: NEWSWORKER_<SECTION>_<KEY>)\n"
"  -h, --help            this help\n"
"  -V, --version         the version\n"
"\n"
"operations: with metrics.listen = HOST:PORT, `run` and `alert` serve\n"
"  /metrics (Prometheus), /healthz and /readyz (see docs/operations.md)\n"
"\n"
"exit codes: 0 ok, 1 failure, 2 bad usage or configuration\n");
}

typedef struct extract_ctx_s {
        nw_pipeline_t *pipe;
        size_t ok, bad;
        int failed;
} extract_ctx_t;

static int on_item(void *opaque, const char *payload, size_t len,
                   const char *default_id, const char *where) {
        extract_ctx_t *c = opaque;
        nw_article_meta_t meta = {.timestamp_ms = -1, .default_id = default_id};
        nw_output_t out;
        char err[256];
        if (nw_pipeline_process(c->pipe, payload, len, &meta, NULL, &out, err, sizeof(err))) {
                fprintf(stderr, "newsworker: %s: %s\n", where, err);
                c->failed = 1;
                return 1;
        }
        if (out.error != NW_ART_OK) {
                fprintf(stderr, "newsworker: %s: not an article: %s: %s\n", where,
                        nw_article_error_name(out.error), out.reason_msg);
                c->bad++;
        } else {
                fwrite(out.record, 1, out.record_len, stdout);
                fputc('\n', stdout);
                c->ok++;
        }
        nw_output_clear(&out);
        return 0;
}

static int cmd_extract(nw_config_t *cfg, int argc, char **argv) {
        char err[512];
        nx_engine_t *eng = nx_engine_new(&cfg->extract, err, sizeof(err));
        if (!eng) {
                fprintf(stderr, "newsworker: %s\n", err);
                return 1;
        }
        extract_ctx_t c = {0};
        c.pipe = nw_pipeline_new(cfg, eng, err, sizeof(err));
        int rc = 0;
        if (!c.pipe) {
                fprintf(stderr, "newsworker: %s\n", err);
                rc = 1;
        }
        size_t counter = 0;
        char *dash[] = {"-"};
        if (argc == 0) {
                argv = dash;
                argc = 1;
        }
        for (int i = 0; i < argc && !rc; i++) {
                int r = nw_input_read_file(argv[i], &counter, on_item, &c, err, sizeof(err));
                if (r < 0) {
                        fprintf(stderr, "newsworker: %s\n", err);
                        rc = 1;
                } else if (r > 0 || c.failed) {
                        rc = 1;
                }
        }
        fflush(stdout);
        if (!rc && c.bad)
                rc = 1;
        nw_pipeline_destroy(c.pipe);
        nx_engine_destroy(eng);
        return rc;
}

/* `health [live|ready]`: 0 when the local endpoint answers 200. */
static int cmd_health(nw_config_t *cfg, int argc, char **argv) {
        const char *what = argc >= 1 ? argv[0] : "live";
        const char *path = !strcmp(what, "live") ? "/healthz" : !strcmp(what, "ready") ? "/readyz" : NULL;
        if (!path) {
                fprintf(stderr, "newsworker: health: expected 'live' or 'ready'\n");
                return 2;
        }
        if (!nw_http_enabled(cfg->metrics_listen)) {
                fprintf(stderr, "newsworker: health: metrics.listen is not set: no endpoint to probe\n");
                return 2;
        }
        char err[512];
        int status = nw_http_probe(cfg->metrics_listen, path, 5000, err, sizeof(err));
        if (status < 0) {
                fprintf(stderr, "newsworker: health: %s\n", err);
                return 1;
        }
        printf("%s %d\n", path, status);
        return status == 200 ? 0 : 1;
}

static int cmd_config(nw_config_t *cfg, int argc, char **argv) {
        if (argc >= 1 && !strcmp(argv[0], "keys")) {
                nw_config_key_t k;
                for (size_t i = 0; nw_config_key_at(i, &k) == 0; i++)
                        printf("%s.%s\t%s\t%s\t%s\n", k.section, k.key, k.type,
                               *k.def ? k.def : "\"\"", k.doc);
                printf("kafka.*\tstring\t-\tany librdkafka property (CONFIGURATION.md), e.g. "
                       "kafka.bootstrap.servers (127.0.0.1:9092), kafka.group.id (newsworker)\n");
                return 0;
        }
        if (argc >= 1 && !strcmp(argv[0], "check")) {
                /* nw_config_validate already ran in main */
                printf("configuration ok: input %s, enriched %s, summits %s, alerts %s, dlq %s, "
                       "bootstrap.servers %s, group.id %s\n",
                       cfg->topic_input, cfg->topic_enriched, cfg->topic_summits,
                       cfg->topic_alerts, cfg->topic_dlq,
                       nw_config_kafka_get(cfg, "bootstrap.servers"),
                       nw_config_kafka_get(cfg, "group.id"));
                return 0;
        }
        fprintf(stderr, "newsworker: config: expected 'check' or 'keys'\n");
        return 2;
}

int main(int argc, char **argv) {
        if (argc < 2) {
                usage(stderr);
                return 2;
        }
        if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
                usage(stdout);
                return 0;
        }
        if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
                printf("newsworker %s (libnx %s, librdkafka %s)\n", NW_VERSION, NX_VERSION,
                       nw_worker_librdkafka_version());
                return 0;
        }
        const char *cmd = argv[1];
        if (strcmp(cmd, "extract") && strcmp(cmd, "run") && strcmp(cmd, "alert") && strcmp(cmd, "dispatch") &&
            strcmp(cmd, "demo") && strcmp(cmd, "config") && strcmp(cmd, "health")) {
                fprintf(stderr, "newsworker: unknown command '%s' (try --help)\n", cmd);
                return 2;
        }

        nw_config_t cfg;
        char err[512];
        if (nw_config_init(&cfg, err, sizeof(err))) {
                fprintf(stderr, "newsworker: %s\n", err);
                return 1;
        }
        static const struct option longopts[] = {
                {"config", required_argument, NULL, 'c'},
                {"help", no_argument, NULL, 'h'},
                {"version", no_argument, NULL, 'V'},
                {NULL, 0, NULL, 0}};
        const char *config_file = NULL;
        /* -X options are applied after file and environment, in order */
        char **xs = calloc((size_t)argc, sizeof(char *));
        size_t nx = 0;
        int opt, rc = 0;
        optind = 2;
        while ((opt = getopt_long(argc, argv, "c:X:hV", longopts, NULL)) != -1) {
                switch (opt) {
                case 'c':
                        config_file = optarg;
                        break;
                case 'X':
                        xs[nx++] = optarg;
                        break;
                case 'h':
                        usage(stdout);
                        goto done;
                case 'V':
                        printf("newsworker %s\n", NW_VERSION);
                        goto done;
                default:
                        fprintf(stderr, "newsworker: bad option (try --help)\n");
                        rc = 2;
                        goto done;
                }
        }
        if ((config_file && nw_config_load_file(&cfg, config_file, err, sizeof(err))) ||
            nw_config_load_env(&cfg, environ, err, sizeof(err))) {
                fprintf(stderr, "newsworker: %s\n", err);
                rc = 2;
                goto done;
        }
        for (size_t i = 0; i < nx; i++)
                if (nw_config_set_x(&cfg, xs[i], err, sizeof(err))) {
                        fprintf(stderr, "newsworker: %s\n", err);
                        rc = 2;
                        goto done;
                }
        if (nw_config_validate(&cfg, err, sizeof(err))) {
                fprintf(stderr, "newsworker: %s\n", err);
                rc = 2;
                goto done;
        }

        if (!strcmp(cmd, "dispatch") && !nw_config_active_endpoints(&cfg)) {
                /* a dispatcher with nothing to deliver to would exit 0 at once:
                 * a pod in a restart loop; say so as a config error */
                fprintf(stderr, "newsworker: webhook.url: no webhook endpoint configured "
                                "(set webhook.url or a [webhook.NAME] url): dispatch has nothing to do\n");
                rc = 2;
                goto done;
        }

        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        signal(SIGPIPE, SIG_IGN);

        int rest = argc - optind;
        char **args = argv + optind;
        if (!strcmp(cmd, "extract"))
                rc = cmd_extract(&cfg, rest, args);
        else if (!strcmp(cmd, "config"))
                rc = cmd_config(&cfg, rest, args);
        else if (!strcmp(cmd, "health"))
                rc = cmd_health(&cfg, rest, args);
        else if (!strcmp(cmd, "run"))
                rc = nw_worker_run(&cfg, &g_stop,
                                   NW_ROLE_WORKER | (cfg.alerter ? NW_ROLE_ALERTER | NW_ROLE_DISPATCHER : 0));
        else if (!strcmp(cmd, "alert"))
                rc = nw_worker_run(&cfg, &g_stop, NW_ROLE_ALERTER | NW_ROLE_DISPATCHER);
        else if (!strcmp(cmd, "dispatch"))
                rc = nw_worker_run(&cfg, &g_stop, NW_ROLE_DISPATCHER);
        else
                rc = nw_demo_run(&cfg, &g_stop, rest, args);
done:
        free(xs);
        nw_config_destroy(&cfg);
        return rc;
}
