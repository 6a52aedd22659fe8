/*
 * bench_summits.c - throughput of the extraction engine with the summits
 * extractor, and of the summits extractor alone.
 *
 *   bench_summits [FILE.jsonl] [--repeat N]
 *
 * Loads articles (one JSON object a line with "text" or "body" and
 * "published" or "dct"; default ../shared/data/corpus/current-events.jsonl
 * under NW_SHARED_DIR), then prints, on one core:
 *   - nx_extract() (tokenizer, dates, figures, actors, summits) in MB/s of
 *     article text, N passes (default 5): summits depend on the others, so
 *     this is the rate a worker sees;
 *   - nx_summits_extract() alone in MB/s: per article, the other extractors
 *     run untimed (an engine with summits off), the text is tokenized again,
 *     and only the summits pass is timed;
 *   - how many summits were found, and the number of distinct keys.
 * Exit status 0, or 1 when the file cannot be read or the engine not built.
 */
#include "summits.h"
#include "text.h"
#include "bench_corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef NW_SHARED_DIR
#define NW_SHARED_DIR "../shared"
#endif

static int cmp_str(const void *a, const void *b) {
        return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
        const char *path = NW_SHARED_DIR "/data/corpus/current-events.jsonl";
        int repeat = 5;
        for (int i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
                        repeat = atoi(argv[++i]);
                else
                        path = argv[i];
        }
        size_t n = 0;
        art_t *arts = load(path, &n);
        if (!arts || !n) {
                fprintf(stderr, "bench_summits: cannot read articles from %s\n", path);
                return 1;
        }
        size_t bytes = 0;
        for (size_t k = 0; k < n; k++)
                bytes += arts[k].len;

        char err[256];
        nx_engine_t *eng = nx_engine_new(NULL, err, sizeof err);
        nx_options_t opts;
        nx_options_init(&opts);
        opts.summits = 0;
        nx_engine_t *eng_pre = nx_engine_new(&opts, err, sizeof err);
        nx_arena_t *arena = nx_arena_new(0);
        if (!eng || !eng_pre || !arena) {
                fprintf(stderr, "bench_summits: %s\n", err);
                return 1;
        }

        /* 1. the whole pipeline */
        size_t found = 0;
        double t0 = now_s();
        for (int r = 0; r < repeat; r++)
                for (size_t k = 0; k < n; k++) {
                        nx_arena_reset(arena);
                        nx_result_t res;
                        if (nx_extract(eng, arts[k].text, arts[k].len, &arts[k].dct, arena, &res, err,
                                       sizeof err) == 0 &&
                            r == 0)
                                found += res.n_summits;
                }
        double full = now_s() - t0;

        /* 2. the summits pass alone, with keys collected once */
        double only = 0;
        char **keys = calloc(found + 1, sizeof *keys);
        size_t nkeys = 0;
        for (int r = 0; r < repeat; r++)
                for (size_t k = 0; k < n; k++) {
                        nx_arena_reset(arena);
                        nx_result_t res;
                        if (nx_extract(eng_pre, arts[k].text, arts[k].len, &arts[k].dct, arena, &res, err,
                                       sizeof err))
                                continue;
                        nx_doc_t doc;
                        memset(&doc, 0, sizeof doc);
                        doc.eng = eng;
                        doc.text = arts[k].text;
                        doc.len = arts[k].len;
                        doc.arena = arena;
                        doc.dct = arts[k].dct;
                        if (nx_text_tokenize(&doc))
                                continue;
                        double a = now_s();
                        int rc = nx_summits_extract(&doc, &res);
                        only += now_s() - a;
                        if (rc == 0 && r == 0)
                                for (size_t i = 0; i < res.n_summits && nkeys < found; i++)
                                        if (res.summits[i].key)
                                                keys[nkeys++] = strdup(res.summits[i].key);
                }
        qsort(keys, nkeys, sizeof *keys, cmp_str);
        size_t distinct = 0;
        for (size_t i = 0; i < nkeys; i++)
                distinct += i == 0 || strcmp(keys[i], keys[i - 1]) != 0;

        double mb = (double)bytes * repeat / 1e6;
        printf("bench_summits: %zu articles, %.2f MB, %d passes (%s)\n", n, (double)bytes / 1e6, repeat, path);
        printf("  nx_extract (all extractors): %8.2f MB/s  %7.1f us/article\n", mb / full,
               full * 1e6 / ((double)n * repeat));
        printf("  summits extractor alone:     %8.2f MB/s  %7.2f us/article\n", mb / only,
               only * 1e6 / ((double)n * repeat));
        printf("  summits found: %zu, distinct keys: %zu\n", found, distinct);

        for (size_t i = 0; i < nkeys; i++)
                free(keys[i]);
        free(keys);
        free_arts(arts, n);
        nx_arena_destroy(arena);
        nx_engine_destroy(eng_pre);
        nx_engine_destroy(eng);
        return 0;
}
