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
        char a[64], b[64], c[64];
        nw_webhook_id("g20-2022-11", a, sizeof(a));
        nw_webhook_id("g20-2022-11", b, sizeof(b));
        nw_webhook_id("sco-2022-09", c, sizeof(c));
        assert_string_equal(a, b);
        assert_string_not_equal(a, c);
        assert_int_equal(strlen(a), 4 + 32);
        assert_int_equal(strncmp(a, "msg_", 4), 0);
}

/* Serves `n` requests on fd: the first `fail` answered 500, the rest 204.
 * Writes each request's head + body to out_fd. */
static void serve(int lfd, int n, int fail, int out_fd) {
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
                const char *resp = i < fail ? "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                            : "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
                if (write(c, resp, strlen(resp)) < 0)
                        _exit(1);
                close(c);
        }
        _exit(0);
}

static void test_delivery_with_retry(void **st) {
        (void)st;
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
                serve(lfd, 2, 1, pfd[1]);
        }
        close(pfd[1]);
        close(lfd);

        nw_config_t cfg;
        char err[256], url[64];
        assert_int_equal(nw_config_init(&cfg, err, sizeof(err)), 0);
        snprintf(url, sizeof(url), "http://127.0.0.1:%d/hook", ntohs(a.sin_port));
        assert_int_equal(nw_config_set(&cfg, "webhook", "url", url, err, sizeof(err)), 0);
        assert_int_equal(nw_config_set(&cfg, "webhook", "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", err, sizeof(err)), 0);
        assert_int_equal(nw_config_set(&cfg, "webhook", "backoff_ms", "50", err, sizeof(err)), 0);
        nw_log_t log = {NW_LOG_ERROR, NW_LOG_LOGFMT};
        nw_webhook_t *w = nw_webhook_new(&cfg, &log, err, sizeof(err));
        assert_non_null(w);
        const char *body = "{\"type\":\"summit.new\",\"key\":\"k1\"}";
        assert_int_equal(nw_webhook_enqueue(w, "k1", body, strlen(body)), 0);
        nw_webhook_stats_t s = {0};
        for (int i = 0; i < 200 && s.delivered == 0; i++) {
                usleep(20000);
                nw_webhook_stats(w, &s);
        }
        assert_int_equal(s.delivered, 1);
        assert_int_equal(s.retries, 1);
        nw_webhook_destroy(w, 1000);
        int status;
        waitpid(pid, &status, 0);
        assert_int_equal(WEXITSTATUS(status), 0);

        char got[20000];
        size_t n = 0;
        ssize_t r;
        while ((r = read(pfd[0], got + n, sizeof(got) - 1 - n)) > 0)
                n += (size_t)r;
        got[n] = '\0';
        close(pfd[0]);
        /* both attempts carry the same id (receivers deduplicate on it) and a
         * signature that verifies for their own timestamp */
        char id[64];
        nw_webhook_id("k1", id, sizeof(id));
        char *second = strstr(got, "=====");
        assert_non_null(second);
        assert_non_null(strstr(got, id));
        assert_non_null(strstr(second, id));
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

int main(void) {
        const struct CMUnitTest tests[] = {cmocka_unit_test(test_spec_vector), cmocka_unit_test(test_ids),
                                           cmocka_unit_test(test_delivery_with_retry)};
        return cmocka_run_group_tests(tests, NULL, NULL);
}
