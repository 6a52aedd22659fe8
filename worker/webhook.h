/*
 * webhook.h - Standard Webhooks signing and one delivery thread per endpoint.
 *
 * Signing follows the Standard Webhooks specification
 * (https://www.standardwebhooks.com, "Signature scheme"): the signed content
 * is "{webhook-id}.{webhook-timestamp}.{body}", the key is the base64-decoded
 * part of the secret after "whsec_", the MAC is HMAC-SHA256 (OpenSSL), and
 * the header value is "v1,<base64 MAC>". Each delivery also carries
 * webhook-id (stable per alert and endpoint, so receivers deduplicate) and
 * webhook-timestamp (unix seconds); a retry carries newsworker-attempt: N.
 *
 * An nw_webhook_t owns one endpoint's thread and bounded queue, so a slow or
 * dead endpoint delays no other. nw_webhook_enqueue() never blocks. 2xx is
 * success; 410 Gone disables the endpoint; 429/503 honour Retry-After; other
 * failures retry on the endpoint's schedule with jitter until max_attempts.
 * Every final or intermediate outcome is reported through the done callback
 * (on the endpoint's thread) so the caller can persist it.
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

/* Derives the webhook-id of an alert for one endpoint: "msg_" followed by
 * 32 hex digits of SHA-256("<endpoint>\n<key>"). out must hold >= 37 bytes. */
void nw_webhook_id(const char *endpoint, const char *key, char *out, size_t out_size);

typedef enum {
        NW_WH_DELIVERED = 0, /* 2xx */
        NW_WH_RETRY,         /* failed; retried after *delay_ms */
        NW_WH_FAILED,        /* attempts exhausted */
        NW_WH_DISABLED       /* 410 Gone: the endpoint is switched off */
} nw_webhook_outcome_t;

/* Called on the endpoint's thread after each attempt. delay_ms is the wait
 * before the next attempt (NW_WH_RETRY), status the HTTP status (0 =
 * transport error). */
typedef void (nw_webhook_done_cb_t)(void *opaque, const char *endpoint, const char *key,
                                    int32_t partition, nw_webhook_outcome_t outcome,
                                    int attempts, int64_t delay_ms, long status);

typedef struct nw_webhook_s nw_webhook_t;

/* Starts the delivery thread of endpoint ep (which must outlive it). cb may
 * be NULL. Returns NULL with errstr on error. Caller stops and frees it with
 * nw_webhook_destroy(). */
nw_webhook_t *nw_webhook_new(const nw_endpoint_t *ep, const nw_log_t *log,
                             nw_webhook_done_cb_t *cb, void *opaque, char *errstr,
                             size_t errstr_size);

/* Queues body (copied) for delivery under idempotency key `key`, after
 * attempts_done earlier attempts, not before delay_ms from now. partition
 * is the caller's tag (see nw_webhook_cancel_partition). Returns 0, or -1
 * when the queue is full or the endpoint disabled (logged). Never blocks. */
int nw_webhook_enqueue(nw_webhook_t *w, const char *key, const char *body,
                       size_t body_len, int attempts_done, int64_t delay_ms,
                       int32_t partition);

/* Drops queued (not in-flight) deliveries tagged with partition; returns
 * how many. For a dispatcher that loses a partition in a rebalance. */
size_t nw_webhook_cancel_partition(nw_webhook_t *w, int32_t partition);

/* Delivery counters (for metrics and tests). */
typedef struct nw_webhook_stats_s {
        uint64_t delivered, failed, retries, dropped;
        size_t pending;
        int disabled;
} nw_webhook_stats_t;
void nw_webhook_stats(nw_webhook_t *w, nw_webhook_stats_t *out);

/* Stops accepting, tries to deliver what is due until deadline_ms from now,
 * then stops the thread and frees everything (undelivered work is the
 * caller's persisted state). */
void nw_webhook_destroy(nw_webhook_t *w, int64_t deadline_ms);

#endif
