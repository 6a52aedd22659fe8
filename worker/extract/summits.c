/*
 * summits.c - the summits extractor: finds meetings of leaders in English news
 * and gives each a stable, readable key.
 *
 * It runs last in nx_extract() and reads what the others found: actors
 * (PERSON with head_of_state/role, GPE/NORP with ISO alpha-3 country) and dates
 * (TIMEX3 values). Its own vocabulary (triggers, titles, summit organisations)
 * is in data/summits_tables.c. The annotation definition it implements is
 * ../shared/data/gold/summits.md; docs/summits.md explains the design.
 *
 * Detection, one sentence at a time, from four kinds of trigger:
 *   SUMMIT  the noun "summit": always a summit unless it is a mountain top
 *           ("the summit of Mount Everest", "reached the summit"), a place name
 *           ("Summit Lake"), or a summit of ministers/business ("the joint summit
 *           of their foreign ministers", "G7 foreign ministers' summit").
 *   MEET    meet/met/meeting/talks/dinner/sign: the parties on both sides must be
 *           leaders (heads of state or government, UN/NATO secretaries-general):
 *           "X meets Y", "X and Y meet", "talks between X and Y", "X meets with
 *           leaders from ...". An envoy meeting a leader, "talks with M23", talks
 *           between countries' delegations, phone calls, remote signings: no.
 *   VISIT   visit/trip/tour/arrives in: the visitor must be a leader and the
 *           destination foreign ("Xi visits Lhasa" is domestic: no). "state visit"
 *           and "official visit" imply a leader by themselves.
 * Each accepted trigger becomes a candidate with participants (leader actors),
 * countries, organisation, date (the nearest TIMEX3 DATE in the sentence, not
 * after "since/until/by"; else the DCT for held ones), location ("in/at X"),
 * format (virtual when video/virtual words are near), status (cancelled >
 * planned > ongoing > held from nearby tense/modality words).
 *
 * The key. A key must be equal for the same real summit across articles
 * written days apart, in other words, and differ between summits. It is
 *     <identity>-<period>[ -x for emergency/extraordinary sessions ]
 *   identity: the organisation slug for named series ("g20", "sco", "nato"),
 *             else the slug of a proper name ("shield-of-the-americas"), else the
 *             sorted ISO alpha-3 codes of the parties, lower case ("chn-rus").
 *             For a visit the parties are the visitor and the FIRST host only, so
 *             "a tour of Saudi Arabia, Qatar and Turkey" and "arrives in Jeddah"
 *             agree.
 *   period:   the date grain that still separates two summits of the same
 *             identity: a year for series that meet yearly (G7, G20, NATO, SCO,
 *             APEC, BRICS), the half-year for those meeting twice a year (ASEAN,
 *             AU, EPC), the month for frequent ones (EU, EAC) and for all
 *             bilateral meetings; widened when the text is vague: a season stays a
 *             season ("2023-sp"), a bare year stays a year, and a proposed or
 *             hypothetical meeting with no date ("ready to meet", "a potential
 *             meeting") takes the DCT year. A summit with no date takes the DCT's.
 * Trade-offs: (1) month grain for bilateral meetings separates Trump-Starmer in
 * February from Trump-Starmer in September but splits one meeting reported as
 * "next spring" in one article and "in March" in another ("2023-sp" vs
 * "2023-03"); (2) two summits of one yearly series in a year (an extraordinary
 * NATO summit not flagged as such) share a key; (3) a bare anaphoric "the
 * summit" with nothing to identify it takes the key of a summit named earlier
 * in the article or of a named series in its sentence, else NO key (NULL): it
 * is left out of the record (record.c needs a key) and cannot raise a "new
 * summit" alert, since any key made
 * up for it would either collide or duplicate.
 *
 * Memory: everything in doc->arena; no global mutable state; no I/O.
 * Offsets: bytes (nx.h).
 */
#include "summits.h"

#include "gazetteer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ tables */

typedef struct {
        nx_lex_t *words;   /* word -> classes (uintptr_t, never 0) */
        nx_lex_t *roles;   /* leader title phrase -> (void *)1 */
        nx_lex_t *roletok; /* single words of titles -> (void *)1 */
        nx_lex_t *orgs;    /* alias -> const nx_summit_org_t * */
        nx_lex_t *orgfirst; /* first word of an alias (as one token) -> (void *)1 */
} summits_tab_t;

#define ORG_MAX_TOKS 8
#define ROLE_MAX_TOKS 3

int nx_summits_init(nx_engine_t *eng, char *errstr, size_t errstr_size) {
        summits_tab_t *t = calloc(1, sizeof(*t));
        if (!t)
                goto oom;
        eng->summits = t;
        size_t nw = 0, nr = 0, no = 0;
        while (nx_summit_words[nw].word)
                nw++;
        while (nx_summit_leader_roles[nr])
                nr++;
        while (nx_summit_orgs[no].alias)
                no++;
        t->words = nx_lex_new(nw * 2 + 16);
        t->roles = nx_lex_new(nr * 2 + 16);
        t->roletok = nx_lex_new(nr * 4 + 16);
        t->orgs = nx_lex_new(no * 2 + 16);
        t->orgfirst = nx_lex_new(no * 2 + 16);
        if (!t->words || !t->roles || !t->roletok || !t->orgs || !t->orgfirst)
                goto oom;
        for (size_t i = 0; i < nw; i++)
                if (nx_lex_add(t->words, nx_summit_words[i].word,
                               (void *)(uintptr_t)nx_summit_words[i].classes))
                        goto oom;
        for (size_t i = 0; i < nr; i++) {
                const char *r = nx_summit_leader_roles[i];
                if (nx_lex_add(t->roles, r, (void *)1))
                        goto oom;
                /* every word of a title, for stepping over "Prime Minister" */
                const char *p = r;
                while (*p) {
                        size_t n = strcspn(p, " ");
                        char w[32];
                        if (n && n < sizeof(w)) {
                                memcpy(w, p, n);
                                w[n] = '\0';
                                if (nx_lex_add(t->roletok, w, (void *)1))
                                        goto oom;
                        }
                        p += n;
                        while (*p == ' ')
                                p++;
                }
        }
        for (size_t i = 0; i < no; i++) {
                const char *al = nx_summit_orgs[i].alias;
                if (nx_lex_add(t->orgs, al, (void *)&nx_summit_orgs[i]))
                        goto oom;
                /* the alias's first token as the tokenizer cuts it: a run of
                 * letters and digits ("g20", "g" of "g-20"), an initialism
                 * ("u.n."), or one punctuation mark */
                char w[64];
                size_t n = 0;
                if (isalnum((unsigned char)al[0]) || (unsigned char)al[0] >= 0x80) {
                        while (al[n] && n + 1 < sizeof(w) &&
                               (isalnum((unsigned char)al[n]) || (unsigned char)al[n] >= 0x80 ||
                                (al[n] == '.' && isalpha((unsigned char)al[n + 1]))))
                                n++;
                        if (al[n] == '.') /* "u.n." */
                                n++;
                } else {
                        n = 1;
                }
                memcpy(w, al, n);
                w[n] = '\0';
                if (nx_lex_add(t->orgfirst, w, (void *)1))
                        goto oom;
        }
        return 0;
oom:
        snprintf(errstr, errstr_size, "summits: out of memory building tables");
        return -1;
}

void nx_summits_free(nx_engine_t *eng) {
        summits_tab_t *t = eng ? eng->summits : NULL;
        if (!t)
                return;
        if (t->words)
                nx_lex_destroy(t->words);
        if (t->roles)
                nx_lex_destroy(t->roles);
        if (t->roletok)
                nx_lex_destroy(t->roletok);
        if (t->orgs)
                nx_lex_destroy(t->orgs);
        if (t->orgfirst)
                nx_lex_destroy(t->orgfirst);
        free(t);
        eng->summits = NULL;
}

/* ------------------------------------------------------------------ per-article context */

#define MAX_PARTS 12
#define MAX_CC 12

/* a party to a meeting: a leader actor, or a group noun ("leaders from ...") */
typedef struct {
        int actor;   /* index into res->actors, or -1 for a group noun */
        int leader;  /* 1 when a head of state/government (or a leaders group) */
        char cc[4];  /* ISO alpha-3 or "" */
        size_t t0, t1; /* its tokens */
} party_t;

typedef struct {
        party_t p[MAX_PARTS];
        size_t n;
} parties_t;

typedef struct {
        const nx_doc_t *doc;
        nx_result_t *res;
        const summits_tab_t *tab;
        size_t n;               /* tokens */
        uint32_t *cls;          /* per token: NX_SW_* classes of the word */
        int32_t *actor;         /* per token: actor index covering it, or -1 */
        uint32_t *m0, *m1;      /* per token: that actor mention's token range */
        int32_t *date;          /* per token: date index covering it, or -1 */
        const nx_summit_org_t **org; /* per token: org alias starting here */
        uint8_t *orglen;        /* its length in tokens */
        size_t n_first;         /* res->n_summits before this article's summits */
        int last;               /* index of the last summit added (anaphora) or -1 */
        int visit_in_sent;      /* summit of a visit found in the current sentence, or -1 */
        uint8_t *sflag;         /* per summit of this article (index - n_first): SF_* */
        size_t n_sflag, cap_sflag;
} ctx_t;

/* what the mentions of one summit said about its date */
#define SF_NOW 0x01u  /* a mention reports it as held/ongoing now, with no date */
#define SF_PAST 0x02u /* a mention places it in the past ("the last G-20 summit") */

enum { K_SUMMIT = 1, K_MEET, K_MEETN, K_SIGN, K_VISIT };

typedef struct {
        int kind;
        size_t sent;
        size_t trig;          /* trigger token */
        size_t t0, t1;        /* mention tokens, half-open */
        parties_t parts;
        char cc[MAX_CC][4];   /* countries (visits: visitor then hosts) */
        size_t ncc;
        int visit_pair;       /* key uses cc[0] and cc[1] only */
        int host_inferred;    /* a visit whose host country the text does not name next to it */
        const nx_summit_org_t *org;
        const char *name_slug;
        int ext;              /* emergency/extraordinary */
        int bare;             /* "the summit" and nothing else */
        int date;             /* date index or -1 */
        size_t loc0, loc1;    /* location tokens, loc1 == 0 when none */
        nx_summit_status_t status;
        int proposed;
        int past;             /* "the last summit": held at some earlier, unknown date */
        int virtual_;
} cand_t;

static uint32_t cls_at(const ctx_t *c, size_t i) { return i < c->n ? c->cls[i] : 0; }

static const nx_actor_t *actor_of(const ctx_t *c, size_t i) {
        if (i >= c->n || c->actor[i] < 0)
                return NULL;
        return &c->res->actors[c->actor[i]];
}

static int is_type(const ctx_t *c, size_t i, nx_actor_type_t t) {
        const nx_actor_t *a = actor_of(c, i);
        return a && a->type == t;
}

static int is_place(const ctx_t *c, size_t i) {
        const nx_actor_t *a = actor_of(c, i);
        return a && (a->type == NX_ACTOR_GPE);
}

static int is_word(const ctx_t *c, size_t i, const char *w) { return nx_tok_is(c->doc, i, w); }

static int is_punct(const ctx_t *c, size_t i, const char *p) { return nx_tok_punct(c->doc, i, p); }

static int is_cap(const ctx_t *c, size_t i) {
        return i < c->n && c->doc->toks[i].kind == NX_TOK_WORD &&
               (c->doc->toks[i].flags & (NX_TF_CAP | NX_TF_ALLCAPS));
}

static int is_dash(const ctx_t *c, size_t i) {
        return is_punct(c, i, "-") || is_punct(c, i, "\xe2\x80\x93") || is_punct(c, i, "\xe2\x80\x94");
}

static int is_poss(const ctx_t *c, size_t i) {
        return is_word(c, i, "'s") || is_word(c, i, "\xe2\x80\x99s") || is_punct(c, i, "'") ||
               is_punct(c, i, "\xe2\x80\x99");
}

/* lower-case particles inside names: "Haitham bin Tariq", "Lula da Silva" */
static int is_particle(const ctx_t *c, size_t i) {
        static const char *const w[] = {"bin", "al", "de", "van", "von", "da", "ibn", "el", "bint", "del", "dos", NULL};
        for (size_t k = 0; w[k]; k++)
                if (is_word(c, i, w[k]))
                        return 1;
        return 0;
}

static int is_roletok(const ctx_t *c, size_t i) {
        if (i >= c->n || c->doc->toks[i].kind != NX_TOK_WORD)
                return 0;
        return nx_lex_get_tok(c->tab->roletok, c->doc, i) != NULL;
}

/* first token index >= byte offset b */
static size_t tok_at_byte(const nx_doc_t *doc, uint32_t b) {
        size_t lo = 0, hi = doc->n_toks;
        while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (doc->toks[mid].start < b)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo;
}

