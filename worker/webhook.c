/*
 * webhook.c - Standard Webhooks signing (OpenSSL) and delivery (libcurl) on
 * a dispatcher thread (see webhook.h).
 */
#include "webhook.h"

#include <curl/curl.h>
#include <errno.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int nw_webhook_sign(const char *secret, const char *msg_id, int64_t timestamp,
                    const char *body, size_t body_len, char *out, size_t out_size) {
        if (strncmp(secret, "whsec_", 6))
                return -1;
        const char *b64 = secret + 6;
        size_t bl = strlen(b64);
        if (bl == 0 || bl % 4 || bl > 1024)
                return -1;
        unsigned char key[768];
        int kl = EVP_DecodeBlock(key, (const unsigned char *)b64, (int)bl);
        if (kl < 0)
                return -1;
        /* EVP_DecodeBlock counts padding bytes as data: drop them */
        if (bl >= 1 && b64[bl - 1] == '=')
                kl--;
        if (bl >= 2 && b64[bl - 2] == '=')
                kl--;
        char prefix[128];
        int pl = snprintf(prefix, sizeof(prefix), "%s.%lld.", msg_id, (long long)timestamp);
        if (pl < 0 || (size_t)pl >= sizeof(prefix))
                return -1;
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned int ml = 0;
        /* the signed content is one buffer: "{id}.{timestamp}.{body}" */
        unsigned char *content = malloc((size_t)pl + body_len + 1);
        if (!content)
                return -1;
        memcpy(content, prefix, (size_t)pl);
        memcpy(content + pl, body, body_len);
        int ok = HMAC(EVP_sha256(), key, kl, content, (size_t)pl + body_len, mac, &ml) != NULL;
        free(content);
        if (!ok || out_size < 3 + 4 * ((ml + 2) / 3) + 1)
                return -1;
        memcpy(out, "v1,", 3);
        EVP_EncodeBlock((unsigned char *)out + 3, mac, (int)ml);
        return 0;
}

void nw_webhook_id(const char *endpoint, const char *key, char *out, size_t out_size) {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int ml = 0;
        EVP_MD_CTX *c = EVP_MD_CTX_new();
        if (!c || !EVP_DigestInit_ex(c, EVP_sha256(), NULL) ||
            !EVP_DigestUpdate(c, endpoint, strlen(endpoint)) || !EVP_DigestUpdate(c, "\n", 1) ||
            !EVP_DigestUpdate(c, key, strlen(key)) || !EVP_DigestFinal_ex(c, md, &ml))
                memset(md, 0, sizeof(md));
        EVP_MD_CTX_free(c);
        char hex[33];
        for (int i = 0; i < 16; i++)
                snprintf(hex + 2 * i, 3, "%02x", md[i]);
        snprintf(out, out_size, "msg_%s", hex);
}

typedef struct job_s {
        char *key, *body;
        size_t body_len;
        int attempts;
        int32_t partition;
        int64_t not_before_ms; /* monotonic */
        struct job_s *next;
} job_t;

struct nw_webhook_s {
        const nw_endpoint_t *ep;
        const nw_log_t *log;
        nw_webhook_done_cb_t *cb;
        void *opaque;
        pthread_t thread;
        pthread_mutex_t lock;
        pthread_cond_t cond;
        job_t *head;       /* sorted by not_before_ms */
        size_t n;
        int stopping, disabled;
        int64_t deadline_ms;
        nw_webhook_stats_t stats;
        unsigned int seed; /* jitter PRNG state, used under lock */
};

