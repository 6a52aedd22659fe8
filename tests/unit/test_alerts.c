/* test_alerts.c - the alert rules (alerts.countries, .organizations, .statuses). */
#include "nw_test.h"

#include "role.h"

static json_t *summit(const char *json) {
        json_t *s = json_loads(json, 0, NULL);
        assert_non_null(s);
        return s;
}

static void expect(const char *x1, const char *x2, const char *json, int want) {
        nw_config_t cfg;
        char err[256];
        assert_int_equal(nw_config_init(&cfg, err, sizeof(err)), 0);
        if (x1)
                assert_int_equal(nw_config_set_x(&cfg, x1, err, sizeof(err)), 0);
        if (x2)
                assert_int_equal(nw_config_set_x(&cfg, x2, err, sizeof(err)), 0);
        json_t *s = summit(json);
        int got = nw_alerter_rules_match(&cfg, s);
        if (got != want)
                fail_msg("rules %s %s on %s: want %d, got %d", x1 ? x1 : "-", x2 ? x2 : "-", json, want, got);
        json_decref(s);
        nw_config_destroy(&cfg);
}

static void test_rules(void **st) {
        (void)st;
        const char *xi = "{\"countries\":[\"CHN\",\"RUS\"],\"organization\":null,\"status\":\"planned\"}";
        const char *g20 = "{\"countries\":[],\"organization\":\"G20\",\"status\":\"held\"}";
        expect(NULL, NULL, xi, 1); /* no rule: everything */
        expect(NULL, NULL, g20, 1);
        expect("alerts.countries=USA, rus", NULL, xi, 1);
        expect("alerts.countries=USA,IND", NULL, xi, 0);
        expect("alerts.countries=CHN", NULL, g20, 0);
        expect("alerts.organizations=NATO,G20", NULL, g20, 1);
        expect("alerts.organizations=NATO,G20", NULL, xi, 0);
        expect("alerts.statuses=planned", NULL, xi, 1);
        expect("alerts.statuses=planned", NULL, g20, 0);
        /* rules combine: every non-empty rule must pass */
        expect("alerts.countries=CHN", "alerts.statuses=held", xi, 0);
        expect("alerts.countries=CHN", "alerts.statuses=held,planned", xi, 1);
        /* a list item is a whole word, not a prefix */
        expect("alerts.organizations=G2", NULL, g20, 0);
}

int main(void) {
        const struct CMUnitTest tests[] = {cmocka_unit_test(test_rules)};
        return cmocka_run_group_tests(tests, NULL, NULL);
}