/* Builds the per-token maps. Returns 0 or -1 (arena). */
static int ctx_build(ctx_t *c) {
        const nx_doc_t *doc = c->doc;
        nx_arena_t *A = doc->arena;
        size_t n = c->n = doc->n_toks;
        size_t m = n ? n : 1;
        c->cls = nx_arena_calloc(A, m, sizeof(*c->cls));
        c->actor = nx_arena_alloc(A, m * sizeof(*c->actor));
        c->m0 = nx_arena_calloc(A, m, sizeof(*c->m0));
        c->m1 = nx_arena_calloc(A, m, sizeof(*c->m1));
        c->date = nx_arena_alloc(A, m * sizeof(*c->date));
        c->org = nx_arena_calloc(A, m, sizeof(*c->org));
        c->orglen = nx_arena_calloc(A, m, sizeof(*c->orglen));
        if (!c->cls || !c->actor || !c->m0 || !c->m1 || !c->date || !c->org || !c->orglen)
                return -1;
        for (size_t i = 0; i < n; i++) {
                c->actor[i] = -1;
                c->date[i] = -1;
                const nx_token_t *t = &doc->toks[i];
                if (t->kind == NX_TOK_WORD)
                        c->cls[i] = (uint32_t)(uintptr_t)nx_lex_get_tok(c->tab->words, doc, i);
        }
        for (size_t a = 0; a < c->res->n_actors; a++) {
                const nx_actor_t *ac = &c->res->actors[a];
                for (size_t k = 0; k < ac->n_mentions; k++) {
                        size_t i0 = tok_at_byte(doc, ac->mentions[k].start), i1 = i0;
                        while (i1 < n && doc->toks[i1].end <= ac->mentions[k].end)
                                i1++;
                        for (size_t i = i0; i < i1; i++) {
                                c->actor[i] = (int32_t)a;
                                c->m0[i] = (uint32_t)i0;
                                c->m1[i] = (uint32_t)i1;
                        }
                }
        }
        for (size_t d = 0; d < c->res->n_dates; d++) {
                size_t i = tok_at_byte(doc, c->res->dates[d].start);
                while (i < n && doc->toks[i].end <= c->res->dates[d].end)
                        c->date[i++] = (int32_t)d;
        }
        /* organisation aliases: longest match, must start capitalised */
        char buf[128];
        for (size_t i = 0; i < n; i++) {
                if (!is_cap(c, i) && doc->toks[i].kind != NX_TOK_WORD)
                        continue;
                if (!(doc->toks[i].flags & (NX_TF_CAP | NX_TF_ALLCAPS)))
                        continue;
                if (!nx_lex_get_tok(c->tab->orgfirst, doc, i))
                        continue;
                for (size_t j = i + ORG_MAX_TOKS; j > i; j--) {
                        if (j > n || doc->toks[j - 1].sent != doc->toks[i].sent)
                                continue;
                        size_t len;
                        const char *key = nx_toks_key(doc, i, j, buf, sizeof(buf), &len);
                        if (!key)
                                continue;
                        const nx_summit_org_t *o = nx_lex_get(c->tab->orgs, key, len);
                        if (o) {
                                /* a one-word alias must not be the start of a
                                 * longer capitalised name ("Commonwealth Games") */
                                c->org[i] = o;
                                c->orglen[i] = (uint8_t)(j - i);
                                break;
                        }
                }
        }
        return 0;
}

/* org alias covering token i (start index in *start), or NULL */
static const nx_summit_org_t *org_covering(const ctx_t *c, size_t i, size_t *start) {
        for (size_t k = 0; k < ORG_MAX_TOKS && k <= i; k++) {
                size_t s = i - k;
                if (c->org[s] && s + c->orglen[s] > i) {
                        if (start)
                                *start = s;
                        return c->org[s];
                }
        }
        return NULL;
}

/* ------------------------------------------------------------------ leaders */

/* Matches a leader title ending right before token e (exclusive), up to
 * ROLE_MAX_TOKS words. Returns the title's first token, or (size_t)-1. */
static size_t role_before(const ctx_t *c, size_t e, size_t lo) {
        char buf[64];
        for (size_t k = ROLE_MAX_TOKS; k >= 1; k--) {
                if (e < lo + k)
                        continue;
                size_t s = e - k;
                size_t len;
                const char *key = nx_toks_key(c->doc, s, e, buf, sizeof(buf), &len);
                if (key && nx_lex_get(c->tab->roles, key, len))
                        return s;
        }
        return (size_t)-1;
}

/* 1 when the title starting at token r is not negated ("vice president",
 * "FIFA president", "opposition leader"). */
static int role_ok(const ctx_t *c, size_t r, size_t lo) {
        if (r <= lo)
                return 1;
        size_t p = r - 1;
        if (cls_at(c, p) & NX_SW_NEGROLE)
                return 0;
        if (is_dash(c, p) && p > lo && (cls_at(c, p - 1) & NX_SW_NEGROLE))
                return 0;
        if (is_type(c, p, NX_ACTOR_ORG) && !org_covering(c, p, NULL)) {
                /* the head of a ruling council is a head of state:
                 * "Transitional Sovereignty Council leader", "Presidential
                 * Leadership Council chairman"; "FIFA president" is not */
                size_t q = p;
                while (q > lo && c->actor[q - 1] == c->actor[p])
                        q--;
                for (; q <= p; q++)
                        if (is_word(c, q, "sovereignty") || is_word(c, q, "sovereign") ||
                            is_word(c, q, "transitional") || is_word(c, q, "presidential") ||
                            is_word(c, q, "junta"))
                                return 1;
                return 0;
        }
        return 1;
}

static int role_str_leader(const ctx_t *c, const char *role) {
        if (!role)
                return 0;
        char buf[64];
        size_t n = 0;
        for (; role[n] && n + 1 < sizeof(buf); n++)
                buf[n] = (char)tolower((unsigned char)role[n]);
        buf[n] = '\0';
        if (!strncmp(buf, "vice", 4) || !strncmp(buf, "deputy", 6) || !strncmp(buf, "former", 6) ||
            strstr(buf, "-elect"))
                return 0;
        return nx_lex_get(c->tab->roles, buf, n) != NULL;
}

/* 1 when the PERSON mention [m0,m1) of actor a is a head of state/government. */
/* The gazetteer's entry for the person mention [m0,m1) of actor a when it
 * is a known head of state or government (by canonical name, then by the
 * mention's words), else NULL. The gazetteer belongs to actors.c. */
static const nx_gaz_entry_t *gaz_leader(const ctx_t *c, const nx_actor_t *a, size_t m0, size_t m1) {
        const nx_engine_t *eng = c->doc->eng;
        if (!eng || !nx_gaz_get(eng))
                return NULL;
        const nx_gaz_entry_t *e = a->name ? nx_gaz_lookup(eng, a->name, strlen(a->name)) : NULL;
        if (!(e && e->kind == NX_GAZ_LEADER) && m1 > m0) {
                uint32_t b0 = c->doc->toks[m0].start, b1 = c->doc->toks[m1 - 1].end;
                e = nx_gaz_lookup(eng, c->doc->text + b0, b1 - b0);
        }
        return e && e->kind == NX_GAZ_LEADER && e->head_of_state ? e : NULL;
}

static int mention_is_leader(const ctx_t *c, size_t m0, size_t m1, size_t lo) {
        const nx_actor_t *a = actor_of(c, m0);
        if (!a || a->type != NX_ACTOR_PERSON)
                return 0;
        /* a title right before the mention, or opening it ("King Charles III") */
        size_t r = role_before(c, m0, lo);
        for (size_t e = m0 + 1; r == (size_t)-1 && e < m1 && e <= m0 + ROLE_MAX_TOKS; e++)
                if (role_before(c, e, m0) == m0)
                        r = m0;
        /* "former president", "ousted president": never, whatever the gazetteer says */
        if (r != (size_t)-1 && r > lo && (cls_at(c, r - 1) & NX_SW_NEGROLE))
                return 0;
        if (gaz_leader(c, a, m0, m1))
                return 1;
        if (r != (size_t)-1)
                return role_ok(c, r, lo);
        if (a->head_of_state)
                return 1;
        return role_str_leader(c, a->role);
}

/* country of the person mention [m0,m1): the actor's, else a demonym or
 * country right before its title ("Rwandan president"), else "of <GPE>". */
static void mention_country(const ctx_t *c, size_t m0, size_t m1, size_t lo, size_t hi,
                            char cc[4]) {
        const nx_actor_t *a = actor_of(c, m0);
        cc[0] = '\0';
        if (a && a->country[0]) {
                memcpy(cc, a->country, 4);
                return;
        }
        const nx_gaz_entry_t *g = a ? gaz_leader(c, a, m0, m1) : NULL;
        if (g && g->iso3[0]) {
                memcpy(cc, g->iso3, 4);
                return;
        }
        /* "King Abdullah II of Jordan" as one mention */
        for (size_t i = m0 + 1; i + 1 < m1 && c->doc->eng && nx_gaz_get(c->doc->eng); i++)
                if (is_word(c, i, "of")) {
                        uint32_t b0 = c->doc->toks[i + 1].start, b1 = c->doc->toks[m1 - 1].end;
                        const nx_gaz_entry_t *e = nx_gaz_lookup(c->doc->eng, c->doc->text + b0, b1 - b0);
                        if (e && e->kind == NX_GAZ_COUNTRY && e->iso3[0]) {
                                memcpy(cc, e->iso3, 4);
                                return;
                        }
                }
        for (size_t k = 1; k <= 5 && m0 >= lo + k; k++) {
                size_t i = m0 - k;
                const nx_actor_t *b = actor_of(c, i);
                if (b && (b->type == NX_ACTOR_GPE || b->type == NX_ACTOR_NORP) && b->country[0]) {
                        memcpy(cc, b->country, 4);
                        return;
                }
                if (!is_roletok(c, i) && !is_poss(c, i) && !(cls_at(c, i) & NX_SW_NEGROLE) &&
                    !(b && b->type != NX_ACTOR_PERSON) && !is_particle(c, i) &&
                    !(b && b->type == NX_ACTOR_PERSON))
                        break;
        }
        if (m1 + 1 < hi && is_word(c, m1, "of")) {
                size_t i = m1 + 1;
                if (is_word(c, i, "the"))
                        i++;
                const nx_actor_t *b = actor_of(c, i);
                if (b && b->type == NX_ACTOR_GPE && b->country[0])
                        memcpy(cc, b->country, 4);
        }
}

static const nx_sentence_t *sent_of(const ctx_t *c, size_t i) {
        return &c->doc->sents[c->doc->toks[i].sent];
}

static void party_add(parties_t *ps, const ctx_t *c, int actor, int leader, const char *cc,
                      size_t t0, size_t t1) {
        for (size_t k = 0; k < ps->n; k++)
                if (actor >= 0 && ps->p[k].actor == actor) {
                        ps->p[k].leader |= leader;
                        if (!ps->p[k].cc[0] && cc[0])
                                memcpy(ps->p[k].cc, cc, 4);
                        return;
                }
        if (ps->n >= MAX_PARTS)
                return;
        party_t *p = &ps->p[ps->n++];
        p->actor = actor;
        p->leader = leader;
        memcpy(p->cc, cc, 4);
        p->t0 = t0;
        p->t1 = t1;
        (void)c;
}

/* adds the person mention covering token i as a party */
static void party_from_mention(parties_t *ps, const ctx_t *c, size_t i) {
        const nx_sentence_t *s = sent_of(c, i);
        size_t m0 = c->m0[i], m1 = c->m1[i];
        char cc[4];
        mention_country(c, m0, m1, s->tok_first, s->tok_end, cc);
        party_add(ps, c, c->actor[i], mention_is_leader(c, m0, m1, s->tok_first), cc, m0, m1);
}

/* The nearest leader mention before token i (across sentences, 80 tokens),
 * for "he"/"his". Returns its first token or (size_t)-1. */
static size_t resolve_pronoun(const ctx_t *c, size_t i) {
        for (size_t k = 1; k <= 80 && k <= i; k++) {
                size_t j = i - k;
                if (c->actor[j] >= 0 && is_type(c, j, NX_ACTOR_PERSON)) {
                        const nx_sentence_t *s = sent_of(c, j);
                        if (mention_is_leader(c, c->m0[j], c->m1[j], s->tok_first))
                                return c->m0[j];
                        j = c->m0[j];
                        k = i - j;
                }
        }
        return (size_t)-1;
}

/* "leaders"/"counterpart" at i: a group of leaders when qualified by a
 * nationality, a place, an organisation or "world" before it, or "from/of"
 * after it. Fills cc from a demonym. */
