/*
 * fuzz_summits.c - libFuzzer target: nx_summits_extract() after the tokenizer and
 * the extractors it reads (dates, figures, actors),
 * on any valid UTF-8 (invalid input is what the article decoder rejects).
 * Every span must lie inside the text. fuzz_extract.c passes text without a NUL.
 */
#include "fuzz_common.h"
#include "actors.h"
#include "dates.h"
#include "figures.h"
#include "summits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        static nw_fuzz_stage_t *const stages[] = {nx_dates_extract, nx_figures_extract, nx_actors_extract, nx_summits_extract};
        return nw_fuzz_stages(data, size, stages, sizeof(stages) / sizeof(stages[0]));
}
