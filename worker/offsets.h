/*
 * offsets.h - which input offsets may be committed (at-least-once).
 *
 * An input message is "done" when every output it caused (record, summit
 * events, dead letter) is acknowledged by the broker. Delivery reports come
 * back out of order across topics and partitions, so each input partition
 * keeps its in-flight messages in consumption order and its committable
 * position advances only over a contiguous prefix of done messages: the
 * offset stored for commit is then (last contiguous done offset + 1), the
 * Kafka convention for "next message to read".
 *
 * Pure bookkeeping, no Kafka calls: unit-tested on its own.
 */
#ifndef NW_OFFSETS_H
#define NW_OFFSETS_H

#include <stddef.h>
#include <stdint.h>

typedef struct nw_offsets_s nw_offsets_t;
typedef struct nw_inflight_s nw_inflight_t;

/* One consumed message. The tracker owns it; the caller may hang its own
 * data on `opaque` (e.g. the rd_kafka_message_t, freed by the release
 * callback). */
struct nw_inflight_s {
        int32_t partition;
        int64_t offset;
        int pending;   /* outputs not yet acknowledged */
        int failed;    /* an output failed for good */
        void *opaque;
        nw_inflight_t *next;
};

/* Called once per message when it leaves the tracker (done and passed, or
 * the tracker is destroyed). */
typedef void (nw_inflight_release_cb_t)(nw_inflight_t *m, void *ctx);

/* Returns a new tracker or NULL (out of memory). Caller frees with
 * nw_offsets_destroy(), which releases messages still in flight. */
nw_offsets_t *nw_offsets_new(nw_inflight_release_cb_t *release, void *ctx);
void nw_offsets_destroy(nw_offsets_t *o);

/* Registers a consumed message with pending = 0 (add outputs with
 * nw_offsets_add_pending before producing them). Returns it, or NULL when
 * out of memory. Offsets of one partition must be added in increasing order. */
nw_inflight_t *nw_offsets_track(nw_offsets_t *o, int32_t partition, int64_t offset);

/* One more output to wait for. */
static inline void nw_offsets_add_pending(nw_inflight_t *m) { m->pending++; }

/* An output of m was acknowledged (ok = 1) or failed for good (ok = 0).
 * Returns the new committable offset of m's partition (next offset to read)
 * when it advanced, else -1. */
int64_t nw_offsets_ack(nw_offsets_t *o, nw_inflight_t *m, int ok);

/* Marks m done without outputs (call after registering all pending ones:
 * m is done when pending reaches 0). Same return as nw_offsets_ack. */
int64_t nw_offsets_seal(nw_offsets_t *o, nw_inflight_t *m);

/* Messages tracked but not done, in total and for one partition. */
size_t nw_offsets_in_flight(const nw_offsets_t *o);
size_t nw_offsets_in_flight_partition(const nw_offsets_t *o, int32_t partition);

#endif