static int leaders_group(const ctx_t *c, size_t i, size_t lo, char cc[4]) {
        cc[0] = '\0';
        if (!(cls_at(c, i) & NX_SW_LEADERS))
                return 0;
        if (is_word(c, i, "heads") && !(is_word(c, i + 1, "of") && (is_word(c, i + 2, "state") ||
                                                                    is_word(c, i + 2, "government"))))
                return 0;
        int ok = 0;
        if (i > lo) {
                size_t p = i - 1;
                if (is_poss(c, p) && p > lo)
                        p--;
                const nx_actor_t *b = actor_of(c, p);
                if (b && (b->type == NX_ACTOR_GPE || b->type == NX_ACTOR_NORP)) {
                        memcpy(cc, b->country, 4);
                        ok = 1;
                } else if (org_covering(c, p, NULL)) {
                        ok = 1;
                } else if ((b && b->type == NX_ACTOR_ORG) || (cls_at(c, p) & (NX_SW_OFFICIAL | NX_SW_NEGROLE)) ||
                           is_word(c, p, "party") || is_word(c, p, "religious") || is_word(c, p, "tribal") ||
                           is_word(c, p, "community") || is_word(c, p, "rebel") || is_word(c, p, "militia") ||
                           is_word(c, p, "industry") || is_word(c, p, "military") || is_word(c, p, "senior") ||
                           is_word(c, p, "local") || is_word(c, p, "civic") || is_word(c, p, "church")) {
                        return 0; /* "Hamas leaders", "business leaders", "party leaders" */
                } else if (is_word(c, p, "world") || is_word(c, p, "european") ||
                           is_word(c, p, "african") || is_word(c, p, "arab") ||
                           is_word(c, p, "regional") || is_word(c, p, "foreign") ||
                           is_word(c, p, "western") || is_word(c, p, "asian") ||
                           is_word(c, p, "allied") || is_word(c, p, "nordic") ||
                           is_word(c, p, "baltic") || is_word(c, p, "gulf")) {
                        ok = 1;
                } else if (is_word(c, p, "his") || is_word(c, p, "her")) {
                        ok = is_word(c, i, "counterpart") || is_word(c, i, "counterparts");
                } else if (is_word(c, i, "leaders") &&
                           (is_word(c, p, "two") || is_word(c, p, "both") || is_word(c, p, "three"))) {
                        return 2; /* "the two leaders": the ones just named */
                }
        }
        if (!ok && (is_word(c, i + 1, "from") || is_word(c, i + 1, "of")) && !is_word(c, i, "counterpart"))
                ok = 1;
        return ok;
}

/* Subject: walks back from token t for the nearest person mention (or a
 * pronoun), then collects persons coordinated with it ("X and Y", "X–Y").
 * Stops at the sentence start. */
static void find_subject(const ctx_t *c, size_t t, parties_t *ps) {
        const nx_sentence_t *s = sent_of(c, t);
        size_t lo = s->tok_first;
        size_t i = t;
        while (i > lo) {
                i--;
                if (c->actor[i] >= 0 && is_type(c, i, NX_ACTOR_PERSON)) {
                        /* "Trump's envoy Witkoff meets": a possessor is not the subject */
                        if (c->m1[i] < c->n && is_poss(c, c->m1[i]) && c->m1[i] < t)
                                return;
                        /* "King Salman Humanitarian Aid Center": part of a name */
                        if (c->m1[i] < t && is_cap(c, c->m1[i]) && c->actor[c->m1[i]] < 0 &&
                            !is_roletok(c, c->m1[i]))
                                return;
                        party_from_mention(ps, c, i);
                        i = c->m0[i];
                        break;
                }
                if ((cls_at(c, i) & NX_SW_PRON) && !is_word(c, i, "her")) {
                        size_t j = resolve_pronoun(c, i);
                        if (j != (size_t)-1)
                                party_from_mention(ps, c, j);
                        return;
                }
                char cc[4];
                int g = i + 4 >= t ? leaders_group(c, i, lo, cc) : 0;
                if (g) {
                        /* a plural subject ("EU leaders", "the two leaders") is a meeting by itself */
                        party_add(ps, c, -1, is_word(c, i, "leaders") || is_word(c, i, "heads") ? 2 : 1, cc, i, i + 1);
                        break; /* "X and other European leaders meet": coordination below */
                }
        }
        if (!ps->n)
                return;
        /* coordination: "A and B", "A, B and C", "A–B", with titles and
         * demonyms in between */
        int joined = 0;
        while (i > lo) {
                i--;
                if (is_word(c, i, "and") || is_punct(c, i, ",") || is_dash(c, i) ||
                    is_word(c, i, "with")) {
                        joined = 1;
                        continue;
                }
                if (c->actor[i] >= 0 && is_type(c, i, NX_ACTOR_PERSON)) {
                        /* without "and" it is the same name split in two
                         * ("Haitham bin Tariq") */
                        if (joined) {
                                party_from_mention(ps, c, i);
                        } else if (ps->n) {
                                /* the same person: complete what the other half lacks */
                                party_t *p = &ps->p[ps->n - 1];
                                const nx_sentence_t *s2 = sent_of(c, i);
                                if (!p->cc[0])
                                        mention_country(c, c->m0[i], c->m1[i], s2->tok_first, s2->tok_end, p->cc);
                                if (!p->leader)
                                        p->leader = mention_is_leader(c, c->m0[i], c->m1[i], s2->tok_first);
                        }
                        i = c->m0[i];
                        joined = 0;
                        continue;
                }
                if (is_particle(c, i))
                        continue;
                if (is_roletok(c, i) || (cls_at(c, i) & (NX_SW_NEGROLE | NX_SW_DET)) ||
                    c->actor[i] >= 0 || is_word(c, i, "of") || is_word(c, i, "both") ||
                    is_poss(c, i) || is_word(c, i, "other") || is_word(c, i, "several") ||
                    is_word(c, i, "fellow") || is_word(c, i, "many") || is_word(c, i, "some"))
                        continue;
                break;
        }
}

/* Object: walks forward from token t (after "with"/"between"/"of") over
 * titles, demonyms and determiners to the person(s) or leaders group. */
static void find_object(const ctx_t *c, size_t t, parties_t *ps, size_t *end) {
        *end = t;
        /* "meets with" as the last tokens: no object (fuzz_summits: a read past
         * the tokens) */
        if (t >= c->doc->n_toks)
                return;
        const nx_sentence_t *s = sent_of(c, t);
        size_t hi = s->tok_end;
        size_t i = t, skipped = 0;
        *end = t;
        while (i < hi && skipped < 8) {
                if (c->actor[i] >= 0 && is_type(c, i, NX_ACTOR_PERSON)) {
                        size_t e = c->m1[i];
                        if (e < hi && is_poss(c, e)) { /* "Trump's envoy X" */
                                i = e + 1;
                                skipped++;
                                continue;
                        }
                        party_from_mention(ps, c, i);
                        *end = e;
                        i = e;
                        /* coordinated: "and", ",", "of Rwanda" */
                        size_t j = i;
                        int joined = 0;
                        while (j < hi && j < i + 8) {
                                /* "X, Y and Z" but not "with X, President Y announces" */
                                if (is_word(c, j, "and")) {
                                        joined = 1;
                                        j++;
                                } else if (is_punct(c, j, ",")) {
                                        j++;
                                } else if (c->actor[j] >= 0 && is_type(c, j, NX_ACTOR_PERSON)) {
                                        if (!joined)
                                                break;
                                        break;
                                } else if (is_roletok(c, j) || (cls_at(c, j) & NX_SW_DET) ||
                                           c->actor[j] >= 0 || is_word(c, j, "of")) {
                                        j++;
                                } else {
                                        break;
                                }
                        }
                        if (joined && j < hi && c->actor[j] >= 0 && is_type(c, j, NX_ACTOR_PERSON)) {
                                i = j;
                                skipped = 0;
                                continue;
                        }
                        return;
                }
                char cc[4];
                /* "his Chinese counterpart, Xi Jinping": the person named */
                if ((is_word(c, i, "counterpart") || is_word(c, i, "counterparts")) &&
                    ((c->actor[i + 1] >= 0 && is_type(c, i + 1, NX_ACTOR_PERSON)) ||
                     (is_punct(c, i + 1, ",") && c->actor[i + 2] >= 0 && is_type(c, i + 2, NX_ACTOR_PERSON)))) {
                        i++;
                        continue;
                }
                if (leaders_group(c, i, s->tok_first, cc)) {
                        party_add(ps, c, -1, 1, cc, i, i + 1);
                        *end = i + 1;
                        if (is_word(c, i + 1, "from") || is_word(c, i + 1, "of")) {
                                size_t j = i + 2;
                                while (j < hi && j < i + 7 && !is_punct(c, j, ",") && !is_punct(c, j, ".") &&
                                       !is_word(c, j, "in") && !is_word(c, j, "to") && !is_word(c, j, "for"))
                                        j++;
                                *end = j;
                        }
                        return;
                }
                if (is_word(c, i, "with") || is_word(c, i, "between") || is_word(c, i, "among") ||
                    is_word(c, i, "and") || is_roletok(c, i) ||
                    (cls_at(c, i) & (NX_SW_DET | NX_SW_NEGROLE | NX_SW_PREMOD)) ||
                    c->actor[i] >= 0 || is_poss(c, i) || is_cap(c, i) ||
                    is_word(c, i, "fellow") || is_word(c, i, "of")) {
                        i++;
                        skipped++;
                        continue;
                }
                return;
        }
}

static int n_leaders(const parties_t *ps) {
        int n = 0;
        for (size_t k = 0; k < ps->n; k++)
                n += ps->p[k].leader;
        return n;
}

/* 1 when ps has two leaders from different (or unknown) countries */
static int two_leaders(const parties_t *ps) {
        /* "the two leaders met", "EU leaders meet": a plural group */
        for (size_t a = 0; a < ps->n; a++)
                if (ps->p[a].actor < 0 && ps->p[a].leader == 2)
                        return 1;
        for (size_t a = 0; a < ps->n; a++)
                for (size_t b = a + 1; b < ps->n; b++)
                        if (ps->p[a].leader && ps->p[b].leader &&
                            (!ps->p[a].cc[0] || !ps->p[b].cc[0] || strcmp(ps->p[a].cc, ps->p[b].cc)))
                                return 1;
        return 0;
}

static void parties_merge(parties_t *dst, const parties_t *src) {
        for (size_t k = 0; k < src->n; k++) {
                const party_t *p = &src->p[k];
                int dup = 0;
                for (size_t j = 0; j < dst->n; j++)
                        if (dst->p[j].actor >= 0 && dst->p[j].actor == p->actor)
                                dup = 1;
                if (!dup && dst->n < MAX_PARTS)
                        dst->p[dst->n++] = *p;
        }
}

/* ------------------------------------------------------------------ candidates */

static void cc_add(cand_t *k, const char *cc) {
        if (!cc || !cc[0])
                return;
        for (size_t i = 0; i < k->ncc; i++)
                if (!strcmp(k->cc[i], cc))
                        return;
        if (k->ncc < MAX_CC)
                memcpy(k->cc[k->ncc++], cc, 4);
}

/* a place name chain starting at i: "Kananaskis, Alberta, Canada";
 * returns its end (exclusive) or i when there is none */
static size_t place_chain(const ctx_t *c, size_t i, size_t hi) {
        size_t e = i;
        while (e < hi) {
                if (is_place(c, e) || is_cap(c, e) ||
                    (e > i && is_dash(c, e) && e + 1 < hi && (is_cap(c, e + 1) || is_place(c, e + 1)))) {
                        if (is_cap(c, e) && !is_place(c, e) && (cls_at(c, e) & NX_SW_DET))
                                break;
                        e++;
                        continue;
                }
                /* "Évian-les-Bains": lower-case words joined by hyphens */
                if (e > i && is_dash(c, e - 1) && c->doc->toks[e].start == c->doc->toks[e - 1].end &&
                    c->doc->toks[e].kind == NX_TOK_WORD) {
                        e++;
                        continue;
                }
                if (e > i && is_dash(c, e) && c->doc->toks[e].start == c->doc->toks[e - 1].end) {
                        e++;
                        continue;
                }
                if (e > i && is_punct(c, e, ",") && e + 1 < hi &&
                    (is_place(c, e + 1) || (is_cap(c, e + 1) && !(cls_at(c, e + 1) & NX_SW_DET) &&
                                            !(c->actor[e + 1] >= 0 && !is_place(c, e + 1))))) {
                        /* "in Ankara, Turkey, U.S. president Trump ...": a place
                         * that modifies what follows is not part of the chain */
                        size_t n1 = c->actor[e + 1] >= 0 ? c->m1[e + 1] : e + 2;
                        if (n1 < hi && (is_roletok(c, n1) || (c->doc->toks[n1].kind == NX_TOK_WORD &&
                                                              (c->doc->toks[n1].flags & NX_TF_LOWER) &&
                                                              !is_word(c, n1, "and"))))
                                break;
                        e++;
                        continue;
                }
                break;
        }
        while (e > i && (is_punct(c, e - 1, ",") || is_dash(c, e - 1)))
                e--;
        /* a person or an organisation is not a place */
        if (e > i && c->actor[i] >= 0 && !is_place(c, i) && !is_type(c, i, NX_ACTOR_NORP))
                return i;
        return e;
}

