/*
 * log.h - one-line-per-event logging to stderr, logfmt or JSON.
 *
 * An nw_log_t is owned by main() and passed down by pointer (no global
 * logger). Every line carries ts, level, event (a short snake_case name) and
 * key=value fields; secrets are never passed here. Thread-safe: each line is
 * written with one fprintf under the stdio lock.
 */
#ifndef NW_LOG_H
#define NW_LOG_H

#include <stdarg.h>

typedef enum { NW_LOG_DEBUG = 0, NW_LOG_INFO, NW_LOG_WARN, NW_LOG_ERROR } nw_log_level_t;
typedef enum { NW_LOG_LOGFMT = 0, NW_LOG_JSON } nw_log_format_t;

typedef struct nw_log_s {
        nw_log_level_t level;   /* lines below it are dropped */
        nw_log_format_t format;
} nw_log_t;

/* Parses "debug|info|warn|error" / "logfmt|json"; returns 0 or -1. */
int nw_log_parse_level(const char *s, nw_log_level_t *out);
int nw_log_parse_format(const char *s, nw_log_format_t *out);

/* Writes one line: event plus fields given as alternating key, value C
 * strings terminated by NULL, e.g.
 *   nw_log(log, NW_LOG_INFO, "assigned", "topic", t, "partition", "3", NULL);
 * Values are quoted/escaped as the format needs. log may be NULL (no-op). */
void nw_log(const nw_log_t *log, nw_log_level_t level, const char *event, ...);
void nw_logv(const nw_log_t *log, nw_log_level_t level, const char *event,
             va_list ap);

#endif
