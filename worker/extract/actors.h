/*
 * actors.h - the actors extractor (see actors.c for what it owns and how it works).
 */
#ifndef NX_ACTORS_H
#define NX_ACTORS_H

#include "engine.h"

/* Builds this extractor's read-only tables into eng->actors. Returns 0, or -1
 * with errstr filled. */
int nx_actors_init(nx_engine_t *eng, char *errstr, size_t errstr_size);
/* Frees what nx_actors_init() built; safe on a NULL slot. */
void nx_actors_free(nx_engine_t *eng);
/* Appends what it finds in doc to res (arena doc->arena). Returns 0, or -1
 * when the arena is exhausted. */
int nx_actors_extract(const nx_doc_t *doc, nx_result_t *res);

#endif