/* "in/at <place>" within a few tokens after token i: fills loc0/loc1 */
static void find_location(const ctx_t *c, cand_t *k, size_t i) {
        const nx_sentence_t *s = sent_of(c, i);
        for (size_t j = i; j < s->tok_end && j < i + 4; j++) {
                if (is_word(c, j, "in") || is_word(c, j, "at")) {
                        size_t p = j + 1;
                        if (is_word(c, p, "the") && is_cap(c, p + 1))
                                p++;
                        size_t e = place_chain(c, p, s->tok_end);
                        /* "in The Hague" tagged as an organisation is still a place */
                        if (e == p && is_type(c, p, NX_ACTOR_ORG) && !c->org[c->m0[p]])
                                e = c->m1[p];
                        if (e > p && (is_place(c, p) || is_cap(c, p))) {
                                if (c->actor[p] >= 0 && c->m0[p] < p) /* "The Hague" */
                                        p = c->m0[p];
                                /* a venue ("State House", "Lido Beach": no place
                                 * of the actors in it, a venue noun last), then "in
                                 * <place>" (a GPE, or a capitalised name that is no
                                 * other actor and no date): the place is the
                                 * location ("at State House in Entebbe" is in
                                 * Entebbe, "at the White House in May" is not) */
                                size_t g = p;
                                while (g < e && !is_place(c, g))
                                        g++;
                                if (g == e && (cls_at(c, e - 1) & NX_SW_VENUE) && is_word(c, e, "in") &&
                                    (is_place(c, e + 1) || (is_cap(c, e + 1) && c->actor[e + 1] < 0 &&
                                                            c->date[e + 1] < 0))) {
                                        size_t e2 = place_chain(c, e + 1, s->tok_end);
                                        if (e2 > e + 1) {
                                                p = e + 1;
                                                e = e2;
                                        }
                                }
                                k->loc0 = p;
                                k->loc1 = e;
                                return;
                        }
                }
        }
}

/* "in/at <place>" starting at token i: the end (exclusive) of the phrase and
 * of a comma that closes it ("in Riyadh, Saudi Arabia, between ..."), or i
 * when no place phrase starts there */
static size_t locative_end(const ctx_t *c, size_t i, size_t hi) {
        if (!is_word(c, i, "in") && !is_word(c, i, "at"))
                return i;
        size_t p = i + 1;
        if (is_word(c, p, "the") && is_cap(c, p + 1))
                p++;
        size_t e = place_chain(c, p, hi);
        if (e <= p || !(is_place(c, p) || is_cap(c, p)))
                return i;
        if (e < hi && is_punct(c, e, ","))
                e++;
        return e;
}

/* country of a place chain: the first GPE in it with a country */
static const char *place_cc(const ctx_t *c, size_t p0, size_t p1) {
        for (size_t i = p0; i < p1; i++) {
                const nx_actor_t *a = actor_of(c, i);
                if (a && a->type == NX_ACTOR_GPE && a->country[0])
                        return a->country;
        }
        return NULL;
}

/* the date nearest to the mention in its sentence (DATE/TIME with a year) */
static int find_date(const ctx_t *c, const cand_t *k) {
        const nx_sentence_t *s = &c->doc->sents[k->sent];
        int best = -1;
        size_t bestd = (size_t)-1;
        for (size_t i = s->tok_first; i < s->tok_end; i++) {
                int d = c->date[i];
                if (d < 0 || (i > s->tok_first && c->date[i - 1] == d))
                        continue;
                const nx_timex_t *x = &c->res->dates[d];
                if (x->type != NX_TIMEX_DATE && x->type != NX_TIMEX_TIME)
                        continue;
                if (!x->value || !isdigit((unsigned char)x->value[0]) ||
                    !isdigit((unsigned char)x->value[3]))
                        continue;
                if (i > s->tok_first && (is_word(c, i - 1, "since") || is_word(c, i - 1, "until") ||
                                         is_word(c, i - 1, "by") || is_word(c, i - 1, "till")))
                        continue;
                /* "the 2025 Bondi Beach shooting": the date of another event */
                size_t de = i;
                while (de < s->tok_end && c->date[de] == d)
                        de++;
                if ((de < k->t0 || i >= k->t1) && de < s->tok_end && is_cap(c, de) &&
                    !(c->doc->toks[de].flags & NX_TF_SENT_START))
                        continue;
                size_t dist = i < k->t0 ? k->t0 - i : i >= k->t1 ? i - k->t1 + 1 : 0;
                if (i < k->t0)
                        dist += 1; /* prefer dates after the trigger */
                if (dist > 16)
                        continue;
                if (dist < bestd) {
                        bestd = dist;
                        best = d;
                }
        }
        return best;
}

/* Compares a TIMEX3 calendar value ("2022-09", "2022-09-15", "2022") with
 * the DCT at the value's own grain: <0 when the value ends before the DCT's
 * day, >0 when it starts after it, 0 when it contains it or either is unknown
 * (seasons, weeks, no DCT). */
static int date_vs_dct(const ctx_t *c, const char *v) {
        if (!v || c->doc->dct.year <= 0)
                return 0;
        char dct[48];
        snprintf(dct, sizeof(dct), "%04d-%02d-%02d", c->doc->dct.year,
                 c->doc->dct.month ? c->doc->dct.month : 1, c->doc->dct.day ? c->doc->dct.day : 1);
        size_t n = 0;
        while (n < 10 && v[n] && (isdigit((unsigned char)v[n]) || v[n] == '-'))
                n++;
        if (n != 4 && n != 7 && n != 10)
                return 0;
        if (v[n] && v[n] != 'T')
                return 0; /* "2022-W51", "2023-SP" */
        /* a DCT without a month or day cannot order a finer date */
        if ((n > 4 && !c->doc->dct.month) || (n > 7 && !c->doc->dct.day))
                return 0;
        int r = strncmp(v, dct, n);
        return r < 0 ? -1 : r > 0 ? 1 : 0;
}

/* status and format from the words around the mention */
static void find_status(const ctx_t *c, cand_t *k) {
        const nx_sentence_t *s = &c->doc->sents[k->sent];
        size_t lo = k->t0 > s->tok_first + 8 ? k->t0 - 8 : s->tok_first;
        size_t hi = k->t1 + 4 < s->tok_end ? k->t1 + 4 : s->tok_end;
        int cancel = 0, plan = 0, prop = 0, ongoing = 0, virt = 0, past = 0;
        for (size_t i = lo; i < hi; i++) {
                uint32_t w = cls_at(c, i);
                /* "calls for a summit" proposes it; "calls off the summit",
                 * "is calling off", "was called off" cancel it */
                if ((w & NX_SW_CALLV) && is_word(c, i + 1, "for"))
                        prop = 1;
                if ((w & NX_SW_CALLV) && is_word(c, i + 1, "off"))
                        w |= NX_SW_CANCEL;
                if (w & NX_SW_CANCEL) {
                        /* cancelling one's participation: the summit goes ahead */
                        size_t j = i + 1;
                        if (cls_at(c, j) & NX_SW_DET)
                                j++;
                        if (is_word(c, j, "participation") || is_word(c, j, "attendance"))
                                plan = 1;
                        else
                                cancel = 1;
                }
                /* quitting this summit is cancelling one's participation:
                 * "withdraws from a regional summit with ...", "pulls out of
                 * the EAC summit" (the particle's object is the summit) */
                if (w & NX_SW_QUITV) {
                        size_t q = i + 1;
                        if (is_word(c, q, "out") && is_word(c, q + 1, "of"))
                                q += 2;
                        else if (is_word(c, q, "from"))
                                q++;
                        if (q > i + 1 && q >= k->t0 && q <= k->trig)
                                plan = 1;
                }
                if ((w & NX_SW_PLAN) && i + 5 >= k->t0)
                        plan = 1;
                if (w & NX_SW_PROPOSED)
                        prop = 1;
                if ((w & NX_SW_ONGOING) && (i < k->t0 + 1 || is_word(c, i, "begins") ||
                                            is_word(c, i, "opens") || is_word(c, i, "underway") ||
                                            is_word(c, i, "ongoing")))
                        ongoing = 1;
                /* "the last G-20 summit", "the previous summit": past */
                if (i >= k->t0 && i < k->trig &&
                    (is_word(c, i, "last") || is_word(c, i, "previous") || is_word(c, i, "recent")))
                        past = 1;
                if (w & NX_SW_VIRTUAL)
                        virt = 1;
                /* "is to meet", "agreed to visit": an infinitive reports no
                 * meeting yet ("visits X to meet Y" merges into the visit) */
                if (is_word(c, i, "to") && i + 1 == k->trig && k->kind != K_SUMMIT)
                        plan = 1;
        }
        /* a past-tense trigger reports a held meeting: "visited", "met" */
        if (is_word(c, k->trig, "met") || is_word(c, k->trig, "visited") || is_word(c, k->trig, "signed") ||
            is_word(c, k->trig, "arrived") || is_word(c, k->trig, "travelled") ||
            is_word(c, k->trig, "traveled") || is_word(c, k->trig, "landed") ||
            (k->trig + 1 < c->n && is_word(c, k->trig + 1, "held")) ||
            (k->trig > s->tok_first && is_word(c, k->trig - 1, "held")))
                plan = prop = 0;
        if (past)
                plan = prop = ongoing = 0;
        k->past = past;
        k->virtual_ = virt;
        k->proposed = prop;
        if (cancel)
                k->status = NX_SUMMIT_CANCELLED;
        else if (plan || prop)
                k->status = NX_SUMMIT_PLANNED;
        else if (ongoing)
                k->status = NX_SUMMIT_ONGOING;
        else
                k->status = NX_SUMMIT_HELD;
        /* a date after the DCT makes it planned; a date wholly before the
         * DCT makes "during/at the summit" a past one: "during the SCO summit
         * in Uzbekistan in September" in a December article was held */
        if (k->date >= 0 && k->status != NX_SUMMIT_CANCELLED) {
                int cmp = date_vs_dct(c, c->res->dates[k->date].value);
                if (cmp > 0)
                        k->status = NX_SUMMIT_PLANNED;
                else if (cmp < 0 && k->status == NX_SUMMIT_ONGOING)
                        k->status = NX_SUMMIT_HELD;
        }
}

/* start of the noun phrase ending at token e (exclusive of determiners'
 * left context): steps back over premodifiers, names, numbers and one
 * determiner or possessor */
static size_t np_start(const ctx_t *c, size_t e, size_t lo) {
        size_t i = e;
        while (i > lo) {
                size_t p = i - 1;
                uint32_t w = cls_at(c, p);
                size_t os;
                if (org_covering(c, p, &os) && os >= lo) {
                        i = os;
                        continue;
                }
                /* "Shield of the Americas summit": a name with "of the" inside */
                if ((w & NX_SW_DET) && is_word(c, p, "the") && p >= lo + 2 && is_word(c, p - 1, "of") &&
                    is_cap(c, p - 2) && is_cap(c, p + 1)) {
                        i = p - 2;
                        continue;
                }
                if (w & NX_SW_DET)
                        return p;
                /* hyphenated compounds: "high-level", "four-day" */
                if (c->doc->toks[p].kind == NX_TOK_WORD &&
                    ((p + 1 < e && is_dash(c, p + 1) && c->doc->toks[p + 1].start == c->doc->toks[p].end) ||
                     (p > lo && is_dash(c, p - 1) && c->doc->toks[p - 1].end == c->doc->toks[p].start))) {
                        i = p;
                        continue;
                }
                if ((w & (NX_SW_PREMOD | NX_SW_EXT | NX_SW_STATEV | NX_SW_VIRTUAL)) || is_cap(c, p) ||
                    c->doc->toks[p].kind == NX_TOK_NUM || is_dash(c, p) || c->actor[p] >= 0 ||
                    c->date[p] >= 0 || (is_word(c, p, "th") || is_word(c, p, "st") || is_word(c, p, "nd") ||
                                        is_word(c, p, "rd") || is_word(c, p, "upcoming") ||
                                        is_word(c, p, "next") || is_word(c, p, "planned") ||
                                        is_word(c, p, "proposed") || is_word(c, p, "potential") ||
                                        is_word(c, p, "possible"))) {
                        i = p;
                        continue;
                }
                if (is_poss(c, p) && p > lo) {
                        i = p - 1;
                        if (c->actor[i] >= 0)
                                i = c->m0[i];
                        return i;
                }
                break;
        }
        return i;
}

static char *slugify(nx_arena_t *A, const char *s, size_t len) {
        char *o = nx_arena_alloc(A, len + 1);
        if (!o)
                return NULL;
        size_t n = 0;
        int dash = 0;
        for (size_t i = 0; i < len; i++) {
                unsigned char ch = (unsigned char)s[i];
                if (isalnum(ch)) {
                        if (dash && n)
                                o[n++] = '-';
                        o[n++] = (char)tolower(ch);
                        dash = 0;
                } else if (ch >= 0x80) {
                        /* keep UTF-8 letters as they are: "évian" */
                        if (dash && n)
                                o[n++] = '-';
                        o[n++] = (char)ch;
                        dash = 0;
                } else {
                        dash = 1;
                }
        }
        o[n] = '\0';
        return o;
}

/* a word or mark that opens or closes a clause: quotes, ";", ":", relative
 * pronouns and subordinators ("who snapped at Putin in Samarkand", "reaffirm
 * that ...", "although ...") */
