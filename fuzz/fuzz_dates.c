/*
 * fuzz_dates.c - libFuzzer target: nx_dates_extract() alone, after the tokenizer,
 * on any valid UTF-8 (invalid input is what the article decoder rejects).
 * Every span must lie inside the text. fuzz_extract.c passes text without a NUL.
 */
#include "fuzz_common.h"
#include "dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        nx_dct_t dct;
        size_t len;
        const char *text = nw_fuzz_split(data, size, &dct, &len);
        if (len > NW_FUZZ_MAX_BYTES || !nw_utf8_valid(text, len))
                return 0;
        /* the extractors' contract (text.h): a NUL after the text */
        char *copy = malloc(len + 1);
        if (!copy)
                return 0;
        memcpy(copy, text, len);
        copy[len] = '\0';
        nx_doc_t doc;
        memset(&doc, 0, sizeof(doc));
        doc.eng = nw_fuzz_engine();
        doc.text = copy;
        doc.len = len;
        doc.dct = dct;
        doc.arena = nw_fuzz_arena();
        nx_result_t res;
        memset(&res, 0, sizeof(res));
        if (nx_text_tokenize(&doc) == 0 && nx_dates_extract(&doc, &res) == 0)
                nw_fuzz_check(&res, len);
        free(copy);
        return 0;
}
