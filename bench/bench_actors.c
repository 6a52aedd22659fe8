/*
 * bench_actors.c - throughput of the actors extractor alone.
 *
 *   bench_actors [FILE.jsonl] [--repeat N]
 *       Loads articles (one JSON object a line with "text" or "body"; default
 *       ../shared/data/corpus/current-events.jsonl next to NW_SOURCE_DIR or
 *       the working directory). For each article and each of N rounds
 *       (default 5) it tokenizes and runs the dates extractor (actors need
 *       date spans, as in nx_extract()), then times nx_actors_extract() alone.
 *       Prints MB/s of article text per CPU second (thread CPU time, so the
 *       figure holds on a loaded machine) for actors alone
 *       and for tokenize+actors, and the actors/mentions found per round.
 *
 * Runs the extractor through the internal interface (actors.h) on a tokenized
 * nx_doc_t, exactly as nx_extract() does. Exit status 0, or 1 on a bad file.
 */
#include "actors.h"
#include "dates.h"
#include "text.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void) {
        struct timespec ts;
        /* CPU time of this thread: "MB/s on one core", robust to other load */
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
        const char *path = NULL;
        int repeat = 5;
        for (int i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
                        repeat = atoi(argv[++i]);
                else
                        path = argv[i];
        }
        char def[4096];
        if (!path) {
#ifdef NW_SOURCE_DIR
                snprintf(def, sizeof(def), "%s/../shared/data/corpus/current-events.jsonl", NW_SOURCE_DIR);
#else
                snprintf(def, sizeof(def), "../shared/data/corpus/current-events.jsonl");
#endif
                path = def;
        }
        FILE *f = fopen(path, "r");
        if (!f) {
                fprintf(stderr, "bench_actors: cannot open %s\n", path);
                return 1;
        }
        char **texts = NULL;
        size_t n = 0, cap = 0, bytes = 0;
        char *line = NULL;
        size_t lcap = 0;
        while (getline(&line, &lcap, f) > 0) {
                json_error_t je;
                json_t *j = json_loads(line, 0, &je);
                if (!j)
                        continue;
                const char *t = json_string_value(json_object_get(j, "text"));
                if (!t)
                        t = json_string_value(json_object_get(j, "body"));
                if (t) {
                        if (n == cap) {
                                cap = cap ? cap * 2 : 1024;
                                texts = realloc(texts, cap * sizeof(*texts));
                                if (!texts)
                                        return 1;
                        }
                        texts[n++] = strdup(t);
                        bytes += strlen(t);
                }
                json_decref(j);
        }
        free(line);
        fclose(f);
        char err[256];
        nx_options_t o;
        nx_options_init(&o);
        nx_engine_t *eng = nx_engine_new(&o, err, sizeof(err));
        if (!eng) {
                fprintf(stderr, "bench_actors: %s\n", err);
                return 1;
        }
        nx_arena_t *ar = nx_arena_new(0);
        double t_act = 0, t_tok = 0;
        size_t actors = 0, mentions = 0;
        for (int r = 0; r < repeat; r++) {
                for (size_t i = 0; i < n; i++) {
                        nx_doc_t doc;
                        nx_result_t res;
                        memset(&doc, 0, sizeof(doc));
                        memset(&res, 0, sizeof(res));
                        nx_arena_reset(ar);
                        doc.eng = eng;
                        doc.text = texts[i];
                        doc.len = strlen(texts[i]);
                        doc.arena = ar;
                        doc.dct.hour = doc.dct.minute = -1;
                        double t0 = now_s();
                        if (nx_text_tokenize(&doc))
                                return 1;
                        double t1 = now_s();
                        if (nx_dates_extract(&doc, &res))
                                return 1;
                        double t2 = now_s();
                        if (nx_actors_extract(&doc, &res))
                                return 1;
                        double t3 = now_s();
                        t_tok += t1 - t0;
                        t_act += t3 - t2;
                        if (r == 0) {
                                actors += res.n_actors;
                                for (size_t k = 0; k < res.n_actors; k++)
                                        mentions += res.actors[k].n_mentions;
                        }
                }
        }
        double mb = (double)bytes * repeat / 1e6;
        printf("bench_actors: %zu articles, %.2f MB x %d rounds\n", n, bytes / 1e6, repeat);
        printf("actors alone:     %.1f MB/s\n", mb / t_act);
        printf("tokenize+actors:  %.1f MB/s\n", mb / (t_act + t_tok));
        printf("found per round:  %zu actors, %zu mentions\n", actors, mentions);
        for (size_t i = 0; i < n; i++)
                free(texts[i]);
        free(texts);
        nx_arena_destroy(ar);
        nx_engine_destroy(eng);
        return 0;
}