static int clause_mark(const ctx_t *c, size_t i) {
        static const char *const w[] = {"who", "whom", "whose", "which", "that", "where", "although",
                                        "though", "whereas", "but", "because", NULL};
        /* ", while Y ..." contrasts another clause; "while at the summit"
         * keeps the subject */
        if (is_word(c, i, "while") && i > 0 && is_punct(c, i - 1, ","))
                return 1;
        if (is_punct(c, i, ";") || is_punct(c, i, ":") || is_punct(c, i, "\"") ||
            is_punct(c, i, "\xe2\x80\x9c") || is_punct(c, i, "\xe2\x80\x9d") || is_punct(c, i, "(") ||
            is_punct(c, i, ")"))
                return 1;
        for (size_t k = 0; w[k]; k++)
                if (is_word(c, i, w[k]))
                        return 1;
        return 0;
}

/* The clause of the summit mention k->t0..k->t1: back to the nearest clause
 * mark (commas are crossed: "talks with his counterpart, Xi Jinping, in a
 * videoconference summit"), forward to a clause mark, an infinitive ("to
 * address ...") or a comma. A summit in a sentence-opening phrase ("At the
 * NATO summit in Ankara, Turkey, President Trump repeats ...") also takes the
 * clause after its comma: its subject is at the summit. */
static void summit_clause(const ctx_t *c, const cand_t *k, size_t *cl0, size_t *cl1) {
        const nx_sentence_t *s = &c->doc->sents[k->sent];
        size_t lo = s->tok_first, hi = s->tok_end;
        size_t i = k->t0;
        while (i > lo) {
                /* a quotation is one constituent: "says \"...\" and cancels" */
                int dq = is_punct(c, i - 1, "\"");
                if (dq || is_punct(c, i - 1, "\xe2\x80\x9d")) {
                        size_t q = i - 1;
                        while (q > lo && !(dq ? is_punct(c, q - 1, "\"") : is_punct(c, q - 1, "\xe2\x80\x9c")))
                                q--;
                        if (q > lo) {
                                i = q - 1;
                                continue;
                        }
                }
                if (clause_mark(c, i - 1)) {
                        /* "X says that her government is planning to hold
                         * summit talks": a pronoun in the reported clause
                         * points back to its speaker */
                        int back = 0;
                        if (is_word(c, i - 1, "that"))
                                for (size_t q = i; q < k->t0 && !back; q++)
                                        back = (cls_at(c, q) & NX_SW_PRON) != 0;
                        if (!back)
                                break;
                }
                i--;
        }
        *cl0 = i;
        /* sentence-opening: a preposition and the mention, nothing else */
        int fronted = k->t0 > lo && k->t0 <= lo + 4;
        for (size_t j = lo; j < k->t0 && fronted; j++)
                if (is_punct(c, j, ",") || c->actor[j] >= 0)
                        fronted = 0;
        size_t j = k->t1;
        int commas = 0;
        while (j < hi && !clause_mark(c, j)) {
                if (is_punct(c, j, ",")) {
                        /* "..., along with Rwandan President Paul Kagame" */
                        if (is_word(c, j + 1, "along") || is_word(c, j + 1, "alongside") ||
                            is_word(c, j + 1, "with") || is_word(c, j + 1, "including")) {
                                j++;
                                continue;
                        }
                        /* a place chain "in Ankara, Turkey," is inside the mention */
                        if (!fronted || commas++)
                                break;
                }
                if (is_word(c, j, "to") && j + 1 < hi && c->doc->toks[j + 1].kind == NX_TOK_WORD &&
                    (c->doc->toks[j + 1].flags & NX_TF_LOWER) && !(cls_at(c, j + 1) & NX_SW_DET) &&
                    c->actor[j + 1] < 0)
                        break;
                j++;
        }
        *cl1 = j;
}

/* the SUMMIT trigger at token t; returns 1 when it is a leaders' summit */
static int summit_cand(ctx_t *c, size_t t, cand_t *k) {
        const nx_doc_t *doc = c->doc;
        const nx_sentence_t *s = sent_of(c, t);
        size_t lo = s->tok_first, hi = s->tok_end;
        /* mountaineering: "summit of Mount Everest", "reached the summit" */
        for (size_t j = t + 1; j < hi && j <= t + 3; j++)
                if (cls_at(c, j) & NX_SW_MOUNT)
                        return 0;
        for (size_t j = t > lo + 6 ? t - 6 : lo; j < t; j++)
                if ((cls_at(c, j) & NX_SW_MOUNT) && !is_word(c, j, "clash") && !is_word(c, j, "showdown"))
                        return 0;
        /* "Summit Lake", "Summit County" */
        if (is_cap(c, t) && (cls_at(c, t + 1) & NX_SW_GEO) && is_cap(c, t + 1))
                return 0;
        if (is_cap(c, t) && t > lo && is_cap(c, t - 1) && (cls_at(c, t + 1) & NX_SW_GEO))
                return 0;
        /* "Summit Carbon Solutions", "Summit Health": a capitalised Summit
         * inside a longer name (a named summit ends at "Summit") */
        if (is_cap(c, t) && !(c->doc->toks[t].flags & NX_TF_SENT_START) && is_cap(c, t + 1) &&
            t + 1 < hi && !c->org[t] && c->actor[t + 1] < 0)
                return 0;
        k->kind = K_SUMMIT;
        size_t s0 = np_start(c, t, lo);
        /* a summit of ministers, business people...: premodifiers or "of ..." */
        for (size_t j = s0; j < t; j++)
                if (cls_at(c, j) & NX_SW_OFFICIAL)
                        return 0;
        size_t e = t + 1;
        /* the org alias may start at "summit" ("Summit of the Americas") */
        if (c->org[t]) {
                k->org = c->org[t];
                e = t + c->orglen[t];
        } else if ((cls_at(c, t + 1) & NX_SW_MEET_N) && !is_word(c, t + 1, "dinner")) {
                /* "summit talks with Iran", "a summit meeting between ..." */
                e = t + 2;
                if (is_word(c, e, "with") || is_word(c, e, "between")) {
                        size_t oe;
                        parties_t ob = {0};
                        find_object(c, e + 1, &ob, &oe);
                        parties_merge(&k->parts, &ob);
                        for (size_t q = e + 1; q < hi && q < e + 6; q++) {
                                const nx_actor_t *a = actor_of(c, q);
                                if (a && a->type == NX_ACTOR_GPE && a->country[0]) {
                                        cc_add(k, a->country);
                                        if (q + 1 > oe)
                                                oe = c->m1[q];
                                }
                                if (!(a || is_word(c, q, "and") || is_punct(c, q, ",") ||
                                      (cls_at(c, q) & NX_SW_DET)))
                                        break;
                        }
                        if (oe > e)
                                e = oe;
                }
        } else if (is_word(c, t + 1, "of") || is_word(c, t + 1, "with") || is_word(c, t + 1, "between")) {
                size_t j = t + 2;
                while (j < hi && (cls_at(c, j) & NX_SW_DET))
                        j++;
                for (size_t q = t + 2; q < hi && q <= t + 5; q++)
                        if ((cls_at(c, q) & NX_SW_OFFICIAL) && is_word(c, t + 1, "of"))
                                return 0;
                if (is_word(c, t + 1, "of") && c->org[j]) {
                        k->org = c->org[j];
                        e = j + c->orglen[j];
                } else if (is_word(c, t + 1, "of") && is_cap(c, t) && is_cap(c, j) && !c->org[j]) {
                        /* "the Summit of Baltic Sea Allies": a proper name */
                        size_t q = j;
                        while (q < hi && (is_cap(c, q) || is_word(c, q, "of") || is_word(c, q, "the") ||
                                          is_word(c, q, "and")) && !is_word(c, q, "in"))
                                q++;
                        while (q > j && !is_cap(c, q - 1))
                                q--;
                        k->name_slug = slugify(doc->arena, doc->text + doc->toks[j].start,
                                               doc->toks[q - 1].end - doc->toks[j].start);
                        e = q;
                } else if (!is_word(c, t + 1, "of")) {
                        size_t oe;
                        parties_t ob = {0};
                        find_object(c, t + 2, &ob, &oe);
                        parties_merge(&k->parts, &ob);
                        if (oe > e)
                                e = oe;
                }
        }
        /* premodifiers: org alias, proper name, "emergency" */
        size_t name0 = (size_t)-1, name1 = 0;
        int name_real = 0;
        for (size_t j = s0; j < t; j++) {
                if (cls_at(c, j) & NX_SW_EXT)
                        k->ext = 1;
                size_t os;
                const nx_summit_org_t *o = org_covering(c, j, &os);
                if (o) {
                        if (!k->org)
                                k->org = o;
                        continue;
                }
                if (c->date[j] >= 0 || doc->toks[j].kind == NX_TOK_NUM)
                        continue;
                if ((is_cap(c, j) && !(cls_at(c, j) & NX_SW_DET) && !(doc->toks[j].flags & NX_TF_SENT_START &&
                                                                        (cls_at(c, j) & (NX_SW_PREMOD | NX_SW_EXT)))) ||
                    (name0 != (size_t)-1 && (is_dash(c, j) || is_word(c, j, "of") || is_word(c, j, "the")))) {
                        if (name0 == (size_t)-1)
                                name0 = j;
                        name1 = j + 1;
                        /* people and countries are the parties ("the Putin–Xi
                         * summit", "the EU–China summit"), anything else a name */
                        const nx_actor_t *a = actor_of(c, j);
                        int party = a && (a->type == NX_ACTOR_PERSON || a->type == NX_ACTOR_NORP ||
                                          (a->type == NX_ACTOR_GPE && a->country[0]));
                        if (is_cap(c, j) && !party && !(cls_at(c, j) & (NX_SW_PREMOD | NX_SW_EXT)))
                                name_real = 1;
                        if (is_cap(c, j) && !party && is_cap(c, t))
                                name_real = 1; /* "India–Africa Forum Summit" */
                }
        }
        if (!k->org && !k->name_slug && name_real && name0 != (size_t)-1 && name1 == t) {
                k->name_slug = slugify(doc->arena, doc->text + doc->toks[name0].start,
                                       doc->toks[name1 - 1].end - doc->toks[name0].start);
        } else if (!k->org && name0 != (size_t)-1 && name1 == t) {
                /* "EU–China summit", "Russia–Africa summit": the parties */
                for (size_t j = name0; j < name1; j++) {
                        const nx_actor_t *a = actor_of(c, j);
                        if (a && (a->type == NX_ACTOR_GPE || a->type == NX_ACTOR_NORP))
                                cc_add(k, a->country);
                        if (a && a->type == NX_ACTOR_PERSON && c->m0[j] == j)
                                party_from_mention(&k->parts, c, j);
                }
        }
        k->t0 = s0;
        k->t1 = e;
        find_location(c, k, e - 1);
        if (k->loc1 && k->loc1 > k->t1 && k->loc0 <= e + 2)
                k->t1 = k->loc1;
        /* a bare "the summit": nothing of its own names it */
        int own = k->org || k->name_slug || k->loc1 || k->parts.n || k->ncc;
        for (size_t j = s0; j < t && !own; j++)
                if (!(cls_at(c, j) & (NX_SW_DET | NX_SW_PREMOD | NX_SW_VIRTUAL)))
                        own = 1;
        for (size_t j = s0; j < t && !own; j++)
                if (is_word(c, j, "a") || is_word(c, j, "an"))
                        own = 1;
        k->bare = !own;
        if (!k->org) {
                /* an organisation named in the sentence: "G7 nations at the summit";
                 * the EU is a guest at many summits, so it yields to others */
                const nx_summit_org_t *best = NULL;
                for (size_t j = lo; j < hi; j++) {
                        if (!c->org[j])
                                continue;
                        /* "ahead of the NATO summit": that org has its own summit */
                        int own_summit = 0;
                        for (size_t q = j + c->orglen[j]; q < hi && q <= j + c->orglen[j] + 2; q++)
                                if ((cls_at(c, q) & NX_SW_SUMMIT) && q != t)
                                        own_summit = 1;
                        if (!own_summit && (!best || !strcmp(best->slug, "eu") || !strcmp(best->slug, "un")))
                                best = c->org[j];
                }
                /* only a definite "the summit" refers back to it; "a summit"
                 * introduces another one */
                int indefinite = is_word(c, s0, "a") || is_word(c, s0, "an");
                /* "a crisis summit ... involving SADC and the EAC" */
                for (size_t j = e; j < hi && j < e + 9 && indefinite; j++)
                        if (c->org[j] && c->org[j] == best)
                                indefinite = 0;
                /* ... unless the organisation's leaders hold it: "EU leaders hold a summit" */
                for (size_t j = lo; j < t && indefinite; j++)
                        if (c->org[j] && c->org[j] == best) {
                                size_t q = j + c->orglen[j];
                                if (is_word(c, q, "leaders") || is_word(c, q, "heads") ||
                                    is_word(c, q, "members") || is_word(c, q, "nations"))
                                        indefinite = 0;
                        }
                if (best && !k->name_slug && !indefinite && strcmp(best->slug, "un") != 0)
                        k->org = best;
        }
        /* the leaders of the summit's own clause take part (or are reported
         * at it); not those of another clause of the sentence */
        size_t cl0, cl1;
        summit_clause(c, k, &cl0, &cl1);
        for (size_t j = cl0; j < cl1; j++)
                if (c->actor[j] >= 0 && c->m0[j] == j && is_type(c, j, NX_ACTOR_PERSON) &&
                    mention_is_leader(c, j, c->m1[j], lo)) {
                        /* "to address Trump's proposal": the possessor of
                         * something else */
                        size_t pe = c->m1[j];
                        if (pe + 1 < hi && is_poss(c, pe) && pe + 1 != t && !(cls_at(c, pe + 1) & NX_SW_SUMMIT))
                                continue;
                        party_from_mention(&k->parts, c, j);
                }
        return 1;
}

