/* test_record.c - the enriched record: code point offsets, the five lists,
 * numbers, and the pipeline's decode → extract → record on the seed shape. */
#include "nw_test.h"

#include <jansson.h>

#include "pipeline.h"
#include "record.h"

static void test_cpmap(void **st) {
        (void)st;
        nx_arena_t *a = nx_arena_new(0);
        /* 200 bytes mixing 1-, 2-, 3- and 4-byte code points */
        char text[512] = "";
        const char *pieces[] = {"a", "é", "€", "𝄞"};
        uint32_t cps[512];
        size_t bytes[512], n = 0, len = 0;
        for (int i = 0; len < 300; i++) {
                const char *p = pieces[i % 4];
                bytes[n] = len;
                cps[n] = (uint32_t)n;
                n++;
                strcat(text, p);
                len += strlen(p);
        }
        nw_cpmap_t m;
        assert_int_equal(nw_cpmap_init(&m, text, len, a), 0);
        for (size_t i = 0; i < n; i++)
                assert_int_equal(nw_cpmap_get(&m, bytes[i]), cps[i]);
        assert_int_equal(nw_cpmap_get(&m, len), n);
        nx_arena_destroy(a);
}

/* Code points before byte b, counted the naive way. */
static uint32_t naive_cps(const char *t, size_t b) {
        uint32_t n = 0;
        for (size_t i = 0; i < b; i++)
                n += ((unsigned char)t[i] & 0xC0) != 0x80;
        return n;
}

/* The map (ASCII fast path, checkpoints, counts eight bytes at a time)
 * against the naive count, at every byte offset of random texts: all ASCII,
 * and mixed 1- to 4-byte code points, of lengths 0 to 400 (partial words and
 * checkpoint edges). */
static void test_cpmap_random(void **st) {
        (void)st;
        nx_arena_t *a = nx_arena_new(0);
        const char *pieces[] = {"a", "Z", " ", ".", "é", "€", "’", "𝄞"};
        unsigned seed = 12345;
        char text[2048];
        for (int round = 0; round < 400; round++) {
                size_t want = (size_t)round, len = 0;
                int ascii = round % 3 == 0;
                while (len < want) {
                        seed = seed * 1103515245u + 12345u;
                        const char *p = pieces[(seed >> 16) % (ascii ? 4 : 8)];
                        size_t pl = strlen(p);
                        memcpy(text + len, p, pl);
                        len += pl;
                }
                text[len] = '\0';
                nw_cpmap_t m;
                assert_int_equal(nw_cpmap_init(&m, text, len, a), 0);
                if (ascii)
                        assert_null(m.every64);
                for (size_t b = 0; b <= len; b++)
                        if (b == len || ((unsigned char)text[b] & 0xC0) != 0x80)
                                assert_int_equal(nw_cpmap_get(&m, b), naive_cps(text, b));
                assert_int_equal(nw_cpmap_get(&m, len + 5), naive_cps(text, len));
                nx_arena_reset(a);
        }
        nx_arena_destroy(a);
}

/* A span's text is left out exactly when it is not valid UTF-8 on its own
 * (a span that starts or ends inside a code point), also when the article
 * text as a whole is not valid UTF-8 (the slow path). */
static void test_span_text_validity(void **st) {
        (void)st;
        const char *bodies[] = {"Déjà vu: €5 and 𝄞.", "ab\xC3(c d\xE2\x82\xAC e"};
        for (int bi = 0; bi < 2; bi++) {
                nx_arena_t *a = nx_arena_new(0);
                const char *body = bodies[bi];
                size_t bl = strlen(body);
                nw_article_t art = {.id = "x", .body = body, .body_len = bl};
                nx_result_t res;
                memset(&res, 0, sizeof(res));
                for (uint32_t s = 0; s < bl; s++)
                        for (uint32_t e = s + 1; e <= bl; e++) {
                                nx_timex_t *t = nx_vec_push(a, (void **)&res.dates, &res.n_dates,
                                                            &res.cap_dates, sizeof(*t));
                                t->start = s;
                                t->end = e;
                                t->value = "X";
                        }
                size_t len;
                char err[128];
                nw_cpmap_t cp;
                assert_int_equal(nw_cpmap_init(&cp, body, bl, a), 0);
                char *out = nw_record_json(&art, &res, &cp, NULL, "t", 0, &len, err, sizeof(err));
                assert_non_null(out);
                json_t *r = json_loads(out, 0, NULL);
                assert_non_null(r);
                json_t *dates = json_object_get(r, "dates");
                assert_int_equal(json_array_size(dates), res.n_dates);
                for (size_t k = 0; k < res.n_dates; k++) {
                        const nx_timex_t *t = &res.dates[k];
                        json_t *text = json_object_get(json_array_get(dates, k), "text");
                        int valid = nw_utf8_valid(body + t->start, t->end - t->start);
                        assert_int_equal(text != NULL, valid);
                        if (valid)
                                assert_int_equal(json_string_length(text), t->end - t->start);
                }
                json_decref(r);
                free(out);
                nx_arena_destroy(a);
        }
}

