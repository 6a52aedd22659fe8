/*
 * http.h - the operations HTTP endpoint (libmicrohttpd) and its client side
 * for `newsworker health`.
 *
 * Paths (GET or HEAD; anything else 404/405):
 *   /metrics  Prometheus text exposition format 0.0.4 of nw_metrics_render()
 *             (https://prometheus.io/docs/instrumenting/exposition_formats/)
 *   /healthz  200 "ok": the process serves requests (Kubernetes liveness)
 *   /readyz   200 or 503 with one line per role: nw_metrics_ready()
 *             (Kubernetes readiness)
 * The server runs its own thread (MHD_USE_INTERNAL_POLLING_THREAD) and only
 * reads the metrics; it never touches Kafka state.
 */
#ifndef NW_HTTP_H
#define NW_HTTP_H

#include <stddef.h>

#include "log.h"
#include "metrics.h"

typedef struct nw_http_s nw_http_t;

/* Parses "host:port" (host an IPv4 address, "localhost" or empty = 0.0.0.0;
 * port 0..65535). *port = 0 means disabled. Returns 0, or -1 when malformed.
 * host receives the dotted address (>= 16 bytes). */
int nw_http_parse_listen(const char *listen, char *host, size_t host_size, int *port);

/* 1 when listen names a port (not "" and not port 0), else 0. */
int nw_http_enabled(const char *listen);

/* Starts serving metrics m on listen ("127.0.0.1:9464"). Returns NULL with
 * errstr (e.g. the port is taken). m must outlive the server. */
nw_http_t *nw_http_start(const char *listen, nw_metrics_t *m, const nw_log_t *log,
                         char *errstr, size_t errstr_size);
/* Stops the thread and frees; NULL is a no-op. */
void nw_http_stop(nw_http_t *h);

/* GETs http://<listen>/<path> (0.0.0.0 is asked on 127.0.0.1) within
 * timeout_ms with libcurl. Returns the HTTP status, or -1 with errstr when
 * there was no answer. */
int nw_http_probe(const char *listen, const char *path, long timeout_ms, char *errstr,
                  size_t errstr_size);

#endif