/* a visit: visitor leader + foreign destination */

/* the person mention nearest to token t in [lo,hi) that is a leader and not
 * of country avoid (may be NULL); returns its first token or (size_t)-1 */
static size_t nearest_leader(const ctx_t *c, size_t t, size_t lo, size_t hi, const char *avoid) {
        size_t best = (size_t)-1, bd = (size_t)-1;
        for (size_t j = lo; j < hi; j++) {
                if (c->actor[j] < 0 || c->m0[j] != j || !is_type(c, j, NX_ACTOR_PERSON))
                        continue;
                const nx_sentence_t *s = sent_of(c, j);
                if (!mention_is_leader(c, j, c->m1[j], s->tok_first))
                        continue;
                char cc[4];
                mention_country(c, j, c->m1[j], s->tok_first, s->tok_end, cc);
                if (avoid && cc[0] && !strcmp(cc, avoid))
                        continue;
                size_t d = j < t ? t - j : j - t;
                if (d < bd) {
                        bd = d;
                        best = j;
                }
        }
        return best;
}

static int visit_cand(ctx_t *c, size_t t, cand_t *k) {
        const nx_sentence_t *s = sent_of(c, t);
        size_t lo = s->tok_first, hi = s->tok_end;
        uint32_t w = cls_at(c, t);
        int noun = 0, statev = 0;
        size_t s0 = t;
        if (t > lo) {
                uint32_t pw = cls_at(c, t - 1);
                if ((pw & (NX_SW_DET | NX_SW_STATEV | NX_SW_PREMOD)) || is_poss(c, t - 1) ||
                    (is_place(c, t - 1) && !(c->doc->toks[t - 1].flags & NX_TF_SENT_START)))
                        noun = 1; /* "a visit", "Xi's visit", "the Washington visit" */
                if (pw & NX_SW_STATEV)
                        statev = 1;
        }
        if (w & NX_SW_TRIP)
                noun = 1;
        if (w & NX_SW_ARRIVE) {
                noun = 0;
                if (!is_word(c, t + 1, "in") && !is_word(c, t + 1, "to") && !is_word(c, t + 1, "at"))
                        return 0;
        }
        int by = noun && (is_word(c, t + 1, "by") || is_word(c, t + 1, "from"));

        /* destination: "to/in/through <place>", "the country" */
        size_t d0 = 0, d1 = 0;
        int anaphor = 0;
        size_t j = t + 1;
        if (by) {
                j += 1; /* skip the visitor */
                while (j < hi && j < t + 10 && !is_word(c, j, "to") && !is_word(c, j, "in"))
                        j++;
        }
        for (size_t q = j; q < hi && q < j + 7; q++) {
                if (is_punct(c, q, ".") || is_punct(c, q, ";"))
                        break;
                if (is_word(c, q, "the") && (is_word(c, q + 1, "country") || is_word(c, q + 1, "nation"))) {
                        anaphor = 1;
                        d0 = q;
                        d1 = q + 2;
                        break;
                }
                if (is_place(c, q) || (is_cap(c, q) && c->actor[q] < 0 && !(cls_at(c, q) & NX_SW_DET) &&
                                       q > j && (is_word(c, q - 1, "to") || is_word(c, q - 1, "in") ||
                                                 is_word(c, q - 1, "through") || is_word(c, q - 1, "of")))) {
                        d0 = q;
                        d1 = place_chain(c, q, hi);
                        if (d1 <= d0)
                                d1 = d0 + 1;
                        break;
                }
                if (c->actor[q] >= 0 && is_type(c, q, NX_ACTOR_PERSON) && !noun)
                        continue; /* "visit fellow mediators in Riyadh" */
                if (is_word(c, q, "to") && q > t + 1 && !is_place(c, q + 1) && !is_cap(c, q + 1))
                        break; /* purpose clause */
                if (noun && q == j && !is_word(c, q, "to") && !is_word(c, q, "in") &&
                    !is_word(c, q, "through") && !is_word(c, q, "of") && !is_word(c, q, "across") &&
                    !is_word(c, q, "around"))
                        break; /* "his first trip abroad": no destination named */
        }
        if (!d1 && noun) {
                /* "Modi's Washington visit", "his Moscow trip" */
                for (size_t q = t; q-- > lo && q + 4 > t;) {
                        if (is_place(c, q)) {
                                d1 = q + 1;
                                d0 = c->m0[q];
                                break;
                        }
                        if (!(cls_at(c, q) & (NX_SW_STATEV | NX_SW_PREMOD)) && !is_dash(c, q))
                                break;
                }
        }
        /* a verb needs its object; a noun with neither destination nor
         * visitor phrase is too vague ("his first trip") unless a state visit */
        if (!d1 && !(w & NX_SW_ARRIVE) && !by && !statev)
                return 0;
        const char *dcc = NULL;
        if (d1 && !anaphor)
                dcc = place_cc(c, d0, d1);

        /* visitor */
        parties_t vis = {0};
        if (noun) {
                s0 = np_start(c, t, lo);
                if (by) {
                        size_t oe;
                        find_object(c, t + 2, &vis, &oe);
                } else if (s0 < t && c->actor[s0] >= 0 && is_type(c, s0, NX_ACTOR_PERSON)) {
                        party_from_mention(&vis, c, s0); /* "Xi Jinping's state visit" */
                } else if (s0 < t && (cls_at(c, s0) & NX_SW_PRON)) {
                        size_t r = resolve_pronoun(c, s0);
                        if (r != (size_t)-1)
                                party_from_mention(&vis, c, r);
                } else {
                        /* "During a state visit to Beijing, X announces": the nearest
                         * leader not from the destination; a state visit may name its
                         * visitor sentences before ("we await you for a state visit") */
                        size_t r = nearest_leader(c, t, lo, hi, dcc);
                        if (r == (size_t)-1 && statev)
                                r = nearest_leader(c, t, t > 200 ? t - 200 : 0, lo, dcc);
                        if (r != (size_t)-1)
                                party_from_mention(&vis, c, r);
                }
        } else {
                find_subject(c, t, &vis);
        }
        if (!vis.n || !vis.p[0].leader)
                return 0;
        char vcc[4];
        memcpy(vcc, vis.p[0].cc, 4);
        k->kind = K_VISIT;
        k->visit_pair = 1;
        parties_merge(&k->parts, &vis);
        cc_add(k, vcc[0] ? vcc : "---");
        /* hosts */
        if (anaphor) {
                /* "the country": the nearest country named before, not a city
                 * inside another name ("the Rome Statute"); else the nearest
                 * place */
                const char *near = NULL;
                for (size_t q = t; q-- > lo && !dcc;) {
                        const nx_actor_t *a = actor_of(c, q);
                        if (!(a && a->type == NX_ACTOR_GPE && a->country[0] && strcmp(a->country, vcc)))
                                continue;
                        if (!near)
                                near = a->country;
                        const nx_gaz_entry_t *g = c->doc->eng && nx_gaz_get(c->doc->eng) && a->name
                                                          ? nx_gaz_lookup(c->doc->eng, a->name, strlen(a->name))
                                                          : NULL;
                        if (g && g->kind == NX_GAZ_COUNTRY)
                                dcc = a->country;
                        q = c->m0[q];
                }
                if (!dcc)
                        dcc = near;
                if (dcc)
                        cc_add(k, dcc);
        } else if (d1) {
                int domestic = 0;
                for (size_t q = d0; q < d1; q++) {
                        const nx_actor_t *a = actor_of(c, q);
                        if (a && a->type == NX_ACTOR_GPE && a->country[0]) {
                                if (!strcmp(a->country, vcc))
                                        domestic = 1;
                                else
                                        cc_add(k, a->country);
                        }
                }
                if (domestic && k->ncc < 2)
                        return 0; /* "Xi visits Lhasa, Tibet" */
                k->loc0 = d0;
                k->loc1 = d1;
        }
        if (k->ncc < 2 && d1 && !anaphor) {
                /* "visits the newly captured areas in North Kordofan": a named
                 * destination of unknown country is only foreign when a foreign
                 * leader is there to host */
                size_t r = nearest_leader(c, t, lo, hi, vcc[0] ? vcc : NULL);
                char cc[4] = "";
                if (r != (size_t)-1 && c->actor[r] != vis.p[0].actor)
                        mention_country(c, r, c->m1[r], lo, hi, cc);
                if (!cc[0] || !vcc[0])
                        return 0;
                party_from_mention(&k->parts, c, r);
                cc_add(k, cc);
                k->host_inferred = 1;
        }
        if (k->ncc < 2) {
                k->host_inferred = 1;
                /* the other leader in the sentence, else another country named */
                size_t r = nearest_leader(c, t, lo, hi, vcc[0] ? vcc : NULL);
                if (r != (size_t)-1 && c->actor[r] != vis.p[0].actor) {
                        char cc[4];
                        mention_country(c, r, c->m1[r], lo, hi, cc);
                        if (cc[0]) {
                                party_from_mention(&k->parts, c, r);
                                cc_add(k, cc);
                        }
                }
                for (size_t q = lo; q < hi && k->ncc < 2; q++) {
                        const nx_actor_t *a = actor_of(c, q);
                        if (a && a->type == NX_ACTOR_GPE && a->country[0] && strcmp(a->country, vcc))
                                cc_add(k, a->country);
                }
                if (k->ncc < 2)
                        return 0;
        }
        if (!vcc[0]) {
                /* the visitor's country unknown: the one other country the
                 * sentence names ("Belarus plans ... after Lukashenko visited
                 * the country") */
                const char *host = k->cc[1];
                for (size_t q = lo; q < hi; q++) {
                        const nx_actor_t *a = actor_of(c, q);
                        if (a && (a->type == NX_ACTOR_GPE || a->type == NX_ACTOR_NORP) && a->country[0] &&
                            strcmp(a->country, host)) {
                                memcpy(k->cc[0], a->country, 4);
                                break;
                        }
                }
                if (!strcmp(k->cc[0], "---"))
                        return 0;
        }
        /* the host's leaders named in the sentence receive the visit: "we
         * await you for a state visit to Moscow, Putin announced" */
        for (size_t q = lo; q < hi; q++) {
                if (c->actor[q] < 0 || c->m0[q] != q || !is_type(c, q, NX_ACTOR_PERSON) ||
                    c->actor[q] == vis.p[0].actor || !mention_is_leader(c, q, c->m1[q], lo))
                        continue;
                char cc[4];
                mention_country(c, q, c->m1[q], lo, hi, cc);
                for (size_t h = 1; h < k->ncc && (!k->visit_pair || h < 2); h++)
                        if (cc[0] && !strcmp(cc, k->cc[h]))
                                party_from_mention(&k->parts, c, q);
        }
        k->t0 = noun ? s0 : t;
        k->t1 = d1 > t ? d1 : t + 1;
        if (by && vis.p[0].t0 > t && vis.p[0].t1 > k->t1)
                k->t1 = vis.p[0].t1;
        return 1;
}

