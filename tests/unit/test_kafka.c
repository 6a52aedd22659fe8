/* test_kafka.c - the consumer's prefetch level (kafka.h): when the role loop
 * takes librdkafka's fetcher for stopped, and when it wakes it. */
#include "nw_test.h"

#include "kafka.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "config.h"

static void test_level_by_bytes(void **st) {
        (void)st;
        nw_prefetch_limits_t l = {.min_msgs = 100000, .max_bytes = 16384 * 1024};
        assert_int_equal(nw_kafka_prefetch_level(&l, 0, 1073), 0);
        /* 16 MB of ~1 KB messages: the byte limit is the nearer one */
        int full = nw_kafka_prefetch_level(&l, 15700, 1073);
        assert_true(full >= NW_PREFETCH_STOPPED && full <= 101);
        assert_true(nw_kafka_prefetch_level(&l, 12000, 1073) < NW_PREFETCH_STOPPED);
        assert_true(nw_kafka_prefetch_level(&l, 3900, 1073) <= NW_PREFETCH_REFILL);
        assert_true(nw_kafka_prefetch_level(&l, 4100, 1073) > NW_PREFETCH_REFILL);
        /* a fetch response overshoots the limit */
        assert_true(nw_kafka_prefetch_level(&l, 19000, 1073) > 100);
}

static void test_level_by_count(void **st) {
        (void)st;
        /* tiny messages: queued.min.messages stops the fetcher first */
        nw_prefetch_limits_t l = {.min_msgs = 1000, .max_bytes = 65536 * 1024};
        assert_int_equal(nw_kafka_prefetch_level(&l, 950, 10), 95);
        assert_int_equal(nw_kafka_prefetch_level(&l, 200, 10), 20);
}

static void test_level_bounded(void **st) {
        (void)st;
        nw_prefetch_limits_t l = {.min_msgs = 1, .max_bytes = 1024};
        assert_int_equal(nw_kafka_prefetch_level(&l, (size_t)1 << 40, (size_t)1 << 20), 1000);
        nw_prefetch_limits_t none = {0, 0};
        assert_int_equal(nw_kafka_prefetch_level(&none, 5000, 1000), 0);
}

/* A producer built from a [kafka] section with consumer properties (as every
 * deployment has: group.id at least) logs no librdkafka CONFWARN. Connects to
 * nothing: the broker address is unreachable and the handle is destroyed. */
static void test_producer_without_consumer_properties(void **st) {
        (void)st;
        nw_config_t c;
        char err[512];
        assert_int_equal(nw_config_init(&c, err, sizeof(err)), 0);
        assert_int_equal(nw_config_set_x(&c, "kafka.bootstrap.servers=127.0.0.1:9", err, sizeof(err)), 0);
        assert_int_equal(nw_config_set_x(&c, "kafka.group.instance.id=w-0", err, sizeof(err)), 0);
        assert_int_equal(nw_config_set_x(&c, "kafka.session.timeout.ms=10000", err, sizeof(err)), 0);
        assert_int_equal(nw_config_set_x(&c, "kafka.partition.assignment.strategy=range", err, sizeof(err)), 0);
        char path[] = "/tmp/nwkafkalogXXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        fflush(stderr);
        int saved = dup(2);
        dup2(fd, 2);
        const nw_log_t *log = &c.log;
        rd_kafka_t *rk = nw_kafka_producer_new(&c, &c.log, NULL, NULL, &log, err, sizeof(err));
        if (rk)
                rd_kafka_destroy(rk);
        fflush(stderr);
        dup2(saved, 2);
        close(saved);
        assert_non_null(rk);
        static char text[65536];
        ssize_t n = pread(fd, text, sizeof(text) - 1, 0);
        close(fd);
        unlink(path);
        text[n > 0 ? n : 0] = '\0';
        if (strstr(text, "CONFWARN"))
                fail_msg("the producer warned:\n%s", text);
        nw_config_destroy(&c);
}

int main(void) {
        const struct CMUnitTest tests[] = {cmocka_unit_test(test_level_by_bytes),
                                           cmocka_unit_test(test_level_by_count),
                                           cmocka_unit_test(test_level_bounded),
                                           cmocka_unit_test(test_producer_without_consumer_properties)};
        return cmocka_run_group_tests(tests, NULL, NULL);
}
