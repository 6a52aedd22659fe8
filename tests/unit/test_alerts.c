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

static void test_payloads(void **st) {
        (void)st;
        nw_config_t cfg;
        char err[256];
        assert_int_equal(nw_config_init(&cfg, err, sizeof(err)), 0);
        assert_int_equal(nw_config_set_x(&cfg, "webhook.slack.url=https://hooks.example/x", err, sizeof(err)), 0);
        assert_int_equal(nw_config_set_x(&cfg, "webhook.slack.format=slack", err, sizeof(err)), 0);
        assert_int_equal(nw_config_validate(&cfg, err, sizeof(err)), 0);
        assert_int_equal(cfg.n_endpoints, 2);
        json_t *alert = json_loads("{\"type\":\"summit.new\",\"key\":\"chn-rus-2023-sp\","
                                   "\"summit\":{\"name\":\"Xi Jinping state visit to Moscow\","
                                   "\"participants\":[\"Xi Jinping\",\"Vladimir Putin\"],"
                                   "\"date\":\"2023-SP\",\"location\":\"Moscow\"},"
                                   "\"article\":{\"title\":\"Putin and Xi\",\"url\":\"https://n.example/1\"}}",
                                   0, NULL);
        assert_non_null(alert);
        size_t len;
        /* json: the alert itself */
        char *j = nw_dispatcher_payload(&cfg.endpoints[0], alert, &len);
        json_t *back = json_loads(j, 0, NULL);
        assert_true(json_equal(back, alert));
        json_decref(back);
        free(j);
        /* slack: {"text": ...} naming the summit, its people, date, place and article */
        char *sl = nw_dispatcher_payload(&cfg.endpoints[1], alert, &len);
        json_t *o = json_loads(sl, 0, NULL);
        assert_int_equal(json_object_size(o), 1);
        const char *text = json_string_value(json_object_get(o, "text"));
        assert_non_null(text);
        assert_string_equal(text, "New summit: Xi Jinping state visit to Moscow (Xi Jinping, Vladimir Putin), "
                                  "2023-SP, Moscow \xe2\x80\x94 Putin and Xi https://n.example/1");
        json_decref(o);
        free(sl);
        json_decref(alert);
        nw_config_destroy(&cfg);
}

int main(void) {
        const struct CMUnitTest tests[] = {cmocka_unit_test(test_rules), cmocka_unit_test(test_payloads)};
        return cmocka_run_group_tests(tests, NULL, NULL);
}
