/* test_offsets.c - contiguous commit positions from out-of-order acks. */
#include "nw_test.h"

#include "offsets.h"

static int released;
static void on_release(nw_inflight_t *m, void *ctx) { (void)m; (void)ctx; released++; }

static void test_out_of_order(void **st) {
        (void)st;
        released = 0;
        nw_offsets_t *o = nw_offsets_new(on_release, NULL);
        nw_inflight_t *m[4];
        for (int i = 0; i < 4; i++) {
                m[i] = nw_offsets_track(o, 0, 10 + i);
                nw_offsets_add_pending(m[i]); /* record */
                nw_offsets_add_pending(m[i]); /* summit */
                assert_int_equal(nw_offsets_seal(o, m[i]), -1);
        }
        assert_int_equal(nw_offsets_in_flight(o), 4);
        /* later messages finish first: nothing to commit yet */
        assert_int_equal(nw_offsets_ack(o, m[2], 1), -1);
        assert_int_equal(nw_offsets_ack(o, m[2], 1), -1);
        assert_int_equal(nw_offsets_ack(o, m[1], 1), -1);
        assert_int_equal(nw_offsets_ack(o, m[1], 1), -1);
        assert_int_equal(nw_offsets_ack(o, m[0], 1), -1);
        /* the head completes: the position jumps over 10, 11, 12 */
        assert_int_equal(nw_offsets_ack(o, m[0], 1), 13);
        assert_int_equal(released, 3);
        assert_int_equal(nw_offsets_in_flight(o), 1);
        nw_offsets_destroy(o); /* releases the last one */
        assert_int_equal(released, 4);
}

static void test_partitions_independent(void **st) {
        (void)st;
        nw_offsets_t *o = nw_offsets_new(NULL, NULL);
        nw_inflight_t *a = nw_offsets_track(o, 0, 5);
        nw_inflight_t *b = nw_offsets_track(o, 1, 7);
        nw_offsets_add_pending(a);
        assert_int_equal(nw_offsets_seal(o, a), -1);
        /* no outputs: done at seal */
        assert_int_equal(nw_offsets_seal(o, b), 8);
        assert_int_equal(nw_offsets_in_flight_partition(o, 0), 1);
        assert_int_equal(nw_offsets_in_flight_partition(o, 1), 0);
        assert_int_equal(nw_offsets_ack(o, a, 1), 6);
        nw_offsets_destroy(o);
}

static void test_ack_before_seal(void **st) {
        (void)st;
        nw_offsets_t *o = nw_offsets_new(NULL, NULL);
        nw_inflight_t *a = nw_offsets_track(o, 0, 0);
        nw_offsets_add_pending(a);
        /* a delivery report served while outputs are still being produced */
        assert_int_equal(nw_offsets_ack(o, a, 1), -1);
        assert_int_equal(nw_offsets_seal(o, a), 1);
        nw_offsets_destroy(o);
}

static void test_failure_blocks(void **st) {
        (void)st;
        nw_offsets_t *o = nw_offsets_new(NULL, NULL);
        nw_inflight_t *a = nw_offsets_track(o, 0, 0);
        nw_inflight_t *b = nw_offsets_track(o, 0, 1);
        nw_offsets_add_pending(a);
        nw_offsets_seal(o, a);
        assert_int_equal(nw_offsets_seal(o, b), -1);
        /* a failed output never lets the position pass it: at-least-once */
        assert_int_equal(nw_offsets_ack(o, a, 0), -1);
        assert_int_equal(nw_offsets_in_flight(o), 2);
        nw_offsets_destroy(o);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_out_of_order), cmocka_unit_test(test_partitions_independent),
                cmocka_unit_test(test_ack_before_seal), cmocka_unit_test(test_failure_blocks)};
        return cmocka_run_group_tests(tests, NULL, NULL);
}
