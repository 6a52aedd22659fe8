/*
 * fuzz_extract.c - libFuzzer target: the whole engine, nx_extract(), on any
 * valid UTF-8 with a DCT taken from the first three bytes.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        nx_dct_t dct;
        size_t len;
        const char *text = nw_fuzz_split(data, size, &dct, &len);
        if (len > NW_FUZZ_MAX_BYTES || !nw_utf8_valid(text, len))
                return 0;
        char *copy = malloc(len ? len : 1);
        if (!copy)
                return 0;
        if (len)
                memcpy(copy, text, len);
        nx_result_t res;
        char err[256];
        if (nx_extract(nw_fuzz_engine(), copy, len, &dct, nw_fuzz_arena(), &res, err,
                       sizeof(err)) == 0)
                nw_fuzz_check(&res, len);
        free(copy);
        return 0;
}
