/* test_webhook.c - Standard Webhooks signing against the specification's
 * published test vector, webhook ids, and delivery to a real HTTP server on
 * 127.0.0.1 (a child process speaking just enough HTTP/1.1). */
#include "nw_test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "webhook.h"

/* From the Standard Webhooks specification's reference test suite. */
static void test_spec_vector(void **st) {
        (void)st;
        char sig[128];
        const char *body = "{\"test\": 2432232314}";
        assert_int_equal(nw_webhook_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                                         "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body,
                                         strlen(body), sig, sizeof(sig)), 0);
        assert_string_equal(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        /* any change to id, timestamp or body changes the signature */
        char sig2[128];
        nw_webhook_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265331, body, strlen(body), sig2, sizeof(sig2));
        assert_string_not_equal(sig, sig2);
        assert_int_equal(nw_webhook_sign("nope", "m", 1, "b", 1, sig, sizeof(sig)), -1);
        assert_int_equal(nw_webhook_sign("whsec_!!!!", "m", 1, "b", 1, sig, sizeof(sig)), -1);
}

static void test_ids(void **st) {
        (void)st;
        char a[64], b[64], c[64], d[64];
        nw_webhook_id("default", "g20-2022-11", a, sizeof(a));
        nw_webhook_id("default", "g20-2022-11", b, sizeof(b));
        nw_webhook_id("default", "sco-2022-09", c, sizeof(c));
        nw_webhook_id("slack", "g20-2022-11", d, sizeof(d));
        assert_string_equal(a, b);     /* stable per alert and endpoint */
        assert_string_not_equal(a, c); /* different alerts */
        assert_string_not_equal(a, d); /* different endpoints */
        assert_int_equal(strlen(a), 4 + 32);
        assert_int_equal(strncmp(a, "msg_", 4), 0);
}

/* Serves `n` requests on fd, answering request i with responses[i] (the
 * last one repeats). Writes each request's head + body to out_fd. */
static void serve(int lfd, int n, const char *const *responses, int out_fd) {
        for (int i = 0; i < n; i++) {
                int c = accept(lfd, NULL, NULL);
                if (c < 0)
                        _exit(1);
                char buf[8192];
                size_t got = 0;
                long clen = -1;
                char *hend = NULL;
                for (;;) {
                        ssize_t r = read(c, buf + got, sizeof(buf) - 1 - got);
                        if (r <= 0)
                                break;
                        got += (size_t)r;
                        buf[got] = '\0';
                        if (!hend && (hend = strstr(buf, "\r\n\r\n"))) {
                                char *cl = strcasestr(buf, "content-length:");
                                clen = cl ? strtol(cl + 15, NULL, 10) : 0;
                        }
                        if (hend && (long)(got - (size_t)(hend + 4 - buf)) >= clen)
                                break;
                }
                if (write(out_fd, buf, got) < 0 || write(out_fd, "\n=====\n", 7) < 0)
                        _exit(1);
                const char *resp = responses[i];
                if (write(c, resp, strlen(resp)) < 0)
                        _exit(1);
                close(c);
        }
        _exit(0);
}

typedef struct outcome_s {
        int n;
        nw_webhook_outcome_t last;
        int attempts;
        int64_t delay_ms[8];
} outcome_t;

static void on_done(void *opaque, const char *endpoint, const char *key, int32_t partition,
                    nw_webhook_outcome_t outcome, int attempts, int64_t delay_ms, long status) {
        (void)endpoint; (void)key; (void)partition; (void)status;
        outcome_t *o = opaque;
        if (o->n < 8)
                o->delay_ms[o->n] = delay_ms;
        o->n++;
        o->last = outcome;
        o->attempts = attempts;
}

/* Starts a server answering with responses; returns its pid, fills url. */
static pid_t start_server(int n, const char *const *responses, char *url, size_t url_size, int *out_rd) {
        int lfd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        assert_int_equal(bind(lfd, (struct sockaddr *)&a, sizeof(a)), 0);
        socklen_t al = sizeof(a);
        getsockname(lfd, (struct sockaddr *)&a, &al);
        assert_int_equal(listen(lfd, 8), 0);
        int pfd[2];
        assert_int_equal(pipe(pfd), 0);
        pid_t pid = fork();
        if (pid == 0) {
                close(pfd[0]);
                serve(lfd, n, responses, pfd[1]);
        }
        close(pfd[1]);
        close(lfd);
        snprintf(url, url_size, "http://127.0.0.1:%d/hook", ntohs(a.sin_port));
        *out_rd = pfd[0];
        return pid;
}

static nw_endpoint_t *endpoint(nw_config_t *cfg, const char *url, const char *schedule) {
        char err[256];
        assert_int_equal(nw_config_init(cfg, err, sizeof(err)), 0);
        assert_int_equal(nw_config_set(cfg, "webhook", "url", url, err, sizeof(err)), 0);
        assert_int_equal(nw_config_set(cfg, "webhook", "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", err, sizeof(err)), 0);
        assert_int_equal(nw_config_set(cfg, "webhook", "retry_schedule", schedule, err, sizeof(err)), 0);
        assert_int_equal(nw_config_set(cfg, "webhook", "max_attempts", "3", err, sizeof(err)), 0);
        if (nw_config_validate(cfg, err, sizeof(err)))
                fail_msg("%s", err);
        return &cfg->endpoints[0];
}

static void wait_for(outcome_t *o, int n) {
        for (int i = 0; i < 500 && o->n < n; i++)
                usleep(20000);
}

