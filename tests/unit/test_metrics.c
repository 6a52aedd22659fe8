/* test_metrics.c - counters, histogram, lag from librdkafka statistics,
 * readiness verdicts, the exposition text, and the HTTP endpoint itself. */
#include "nw_test.h"

#include <pthread.h>
#include <unistd.h>

#include "http.h"
#include "metrics.h"

static const char *const outs[] = {"out.enriched", "out.dlq", NULL};

/* the sample value of an exact series line ("name{labels} "), or -1 */
static double sample(const char *text, const char *series) {
        size_t n = strlen(series);
        for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
                if (!strncmp(p, series, n) && p[n] == ' ')
                        return strtod(p + n + 1, NULL);
        return -1;
}

static void test_counters_and_histogram(void **st) {
        (void)st;
        nw_metrics_t *m = nw_metrics_new("9.9.9", outs, 60000);
        assert_non_null(m);
        nw_metrics_article(m, 0);
        nw_metrics_article(m, 0);
        nw_metrics_article(m, 1);
        nw_metrics_produced(m, "out.enriched");
        nw_metrics_produced(m, "out.enriched");
        nw_metrics_produced(m, "not.an.output"); /* ignored: no unbounded label values */
        nw_metrics_extract_observe(m, 500);      /* 0.0005 s: le=0.0005 (bounds are inclusive) */
        nw_metrics_extract_observe(m, 30000);    /* 0.03 s: le=0.05 */
        nw_metrics_extract_observe(m, 9000000);  /* 9 s: +Inf only */
        nw_metrics_rebalance(m);
        nw_metrics_alert(m);
        size_t len;
        char *t = nw_metrics_render(m, 0, &len);
        assert_non_null(t);
        assert_int_equal(strlen(t), len);
        assert_true(sample(t, "newsworker_build_info{version=\"9.9.9\"}") == 1);
        assert_true(sample(t, "newsworker_articles_total{outcome=\"enriched\"}") == 2);
        assert_true(sample(t, "newsworker_articles_total{outcome=\"dlq\"}") == 1);
        assert_true(sample(t, "newsworker_records_produced_total{topic=\"out.enriched\"}") == 2);
        assert_true(sample(t, "newsworker_records_produced_total{topic=\"out.dlq\"}") == 0);
        assert_null(strstr(t, "not.an.output"));
        assert_true(sample(t, "newsworker_extract_duration_seconds_bucket{le=\"0.00025\"}") == 0);
        assert_true(sample(t, "newsworker_extract_duration_seconds_bucket{le=\"0.0005\"}") == 1);
        assert_true(sample(t, "newsworker_extract_duration_seconds_bucket{le=\"0.001\"}") == 1);
        assert_true(sample(t, "newsworker_extract_duration_seconds_bucket{le=\"0.025\"}") == 1);
        assert_true(sample(t, "newsworker_extract_duration_seconds_bucket{le=\"0.05\"}") == 2);
        assert_true(sample(t, "newsworker_extract_duration_seconds_bucket{le=\"1\"}") == 2);
        assert_true(sample(t, "newsworker_extract_duration_seconds_bucket{le=\"+Inf\"}") == 3);
        assert_true(sample(t, "newsworker_extract_duration_seconds_count") == 3);
        double sum = sample(t, "newsworker_extract_duration_seconds_sum");
        assert_true(sum > 9.0304 && sum < 9.0306);
        assert_true(sample(t, "newsworker_rebalances_total") == 1);
        assert_true(sample(t, "newsworker_alerts_total") == 1);
        assert_non_null(strstr(t, "# TYPE newsworker_extract_duration_seconds histogram\n"));
        assert_non_null(strstr(t, "# TYPE newsworker_articles_total counter\n"));
        free(t);
        nw_metrics_destroy(m);
}

static void test_null_is_a_no_op(void **st) {
        (void)st;
        nw_metrics_article(NULL, 0);
        nw_metrics_produced(NULL, "x");
        nw_metrics_role_progress(NULL, 1);
        assert_null(nw_metrics_role(NULL, "worker", "t"));
        assert_int_equal(nw_metrics_role_stats(NULL, "{}", 2, 0), 0);
        assert_int_equal(nw_metrics_ready(NULL, 0, NULL, 0), 0);
        char *t = nw_metrics_render(NULL, 0, NULL);
        assert_non_null(strstr(t, "newsworker_build_info"));
        free(t);
}

