/*
 * actors_tables.h - shapes of the actors extractor's linguistic tables
 * (data/actors_tables.c). Internal to libnx.
 */
#ifndef NX_ACTORS_TABLES_H
#define NX_ACTORS_TABLES_H

#define NX_TITLE_HOS        0x01 /* head of state or government title */
#define NX_TITLE_HONORIFIC  0x02 /* Mr, Dr, Sir: a person, no role */
#define NX_TITLE_NOT_PERSON 0x04 /* looks like a title, is not ("St.") */

typedef struct nx_title_s {
        const char *key;  /* lower-case join form: "prime minister" */
        const char *role; /* canonical role, or NULL for honorifics */
        int flags;        /* NX_TITLE_* */
} nx_title_t;

#define NX_W_ORG_SUFFIX  0x01
#define NX_W_ORG_HEAD    0x02
#define NX_W_LOC_SUFFIX  0x04
#define NX_W_EVENT       0x08
#define NX_W_STOP        0x10
#define NX_W_SAY         0x20
#define NX_W_ORG_CONTEXT 0x40
#define NX_W_GIVEN       0x80
#define NX_W_GENERIC     0x100
#define NX_W_CONNECTOR   0x200 /* lower-case particle inside names: of, de, bin, von */
#define NX_W_LEGAL       0x400 /* legal-form suffix that ends a name: Inc, Corp, Ltd, LLC */
#define NX_W_PRODUCT     0x800 /* lower-case noun after a product name: aircraft, laptops, index */
#define NX_W_HEADNOUN    0x1000 /* common noun that a word before it modifies: "US government",
                                 * "Stock markets", "Automobile sales" */
#define NX_W_ACTORNOUN   0x2000 /* a head noun of people or bodies, after a name more
                                 * often than after a common word: "Puntland forces" */
#define NX_W_MARKET      0x8000 /* first word of a stock-market index's name: Dow, FTSE,
                                 * Nikkei (the index, not an actor, unless an
                                 * organization suffix follows: "Dow Chemical") */
#define NX_W_MODELNOUN   0x20000 /* noun before a model's name: "next model Falcon" */
#define NX_W_LOC_PREFIX  0x40000 /* first word of a place's name: "Lake Edward", "Mount McKinley" */
#define NX_W_PLACE_NOUN  0x80000 /* lower-case noun before "of" and a place: "the village of Zhuravka" */
#define NX_W_EVENT_FIRST 0x100000 /* first word of an event's or award's name:
                                   * "Hurricane Katrina", "Operation Sindoor", "Best Actress" */
#define NX_W_NOT_GIVEN   0x200000 /* first word of names that are not people's:
                                  * "North Kivu", "New Year", "Grand Slam", "Blue Origin" */
#define NX_W_LOCATIVE    0x400000 /* preposition before a place: "in", "near", "into" */
#define NX_W_WORKNOUN    0x800000 /* noun before a work's or vessel's name: "the film
                                  * Conclave", "the tanker Eventin" */
#define NX_W_HYPHEN_PARTICLE 0x1000000 /* Arabic/Persian article before a hyphen:
                                      * "Deir ez-Zahrani", "Hefazat-e-Islam" */
#define NX_W_PERSON_PRONOUN 0x2000000 /* a person's pronoun after a verb of saying:
                                     * "Yeltsin said he ..." (an organization's is "it") */
#define NX_W_NAMING      0x10000 /* verb that gives a thing its name: "named the
                                  * Worldliner", "called the Dreamliner" */

typedef struct nx_word_s {
        const char *key; /* lower case */
        int cls;         /* NX_W_* bits */
} nx_word_t;

/* NULL-key-terminated tables */
extern const nx_title_t nx_actor_titles[];
extern const nx_word_t nx_actor_words[];
extern const char *const nx_given_names[];

#endif
