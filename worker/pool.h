/*
 * pool.h - extraction threads that hand results back in submission order.
 *
 * The polling thread submits jobs (one consumed message each); n threads
 * process them, each with its own context (its own pipeline: a pipeline is
 * not thread-safe, the engine is shared); the polling thread takes them back
 * strictly in the order it submitted them, so outputs are produced in input
 * order and the offset bookkeeping (offsets.h) stays on one thread. Knows
 * nothing of Kafka: unit-tested on its own.
 */
#ifndef NW_POOL_H
#define NW_POOL_H

#include <stddef.h>

typedef struct nw_pool_s nw_pool_t;
/* Processes job with the calling thread's context. */
typedef void (nw_pool_fn_t)(void *ctx, void *job);
/* Called by a pool thread when the oldest job is done (to wake the polling
 * thread); may be NULL. */
typedef void (nw_pool_notify_t)(void *arg);

/* n_threads >= 1 threads, thread i with ctxs[i]; at most capacity jobs
 * submitted and not yet taken back. Returns NULL when out of resources. */
nw_pool_t *nw_pool_new(size_t n_threads, void *const *ctxs, nw_pool_fn_t *fn, size_t capacity,
                       nw_pool_notify_t *notify, void *notify_arg);
/* Queues job; returns 0, or -1 when capacity jobs are already out. */
int nw_pool_submit(nw_pool_t *p, void *job);
/* Jobs submitted and not yet taken back; 1 when that is capacity. */
size_t nw_pool_pending(const nw_pool_t *p);
int nw_pool_full(const nw_pool_t *p);
/* The oldest job once it is processed, waiting up to timeout_ms (0: no
 * wait); NULL when none is pending or the oldest is not done in time. */
void *nw_pool_take(nw_pool_t *p, int timeout_ms);
/* Stops and joins the threads. Jobs must have been taken back first (each
 * one is processed in bounded time: take them with a timeout until none is
 * pending). */
void nw_pool_destroy(nw_pool_t *p);

#endif
