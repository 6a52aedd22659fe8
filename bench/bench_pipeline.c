/*
 * bench_pipeline.c - throughput of the whole per-article pipeline on one core,
 * per stage, with allocations per article and the process's peak RSS.
 *
 *   bench_pipeline [N] [--repeat R] [FILE.jsonl ...]
 *       Loads the first N messages (default: all; N also from the environment
 *       variable NW_BENCH_ARTICLES, as tests/run_all.sh sets it) of the given
 *       JSONL files (default ../shared/data/corpus/current-events.jsonl and
 *       wikinews.jsonl), one message a line exactly as the worker receives it
 *       from Kafka, and runs them R times (default 5) through
 *
 *         whole:  nw_pipeline_process() with the default configuration
 *                 (decode, the four extractors, the record and the summit
 *                 events), as `newsworker extract` and the Kafka worker do;
 *         stages: the same work split apart and timed per stage: decode,
 *                 tokenize (text copy + tokens + sentences), dates, figures,
 *                 actors, summits, record (record + summit events).
 *
 *       Prints min/median/max over the R passes of MB/s (of message bytes and
 *       of article text bytes) and articles/s, then heap calls per article
 *       (malloc, calloc, realloc; strdup and jansson included) and VmHWM.
 *
 *   bench_pipeline [N] --dump OUT [FILE.jsonl ...]
 *       No timing: writes to OUT what the first whole-pipeline pass produced,
 *       one line per output: each record, then its summit events prefixed
 *       with "summit KEY\t", and "error NAME: REASON" for a dead letter. For
 *       checking that a speed-up leaves the output byte-identical (strip
 *       processed_at, detected_at and elapsed_us before comparing).
 *
 * It counts heap calls by defining malloc/calloc/realloc/free in this
 * executable: ELF interposition routes every caller (libc's strdup, jansson)
 * through them, and they forward to glibc's __libc_* entry points. Numbers
 * only: it never fails on a slow machine. Exit 0, or 1 on an unreadable file.
 */
#include "nx.h"
#include "pipeline.h"
#include "record.h"

#include "actors.h"
#include "dates.h"
#include "figures.h"
#include "summits.h"
#include "text.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- heap call counting --------------------------------------------------- */

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static atomic_ulong n_heap_calls;

void *malloc(size_t n) {
        atomic_fetch_add_explicit(&n_heap_calls, 1, memory_order_relaxed);
        return __libc_malloc(n);
}
void *calloc(size_t n, size_t k) {
        atomic_fetch_add_explicit(&n_heap_calls, 1, memory_order_relaxed);
        return __libc_calloc(n, k);
}
void *realloc(void *p, size_t n) {
        atomic_fetch_add_explicit(&n_heap_calls, 1, memory_order_relaxed);
        return __libc_realloc(p, n);
}
void free(void *p) { __libc_free(p); }

static unsigned long heap_calls(void) {
        return atomic_load_explicit(&n_heap_calls, memory_order_relaxed);
}

/* ---- input ---------------------------------------------------------------- */

typedef struct {
        char *payload;
        size_t len;
} msg_t;

typedef struct {
        msg_t *v;
        size_t n, cap, max;
        size_t bytes;
} corpus_t;

static int load(corpus_t *c, const char *path) {
        FILE *f = fopen(path, "r");
        if (!f)
                return -1;
        char *line = NULL;
        size_t lcap = 0;
        ssize_t n;
        while (c->n < c->max && (n = getline(&line, &lcap, f)) > 0) {
                while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                        n--;
                if (n == 0)
                        continue;
                if (c->n == c->cap) {
                        c->cap = c->cap ? c->cap * 2 : 1024;
                        c->v = realloc(c->v, c->cap * sizeof(*c->v));
                }
                c->v[c->n].payload = strndup(line, (size_t)n);
                c->v[c->n].len = (size_t)n;
                c->bytes += (size_t)n;
                c->n++;
        }
        free(line);
        fclose(f);
        return 0;
}

static double now_s(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
        double x = *(const double *)a, y = *(const double *)b;
        return x < y ? -1 : x > y;
}

