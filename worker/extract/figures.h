/*
 * figures.h - the figures extractor (see figures.c for what it owns and how it works).
 */
#ifndef NX_FIGURES_H
#define NX_FIGURES_H

#include "engine.h"

/* Builds this extractor's read-only tables into eng->figures. Returns 0, or -1
 * with errstr filled. */
int nx_figures_init(nx_engine_t *eng, char *errstr, size_t errstr_size);
/* Frees what nx_figures_init() built; safe on a NULL slot. */
void nx_figures_free(nx_engine_t *eng);
/* Appends what it finds in doc to res (arena doc->arena). Returns 0, or -1
 * when the arena is exhausted. */
int nx_figures_extract(const nx_doc_t *doc, nx_result_t *res);

#endif
