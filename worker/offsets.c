/*
 * offsets.c - per-partition FIFO of in-flight messages (see offsets.h).
 */
#include "offsets.h"

#include <stdlib.h>
#include <string.h>

typedef struct part_s {
        int32_t partition;
        nw_inflight_t *head, *tail;
        size_t n;
} part_t;

struct nw_offsets_s {
        part_t *parts;
        size_t n_parts, cap_parts;
        size_t in_flight;
        nw_inflight_release_cb_t *release;
        void *ctx;
};

/* A message is done when sealed and nothing is pending. The seal is
 * recorded as pending's extra unit: track() starts pending at 1 and seal()
 * removes it, so outputs acked before the seal cannot finish the message. */

nw_offsets_t *nw_offsets_new(nw_inflight_release_cb_t *release, void *ctx) {
        nw_offsets_t *o = calloc(1, sizeof(*o));
        if (!o)
                return NULL;
        o->release = release;
        o->ctx = ctx;
        return o;
}

void nw_offsets_destroy(nw_offsets_t *o) {
        if (!o)
                return;
        for (size_t i = 0; i < o->n_parts; i++) {
                nw_inflight_t *m = o->parts[i].head;
                while (m) {
                        nw_inflight_t *next = m->next;
                        if (o->release)
                                o->release(m, o->ctx);
                        free(m);
                        m = next;
                }
        }
        free(o->parts);
        free(o);
}

static part_t *find_part(const nw_offsets_t *o, int32_t partition) {
        for (size_t i = 0; i < o->n_parts; i++)
                if (o->parts[i].partition == partition)
                        return &o->parts[i];
        return NULL;
}

nw_inflight_t *nw_offsets_track(nw_offsets_t *o, int32_t partition, int64_t offset) {
        part_t *p = find_part(o, partition);
        if (!p) {
                if (o->n_parts == o->cap_parts) {
                        size_t ncap = o->cap_parts ? o->cap_parts * 2 : 8;
                        part_t *np = realloc(o->parts, ncap * sizeof(*np));
                        if (!np)
                                return NULL;
                        o->parts = np;
                        o->cap_parts = ncap;
                }
                p = &o->parts[o->n_parts++];
                memset(p, 0, sizeof(*p));
                p->partition = partition;
        }
        nw_inflight_t *m = calloc(1, sizeof(*m));
        if (!m)
                return NULL;
        m->partition = partition;
        m->offset = offset;
        m->pending = 1; /* the seal */
        if (p->tail)
                p->tail->next = m;
        else
                p->head = m;
        p->tail = m;
        p->n++;
        o->in_flight++;
        return m;
}

/* Pops the done prefix of m's partition; returns next offset or -1. */
static int64_t advance(nw_offsets_t *o, int32_t partition) {
        part_t *p = find_part(o, partition);
        int64_t next = -1;
        while (p && p->head && p->head->pending == 0 && !p->head->failed) {
                nw_inflight_t *m = p->head;
                next = m->offset + 1;
                p->head = m->next;
                if (!p->head)
                        p->tail = NULL;
                p->n--;
                o->in_flight--;
                if (o->release)
                        o->release(m, o->ctx);
                free(m);
        }
        return next;
}

int64_t nw_offsets_ack(nw_offsets_t *o, nw_inflight_t *m, int ok) {
        if (!ok)
                m->failed = 1;
        if (m->pending > 0)
                m->pending--;
        if (m->pending)
                return -1;
        return advance(o, m->partition);
}

int64_t nw_offsets_seal(nw_offsets_t *o, nw_inflight_t *m) {
        return nw_offsets_ack(o, m, !m->failed);
}

size_t nw_offsets_in_flight(const nw_offsets_t *o) { return o->in_flight; }

size_t nw_offsets_in_flight_partition(const nw_offsets_t *o, int32_t partition) {
        const part_t *p = find_part(o, partition);
        return p ? p->n : 0;
}