static int64_t mono_ms(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void job_free(job_t *j) {
        free(j->key);
        free(j->body);
        free(j);
}

/* Inserts j in due-time order (FIFO among equals). Under lock. */
static void insert_job(nw_webhook_t *w, job_t *j) {
        job_t **pp = &w->head;
        while (*pp && (*pp)->not_before_ms <= j->not_before_ms)
                pp = &(*pp)->next;
        j->next = *pp;
        *pp = j;
        w->n++;
}

static size_t discard_body(char *p, size_t size, size_t n, void *ud) {
        (void)p;
        (void)ud;
        return size * n;
}

typedef struct resp_s {
        long retry_after_s; /* -1 = none */
} resp_t;

/* Retry-After: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
static size_t on_header(char *buf, size_t size, size_t n, void *ud) {
        resp_t *r = ud;
        size_t len = size * n;
        static const char name[] = "retry-after:";
        if (len > sizeof(name) && !strncasecmp(buf, name, sizeof(name) - 1)) {
                char v[128];
                size_t vl = len - (sizeof(name) - 1);
                if (vl >= sizeof(v))
                        vl = sizeof(v) - 1;
                memcpy(v, buf + sizeof(name) - 1, vl);
                v[vl] = '\0';
                char *p = v;
                while (*p == ' ' || *p == '\t')
                        p++;
                p[strcspn(p, "\r\n")] = '\0';
                char *end;
                long secs = strtol(p, &end, 10);
                if (end != p && *end == '\0' && secs >= 0) {
                        r->retry_after_s = secs;
                } else {
                        time_t t = curl_getdate(p, NULL);
                        if (t > 0)
                                r->retry_after_s = t > time(NULL) ? (long)(t - time(NULL)) : 0;
                }
        }
        return len;
}

/* Returns the HTTP status, or 0 on a transport error (errbuf filled). */
static long post_once(nw_webhook_t *w, job_t *j, char *errbuf, resp_t *resp) {
        const nw_endpoint_t *ep = w->ep;
        CURL *c = curl_easy_init();
        if (!c) {
                snprintf(errbuf, CURL_ERROR_SIZE, "curl_easy_init failed");
                return 0;
        }
        char id[64], ts[32], hdr[256];
        nw_webhook_id(ep->name, j->key, id, sizeof(id));
        int64_t now = (int64_t)time(NULL);
        snprintf(ts, sizeof(ts), "%lld", (long long)now);
        struct curl_slist *h = NULL;
        h = curl_slist_append(h, "content-type: application/json");
        snprintf(hdr, sizeof(hdr), "webhook-id: %s", id);
        h = curl_slist_append(h, hdr);
        snprintf(hdr, sizeof(hdr), "webhook-timestamp: %s", ts);
        h = curl_slist_append(h, hdr);
        if (*ep->secret) {
                char sig[128];
                if (nw_webhook_sign(ep->secret, id, now, j->body, j->body_len, sig, sizeof(sig)) == 0) {
                        snprintf(hdr, sizeof(hdr), "webhook-signature: %s", sig);
                        h = curl_slist_append(h, hdr);
                }
        }
        if (j->attempts > 0) {
                /* a retry is marked, so a receiver can tell it from a duplicate */
                snprintf(hdr, sizeof(hdr), "newsworker-attempt: %d", j->attempts + 1);
                h = curl_slist_append(h, hdr);
        }
        h = curl_slist_append(h, "user-agent: newsworker/" NW_VERSION);
        h = curl_slist_append(h, "expect:"); /* no 100-continue round trip */
        curl_easy_setopt(c, CURLOPT_URL, ep->url);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, j->body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j->body_len);
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, ep->timeout_ms);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, ep->connect_timeout_ms);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, ep->tls_verify ? 1L : 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, ep->tls_verify ? 2L : 0L);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard_body);
        curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(c, CURLOPT_HEADERDATA, resp);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        errbuf[0] = '\0';
        resp->retry_after_s = -1;
        long status = 0;
        CURLcode rc = curl_easy_perform(c);
        if (rc == CURLE_OK)
                curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        else if (!errbuf[0])
                snprintf(errbuf, CURL_ERROR_SIZE, "%s", curl_easy_strerror(rc));
        curl_slist_free_all(h);
        curl_easy_cleanup(c);
        return status;
}

/* Delay before attempt number `attempts` + 1, from the schedule, with jitter
 * in [0.8, 1.2] so that many alerts retried together spread out. */
static int64_t next_delay(nw_webhook_t *w, int attempts, const resp_t *resp, long status) {
        const nw_endpoint_t *ep = w->ep;
        if ((status == 429 || status == 503) && resp->retry_after_s >= 0)
                return (int64_t)(resp->retry_after_s < 86400 ? resp->retry_after_s : 86400) * 1000;
        size_t idx = (size_t)(attempts - 1);
        int64_t base = ep->n_schedule ? ep->schedule_ms[idx < ep->n_schedule ? idx : ep->n_schedule - 1] : 1000;
        if (base <= 1)
                return base;
        int64_t spread = base * 4 / 10;
        return base - spread / 2 + (int64_t)(rand_r(&w->seed) % (unsigned)(spread + 1));
}