typedef struct {
        nw_metrics_t *m;
        int n;
} th_arg_t;

static void *bump(void *p) {
        th_arg_t *a = p;
        for (int i = 0; i < a->n; i++) {
                nw_metrics_article(a->m, 0);
                nw_metrics_extract_observe(a->m, 1);
        }
        return NULL;
}

static void test_threads_lose_no_count(void **st) {
        (void)st;
        nw_metrics_t *m = nw_metrics_new("v", outs, 60000);
        pthread_t th[4];
        th_arg_t a = {m, 50000};
        for (int i = 0; i < 4; i++)
                assert_int_equal(pthread_create(&th[i], NULL, bump, &a), 0);
        for (int i = 0; i < 4; i++)
                pthread_join(th[i], NULL);
        char *t = nw_metrics_render(m, 0, NULL);
        assert_true(sample(t, "newsworker_articles_total{outcome=\"enriched\"}") == 200000);
        assert_true(sample(t, "newsworker_extract_duration_seconds_count") == 200000);
        free(t);
        nw_metrics_destroy(m);
}

/* A trimmed librdkafka 2.0 statistics document (STATISTICS.md). */
static const char *stats_doc(const char *broker_state, long app1, long ls1) {
        static char buf[2048];
        snprintf(buf, sizeof(buf),
                 "{\"name\":\"rdkafka#consumer-1\",\"type\":\"consumer\","
                 "\"brokers\":{\"127.0.0.1:9092/1\":{\"name\":\"127.0.0.1:9092/1\",\"nodeid\":1,"
                 "\"source\":\"learned\",\"state\":\"%s\"},"
                 "\":0/internal\":{\"nodeid\":-1,\"source\":\"internal\",\"state\":\"UP\"}},"
                 "\"topics\":{\"in\":{\"topic\":\"in\",\"partitions\":{"
                 "\"0\":{\"partition\":0,\"fetch_state\":\"active\",\"app_offset\":10,"
                 "\"committed_offset\":10,\"lo_offset\":0,\"ls_offset\":10,\"consumer_lag\":0},"
                 "\"1\":{\"partition\":1,\"fetch_state\":\"active\",\"app_offset\":%ld,"
                 "\"committed_offset\":3,\"lo_offset\":0,\"ls_offset\":%ld,\"consumer_lag\":%ld},"
                 "\"2\":{\"partition\":2,\"fetch_state\":\"none\",\"app_offset\":-1001,"
                 "\"committed_offset\":-1001,\"lo_offset\":-1,\"ls_offset\":-1,\"consumer_lag\":-1},"
                 "\"-1\":{\"partition\":-1,\"fetch_state\":\"none\",\"consumer_lag\":-1}}}}}",
                 broker_state, app1, ls1, ls1 - 3);
        return buf;
}

