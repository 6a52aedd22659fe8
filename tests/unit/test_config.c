/* test_config.c - defaults, INI file, environment, -X, and error messages
 * that name the key. */
#include "nw_test.h"

#include <fcntl.h>
#include <unistd.h>

#include "config.h"

static void test_defaults(void **st) {
        (void)st;
        nw_config_t c;
        char err[256];
        assert_int_equal(nw_config_init(&c, err, sizeof(err)), 0);
        assert_string_equal(c.topic_input, "articles.raw");
        assert_string_equal(c.topic_dlq, "articles.dlq");
        assert_int_equal(c.max_article_bytes, 1048576);
        assert_int_equal(c.shutdown_timeout_ms, 10000);
        assert_int_equal(c.alerter, 1);
        assert_string_equal(nw_config_kafka_get(&c, "group.id"), "newsworker");
        assert_int_equal(nw_config_validate(&c, err, sizeof(err)), 0);
        nw_config_destroy(&c);
}

static void expect_error(const char *x, const char *fragment) {
        nw_config_t c;
        char err[256];
        assert_int_equal(nw_config_init(&c, err, sizeof(err)), 0);
        int rc = nw_config_set_x(&c, x, err, sizeof(err));
        if (rc == 0)
                rc = nw_config_validate(&c, err, sizeof(err));
        if (rc == 0 || !strstr(err, fragment))
                fail_msg("-X %s: want an error containing '%s', got rc=%d '%s'", x, fragment, rc, err);
        nw_config_destroy(&c);
}

static void test_errors_name_the_key(void **st) {
        (void)st;
        expect_error("worker.max_article_bytes=abc", "worker.max_article_bytes: 'abc' is not an integer");
        expect_error("worker.max_article_bytes=0", "worker.max_article_bytes: 0 is out of range");
        expect_error("worker.nope=1", "worker.nope: unknown key");
        expect_error("bogus.key=1", "unknown section");
        expect_error("worker.alerter=maybe", "worker.alerter: 'maybe' is not a boolean");
        expect_error("worker.log_format=xml", "worker.log_format: 'xml' is not one of logfmt|json");
        expect_error("topics.input=", "topics.input: must not be empty");
        expect_error("kafka.no.such.property=1", "kafka.no.such.property");
        expect_error("kafka.session.timeout.ms=abc", "kafka.session.timeout.ms");
        expect_error("webhook.secret=plain", "webhook.secret");
        expect_error("webhook.url=ftp://x", "webhook.url");
        expect_error("noequals", "expected section.key=value");
        expect_error("kafka.group.id=", "kafka.group.id: must not be empty");
        expect_error("topics.enriched=articles.raw", "topics.enriched: 'articles.raw' is topics.input too");
        expect_error("topics.dlq=articles.raw", "topics.dlq: 'articles.raw' is topics.input too");
        expect_error("topics.summits=articles.raw", "topics.summits: 'articles.raw' is topics.input too");
        expect_error("topics.alerts=articles.raw", "topics.alerts: 'articles.raw' is topics.input too");
        expect_error("topics.input=articles.dlq", "topics.dlq: 'articles.dlq' is topics.input too");
}

static void test_sources_in_order(void **st) {
        (void)st;
        char path[] = "/tmp/nwcfgXXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        const char *ini = "; comment\n[topics]\ninput = from.file\nenriched = e.file\n"
                          "[kafka]\nbootstrap.servers = file:9092\nsession.timeout.ms = 6000\n"
                          "[worker]\nmax_article_bytes = 2048\n";
        assert_int_equal(write(fd, ini, strlen(ini)), (ssize_t)strlen(ini));
        close(fd);
        nw_config_t c;
        char err[256];
        assert_int_equal(nw_config_init(&c, err, sizeof(err)), 0);
        assert_int_equal(nw_config_load_file(&c, path, err, sizeof(err)), 0);
        char *env[] = {"NEWSWORKER_TOPICS_INPUT=from.env", "NEWSWORKER_KAFKA_BOOTSTRAP_SERVERS=env:9092",
                       "OTHER=1", NULL};
        assert_int_equal(nw_config_load_env(&c, env, err, sizeof(err)), 0);
        assert_int_equal(nw_config_set_x(&c, "topics.input=from.x", err, sizeof(err)), 0);
        assert_string_equal(c.topic_input, "from.x");
        assert_string_equal(c.topic_enriched, "e.file");
        assert_string_equal(nw_config_kafka_get(&c, "bootstrap.servers"), "env:9092");
        assert_string_equal(nw_config_kafka_get(&c, "session.timeout.ms"), "6000");
        assert_int_equal(c.max_article_bytes, 2048);
        nw_config_destroy(&c);

        /* a bad line names file, line and key */
        fd = open(path, O_WRONLY | O_TRUNC);
        const char *bad = "[worker]\nmax_article_bytes = 10\nshutdown_timeout_ms = soon\n";
        assert_int_equal(write(fd, bad, strlen(bad)), (ssize_t)strlen(bad));
        close(fd);
        assert_int_equal(nw_config_init(&c, err, sizeof(err)), 0);
        assert_int_equal(nw_config_load_file(&c, path, err, sizeof(err)), -1);
        assert_non_null(strstr(err, ":3: worker.shutdown_timeout_ms: 'soon' is not an integer"));
        nw_config_destroy(&c);
        unlink(path);
}