static void *dispatch(void *arg) {
        nw_webhook_t *w = arg;
        char errbuf[CURL_ERROR_SIZE];
        pthread_mutex_lock(&w->lock);
        for (;;) {
                int64_t now = mono_ms();
                if (w->stopping && (!w->head || now >= w->deadline_ms ||
                                    w->head->not_before_ms > w->deadline_ms))
                        break;
                job_t *j = w->head;
                if (!j) {
                        pthread_cond_wait(&w->cond, &w->lock);
                        continue;
                }
                if (j->not_before_ms > now) {
                        int64_t until = j->not_before_ms;
                        if (w->stopping && w->deadline_ms < until)
                                until = w->deadline_ms;
                        struct timespec ts;
                        clock_gettime(CLOCK_REALTIME, &ts);
                        int64_t wait = until - now;
                        ts.tv_sec += wait / 1000;
                        ts.tv_nsec += (wait % 1000) * 1000000;
                        if (ts.tv_nsec >= 1000000000) {
                                ts.tv_sec++;
                                ts.tv_nsec -= 1000000000;
                        }
                        pthread_cond_timedwait(&w->cond, &w->lock, &ts);
                        continue;
                }
                w->head = j->next;
                w->n--;
                if (w->disabled) {
                        w->stats.failed++;
                        pthread_mutex_unlock(&w->lock);
                        if (w->cb)
                                w->cb(w->opaque, w->ep->name, j->key, j->partition, NW_WH_DISABLED,
                                      j->attempts, 0, 410);
                        job_free(j);
                        pthread_mutex_lock(&w->lock);
                        continue;
                }
                pthread_mutex_unlock(&w->lock);

                resp_t resp;
                long status = post_once(w, j, errbuf, &resp);
                j->attempts++;
                char st[16], at[16];
                snprintf(st, sizeof(st), "%ld", status);
                snprintf(at, sizeof(at), "%d", j->attempts);
                nw_webhook_outcome_t out;
                int64_t delay = 0;
                pthread_mutex_lock(&w->lock);
                if (status >= 200 && status < 300) {
                        out = NW_WH_DELIVERED;
                        w->stats.delivered++;
                } else if (status == 410) {
                        out = NW_WH_DISABLED; /* Gone: the receiver opted out */
                        w->disabled = 1;
                        w->stats.failed++;
                } else if (j->attempts >= w->ep->max_attempts) {
                        out = NW_WH_FAILED;
                        w->stats.failed++;
                } else {
                        out = NW_WH_RETRY;
                        w->stats.retries++;
                        delay = next_delay(w, j->attempts, &resp, status);
                }
                pthread_mutex_unlock(&w->lock);
                const char *why = errbuf[0] ? errbuf : "non-2xx answer";
                if (out == NW_WH_DELIVERED)
                        nw_log(w->log, NW_LOG_INFO, "webhook_delivered", "endpoint", w->ep->name,
                               "key", j->key, "status", st, "attempts", at, NULL);
                else if (out == NW_WH_RETRY) {
                        char d[24];
                        snprintf(d, sizeof(d), "%lld", (long long)delay);
                        nw_log(w->log, NW_LOG_WARN, "webhook_retry", "endpoint", w->ep->name, "key", j->key,
                               "status", st, "attempts", at, "retry_in_ms", d, "error", why, NULL);
                } else
                        nw_log(w->log, NW_LOG_ERROR,
                               out == NW_WH_DISABLED ? "webhook_endpoint_disabled" : "webhook_failed",
                               "endpoint", w->ep->name, "key", j->key, "status", st, "attempts", at,
                               "error", why, NULL);
                if (w->cb)
                        w->cb(w->opaque, w->ep->name, j->key, j->partition, out, j->attempts, delay, status);
                pthread_mutex_lock(&w->lock);
                if (out == NW_WH_RETRY && !w->stopping) {
                        j->not_before_ms = mono_ms() + delay;
                        insert_job(w, j);
                } else {
                        job_free(j);
                }
        }
        pthread_mutex_unlock(&w->lock);
        return NULL;
}