static void test_stats_lag_and_readiness(void **st) {
        (void)st;
        nw_metrics_t *m = nw_metrics_new("v", outs, 5000);
        char why[1024];
        assert_int_equal(nw_metrics_ready(m, 0, why, sizeof(why)), 0); /* no role yet */
        nw_metrics_role_t *r = nw_metrics_role(m, "worker", "in");
        assert_non_null(r);
        assert_int_equal(nw_metrics_ready(m, 0, why, sizeof(why)), 0);
        assert_non_null(strstr(why, "worker not_joined"));

        nw_metrics_role_assigned(r, 2, 1000);
        assert_int_equal(nw_metrics_ready(m, 1000, why, sizeof(why)), 1);

        /* partition 1: position 3, log end 50: a backlog of 47 */
        const char *doc = stats_doc("UP", 3, 50);
        assert_int_equal(nw_metrics_role_stats(r, doc, strlen(doc), 1500), 0);
        char *t = nw_metrics_render(m, 1500, NULL);
        assert_true(sample(t, "newsworker_consumer_lag{topic=\"in\",partition=\"0\"}") == 0);
        assert_true(sample(t, "newsworker_consumer_lag{topic=\"in\",partition=\"1\"}") == 47);
        assert_null(strstr(t, "partition=\"2\"")); /* not assigned */
        assert_null(strstr(t, "partition=\"-1\""));
        assert_true(sample(t, "newsworker_assigned_partitions{role=\"worker\"}") == 2);
        free(t);
        /* within the stall bound: ready; past it without progress: stalled */
        assert_int_equal(nw_metrics_ready(m, 5999, why, sizeof(why)), 1);
        assert_int_equal(nw_metrics_ready(m, 6000, why, sizeof(why)), 0);
        assert_non_null(strstr(why, "worker stalled"));
        assert_non_null(strstr(why, "backlog=47"));
        /* progress resets the clock */
        nw_metrics_role_progress(r, 6000);
        assert_int_equal(nw_metrics_ready(m, 10999, NULL, 0), 1);
        assert_int_equal(nw_metrics_ready(m, 11000, NULL, 0), 0);
        /* idle for long but nothing waits (position = log end): ready */
        doc = stats_doc("UP", 50, 50);
        nw_metrics_role_stats(r, doc, strlen(doc), 12000);
        assert_int_equal(nw_metrics_ready(m, 999999, NULL, 0), 1);
        /* the broker connection down: not ready, whatever the backlog */
        doc = stats_doc("DOWN", 50, 50);
        nw_metrics_role_stats(r, doc, strlen(doc), 13000);
        assert_int_equal(nw_metrics_ready(m, 13000, why, sizeof(why)), 0);
        assert_non_null(strstr(why, "worker disconnected"));
        /* garbage changes nothing */
        assert_int_equal(nw_metrics_role_stats(r, "nope", 4, 14000), -1);
        assert_int_equal(nw_metrics_ready(m, 14000, NULL, 0), 0);
        t = nw_metrics_render(m, 14000, NULL);
        assert_true(sample(t, "newsworker_ready") == 0);
        free(t);
        nw_metrics_destroy(m);

        /* the broker down from start-up: never joined, and "disconnected" says why */
        m = nw_metrics_new("v", outs, 5000);
        r = nw_metrics_role(m, "worker", "in");
        doc = stats_doc("DOWN", 0, 0);
        assert_int_equal(nw_metrics_role_stats(r, doc, strlen(doc), 100), 0);
        assert_int_equal(nw_metrics_ready(m, 100, why, sizeof(why)), 0);
        assert_non_null(strstr(why, "worker disconnected"));
        /* the broker up, still no assignment: not_joined */
        doc = stats_doc("UP", 0, 0);
        assert_int_equal(nw_metrics_role_stats(r, doc, strlen(doc), 200), 0);
        assert_int_equal(nw_metrics_ready(m, 200, why, sizeof(why)), 0);
        assert_non_null(strstr(why, "worker not_joined"));
        nw_metrics_destroy(m);
}

/* A role still starting (e.g. the alerter waiting on init_transactions) is
 * named with its step and last error, whatever else is known; once started
 * it is judged as before. */
static void test_starting_role_named(void **st) {
        (void)st;
        char why[1024];
        nw_metrics_t *m = nw_metrics_new("v", outs, 5000);
        nw_metrics_role_t *w = nw_metrics_role(m, "worker", "in");
        nw_metrics_role_t *a = nw_metrics_role(m, "alerter", "summits");
        nw_metrics_role_starting(w, "init", NULL);
        nw_metrics_role_starting(a, "init", NULL);
        assert_int_equal(nw_metrics_ready(m, 0, why, sizeof(why)), 0);
        assert_non_null(strstr(why, "worker starting: init topic=in "));
        nw_metrics_role_started(w);
        nw_metrics_role_assigned(w, 3, 10);
        nw_metrics_role_starting(a, "init_transactions", NULL);
        assert_int_equal(nw_metrics_ready(m, 20, why, sizeof(why)), 0);
        assert_non_null(strstr(why, "worker ok: topic=in partitions=3"));
        assert_non_null(strstr(why, "alerter starting: init_transactions topic=summits "));
        nw_metrics_role_starting(a, "init_transactions", "Coordinator not available");
        const char *doc = stats_doc("DOWN", 0, 0); /* starting wins over disconnected */
        assert_int_equal(nw_metrics_role_stats(a, doc, strlen(doc), 30), 0);
        assert_int_equal(nw_metrics_ready(m, 30, why, sizeof(why)), 0);
        assert_non_null(strstr(why, "alerter starting: init_transactions (Coordinator not available) topic=summits "));
        char *t = nw_metrics_render(m, 30, NULL);
        assert_true(sample(t, "newsworker_ready") == 0);
        free(t);
        nw_metrics_role_started(a);
        assert_int_equal(nw_metrics_ready(m, 40, why, sizeof(why)), 0);
        assert_non_null(strstr(why, "alerter disconnected: topic=summits"));
        doc = stats_doc("UP", 0, 0);
        assert_int_equal(nw_metrics_role_stats(a, doc, strlen(doc), 50), 0);
        nw_metrics_role_assigned(a, 1, 50);
        assert_int_equal(nw_metrics_ready(m, 60, why, sizeof(why)), 1);
        assert_null(strstr(why, "starting"));
        nw_metrics_destroy(m);
}