static void test_record_shape(void **st) {
        (void)st;
        nx_arena_t *a = nx_arena_new(0);
        const char *body = "Déjà vu: Putin met Xi on Friday.";
        nw_article_t art = {.id = "x1", .published = "2022-12-30", .published_from = "header",
                            .body = body, .body_len = strlen(body)};
        nx_result_t res;
        memset(&res, 0, sizeof(res));
        /* "Putin" is at bytes 11..16 but code points 9..14 */
        nx_actor_t *ac = nx_vec_push(a, (void **)&res.actors, &res.n_actors, &res.cap_actors, sizeof(*ac));
        ac->name = "Vladimir Putin";
        ac->type = NX_ACTOR_PERSON;
        strcpy(ac->country, "RUS");
        nx_mention_t *mm = nx_vec_push(a, (void **)&ac->mentions, &ac->n_mentions, &ac->cap_mentions, sizeof(*mm));
        mm->start = 11;
        mm->end = 16;
        nx_figure_t *f = nx_vec_push(a, (void **)&res.figures, &res.n_figures, &res.cap_figures, sizeof(*f));
        f->start = 0;
        f->end = 6;
        f->type = NX_FIG_CARDINAL;
        f->value = 1.5e10;
        nw_source_t src = {"articles.raw", 2, 99};
        size_t len;
        char err[128];
        nw_cpmap_t cp;
        assert_int_equal(nw_cpmap_init(&cp, body, strlen(body), a), 0);
        char *s = nw_record_json(&art, &res, &cp, &src, "newsworker test", 7, &len, err, sizeof(err));
        assert_non_null(s);
        json_error_t je;
        json_t *r = json_loads(s, 0, &je);
        assert_non_null(r);
        assert_string_equal(json_string_value(json_object_get(r, "schema")), "newsworker.enriched.v1");
        const char *lists[] = {"dates", "actors", "figures", "summits"};
        for (int i = 0; i < 4; i++)
                assert_true(json_is_array(json_object_get(r, lists[i])));
        json_t *m0 = json_array_get(json_object_get(json_array_get(json_object_get(r, "actors"), 0), "mentions"), 0);
        assert_int_equal(json_integer_value(json_object_get(m0, "start")), 9);
        assert_int_equal(json_integer_value(json_object_get(m0, "end")), 14);
        assert_string_equal(json_string_value(json_object_get(m0, "text")), "Putin");
        json_t *f0 = json_array_get(json_object_get(r, "figures"), 0);
        assert_true(json_is_integer(json_object_get(f0, "value")));
        assert_int_equal(json_integer_value(json_object_get(f0, "value")), 15000000000LL);
        assert_true(json_is_null(json_object_get(f0, "unit")));
        json_t *meta = json_object_get(r, "meta");
        assert_int_equal(json_integer_value(json_object_get(json_object_get(meta, "source"), "offset")), 99);
        json_decref(r);
        free(s);
        nx_arena_destroy(a);
}

static void test_pipeline(void **st) {
        (void)st;
        nw_config_t cfg;
        char err[256];
        assert_int_equal(nw_config_init(&cfg, err, sizeof(err)), 0);
        nx_engine_t *eng = nx_engine_new(&cfg.extract, err, sizeof(err));
        assert_non_null(eng);
        nw_pipeline_t *p = nw_pipeline_new(&cfg, eng, err, sizeof(err));
        assert_non_null(p);
        const char *msg = " date 2022-12-30 Hours after a bombardment, Vladimir Putin met Xi Jinping.";
        nw_article_meta_t meta = {.timestamp_ms = -1, .default_id = "seed-000"};
        nw_output_t out;
        assert_int_equal(nw_pipeline_process(p, msg, strlen(msg), &meta, NULL, &out, err, sizeof(err)), 0);
        assert_int_equal(out.error, NW_ART_OK);
        assert_string_equal(out.article_id, "seed-000");
        json_t *r = json_loads(out.record, 0, NULL);
        assert_non_null(r);
        json_t *art = json_object_get(r, "article");
        assert_string_equal(json_string_value(json_object_get(art, "text")),
                            "Hours after a bombardment, Vladimir Putin met Xi Jinping.");
        assert_string_equal(json_string_value(json_object_get(art, "published_from")), "header");
        json_decref(r);
        nw_output_clear(&out);
        /* a bad message is an outcome, not an error */
        assert_int_equal(nw_pipeline_process(p, "[1]", 3, &meta, NULL, &out, err, sizeof(err)), 0);
        assert_int_equal(out.error, NW_ART_JSON_NOT_OBJECT);
        assert_null(out.record);
        nw_output_clear(&out);
        nw_pipeline_destroy(p);
        nx_engine_destroy(eng);
        nw_config_destroy(&cfg);
}

