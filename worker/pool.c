/*
 * pool.c - ordered extraction threads (see pool.h).
 *
 * A ring of capacity slots under one mutex: [head, tail) are submitted and
 * not taken back, [claim, tail) not yet started. Threads claim in ring order
 * and may finish out of order; nw_pool_take() returns the head only once it
 * is done. Per job: a few lock round trips, against tens of microseconds of
 * extraction; the polling thread is woken per half ring, not per job.
 */
#include "pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

typedef struct slot_s {
        void *job;
        int done;
} slot_t;

typedef struct thread_s {
        nw_pool_t *pool;
        void *ctx;
        pthread_t th;
} thread_t;

struct nw_pool_s {
        pthread_mutex_t mu;
        pthread_cond_t work; /* a job was submitted, or stop */
        pthread_cond_t done; /* the head job is done */
        slot_t *ring;
        size_t cap, head, claim, tail; /* monotonically increasing; index % cap */
        int stop;
        nw_pool_fn_t *fn;
        nw_pool_notify_t *notify;
        void *notify_arg;
        thread_t *threads;
        size_t n_threads, n_started;
};

static void *run(void *arg) {
        thread_t *t = arg;
        nw_pool_t *p = t->pool;
        pthread_mutex_lock(&p->mu);
        for (;;) {
                while (!p->stop && p->claim == p->tail)
                        pthread_cond_wait(&p->work, &p->mu);
                if (p->stop)
                        break;
                size_t i = p->claim++;
                void *job = p->ring[i % p->cap].job;
                pthread_mutex_unlock(&p->mu);
                p->fn(t->ctx, job);
                pthread_mutex_lock(&p->mu);
                p->ring[i % p->cap].done = 1;
                /* wake the polling thread for a batch, not for every job (a
                 * wake-up per ~30 us job cost as much as the handoff saved):
                 * once half the ring is done from the head on, or all of it */
                size_t run = 0;
                while (p->head + run < p->tail && p->ring[(p->head + run) % p->cap].done)
                        run++;
                if (run && (run >= (p->cap + 1) / 2 || p->head + run == p->tail)) {
                        pthread_cond_signal(&p->done);
                        if (p->notify)
                                p->notify(p->notify_arg);
                }
        }
        pthread_mutex_unlock(&p->mu);
        return NULL;
}

nw_pool_t *nw_pool_new(size_t n_threads, void *const *ctxs, nw_pool_fn_t *fn, size_t capacity,
                       nw_pool_notify_t *notify, void *notify_arg) {
        if (!n_threads || !capacity || !fn)
                return NULL;
        nw_pool_t *p = calloc(1, sizeof(*p));
        if (!p)
                return NULL;
        p->ring = calloc(capacity, sizeof(*p->ring));
        p->threads = calloc(n_threads, sizeof(*p->threads));
        if (!p->ring || !p->threads) {
                free(p->ring);
                free(p->threads);
                free(p);
                return NULL;
        }
        pthread_mutex_init(&p->mu, NULL);
        pthread_cond_init(&p->work, NULL);
        pthread_cond_init(&p->done, NULL);
        p->cap = capacity;
        p->fn = fn;
        p->notify = notify;
        p->notify_arg = notify_arg;
        p->n_threads = n_threads;
        for (size_t i = 0; i < n_threads; i++) {
                p->threads[i].pool = p;
                p->threads[i].ctx = ctxs ? ctxs[i] : NULL;
                if (pthread_create(&p->threads[i].th, NULL, run, &p->threads[i])) {
                        nw_pool_destroy(p);
                        return NULL;
                }
                p->n_started++;
        }
        return p;
}

int nw_pool_submit(nw_pool_t *p, void *job) {
        pthread_mutex_lock(&p->mu);
        if (p->tail - p->head >= p->cap) {
                pthread_mutex_unlock(&p->mu);
                return -1;
        }
        slot_t *s = &p->ring[p->tail % p->cap];
        s->job = job;
        s->done = 0;
        p->tail++;
        pthread_cond_signal(&p->work);
        pthread_mutex_unlock(&p->mu);
        return 0;
}

size_t nw_pool_pending(const nw_pool_t *p) {
        pthread_mutex_lock((pthread_mutex_t *)&p->mu);
        size_t n = p->tail - p->head;
        pthread_mutex_unlock((pthread_mutex_t *)&p->mu);
        return n;
}

int nw_pool_full(const nw_pool_t *p) { return nw_pool_pending(p) >= p->cap; }

void *nw_pool_take(nw_pool_t *p, int timeout_ms) {
        pthread_mutex_lock(&p->mu);
        if (p->head != p->tail && !p->ring[p->head % p->cap].done && timeout_ms > 0) {
                struct timespec until;
                clock_gettime(CLOCK_REALTIME, &until);
                until.tv_sec += timeout_ms / 1000;
                until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
                if (until.tv_nsec >= 1000000000L) {
                        until.tv_sec++;
                        until.tv_nsec -= 1000000000L;
                }
                while (p->head != p->tail && !p->ring[p->head % p->cap].done)
                        if (pthread_cond_timedwait(&p->done, &p->mu, &until) == ETIMEDOUT)
                                break;
        }
        void *job = NULL;
        if (p->head != p->tail && p->ring[p->head % p->cap].done) {
                job = p->ring[p->head % p->cap].job;
                p->head++;
        }
        pthread_mutex_unlock(&p->mu);
        return job;
}

void nw_pool_destroy(nw_pool_t *p) {
        if (!p)
                return;
        pthread_mutex_lock(&p->mu);
        p->stop = 1;
        pthread_cond_broadcast(&p->work);
        pthread_mutex_unlock(&p->mu);
        for (size_t i = 0; i < p->n_started; i++)
                pthread_join(p->threads[i].th, NULL);
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->work);
        pthread_cond_destroy(&p->done);
        free(p->ring);
        free(p->threads);
        free(p);
}
