/* test_pool.c - extraction threads hand results back in submission order. */
#include "nw_test.h"

#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "pool.h"

typedef struct job_s {
        int id;
        int sleep_us;
        int processed_by;
} job_t;

static void process(void *ctx, void *job) {
        job_t *j = job;
        if (j->sleep_us)
                usleep((useconds_t)j->sleep_us);
        j->processed_by = (int)(intptr_t)ctx;
}

static int notified;
static void on_notify(void *arg) { (void)arg; __atomic_add_fetch(&notified, 1, __ATOMIC_RELAXED); }

static void test_order_kept(void **st) {
        (void)st;
        void *ctxs[3] = {(void *)1, (void *)2, (void *)3};
        nw_pool_t *p = nw_pool_new(3, ctxs, process, 8, on_notify, NULL);
        assert_non_null(p);
        job_t jobs[200];
        int next_take = 0;
        for (int i = 0; i < 200; i++) {
                /* early jobs slow, later ones fast: they finish out of order */
                jobs[i] = (job_t){.id = i, .sleep_us = (i % 8 == 0) ? 3000 : (i % 3) * 100};
                while (nw_pool_submit(p, &jobs[i])) {
                        job_t *j = nw_pool_take(p, 50);
                        if (j)
                                assert_int_equal(j->id, next_take++);
                }
        }
        while (nw_pool_pending(p)) {
                job_t *j = nw_pool_take(p, 50);
                if (j)
                        assert_int_equal(j->id, next_take++);
        }
        assert_int_equal(next_take, 200);
        for (int i = 0; i < 200; i++)
                assert_true(jobs[i].processed_by >= 1 && jobs[i].processed_by <= 3);
        assert_true(notified > 0);
        nw_pool_destroy(p);
}

static void test_capacity_and_timeout(void **st) {
        (void)st;
        nw_pool_t *p = nw_pool_new(1, NULL, process, 2, NULL, NULL);
        assert_non_null(p);
        job_t a = {.id = 0, .sleep_us = 200000}, b = {.id = 1}, c = {.id = 2};
        assert_int_equal(nw_pool_submit(p, &a), 0);
        assert_int_equal(nw_pool_submit(p, &b), 0);
        assert_int_equal(nw_pool_full(p), 1);
        assert_int_equal(nw_pool_submit(p, &c), -1); /* the ring is full */
        /* b may be done, but a (the oldest) is not: nothing comes back */
        assert_null(nw_pool_take(p, 0));
        assert_null(nw_pool_take(p, 10));
        job_t *j = nw_pool_take(p, 5000);
        assert_ptr_equal(j, &a);
        assert_ptr_equal(nw_pool_take(p, 5000), &b);
        assert_int_equal(nw_pool_pending(p), 0);
        assert_null(nw_pool_take(p, 0)); /* none pending */
        nw_pool_destroy(p);
}

static void test_bad_arguments(void **st) {
        (void)st;
        assert_null(nw_pool_new(0, NULL, process, 4, NULL, NULL));
        assert_null(nw_pool_new(1, NULL, process, 0, NULL, NULL));
        assert_null(nw_pool_new(1, NULL, NULL, 4, NULL, NULL));
        nw_pool_destroy(NULL);
}

int main(void) {
        const struct CMUnitTest tests[] = {cmocka_unit_test(test_order_kept),
                                           cmocka_unit_test(test_capacity_and_timeout),
                                           cmocka_unit_test(test_bad_arguments)};
        return cmocka_run_group_tests(tests, NULL, NULL);
}
