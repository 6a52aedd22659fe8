/* test_envelope.c - the envelope fast path against jansson: whenever
 * nw_envelope_scan() accepts a message, jansson (with article.c's flags) must
 * accept it too with the very same top-level members; and it must decline
 * what it cannot be sure of, so that jansson decides (and words the error). */
#include "nw_test.h"

#include <jansson.h>

#include "envelope.h"

static const char *const names[NW_ENV_N_FIELDS] = {"body", "text", "id", "title",
                                                   "url", "source", "lang", "published"};

/* Checks scan against jansson on one message; returns what scan returned. */
static int differential(const char *msg, size_t len) {
        nx_arena_t *a = nx_arena_new(0);
        nw_env_value_t v[NW_ENV_N_FIELDS];
        int rc = nw_envelope_scan(msg, len, a, v);
        if (rc == 0) {
                json_error_t je;
                json_t *root = json_loadb(msg, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
                if (!root || !json_is_object(root))
                        fail_msg("scan accepted what jansson rejects: %.*s (%s)", (int)len, msg,
                                 root ? "not an object" : je.text);
                for (int k = 0; k < NW_ENV_N_FIELDS; k++) {
                        json_t *j = json_object_get(root, names[k]);
                        nw_env_type_t want = !j ? NW_ENV_ABSENT : json_is_null(j) ? NW_ENV_NULL
                                           : json_is_string(j) ? NW_ENV_STRING
                                           : json_is_integer(j) ? NW_ENV_INTEGER : NW_ENV_OTHER;
                        if (v[k].type != want)
                                fail_msg("%.*s: member %s: type %d, jansson %d", (int)len, msg,
                                         names[k], v[k].type, want);
                        if (want == NW_ENV_STRING &&
                            (v[k].len != json_string_length(j) ||
                             memcmp(v[k].s, json_string_value(j), v[k].len)))
                                fail_msg("%.*s: member %s: '%.*s', jansson '%s'", (int)len, msg,
                                         names[k], (int)v[k].len, v[k].s, json_string_value(j));
                        if (want == NW_ENV_INTEGER && v[k].i != json_integer_value(j))
                                fail_msg("%.*s: member %s: %lld, jansson %lld", (int)len, msg,
                                         names[k], v[k].i, (long long)json_integer_value(j));
                }
                json_decref(root);
        }
        nx_arena_destroy(a);
        return rc;
}

static int scan(const char *msg) { return differential(msg, strlen(msg)); }

static void test_accepts(void **st) {
        (void)st;
        const char *ok[] = {
                "{\"id\":\"a1\",\"published\":\"2024-01-02\",\"body\":\"Text.\"}",
                /* one element in two literals: parenthesized, so clang's
                 * -Wstring-concatenation sees the joining is meant */
                ("  {\"text\":\"t\",\"links\":[{\"start\":0,\"end\":7,\"wiki\":\"X\"},{\"start\":1}],"
                 "\"topics\":[\"a\",\"b\"],\"n\":-0.25,\"ok\":true,\"no\":false,\"z\":null} \r\n"),
                "{\"body\":\"tab\\there \\\"q\\\" back\\\\slash \\/ \\u00e9 \\ud83d\\ude00 \\u0000nul\"}",
                "{\"body\":\"x\",\"id\":123456789012345678}",
                "{\"body\":\"x\",\"id\":-0}",
                "{\"body\":\"x\",\"id\":1.5,\"title\":null}",
                "{\"body\":{\"text\":\"nested\"},\"text\":\"t\"}",
                "{}",
                "{ \"body\" : \"spaced\" , \"id\" : 7 }",
        };
        for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++)
                if (scan(ok[i]))
                        fail_msg("declined: %s", ok[i]);
}

static void test_declines(void **st) {
        (void)st;
        const char *no[] = {
                "{\"body\":\"x\",\"body\":\"y\"}",               /* duplicate */
                "{\"body\":\"x\",\"l\":[{\"a\":1,\"a\":2}]}",    /* nested duplicate */
                "{\"body\":\"x\",\"n\":1e5}",                    /* exponent */
                "{\"body\":\"x\",\"n\":1234567890123456789}",    /* 19 digits */
                "{\"body\":\"x\",\"n\":01}", "{\"body\":\"x\",\"n\":1.}", "{\"body\":\"x\",\"n\":-}",
                "{\"body\":\"x\\ud83d\"}", "{\"body\":\"x\\ude00\"}", "{\"body\":\"\\u12\"}",
                "{\"body\":\"\\q\"}", "{\"b\\u006fdy\":\"escaped key\"}",
                "{\"body\":\"x\"} trailing", "{\"body\":\"x\",}", "{\"body\":\"x\" \"a\":1}",
                "{\"body\":\"x\",\"n\":tru}", "[1]", "", "{\"body\":\"unterminated}",
                ("{\"body\":\"x\",\"d\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]"
                 "]]]]]]]]]]]]]]]]}"),                             /* deeper than 32 (one element) */
        };
        for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
                if (!scan(no[i]))
                        fail_msg("accepted: %s", no[i]);
}

