/*
 * input.h - articles from files for `newsworker extract` and `demo`.
 *
 * A file is one of: a plain-text article (the whole file is one message), a
 * JSON envelope (one object), or JSONL (one envelope per non-empty line).
 * Each item is handed to a callback as the bytes a Kafka message would carry,
 * so files and Kafka share one decoder.
 */
#ifndef NW_INPUT_H
#define NW_INPUT_H

#include <stddef.h>

/* Called per item: payload (not NUL-terminated), len bytes, the default id
 * for a keyless plain-text item ("<parent directory>-<NNN>", NNN its 0-based
 * position among all items read), and where it came from ("FILE:LINE").
 * Return 0 to go on, non-zero to stop. */
typedef int (nw_input_cb_t)(void *opaque, const char *payload, size_t len,
                            const char *default_id, const char *where);

/* Reads path ("-" = stdin) and calls cb per item. *counter numbers the
 * items across calls. Returns 0, the callback's non-zero value, or -1 with
 * errstr when the file cannot be read. */
int nw_input_read_file(const char *path, size_t *counter, nw_input_cb_t *cb,
                       void *opaque, char *errstr, size_t errstr_size);

#endif
