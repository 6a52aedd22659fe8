/*
 * input.c - file → article payloads (see input.h).
 */
#include "input.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len, char *errstr, size_t errstr_size) {
        FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
        if (!f) {
                snprintf(errstr, errstr_size, "%s: %s", path, strerror(errno));
                return NULL;
        }
        size_t cap = 1 << 16, n = 0;
        char *buf = malloc(cap);
        while (buf) {
                size_t r = fread(buf + n, 1, cap - n, f);
                n += r;
                if (n < cap)
                        break;
                char *nb = realloc(buf, cap * 2);
                if (!nb) {
                        free(buf);
                        buf = NULL;
                        break;
                }
                buf = nb;
                cap *= 2;
        }
        int err = ferror(f);
        if (f != stdin)
                fclose(f);
        if (!buf || err) {
                free(buf);
                snprintf(errstr, errstr_size, "%s: %s", path, buf ? "read error" : "out of memory");
                return NULL;
        }
        *len = n;
        return buf;
}

static void default_id(const char *path, size_t n, char *out, size_t size) {
        char tmp[4096];
        snprintf(tmp, sizeof(tmp), "%s", strcmp(path, "-") ? path : "./stdin/x");
        char *dir = dirname(tmp);
        char tmp2[4096];
        snprintf(tmp2, sizeof(tmp2), "%s", dir);
        const char *base = basename(tmp2);
        if (!strcmp(base, ".") || !strcmp(base, "/"))
                base = "article";
        snprintf(out, size, "%s-%03zu", base, n);
}

int nw_input_read_file(const char *path, size_t *counter, nw_input_cb_t *cb,
                       void *opaque, char *errstr, size_t errstr_size) {
        size_t len;
        char *buf = slurp(path, &len, errstr, errstr_size);
        if (!buf)
                return -1;
        size_t i = 0;
        while (i < len && isspace((unsigned char)buf[i]))
                i++;
        char where[4200], id[4200];
        int rc = 0;
        int jsonl = 0;
        if (i < len && buf[i] == '{') {
                /* one object, or JSONL when more than one value follows */
                json_error_t jerr;
                json_t *one = json_loadb(buf, len, 0, &jerr);
                jsonl = one == NULL && strstr(jerr.text, "end of file expected") != NULL;
                json_decref(one);
        }
        if (!jsonl) {
                snprintf(where, sizeof(where), "%s", path);
                default_id(path, (*counter)++, id, sizeof(id));
                rc = cb(opaque, buf, len, id, where);
                free(buf);
                return rc;
        }
        size_t line = 0, s = 0;
        while (s < len && rc == 0) {
                char *nl = memchr(buf + s, '\n', len - s);
                size_t e = nl ? (size_t)(nl - buf) : len;
                line++;
                size_t k = s;
                while (k < e && isspace((unsigned char)buf[k]))
                        k++;
                if (k < e) {
                        snprintf(where, sizeof(where), "%s:%zu", path, line);
                        default_id(path, (*counter)++, id, sizeof(id));
                        rc = cb(opaque, buf + s, e - s, id, where);
                }
                s = e + 1;
        }
        free(buf);
        return rc;
}
