/*
 * log.c - logfmt/JSON line writer (see log.h).
 */
#include "log.h"

#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static const char *const level_names[] = {"debug", "info", "warn", "error"};

int nw_log_parse_level(const char *s, nw_log_level_t *out) {
        for (int i = 0; i < 4; i++)
                if (!strcmp(s, level_names[i])) {
                        *out = (nw_log_level_t)i;
                        return 0;
                }
        return -1;
}

int nw_log_parse_format(const char *s, nw_log_format_t *out) {
        if (!strcmp(s, "logfmt"))
                *out = NW_LOG_LOGFMT;
        else if (!strcmp(s, "json"))
                *out = NW_LOG_JSON;
        else
                return -1;
        return 0;
}

/* Appends v escaped for the format into buf at *o (truncates safely). */
static void put_value(char *buf, size_t size, size_t *o, const char *v,
                      nw_log_format_t fmt) {
        int quote = fmt == NW_LOG_JSON || !*v || strpbrk(v, " =\"\t\n\\") != NULL;
        if (quote && *o + 1 < size)
                buf[(*o)++] = '"';
        for (const unsigned char *p = (const unsigned char *)v; *p && *o + 8 < size; p++) {
                if (*p == '"' || *p == '\\') {
                        buf[(*o)++] = '\\';
                        buf[(*o)++] = (char)*p;
                } else if (*p == '\n') {
                        buf[(*o)++] = '\\';
                        buf[(*o)++] = 'n';
                } else if (*p < 0x20) {
                        *o += (size_t)snprintf(buf + *o, size - *o, "\\u%04x", *p);
                } else {
                        buf[(*o)++] = (char)*p;
                }
        }
        if (quote && *o + 1 < size)
                buf[(*o)++] = '"';
}

void nw_logv(const nw_log_t *log, nw_log_level_t level, const char *event,
             va_list ap) {
        if (!log || level < log->level)
                return;
        char buf[4096], ts[40];
        struct timeval tv;
        struct tm tm;
        gettimeofday(&tv, NULL);
        gmtime_r(&tv.tv_sec, &tm);
        size_t n = strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
        snprintf(ts + n, sizeof(ts) - n, ".%03ldZ", (long)(tv.tv_usec / 1000));
        size_t o;
        int json = log->format == NW_LOG_JSON;
        if (json)
                o = (size_t)snprintf(buf, sizeof(buf), "{\"ts\":\"%s\",\"level\":\"%s\",\"event\":\"%s\"",
                                     ts, level_names[level], event);
        else
                o = (size_t)snprintf(buf, sizeof(buf), "ts=%s level=%s event=%s", ts,
                                     level_names[level], event);
        for (;;) {
                const char *k = va_arg(ap, const char *);
                if (!k)
                        break;
                const char *v = va_arg(ap, const char *);
                if (o + 16 >= sizeof(buf))
                        continue;
                o += (size_t)snprintf(buf + o, sizeof(buf) - o, json ? ",\"%s\":" : " %s=", k);
                if (o >= sizeof(buf))
                        o = sizeof(buf) - 1;
                put_value(buf, sizeof(buf), &o, v ? v : "", log->format);
        }
        if (json && o + 1 < sizeof(buf))
                buf[o++] = '}';
        buf[o < sizeof(buf) ? o : sizeof(buf) - 1] = '\0';
        fprintf(stderr, "%s\n", buf);
}

void nw_log(const nw_log_t *log, nw_log_level_t level, const char *event, ...) {
        va_list ap;
        va_start(ap, event);
        nw_logv(log, level, event, ap);
        va_end(ap);
}