/* min, median, max of v[0..n) (sorted in place) */
static void stats(double *v, int n, double *mn, double *med, double *mx) {
        qsort(v, (size_t)n, sizeof(*v), cmp_double);
        *mn = v[0];
        *mx = v[n - 1];
        *med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static long status_kb(const char *field) {
        FILE *f = fopen("/proc/self/status", "r");
        if (!f)
                return -1;
        char line[256];
        long kb = -1;
        size_t fl = strlen(field);
        while (fgets(line, sizeof(line), f))
                if (!strncmp(line, field, fl) && line[fl] == ':')
                        kb = atol(line + fl + 1);
        fclose(f);
        return kb;
}

/* ---- the stages, as nw_pipeline_process() and nx_extract() run them ------- */

enum { S_DECODE, S_TOKENIZE, S_DATES, S_FIGURES, S_ACTORS, S_SUMMITS, S_RECORD, N_STAGES };
static const char *const stage_name[N_STAGES] = {"decode", "tokenize", "dates", "figures",
                                                 "actors", "summits", "record"};

/* One article split into stages; adds each stage's seconds to t[].
 * Returns 1 when the article was decoded, 0 when it is not one. */
static int run_stages(const nx_engine_t *eng, nx_arena_t *arena, const msg_t *m,
                      size_t max_bytes, double *t, size_t *text_bytes) {
        char err[256];
        nx_arena_reset(arena);
        nw_article_meta_t meta = {.timestamp_ms = -1};
        nw_article_t art;
        double t0 = now_s();
        if (nw_article_decode(m->payload, m->len, &meta, max_bytes, arena, &art, err,
                              sizeof(err)) != NW_ART_OK)
                return 0;
        double t1 = now_s();
        nx_doc_t doc;
        nx_result_t res;
        memset(&doc, 0, sizeof(doc));
        memset(&res, 0, sizeof(res));
        doc.eng = eng;
        doc.text = nx_arena_strndup(arena, art.body, art.body_len);
        doc.len = art.body_len;
        doc.arena = arena;
        doc.dct = art.dct;
        nx_text_tokenize(&doc);
        double t2 = now_s();
        nx_dates_extract(&doc, &res);
        double t3 = now_s();
        nx_figures_extract(&doc, &res);
        double t4 = now_s();
        nx_actors_extract(&doc, &res);
        double t5 = now_s();
        nx_summits_extract(&doc, &res);
        double t6 = now_s();
        size_t len;
        nw_cpmap_t cp;
        if (nw_cpmap_init(&cp, art.body, art.body_len, arena))
                return 0; /* out of memory: the bench's arena has no cap */
        char *rec = nw_record_json(&art, &res, &cp, NULL, "newsworker bench", 0, &len, err,
                                   sizeof(err));
        free(rec);
        for (size_t i = 0; i < res.n_summits; i++) {
                if (!res.summits[i].key)
                        continue;
                free(nw_summit_event_json(&art, &res, &cp, i, &len));
        }
        double t7 = now_s();
        t[S_DECODE] += t1 - t0;
        t[S_TOKENIZE] += t2 - t1;
        t[S_DATES] += t3 - t2;
        t[S_FIGURES] += t4 - t3;
        t[S_ACTORS] += t5 - t4;
        t[S_SUMMITS] += t6 - t5;
        t[S_RECORD] += t7 - t6;
        *text_bytes += art.body_len;
        return 1;
}

#define MAX_REPEAT 100

int main(int argc, char **argv) {
        size_t max = (size_t)-1;
        int repeat = 5;
        const char *files[16];
        const char *dump = NULL;
        int n_files = 0;
        const char *env = getenv("NW_BENCH_ARTICLES");
        if (env && atol(env) > 0)
                max = (size_t)atol(env);
        for (int i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
                        repeat = atoi(argv[++i]);
                else if (!strcmp(argv[i], "--dump") && i + 1 < argc)
                        dump = argv[++i];
                else if (argv[i][0] >= '0' && argv[i][0] <= '9')
                        max = (size_t)atol(argv[i]);
                else if (n_files < 16)
                        files[n_files++] = argv[i];
        }
        if (repeat < 1)
                repeat = 1;
        if (repeat > MAX_REPEAT)
                repeat = MAX_REPEAT;
        if (n_files == 0) {
                files[n_files++] = NW_SHARED_DIR "/data/corpus/current-events.jsonl";
                files[n_files++] = NW_SHARED_DIR "/data/corpus/wikinews.jsonl";
        }
        corpus_t c = {.max = max};
        for (int i = 0; i < n_files; i++)
                if (load(&c, files[i])) {
                        fprintf(stderr, "bench_pipeline: cannot read %s\n", files[i]);
                        return 1;
                }
        if (c.n == 0) {
                fprintf(stderr, "bench_pipeline: no messages\n");
                return 1;
        }

        char err[512];
        nw_config_t cfg;
        if (nw_config_init(&cfg, err, sizeof(err))) {
                fprintf(stderr, "bench_pipeline: %s\n", err);
                return 1;
        }
        nx_engine_t *eng = nx_engine_new(&cfg.extract, err, sizeof(err));
        nw_pipeline_t *p = eng ? nw_pipeline_new(&cfg, eng, err, sizeof(err)) : NULL;
        if (!p) {
                fprintf(stderr, "bench_pipeline: %s\n", err);
                return 1;
        }

        if (dump) {
                FILE *f = fopen(dump, "w");
                if (!f) {
                        fprintf(stderr, "bench_pipeline: cannot write %s\n", dump);
                        return 1;
                }
                for (size_t k = 0; k < c.n; k++) {
                        nw_output_t out;
                        nw_article_meta_t meta = {.timestamp_ms = -1};
                        if (nw_pipeline_process(p, c.v[k].payload, c.v[k].len, &meta, NULL, &out,
                                                err, sizeof(err))) {
                                fprintf(f, "failed %s\n", err);
                                continue;
                        }
                        if (out.error != NW_ART_OK)
                                fprintf(f, "error %s: %s\n", nw_article_error_name(out.error),
                                        out.reason_msg);
                        else
                                fprintf(f, "%.*s\n", (int)out.record_len, out.record);
                        for (size_t i = 0; i < out.n_summits; i++)
                                fprintf(f, "summit %s\t%.*s\n", out.summits[i].key,
                                        (int)out.summits[i].value_len, out.summits[i].value);
                        nw_output_clear(&out);
                }
                fclose(f);
                goto out;
        }

        /* ---- whole pipeline ---- */
        double secs[MAX_REPEAT];
        size_t text_bytes = 0, ok = 0, out_bytes = 0;
        unsigned long calls = 0;
        for (int r = 0; r < repeat; r++) {
                unsigned long c0 = heap_calls();
                double t0 = now_s();
                for (size_t k = 0; k < c.n; k++) {
                        nw_output_t out;
                        nw_article_meta_t meta = {.timestamp_ms = -1};
                        if (nw_pipeline_process(p, c.v[k].payload, c.v[k].len, &meta, NULL, &out,
                                                err, sizeof(err)) == 0 &&
                            out.error == NW_ART_OK && r == 0) {
                                ok++;
                                out_bytes += out.record_len;
                        }
                        nw_output_clear(&out);
                }
                secs[r] = now_s() - t0;
                if (r == 0)
                        calls = heap_calls() - c0;
        }
        long hwm_whole = status_kb("VmHWM");

        /* ---- per stage ---- */
        nx_arena_t *arena = nx_arena_new(256 * 1024);
        double st[N_STAGES][MAX_REPEAT];
        for (int r = 0; r < repeat; r++) {
                double t[N_STAGES] = {0};
                size_t tb = 0;
                for (size_t k = 0; k < c.n; k++)
                        run_stages(eng, arena, &c.v[k], (size_t)cfg.max_article_bytes, t, &tb);
                for (int s = 0; s < N_STAGES; s++)
                        st[s][r] = t[s];
                text_bytes = tb;
        }

        double mn, med, mx;
        double mb = c.bytes / 1e6, tmb = text_bytes / 1e6;
        printf("bench_pipeline: %zu messages (%zu articles), %.2f MB of messages, "
               "%.2f MB of article text, %.2f MB of records out; %d passes\n",
               c.n, ok, mb, tmb, out_bytes / 1e6, repeat);
        stats(secs, repeat, &mn, &med, &mx);
        printf("whole pipeline (1 core)   min/median/max\n");
        printf("  message MB/s           %8.1f %8.1f %8.1f\n", mb / mx, mb / med, mb / mn);
        printf("  text MB/s              %8.1f %8.1f %8.1f\n", tmb / mx, tmb / med, tmb / mn);
        printf("  articles/s             %8.0f %8.0f %8.0f\n", c.n / mx, c.n / med, c.n / mn);
        printf("  us/article             %8.1f %8.1f %8.1f\n", mn * 1e6 / c.n, med * 1e6 / c.n,
               mx * 1e6 / c.n);
        printf("per stage, text MB/s (share of the median total)\n");
        double total_med = 0, med_s[N_STAGES];
        for (int s = 0; s < N_STAGES; s++) {
                stats(st[s], repeat, &mn, &med, &mx);
                med_s[s] = med;
                total_med += med;
        }
        for (int s = 0; s < N_STAGES; s++) {
                stats(st[s], repeat, &mn, &med, &mx);
                printf("  %-10s %8.1f %8.1f %8.1f   %5.1f%%\n", stage_name[s],
                       mx > 0 ? tmb / mx : 0, med > 0 ? tmb / med : 0, mn > 0 ? tmb / mn : 0,
                       100 * med_s[s] / total_med);
        }
        printf("heap calls per message (whole pipeline): %.1f\n", (double)calls / c.n);
        printf("VmHWM after the whole-pipeline passes: %ld kB; VmRSS now: %ld kB\n", hwm_whole,
               status_kb("VmRSS"));

        nx_arena_destroy(arena);
out:
        nw_pipeline_destroy(p);
        nx_engine_destroy(eng);
        nw_config_destroy(&cfg);
        for (size_t k = 0; k < c.n; k++)
                free(c.v[k].payload);
        free(c.v);
        return 0;
}
