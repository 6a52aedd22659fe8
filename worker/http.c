/*
 * http.c - the /metrics, /healthz and /readyz server on libmicrohttpd, and
 * the libcurl probe behind `newsworker health` (see http.h).
 */
#include "http.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct nw_http_s {
        struct MHD_Daemon *d;
        nw_metrics_t *m;
        const nw_log_t *log;
};

static int64_t mono_ms(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int nw_http_parse_listen(const char *listen, char *host, size_t host_size, int *port) {
        *port = 0;
        snprintf(host, host_size, "0.0.0.0");
        if (!listen || !*listen)
                return 0;
        const char *colon = strrchr(listen, ':');
        if (!colon)
                return -1;
        char *end;
        long p = strtol(colon + 1, &end, 10);
        if (end == colon + 1 || *end || p < 0 || p > 65535)
                return -1;
        size_t hl = (size_t)(colon - listen);
        char h[64];
        if (hl >= sizeof(h))
                return -1;
        memcpy(h, listen, hl);
        h[hl] = '\0';
        if (!strcmp(h, "localhost"))
                snprintf(h, sizeof(h), "127.0.0.1");
        struct in_addr a;
        if (*h && inet_pton(AF_INET, h, &a) != 1)
                return -1;
        if (*h)
                snprintf(host, host_size, "%s", h);
        *port = (int)p;
        return 0;
}

int nw_http_enabled(const char *listen) {
        char host[64];
        int port = 0;
        return listen && *listen && !nw_http_parse_listen(listen, host, sizeof(host), &port) && port > 0;
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *type,
                             char *body, size_t len) {
        struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
        if (!r) {
                free(body);
                return MHD_NO;
        }
        MHD_add_response_header(r, "Content-Type", type);
        MHD_add_response_header(r, "Cache-Control", "no-store");
        enum MHD_Result ret = MHD_queue_response(c, status, r);
        MHD_destroy_response(r);
        return ret;
}

static char *text(const char *s, size_t *len) {
        char *p = strdup(s);
        *len = p ? strlen(p) : 0;
        return p;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **req) {
        (void)version;
        (void)upload;
        nw_http_t *h = cls;
        if (!*req) {
                *req = h; /* marks the request as started: MHD calls again with the body */
                return MHD_YES; /* headers only so far */
        }
        if (*upload_size) {
                *upload_size = 0;
                return MHD_YES;
        }
        const char *plain = "text/plain; charset=utf-8";
        size_t len = 0;
        char *body;
        if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
                body = text("method not allowed\n", &len);
                return body ? reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, plain, body, len) : MHD_NO;
        }
        int64_t now = mono_ms();
        if (!strcmp(url, "/metrics")) {
                body = nw_metrics_render(h->m, now, &len);
                return body ? reply(c, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", body, len)
                            : MHD_NO;
        }
        if (!strcmp(url, "/healthz")) {
                body = text("ok\n", &len);
                return body ? reply(c, MHD_HTTP_OK, plain, body, len) : MHD_NO;
        }
        if (!strcmp(url, "/readyz")) {
                char why[2048];
                int ok = nw_metrics_ready(h->m, now, why, sizeof(why));
                size_t wl = strlen(why);
                body = malloc(wl + 16);
                if (!body)
                        return MHD_NO;
                len = (size_t)snprintf(body, wl + 16, "%s\n%s", ok ? "ready" : "not ready", why);
                return reply(c, ok ? MHD_HTTP_OK : MHD_HTTP_SERVICE_UNAVAILABLE, plain, body, len);
        }
        body = text("not found: try /metrics, /healthz, /readyz\n", &len);
        return body ? reply(c, MHD_HTTP_NOT_FOUND, plain, body, len) : MHD_NO;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap) {
        nw_http_t *h = cls;
        char msg[512];
        vsnprintf(msg, sizeof(msg), fmt, ap);
        msg[strcspn(msg, "\n")] = '\0';
        nw_log(h->log, NW_LOG_WARN, "http_server", "message", msg, NULL);
}

nw_http_t *nw_http_start(const char *listen, nw_metrics_t *m, const nw_log_t *log,
                         char *errstr, size_t errstr_size) {
        char host[64];
        int port;
        if (nw_http_parse_listen(listen, host, sizeof(host), &port) || port == 0) {
                snprintf(errstr, errstr_size, "metrics.listen: '%s' is not host:port", listen);
                return NULL;
        }
        nw_http_t *h = calloc(1, sizeof(*h));
        if (!h) {
                snprintf(errstr, errstr_size, "out of memory");
                return NULL;
        }
        h->m = m;
        h->log = log;
        struct sockaddr_in sa;
        memset(&sa, 0, sizeof(sa));
        sa.sin_family = AF_INET;
        sa.sin_port = htons((uint16_t)port);
        inet_pton(AF_INET, host, &sa.sin_addr);
        h->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port,
                                NULL, NULL, on_request, h,
                                MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, h, /* first: see MHD docs */
                                MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                                MHD_OPTION_CONNECTION_LIMIT, (unsigned)64,
                                MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10,
                                MHD_OPTION_END);
        if (!h->d) {
                snprintf(errstr, errstr_size, "metrics.listen: cannot listen on %s:%d (port in use?)",
                         host, port);
                free(h);
                return NULL;
        }
        char p[16];
        snprintf(p, sizeof(p), "%d", port);
        nw_log(log, NW_LOG_INFO, "http_listening", "address", host, "port", p, "paths",
               "/metrics,/healthz,/readyz", NULL);
        return h;
}

void nw_http_stop(nw_http_t *h) {
        if (!h)
                return;
        MHD_stop_daemon(h->d);
        free(h);
}

static size_t discard(char *p, size_t size, size_t n, void *u) {
        (void)p;
        (void)u;
        return size * n;
}

int nw_http_probe(const char *listen, const char *path, long timeout_ms, char *errstr,
                  size_t errstr_size) {
        char host[64], url[256];
        int port;
        if (nw_http_parse_listen(listen, host, sizeof(host), &port) || port == 0) {
                snprintf(errstr, errstr_size, "metrics.listen: '%s' is not host:port (the endpoint is disabled)",
                         listen ? listen : "");
                return -1;
        }
        if (!strcmp(host, "0.0.0.0"))
                snprintf(host, sizeof(host), "127.0.0.1");
        snprintf(url, sizeof(url), "http://%s:%d%s", host, port, path);
        CURL *c = curl_easy_init();
        if (!c) {
                snprintf(errstr, errstr_size, "curl_easy_init failed");
                return -1;
        }
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
        CURLcode rc = curl_easy_perform(c);
        long status = -1;
        if (rc == CURLE_OK)
                curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        else
                snprintf(errstr, errstr_size, "%s: %s", url, curl_easy_strerror(rc));
        curl_easy_cleanup(c);
        return (int)status;
}