/* meet/meeting/talks/sign */
static int meet_cand(ctx_t *c, size_t t, cand_t *k) {
        const nx_sentence_t *s = sent_of(c, t);
        size_t lo = s->tok_first, hi = s->tok_end;
        uint32_t w = cls_at(c, t);
        /* a phone call or a remote signing is not a meeting */
        size_t a0 = t > lo + 8 ? t - 8 : lo, a1 = t + 8 < hi ? t + 8 : hi;
        for (size_t j = a0; j < a1; j++)
                if (cls_at(c, j) & NX_SW_PHONE)
                        return 0;
        parties_t subj = {0}, obj = {0};
        size_t oe = t + 1;
        int noun = (w & NX_SW_MEET_N) != 0;
        if (is_word(c, t, "meeting") && t > lo &&
            (is_word(c, t - 1, "is") || is_word(c, t - 1, "are") || is_word(c, t - 1, "was") ||
             is_word(c, t - 1, "were") || is_word(c, t - 1, "been") || is_word(c, t - 1, "after") ||
             is_word(c, t - 1, "before") || is_word(c, t - 1, "while")))
                noun = 0; /* "is meeting X", "after meeting X" */
        size_t s0 = noun ? np_start(c, t, lo) : t;
        if (w & NX_SW_SIGN) {
                /* "to be signed", "plans to sign": not a report of a signing */
                for (size_t q = t > lo + 2 ? t - 2 : lo; q < t; q++)
                        if (is_word(c, q, "be") || is_word(c, q, "been") || is_word(c, q, "being") ||
                            is_word(c, q, "to") || is_word(c, q, "was") || is_word(c, q, "were"))
                                return 0;
                find_subject(c, t, &subj);
                if (!two_leaders(&subj))
                        return 0;
                k->kind = K_SIGN;
                parties_merge(&k->parts, &subj);
                /* "..., hosted by U.S. president Donald Trump" */
                for (size_t q = t + 1; q + 2 < hi && q < t + 14; q++)
                        if (is_word(c, q, "hosted") && is_word(c, q + 1, "by")) {
                                parties_t host = {0};
                                size_t he;
                                find_object(c, q + 2, &host, &he);
                                if (n_leaders(&host))
                                        parties_merge(&k->parts, &host);
                                break;
                        }
                size_t e = t + 1;
                while (e < hi && e < t + 5 && !is_word(c, e, "in") && !is_punct(c, e, ","))
                        e++;
                k->t0 = t;
                k->t1 = e;
                find_location(c, k, e - 1);
                return 1;
        }
        int ok = 0;
        size_t nx = t + 1;
        /* a locative phrase may come between the noun and its parties:
         * "talks in Geneva between X and Y", "a meeting at Camp David between ..." */
        if (noun) {
                size_t pe = locative_end(c, nx, hi);
                if (pe > nx && (is_word(c, pe, "between") || is_word(c, pe, "among")))
                        nx = pe;
        }
        if (noun && (is_word(c, nx, "between") || is_word(c, nx, "among"))) {
                find_object(c, nx + 1, &obj, &oe);
                ok = two_leaders(&obj) || (n_leaders(&obj) && obj.p[0].actor < 0);
        } else if (noun && is_word(c, nx, "of")) {
                find_object(c, nx + 1, &obj, &oe);
                ok = obj.n && obj.p[0].actor < 0; /* "a meeting of EU leaders" */
        } else {
                size_t oi = nx;
                if (!noun && (is_word(c, oi, "with") || is_word(c, oi, "up")))
                        oi++;
                if (noun && !is_word(c, oi, "with")) {
                        oi = (size_t)-1;
                } else if (noun) {
                        oi++;
                }
                if (oi != (size_t)-1) {
                        find_object(c, oi, &obj, &oe);
                        /* the object must come right after: "meet government requirements" */
                        if (obj.n && obj.p[0].t0 > oi + 6)
                                obj.n = 0;
                        /* "talks with Russia", "meets with officials": no leader on the other side */
                        if (!obj.n && is_word(c, oi - 1, "with"))
                                return 0;
                }
                find_subject(c, noun ? s0 : t, &subj);
                if (obj.n && noun && !subj.n && n_leaders(&obj)) {
                        /* "At a meeting with X, President Y announces" */
                        size_t r = nearest_leader(c, oe, oe, hi, obj.p[0].cc[0] ? obj.p[0].cc : NULL);
                        if (r != (size_t)-1)
                                party_from_mention(&subj, c, r);
                }
                int hostv = is_word(c, t, "host") || is_word(c, t, "hosts") || is_word(c, t, "hosted") ||
                            is_word(c, t, "hosting") || is_word(c, t, "welcomes") || is_word(c, t, "welcomed") ||
                            is_word(c, t, "receives") || is_word(c, t, "received");
                if (hostv && is_word(c, nx, "by"))
                        return 0; /* "a signing hosted by X": the signing is the meeting */
                if (obj.n)
                        ok = n_leaders(&obj) && subj.n && subj.p[0].leader;
                else
                        ok = !hostv && two_leaders(&subj); /* "X and Y meet"; "X receives a call": no */
                if (ok && obj.n && subj.n && obj.p[0].actor >= 0 && subj.p[0].actor == obj.p[0].actor)
                        ok = 0;
        }
        if (!ok)
                return 0;
        /* two leaders of the same country meeting is domestic politics */
        parties_merge(&k->parts, &subj);
        parties_merge(&k->parts, &obj);
        int foreign = 0, known = 0;
        for (size_t a = 0; a < k->parts.n; a++)
                for (size_t b = a + 1; b < k->parts.n; b++)
                        if (k->parts.p[a].cc[0] && k->parts.p[b].cc[0]) {
                                known = 1;
                                if (strcmp(k->parts.p[a].cc, k->parts.p[b].cc))
                                        foreign = 1;
                        }
        if (known && !foreign && !(obj.n && obj.p[0].actor < 0))
                return 0;
        /* a meeting of an organisation's leaders is its summit */
        for (size_t i = 0; i < k->parts.n && !k->org; i++) {
                const party_t *p = &k->parts.p[i];
                if (p->actor >= 0)
                        continue;
                for (size_t q = p->t0 > lo + 3 ? p->t0 - 3 : lo; q < p->t0 + 5 && q < hi; q++) {
                        size_t os;
                        const nx_summit_org_t *o = org_covering(c, q, &os);
                        if (o && strcmp(o->slug, "un") != 0) {
                                k->org = o;
                                break;
                        }
                }
        }
        k->kind = noun ? K_MEETN : K_MEET;
        k->t0 = s0;
        k->t1 = oe > t + 1 ? oe : t + 1;
        find_location(c, k, k->t1 - 1);
        if (!k->loc1)
                find_location(c, k, t);
        if (k->loc1 && k->loc1 > k->t1 && k->loc0 <= k->t1 + 1)
                k->t1 = k->loc1;
        return 1;
}

/* ------------------------------------------------------------------ keys */

static int month_of_week(int w) {
        int m = (w * 7 - 3) * 12 / 365 + 1;
        return m < 1 ? 1 : m > 12 ? 12 : m;
}

/* Writes the key period for TIMEX3 value v (NULL = none) at grain into out. */
static void period(const ctx_t *c, const char *v, int grain, int proposed, char *out, size_t size) {
        int y = 0, m = 0, half = 0;
        const char *season = NULL;
        if (v && strlen(v) >= 4 && isdigit((unsigned char)v[0]) && isdigit((unsigned char)v[3])) {
                y = atoi(v);
                const char *r = v + 4;
                if (r[0] == '-' && isdigit((unsigned char)r[1]) && isdigit((unsigned char)r[2]))
                        m = (r[1] - '0') * 10 + (r[2] - '0');
                else if (r[0] == '-' && r[1] == 'W' && isdigit((unsigned char)r[2]))
                        m = month_of_week(atoi(r + 2));
                else if (r[0] == '-' && (!strncmp(r + 1, "SP", 2) || !strncmp(r + 1, "SU", 2) ||
                                         !strncmp(r + 1, "FA", 2) || !strncmp(r + 1, "WI", 2)))
                        season = r + 1;
                else if (r[0] == '-' && r[1] == 'H' && (r[2] == '1' || r[2] == '2'))
                        half = r[2] - '0';
                else if (r[0] == '-' && r[1] == 'Q' && r[2] >= '1' && r[2] <= '4')
                        half = r[2] <= '2' ? 1 : 2;
        } else if (c->doc->dct.year > 0) {
                y = c->doc->dct.year;
                if (!proposed)
                        m = c->doc->dct.month;
        }
        if (!y) {
                snprintf(out, size, "undated");
                return;
        }
        if (m && m > 12)
                m = 0;
        if (grain == NX_GRAIN_YEAR) {
                snprintf(out, size, "%04d", y);
        } else if (grain == NX_GRAIN_HALF) {
                if (m)
                        half = m <= 6 ? 1 : 2;
                else if (season)
                        half = (season[0] == 'S' && season[1] == 'P') || season[0] == 'W' ? 1 : 2;
                if (half)
                        snprintf(out, size, "%04d-h%d", y, half);
                else
                        snprintf(out, size, "%04d", y);
        } else {
                if (m)
                        snprintf(out, size, "%04d-%02d", y, m);
                else if (season)
                        snprintf(out, size, "%04d-%c%c", y, tolower((unsigned char)season[0]),
                                 tolower((unsigned char)season[1]));
                else if (half)
                        snprintf(out, size, "%04d-h%d", y, half);
                else
                        snprintf(out, size, "%04d", y);
        }
}