/* One envelope whose body is "é " and n times "$1 ": not all ASCII (the record
 * needs a code point map), and token-dense (extraction takes some 220 arena
 * bytes per byte of text), so n moves the arena's use in small steps up to
 * its cap. Returns nw_pipeline_process()'s value. */
static int process_dense(nw_pipeline_t *p, size_t n, nw_output_t *out) {
        size_t cap = 64 + 3 * n;
        char *msg = malloc(cap), err[256];
        assert_non_null(msg);
        size_t o = (size_t)snprintf(msg, cap, "{\"id\":\"x\",\"published\":\"2020-01-01\",\"body\":\"\xC3\xA9 ");
        for (size_t k = 0; k < n; k++, o += 3)
                memcpy(msg + o, "$1 ", 3);
        memcpy(msg + o, "\"}", 2);
        nw_article_meta_t meta = {.timestamp_ms = -1, .default_id = "x"};
        int rc = nw_pipeline_process(p, msg, o + 2, &meta, NULL, out, err, sizeof(err));
        if (rc)
                print_message("n=%zu: nw_pipeline_process: %s\n", n, err);
        free(msg);
        return rc;
}

/* An article that fills the per-article arena to its cap is a dead letter
 * (too_large) or a record, whatever its size: never the internal error that
 * stops the worker (nw_pipeline_process() -1), as it was when extraction left
 * less room than the record's code point map needs (n = 51034..51074 here,
 * before the fix). Bisects n for the largest article whose extraction fits,
 * then tries the sizes just below it, which leave the least room. */
static void test_pipeline_arena_cap(void **st) {
        (void)st;
        nw_config_t cfg;
        char err[256];
        assert_int_equal(nw_config_init(&cfg, err, sizeof(err)), 0);
        cfg.max_article_bytes = 200000; /* an arena cap of 48 x 200000 + 16 MiB */
        nx_engine_t *eng = nx_engine_new(&cfg.extract, err, sizeof(err));
        assert_non_null(eng);
        nw_pipeline_t *p = nw_pipeline_new(&cfg, eng, err, sizeof(err));
        assert_non_null(p);
        nw_output_t out;
        size_t lo = 1000, hi = 66000; /* lo fits, hi does not */
        assert_int_equal(process_dense(p, lo, &out), 0);
        assert_int_equal(out.error, NW_ART_OK);
        nw_output_clear(&out);
        assert_int_equal(process_dense(p, hi, &out), 0);
        assert_int_equal(out.error, NW_ART_TOO_LARGE);
        nw_output_clear(&out);
        while (hi - lo > 1) {
                size_t mid = lo + (hi - lo) / 2;
                int rc = process_dense(p, mid, &out);
                if (rc == 0 && out.error == NW_ART_TOO_LARGE)
                        hi = mid;
                else
                        lo = mid;
                nw_output_clear(&out);
        }
        for (size_t n = lo > 48 ? lo - 48 : 0; n <= hi; n++) {
                assert_int_equal(process_dense(p, n, &out), 0);
                if (out.error != NW_ART_OK) {
                        assert_int_equal(out.error, NW_ART_TOO_LARGE);
                        assert_non_null(strstr(out.reason_msg, "memory budget"));
                        assert_null(out.record);
                }
                nw_output_clear(&out);
        }
        nw_pipeline_destroy(p);
        nx_engine_destroy(eng);
        nw_config_destroy(&cfg);
}

/* nw_iso_utc() against gmtime_r() + strftime() + ".%06ldZ": day and year
 * edges (leap days, 2000, 2100, the epoch, 9999), and pseudo-random seconds
 * over 1900-9999. */
static void iso_check(time_t sec, long usec) {
        char got[NW_ISO_UTC_SIZE], want[NW_ISO_UTC_SIZE];
        struct tm tm;
        assert_non_null(gmtime_r(&sec, &tm));
        size_t n = strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%S", &tm);
        snprintf(want + n, sizeof(want) - n, ".%06ldZ", usec);
        nw_iso_utc(got, sec, usec);
        if (strcmp(got, want))
                fail_msg("%lld.%06ld: %s, want %s", (long long)sec, usec, got, want);
}

