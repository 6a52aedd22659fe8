/*
 * figures.c - the figures extractor. Empty until its issue lands: finds nothing.
 */
#include "figures.h"

int nx_figures_init(nx_engine_t *eng, char *errstr, size_t errstr_size) {
        (void)eng; (void)errstr; (void)errstr_size;
        return 0;
}

void nx_figures_free(nx_engine_t *eng) { (void)eng; }

int nx_figures_extract(const nx_doc_t *doc, nx_result_t *res) {
        (void)doc; (void)res;
        return 0;
}
