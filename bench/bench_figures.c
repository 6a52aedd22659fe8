/*
 * bench_figures.c - throughput of the figures extractor alone.
 *
 *   bench_figures [FILE.jsonl] [--repeat N] [--dump]
 *       Loads articles (one JSON object a line with "text" or "body"; default
 *       ../shared/data/corpus/current-events.jsonl relative to NW_SOURCE_DIR
 *       or the working directory), tokenizes each once, then times
 *       nx_figures_extract() alone over all of them N times (default 5) and
 *       prints MB/s of article text on one core, plus the figures found per
 *       type. --dump prints every figure (id, type, text, value, unit).
 *
 * Runs the extractor through its internal interface (figures.h) on a
 * tokenized nx_doc_t with an empty result (no date spans), as nx_extract()
 * would with the dates extractor off. Exit status 0, or 1 on a bad file.
 */
#include "figures.h"
#include "text.h"
#include "bench_corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv) {
        const char *path = NULL;
        int repeat = 5, dump = 0;
        for (int i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
                        repeat = atoi(argv[++i]);
                else if (!strcmp(argv[i], "--dump"))
                        dump = 1;
                else
                        path = argv[i];
        }
        char def[1024];
        if (!path) {
#ifdef NW_SOURCE_DIR
                snprintf(def, sizeof(def), "%s/../shared/data/corpus/current-events.jsonl", NW_SOURCE_DIR);
#else
                snprintf(def, sizeof(def), "../shared/data/corpus/current-events.jsonl");
#endif
                path = def;
        }
        size_t n = 0;
        art_t *arts = load(path, &n);
        if (!arts || !n) {
                fprintf(stderr, "bench_figures: cannot read articles from %s\n", path);
                return 1;
        }
        nx_options_t opts;
        nx_options_init(&opts);
        opts.dates = opts.actors = opts.summits = 0;
        char err[256];
        nx_engine_t *eng = nx_engine_new(&opts, err, sizeof(err));
        if (!eng) {
                fprintf(stderr, "bench_figures: %s\n", err);
                return 1;
        }
        /* tokenize once, all articles in one arena (the extractor's few
         * allocations per run go there too) */
        nx_doc_t *docs = calloc(n, sizeof(*docs));
        nx_arena_t *arena = nx_arena_new(1 << 20);
        if (!docs || !arena) {
                fprintf(stderr, "bench_figures: out of memory\n");
                return 1;
        }
        size_t bytes = 0;
        for (size_t i = 0; i < n; i++) {
                docs[i].eng = eng;
                docs[i].text = arts[i].text;
                docs[i].len = arts[i].len;
                docs[i].arena = arena;
                docs[i].dct.hour = docs[i].dct.minute = -1;
                if (nx_text_tokenize(&docs[i])) {
                        fprintf(stderr, "bench_figures: tokenizer out of memory\n");
                        return 1;
                }
                bytes += arts[i].len;
        }
        size_t counts[4] = {0};
        double best = 1e30;
        for (int r = 0; r < repeat; r++) {
                double t0 = now_s();
                for (size_t i = 0; i < n; i++) {
                        nx_result_t res;
                        memset(&res, 0, sizeof(res));
                        if (nx_figures_extract(&docs[i], &res)) {
                                fprintf(stderr, "bench_figures: out of memory\n");
                                return 1;
                        }
                        if (r == 0)
                                for (size_t k = 0; k < res.n_figures; k++) {
                                        const nx_figure_t *f = &res.figures[k];
                                        counts[f->type]++;
                                        if (dump)
                                                printf("%s\t%s\t%.*s\t%.10g\t%s\n", arts[i].id,
                                                       nx_figure_type_name(f->type),
                                                       (int)(f->end - f->start), arts[i].text + f->start,
                                                       f->value, f->unit ? f->unit : "");
                                }
                }
                double dt = now_s() - t0;
                if (dt < best)
                        best = dt;
        }
        printf("bench_figures: %zu articles, %.2f MB, best of %d: %.4f s, %.1f MB/s "
               "(figures extractor alone, one core)\n",
               n, bytes / 1e6, repeat, best, bytes / 1e6 / best);
        printf("bench_figures: MONEY %zu, PERCENT %zu, QUANTITY %zu, CARDINAL %zu\n", counts[0],
               counts[1], counts[2], counts[3]);
        nx_arena_destroy(arena);
        free(docs);
        free_arts(arts, n);
        nx_engine_destroy(eng);
        return 0;
}
