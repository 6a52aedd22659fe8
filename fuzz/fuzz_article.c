/*
 * fuzz_article.c - libFuzzer target: nw_article_decode() on any bytes, with
 * and without a message key and Kafka headers. A decoded article's body must
 * be valid UTF-8 inside the arena (the extractors rely on it).
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        /* copy: the decoder must not read past len (ASan sees it on the copy) */
        char *buf = malloc(size ? size : 1);
        if (!buf)
                return 0;
        if (size)
                memcpy(buf, data, size);
        char err[256];
        nw_article_t art;
        for (int variant = 0; variant < 2; variant++) {
                nx_arena_t *arena = nw_fuzz_arena();
                nw_article_meta_t meta = {.timestamp_ms = -1};
                if (variant) {
                        meta.key = "fuzz-key";
                        meta.key_len = 8;
                        meta.h_published = "2022-12-30";
                        meta.timestamp_ms = 1672358400000;
                }
                nw_article_error_t e = nw_article_decode(buf, size, &meta, NW_FUZZ_MAX_BYTES,
                                                         arena, &art, err, sizeof(err));
                if (e == NW_ART_OK) {
                        if (!art.id || !art.body || !nw_utf8_valid(art.body, art.body_len))
                                abort();
                } else if (!strcmp(nw_article_error_name(e), "unknown") || !err[0]) {
                        abort();
                }
        }
        free(buf);
        return 0;
}