static void test_iso_utc(void **st) {
        (void)st;
        static const long long edges[] = {
                0,           -1,          86399,       86400,       951782400 /* 2000-02-29 */,
                951868799,   951868800,   4107542400 /* 2100-03-01 */, 4107456000,
                1709164800 /* 2024-02-29 */, 1735689599, 1735689600, -2208988800 /* 1900 */,
                253402300799 /* 9999-12-31T23:59:59 */, 1767225600 - 1};
        for (size_t k = 0; k < sizeof(edges) / sizeof(*edges); k++)
                for (long long d = -2; d <= 2; d++)
                        iso_check((time_t)(edges[k] + d), (long)(k * 37 % 1000000));
        uint64_t x = 0x9E3779B97F4A7C15ULL;
        for (int k = 0; k < 200000; k++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                long long sec = -2208988800LL + (long long)(x % (253402300800ULL + 2208988800ULL));
                iso_check((time_t)sec, (long)(x >> 40) % 1000000);
        }
        iso_check(0, 999999);
}

/* record.c writes some strings with kv_ascii(), without kv_str()'s UTF-8
 * check and escape scan: that is the same output only while each is
 * printable ASCII with no '"' or '\\'. The type names of every value (and
 * out of range), the schema, and time stamps of the whole range are. */
static int plain_ascii(const char *s) {
        for (; *s; s++)
                if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F || *s == '"' || *s == '\\')
                        return 0;
        return 1;
}

static void test_known_ascii(void **st) {
        (void)st;
        for (int t = -1; t <= 8; t++) {
                assert_true(plain_ascii(nx_timex_type_name((nx_timex_type_t)t)));
                assert_true(plain_ascii(nx_actor_type_name((nx_actor_type_t)t)));
                assert_true(plain_ascii(nx_figure_type_name((nx_figure_type_t)t)));
        }
        assert_true(plain_ascii(NW_RECORD_SCHEMA)); /* the string record.c writes */
        static const long long secs[] = {-2208988800LL, -1, 0, 951782400, 1767225600, 253402300799LL,
                                         253402300800LL, 4102444800LL * 3};
        char buf[NW_ISO_UTC_SIZE];
        for (size_t k = 0; k < sizeof(secs) / sizeof(*secs); k++) {
                nw_iso_utc(buf, (time_t)secs[k], 999999);
                assert_true(plain_ascii(buf));
        }
}

/* String escaping (jw_string(): a span to the first byte to escape, one
 * copy when there is none) against jansson's json_dumps() of the same
 * string: random bodies of 0-120 bytes from plain runs, UTF-8, and every
 * byte JSON escapes, alone and in runs, at every position relative to the
 * sixteen- and eight-byte steps. */
static void test_escaping_vs_jansson(void **st) {
        (void)st;
        static const char *const pieces[] = {"a", "plain text ", "é", "€", "𝄞", "\"", "\\", "\t",
                                             "\n", "\r", "\b", "\f", "\x01", "\x1F", "/", "\x7F"};
        const size_t np = sizeof(pieces) / sizeof(pieces[0]);
        char body[200];
        unsigned seed = 3;
        nx_result_t res;
        memset(&res, 0, sizeof(res));
        for (int round = 0; round < 5000; round++) {
                size_t len = 0;
                seed = seed * 1103515245u + 12345u;
                size_t parts = (seed >> 16) % 40;
                for (size_t k = 0; k < parts && len < 120; k++) {
                        seed = seed * 1103515245u + 12345u;
                        unsigned r = (seed >> 16) % 100;
                        const char *pc = r < 50 ? pieces[r % 2] : pieces[r % np];
                        memcpy(body + len, pc, strlen(pc));
                        len += strlen(pc);
                }
                nx_arena_t *a = nx_arena_new(0);
                nw_article_t art = {.id = "x", .body = body, .body_len = len};
                size_t olen;
                char err[128];
                nw_cpmap_t cp;
                assert_int_equal(nw_cpmap_init(&cp, body, len, a), 0);
                char *out = nw_record_json(&art, &res, &cp, NULL, "t", 0, &olen, err, sizeof(err));
                assert_non_null(out);
                json_t *js = json_stringn(body, len);
                assert_non_null(js);
                char *dumped = json_dumps(js, JSON_ENCODE_ANY);
                assert_non_null(dumped);
                char want[512];
                snprintf(want, sizeof(want), "\"text\":%s", dumped);
                if (!strstr(out, want))
                        fail_msg("round %d: %s not in %s", round, want, out);
                free(dumped);
                json_decref(js);
                free(out);
                nx_arena_destroy(a);
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {cmocka_unit_test(test_cpmap), cmocka_unit_test(test_cpmap_random),
                                           cmocka_unit_test(test_span_text_validity), cmocka_unit_test(test_record_shape),
                                           cmocka_unit_test(test_pipeline), cmocka_unit_test(test_pipeline_arena_cap),
                                           cmocka_unit_test(test_iso_utc),
                                           cmocka_unit_test(test_escaping_vs_jansson),
                                           cmocka_unit_test(test_known_ascii)};
        return cmocka_run_group_tests(tests, NULL, NULL);
}