static void test_label_escaping(void **st) {
        (void)st;
        const char *odd[] = {"a\"b\\c\nd", NULL};
        nw_metrics_t *m = nw_metrics_new("1\"2", odd, 1000);
        char *t = nw_metrics_render(m, 0, NULL);
        assert_non_null(strstr(t, "newsworker_build_info{version=\"1\\\"2\"} 1\n"));
        assert_non_null(strstr(t, "{topic=\"a\\\"b\\\\c\\nd\"} 0\n"));
        free(t);
        nw_metrics_destroy(m);
}

static void test_listen_parsing(void **st) {
        (void)st;
        char host[64];
        int port;
        assert_int_equal(nw_http_parse_listen("127.0.0.1:9464", host, sizeof(host), &port), 0);
        assert_string_equal(host, "127.0.0.1");
        assert_int_equal(port, 9464);
        assert_int_equal(nw_http_parse_listen(":9464", host, sizeof(host), &port), 0);
        assert_string_equal(host, "0.0.0.0");
        assert_int_equal(nw_http_parse_listen("localhost:1", host, sizeof(host), &port), 0);
        assert_string_equal(host, "127.0.0.1");
        assert_int_equal(nw_http_parse_listen("", host, sizeof(host), &port), 0);
        assert_int_equal(port, 0);
        assert_int_equal(nw_http_parse_listen("9464", host, sizeof(host), &port), -1);
        assert_int_equal(nw_http_parse_listen("1.2.3.4:70000", host, sizeof(host), &port), -1);
        assert_int_equal(nw_http_parse_listen("example.com:80", host, sizeof(host), &port), -1);
        assert_int_equal(nw_http_parse_listen("1.2.3.4:", host, sizeof(host), &port), -1);
        assert_false(nw_http_enabled(""));
        assert_false(nw_http_enabled("127.0.0.1:0"));
        assert_true(nw_http_enabled("127.0.0.1:9464"));
}

/* The real server on an ephemeral-ish port: status codes of each path. */
static void test_server_paths(void **st) {
        (void)st;
        nw_metrics_t *m = nw_metrics_new("v", outs, 60000);
        nw_http_t *h = NULL;
        char listen[32], err[256];
        for (int port = 39500 + (int)(getpid() % 400); !h && port < 40100; port++) {
                snprintf(listen, sizeof(listen), "127.0.0.1:%d", port);
                h = nw_http_start(listen, m, NULL, err, sizeof(err));
        }
        assert_non_null(h);
        assert_int_equal(nw_http_probe(listen, "/healthz", 5000, err, sizeof(err)), 200);
        assert_int_equal(nw_http_probe(listen, "/metrics", 5000, err, sizeof(err)), 200);
        assert_int_equal(nw_http_probe(listen, "/readyz", 5000, err, sizeof(err)), 503);
        nw_metrics_role_assigned(nw_metrics_role(m, "worker", "in"), 1, 0);
        assert_int_equal(nw_http_probe(listen, "/readyz", 5000, err, sizeof(err)), 200);
        assert_int_equal(nw_http_probe(listen, "/other", 5000, err, sizeof(err)), 404);
        /* a second server on the same port fails with a message naming the key */
        nw_http_t *h2 = nw_http_start(listen, m, NULL, err, sizeof(err));
        assert_null(h2);
        assert_non_null(strstr(err, "metrics.listen"));
        nw_http_stop(h);
        assert_int_equal(nw_http_probe(listen, "/healthz", 2000, err, sizeof(err)), -1);
        nw_metrics_destroy(m);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_counters_and_histogram),
                cmocka_unit_test(test_null_is_a_no_op),
                cmocka_unit_test(test_threads_lose_no_count),
                cmocka_unit_test(test_stats_lag_and_readiness),
                cmocka_unit_test(test_starting_role_named),
                cmocka_unit_test(test_label_escaping),
                cmocka_unit_test(test_listen_parsing),
                cmocka_unit_test(test_server_paths),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
