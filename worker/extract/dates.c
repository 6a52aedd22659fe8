/*
 * dates.c - the dates extractor. Empty until its issue lands: finds nothing.
 */
#include "dates.h"

int nx_dates_init(nx_engine_t *eng, char *errstr, size_t errstr_size) {
        (void)eng; (void)errstr; (void)errstr_size;
        return 0;
}

void nx_dates_free(nx_engine_t *eng) { (void)eng; }

int nx_dates_extract(const nx_doc_t *doc, nx_result_t *res) {
        (void)doc; (void)res;
        return 0;
}

int nx_dateline_dct(const char *text, size_t len, int fallback_year,
                    nx_dct_t *dct) {
        (void)text; (void)len; (void)fallback_year; (void)dct;
        return 0;
}
