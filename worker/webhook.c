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

void nw_webhook_id(const char *key, char *out, size_t out_size) {
        unsigned char md[SHA256_DIGEST_LENGTH];
        SHA256((const unsigned char *)key, strlen(key), md);
        char hex[33];
        for (int i = 0; i < 16; i++)
                snprintf(hex + 2 * i, 3, "%02x", md[i]);
        snprintf(out, out_size, "msg_%s", hex);
}

typedef struct job_s {
        char *key, *body;
        size_t body_len;
        int attempts;
        int64_t not_before_ms; /* monotonic */
        struct job_s *next;
} job_t;

struct nw_webhook_s {
        const nw_config_t *cfg;
        const nw_log_t *log;
        pthread_t thread;
        pthread_mutex_t lock;
        pthread_cond_t cond;
        job_t *head, *tail;
        size_t n;
        int stopping;
        int64_t deadline_ms;
        nw_webhook_stats_t stats;
        unsigned int seed; /* jitter PRNG state, thread-local use only */
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

static size_t discard_body(char *p, size_t size, size_t n, void *ud) {
        (void)p;
        (void)ud;
        return size * n;
}

/* Returns the HTTP status, or 0 on a transport error (errbuf filled). */
static long post_once(nw_webhook_t *w, job_t *j, char *errbuf) {
        CURL *c = curl_easy_init();
        if (!c) {
                snprintf(errbuf, CURL_ERROR_SIZE, "curl_easy_init failed");
                return 0;
        }
        char id[64], ts[32], hdr[256];
        nw_webhook_id(j->key, id, sizeof(id));
        int64_t now = (int64_t)time(NULL);
        snprintf(ts, sizeof(ts), "%lld", (long long)now);
        struct curl_slist *h = NULL;
        h = curl_slist_append(h, "content-type: application/json");
        snprintf(hdr, sizeof(hdr), "webhook-id: %s", id);
        h = curl_slist_append(h, hdr);
        snprintf(hdr, sizeof(hdr), "webhook-timestamp: %s", ts);
        h = curl_slist_append(h, hdr);
        if (*w->cfg->webhook_secret) {
                char sig[128];
                if (nw_webhook_sign(w->cfg->webhook_secret, id, now, j->body, j->body_len, sig,
                                    sizeof(sig)) == 0) {
                        snprintf(hdr, sizeof(hdr), "webhook-signature: %s", sig);
                        h = curl_slist_append(h, hdr);
                }
        }
        h = curl_slist_append(h, "user-agent: newsworker/" NW_VERSION);
        curl_easy_setopt(c, CURLOPT_URL, w->cfg->webhook_url);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, j->body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j->body_len);
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, w->cfg->webhook_timeout_ms);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, w->cfg->webhook_connect_timeout_ms);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard_body);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        errbuf[0] = '\0';
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

static void *dispatch(void *arg) {
        nw_webhook_t *w = arg;
        char errbuf[CURL_ERROR_SIZE];
        pthread_mutex_lock(&w->lock);
        for (;;) {
                if (w->stopping && (!w->head || mono_ms() >= w->deadline_ms))
                        break;
                job_t *j = w->head;
                if (!j) {
                        pthread_cond_wait(&w->cond, &w->lock);
                        continue;
                }
                int64_t now = mono_ms();
                if (j->not_before_ms > now) {
                        /* wait for the retry time, a new job, or stop */
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
                        if (w->stopping && mono_ms() >= w->deadline_ms)
                                break;
                        /* rotate so one slow job does not hold the others */
                        if (w->head == j && j->next && j->not_before_ms > mono_ms()) {
                                w->head = j->next;
                                j->next = NULL;
                                w->tail->next = j;
                                w->tail = j;
                        }
                        continue;
                }
                w->head = j->next;
                if (!w->head)
                        w->tail = NULL;
                w->n--;
                pthread_mutex_unlock(&w->lock);

                long status = post_once(w, j, errbuf);
                j->attempts++;
                char st[16], at[16];
                snprintf(st, sizeof(st), "%ld", status);
                snprintf(at, sizeof(at), "%d", j->attempts);
                int ok = status >= 200 && status < 300;
                int permanent = status == 410; /* Gone: the receiver opted out */

                pthread_mutex_lock(&w->lock);
                if (ok) {
                        w->stats.delivered++;
                        nw_log(w->log, NW_LOG_INFO, "webhook_delivered", "key", j->key, "status", st,
                               "attempts", at, NULL);
                        job_free(j);
                } else if (permanent || j->attempts >= w->cfg->webhook_max_attempts) {
                        w->stats.failed++;
                        nw_log(w->log, NW_LOG_ERROR, "webhook_failed", "key", j->key, "status", st,
                               "attempts", at, "error", errbuf[0] ? errbuf : "non-2xx answer", NULL);
                        job_free(j);
                } else {
                        w->stats.retries++;
                        int64_t delay = w->cfg->webhook_backoff_ms << (j->attempts - 1 < 20 ? j->attempts - 1 : 20);
                        /* full jitter in [delay/2, delay] */
                        if (delay > 1)
                                delay = delay / 2 + (int64_t)(rand_r(&w->seed) % (unsigned)(delay / 2 + 1));
                        j->not_before_ms = mono_ms() + delay;
                        nw_log(w->log, NW_LOG_WARN, "webhook_retry", "key", j->key, "status", st,
                               "attempts", at, "error", errbuf[0] ? errbuf : "non-2xx answer", NULL);
                        j->next = NULL;
                        if (w->tail)
                                w->tail->next = j;
                        else
                                w->head = j;
                        w->tail = j;
                        w->n++;
                }
        }
        pthread_mutex_unlock(&w->lock);
        return NULL;
}

nw_webhook_t *nw_webhook_new(const nw_config_t *cfg, const nw_log_t *log,
                             char *errstr, size_t errstr_size) {
        nw_webhook_t *w = calloc(1, sizeof(*w));
        if (!w) {
                snprintf(errstr, errstr_size, "out of memory");
                return NULL;
        }
        w->cfg = cfg;
        w->log = log;
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
                       size_t body_len) {
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
        pthread_mutex_lock(&w->lock);
        if (w->stopping || w->n >= (size_t)w->cfg->webhook_queue_max) {
                w->stats.dropped++;
                pthread_mutex_unlock(&w->lock);
                nw_log(w->log, NW_LOG_ERROR, "webhook_queue_full", "key", key, NULL);
                job_free(j);
                return -1;
        }
        if (w->tail)
                w->tail->next = j;
        else
                w->head = j;
        w->tail = j;
        w->n++;
        pthread_cond_signal(&w->cond);
        pthread_mutex_unlock(&w->lock);
        return 0;
}

void nw_webhook_stats(nw_webhook_t *w, nw_webhook_stats_t *out) {
        pthread_mutex_lock(&w->lock);
        *out = w->stats;
        out->pending = w->n;
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
        job_t *j = w->head;
        while (j) {
                job_t *next = j->next;
                nw_log(w->log, NW_LOG_ERROR, "webhook_undelivered_at_shutdown", "key", j->key, NULL);
                job_free(j);
                j = next;
        }
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->cond);
        free(w);
}