/* Every corpus line, and every one-byte (ASCII) deletion in the first 400
 * bytes of the first lines: scan and jansson agree whenever scan accepts. */
static void test_corpus_and_mutations(void **st) {
        (void)st;
        FILE *f = fopen(NW_SOURCE_DIR "/../shared/data/corpus/wikinews.jsonl", "r");
        if (!f)
                skip();
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        int lines = 0, accepted = 0;
        while ((n = getline(&line, &cap, f)) > 0) {
                accepted += differential(line, (size_t)n) == 0;
                if (lines++ < 3) {
                        char *m = malloc((size_t)n);
                        for (ssize_t k = 0; k < n && k < 400; k++) {
                                if ((unsigned char)line[k] >= 0x80)
                                        continue; /* scan expects valid UTF-8 */
                                memcpy(m, line, (size_t)k);
                                memcpy(m + k, line + k + 1, (size_t)(n - k - 1));
                                differential(m, (size_t)(n - 1));
                        }
                        free(m);
                }
        }
        free(line);
        fclose(f);
        assert_int_equal(accepted, lines); /* the fast path takes all of them */
}

/* Random envelopes: keys and string values with and without escapes (and,
 * in some, a raw control byte or an unterminated string), numbers, nested
 * arrays, and every kind of white space between the tokens (none, one space
 * as most encoders write, runs, tabs, newlines). Each is checked against
 * jansson; each well-formed one must be taken by the fast path. */
static void test_strings_and_spaces(void **st) {
        (void)st;
        static const char *const ws[] = {"", " ", " ", "  ", "\n", "\t ", " \r\n ", "\n\n"};
        static const char *const bits[] = {"a", "Zq", " ", "é", "\\\"", "\\\\", "\\n", "\\u00e9",
                                           "\\ud83d\\ude00", "\\/", "x y", "\\t"};
        static const char *const keys[] = {"body", "text", "id", "title", "url", "source", "lang",
                                           "published", "links", "k1", "k2", "k3"};
        unsigned seed = 31337;
#define RND(n) (seed = seed * 1103515245u + 12345u, (seed >> 16) % (n))
        char msg[4096];
        int well_formed = 0, accepted = 0;
        for (int round = 0; round < 4000; round++) {
                size_t o = 0;
                int bad = 0;
#define PUT(str) do { const char *s_ = (str); size_t l_ = strlen(s_); memcpy(msg + o, s_, l_); o += l_; } while (0)
                PUT(ws[RND(8)]);
                PUT("{");
                size_t nk = RND(8);
                unsigned used = 0;
                for (size_t k = 0; k < nk; k++) {
                        unsigned key;
                        do
                                key = RND(12);
                        while (used & (1u << key));
                        used |= 1u << key;
                        if (k)
                                PUT(",");
                        PUT(ws[RND(8)]);
                        PUT("\"");
                        PUT(keys[key]);
                        PUT("\"");
                        PUT(ws[RND(8)]);
                        PUT(":");
                        PUT(ws[RND(8)]);
                        unsigned kind = RND(6);
                        if (kind == 0) {
                                PUT("12345");
                        } else if (kind == 1) {
                                PUT("[1,");
                                PUT(ws[RND(8)]);
                                PUT("\"x\"]");
                        } else {
                                PUT("\"");
                                for (size_t b = RND(12); b > 0; b--)
                                        PUT(bits[RND(12)]);
                                if (RND(40) == 0) {
                                        msg[o++] = '\x01'; /* a raw control byte */
                                        bad = 1;
                                }
                                if (RND(60) == 0) {
                                        bad = 1; /* unterminated: the message ends here */
                                        break;
                                }
                                PUT("\"");
                        }
                        PUT(ws[RND(8)]);
                }
                if (!bad)
                        PUT("}");
                PUT(ws[RND(8)]);
#undef PUT
                well_formed += !bad;
                int rc = differential(msg, o);
                accepted += rc == 0;
                if (!bad && rc != 0)
                        fail_msg("the fast path declined well-formed '%.*s'", (int)o, msg);
        }
#undef RND
        assert_int_equal(accepted, well_formed);
        assert_true(well_formed > 3000);
}

int main(void) {
        const struct CMUnitTest tests[] = {cmocka_unit_test(test_accepts),
                                           cmocka_unit_test(test_declines),
                                           cmocka_unit_test(test_corpus_and_mutations),
                                           cmocka_unit_test(test_strings_and_spaces)};
        return cmocka_run_group_tests(tests, NULL, NULL);
}
