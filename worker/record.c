/*
 * record.c - nx_result_t + article → JSON (see record.h), with jansson.
 */
#include "record.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

int nw_cpmap_init(nw_cpmap_t *m, const char *text, size_t len, nx_arena_t *arena) {
        m->text = text;
        m->len = len;
        size_t n = len / 64 + 1;
        m->every64 = nx_arena_alloc(arena, n * sizeof(uint32_t));
        if (!m->every64)
                return -1;
        uint32_t cp = 0;
        for (size_t i = 0; i < len; i++) {
                if ((i & 63) == 0)
                        m->every64[i >> 6] = cp;
                /* every byte that is not a continuation byte starts a code point */
                if (((unsigned char)text[i] & 0xC0) != 0x80)
                        cp++;
        }
        if ((len & 63) == 0)
                m->every64[len >> 6] = cp;
        return 0;
}

uint32_t nw_cpmap_get(const nw_cpmap_t *m, size_t b) {
        if (b > m->len)
                b = m->len;
        size_t base = b & ~(size_t)63;
        uint32_t cp = m->every64[base >> 6];
        for (size_t i = base; i < b; i++)
                if (((unsigned char)m->text[i] & 0xC0) != 0x80)
                        cp++;
        return cp;
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *number(double v) {
        if (fabs(v) < 9007199254740992.0 && v == floor(v))
                return json_integer((json_int_t)v);
        return json_real(v);
}

/* {"text","start","end"} for a byte span. */
static void add_span(json_t *o, const nw_article_t *art, const nw_cpmap_t *m,
                     uint32_t start, uint32_t end) {
        json_object_set_new(o, "text", json_stringn(art->body + start, end - start));
        json_object_set_new(o, "start", json_integer(nw_cpmap_get(m, start)));
        json_object_set_new(o, "end", json_integer(nw_cpmap_get(m, end)));
}

static int span_ok(const nw_article_t *art, uint32_t start, uint32_t end) {
        return start < end && end <= art->body_len;
}

static json_t *summit_json(const nw_article_t *art, const nx_summit_t *s,
                           const nw_cpmap_t *m) {
        json_t *o = json_object(), *c = json_array(), *p = json_array(), *ms = json_array();
        json_object_set_new(o, "key", str_or_null(s->key));
        json_object_set_new(o, "name", str_or_null(s->name));
        for (size_t k = 0; k < s->n_countries; k++)
                json_array_append_new(c, json_string(s->countries[k]));
        json_object_set_new(o, "countries", c);
        for (size_t k = 0; k < s->n_participants; k++)
                json_array_append_new(p, json_string(s->participants[k]));
        json_object_set_new(o, "participants", p);
        json_object_set_new(o, "organization", str_or_null(s->organization));
        json_object_set_new(o, "date", str_or_null(s->date));
        json_object_set_new(o, "location", str_or_null(s->location));
        json_object_set_new(o, "format", str_or_null(s->format));
        json_object_set_new(o, "status", str_or_null(nx_summit_status_name(s->status)));
        for (size_t k = 0; k < s->n_mentions; k++) {
                if (!span_ok(art, s->mentions[k].start, s->mentions[k].end))
                        continue;
                json_t *mj = json_object();
                add_span(mj, art, m, s->mentions[k].start, s->mentions[k].end);
                json_array_append_new(ms, mj);
        }
        json_object_set_new(o, "mentions", ms);
        return o;
}

static void iso_now(char *buf, size_t size) {
        struct timeval tv;
        struct tm tm;
        gettimeofday(&tv, NULL);
        gmtime_r(&tv.tv_sec, &tm);
        size_t n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
        snprintf(buf + n, size - n, ".%06ldZ", (long)tv.tv_usec);
}

static char *dump(json_t *root, size_t *len) {
        char *s = json_dumps(root, JSON_COMPACT);
        json_decref(root);
        if (s && len)
                *len = strlen(s);
        return s;
}

char *nw_record_json(const nw_article_t *art, const nx_result_t *res,
                     const nw_source_t *src, const char *worker,
                     int64_t elapsed_us, nx_arena_t *arena, size_t *len,
                     char *errstr, size_t errstr_size) {
        nw_cpmap_t m;
        if (nw_cpmap_init(&m, art->body, art->body_len, arena)) {
                snprintf(errstr, errstr_size, "out of memory building the record");
                return NULL;
        }
        json_t *root = json_object();
        json_object_set_new(root, "schema", json_string("newsworker.enriched.v1"));
        json_t *a = json_object();
        json_object_set_new(a, "id", json_string(art->id));
        json_object_set_new(a, "title", str_or_null(art->title));
        json_object_set_new(a, "url", str_or_null(art->url));
        json_object_set_new(a, "source", str_or_null(art->source));
        json_object_set_new(a, "lang", json_string(art->lang ? art->lang : "en"));
        json_object_set_new(a, "published", str_or_null(art->published));
        json_object_set_new(a, "published_from", str_or_null(art->published_from));
        json_object_set_new(a, "text", json_stringn(art->body, art->body_len));
        json_object_set_new(root, "article", a);

        json_t *dates = json_array();
        for (size_t i = 0; i < res->n_dates; i++) {
                const nx_timex_t *t = &res->dates[i];
                if (!span_ok(art, t->start, t->end))
                        continue;
                json_t *o = json_object();
                add_span(o, art, &m, t->start, t->end);
                json_object_set_new(o, "type", json_string(nx_timex_type_name(t->type)));
                json_object_set_new(o, "value", str_or_null(t->value));
                if (t->mod)
                        json_object_set_new(o, "mod", json_string(t->mod));
                json_array_append_new(dates, o);
        }
        json_object_set_new(root, "dates", dates);

        json_t *actors = json_array();
        for (size_t i = 0; i < res->n_actors; i++) {
                const nx_actor_t *ac = &res->actors[i];
                json_t *ms = json_array();
                for (size_t k = 0; k < ac->n_mentions; k++) {
                        if (!span_ok(art, ac->mentions[k].start, ac->mentions[k].end))
                                continue;
                        json_t *mj = json_object();
                        add_span(mj, art, &m, ac->mentions[k].start, ac->mentions[k].end);
                        json_array_append_new(ms, mj);
                }
                if (json_array_size(ms) == 0 || !ac->name) {
                        json_decref(ms);
                        continue;
                }
                json_t *o = json_object();
                json_object_set_new(o, "name", json_string(ac->name));
                json_object_set_new(o, "type", json_string(nx_actor_type_name(ac->type)));
                json_object_set_new(o, "country", ac->country[0] ? json_string(ac->country) : json_null());
                json_object_set_new(o, "role", str_or_null(ac->role));
                json_object_set_new(o, "mentions", ms);
                json_array_append_new(actors, o);
        }
        json_object_set_new(root, "actors", actors);

        json_t *figs = json_array();
        for (size_t i = 0; i < res->n_figures; i++) {
                const nx_figure_t *f = &res->figures[i];
                if (!span_ok(art, f->start, f->end) || !isfinite(f->value))
                        continue;
                json_t *o = json_object();
                add_span(o, art, &m, f->start, f->end);
                json_object_set_new(o, "type", json_string(nx_figure_type_name(f->type)));
                json_object_set_new(o, "value", number(f->value));
                if (f->has_max && isfinite(f->value_max))
                        json_object_set_new(o, "value_max", number(f->value_max));
                json_object_set_new(o, "unit", str_or_null(f->unit));
                if (f->mod)
                        json_object_set_new(o, "mod", json_string(f->mod));
                if (f->counted)
                        json_object_set_new(o, "counted", json_string(f->counted));
                json_array_append_new(figs, o);
        }
        json_object_set_new(root, "figures", figs);

        json_t *sums = json_array();
        for (size_t i = 0; i < res->n_summits; i++)
                /* a summit with nothing to identify it ("the summit" alone)
                 * has no key: the contract needs one, and no alert could
                 * deduplicate it, so it stays out of the record */
                if (res->summits[i].key && *res->summits[i].key)
                        json_array_append_new(sums, summit_json(art, &res->summits[i], &m));
        json_object_set_new(root, "summits", sums);

        char now[40];
        iso_now(now, sizeof(now));
        json_t *meta = json_object();
        json_object_set_new(meta, "worker", json_string(worker));
        json_object_set_new(meta, "processed_at", json_string(now));
        if (src && src->topic) {
                json_t *s = json_object();
                json_object_set_new(s, "topic", json_string(src->topic));
                json_object_set_new(s, "partition", json_integer(src->partition));
                json_object_set_new(s, "offset", json_integer(src->offset));
                json_object_set_new(meta, "source", s);
        } else {
                json_object_set_new(meta, "source", json_null());
        }
        json_object_set_new(meta, "elapsed_us", json_integer(elapsed_us));
        json_object_set_new(root, "meta", meta);
        char *out = dump(root, len);
        if (!out)
                snprintf(errstr, errstr_size, "out of memory serializing the record");
        return out;
}

/* The sentence around byte offset b: from the last terminator or newline
 * before it to the next one after it. */
static json_t *sentence_around(const nw_article_t *art, uint32_t b) {
        const char *t = art->body;
        size_t s = b, e = b;
        while (s > 0 && t[s - 1] != '\n' &&
               !((t[s - 1] == ' ') && s >= 2 && (t[s - 2] == '.' || t[s - 2] == '!' || t[s - 2] == '?')))
                s--;
        while (e < art->body_len && t[e] != '\n' &&
               !((t[e] == '.' || t[e] == '!' || t[e] == '?') &&
                 (e + 1 == art->body_len || t[e + 1] == ' ' || t[e + 1] == '\n')))
                e++;
        if (e < art->body_len && t[e] != '\n')
                e++;
        if (e - s > 2000)
                e = s + 2000;
        while (e > s && ((unsigned char)t[e] & 0xC0) == 0x80 && e < art->body_len)
                e--; /* never cut a code point */
        return json_stringn(t + s, e - s);
}

char *nw_summit_event_json(const nw_article_t *art, const nx_result_t *res,
                           size_t i, nx_arena_t *arena, size_t *len) {
        nw_cpmap_t m;
        if (nw_cpmap_init(&m, art->body, art->body_len, arena))
                return NULL;
        const nx_summit_t *s = &res->summits[i];
        json_t *root = json_object();
        json_object_set_new(root, "key", json_string(s->key ? s->key : ""));
        json_object_set_new(root, "summit", summit_json(art, s, &m));
        json_t *a = json_object();
        json_object_set_new(a, "id", json_string(art->id));
        json_object_set_new(a, "title", str_or_null(art->title));
        json_object_set_new(a, "url", str_or_null(art->url));
        json_object_set_new(a, "published", str_or_null(art->published));
        json_object_set_new(root, "article", a);
        json_object_set_new(root, "sentence",
                            s->n_mentions ? sentence_around(art, s->mentions[0].start) : json_null());
        char now[40];
        iso_now(now, sizeof(now));
        json_object_set_new(root, "detected_at", json_string(now));
        return dump(root, len);
}