nw_webhook_t *nw_webhook_new(const nw_endpoint_t *ep, const nw_log_t *log,
                             nw_webhook_done_cb_t *cb, void *opaque, char *errstr,
                             size_t errstr_size) {
        nw_webhook_t *w = calloc(1, sizeof(*w));
        if (!w) {
                snprintf(errstr, errstr_size, "out of memory");
                return NULL;
        }
        w->ep = ep;
        w->log = log;
        w->cb = cb;
        w->opaque = opaque;
        w->seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)w;
        pthread_mutex_init(&w->lock, NULL);
        pthread_cond_init(&w->cond, NULL);
        if (pthread_create(&w->thread, NULL, dispatch, w)) {
                snprintf(errstr, errstr_size, "cannot start the webhook thread: %s", strerror(errno));
                pthread_mutex_destroy(&w->lock);
                pthread_cond_destroy(&w->cond);
                free(w);
                return NULL;
        }
        return w;
}

int nw_webhook_enqueue(nw_webhook_t *w, const char *key, const char *body,
                       size_t body_len, int attempts_done, int64_t delay_ms,
                       int32_t partition) {
        job_t *j = calloc(1, sizeof(*j));
        if (j) {
                j->key = strdup(key);
                j->body = malloc(body_len + 1);
        }
        if (!j || !j->key || !j->body) {
                if (j)
                        job_free(j);
                return -1;
        }
        memcpy(j->body, body, body_len);
        j->body[body_len] = '\0';
        j->body_len = body_len;
        j->attempts = attempts_done;
        j->partition = partition;
        j->not_before_ms = mono_ms() + (delay_ms > 0 ? delay_ms : 0);
        pthread_mutex_lock(&w->lock);
        if (w->stopping || w->n >= (size_t)w->ep->queue_max) {
                w->stats.dropped++;
                pthread_mutex_unlock(&w->lock);
                nw_log(w->log, NW_LOG_ERROR, "webhook_queue_full", "endpoint", w->ep->name, "key", key,
                       "note", "the delivery stays pending in the state topic", NULL);
                job_free(j);
                return -1;
        }
        insert_job(w, j);
        pthread_cond_signal(&w->cond);
        pthread_mutex_unlock(&w->lock);
        return 0;
}

size_t nw_webhook_cancel_partition(nw_webhook_t *w, int32_t partition) {
        size_t n = 0;
        pthread_mutex_lock(&w->lock);
        for (job_t **pp = &w->head; *pp;) {
                if ((*pp)->partition == partition) {
                        job_t *j = *pp;
                        *pp = j->next;
                        job_free(j);
                        w->n--;
                        n++;
                } else {
                        pp = &(*pp)->next;
                }
        }
        pthread_mutex_unlock(&w->lock);
        return n;
}

void nw_webhook_stats(nw_webhook_t *w, nw_webhook_stats_t *out) {
        pthread_mutex_lock(&w->lock);
        *out = w->stats;
        out->pending = w->n;
        out->disabled = w->disabled;
        pthread_mutex_unlock(&w->lock);
}

void nw_webhook_destroy(nw_webhook_t *w, int64_t deadline_ms) {
        if (!w)
                return;
        pthread_mutex_lock(&w->lock);
        w->stopping = 1;
        w->deadline_ms = mono_ms() + deadline_ms;
        pthread_cond_broadcast(&w->cond);
        pthread_mutex_unlock(&w->lock);
        pthread_join(w->thread, NULL);
        size_t left = w->n;
        job_t *j = w->head;
        while (j) {
                job_t *next = j->next;
                job_free(j);
                j = next;
        }
        if (left) {
                char n[24];
                snprintf(n, sizeof(n), "%zu", left);
                nw_log(w->log, NW_LOG_WARN, "webhook_pending_at_shutdown", "endpoint", w->ep->name,
                       "deliveries", n, "note", "kept in the delivery state topic", NULL);
        }
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->cond);
        free(w);
}
