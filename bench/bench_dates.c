/*
 * bench_dates.c - throughput of the dates extractor alone, and a dev driver.
 *
 *   bench_dates [FILE.jsonl] [--repeat N]
 *       Loads articles (one JSON object a line with "text" or "body" and
 *       "published" or "dct"; default ../shared/data/corpus/current-events.jsonl
 *       relative to NW_SOURCE_DIR or the working directory). N times (default
 *       5) over all of them, as the worker does per article: resets one arena,
 *       tokenizes, runs nx_dates_extract(); times the two apart and prints the
 *       best pass in MB/s of article text on one core, for the tagger alone
 *       and with tokenization included.
 *   bench_dates FILE.jsonl --records
 *       Prints one record per article ({"article": {"id", "text"}, "dates": [...]},
 *       offsets in code points as ../shared/docs/record.md says) for score.py,
 *       so the tagger can be scored without the worker.
 *
 * Runs the extractor through the internal interface (dates.h) on a tokenized
 * nx_doc_t, exactly as nx_extract() does. Exit status 0, or 1 on a bad file.
 */
#include "dates.h"
#include "text.h"
#include "bench_corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static size_t cp_of(const char *s, size_t byte) {
        size_t cp = 0;
        for (size_t i = 0; i < byte; i++)
                if (((unsigned char)s[i] & 0xC0) != 0x80)
                        cp++;
        return cp;
}

static void tokenize(nx_doc_t *doc, const nx_engine_t *eng, nx_arena_t *arena,
                     const art_t *a) {
        memset(doc, 0, sizeof *doc);
        doc->eng = eng;
        doc->text = a->text;
        doc->len = a->len;
        doc->arena = arena;
        doc->dct = a->dct;
        nx_text_tokenize(doc);
}

static int records(const nx_engine_t *eng, art_t *arts, size_t n) {
        nx_arena_t *arena = nx_arena_new(0);
        for (size_t k = 0; k < n; k++) {
                nx_arena_reset(arena);
                nx_doc_t doc;
                nx_result_t res;
                memset(&res, 0, sizeof res);
                tokenize(&doc, eng, arena, &arts[k]);
                nx_dates_extract(&doc, &res);
                json_t *rec = json_object();
                json_t *art = json_object();
                json_object_set_new(art, "id", json_string(arts[k].id));
                json_object_set_new(art, "text", json_string(arts[k].text));
                json_object_set_new(rec, "article", art);
                json_t *dates = json_array();
                for (size_t i = 0; i < res.n_dates; i++) {
                        const nx_timex_t *t = &res.dates[i];
                        json_t *d = json_object();
                        json_object_set_new(d, "text", json_stringn(arts[k].text + t->start, t->end - t->start));
                        json_object_set_new(d, "start", json_integer((json_int_t)cp_of(arts[k].text, t->start)));
                        json_object_set_new(d, "end", json_integer((json_int_t)cp_of(arts[k].text, t->end)));
                        json_object_set_new(d, "type", json_string(nx_timex_type_name(t->type)));
                        json_object_set_new(d, "value", json_string(t->value));
                        if (t->mod)
                                json_object_set_new(d, "mod", json_string(t->mod));
                        json_array_append_new(dates, d);
                }
                json_object_set_new(rec, "dates", dates);
                char *s = json_dumps(rec, JSON_COMPACT);
                puts(s);
                free(s);
                json_decref(rec);
        }
        nx_arena_destroy(arena);
        return 0;
}

int main(int argc, char **argv) {
        const char *path = NULL;
        int repeat = 5, recs = 0;
        for (int i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--records"))
                        recs = 1;
                else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
                        repeat = atoi(argv[++i]);
                else
                        path = argv[i];
        }
        char def[1024];
        if (!path) {
#ifdef NW_SOURCE_DIR
                snprintf(def, sizeof def, "%s/../shared/data/corpus/current-events.jsonl", NW_SOURCE_DIR);
#else
                snprintf(def, sizeof def, "../shared/data/corpus/current-events.jsonl");
#endif
                path = def;
        }
        size_t n;
        art_t *arts = load(path, &n);
        if (!arts) {
                fprintf(stderr, "bench_dates: cannot read %s\n", path);
                return 1;
        }
        char err[256];
        nx_options_t opts;
        nx_options_init(&opts);
        nx_engine_t *eng = nx_engine_new(&opts, err, sizeof err);
        if (!eng) {
                fprintf(stderr, "bench_dates: %s\n", err);
                return 1;
        }
        if (recs) {
                records(eng, arts, n);
                free_arts(arts, n);
                nx_engine_destroy(eng);
                return 0;
        }
        size_t bytes = 0;
        for (size_t k = 0; k < n; k++)
                bytes += arts[k].len;
        /* One arena reset per article, as the worker does: tokenize (timed
         * apart), then time nx_dates_extract() alone. */
        nx_arena_t *arena = nx_arena_new(0);
        size_t found = 0;
        double best = 1e9, best_tok = 1e9;
        for (int r = 0; r < repeat; r++) {
                double dt = 0, dtok = 0;
                for (size_t k = 0; k < n; k++) {
                        nx_doc_t doc;
                        nx_result_t res;
                        memset(&res, 0, sizeof res);
                        nx_arena_reset(arena);
                        double t0 = now_s();
                        tokenize(&doc, eng, arena, &arts[k]);
                        double t1 = now_s();
                        nx_dates_extract(&doc, &res);
                        double t2 = now_s();
                        dtok += t1 - t0;
                        dt += t2 - t1;
                        if (r == 0)
                                found += res.n_dates;
                }
                if (dt < best)
                        best = dt;
                if (dtok < best_tok)
                        best_tok = dtok;
        }
        double t_tok = best_tok;
        double mb = bytes / 1e6;
        printf("bench_dates: %zu articles, %.2f MB, %zu timexes\n", n, mb, found);
        printf("dates tagger alone:        %8.1f MB/s (best of %d)\n", mb / best, repeat);
        printf("tokenizer + dates tagger:  %8.1f MB/s\n", mb / (best + t_tok));
        nx_arena_destroy(arena);
        free_arts(arts, n);
        nx_engine_destroy(eng);
        return 0;
}