static void test_delivery_with_retry(void **st) {
        (void)st;
        static const char *const resp[] = {
                "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"};
        char url[64], err[256];
        int rd;
        pid_t pid = start_server(2, resp, url, sizeof(url), &rd);
        nw_config_t cfg;
        nw_endpoint_t *ep = endpoint(&cfg, url, "50ms");
        nw_log_t log = {NW_LOG_ERROR, NW_LOG_LOGFMT};
        outcome_t o = {0};
        nw_webhook_t *w = nw_webhook_new(ep, &log, on_done, &o, err, sizeof(err));
        assert_non_null(w);
        const char *body = "{\"type\":\"summit.new\",\"key\":\"k1\"}";
        assert_int_equal(nw_webhook_enqueue(w, "k1", body, strlen(body), 0, 0, 0), 0);
        wait_for(&o, 2);
        nw_webhook_stats_t s;
        nw_webhook_stats(w, &s);
        assert_int_equal(s.delivered, 1);
        assert_int_equal(s.retries, 1);
        assert_int_equal(o.last, NW_WH_DELIVERED);
        assert_int_equal(o.attempts, 2);
        /* the schedule's 50 ms with jitter in [0.8, 1.2] */
        assert_true(o.delay_ms[0] >= 40 && o.delay_ms[0] <= 60);
        nw_webhook_destroy(w, 1000);
        int status;
        waitpid(pid, &status, 0);
        assert_int_equal(WEXITSTATUS(status), 0);

        char got[20000];
        size_t n = 0;
        ssize_t r;
        while ((r = read(rd, got + n, sizeof(got) - 1 - n)) > 0)
                n += (size_t)r;
        got[n] = '\0';
        close(rd);
        /* both attempts carry the same id (receivers deduplicate on it), the
         * retry is marked, and each signature verifies for its timestamp */
        char id[64];
        nw_webhook_id("default", "k1", id, sizeof(id));
        char *second = strstr(got, "=====");
        assert_non_null(second);
        assert_non_null(strstr(got, id));
        assert_non_null(strstr(second, id));
        char *marker = strcasestr(got, "newsworker-attempt");
        assert_true(marker == NULL || marker > second); /* the first try is not marked */
        assert_non_null(strcasestr(second, "newsworker-attempt: 2"));
        char *ts = strcasestr(second, "webhook-timestamp: ");
        char *sg = strcasestr(second, "webhook-signature: ");
        assert_non_null(ts);
        assert_non_null(sg);
        long long t = strtoll(ts + 19, NULL, 10);
        char want[128];
        nw_webhook_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id, t, body, strlen(body), want, sizeof(want));
        assert_int_equal(strncmp(sg + 19, want, strlen(want)), 0);
        assert_non_null(strstr(second, body));
        nw_config_destroy(&cfg);
}

static void test_retry_after_and_gone(void **st) {
        (void)st;
        static const char *const resp[] = {
                "HTTP/1.1 429 Too Many\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 410 Gone\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"};
        char url[64], err[256];
        int rd;
        pid_t pid = start_server(2, resp, url, sizeof(url), &rd);
        nw_config_t cfg;
        nw_endpoint_t *ep = endpoint(&cfg, url, "10ms");
        nw_log_t log = {NW_LOG_ERROR, NW_LOG_LOGFMT};
        outcome_t o = {0};
        nw_webhook_t *w = nw_webhook_new(ep, &log, on_done, &o, err, sizeof(err));
        assert_int_equal(nw_webhook_enqueue(w, "k2", "{}", 2, 0, 0, 7), 0);
        wait_for(&o, 2);
        /* Retry-After: 1 wins over the 10 ms schedule */
        assert_int_equal(o.delay_ms[0], 1000);
        /* 410 switches the endpoint off: later deliveries are refused */
        assert_int_equal(o.last, NW_WH_DISABLED);
        nw_webhook_stats_t s;
        nw_webhook_stats(w, &s);
        assert_int_equal(s.disabled, 1);
        nw_webhook_destroy(w, 0);
        waitpid(pid, NULL, 0);
        close(rd);
        nw_config_destroy(&cfg);
}

static void test_cancel_partition(void **st) {
        (void)st;
        nw_config_t cfg;
        char err[256];
        /* nothing listens on port 9: deliveries would fail, but they never start */
        nw_endpoint_t *ep = endpoint(&cfg, "http://127.0.0.1:9/", "1h");
        nw_log_t log = {NW_LOG_ERROR, NW_LOG_LOGFMT};
        nw_webhook_t *w = nw_webhook_new(ep, &log, NULL, NULL, err, sizeof(err));
        assert_int_equal(nw_webhook_enqueue(w, "a", "{}", 2, 1, 3600000, 1), 0);
        assert_int_equal(nw_webhook_enqueue(w, "b", "{}", 2, 1, 3600000, 2), 0);
        assert_int_equal(nw_webhook_enqueue(w, "c", "{}", 2, 1, 3600000, 1), 0);
        assert_int_equal(nw_webhook_cancel_partition(w, 1), 2);
        nw_webhook_stats_t s;
        nw_webhook_stats(w, &s);
        assert_int_equal(s.pending, 1);
        nw_webhook_destroy(w, 0);
        nw_config_destroy(&cfg);
}

int main(void) {
        const struct CMUnitTest tests[] = {cmocka_unit_test(test_spec_vector), cmocka_unit_test(test_ids),
                                           cmocka_unit_test(test_delivery_with_retry),
                                           cmocka_unit_test(test_retry_after_and_gone),
                                           cmocka_unit_test(test_cancel_partition)};
        return cmocka_run_group_tests(tests, NULL, NULL);
}