static int cmp_str(const void *a, const void *b) {
        return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* builds the key of candidate k, or NULL when nothing identifies it */
static char *make_key(ctx_t *c, const cand_t *k) {
        const char *v = k->date >= 0 ? c->res->dates[k->date].value : NULL;
        char per[24], id[128];
        if (k->org) {
                period(c, v, k->ext ? NX_GRAIN_MONTH : k->org->grain, k->proposed, per, sizeof(per));
                return nx_arena_sprintf(c->doc->arena, "%s%s-%s", k->org->slug, k->ext ? "-x" : "", per);
        }
        period(c, v, NX_GRAIN_MONTH, k->proposed, per, sizeof(per));
        if (k->name_slug && k->name_slug[0])
                return nx_arena_sprintf(c->doc->arena, "%s%s-%s", k->name_slug, k->ext ? "-x" : "", per);
        const char *cc[MAX_CC];
        size_t n = 0;
        size_t lim = k->visit_pair ? 2 : k->ncc;
        for (size_t i = 0; i < k->ncc && i < lim; i++)
                if (k->cc[i][0] && strcmp(k->cc[i], "---"))
                        cc[n++] = k->cc[i];
        if (!n)
                return NULL;
        if (n > 1)
                qsort(cc, n, sizeof(cc[0]), cmp_str);
        size_t o = 0;
        id[0] = '\0';
        for (size_t i = 0; i < n && o + 5 < sizeof(id); i++) {
                if (i && !strcmp(cc[i], cc[i - 1]))
                        continue;
                o += (size_t)snprintf(id + o, sizeof(id) - o, "%s%c%c%c", o ? "-" : "",
                                      tolower((unsigned char)cc[i][0]), tolower((unsigned char)cc[i][1]),
                                      tolower((unsigned char)cc[i][2]));
        }
        if (n == 1 && k->kind == K_SUMMIT && k->loc1 && !k->parts.n) {
                /* one country and a place: "a summit in Beijing" */
                return nx_arena_sprintf(c->doc->arena, "%s%s-%s", id, k->ext ? "-x" : "", per);
        }
        return nx_arena_sprintf(c->doc->arena, "%s%s-%s", id, k->ext ? "-x" : "", per);
}

/* ------------------------------------------------------------------ output */

static int add_str_unique(nx_arena_t *A, const char ***arr, size_t *n, const char *s) {
        for (size_t i = 0; i < *n; i++)
                if (!strcmp((*arr)[i], s))
                        return 0;
        const char **na = nx_arena_alloc(A, (*n + 1) * sizeof(*na));
        if (!na)
                return -1;
        if (*n)
                memcpy(na, *arr, *n * sizeof(*na));
        na[*n] = nx_arena_strndup(A, s, strlen(s));
        if (!na[*n])
                return -1;
        *arr = na;
        (*n)++;
        return 0;
}

static void sort_countries(nx_summit_t *s) {
        if (s->n_countries > 1)
                qsort(s->countries, s->n_countries, sizeof(*s->countries), cmp_str);
}

static const char *dct_value(const ctx_t *c) {
        const nx_dct_t *d = &c->doc->dct;
        if (d->year <= 0)
                return NULL;
        if (d->month <= 0)
                return nx_arena_sprintf(c->doc->arena, "%04d", d->year);
        if (d->day <= 0)
                return nx_arena_sprintf(c->doc->arena, "%04d-%02d", d->year, d->month);
        return nx_arena_sprintf(c->doc->arena, "%04d-%02d-%02d", d->year, d->month, d->day);
}

/* Adds candidate k to the result, merging into a summit with the same key.
 * Returns 0 or -1 (arena). */
static int emit(ctx_t *c, cand_t *k) {
        const nx_doc_t *doc = c->doc;
        nx_arena_t *A = doc->arena;
        nx_result_t *res = c->res;
        k->date = find_date(c, k);
        find_status(c, k);
        /* the bare "the summit": a summit named before in the article */
        nx_summit_t *s = NULL;
        const char *key = NULL;
        if (k->kind == K_SUMMIT && k->bare && !k->org && c->last >= 0) {
                s = &res->summits[c->last];
        } else if (k->kind == K_SUMMIT && k->bare && !k->org && !k->parts.n) {
                return 0; /* "returned from the summit": nothing says leaders met */
        } else {
                /* countries: the parties' and the place's */
                if (!k->visit_pair) {
                        for (size_t i = 0; i < k->parts.n; i++)
                                cc_add(k, k->parts.p[i].cc);
                        /* the place counts when it is the other side ("meets with
                         * leaders from ...", "a summit in Beijing"), not for a
                         * meeting of two countries held in a third one */
                        if (k->loc1 && k->ncc < 2)
                                cc_add(k, place_cc(c, k->loc0, k->loc1));
                        if (k->kind == K_SUMMIT && !k->parts.n && !k->org && !k->name_slug && !k->bare) {
                                /* "Canada and China ... following a summit in Beijing" */
                                const nx_sentence_t *st = &doc->sents[k->sent];
                                for (size_t i = st->tok_first; i < k->t0; i++) {
                                        const nx_actor_t *a = actor_of(c, i);
                                        if (a && a->type == NX_ACTOR_GPE && c->m0[i] == i)
                                                cc_add(k, a->country);
                                }
                        }
                }
                if (!(k->kind == K_SUMMIT && k->bare && !k->org))
                        key = make_key(c, k);
                /* a leaders' meeting during a visit reported in the same
                 * sentence is that visit ("visits Pyongyang to meet Kim") */
                if ((k->kind == K_MEET || k->kind == K_MEETN) && c->visit_in_sent >= 0) {
                        nx_summit_t *v = &res->summits[c->visit_in_sent];
                        for (size_t i = 0; i < k->parts.n && !s; i++)
                                for (size_t j = 0; j < v->n_participants && !s; j++)
                                        if (k->parts.p[i].actor >= 0 &&
                                            !strcmp(res->actors[k->parts.p[i].actor].name, v->participants[j]))
                                                s = v;
                }
                /* "the two leaders met": the summit the article just named */
                if ((k->kind == K_MEET || k->kind == K_MEETN) && !s && c->last >= 0) {
                        int anaph = k->parts.n > 0;
                        for (size_t i = 0; i < k->parts.n; i++)
                                if (!(k->parts.p[i].actor < 0 && k->parts.p[i].leader == 2 &&
                                      !k->parts.p[i].cc[0]))
                                        anaph = 0;
                        if (anaph)
                                s = &res->summits[c->last];
                }
                /* "this virtual summit with Putin": a demonstrative points back
                 * to a summit the article named, the latest one its leaders
                 * (and its format) fit */
                if (k->kind == K_SUMMIT && !s && !k->org && !k->name_slug && k->date < 0 &&
                    (is_word(c, k->t0, "this") || is_word(c, k->t0, "that"))) {
                        for (size_t i = res->n_summits; i-- > c->n_first && !s;) {
                                nx_summit_t *e = &res->summits[i];
                                int fit = !k->virtual_ || (e->format && !strcmp(e->format, "virtual"));
                                for (size_t p = 0; p < k->parts.n && fit; p++) {
                                        if (k->parts.p[p].actor < 0 || !k->parts.p[p].leader)
                                                continue;
                                        const char *nm = res->actors[k->parts.p[p].actor].name;
                                        int in = 0;
                                        for (size_t q = 0; q < e->n_participants; q++)
                                                in |= !strcmp(e->participants[q], nm);
                                        fit = in;
                                }
                                if (fit)
                                        s = e;
                        }
                        if (s && s->key)
                                key = s->key;
                }
                if (key && !s)
                        for (size_t i = c->n_first; i < res->n_summits; i++)
                                if (res->summits[i].key && !strcmp(res->summits[i].key, key)) {
                                        s = &res->summits[i];
                                        break;
                                }
        }
        uint32_t b0 = doc->toks[k->t0].start, b1 = doc->toks[k->t1 - 1].end;
        if (!s) {
                s = nx_vec_push(A, (void **)&res->summits, &res->n_summits, &res->cap_summits, sizeof(*s));
                if (!s)
                        return -1;
                s->key = key;
                s->status = k->status;
        } else {
                /* the merged summit's existing mention may overlap or be a few
                 * words away in the same sentence ("arrives in Jeddah to begin
                 * a trip through ..."): widen it; a visit whose host was only
                 * inferred adds nothing new to a mention already there */
                const nx_sentence_t *st = &doc->sents[k->sent];
                for (size_t i = 0; i < s->n_mentions; i++) {
                        nx_mention_t *m = &s->mentions[i];
                        if (m->start < st->start || m->end > st->end)
                                continue;
                        if (k->kind == K_VISIT && k->host_inferred)
                                goto merged;
                        size_t gap = 0;
                        if (m->end <= b0)
                                gap = tok_at_byte(doc, b0) - tok_at_byte(doc, m->end);
                        else if (b1 <= m->start)
                                gap = tok_at_byte(doc, m->start) - tok_at_byte(doc, b1);
                        if ((m->start < b1 && b0 < m->end) || gap <= 4) {
                                if (b0 < m->start)
                                        m->start = b0;
                                if (b1 > m->end)
                                        m->end = b1;
                                goto merged;
                        }
                }
        }
        {
                nx_mention_t *m = nx_vec_push(A, (void **)&s->mentions, &s->n_mentions, &s->cap_mentions,
                                              sizeof(*m));
                if (!m)
                        return -1;
                m->start = b0;
                m->end = b1;
        }
merged:
        c->last = (int)(s - res->summits);
        if (k->kind == K_VISIT)
                c->visit_in_sent = c->last;
        if (!s->organization && k->org)
                s->organization = k->org->name;
        if (!s->name) {
                if (k->org)
                        s->name = nx_arena_sprintf(A, "%s summit", k->org->name);
                else
                        s->name = nx_arena_strndup(A, doc->text + b0, b1 - b0);
                if (!s->name)
                        return -1;
        }
        for (size_t i = 0; i < k->parts.n; i++) {
                const party_t *p = &k->parts.p[i];
                if (p->actor >= 0 && p->leader &&
                    add_str_unique(A, &s->participants, &s->n_participants, res->actors[p->actor].name))
                        return -1;
                if (p->cc[0] && strcmp(p->cc, "---") &&
                    add_str_unique(A, &s->countries, &s->n_countries, p->cc))
                        return -1;
        }
        for (size_t i = 0; i < k->ncc; i++)
                if (k->cc[i][0] && strcmp(k->cc[i], "---") &&
                    add_str_unique(A, &s->countries, &s->n_countries, k->cc[i]))
                        return -1;
        sort_countries(s);
        if (!s->date && k->date >= 0)
                s->date = res->dates[k->date].value;
        /* the DCT as the date is decided once the whole article is read
         * (dct_dates()): a date any mention gives wins over it */
        {
                size_t si = (size_t)(s - res->summits) - c->n_first;
                while (c->n_sflag <= si) {
                        uint8_t *f = nx_vec_push(A, (void **)&c->sflag, &c->n_sflag, &c->cap_sflag,
                                                 sizeof(*f));
                        if (!f)
                                return -1;
                        *f = 0;
                }
                if (k->past)
                        c->sflag[si] |= SF_PAST;
                else if (k->date < 0 && (k->status == NX_SUMMIT_HELD || k->status == NX_SUMMIT_ONGOING))
                        c->sflag[si] |= SF_NOW;
        }
        if (!s->location && k->loc1 > k->loc0 && !(k->kind == K_VISIT && is_word(c, k->loc0, "the"))) {
                uint32_t l0 = doc->toks[k->loc0].start, l1 = doc->toks[k->loc1 - 1].end;
                s->location = nx_arena_strndup(A, doc->text + l0, l1 - l0);
                if (!s->location)
                        return -1;
        }
        if (!s->format || k->virtual_)
                s->format = k->virtual_ ? "virtual" : "in-person";
        /* the most definite status wins: cancelled > held/ongoing > planned */
        if (k->status == NX_SUMMIT_CANCELLED ||
            (s->status == NX_SUMMIT_PLANNED && (k->status == NX_SUMMIT_HELD || k->status == NX_SUMMIT_ONGOING)))
                s->status = k->status;
        return 0;
}

/* A summit no mention dates takes the DCT when it is reported as held or
 * ongoing now (news reports summits as they happen), never when a mention
 * places it in the past: "the last G-20 summit in Bali ... during the G20
 * summit he met" has no date the text gives, and the DCT would be wrong. */
static int dct_dates(ctx_t *c) {
        nx_result_t *res = c->res;
        for (size_t i = c->n_first; i < res->n_summits; i++) {
                nx_summit_t *s = &res->summits[i];
                size_t si = i - c->n_first;
                if (s->date || si >= c->n_sflag || (c->sflag[si] & SF_PAST) || !(c->sflag[si] & SF_NOW) ||
                    !(s->status == NX_SUMMIT_HELD || s->status == NX_SUMMIT_ONGOING))
                        continue;
                s->date = dct_value(c);
                if (!s->date && c->doc->dct.year > 0)
                        return -1;
        }
        return 0;
}

/* A summit located only by a country ("the SCO summit in Uzbekistan") takes
 * the one place of that country the article puts a leader in ("Modi, who
 * snapped at Putin in Samarkand"; "the presidents open an embassy in Tashkent
 * during Rahmon's state visit to Uzbekistan"): the most specific place named
 * for the meeting. Two such places: the country stays. */
static void refine_locations(ctx_t *c) {
        const nx_doc_t *doc = c->doc;
        nx_result_t *res = c->res;
        if (!doc->eng || !nx_gaz_get(doc->eng))
                return;
        for (size_t i = c->n_first; i < res->n_summits; i++) {
                nx_summit_t *s = &res->summits[i];
                if (!s->location)
                        continue;
                const nx_gaz_entry_t *g = nx_gaz_lookup(doc->eng, s->location, strlen(s->location));
                if (!g || g->kind != NX_GAZ_COUNTRY || !g->iso3[0])
                        continue;
                int place = -1, n = 0;
                for (size_t t = 1; t < c->n && n < 2; t++) {
                        if (c->actor[t] < 0 || c->m0[t] != t || !is_place(c, t) || c->actor[t] == place ||
                            !(is_word(c, t - 1, "in") || is_word(c, t - 1, "at")))
                                continue;
                        const nx_actor_t *a = &res->actors[c->actor[t]];
                        if (strcmp(a->country, g->iso3) || !a->name)
                                continue;
                        const nx_gaz_entry_t *ga = nx_gaz_lookup(doc->eng, a->name, strlen(a->name));
                        if (ga && ga->kind == NX_GAZ_COUNTRY)
                                continue; /* the country itself, or another name of it */
                        const nx_sentence_t *st = sent_of(c, t);
                        int leader = 0;
                        for (size_t q = st->tok_first; q < st->tok_end && !leader; q++)
                                leader = c->actor[q] >= 0 && c->m0[q] == q && is_type(c, q, NX_ACTOR_PERSON) &&
                                         mention_is_leader(c, q, c->m1[q], st->tok_first);
                        if (!leader)
                                continue;
                        place = c->actor[t];
                        n++;
                }
                if (n == 1)
                        s->location = res->actors[place].name;
        }
}

/* ------------------------------------------------------------------ driver */

int nx_summits_extract(const nx_doc_t *doc, nx_result_t *res) {
        if (!doc->eng || !doc->eng->summits || !doc->n_toks)
                return 0;
        ctx_t c;
        memset(&c, 0, sizeof(c));
        c.doc = doc;
        c.res = res;
        c.tab = doc->eng->summits;
        c.n_first = res->n_summits;
        c.last = -1;
        if (ctx_build(&c))
                return -1;
        for (size_t si = 0; si < doc->n_sents; si++) {
                const nx_sentence_t *st = &doc->sents[si];
                size_t sent_first = res->n_summits;
                c.visit_in_sent = -1;
                size_t covered = st->tok_first; /* tokens before this are in a mention */
                for (size_t t = st->tok_first; t < st->tok_end; t++) {
                        uint32_t w = c.cls[t];
                        if (!(w & (NX_SW_SUMMIT | NX_SW_MEET_V | NX_SW_MEET_N | NX_SW_SIGN | NX_SW_VISIT |
                                   NX_SW_TRIP | NX_SW_ARRIVE)))
                                continue;
                        cand_t k;
                        memset(&k, 0, sizeof(k));
                        k.sent = si;
                        k.trig = t;
                        k.date = -1;
                        int ok;
                        if (w & NX_SW_SUMMIT)
                                ok = summit_cand(&c, t, &k);
                        else if (w & (NX_SW_VISIT | NX_SW_TRIP | NX_SW_ARRIVE))
                                ok = visit_cand(&c, t, &k);
                        else
                                ok = meet_cand(&c, t, &k);
                        if (!ok && (w & NX_SW_MEET_N) && res->n_summits > sent_first && t >= covered &&
                            !is_word(&c, t + 1, "between") && !is_word(&c, t + 1, "with") &&
                            !is_word(&c, t + 1, "among") && !is_word(&c, t + 1, "of") &&
                            !(t > st->tok_first && (is_word(&c, t - 1, "of") || is_word(&c, t - 1, "peace")))) {
                                /* "meets X in Y, for talks that ...": the same meeting */
                                size_t a0 = t > st->tok_first + 12 ? t - 12 : st->tok_first;
                                int phone = 0;
                                for (size_t j = a0; j < t + 3 && j < st->tok_end; j++)
                                        phone |= (c.cls[j] & NX_SW_PHONE) != 0;
                                nx_summit_t *prev = &res->summits[c.last];
                                if (!phone && c.last >= (int)sent_first && prev->n_mentions) {
                                        nx_mention_t *m = nx_vec_push(doc->arena, (void **)&prev->mentions,
                                                                      &prev->n_mentions, &prev->cap_mentions,
                                                                      sizeof(*m));
                                        if (!m)
                                                return -1;
                                        m->start = doc->toks[t].start;
                                        m->end = doc->toks[t].end;
                                }
                                continue;
                        }
                        if (!ok)
                                continue;
                        if (k.t1 <= k.t0)
                                k.t1 = k.t0 + 1;
                        if (emit(&c, &k))
                                return -1;
                        if (k.t1 > covered)
                                covered = k.t1;
                }
        }
        refine_locations(&c);
        return dct_dates(&c);
}
