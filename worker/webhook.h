/*
 * webhook.h - Standard Webhooks signing and an asynchronous dispatcher.
 *
 * Signing follows the Standard Webhooks specification
 * (https://www.standardwebhooks.com, "Signature scheme"): the signed content
 * is "{webhook-id}.{webhook-timestamp}.{body}", the key is the base64-decoded
 * part of the secret after "whsec_", the MAC is HMAC-SHA256 (OpenSSL), and
 * the header value is "v1,<base64 MAC>".
 *
 * The dispatcher owns one thread and a bounded queue: nw_webhook_enqueue()
 * never blocks the caller (a Kafka poll loop), delivery retries with
 * exponential backoff and jitter, and a 2xx answer is success.
 */
#ifndef NW_WEBHOOK_H
#define NW_WEBHOOK_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "log.h"

/* Computes the signature header value "v1,<base64>" for msg_id, timestamp
 * (unix seconds) and body (body_len bytes) with secret "whsec_<base64>".
 * out must hold >= 64 bytes. Returns 0, or -1 when the secret is not valid
 * base64 or out is too small. */
int nw_webhook_sign(const char *secret, const char *msg_id, int64_t timestamp,
                    const char *body, size_t body_len, char *out, size_t out_size);

/* Derives a stable webhook-id from an idempotency key: "msg_" followed by
 * 32 hex digits of SHA-256(key). out must hold >= 37 bytes. */
void nw_webhook_id(const char *key, char *out, size_t out_size);

typedef struct nw_webhook_s nw_webhook_t;

/* Starts the dispatcher for cfg->webhook_url (cfg must outlive it). Returns
 * NULL with errstr on error. Caller stops and frees it with
 * nw_webhook_destroy(). */
nw_webhook_t *nw_webhook_new(const nw_config_t *cfg, const nw_log_t *log,
                             char *errstr, size_t errstr_size);

/* Queues body (copied) for delivery with the given idempotency key.
 * Returns 0, or -1 when the queue is full (logged). Never blocks. */
int nw_webhook_enqueue(nw_webhook_t *w, const char *key, const char *body,
                       size_t body_len);

/* Delivery counters (for metrics and tests). */
typedef struct nw_webhook_stats_s {
        uint64_t delivered, failed, retries, dropped;
        size_t pending;
} nw_webhook_stats_t;
void nw_webhook_stats(nw_webhook_t *w, nw_webhook_stats_t *out);

/* Stops accepting, tries to deliver what is queued until deadline_ms from
 * now, then stops the thread and frees everything. */
void nw_webhook_destroy(nw_webhook_t *w, int64_t deadline_ms);

#endif