static void test_example_config_loads(void **st) {
        (void)st;
        nw_config_t c;
        char err[256];
        assert_int_equal(nw_config_init(&c, err, sizeof(err)), 0);
        if (nw_config_load_file(&c, NW_SOURCE_DIR "/config/newsworker.conf", err, sizeof(err)) ||
            nw_config_validate(&c, err, sizeof(err)))
                fail_msg("config/newsworker.conf: %s", err);
        nw_config_destroy(&c);
}

static void test_every_key_documented(void **st) {
        (void)st;
        /* every key of the table appears in the example configuration */
        FILE *f = fopen(NW_SOURCE_DIR "/config/newsworker.conf", "r");
        assert_non_null(f);
        static char text[65536];
        size_t n = fread(text, 1, sizeof(text) - 1, f);
        text[n] = '\0';
        fclose(f);
        nw_config_key_t k;
        for (size_t i = 0; nw_config_key_at(i, &k) == 0; i++) {
                char needle[128];
                snprintf(needle, sizeof(needle), "%s =", k.key);
                if (!strstr(text, needle))
                        fail_msg("config/newsworker.conf does not document %s.%s", k.section, k.key);
        }
}

static void expect_env(char *var, const char *fragment) {
        nw_config_t c;
        char err[512] = "";
        char *env[] = {var, NULL};
        assert_int_equal(nw_config_init(&c, err, sizeof(err)), 0);
        int rc = nw_config_load_env(&c, env, err, sizeof(err));
        if (fragment ? rc == 0 || !strstr(err, fragment) : rc != 0)
                fail_msg("%s: want %s '%s', got rc=%d '%s'", var, fragment ? "an error containing" : "no error",
                         fragment ? fragment : "", rc, err);
        nw_config_destroy(&c);
}

static void test_env_foreign_and_sourced(void **st) {
        (void)st;
        /* not a config section: somebody else's variable */
        expect_env("NEWSWORKER_CACHE=/home/u/.cache/newsworker", NULL);
        expect_env("NEWSWORKER_SERVICE_HOST=10.0.0.1", NULL);
        expect_env("NEWSWORKER_PORT=tcp://10.0.0.1:9464", NULL);
        expect_env("NEWSWORKER_X=1", NULL);
        expect_env("NEWSWORKER_=1", NULL);
        /* Kubernetes service links of Services newsworker-metrics, newsworker-kafka */
        expect_env("NEWSWORKER_METRICS_SERVICE_HOST=10.0.0.1", NULL);
        expect_env("NEWSWORKER_METRICS_SERVICE_PORT=9464", NULL);
        expect_env("NEWSWORKER_METRICS_SERVICE_PORT_METRICS=9464", NULL);
        expect_env("NEWSWORKER_METRICS_PORT=tcp://10.0.0.1:9464", NULL);
        expect_env("NEWSWORKER_METRICS_PORT_9464_TCP_ADDR=10.0.0.1", NULL);
        expect_env("NEWSWORKER_KAFKA_PORT_9092_TCP=tcp://10.0.0.2:9092", NULL);
        /* a known section: typos are still caught, and the error names the variable */
        expect_env("NEWSWORKER_WORKER_MAX_IN_FLIGTH=5",
                   "environment NEWSWORKER_WORKER_MAX_IN_FLIGTH: worker.max_in_fligth: unknown key");
        expect_env("NEWSWORKER_WORKER_MAX_ARTICLE_BYTES=abc",
                   "environment NEWSWORKER_WORKER_MAX_ARTICLE_BYTES: worker.max_article_bytes: 'abc'");
        expect_env("NEWSWORKER_WORKER=1", "environment NEWSWORKER_WORKER: expected NEWSWORKER_<SECTION>_<KEY>");
        expect_env("NEWSWORKER_WEBHOOK_OPS_URL=http://x", "cannot be set from the environment");
        expect_env("NEWSWORKER_WEBHOOK_URL=http://x/hook", NULL);
}

static void test_x_errors_name_the_option(void **st) {
        (void)st;
        nw_config_t c;
        char err[512];
        assert_int_equal(nw_config_init(&c, err, sizeof(err)), 0);
        assert_int_equal(nw_config_set_x(&c, "worker.x=1", err, sizeof(err)), -1);
        assert_string_equal(err, "-X worker.x=1: worker.x: unknown key");
        assert_int_equal(nw_config_set_x(&c, "webhook.secret_fil=hush", err, sizeof(err)), -1);
        assert_null(strstr(err, "hush"));
        assert_non_null(strstr(err, "-X webhook.secret_fil=...: webhook.secret_fil: unknown key"));
        nw_config_destroy(&c);
}

static void test_active_endpoints(void **st) {
        (void)st;
        nw_config_t c;
        char err[512];
        assert_int_equal(nw_config_init(&c, err, sizeof(err)), 0);
        assert_int_equal(nw_config_active_endpoints(&c), 0); /* the default has no url */
        assert_int_equal(nw_config_set_x(&c, "webhook.ops.url=http://x/a", err, sizeof(err)), 0);
        assert_int_equal(nw_config_active_endpoints(&c), 1);
        assert_int_equal(nw_config_set_x(&c, "webhook.url=http://x/b", err, sizeof(err)), 0);
        assert_int_equal(nw_config_active_endpoints(&c), 2);
        nw_config_destroy(&c);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_defaults), cmocka_unit_test(test_errors_name_the_key),
                cmocka_unit_test(test_sources_in_order), cmocka_unit_test(test_example_config_loads),
                cmocka_unit_test(test_every_key_documented), cmocka_unit_test(test_env_foreign_and_sourced),
                cmocka_unit_test(test_x_errors_name_the_option), cmocka_unit_test(test_active_endpoints)};
        return cmocka_run_group_tests(tests, NULL, NULL);
}
