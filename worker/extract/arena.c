/*
 * arena.c - the per-article bump allocator (nx_arena_t) and arena vectors.
 *
 * Extraction allocates many small spans and strings per article and frees them
 * all at once; a bump allocator makes that two pointer moves per allocation and
 * one reset per article, and a byte cap bounds memory for hostile input.
 */
#include "nx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct nx_chunk_s {
        struct nx_chunk_s *next;
        size_t size, used;
        _Alignas(16) unsigned char data[];
} nx_chunk_t;

struct nx_arena_s {
        nx_chunk_t *head;  /* current chunk; older ones follow */
        size_t chunk_size;
        size_t total;      /* bytes handed out since reset */
        size_t limit;      /* 0 = none */
};

static nx_chunk_t *chunk_new(size_t size) {
        nx_chunk_t *c = malloc(sizeof(*c) + size);
        if (!c)
                return NULL;
        c->next = NULL;
        c->size = size;
        c->used = 0;
        return c;
}

nx_arena_t *nx_arena_new(size_t chunk_size) {
        nx_arena_t *a = calloc(1, sizeof(*a));
        if (!a)
                return NULL;
        a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
        a->head = chunk_new(a->chunk_size);
        if (!a->head) {
                free(a);
                return NULL;
        }
        return a;
}

void nx_arena_set_limit(nx_arena_t *a, size_t max_bytes) { a->limit = max_bytes; }

size_t nx_arena_used(const nx_arena_t *a) { return a->total; }

void *nx_arena_alloc(nx_arena_t *a, size_t size) {
        size = (size + 15) & ~(size_t)15;
        if (size == 0)
                size = 16;
        if (a->limit && a->total + size > a->limit)
                return NULL;
        nx_chunk_t *c = a->head;
        if (c->size - c->used < size) {
                size_t csize = size > a->chunk_size ? size : a->chunk_size;
                nx_chunk_t *n = chunk_new(csize);
                if (!n)
                        return NULL;
                n->next = c;
                a->head = n;
                c = n;
        }
        void *p = c->data + c->used;
        c->used += size;
        a->total += size;
        return p;
}

void *nx_arena_calloc(nx_arena_t *a, size_t n, size_t size) {
        if (size && n > SIZE_MAX / size)
                return NULL;
        void *p = nx_arena_alloc(a, n * size);
        if (p)
                memset(p, 0, n * size);
        return p;
}

char *nx_arena_strndup(nx_arena_t *a, const char *s, size_t len) {
        char *p = nx_arena_alloc(a, len + 1);
        if (!p)
                return NULL;
        memcpy(p, s, len);
        p[len] = '\0';
        return p;
}

char *nx_arena_sprintf(nx_arena_t *a, const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (n < 0)
                return NULL;
        char *p = nx_arena_alloc(a, (size_t)n + 1);
        if (!p)
                return NULL;
        va_start(ap, fmt);
        vsnprintf(p, (size_t)n + 1, fmt, ap);
        va_end(ap);
        return p;
}

void nx_arena_reset(nx_arena_t *a) {
        /* keep the oldest chunk (the first one allocated), free the rest */
        nx_chunk_t *c = a->head;
        while (c->next) {
                nx_chunk_t *next = c->next;
                free(c);
                c = next;
        }
        c->used = 0;
        a->head = c;
        a->total = 0;
}

void nx_arena_destroy(nx_arena_t *a) {
        if (!a)
                return;
        nx_chunk_t *c = a->head;
        while (c) {
                nx_chunk_t *next = c->next;
                free(c);
                c = next;
        }
        free(a);
}

void *nx_vec_push(nx_arena_t *a, void **items, size_t *n, size_t *cap,
                  size_t elsize) {
        if (*n == *cap) {
                size_t ncap = *cap ? *cap * 2 : 8;
                void *p = nx_arena_alloc(a, ncap * elsize);
                if (!p)
                        return NULL;
                if (*n)
                        memcpy(p, *items, *n * elsize);
                *items = p;
                *cap = ncap;
        }
        void *slot = (char *)*items + *n * elsize;
        memset(slot, 0, elsize);
        (*n)++;
        return slot;
}
