/*
 * dates.c - the dates extractor: a TIMEX3 temporal tagger for English news.
 *
 * Owns eng->dates (struct nx_dates_s: one lexicon of temporal words built from
 * the static tables below) and nx_dateline_dct(). It finds temporal
 * expressions on the token stream of text.c and normalizes them as the TimeML
 * 1.2.1 specification (TIMEX3) and the TIDES 2005 guidelines describe:
 *
 *   type   DATE, TIME, DURATION or SET
 *   value  "2022-12-30", "2022-W52", "2023-SP", "199" (the 1990s), "19" (the
 *          20th century), "P3Y", "PT2H", "PXM", "PRESENT_REF", "XXXX-WXX-1", ...
 *   mod    APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_MORE, EQUAL_OR_LESS, START,
 *          MID, END, ON_OR_AFTER
 *   extent TimeML: determiners and modifiers inside ("the spring", "nearly three
 *          years", "early next year"), the governing preposition outside.
 *
 * How it works, per sentence-ordered token stream:
 *   1. Every word token is looked up once in the lexicon (month, weekday,
 *      season, numeral, ordinal, unit of time, part of day, relative word,
 *      reference word, modifier, tense cue ...). A word may have several
 *      senses ("May", "second", "March"); the patterns decide.
 *   2. At each token the recognizers (one static function per construction:
 *      absolute dates, numeric dates, times, years/decades/centuries, quarters,
 *      seasons, weekdays, relative "last/next/this X", "N units ago/later",
 *      durations, sets, reference words, holidays, named days, fixed phrases
 *      like "the near term" or "year-end", ordinal and anaphoric days) propose
 *      a candidate; the longest wins. Modifiers and determiners to the left
 *      are then attached, hedges to the right ("or so", "or later"); names
 *      ("This Week", "The Sunday Times", "Orion 1980") veto a candidate.
 *   3. Values are computed at once: absolute parts as written, relative parts
 *      against the DCT (doc->dct) or, for anaphoric ones ("two days later",
 *      "the following week", "a year earlier"), against the previous date
 *      mentioned. Underspecified dates (a bare weekday, a month or season
 *      without a year) take their direction from the tense of the nearest
 *      verb cue in the sentence (past: "said", "-ed"; future: "will", "to
 *      visit", "expected", a timetable present "meet Monday"), else a
 *      default per kind (a month: the nearest; a weekday: the past one; a
 *      season: the next); a month that modifies a noun ("the June
 *      agreement") ignores a future cue.
 *
 * All linguistic knowledge is in the tables (word, class, value); the code only
 * combines classes. Offsets in the result are bytes. No global mutable state:
 * the per-article context lives on the stack and in doc->arena.
 */
#include "dates.h"
#include "gazetteer.h" /* nx_tok_hash(): the token hashes the extractors share */

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ tables */

enum {
        C_MONTH = 1,  /* val 1..12 */
        C_MONABBR,    /* abbreviated month, val 1..12 ("Dec", "Sept") */
        C_WDAY,       /* val 1..7, Monday = 1 (ISO 8601) */
        C_SEASON,     /* val 1 SP, 2 SU, 3 FA, 4 WI */
        C_NUM,        /* cardinal numeral, val */
        C_ORD,        /* ordinal numeral, val */
        C_UNIT,       /* unit of time, val U_* */
        C_UNITPL,     /* plural unit of time, val U_* */
        C_PART,       /* part of day, val P_* */
        C_REL,        /* relative word, val R_* */
        C_REF,        /* vague reference, str = TIMEX3 value */
        C_DAYREF,     /* today/yesterday/tomorrow, val day offset */
        C_PREMOD,     /* modifier before the expression, str = mod */
        C_SETW,       /* "daily", val U_* */
        C_DECW,       /* "the nineties", val decade digit 0..9 */
        C_VAGUE,      /* "several", "few": an unknown quantity */
        C_HOLIDAY,    /* val MMDD, or 0 for computed ones (see holiday_md) */
        C_TZ,         /* time zone word: str = suffix ("Z" or "") */
        C_AMPM,       /* val 0 (a.m.) or 12 (p.m.) */
        C_TPAST,      /* past-tense cue */
        C_TFUT,       /* future cue */
        C_TPRES,      /* present-tense cue */
        C_PREP,       /* preposition that governs a date */
        C_DET,        /* determiner kept inside the extent */
        C_CLOCK,      /* noon = 12, midnight = 24 */
        C_TONOUN,     /* noun after a preposition "to" ("shot to death"): no infinitive */
        C_STATEN,     /* noun for a state of affairs: "current conditions" is now's */
        C_UNITQ,      /* word between a count and its unit: "two more weeks" */
        C_SAMEADJ,    /* "same", "corresponding": the period matched a year back */
        C_PERIODN,    /* "period": a noun for the reporting period */
        C_NAMEDAY,    /* first word of a named day ("Election Day"): see dates_named_days */
        C_COUNT       /* the class bits are a uint32_t: at most 32 classes */
};

enum { U_NONE = 0, U_SEC, U_MIN, U_HOUR, U_DAY, U_WEEK, U_FORTNIGHT, U_MONTH,
       U_QUARTER, U_YEAR, U_DECADE, U_CENTURY, U_MILLENNIUM, U_WEEKEND,
       U_HALF };
enum { P_MO = 1, P_AF, P_EV, P_NI, P_DT };
enum { R_LAST = 1, R_NEXT, R_THIS, R_PAST, R_COMING, R_PREV, R_FOLLOW,
       R_CURRENT, R_LATEST, R_SAME, R_EARLIER_ADV, R_LATER_ADV };

typedef struct { const char *word; int cls; int val; const char *str; } dates_row_t;

/* The lexicon, as (word, class, value[, string]) rows. A word may appear in
 * several rows with different classes. */
static const dates_row_t dates_rows[] = {
        /* months */
        {"january", C_MONTH, 1, 0}, {"february", C_MONTH, 2, 0}, {"march", C_MONTH, 3, 0},
        {"april", C_MONTH, 4, 0}, {"may", C_MONTH, 5, 0}, {"june", C_MONTH, 6, 0},
        {"july", C_MONTH, 7, 0}, {"august", C_MONTH, 8, 0}, {"september", C_MONTH, 9, 0},
        {"october", C_MONTH, 10, 0}, {"november", C_MONTH, 11, 0}, {"december", C_MONTH, 12, 0},
        {"jan", C_MONABBR, 1, 0}, {"feb", C_MONABBR, 2, 0}, {"mar", C_MONABBR, 3, 0},
        {"apr", C_MONABBR, 4, 0}, {"jun", C_MONABBR, 6, 0}, {"jul", C_MONABBR, 7, 0},
        {"aug", C_MONABBR, 8, 0}, {"sep", C_MONABBR, 9, 0}, {"sept", C_MONABBR, 9, 0},
        {"oct", C_MONABBR, 10, 0}, {"nov", C_MONABBR, 11, 0}, {"dec", C_MONABBR, 12, 0},
        /* weekdays */
        {"monday", C_WDAY, 1, 0}, {"tuesday", C_WDAY, 2, 0}, {"wednesday", C_WDAY, 3, 0},
        {"thursday", C_WDAY, 4, 0}, {"friday", C_WDAY, 5, 0}, {"saturday", C_WDAY, 6, 0},
        {"sunday", C_WDAY, 7, 0}, {"mon", C_WDAY, 1, "a"}, {"tue", C_WDAY, 2, "a"},
        {"tues", C_WDAY, 2, "a"}, {"wed", C_WDAY, 3, "a"}, {"thu", C_WDAY, 4, "a"},
        {"thurs", C_WDAY, 4, "a"}, {"fri", C_WDAY, 5, "a"}, {"sat", C_WDAY, 6, "a"},
        {"sun", C_WDAY, 7, "a"},
        {"mondays", C_WDAY, 1, "p"}, {"tuesdays", C_WDAY, 2, "p"}, {"wednesdays", C_WDAY, 3, "p"},
        {"thursdays", C_WDAY, 4, "p"}, {"fridays", C_WDAY, 5, "p"}, {"saturdays", C_WDAY, 6, "p"},
        {"sundays", C_WDAY, 7, "p"},
        /* seasons */
        {"spring", C_SEASON, 1, 0}, {"summer", C_SEASON, 2, 0}, {"fall", C_SEASON, 3, 0},
        {"autumn", C_SEASON, 3, 0}, {"winter", C_SEASON, 4, 0},
        /* cardinals */
        {"zero", C_NUM, 0, 0}, {"one", C_NUM, 1, 0}, {"two", C_NUM, 2, 0}, {"three", C_NUM, 3, 0},
        {"four", C_NUM, 4, 0}, {"five", C_NUM, 5, 0}, {"six", C_NUM, 6, 0}, {"seven", C_NUM, 7, 0},
        {"eight", C_NUM, 8, 0}, {"nine", C_NUM, 9, 0}, {"ten", C_NUM, 10, 0},
        {"eleven", C_NUM, 11, 0}, {"twelve", C_NUM, 12, 0}, {"thirteen", C_NUM, 13, 0},
        {"fourteen", C_NUM, 14, 0}, {"fifteen", C_NUM, 15, 0}, {"sixteen", C_NUM, 16, 0},
        {"seventeen", C_NUM, 17, 0}, {"eighteen", C_NUM, 18, 0}, {"nineteen", C_NUM, 19, 0},
        {"twenty", C_NUM, 20, 0}, {"thirty", C_NUM, 30, 0}, {"forty", C_NUM, 40, 0},
        {"fifty", C_NUM, 50, 0}, {"sixty", C_NUM, 60, 0}, {"seventy", C_NUM, 70, 0},
        {"eighty", C_NUM, 80, 0}, {"ninety", C_NUM, 90, 0}, {"hundred", C_NUM, 100, 0},
        {"thousand", C_NUM, 1000, 0}, {"dozen", C_NUM, 12, 0},
        /* ordinals */
        {"first", C_ORD, 1, 0}, {"second", C_ORD, 2, 0}, {"third", C_ORD, 3, 0},
        {"fourth", C_ORD, 4, 0}, {"fifth", C_ORD, 5, 0}, {"sixth", C_ORD, 6, 0},
        {"seventh", C_ORD, 7, 0}, {"eighth", C_ORD, 8, 0}, {"ninth", C_ORD, 9, 0},
        {"tenth", C_ORD, 10, 0}, {"eleventh", C_ORD, 11, 0}, {"twelfth", C_ORD, 12, 0},
        {"thirteenth", C_ORD, 13, 0}, {"fourteenth", C_ORD, 14, 0}, {"fifteenth", C_ORD, 15, 0},
        {"sixteenth", C_ORD, 16, 0}, {"seventeenth", C_ORD, 17, 0}, {"eighteenth", C_ORD, 18, 0},
        {"nineteenth", C_ORD, 19, 0}, {"twentieth", C_ORD, 20, 0}, {"thirtieth", C_ORD, 30, 0},
        {"last", C_ORD, -1, 0}, {"final", C_ORD, -1, 0},
        /* units of time (singular, plural) */
        {"second", C_UNIT, U_SEC, 0}, {"seconds", C_UNITPL, U_SEC, 0},
        {"minute", C_UNIT, U_MIN, 0}, {"minutes", C_UNITPL, U_MIN, 0},
        {"hour", C_UNIT, U_HOUR, 0}, {"hours", C_UNITPL, U_HOUR, 0},
        {"day", C_UNIT, U_DAY, 0}, {"days", C_UNITPL, U_DAY, 0},
        {"week", C_UNIT, U_WEEK, 0}, {"weeks", C_UNITPL, U_WEEK, 0},
        {"fortnight", C_UNIT, U_FORTNIGHT, 0}, {"fortnights", C_UNITPL, U_FORTNIGHT, 0},
        {"month", C_UNIT, U_MONTH, 0}, {"months", C_UNITPL, U_MONTH, 0},
        {"quarter", C_UNIT, U_QUARTER, 0}, {"quarters", C_UNITPL, U_QUARTER, 0},
        {"year", C_UNIT, U_YEAR, 0}, {"years", C_UNITPL, U_YEAR, 0},
        {"yr", C_UNIT, U_YEAR, 0}, {"yrs", C_UNITPL, U_YEAR, 0},
        {"decade", C_UNIT, U_DECADE, 0}, {"decades", C_UNITPL, U_DECADE, 0},
        {"century", C_UNIT, U_CENTURY, 0}, {"centuries", C_UNITPL, U_CENTURY, 0},
        {"millennium", C_UNIT, U_MILLENNIUM, 0}, {"millennia", C_UNITPL, U_MILLENNIUM, 0},
        {"weekend", C_UNIT, U_WEEKEND, 0}, {"weekends", C_UNITPL, U_WEEKEND, 0},
        {"half", C_UNIT, U_HALF, 0},
        {"hrs", C_UNITPL, U_HOUR, 0}, {"mins", C_UNITPL, U_MIN, 0},
        /* parts of day */
        {"morning", C_PART, P_MO, 0}, {"afternoon", C_PART, P_AF, 0},
        {"evening", C_PART, P_EV, 0}, {"night", C_PART, P_NI, 0},
        {"overnight", C_PART, P_NI, "bare"}, {"daytime", C_PART, P_DT, 0},
        {"mornings", C_PART, P_MO, "p"}, {"afternoons", C_PART, P_AF, "p"},
        {"evenings", C_PART, P_EV, "p"}, {"nights", C_PART, P_NI, "p"},
        {"noon", C_CLOCK, 12, 0}, {"midday", C_CLOCK, 12, 0}, {"midnight", C_CLOCK, 24, 0},
        /* relative words */
        {"last", C_REL, R_LAST, 0}, {"next", C_REL, R_NEXT, 0}, {"this", C_REL, R_THIS, 0},
        {"past", C_REL, R_PAST, 0}, {"coming", C_REL, R_COMING, 0},
        {"upcoming", C_REL, R_COMING, 0}, {"previous", C_REL, R_PREV, 0},
        {"preceding", C_REL, R_PREV, 0}, {"prior", C_REL, R_PREV, 0},
        {"following", C_REL, R_FOLLOW, 0}, {"current", C_REL, R_CURRENT, 0},
        {"latest", C_REL, R_LATEST, 0}, {"same", C_REL, R_SAME, 0},
        {"earlier", C_REL, R_EARLIER_ADV, 0}, {"later", C_REL, R_LATER_ADV, 0},
        /* vague references (TIMEX3 PAST_REF / PRESENT_REF / FUTURE_REF) */
        {"now", C_REF, 0, "PRESENT_REF"}, {"currently", C_REF, 0, "PRESENT_REF"},
        {"current", C_REF, 0, "PRESENT_REF"}, {"nowadays", C_REF, 0, "PRESENT_REF"},
        {"presently", C_REF, 0, "PRESENT_REF"}, {"recently", C_REF, 0, "PAST_REF"},
        {"recent", C_REF, 0, "PAST_REF"}, {"lately", C_REF, 0, "PAST_REF"},
        {"soon", C_REF, 0, "FUTURE_REF"}, {"future", C_REF, 0, "FUTURE_REF"},
        {"past", C_REF, 0, "PAST_REF"}, {"present", C_REF, 0, "PRESENT_REF"},
        /* today & co */
        {"today", C_DAYREF, 0, 0}, {"yesterday", C_DAYREF, -1, 0},
        {"tomorrow", C_DAYREF, 1, 0}, {"tonight", C_DAYREF, 0, "TNI"},
        /* modifiers (TIMEX3 mod) */
        {"nearly", C_PREMOD, 0, "LESS_THAN"}, {"almost", C_PREMOD, 0, "LESS_THAN"},
        {"about", C_PREMOD, 0, "APPROX"}, {"around", C_PREMOD, 0, "APPROX"},
        {"approximately", C_PREMOD, 0, "APPROX"}, {"roughly", C_PREMOD, 0, "APPROX"},
        {"some", C_PREMOD, 0, "APPROX"}, {"circa", C_PREMOD, 0, "APPROX"},
        {"over", C_PREMOD, 0, "MORE_THAN"}, {"early", C_PREMOD, 0, "START"},
        {"late", C_PREMOD, 0, "END"}, {"mid", C_PREMOD, 0, "MID"},
        {"under", C_PREMOD, 0, "LESS_THAN"}, {"barely", C_PREMOD, 0, "LESS_THAN"},
        {"just", C_PREMOD, 0, "LESS_THAN"},
        /* sets */
        {"daily", C_SETW, U_DAY, 0}, {"weekly", C_SETW, U_WEEK, 0},
        {"monthly", C_SETW, U_MONTH, 0}, 
        {"yearly", C_SETW, U_YEAR, 0},
        {"hourly", C_SETW, U_HOUR, 0}, {"nightly", C_SETW, U_DAY, "TNI"},
        {"biweekly", C_SETW, U_FORTNIGHT, 0}, {"fortnightly", C_SETW, U_FORTNIGHT, 0},
        /* decades in words */
        {"twenties", C_DECW, 2, 0}, {"thirties", C_DECW, 3, 0}, {"forties", C_DECW, 4, 0},
        {"fifties", C_DECW, 5, 0}, {"sixties", C_DECW, 6, 0}, {"seventies", C_DECW, 7, 0},
        {"eighties", C_DECW, 8, 0}, {"nineties", C_DECW, 9, 0},
        /* unknown quantities */
        {"several", C_VAGUE, 0, 0}, {"few", C_VAGUE, 0, 0}, {"many", C_VAGUE, 0, 0},
        {"numerous", C_VAGUE, 0, 0},
        /* fixed-date holidays (MMDD) */
        {"christmas", C_HOLIDAY, 1225, 0}, {"xmas", C_HOLIDAY, 1225, 0},
        {"halloween", C_HOLIDAY, 1031, 0}, {"thanksgiving", C_HOLIDAY, 0, "thanksgiving"},
        /* time zones */
        {"gmt", C_TZ, 0, "Z"}, {"utc", C_TZ, 0, "Z"}, {"est", C_TZ, 0, ""},
        {"edt", C_TZ, 0, ""}, {"pst", C_TZ, 0, ""}, {"pdt", C_TZ, 0, ""},
        {"cst", C_TZ, 0, ""}, {"cet", C_TZ, 0, ""}, {"bst", C_TZ, 0, ""},
        {"et", C_TZ, 0, ""}, {"pt", C_TZ, 0, ""}, {"msk", C_TZ, 0, ""},
        {"a.m.", C_AMPM, 0, 0}, {"am", C_AMPM, 0, 0}, {"p.m.", C_AMPM, 12, 0},
        {"pm", C_AMPM, 12, 0},
        /* tense cues: future */
        {"will", C_TFUT, 0, 0}, {"shall", C_TFUT, 0, 0}, {"'ll", C_TFUT, 0, 0},
        /* present modals: what they qualify is ahead ("might run out of money
         * by March"); "may" is matched lower-case in tense_cue (not the
         * month); "could" is also a past ("could not attend on Monday") */
        {"might", C_TFUT, 0, 0}, {"must", C_TFUT, 0, 0}, {"should", C_TFUT, 0, 0},
        {"can", C_TFUT, 0, 0}, {"cannot", C_TFUT, 0, 0},
        {"won't", C_TFUT, 0, 0}, {"would", C_TFUT, 0, 0}, {"going", C_TFUT, 0, 0},
        {"expected", C_TFUT, 0, 0}, {"scheduled", C_TFUT, 0, 0}, {"planned", C_TFUT, 0, 0},
        {"plans", C_TFUT, 0, 0}, {"plan", C_TFUT, 0, 0}, {"due", C_TFUT, 0, 0},
        {"slated", C_TFUT, 0, 0}, {"intends", C_TFUT, 0, 0}, {"await", C_TFUT, 0, 0},
        {"awaits", C_TFUT, 0, 0}, {"waiting", C_TFUT, 0, 0}, {"upcoming", C_TFUT, 0, 0},
        {"invited", C_TFUT, 0, 0}, {"expects", C_TFUT, 0, 0}, {"expect", C_TFUT, 0, 0},
        {"expecting", C_TFUT, 0, 0}, {"until", C_TFUT, 0, 0},
        {"effective", C_TFUT, 0, 0}, /* "effective Feb. 1": when a change takes hold */
        /* nouns that follow the preposition "to": "to death", "to power" are no
         * to-infinitive, so no future cue */
        {"death", C_TONOUN, 0, 0}, {"date", C_TONOUN, 0, 0}, {"power", C_TONOUN, 0, 0},
        {"court", C_TONOUN, 0, 0}, {"prison", C_TONOUN, 0, 0}, {"jail", C_TONOUN, 0, 0},
        {"trial", C_TONOUN, 0, 0}, {"office", C_TONOUN, 0, 0}, {"hospital", C_TONOUN, 0, 0},
        {"school", C_TONOUN, 0, 0}, {"market", C_TONOUN, 0, 0}, {"bed", C_TONOUN, 0, 0},
        {"war", C_TONOUN, 0, 0}, {"pieces", C_TONOUN, 0, 0}, {"safety", C_TONOUN, 0, 0},
        /* "sentenced to life", "brought to justice", "laid to rest", "came to light" */
        {"life", C_TONOUN, 0, 0}, {"justice", C_TONOUN, 0, 0}, {"rest", C_TONOUN, 0, 0},
        {"light", C_TONOUN, 0, 0},
        /* quantity words after a preposition "to" ("amounted to more than
         * 13%", "cut to less than half"): no infinitive either */
        {"more", C_TONOUN, 0, 0}, {"less", C_TONOUN, 0, 0}, {"fewer", C_TONOUN, 0, 0},
        /* states of affairs: "current" before one of them is PRESENT_REF */
        {"conditions", C_STATEN, 0, 0}, {"weakness", C_STATEN, 0, 0},
        {"strength", C_STATEN, 0, 0}, {"difficulties", C_STATEN, 0, 0},
        {"problems", C_STATEN, 0, 0}, {"situation", C_STATEN, 0, 0},
        {"state", C_STATEN, 0, 0}, {"realities", C_STATEN, 0, 0},
        {"position", C_STATEN, 0, 0}, {"share", C_STATEN, 0, 0},
        {"number", C_STATEN, 0, 0}, {"level", C_STATEN, 0, 0},
        {"levels", C_STATEN, 0, 0}, {"crisis", C_STATEN, 0, 0},
        {"climate", C_STATEN, 0, 0}, {"slump", C_STATEN, 0, 0},
        {"downturn", C_STATEN, 0, 0}, {"turmoil", C_STATEN, 0, 0},
        /* between a count and its unit: "two more weeks", "an additional year",
         * "five trading days", "two full years" */
        {"more", C_UNITQ, 0, 0}, {"additional", C_UNITQ, 0, 0}, {"extra", C_UNITQ, 0, 0},
        {"further", C_UNITQ, 0, 0}, {"trading", C_UNITQ, 0, 0}, {"business", C_UNITQ, 0, 0},
        {"working", C_UNITQ, 0, 0}, {"full", C_UNITQ, 0, 0}, {"straight", C_UNITQ, 0, 0},
        {"consecutive", C_UNITQ, 0, 0},
        /* tense cues: past (irregular; regular -ed forms are recognised by shape) */
        {"said", C_TPAST, 0, 0}, {"was", C_TPAST, 0, 0}, {"were", C_TPAST, 0, 0},
        {"had", C_TPAST, 0, 0}, {"did", C_TPAST, 0, 0}, {"told", C_TPAST, 0, 0},
        {"met", C_TPAST, 0, 0}, {"took", C_TPAST, 0, 0}, {"came", C_TPAST, 0, 0},
        {"went", C_TPAST, 0, 0}, {"made", C_TPAST, 0, 0}, {"began", C_TPAST, 0, 0},
        {"held", C_TPAST, 0, 0}, {"left", C_TPAST, 0, 0}, {"saw", C_TPAST, 0, 0},
        {"gave", C_TPAST, 0, 0}, {"won", C_TPAST, 0, 0}, {"lost", C_TPAST, 0, 0},
        {"fell", C_TPAST, 0, 0}, {"rose", C_TPAST, 0, 0}, {"sold", C_TPAST, 0, 0},
        {"bought", C_TPAST, 0, 0}, {"paid", C_TPAST, 0, 0}, {"got", C_TPAST, 0, 0},
        {"led", C_TPAST, 0, 0}, {"ran", C_TPAST, 0, 0}, {"spoke", C_TPAST, 0, 0},
        {"wrote", C_TPAST, 0, 0}, {"became", C_TPAST, 0, 0}, {"found", C_TPAST, 0, 0},
        {"thought", C_TPAST, 0, 0}, {"hit", C_TPAST, 0, 0}, {"struck", C_TPAST, 0, 0},
        {"killed", C_TPAST, 0, 0}, {"knew", C_TPAST, 0, 0}, {"ago", C_TPAST, 0, 0},
        {"sent", C_TPAST, 0, 0}, {"brought", C_TPAST, 0, 0}, {"broke", C_TPAST, 0, 0},
        {"chose", C_TPAST, 0, 0}, {"drew", C_TPAST, 0, 0}, {"grew", C_TPAST, 0, 0},
        {"flew", C_TPAST, 0, 0}, {"threw", C_TPAST, 0, 0}, {"shot", C_TPAST, 0, 0},
        {"stood", C_TPAST, 0, 0}, {"felt", C_TPAST, 0, 0}, {"kept", C_TPAST, 0, 0},
        {"meant", C_TPAST, 0, 0}, {"heard", C_TPAST, 0, 0}, {"wore", C_TPAST, 0, 0},
        {"been", C_TPAST, 0, 0}, {"earlier", C_TPAST, 0, 0}, {"last", C_TPAST, 0, 0},
        {"since", C_TPAST, 0, 0}, {"yesterday", C_TPAST, 0, 0},
        /* more irregular simple pasts */
        {"sought", C_TPAST, 0, 0}, {"fought", C_TPAST, 0, 0}, {"caught", C_TPAST, 0, 0},
        {"taught", C_TPAST, 0, 0}, {"built", C_TPAST, 0, 0}, {"spent", C_TPAST, 0, 0},
        {"lent", C_TPAST, 0, 0}, {"dealt", C_TPAST, 0, 0}, {"fled", C_TPAST, 0, 0},
        {"laid", C_TPAST, 0, 0}, {"swore", C_TPAST, 0, 0}, {"tore", C_TPAST, 0, 0},
        {"rode", C_TPAST, 0, 0}, {"drove", C_TPAST, 0, 0}, {"woke", C_TPAST, 0, 0},
        {"froze", C_TPAST, 0, 0}, {"stole", C_TPAST, 0, 0}, {"sang", C_TPAST, 0, 0},
        {"rang", C_TPAST, 0, 0}, {"sank", C_TPAST, 0, 0}, {"swam", C_TPAST, 0, 0},
        {"forgot", C_TPAST, 0, 0}, {"sat", C_TPAST, 0, 0}, {"hung", C_TPAST, 0, 0},
        {"stuck", C_TPAST, 0, 0}, {"dug", C_TPAST, 0, 0}, {"swung", C_TPAST, 0, 0},
        {"sprang", C_TPAST, 0, 0}, {"shrank", C_TPAST, 0, 0}, {"slept", C_TPAST, 0, 0},
        {"swept", C_TPAST, 0, 0}, {"wept", C_TPAST, 0, 0}, {"crept", C_TPAST, 0, 0},
        {"withdrew", C_TPAST, 0, 0}, {"blew", C_TPAST, 0, 0}, {"overthrew", C_TPAST, 0, 0},
        {"undertook", C_TPAST, 0, 0}, {"overtook", C_TPAST, 0, 0}, {"shook", C_TPAST, 0, 0},
        {"arose", C_TPAST, 0, 0}, {"awoke", C_TPAST, 0, 0}, {"withheld", C_TPAST, 0, 0},
        {"upheld", C_TPAST, 0, 0}, {"forgave", C_TPAST, 0, 0}, {"overcame", C_TPAST, 0, 0},
        {"understood", C_TPAST, 0, 0}, {"strode", C_TPAST, 0, 0}, {"spun", C_TPAST, 0, 0},
        /* irregular past participles ("prices have risen", "were taken") */
        {"risen", C_TPAST, 0, 0}, {"fallen", C_TPAST, 0, 0}, {"grown", C_TPAST, 0, 0},
        {"taken", C_TPAST, 0, 0}, {"shown", C_TPAST, 0, 0}, {"seen", C_TPAST, 0, 0},
        {"done", C_TPAST, 0, 0}, {"gone", C_TPAST, 0, 0}, {"known", C_TPAST, 0, 0},
        {"written", C_TPAST, 0, 0}, {"spoken", C_TPAST, 0, 0}, {"chosen", C_TPAST, 0, 0},
        {"driven", C_TPAST, 0, 0}, {"broken", C_TPAST, 0, 0}, {"begun", C_TPAST, 0, 0},
        {"sworn", C_TPAST, 0, 0}, {"forgotten", C_TPAST, 0, 0}, {"stolen", C_TPAST, 0, 0},
        {"hidden", C_TPAST, 0, 0}, {"drawn", C_TPAST, 0, 0}, {"thrown", C_TPAST, 0, 0},
        {"flown", C_TPAST, 0, 0}, {"blown", C_TPAST, 0, 0}, {"withdrawn", C_TPAST, 0, 0},
        {"undertaken", C_TPAST, 0, 0}, {"overtaken", C_TPAST, 0, 0}, {"shaken", C_TPAST, 0, 0},
        {"frozen", C_TPAST, 0, 0}, {"ridden", C_TPAST, 0, 0}, {"arisen", C_TPAST, 0, 0},
        {"eaten", C_TPAST, 0, 0}, {"sung", C_TPAST, 0, 0}, {"sunk", C_TPAST, 0, 0},
        {"beaten", C_TPAST, 0, 0}, {"torn", C_TPAST, 0, 0}, {"worn", C_TPAST, 0, 0},
        /* tense cues: present */
        {"is", C_TPRES, 0, 0}, {"are", C_TPRES, 0, 0}, {"am", C_TPRES, 0, 0},
        {"says", C_TPRES, 0, 0},
        /* prepositions that govern dates (used to license ambiguous words) */
        {"in", C_PREP, 0, 0}, {"on", C_PREP, 0, 0}, {"since", C_PREP, 0, 0},
        {"until", C_PREP, 0, 0}, {"till", C_PREP, 0, 0}, {"by", C_PREP, 0, 0},
        {"from", C_PREP, 0, 0}, {"to", C_PREP, 0, 0}, {"through", C_PREP, 0, 0},
        {"during", C_PREP, 0, 0}, {"before", C_PREP, 0, 0}, {"after", C_PREP, 0, 0},
        {"of", C_PREP, 0, 0}, {"between", C_PREP, 0, 0}, {"early", C_PREP, 0, 0},
        {"late", C_PREP, 0, 0}, {"mid", C_PREP, 0, 0}, {"last", C_PREP, 0, 0},
        {"next", C_PREP, 0, 0}, {"this", C_PREP, 0, 0}, {"and", C_PREP, 0, 0},
        {"or", C_PREP, 0, 0}, {"around", C_PREP, 0, 0}, {"throughout", C_PREP, 0, 0},
        {"within", C_PREP, 0, 0}, {"into", C_PREP, 0, 0}, {"at", C_PREP, 0, 0},
        {"for", C_PREP, 0, 0}, {"circa", C_PREP, 0, 0}, {"year", C_PREP, 0, 0},
        {"as", C_PREP, 0, 0},
        /* determiners kept inside an extent */
        {"the", C_DET, 0, 0}, {"these", C_DET, 0, 0}, {"those", C_DET, 0, 0},
        {"its", C_DET, 0, 0}, {"their", C_DET, 0, 0}, {"his", C_DET, 0, 0},
        {"her", C_DET, 0, 0}, {"our", C_DET, 0, 0}, {"that", C_DET, 0, 0},
        /* "the same period last year", "the corresponding quarter a year ago":
         * the period just reported, one year back */
        {"same", C_SAMEADJ, 0, 0}, {"corresponding", C_SAMEADJ, 0, 0},
        {"comparable", C_SAMEADJ, 0, 0}, {"equivalent", C_SAMEADJ, 0, 0},
        {"like", C_SAMEADJ, 0, 0}, {"period", C_PERIODN, 0, 0},
        /* first words of the named days (dates_named_days) */
        {"valentine", C_NAMEDAY, 0, 0}, {"veterans", C_NAMEDAY, 0, 0}, {"boxing", C_NAMEDAY, 0, 0},
        {"election", C_NAMEDAY, 0, 0}, {"memorial", C_NAMEDAY, 0, 0}, {"mother", C_NAMEDAY, 0, 0},
        {"father", C_NAMEDAY, 0, 0}, {"martin", C_NAMEDAY, 0, 0}, {"easter", C_NAMEDAY, 0, 0},
        {"good", C_NAMEDAY, 0, 0}, {"palm", C_NAMEDAY, 0, 0}, {"ash", C_NAMEDAY, 0, 0},
};

/* Small word lists the lexicon's class bits have no room for (32 classes). */
/* before the verb "last": "expected to last three days", "will last a week" */
static const char *const dates_aux_words[] = {
        "to", "will", "would", "could", "can", "may", "might", "must", "should", "shall",
        "not", "did", "does", "'ll", "won't", "cannot", NULL};
/* what a half or quarter may be of without being a calendar one: "the first
 * half of trading", "the second half of the match" */
static const char *const dates_game_frames[] = {
        "trading", "trade", "match", "game", "season", "session", "race", "play", "final",
        "contest", "fight", "bout", "concert", "show", "film", "movie", "book", "century", NULL};
/* adjectives of an unstated stretch at one end of a period: "the early years" */
static const char *const dates_stretch_adj[] = {
        "first", "early", "initial", "opening", "final", "closing", "last", NULL};
/* newspaper names made with a weekday: "The Sunday Times", "the Mail on Sunday" */
static const char *const dates_paper_words[] = {
        "times", "telegraph", "post", "mirror", "express", "herald", "tribune", "independent",
        "star", "journal", "observer", "sport", "mail", "people", "world", NULL};
/* ... "on Sunday": "the Mail on Sunday", "the Independent on Sunday" */
static const char *const dates_sunday_papers[] = {"mail", "independent", "scotland", NULL};
/* verbs of scheduled events whose simple present with a time adverbial is a
 * timetable future (the "futurate" present): "Arafat and Netanyahu meet
 * separately Monday", "the offer expires Friday", "parliament reconvenes in
 * March". Only forms that are seldom nouns: not "visit", "vote", "close". */
static const char *const dates_futurate_verbs[] = {
        "meet", "meets", "arrive", "arrives", "depart", "departs", "begin", "begins",
        "resume", "resumes", "convene", "convenes", "reconvene", "reconvenes", "expire",
        "expires", "leave", "leaves", "fly", "flies", "opens", "reopens", "gather",
        "gathers", "starts", "goes", NULL};
/* prepositions the lexicon does not hold (C_PREP has those that govern
 * dates): after a month they make no noun it could modify ("the March
 * against racism") */
static const char *const dates_other_preps[] = {
        "against", "with", "without", "across", "along", "toward", "towards", "via",
        "versus", "amid", "among", "upon", "near", "behind", "beyond", "despite", "onto",
        NULL};
/* plural seasons, counted: "the past three summers" (not "springs", "falls":
 * mostly other nouns) */
static const struct { const char *word; int season; } dates_season_plurals[] = {
        {"summers", 2}, {"autumns", 3}, {"winters", 4}, {NULL, 0}};
/* present copulas before a participle that is an adjective: "the strait
 * remains closed beyond mid-June", "stays shut until March" */
static const char *const dates_present_copulas[] = {
        "remains", "remain", "stays", "stay", "seems", "seem", "appears", "appear",
        "looks", "look", NULL};
/* nouns of an age, after "today's"/"tomorrow's": the present (future) time,
 * not the day ("today's world", "today's youth"); not "market", "prices",
 * "session": those are often the day's */
static const char *const dates_era_nouns[] = {
        "world", "youth", "society", "generation", "generations", "economy", "children", "kids",
        "teenagers", "young", "consumers", "standards", "dollars", "terms", "technology",
        "computers", "cars", "companies", "industry", "politics", "culture", "military",
        "families", "students", "women", "men", "people", "leaders", "workers", "workplace",
        NULL};
/* a person's possessive: before a decade it makes an age ("in his 30s") */
static const char *const dates_person_poss[] = {"his", "her", "their", "my", "your", "our", NULL};

/* What a token is, as one mask per token (ctx_t.kind), for the cheap tests
 * of the driver and match_at(): the bits (1 << C_*) of its word classes, and
 * the K_* bits above them for what the classes do not say. */
#define CB(cls) ((uint64_t)1 << (cls))
#define K_NUM    ((uint64_t)1 << 32) /* a number token (digits) */
#define K_APOS   ((uint64_t)1 << 33) /* the punctuation ' or ’ ("'98") */
#define K_THE    ((uint64_t)1 << 34) /* "the" */
#define K_A      ((uint64_t)1 << 35) /* "a", "an" */
#define K_THAT   ((uint64_t)1 << 36) /* "that" */
#define K_EVERY  ((uint64_t)1 << 37) /* "every", "each", "per" */
#define K_NEW    ((uint64_t)1 << 38) /* "new" ("New Year's Day") */
#define K_FISCAL ((uint64_t)1 << 39) /* "fiscal" */
#define K_COUPLE ((uint64_t)1 << 40) /* "couple" ("a couple of weeks") */
#define K_FY     ((uint64_t)1 << 41) /* "FY", "FY2024" (is_fy) */
#define K_QH     ((uint64_t)1 << 42) /* two letters, the first Q or H ("Q3", "H1") */
#define K_START  ((uint64_t)1 << 43) /* the driver tries a candidate here (and a recognizer may) */
#define K_DETNEXT ((uint64_t)1 << 44) /* read after a determiner (see ctx_init) */
/* Words whose K_* bit is kept in the lexicon (with no class when the word
 * has none: such an entry is no sense of the word, W() stays NULL). */
static const struct { const char *word; uint64_t kind; } dates_kind_words[] = {
        {"the", K_THE}, {"a", K_A}, {"an", K_A}, {"that", K_THAT}, {"every", K_EVERY},
        {"each", K_EVERY}, {"per", K_EVERY}, {"new", K_NEW}, {"fiscal", K_FISCAL},
        {"couple", K_COUPLE},
        /* the words outside the lexicon that recognizers read after "the" or
         * "that": "the near future", "the end of", "the entire year", "the
         * initial days", "the near term", "the time being", "that very day" */
        {"near", K_DETNEXT}, {"distant", K_DETNEXT}, {"foreseeable", K_DETNEXT},
        {"initial", K_DETNEXT}, {"opening", K_DETNEXT},
        {"closing", K_DETNEXT}, {"entire", K_DETNEXT}, {"whole", K_DETNEXT}, {"end", K_DETNEXT},
        {"close", K_DETNEXT}, {"beginning", K_DETNEXT}, {"start", K_DETNEXT}, {"dawn", K_DETNEXT},
        {"middle", K_DETNEXT}, {"turn", K_DETNEXT}, {"short", K_DETNEXT}, {"long", K_DETNEXT},
        {"longer", K_DETNEXT}, {"time", K_DETNEXT}, {"very", K_DETNEXT}};

/* One lexicon entry: every sense of one word, merged from dates_rows. */
typedef struct dates_word_s {
        int8_t month, monabbr, wday, season, num_ok, ord_ok, unit, unitpl, part,
            rel, dayref, setw, decw, vague, ampm, clock, tz_ok;
        int16_t num, ord;
        int16_t holiday;
        uint32_t cls; /* bit (1 << C_*) for every class the word has */
        uint64_t kind; /* its K_* bits (dates_kind_words) */
        const char *ref, *mod, *wday_form, *part_form, *setw_part, *tz, *hol_name,
            *dayref_part;
} dates_word_t;

/* The lexicon is an open-addressing hash table over the merged words (keys
 * are the static row strings, lower case), hashed as the key maps hash
 * (nx_kmap_hash(): ASCII case folded), so that a token's hash is the one the
 * other extractors keep for it (nx_tok_hash()); a slot holds the hash, so
 * that only a true match is compared byte by byte. */
struct nx_dates_s {
        dates_word_t *words;
        const char **keys;    /* per word */
        uint8_t *key_len;     /* per word */
        uint16_t *slot;       /* word index + 1, 0 = empty */
        uint64_t *slot_hash;  /* the word's nx_kmap_hash() */
        size_t n_words, mask; /* slots = mask + 1, a power of two */
        /* prefilter: bit (last letter) of edge[length][first letter] is set
         * when some word has that length, first and last letter; rejects
         * most words of a text before hashing */
        uint32_t edge[16][27];
        uint64_t may_start; /* the union of the recognizers' kinds (see match_at) */
};

static unsigned edge_letter(unsigned char ch) {
        unsigned l = (ch | 32u) - 'a';
        return l < 26 ? l : 26;
}

/* The entry of token i (a word of at most 15 bytes; ASCII case ignored), or
 * NULL. */
static const dates_word_t *lex_find(const struct nx_dates_s *dd, const nx_doc_t *doc, size_t i) {
        const nx_token_t *t = &doc->toks[i];
        const char *s = doc->text + t->start;
        size_t n = nx_tok_len(t);
        if (n == 0 || n >= 16 ||
            !(dd->edge[n][edge_letter((unsigned char)s[0])] &
              (1u << edge_letter((unsigned char)s[n - 1]))))
                return NULL;
        uint64_t hash = nx_tok_hash(doc, i);
        for (size_t h = hash & dd->mask;; h = (h + 1) & dd->mask) {
                unsigned w = dd->slot[h];
                if (!w)
                        return NULL;
                w--;
                if (dd->slot_hash[h] != hash || dd->key_len[w] != n)
                        continue;
                const char *k = dd->keys[w];
                if (doc->lower) {
                        const char *l = doc->lower + t->start;
                        size_t q = 0;
                        while (q < n && l[q] == k[q])
                                q++;
                        if (q == n)
                                return &dd->words[w];
                        continue;
                }
                size_t q = 0;
                for (; q < n; q++) {
                        unsigned ch = (unsigned char)s[q];
                        if (ch - 'A' < 26u)
                                ch += 32;
                        if (ch != (unsigned char)k[q])
                                break;
                }
                if (q == n)
                        return &dd->words[w];
        }
}

#define HAS(w, c) ((w) && ((w)->cls & (1u << (c))))

/* ------------------------------------------------------------------ calendar */

/* Days since 1970-01-01 of a Gregorian date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d) {
        y -= m <= 2;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d) {
        z += 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long yy = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        *d = (int)(doy - (153 * mp + 2) / 5 + 1);
        *m = (int)(mp < 10 ? mp + 3 : mp - 9);
        *y = (int)(yy + (*m <= 2));
}

/* ISO weekday, Monday = 1. */
static int weekday_of(long days) { return (int)(((days % 7) + 7 + 3) % 7) + 1; }

static void iso_week(long days, int *wy, int *wn) {
        long thu = days - weekday_of(days) + 4;
        int y, m, d;
        civil_from_days(thu, &y, &m, &d);
        long jan1 = days_from_civil(y, 1, 1);
        *wy = y;
        *wn = (int)((thu - jan1) / 7) + 1;
}

static int days_in_month(int y, int m) {
        static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
                return 29;
        return dm[(m - 1) % 12];
}

/* ------------------------------------------------------------------ values */

enum { G_NONE = 0, G_MILL, G_CENT, G_DEC, G_YEAR, G_HALF, G_QUARTER, G_SEASON,
       G_MONTH, G_WEEK, G_WEEKEND, G_DAY, G_PART, G_TIME };

/* A calendar value under construction. y = YX for an unknown year. */
#define YX (-99999)
typedef struct tv_s {
        int gran;
        int y, m, d;         /* m, d 0 = unknown */
        int q, half, season; /* 1-based */
        int wy, wn;          /* ISO week */
        int part;            /* P_* */
        int hh, mi;          /* hh -1 unknown */
        int wday;            /* for XXXX-WXX-n */
        const char *tz;
} tv_t;

static const char *const season_code[] = {"", "SP", "SU", "FA", "WI"};
static const char *const part_code[] = {"", "MO", "AF", "EV", "NI", "DT"};

/* The TIMEX3 value of v, by snprintf() (all grains; tv_format() writes the
 * common ones itself). */
static char *tv_format_printf(nx_arena_t *a, const tv_t *v) {
        char y[16]; /* "%04d" of an int: room for any value, whatever the clamp below */
        if (v->y == YX)
                snprintf(y, sizeof y, "XXXX");
        else
                snprintf(y, sizeof y, "%04d", v->y < 0 ? 0 : v->y > 9999 ? 9999 : v->y);
        switch (v->gran) {
        case G_MILL:
                return v->y == YX ? nx_arena_sprintf(a, "X") : nx_arena_sprintf(a, "%d", v->y / 1000);
        case G_CENT:
                return v->y == YX ? nx_arena_sprintf(a, "XX") : nx_arena_sprintf(a, "%02d", v->y / 100);
        case G_DEC:
                return v->y == YX ? nx_arena_sprintf(a, "XXX") : nx_arena_sprintf(a, "%03d", v->y / 10);
        case G_YEAR:
                return nx_arena_sprintf(a, "%s", y);
        case G_HALF:
                return nx_arena_sprintf(a, "%s-H%d", y, v->half);
        case G_QUARTER:
                return nx_arena_sprintf(a, "%s-Q%d", y, v->q);
        case G_SEASON:
                return nx_arena_sprintf(a, "%s-%s", y, season_code[v->season]);
        case G_MONTH:
                return nx_arena_sprintf(a, "%s-%02d", y, v->m);
        case G_WEEK:
        case G_WEEKEND:
                /* TIMEX3 writes a weekend "2026-W15-WE"; the record contract's
                 * validator (shared/eval/validate.py) accepts no -WE suffix, so
                 * a weekend is given as its week */
                if (v->wy == YX)
                        return nx_arena_sprintf(a, "XXXX-WXX");
                return nx_arena_sprintf(a, "%04d-W%02d", v->wy, v->wn);
        default:
                break;
        }
        char day[32];
        if (v->d == 0 && v->wday)
                snprintf(day, sizeof day, "XXXX-WXX-%d", v->wday);
        else if (v->m == 0)
                snprintf(day, sizeof day, "%s-XX-XX", y);
        else if (v->d == 0)
                snprintf(day, sizeof day, "%s-%02d-XX", y, v->m);
        else
                snprintf(day, sizeof day, "%s-%02d-%02d", y, v->m, v->d);
        if (v->gran == G_DAY)
                return nx_arena_sprintf(a, "%s", day);
        if (v->gran == G_PART)
                return nx_arena_sprintf(a, "%sT%s", day, part_code[v->part]);
        if (v->hh < 0 || v->hh > 24 || v->mi < 0 || v->mi > 59)
                return NULL; /* a time of day that was never set: no TIMEX3 value */
        return nx_arena_sprintf(a, "%sT%02d:%02d%s", day, v->hh, v->mi, v->tz ? v->tz : "");
}

/* Writes v (0..99) as two digits at p; returns p + 2. */
static char *put2(char *p, int v) {
        p[0] = (char)('0' + v / 10);
        p[1] = (char)('0' + v % 10);
        return p + 2;
}

/* tv_format_printf()'s value of v, the same bytes: years, quarters,
 * months, days, parts of days and times written here (snprintf() costs ~2,000
 * instructions a value), other grains and fields outside their usual range
 * by tv_format_printf(). */
static char *tv_format(nx_arena_t *a, const tv_t *v) {
        char b[48], *p = b;
        int y = v->y < 0 ? 0 : v->y > 9999 ? 9999 : v->y;
        if (v->y == YX) {
                memcpy(p, "XXXX", 4);
        } else {
                p = put2(p, y / 100);
                put2(p, y % 100);
                p = b;
        }
        p += 4;
        switch (v->gran) {
        case G_YEAR:
                break;
        case G_QUARTER:
                if (v->q < 0 || v->q > 9)
                        return tv_format_printf(a, v);
                *p++ = '-';
                *p++ = 'Q';
                *p++ = (char)('0' + v->q);
                break;
        case G_MONTH:
                if (v->m < 0 || v->m > 99)
                        return tv_format_printf(a, v);
                *p++ = '-';
                p = put2(p, v->m);
                break;
        case G_DAY:
        case G_PART:
        case G_TIME:
                if (v->d == 0 && v->wday) {
                        if (v->wday < 1 || v->wday > 9)
                                return tv_format_printf(a, v);
                        memcpy(b, "XXXX-WXX-", 9);
                        p = b + 9;
                        *p++ = (char)('0' + v->wday);
                } else if (v->m == 0) {
                        memcpy(p, "-XX-XX", 6);
                        p += 6;
                } else {
                        if (v->m < 0 || v->m > 99 || v->d < 0 || v->d > 99)
                                return tv_format_printf(a, v);
                        *p++ = '-';
                        p = put2(p, v->m);
                        *p++ = '-';
                        if (v->d == 0) {
                                *p++ = 'X';
                                *p++ = 'X';
                        } else {
                                p = put2(p, v->d);
                        }
                }
                if (v->gran == G_PART) {
                        const char *pc = part_code[v->part];
                        size_t pl = strlen(pc);
                        *p++ = 'T';
                        memcpy(p, pc, pl);
                        p += pl;
                } else if (v->gran == G_TIME) {
                        if (v->hh < 0 || v->hh > 24 || v->mi < 0 || v->mi > 59)
                                return NULL; /* a time of day that was never set */
                        size_t tz = v->tz ? strlen(v->tz) : 0;
                        if (tz > 8)
                                return tv_format_printf(a, v);
                        *p++ = 'T';
                        p = put2(p, v->hh);
                        *p++ = ':';
                        p = put2(p, v->mi);
                        memcpy(p, v->tz ? v->tz : "", tz);
                        p += tz;
                }
                break;
        default:
                return tv_format_printf(a, v);
        }
        return nx_arena_strndup(a, b, (size_t)(p - b));
}

/* ------------------------------------------------------------------ context */

typedef struct cand_s {
        size_t s, e;           /* token range, half-open */
        nx_timex_type_t type;
        tv_t v;                /* when str is NULL */
        const char *str;       /* literal value (durations, sets, refs) */
        const char *mod;
        int anchor;            /* 1: may anchor later anaphoric dates */
} cand_t;

typedef struct ctx_s {
        const nx_doc_t *doc;
        const struct nx_dates_s *dd;
        const dates_word_t **w; /* per token: lexicon entry or NULL */
        uint64_t *kind;         /* per token: its classes and K_* bits */
        long *num;              /* per token: integer value of NUM tokens, -1 */
        int have_dct;
        long dct_days;
        tv_t anchor;            /* the last date mentioned (DAY..YEAR grain) */
        int have_anchor;
        tv_t topic;             /* the first quarter named: the period a report is about */
        int have_topic;
        tv_t day;               /* the last calendar day named, "today" included */
        int have_day;
        const char *ytd;        /* the last span of months reported ("the nine
                                 * months", P9M), for "a year earlier" after it */
        uint32_t ytd_sent;      /* its sentence */
        int depth;              /* nesting of match_at() (MATCH_DEPTH_MAX) */
        tv_t lastq;             /* the last quarter named, relative ones included */
        int have_lastq;
        int dmy;
} ctx_t;

/* Token i is one of the words of list (lower case, NULL-terminated). */
static int is_in(const ctx_t *c, size_t i, const char *const *list);

static const dates_word_t *W(const ctx_t *c, size_t i) {
        return i < c->doc->n_toks ? c->w[i] : NULL;
}
static long NUMV(const ctx_t *c, size_t i) {
        return i < c->doc->n_toks ? c->num[i] : -1;
}
/* Token i is the punctuation p / the lower-case word `word` (ASCII case
 * ignored). is_w() takes a string literal: its length is a compile-time
 * constant, so most calls end at the length test (the hot path). */
static inline int is_p(const ctx_t *c, size_t i, const char *p) {
        if (i >= c->doc->n_toks || c->doc->toks[i].kind != NX_TOK_PUNCT)
                return 0;
        const nx_token_t *t = &c->doc->toks[i];
        size_t n = strlen(p);
        return t->end - t->start == n && memcmp(c->doc->text + t->start, p, n) == 0;
}
static inline __attribute__((always_inline)) int is_wn(const ctx_t *c, size_t i, const char *word,
                                                    size_t n) {
        if (i >= c->doc->n_toks)
                return 0;
        const nx_token_t *t = &c->doc->toks[i];
        if (t->end - t->start != n)
                return 0;
        /* doc->lower is the text with 'A'-'Z' folded, as below: one compare */
        if (c->doc->lower)
                return memcmp(c->doc->lower + t->start, word, n) == 0;
        const unsigned char *s = (const unsigned char *)c->doc->text + t->start;
        for (size_t k = 0; k < n; k++) {
                unsigned ch = s[k];
                if (ch - 'A' < 26u)
                        ch += 32;
                if (ch != (unsigned char)word[k])
                        return 0;
        }
        return 1;
}
#define is_w(c, i, word) is_wn((c), (i), "" word, sizeof(word) - 1)
static int is_in(const ctx_t *c, size_t i, const char *const *list) {
        if (i >= c->doc->n_toks)
                return 0;
        /* the first byte first (ASCII case folded): most words end there */
        unsigned b = (unsigned char)c->doc->text[c->doc->toks[i].start];
        if (b - 'A' < 26u)
                b += 32;
        for (; *list; list++)
                if ((unsigned char)**list == b && is_wn(c, i, *list, strlen(*list)))
                        return 1;
        return 0;
}
/* The token after a possessive at token i: "'s" (one token), or "'" and
 * "s" in text tokenized before us ("today 's GM", MEANTIME); 0 for none. */
static size_t possessive_end(const ctx_t *c, size_t i) {
        if (is_w(c, i, "'s"))
                return i + 1;
        if ((is_p(c, i, "'") || is_p(c, i, "’")) && is_w(c, i + 1, "s") &&
            c->doc->toks[i + 1].start == c->doc->toks[i].end)
                return i + 2;
        return 0;
}
/* token i directly follows token i-1 (no space) */
static int glued(const ctx_t *c, size_t i) {
        return i > 0 && i < c->doc->n_toks &&
               c->doc->toks[i].start == c->doc->toks[i - 1].end;
}
static int same_sent(const ctx_t *c, size_t i, size_t j) {
        return i < c->doc->n_toks && j < c->doc->n_toks &&
               c->doc->toks[i].sent == c->doc->toks[j].sent;
}
static int tok_ndigits(const ctx_t *c, size_t i) {
        if (i >= c->doc->n_toks || c->doc->toks[i].kind != NX_TOK_NUM)
                return 0;
        return (int)nx_tok_len(&c->doc->toks[i]);
}
static int is_cap(const ctx_t *c, size_t i) {
        return i < c->doc->n_toks && (c->doc->toks[i].flags & NX_TF_CAP);
}
static int is_lower(const ctx_t *c, size_t i) {
        return i < c->doc->n_toks && (c->doc->toks[i].flags & NX_TF_LOWER);
}

static tv_t tv_dct(const ctx_t *c) {
        tv_t v = {0};
        v.gran = G_DAY;
        v.hh = -1;
        if (!c->have_dct) {
                v.y = YX;
                return v;
        }
        v.y = c->doc->dct.year;
        v.m = c->doc->dct.month;
        v.d = c->doc->dct.day;
        return v;
}

/* The quarter a report is about, for "the quarter", "the latest quarter",
 * "a year ago", "the 1988 period": the first quarter the article named (the
 * lead of an earnings report), else the last quarter mentioned. Returns 0
 * when there is none. */
static int report_quarter(const ctx_t *c, tv_t *v) {
        if (c->have_topic) {
                *v = c->topic;
                return 1;
        }
        if (c->have_anchor && c->anchor.gran == G_QUARTER &&
            (!c->have_dct || c->anchor.y >= c->doc->dct.year - 1)) {
                *v = c->anchor;
                return 1;
        }
        return 0;
}

static void tv_set_days(tv_t *v, long days) {
        civil_from_days(days, &v->y, &v->m, &v->d);
        iso_week(days, &v->wy, &v->wn);
}

/* Shifts v by n units at the unit's grain; v's grain becomes the unit's. */
static void tv_shift(tv_t *v, int unit, int n) {
        if (v->y == YX)
                return;
        switch (unit) {
        case U_DAY: case U_WEEK: case U_FORTNIGHT: case U_WEEKEND: case U_HOUR:
        case U_MIN: case U_SEC: {
                int d = v->d ? v->d : 1, m = v->m ? v->m : 1;
                long days = days_from_civil(v->y, m, d);
                if (unit == U_DAY)
                        days += n;
                else if (unit == U_FORTNIGHT)
                        days += 14L * n;
                else if (unit == U_WEEK || unit == U_WEEKEND)
                        days += 7L * n;
                tv_set_days(v, days);
                v->gran = unit == U_DAY ? G_DAY : unit == U_WEEKEND ? G_WEEKEND
                        : unit == U_WEEK || unit == U_FORTNIGHT ? G_WEEK : G_DAY;
                break;
        }
        case U_MONTH: {
                int m = (v->m ? v->m : 1) - 1 + n;
                v->y += m >= 0 ? m / 12 : -((11 - m) / 12);
                v->m = ((m % 12) + 12) % 12 + 1;
                if (v->d > days_in_month(v->y, v->m))
                        v->d = days_in_month(v->y, v->m);
                v->gran = G_MONTH;
                break;
        }
        case U_QUARTER: {
                int q = (v->q ? v->q : (v->m ? (v->m - 1) / 3 + 1 : 1)) - 1 + n;
                v->y += q >= 0 ? q / 4 : -((3 - q) / 4);
                v->q = ((q % 4) + 4) % 4 + 1;
                v->gran = G_QUARTER;
                break;
        }
        case U_HALF: {
                int h = (v->half ? v->half : (v->m ? (v->m > 6) + 1 : 1)) - 1 + n;
                v->y += h >= 0 ? h / 2 : -((1 - h) / 2);
                v->half = ((h % 2) + 2) % 2 + 1;
                v->gran = G_HALF;
                break;
        }
        case U_YEAR: v->y += n; v->gran = G_YEAR; break;
        case U_DECADE: v->y += 10 * n; v->gran = G_DEC; break;
        case U_CENTURY: v->y += 100 * n; v->gran = G_CENT; break;
        case U_MILLENNIUM: v->y += 1000 * n; v->gran = G_MILL; break;
        default: break;
        }
}

/* The grain a unit names ("week" -> G_WEEK). */
static int unit_gran(int unit) {
        static const int g[] = {G_NONE, G_TIME, G_TIME, G_TIME, G_DAY, G_WEEK, G_WEEK,
                                G_MONTH, G_QUARTER, G_YEAR, G_DEC, G_CENT, G_MILL,
                                G_WEEKEND, G_HALF};
        return unit >= 0 && unit <= U_HALF ? g[unit] : G_NONE;
}

/* How many `small` units make one `big` unit, for the pairs a compound
 * duration is told in ("three years and six months"); 0 for none. */
static int dur_unit_factor(int big, int small) {
        static const struct { int big, small, f; } t[] = {
                {U_YEAR, U_MONTH, 12}, {U_WEEK, U_DAY, 7}, {U_DAY, U_HOUR, 24},
                {U_HOUR, U_MIN, 60}, {U_MIN, U_SEC, 60},
        };
        for (size_t k = 0; k < sizeof t / sizeof t[0]; k++)
                if (t[k].big == big && t[k].small == small)
                        return t[k].f;
        return 0;
}

/* Duration string for n units ("P3Y", "PT48H"); n < 0 means unknown (X).
 * By snprintf() (dur_str() writes the common ones itself). */
static const char *dur_str_printf(nx_arena_t *a, int unit, double n) {
        char num[32];
        if (n < 0)
                snprintf(num, sizeof num, "X");
        else if (unit == U_DECADE || unit == U_CENTURY || unit == U_MILLENNIUM ||
                 unit == U_FORTNIGHT)
                snprintf(num, sizeof num, "%g", n * (unit == U_DECADE ? 10 : unit == U_CENTURY ? 100
                                                     : unit == U_FORTNIGHT ? 2 : 1000));
        else
                snprintf(num, sizeof num, "%g", n);
        /* (long) of a count past its range is undefined (UBSan, fuzz_dates:
         * "44444444444444444444444444 hours"); such counts are whole anyway */
        if (n > 0 && n < 1e15 && n != (long)n && (unit == U_HOUR || unit == U_MIN)) {
                long whole = (long)n;
                long sub = (long)((n - whole) * 60 + 0.5);
                return unit == U_HOUR ? nx_arena_sprintf(a, "PT%ldH%ldM", whole, sub)
                                      : nx_arena_sprintf(a, "PT%ldS", whole * 60 + sub);
        }
        if (n >= 0 && unit == U_HALF)
                return nx_arena_sprintf(a, "P%gM", n * 6);
        /* a fraction goes to the next smaller unit, as TimeBank writes it:
         * "2 1/2 years" P30M (TimeBank: P2Y6M, which the record validator
         * rejects), "a day and a half" P1DT12H */
        if (n > 0 && n < 1e15 && n != (long)n && (unit == U_YEAR || unit == U_DAY || unit == U_MONTH)) {
                long whole = (long)n;
                double f = n - whole;
                if (unit == U_YEAR)
                        /* one unit only ("P30M", not "P2Y6M"): the record validator
                         * accepts no compound date durations */
                        return nx_arena_sprintf(a, "P%ldM", whole * 12 + (long)(f * 12 + 0.5));
                if (unit == U_DAY)
                        return whole ? nx_arena_sprintf(a, "P%ldDT%ldH", whole, (long)(f * 24 + 0.5))
                                     : nx_arena_sprintf(a, "PT%ldH", (long)(f * 24 + 0.5));
                if (f == 0.5)
                        return whole ? nx_arena_sprintf(a, "P%ld.5M", whole) : nx_arena_sprintf(a, "P15D");
        }
        switch (unit) {
        case U_SEC: return nx_arena_sprintf(a, "PT%sS", num);
        case U_MIN: return nx_arena_sprintf(a, "PT%sM", num);
        case U_HOUR: return nx_arena_sprintf(a, "PT%sH", num);
        case U_DAY: return nx_arena_sprintf(a, "P%sD", num);
        case U_WEEK: case U_FORTNIGHT: return nx_arena_sprintf(a, "P%sW", num);
        case U_WEEKEND: return n < 0 ? nx_arena_sprintf(a, "PXD") : nx_arena_sprintf(a, "P%gD", 2 * n);
        case U_MONTH: return nx_arena_sprintf(a, "P%sM", num);
        case U_QUARTER: return nx_arena_sprintf(a, "P%sQ", num);
        case U_HALF: return nx_arena_sprintf(a, "P%sH", num);
        case U_YEAR: return nx_arena_sprintf(a, "P%sY", num);
        /* TIMEX3 units CE, ML for unknown counts of centuries, millennia; an
         * unknown count of decades is some years ("decades-long": PXY in
         * TimeBank and MEANTIME alike), as a known count is ("P20Y") */
        case U_DECADE: return nx_arena_sprintf(a, "P%sY", num);
        case U_CENTURY: return n < 0 ? nx_arena_sprintf(a, "P%sCE", num) : nx_arena_sprintf(a, "P%sY", num);
        case U_MILLENNIUM: return n < 0 ? nx_arena_sprintf(a, "P%sML", num) : nx_arena_sprintf(a, "P%sY", num);
        default: return nx_arena_sprintf(a, "P%sD", num);
        }
}

/* dur_str_printf()'s string, the same bytes: an unknown or whole count
 * (as "%g" writes it: below 1,000,000 after the unit's factor) written here,
 * fractions, halves and larger counts by dur_str_printf(). */
static const char *dur_str(nx_arena_t *a, int unit, double n) {
        long f = unit == U_DECADE ? 10 : unit == U_CENTURY ? 100 : unit == U_MILLENNIUM ? 1000
               : unit == U_FORTNIGHT || unit == U_WEEKEND ? 2 : 1;
        if (!(n < 0) && (unit == U_HALF || !(n < 1e6) || n != (double)(long)n || n * f >= 1e6 ||
                         (n == 0 && signbit(n))))
                return dur_str_printf(a, unit, n);
        char b[32], *p = b;
        *p++ = 'P';
        if (unit == U_SEC || unit == U_MIN || unit == U_HOUR)
                *p++ = 'T';
        if (n < 0) {
                *p++ = 'X';
        } else {
                char d[8];
                int nd = 0;
                long v = (long)n * f;
                do
                        d[nd++] = (char)('0' + v % 10);
                while ((v /= 10));
                while (nd)
                        *p++ = d[--nd];
        }
        const char *post;
        switch (unit) {
        case U_SEC: post = "S"; break;
        case U_MIN: post = "M"; break;
        case U_HOUR: post = "H"; break;
        case U_WEEK: case U_FORTNIGHT: post = "W"; break;
        case U_MONTH: post = "M"; break;
        case U_QUARTER: post = "Q"; break;
        case U_HALF: post = "H"; break;
        case U_YEAR: case U_DECADE: post = "Y"; break;
        case U_CENTURY: post = n < 0 ? "CE" : "Y"; break;
        case U_MILLENNIUM: post = n < 0 ? "ML" : "Y"; break;
        default: post = "D"; break; /* U_DAY, U_WEEKEND and any other */
        }
        size_t pl = strlen(post);
        memcpy(p, post, pl);
        p += pl;
        return nx_arena_strndup(a, b, (size_t)(p - b));
}

/* ------------------------------------------------------------------ tense */

static int shaped_past(const ctx_t *c, size_t i) {
        const nx_token_t *t = &c->doc->toks[i];
        size_t n = nx_tok_len(t);
        const char *s = c->doc->text + t->start;
        if (t->kind != NX_TOK_WORD || n < 5 || !(t->flags & NX_TF_LOWER))
                return 0;
        return s[n - 2] == 'e' && s[n - 1] == 'd' && s[n - 3] != 'e';
}

/* A lower-case word shaped like a plural noun ("reporters", "journalists"),
 * which an infinitive's verb is not: it ends in one "s" ("discuss", "focus",
 * "address" are verbs too). "spoke to reporters Friday" has no infinitive. */
static int plural_noun_shape(const ctx_t *c, size_t i) {
        const nx_token_t *t = &c->doc->toks[i];
        size_t n = nx_tok_len(t);
        const char *s = c->doc->text + t->start;
        if (t->kind != NX_TOK_WORD || n < 4 || !(t->flags & NX_TF_LOWER) || c->w[i])
                return 0;
        return s[n - 1] == 's' && s[n - 2] != 's' && s[n - 2] != 'u' && s[n - 2] != '\'';
}

/* The infinitive at token i states where a price or index ended up, the
 * result of the clause's own verb: "rose 3% to close at $12 on Friday", "fell
 * 50 points to end the day at 9,505". It has that verb's time (no future
 * cue): "to close/end/finish/settle" before "at", "up", "down", "higher",
 * "lower", "unchanged" or "the day/session/week". */
static const char *const dates_result_verbs[] = {"close", "end", "finish", "settle", NULL};
static const char *const dates_result_after[] = {
        "at", "up", "down", "higher", "lower", "unchanged", "flat", NULL};
static const char *const dates_result_spans[] = {"day", "session", "week", NULL};
static int result_infinitive(const ctx_t *c, size_t i) {
        if (!is_in(c, i, dates_result_verbs))
                return 0;
        return is_in(c, i + 1, dates_result_after) ||
               (is_w(c, i + 1, "the") && is_in(c, i + 2, dates_result_spans));
}

/* "planned" as a participle that modifies a noun or restates a plan ("the
 * service planned for Saturday was cancelled", "as previously planned")
 * is no future cue: the clause's own verb decides. As a verb ("they
 * planned to meet", "is planned for May") it stays one. */
static int planned_participle(const ctx_t *c, size_t k) {
        if (!is_w(c, k, "planned") || k == 0)
                return 0;
        if (is_w(c, k - 1, "previously") || is_w(c, k - 1, "originally") || is_w(c, k - 1, "as"))
                return 1;
        /* an adjective: "its planned offering", "the hastily planned trip" */
        size_t d = k - 1;
        if (d > 0 && nx_tok_len(&c->doc->toks[d]) > 4 &&
            memcmp(c->doc->text + c->doc->toks[d].end - 2, "ly", 2) == 0)
                d--;
        if (HAS(c->w[d], C_DET) || is_w(c, d, "a") || is_w(c, d, "an"))
                return 1;
        if (is_w(c, k - 1, "is") || is_w(c, k - 1, "are") || is_w(c, k - 1, "was") ||
            is_w(c, k - 1, "were") || is_w(c, k - 1, "be") || is_w(c, k - 1, "been") ||
            is_w(c, k - 1, "being"))
                return 0;
        return HAS(W(c, k + 1), C_PREP) && !is_w(c, k + 1, "to");
}

/* "plans"/"plan" is a future cue as the verb with its infinitive ("it plans
 * to sell", "announced plans to"); as a bare noun ("set aside vacation
 * plans", "the plan was approved") it says nothing of the time. */
static int plan_noun(const ctx_t *c, size_t k) {
        return (is_w(c, k, "plans") || is_w(c, k, "plan")) && !is_w(c, k + 1, "to");
}

/* An ordinal or "only" after "the" heads the noun phrase before the "to"
 * at token k ("the first woman to", "the only country to"). */
static int ordinal_head(const ctx_t *c, size_t k, size_t first) {
        for (size_t h = k, m = 0; h > first + 1 && m < 8; m++) {
                h--;
                /* the noun phrase may carry an of-phrase ("the first
                 * president of South Korea to be arrested") */
                if ((HAS(c->w[h], C_PREP) && !is_w(c, h, "of")) || HAS(c->w[h], C_TPAST) ||
                    HAS(c->w[h], C_TFUT) ||
                    HAS(c->w[h], C_TPRES) || c->doc->toks[h].kind == NX_TOK_PUNCT)
                        return 0;
                if (((HAS(c->w[h], C_ORD) && !is_w(c, h, "final")) || is_w(c, h, "only")) &&
                    is_w(c, h - 1, "the"))
                        return 1;
        }
        return 0;
}

/* "set", the same in present and past: "set for April", "set to begin"
 * schedule something (+1); "the record high set on Aug. 6", "they set a
 * date" are past (-1); "a TV set", "will set" say nothing here (0). */
static int set_cue(const ctx_t *c, size_t k) {
        if (!is_w(c, k, "set") || k == 0 || HAS(c->w[k - 1], C_DET) || is_w(c, k - 1, "a") ||
            HAS(c->w[k - 1], C_TFUT) || is_w(c, k - 1, "to"))
                return 0;
        if (is_w(c, k + 1, "for") || is_w(c, k + 1, "to"))
                return 1;
        return -1;
}

/* Token k is one of dates_futurate_verbs as a finite present: not a noun
 * after a determiner, a number or a preposition ("the meet", "two leaves",
 * "on leave since Monday"), not the base form after an auxiliary or "to"
 * ("did not meet Monday", "had been due to expire Friday": the auxiliary or
 * the infinitive decides). */
static int futurate_present(const ctx_t *c, size_t k, size_t first) {
        /* "the law takes effect Monday": the verb before "effect" */
        if (k > first && is_w(c, k, "effect") && (is_w(c, k - 1, "takes") || is_w(c, k - 1, "take")))
                k--;
        else if (c->w[k] || !is_lower(c, k) || !is_in(c, k, dates_futurate_verbs))
                return 0;
        if (k == first)
                return 1;
        return !(HAS(c->w[k - 1], C_DET) || is_w(c, k - 1, "a") || is_w(c, k - 1, "an") ||
                 c->doc->toks[k - 1].kind == NX_TOK_NUM || HAS(c->w[k - 1], C_NUM) ||
                 is_in(c, k - 1, dates_aux_words) || is_w(c, k - 1, "didn't") ||
                 (HAS(c->w[k - 1], C_PREP) && !is_w(c, k - 1, "and") && !is_w(c, k - 1, "or")) ||
                 is_w(c, k - 1, "never") || is_w(c, k - 1, "'s"));
}

/* "would have" (or "may/might/must/should/could have") with a past
 * participle at token k: a past that did or did not come about ("a memo from
 * Monday that would have paused aid", "may have left on Friday"), no future;
 * "would have the report ready by Friday" (have the verb) stays one. */
static int perfect_modal(const ctx_t *c, size_t k) {
        if (!(is_w(c, k, "would") || is_w(c, k, "'d") || is_w(c, k, "may") || is_w(c, k, "might") ||
              is_w(c, k, "must") || is_w(c, k, "should") || is_w(c, k, "could")) ||
            !(is_w(c, k + 1, "have") || is_w(c, k + 1, "'ve")))
                return 0;
        size_t p = k + 2;
        if (is_w(c, p, "not") || is_w(c, p, "never"))
                p++;
        return p < c->doc->n_toks && (is_w(c, p, "been") || (!c->w[p] && shaped_past(c, p)) ||
                                      (HAS(c->w[p], C_TPAST) && !HAS(c->w[p], C_REL) &&
                                       !HAS(c->w[p], C_PREP)));
}

/* The present auxiliary at token k ("is", "are", "am") heads a progressive
 * ("are meeting Tuesday", "is officially opening"): with a day it is the
 * arranged future (see tense_day). */
static int progressive_after(const ctx_t *c, size_t k) {
        size_t v = k + 1;
        if (v < c->doc->n_toks && !c->w[v] && nx_tok_len(&c->doc->toks[v]) > 4 &&
            memcmp(c->doc->text + c->doc->toks[v].end - 2, "ly", 2) == 0)
                v++;
        if (v >= c->doc->n_toks || c->w[v] || !is_lower(c, v) ||
            c->doc->toks[v].kind != NX_TOK_WORD)
                return 0;
        size_t n = nx_tok_len(&c->doc->toks[v]);
        const char *t = c->doc->text + c->doc->toks[v].start;
        return n >= 5 && memcmp(t + n - 3, "ing", 3) == 0 && memcmp(t + n - 5, "thing", 5) != 0;
}

/* tense_cue()'s value for a present progressive ("are meeting"): unknown
 * but for a day (tense_day) */
enum { T_PROGRESSIVE = 2 };

/* Past (-1), future (+1), unknown (0) or T_PROGRESSIVE, from the nearest
 * tense cue around token range [s, e) in its sentence: first leftwards, then
 * rightwards.
 * *gap (when not NULL) gets the number of tokens between the cue and the
 * range: 0 for "ended Jan. 31", "as soon as Tuesday". */
static int tense_cue(const ctx_t *c, size_t s, size_t e, size_t *gap) {
        const nx_doc_t *doc = c->doc;
        const nx_sentence_t *st = &doc->sents[doc->toks[s].sent];
        size_t dummy;
        if (!gap)
                gap = &dummy;
        *gap = (size_t)-1;
        /* "as soon as Tuesday": the earliest time something can happen */
        if (s >= st->tok_first + 3 && is_w(c, s - 3, "as") && is_w(c, s - 2, "soon") &&
            is_w(c, s - 1, "as")) {
                *gap = 0;
                return 1;
        }
        /* "ahead of his inauguration on Monday", "ahead of the March
         * election": what is ahead is still to come, unless the clause it
         * belongs to is told in the past ("traders had chosen to square
         * positions ahead of the weekend": the weekend then ahead) */
        for (size_t k = s, n = 0; k > st->tok_first + 1 && n < 8; n++) {
                k--;
                if (is_w(c, k, "of") && is_w(c, k - 1, "ahead")) {
                        *gap = 0;
                        for (size_t h = k - 1, m = 0; h > st->tok_first && m < 20; m++) {
                                h--;
                                const dates_word_t *hw = c->w[h];
                                if (is_w(c, h, "but") || is_p(c, h, ";") || HAS(hw, C_TFUT) ||
                                    HAS(hw, C_TPRES))
                                        break;
                                if ((HAS(hw, C_TPAST) && !HAS(hw, C_REL) && !HAS(hw, C_PREP)) ||
                                    (!hw && shaped_past(c, h) && !HAS(c->w[h - 1], C_DET)))
                                        return -1;
                        }
                        return 1;
                }
                if ((c->doc->toks[k].kind == NX_TOK_PUNCT && !(is_p(c, k, "-") && glued(c, k))) ||
                    HAS(c->w[k], C_TPAST) || HAS(c->w[k], C_TFUT) || HAS(c->w[k], C_TPRES) ||
                    shaped_past(c, k))
                        break;
        }
        /* "since March", "since early May", "since mid-2019": the point a
         * span runs from is behind, whatever the verb ("prices have risen
         * since March") */
        for (size_t k = s, n = 0; k > st->tok_first && n < 4; n++) {
                k--;
                if (is_w(c, k, "since")) {
                        *gap = 0;
                        return -1;
                }
                if (!(HAS(c->w[k], C_PREMOD) || is_p(c, k, "-") || is_w(c, k, "the")))
                        break;
        }
        for (size_t k = s, n = 0; k > st->tok_first && n < 20; n++) {
                k--;
                *gap = n;
                const dates_word_t *w = c->w[k];
                /* "..., but in March a judge ruled against them": a new
                 * clause; its own verb (rightwards) decides */
                if (is_w(c, k, "but") || is_p(c, k, ";"))
                        break;
                if (planned_participle(c, k) || plan_noun(c, k))
                        continue;
                if (set_cue(c, k))
                        return set_cue(c, k);
                if (perfect_modal(c, k))
                        return -1;
                if (HAS(w, C_TFUT) || (is_w(c, k, "may") && is_lower(c, k)) ||
                    (is_w(c, k, "to") && k + 1 < s && is_lower(c, k + 1) &&
                     !HAS(c->w[k + 1], C_DET) && !HAS(c->w[k + 1], C_PREMOD) &&
                     !HAS(c->w[k + 1], C_TONOUN) &&
                     !shaped_past(c, k + 1) && !plural_noun_shape(c, k + 1) &&
                     !result_infinitive(c, k + 1) &&
                     !is_w(c, k + 1, "a") && !is_w(c, k + 1, "an"))) {
                        /* an infinitival relative after an ordinal or "only"
                         * ("the first three countries to accede on Friday",
                         * "the only team to win") says who, not when */
                        if (is_w(c, k, "to") && ordinal_head(c, k, st->tok_first))
                                continue;
                        /* a plan in the past perfect ("had been due to expire
                         * Friday", "had planned to meet Monday") was before now */
                        for (size_t h = k, m = 0; h > st->tok_first && m < 3; m++)
                                if (is_w(c, --h, "had"))
                                        return -1;
                        /* "Until Thursday, they had not called him a suspect" */
                        if (is_w(c, k, "until") || is_w(c, k, "till"))
                                for (size_t h = e, m = 0; h < st->tok_end && m < 5; h++, m++)
                                        if (is_w(c, h, "had"))
                                                return -1;
                        return 1;
                }
                /* the timetable present governs a date it is next to ("meet
                 * separately Monday", "reconvenes in March", "takes effect on
                 * Sunday"); further off, in a summary told in the present
                 * ("Following the decision on Monday, the air force begins
                 * ..."), the present is no future */
                if (n <= 2 && futurate_present(c, k, st->tok_first))
                        return 1;
                /* the auxiliary, past an adverb ("is officially reported") */
                size_t ax = k > st->tok_first ? k - 1 : k;
                if (ax > st->tok_first && nx_tok_len(&c->doc->toks[ax]) > 4 && !c->w[ax] &&
                    memcmp(c->doc->text + c->doc->toks[ax].end - 2, "ly", 2) == 0)
                        ax--;
                if (k > st->tok_first && (is_w(c, ax, "be") || is_w(c, ax, "being") ||
                                          is_w(c, ax, "is") || is_w(c, ax, "are") ||
                                          is_in(c, ax, dates_present_copulas)) &&
                    (HAS(w, C_TPAST) || shaped_past(c, k)))
                        continue; /* passive: the auxiliary decides ("is heard in May");
                                   * a participle after a present copula is an
                                   * adjective ("remains closed beyond mid-June") */
                if (k > st->tok_first && !w && shaped_past(c, k) && HAS(c->w[k - 1], C_DET))
                        continue; /* a participle as adjective: "the revised plan" */
                if (k > st->tok_first + 1 && !w && shaped_past(c, k) && is_w(c, k - 1, "still") &&
                    (HAS(c->w[k - 2], C_DET) || is_w(c, k - 2, "a")))
                        continue; /* "a still unspecified date" */
                if (HAS(w, C_TPAST) && !HAS(w, C_REL) && !HAS(w, C_PREP))
                        return -1;
                if (is_w(c, k, "said") || is_w(c, k, "was") || is_w(c, k, "were"))
                        return -1;
                if (!w && shaped_past(c, k))
                        return -1;
                if (HAS(w, C_TPRES))
                        return progressive_after(c, k) ? T_PROGRESSIVE : 0;
        }
        /* a date fronted in its own phrase ("In January, a week after the
         * anniversary of the ruling, a bombing killed a guard") is governed
         * by the main clause's verb, which follows the phrase, an apposition
         * and the subject: look further right */
        size_t right = 12;
        if (e < st->tok_end && is_p(c, e, ",") && s <= st->tok_first + 2 &&
            (s == st->tok_first || HAS(c->w[st->tok_first], C_PREP)))
                right = 32;
        for (size_t k = e, n = 0; k < st->tok_end && n < right; k++, n++) {
                *gap = n;
                const dates_word_t *w = c->w[k];
                if (planned_participle(c, k) || plan_noun(c, k))
                        continue;
                if (set_cue(c, k))
                        return set_cue(c, k);
                if (perfect_modal(c, k))
                        return -1;
                if (HAS(w, C_TFUT) || (is_w(c, k, "may") && is_lower(c, k)))
                        return 1;
                if (HAS(w, C_TPAST) && !HAS(w, C_REL) && !HAS(w, C_PREP))
                        return -1;
                if (is_w(c, k, "said") || is_w(c, k, "was") || is_w(c, k, "were"))
                        return -1;
                if (!w && shaped_past(c, k))
                        return -1;
                if (HAS(w, C_TPRES))
                        return progressive_after(c, k) ? T_PROGRESSIVE : 0;
        }
        *gap = (size_t)-1;
        return 0;
}

static int tense_at(const ctx_t *c, size_t s, size_t e) {
        int t = tense_cue(c, s, e, NULL);
        return t == T_PROGRESSIVE ? 0 : t;
}

/* The tense for a day (a weekday): a present progressive is the arranged
 * future ("the officials are meeting Tuesday"); for a month or a season it
 * may be a state now ("the company is struggling after a loss in March"). */
static int tense_day(const ctx_t *c, size_t s, size_t e) {
        int t = tense_cue(c, s, e, NULL);
        return t == T_PROGRESSIVE ? 1 : t;
}

/* ------------------------------------------------------------------ resolvers */

/* Days beyond which a tense-placed date yields to the nearest occurrence. */
enum { TENSE_FAR_DAYS = 270 };

/* A month (1..12) without a year, placed by tense relative to the DCT. */
static void resolve_month(const ctx_t *c, tv_t *v, int tense) {
        if (!c->have_dct) {
                v->y = YX;
                return;
        }
        int y = c->doc->dct.year, dm = c->doc->dct.month;
        if (tense < 0 && v->m > dm)
                y--;
        else if (tense > 0 && v->m < dm)
                y++;
        v->y = y;
}

static int season_of_month(int m) { return m == 12 || m <= 2 ? 4 : (m - 3) / 3 + 1; }

static void resolve_season(const ctx_t *c, tv_t *v, int tense) {
        if (!c->have_dct) {
                v->y = YX;
                return;
        }
        int y = c->doc->dct.year, ds = season_of_month(c->doc->dct.month);
        if (c->doc->dct.month <= 2)
                ds = 0; /* Jan/Feb: the winter that began last year; all seasons ahead */
        if (tense < 0 && v->season > ds)
                y--;
        else if (tense >= 0 && v->season < ds)
                y++; /* a season named without tense is the next one */
        v->y = y;
}

static void resolve_quarter(const ctx_t *c, tv_t *v, int tense) {
        if (!c->have_dct) {
                v->y = YX;
                return;
        }
        int y = c->doc->dct.year, dq = (c->doc->dct.month - 1) / 3 + 1;
        /* a quarter named without a year is this year's, or last year's when it
         * has not begun yet and the verb is past; reports rarely name a future
         * year's quarter without saying so */
        if (tense < 0 && v->q > dq)
                y--;
        /* early in a year the fourth quarter talked of is the one just ended,
         * whose results come out then ("fourth-quarter profit is expected to
         * rise" in January) */
        else if (v->q == 4 && dq == 1 && v->gran == G_QUARTER)
                y--;
        /* a quarter two or more behind the current one, named with a future
         * verb, is next year's ("output will recover in the first quarter" in
         * October); the quarter just ended is still being reported on */
        else if (tense > 0 && v->q < dq - 1)
                y++;
        v->y = y;
}

static int rel_dir(const dates_word_t *r) {
        switch (r->rel) {
        case R_LAST: case R_PAST: case R_PREV: return -1;
        case R_NEXT: case R_COMING: case R_FOLLOW: return 1;
        default: return 0;
        }
}

/* A month-day without year or tense: the occurrence nearest the DCT. */
static void resolve_nearest(const ctx_t *c, tv_t *v) {
        if (!c->have_dct) {
                v->y = YX;
                return;
        }
        int best = c->doc->dct.year;
        long bd = 1L << 40;
        for (int y = c->doc->dct.year - 1; y <= c->doc->dct.year + 1; y++) {
                int d = v->d ? v->d : 15;
                if (d > days_in_month(y, v->m))
                        continue;
                long dist = labs(days_from_civil(y, v->m, d) - c->dct_days);
                if (dist < bd) {
                        bd = dist;
                        best = y;
                }
        }
        v->y = best;
}

/* A month or month-day without a year, in a clause with tense t (-1 past,
 * +1 future): the occurrence on that side of the DCT, unless, for a
 * month-day, that puts it most of a year away while the other side is near (tense cues are often
 * another clause's: "the dividend is payable Dec. 7, the company said" in
 * November). A firm cue (a verb next to the date, "the year ended Jan. 31")
 * is the date's own and always decides. */
static void resolve_by_tense(const ctx_t *c, tv_t *v, int t, int firm) {
        resolve_month(c, v, t);
        if (!c->have_dct || v->y == YX || firm)
                return;
        int d = v->d;
        if (!d || d > days_in_month(v->y, v->m))
                return; /* a month alone: the tense is the better guide */
        long dist = labs(days_from_civil(v->y, v->m, d) - c->dct_days);
        if (dist > TENSE_FAR_DAYS) {
                tv_t n = *v;
                resolve_nearest(c, &n);
                if (n.y != v->y)
                        v->y = n.y;
        }
}

/* A weekday by tense: past = latest on or before the DCT, future = first on or
 * after it, unknown = within the DCT's week when near, else past. */
static void resolve_wday(const ctx_t *c, tv_t *v, int wday, int tense) {
        v->gran = G_DAY;
        if (!c->have_dct) {
                v->y = YX;
                v->wday = wday;
                v->d = 0;
                return;
        }
        int dw = weekday_of(c->dct_days);
        long days;
        if (tense > 0)
                days = c->dct_days + (wday - dw + 7) % 7;
        else
                days = c->dct_days - (dw - wday + 7) % 7;
        tv_set_days(v, days);
}

/* Relative "last/next/this <unit>" against the DCT. */
static void resolve_rel_unit(const ctx_t *c, tv_t *v, int unit, int dir) {
        *v = tv_dct(c);
        if (!c->have_dct) {
                v->gran = unit_gran(unit);
                v->wy = YX;
                return;
        }
        long days = c->dct_days;
        tv_set_days(v, days);
        v->q = (v->m - 1) / 3 + 1;
        v->half = v->m > 6 ? 2 : 1;
        v->season = season_of_month(v->m);
        if (unit == U_WEEKEND && dir == 0) {
                v->gran = G_WEEKEND;
                return;
        }
        tv_shift(v, unit, dir);
        v->gran = unit_gran(unit);
        if (unit == U_WEEKEND)
                v->gran = G_WEEKEND;
}

/* ------------------------------------------------------------------ numbers */

/* Parses a number at token i: digits ("48", "1.5"), words ("twenty four",
 * "twenty-four", "a hundred", "one and a half"), "a"/"an" when allow_a.
 * Returns the token after it (i when none) and the value in *val. */
static size_t parse_number(const ctx_t *c, size_t i, int allow_a, double *val) {
        const nx_doc_t *doc = c->doc;
        if (i >= doc->n_toks)
                return i;
        if (doc->toks[i].kind == NX_TOK_NUM) {
                const nx_token_t *t = &doc->toks[i];
                size_t n = nx_tok_len(t);
                if (c->num[i] >= 0) {
                        /* up to 9 digits: the value strtod() would give, exactly */
                        *val = (double)c->num[i];
                } else {
                        char buf[32];
                        size_t o = 0;
                        if (n >= sizeof buf)
                                return i;
                        for (size_t k = 0; k < n; k++)
                                if (doc->text[t->start + k] != ',')
                                        buf[o++] = doc->text[t->start + k];
                        buf[o] = 0;
                        *val = strtod(buf, NULL);
                }
                size_t j = i + 1;
                /* "5 1/2" */
                if (NUMV(c, j) == 1 && is_p(c, j + 1, "/") && NUMV(c, j + 2) == 2 &&
                    glued(c, j + 1) && glued(c, j + 2)) {
                        *val += 0.5;
                        j += 3;
                }
                /* "1.5 million"? not a time quantity; leave */
                return j;
        }
        const dates_word_t *w = W(c, i);
        size_t j = i;
        double v = 0;
        if ((is_w(c, i, "a") || is_w(c, i, "an")) && allow_a) {
                /* "a hundred", "a dozen", "a couple of", else 1 */
                const dates_word_t *n2 = W(c, i + 1);
                if (HAS(n2, C_NUM) && n2->num >= 12) {
                        v = n2->num;
                        j = i + 2;
                } else if (is_w(c, i + 1, "couple") && is_w(c, i + 2, "of")) {
                        *val = 2;
                        return i + 3;
                } else if (is_w(c, i + 1, "couple") && HAS(W(c, i + 2), C_UNITPL)) {
                        *val = 2; /* "a couple weeks" */
                        return i + 2;
                } else {
                        *val = 1;
                        return i + 1;
                }
        } else if (allow_a && is_w(c, i, "couple") && is_w(c, i + 1, "of")) {
                *val = 2; /* "the next couple of years" */
                return i + 2;
        } else if (allow_a && is_w(c, i, "couple") && HAS(W(c, i + 1), C_UNITPL)) {
                *val = 2; /* "the next couple weeks" */
                return i + 1;
        } else if (HAS(w, C_NUM)) {
                v = w->num;
                j = i + 1;
                if (v >= 20 && v < 100 && (int)v % 10 == 0) {
                        size_t k = j;
                        if (is_p(c, k, "-") && glued(c, k))
                                k++;
                        const dates_word_t *u = W(c, k);
                        if (HAS(u, C_NUM) && u->num > 0 && u->num < 10) {
                                v += u->num;
                                j = k + 1;
                        }
                }
                const dates_word_t *h = W(c, j);
                if (HAS(h, C_NUM) && (h->num == 100 || h->num == 1000) && v < 100) {
                        v *= h->num;
                        j++;
                }
        } else {
                return i;
        }
        /* "one and a half" */
        if (is_w(c, j, "and") && is_w(c, j + 1, "a") && is_w(c, j + 2, "half")) {
                v += 0.5;
                j += 3;
        }
        *val = v;
        return j;
}

/* Ordinal at i: "third", "3rd", "30th". Returns next token or i. */
static size_t parse_ordinal(const ctx_t *c, size_t i, int *val) {
        const dates_word_t *w = W(c, i);
        if (HAS(w, C_ORD) && w->ord > 0) {
                *val = w->ord;
                /* "twenty-first" */
                return i + 1;
        }
        if (HAS(w, C_NUM) && w->num >= 20 && w->num <= 30 && is_p(c, i + 1, "-") &&
            HAS(W(c, i + 2), C_ORD) && W(c, i + 2)->ord > 0 && W(c, i + 2)->ord < 10) {
                *val = w->num + W(c, i + 2)->ord;
                return i + 3;
        }
        long n = NUMV(c, i);
        if (n > 0 && n < 1000 && i + 1 < c->doc->n_toks && glued(c, i + 1)) {
                if (is_w(c, i + 1, "st") || is_w(c, i + 1, "nd") || is_w(c, i + 1, "rd") ||
                    is_w(c, i + 1, "th")) {
                        *val = (int)n;
                        return i + 2;
                }
        }
        return i;
}

/* A day of month at i: "30", "30th", "thirtieth". */
static size_t parse_mday(const ctx_t *c, size_t i, int *d) {
        int v;
        size_t j = parse_ordinal(c, i, &v);
        if (j > i && v >= 1 && v <= 31) {
                *d = v;
                return j;
        }
        long n = NUMV(c, i);
        if (n >= 1 && n <= 31 && tok_ndigits(c, i) <= 2) {
                *d = (int)n;
                return i + 1;
        }
        return i;
}

/* A 4-digit year at i (1000..2199), or a spelled "nineteen ninety-six". */
static size_t parse_year(const ctx_t *c, size_t i, int *y) {
        long n = NUMV(c, i);
        if (n >= 1000 && n <= 2199 && tok_ndigits(c, i) == 4) {
                *y = (int)n;
                return i + 1;
        }
        /* '98 */
        if ((is_p(c, i, "'") || is_p(c, i, "’")) && tok_ndigits(c, i + 1) == 2 &&
            glued(c, i + 1) && !is_w(c, i + 2, "s")) {
                long v = NUMV(c, i + 1);
                *y = (int)(v < 30 ? 2000 + v : 1900 + v);
                return i + 2;
        }
        const dates_word_t *w = W(c, i);
        if (HAS(w, C_NUM) && (w->num == 19 || w->num == 20)) {
                double rest;
                size_t j = parse_number(c, i + 1, 0, &rest);
                if (j > i + 1 && rest >= 10 && rest < 100) {
                        *y = w->num * 100 + (int)rest;
                        return j;
                }
        }
        /* "two thousand", "two thousand and one" (only after "year": see r_year) */
        if (HAS(w, C_NUM) && w->num == 2 && HAS(W(c, i + 1), C_NUM) && W(c, i + 1)->num == 1000) {
                size_t j = i + 2;
                double rest = 0;
                size_t k = is_w(c, j, "and") ? j + 1 : j;
                size_t e = parse_number(c, k, 0, &rest);
                if (e > k && rest >= 1 && rest < 100) {
                        *y = 2000 + (int)rest;
                        return e;
                }
                *y = 2000;
                return j;
        }
        return i;
}

/* The month at i: full name, or abbreviation (optionally with a dot). */
static size_t parse_month(const ctx_t *c, size_t i, int *m, int *abbr) {
        const dates_word_t *w = W(c, i);
        if (HAS(w, C_MONTH)) {
                *m = w->month;
                *abbr = 0;
                return i + 1;
        }
        if (HAS(w, C_MONABBR)) {
                *m = w->monabbr;
                *abbr = 1;
                if (is_p(c, i + 1, ".") && glued(c, i + 1))
                        return i + 2;
                return i + 1;
        }
        return i;
}

/* ------------------------------------------------------------------ recognizers */

static void cand_date(cand_t *k, size_t s, size_t e, const tv_t *v) {
        memset(k, 0, sizeof *k);
        k->s = s;
        k->e = e;
        k->v = *v;
        k->type = v->gran == G_TIME || v->gran == G_PART ? NX_TIMEX_TIME : NX_TIMEX_DATE;
        k->anchor = 1;
}

static void cand_str(cand_t *k, size_t s, size_t e, nx_timex_type_t type,
                     const char *str) {
        memset(k, 0, sizeof *k);
        k->s = s;
        k->e = e;
        k->type = type;
        k->str = str;
}

/* A month name (tokens [i, j)) as the modifier of a noun after a determiner:
 * "a June agreement", "the late-November trip", "its January deadline". It
 * dates the thing the noun names, not the clause's event, so a future cue of
 * the clause does not place it; the nearest such month does ("is continuing
 * to sell itself under a June agreement" in October is this year's June, not
 * next; "before the January deadline" is the coming one). A past clause still
 * does: the thing is told of as done ("arrested in the October attack"). */
static int month_attributive(const ctx_t *c, size_t i, size_t j) {
        size_t b = i;
        if (b >= 2 && is_p(c, b - 1, "-") && glued(c, b) && glued(c, b - 1) &&
            (is_w(c, b - 2, "early") || is_w(c, b - 2, "mid") || is_w(c, b - 2, "late")))
                b -= 2;
        if (b == 0 || !(HAS(c->w[b - 1], C_DET) || is_w(c, b - 1, "a") || is_w(c, b - 1, "an") ||
                        is_w(c, b - 1, "'s")))
                return 0;
        if (j >= c->doc->n_toks || !same_sent(c, i, j) || c->doc->toks[j].kind != NX_TOK_WORD ||
            !is_lower(c, j))
                return 0;
        const dates_word_t *w = c->w[j];
        return !(HAS(w, C_PREP) || HAS(w, C_TFUT) || HAS(w, C_TPAST) || HAS(w, C_TPRES) ||
                 HAS(w, C_REL) || HAS(w, C_UNIT) || HAS(w, C_UNITPL) || shaped_past(c, j) ||
                 is_w(c, j, "and") || is_w(c, j, "when") || is_w(c, j, "that") ||
                 is_w(c, j, "has") || is_w(c, j, "have") || is_w(c, j, "if") ||
                 is_in(c, j, dates_other_preps));
}

/* Words that make a following capitalised "May"/"March" a name, not a month. */
static int month_word_ok(const ctx_t *c, size_t i, int m, int abbr, size_t after) {
        const nx_doc_t *doc = c->doc;
        int ambiguous = m == 5 || m == 3 || abbr;
        int day_follows = NUMV(c, after) >= 1 && tok_ndigits(c, after) <= 4;
        if (!ambiguous) {
                /* lower-case full month names are fine except in running lower-case text
                 * where "august" is an adjective: accept */
                return 1;
        }
        if (is_lower(c, i) && (m == 5 || m == 3) && !day_follows)
                return 0; /* "may", "march" */
        if (abbr) {
                if (day_follows)
                        return 1;
                /* "Dec." alone, after a preposition */
                return (i + 1 < doc->n_toks && is_p(c, i + 1, ".")) && i > 0 &&
                       HAS(W(c, i - 1), C_PREP) && !(doc->toks[i].flags & NX_TF_SENT_START);
        }
        if (day_follows)
                return 1;
        /* "mid-March", "late-May": the glued prefix makes it the month */
        if (i >= 2 && is_p(c, i - 1, "-") && glued(c, i) && glued(c, i - 1) &&
            (is_w(c, i - 2, "mid") || is_w(c, i - 2, "early") || is_w(c, i - 2, "late") ||
             is_w(c, i - 2, "end")))
                return 1;
        if (i > 0 && HAS(W(c, i - 1), C_PREP) && !is_w(c, i - 1, "and") &&
            !is_w(c, i - 1, "or") && !is_w(c, i - 1, "to"))
                return !HAS(W(c, after), C_TFUT);
        if (i > 0 && (is_w(c, i - 1, "of") || is_w(c, i - 1, "last") || is_w(c, i - 1, "next")))
                return 1;
        /* "The March accession", "a May deadline": a determiner, the month, a
         * noun; after a possessive it is a name ("the Women's March holds a
         * protest", "the People's March against ...") */
        return !abbr && !is_w(c, i - 1, "'s") && month_attributive(c, i, after);
}

/* A month without a year coordinated with one that has it ("between
 * September and October of 2007", "from March to May 2008", "Nov. 5 and
 * Dec. 2, 2006"): the same year, or the one before when the month comes
 * later in the calendar ("December and January 2009"). j is the token after
 * the first date; m its month. */
static int coord_year(const ctx_t *c, size_t j, int m, int *y) {
        if (!(is_w(c, j, "and") || is_w(c, j, "or") || is_w(c, j, "to") || is_w(c, j, "through") ||
              is_w(c, j, "until") || is_w(c, j, "till") || is_p(c, j, "-")))
                return 0;
        int m2, ab, d2, y2;
        size_t k = parse_month(c, j + 1, &m2, &ab);
        if (k == j + 1)
                return 0;
        size_t k2 = parse_mday(c, k, &d2);
        if (k2 > k)
                k = k2;
        if (is_p(c, k, ",") || is_w(c, k, "of"))
                k++;
        if (parse_year(c, k, &y2) == k || tok_ndigits(c, k) != 4 || !same_sent(c, j, k))
                return 0;
        *y = m > m2 ? y2 - 1 : y2;
        return 1;
}

/* Absolute calendar dates and months:
 *   MONTH DAY[,] [YEAR] | MONTH [of|,] YEAR | MONTH | DAY [of] MONTH [YEAR] |
 *   WEEKDAY, MONTH DAY ... | the DAYth [of MONTH] */
static size_t r_calendar(ctx_t *c, size_t i, cand_t *out) {
        int m = 0, abbr = 0, d = 0, y = 0;
        size_t s = i, j, k;
        tv_t v = {0};
        v.hh = -1;
        /* weekday prefix: "Friday, Dec. 30" */
        int wd = 0;
        if (HAS(W(c, i), C_WDAY) && !W(c, i)->wday_form) {
                k = i + 1;
                if (is_p(c, k, ","))
                        k++;
                int mm, ab;
                if (parse_month(c, k, &mm, &ab) > k) {
                        wd = W(c, i)->wday;
                        i = k;
                }
        }
        j = parse_month(c, i, &m, &abbr);
        if (j > i) {
                size_t after = j;
                if (!month_word_ok(c, i, m, abbr, after))
                        return 0;
                k = parse_mday(c, j, &d);
                /* "November the 5th": an ordinal after "the" */
                if (k == j && is_w(c, j, "the")) {
                        int o;
                        size_t k3 = parse_ordinal(c, j + 1, &o);
                        /* ("in March the first time": the ordinal of a noun) */
                        if (k3 > j + 1 && o >= 1 && o <= 31 &&
                            !(k3 < c->doc->n_toks && c->doc->toks[k3].kind == NX_TOK_WORD &&
                              !HAS(W(c, k3), C_PREP))) {
                                d = o;
                                k = k3;
                        }
                }
                if (k > j && !(NUMV(c, j) >= 0 && is_p(c, j + 1, ":") && glued(c, j + 1) &&
                               tok_ndigits(c, j + 2) && glued(c, j + 2)) &&
                    !(tok_ndigits(c, j) > 0 && (is_p(c, j + 1, "%") || is_w(c, j + 1, "percent")))) {
                        /* MONTH DAY [,] [YEAR] */
                        j = k;
                        size_t k2 = j;
                        if (is_p(c, k2, ","))
                                k2++;
                        size_t k3 = parse_year(c, k2, &y);
                        if (k3 > k2 && !is_p(c, k3, ":")) {
                                j = k3;
                        } else {
                                y = 0;
                        }
                } else {
                        /* MONTH [,|of] YEAR */
                        size_t k2 = j;
                        if (is_p(c, k2, ",") || is_w(c, k2, "of"))
                                k2++;
                        size_t k3 = parse_year(c, k2, &y);
                        if (k3 > k2)
                                j = k3;
                        else
                                y = 0;
                        d = 0;
                        if (!y && abbr && !(j > i + 1)) /* bare "Dec" */
                                return 0;
                }
        } else {
                /* DAY [of] MONTH [YEAR]; "the 30th [of December]" */
                k = parse_mday(c, i, &d);
                if (k == i)
                        return 0;
                int ordinal = !(NUMV(c, i) >= 0 && k == i + 1);
                size_t k2 = k;
                if (is_w(c, k2, "of"))
                        k2++;
                j = parse_month(c, k2, &m, &abbr);
                /* "men aged 18 to 22 may now cross": the modal, not 22 May */
                if (j > k2 && is_lower(c, k2) && (m == 5 || m == 3))
                        return 0;
                if (j == k2) {
                        /* "the 30th": a day of the DCT's month */
                        if (ordinal && i > 0 && is_w(c, i - 1, "the") && NUMV(c, i) > 0 &&
                            !HAS(W(c, k), C_UNIT) && !HAS(W(c, k), C_UNITPL) &&
                            !(c->doc->toks[k < c->doc->n_toks ? k : i].kind == NX_TOK_WORD &&
                              is_lower(c, k) && !HAS(W(c, k), C_PREP)) &&
                            !is_p(c, k, "-") && c->have_dct &&
                            !(is_cap(c, k) && c->doc->toks[k].kind == NX_TOK_WORD &&
                              !(c->doc->toks[k].flags & NX_TF_SENT_START))) {
                                /* not "the 11th Circuit", "the 82nd Airborne" */
                                v = tv_dct(c);
                                v.d = d;
                                if (d > days_in_month(v.y, v.m))
                                        return 0;
                                cand_date(out, s, k, &v);
                                return k;
                        }
                        return 0;
                }
                if (abbr && !(is_p(c, j - 1, ".")) && m != 5 && !ordinal && 0)
                        return 0;
                size_t k3 = j;
                if (is_p(c, k3, ","))
                        k3++;
                size_t k4 = parse_year(c, k3, &y);
                if (k4 > k3)
                        j = k4;
                else
                        y = 0;
        }
        v.m = m;
        v.d = d;
        v.gran = d ? G_DAY : G_MONTH;
        if (y) {
                v.y = y;
        } else if (wd && d && c->have_dct) {
                /* the year in which that month/day falls on that weekday, nearest the DCT */
                int best = c->doc->dct.year;
                for (int dy = 0; dy <= 1; dy++) {
                        int yy = c->doc->dct.year + dy, y2 = c->doc->dct.year - dy;
                        if (d <= days_in_month(yy, m) && weekday_of(days_from_civil(yy, m, d)) == wd) {
                                best = yy;
                                break;
                        }
                        if (d <= days_in_month(y2, m) && weekday_of(days_from_civil(y2, m, d)) == wd) {
                                best = y2;
                                break;
                        }
                }
                v.y = best;
        } else if (coord_year(c, j, m, &v.y)) {
                ; /* "between September and October of 2007" */
        } else {
                size_t gap;
                int t = tense_cue(c, s, j, &gap);
                if (t == T_PROGRESSIVE)
                        t = 0;
                if (t > 0 && !d && month_attributive(c, i, j))
                        t = 0;
                if (t == 0)
                        resolve_nearest(c, &v);
                else /* a past verb right before the date ("ended Jan. 31") is its own */
                        resolve_by_tense(c, &v, t, t < 0 && gap == 0);
                /* "January this year", "May next year" */
                if (!d && HAS(W(c, j), C_REL) && HAS(W(c, j + 1), C_UNIT) &&
                    W(c, j + 1)->unit == U_YEAR && c->have_dct) {
                        int dir = rel_dir(W(c, j));
                        if (W(c, j)->rel == R_THIS || W(c, j)->rel == R_LAST || W(c, j)->rel == R_NEXT) {
                                v.y = c->doc->dct.year + dir;
                                j += 2;
                        }
                }
        }
        if (v.d && v.y != YX && v.d > days_in_month(v.y, v.m))
                return 0;
        cand_date(out, s, j, &v);
        return j;
}

/* Numeric dates: 2022-12-30, 12/30/2022 (date_order), 30.12.2022, 12/30. */
static size_t r_numeric(ctx_t *c, size_t i, cand_t *out) {
        long a = NUMV(c, i);
        if (a < 0 || tok_ndigits(c, i) > 4)
                return 0;
        tv_t v = {0};
        v.hh = -1;
        v.gran = G_DAY;
        /* ISO 8601: YYYY-MM-DD */
        if (tok_ndigits(c, i) == 4 && is_p(c, i + 1, "-") && glued(c, i + 1) &&
            glued(c, i + 2) && tok_ndigits(c, i + 2) == 2 && is_p(c, i + 3, "-") &&
            glued(c, i + 3) && glued(c, i + 4) && tok_ndigits(c, i + 4) == 2) {
                long m = NUMV(c, i + 2), d = NUMV(c, i + 4);
                if (m >= 1 && m <= 12 && d >= 1 && d <= days_in_month((int)a, (int)m)) {
                        v.y = (int)a;
                        v.m = (int)m;
                        v.d = (int)d;
                        cand_date(out, i, i + 5, &v);
                        return i + 5;
                }
                return 0;
        }
        /* A/B/YYYY or A-B-YYYY or A.B.YYYY */
        const char *seps[] = {"/", "-", "."};
        for (int s = 0; s < 3; s++) {
                if (!(is_p(c, i + 1, seps[s]) && glued(c, i + 1) && glued(c, i + 2) &&
                      tok_ndigits(c, i + 2) >= 1 && tok_ndigits(c, i + 2) <= 2 &&
                      tok_ndigits(c, i) <= 2))
                        continue;
                long b = NUMV(c, i + 2);
                long y = -1;
                size_t e = i + 3;
                if (is_p(c, i + 3, seps[s]) && glued(c, i + 3) && glued(c, i + 4) &&
                    (tok_ndigits(c, i + 4) == 4 || tok_ndigits(c, i + 4) == 2)) {
                        y = NUMV(c, i + 4);
                        if (tok_ndigits(c, i + 4) == 2)
                                y += y < 50 ? 2000 : 1900;
                        e = i + 5;
                        if (e < c->doc->n_toks && glued(c, e) && !is_p(c, e, ".") && !is_p(c, e, ","))
                                return 0;
                } else {
                        /* "12/30" only with '/' and a preceding "on" */
                        if (s != 0 || !(i > 0 && (is_w(c, i - 1, "on") || is_w(c, i - 1, "since"))))
                                continue;
                        if (e < c->doc->n_toks && glued(c, e))
                                continue;
                }
                long mo = c->dmy || s == 2 ? b : a, da = c->dmy || s == 2 ? a : b;
                if (mo > 12 && da <= 12) {
                        long t = mo;
                        mo = da;
                        da = t;
                }
                if (mo < 1 || mo > 12 || da < 1 || da > 31)
                        return 0;
                v.m = (int)mo;
                v.d = (int)da;
                if (y > 0) {
                        v.y = (int)y;
                } else {
                        resolve_month(c, &v, tense_at(c, i, e));
                }
                if (v.y != YX && v.d > days_in_month(v.y, v.m))
                        return 0;
                cand_date(out, i, e, &v);
                return e;
        }
        return 0;
}

/* Clock times: "3 p.m.", "10:35 a.m.", "15:00 GMT", "0800 UTC", "noon", then an
 * optional day ("Wednesday", "today", "Nov. 9"). */
static size_t r_time(ctx_t *c, size_t i, cand_t *out) {
        int hh = -1, mi = 0;
        size_t j = i;
        const char *tz = NULL;
        int explicit_ampm = 0;
        const dates_word_t *w = W(c, i);
        if (HAS(w, C_CLOCK)) {
                hh = w->clock;
                j = i + 1;
        } else if (NUMV(c, i) >= 0 && tok_ndigits(c, i) <= 2) {
                hh = (int)NUMV(c, i);
                j = i + 1;
                if (is_p(c, j, ":") && glued(c, j) && glued(c, j + 1) && tok_ndigits(c, j + 1) == 2) {
                        mi = (int)NUMV(c, j + 1);
                        j += 2;
                        /* seconds */
                        if (is_p(c, j, ":") && glued(c, j) && tok_ndigits(c, j + 1) == 2)
                                j += 2;
                        explicit_ampm = 2;
                } else if (is_p(c, j, ".") && glued(c, j) && glued(c, j + 1) &&
                           tok_ndigits(c, j + 1) == 2 && HAS(W(c, j + 2), C_AMPM)) {
                        mi = (int)NUMV(c, j + 1);
                        j += 2;
                }
        } else if (NUMV(c, i) >= 0 && tok_ndigits(c, i) == 4 && HAS(W(c, i + 1), C_TZ)) {
                long n = NUMV(c, i);
                hh = (int)(n / 100);
                mi = (int)(n % 100);
                j = i + 1;
                explicit_ampm = 2;
        } else {
                return 0;
        }
        if (hh < 0 || hh > 24 || mi > 59)
                return 0;
        /* am/pm: "p.m.", "pm", "p.m" (p . m), "o'clock" */
        const dates_word_t *ap = W(c, j);
        if (HAS(ap, C_AMPM) && !HAS(W(c, i), C_CLOCK)) {
                if (hh > 12 || hh == 0)
                        return 0;
                hh = hh % 12 + ap->ampm;
                j++;
                explicit_ampm = 1;
        } else if ((is_w(c, j, "p") || is_w(c, j, "a")) && is_p(c, j + 1, ".") &&
                   is_w(c, j + 2, "m") && glued(c, j + 1) && glued(c, j + 2)) {
                if (hh > 12 || hh == 0)
                        return 0;
                hh = hh % 12 + (is_w(c, j, "p") ? 12 : 0);
                j += 3;
                explicit_ampm = 1;
        } else if (is_w(c, j, "o'clock") || is_w(c, j, "o’clock")) {
                j++;
                explicit_ampm = 1;
        }
        /* "at 4 in the morning": the part of day takes the place of a.m./p.m.
         * (after a preposition: "won 3 in the morning session" is a score) */
        if (!explicit_ampm && hh >= 1 && hh <= 12 && is_w(c, j, "in") && is_w(c, j + 1, "the") &&
            HAS(W(c, j + 2), C_PART) && !W(c, j + 2)->part_form && W(c, j + 2)->part != P_DT &&
            i > 0 && HAS(W(c, i - 1), C_PREP) && !is_p(c, j + 3, "-"))
                explicit_ampm = 3;
        if (!explicit_ampm && !HAS(W(c, i), C_CLOCK))
                return 0;
        if (HAS(W(c, j), C_TZ)) {
                tz = W(c, j)->tz;
                j++;
        } else if (is_p(c, j, "(") && HAS(W(c, j + 1), C_TZ)) {
                /* "( GMT +8 )" */
                size_t k = j + 2;
                while (k < c->doc->n_toks && k < j + 6 && !is_p(c, k, ")"))
                        k++;
                if (is_p(c, k, ")")) {
                        tz = W(c, j + 1)->tz;
                        j = k + 1;
                }
        }
        /* "0800" / "15:00" with no zone, no am/pm: accept only hh:mm */
        tv_t v = tv_dct(c);
        v.gran = G_TIME;
        v.hh = hh;
        v.mi = mi;
        v.tz = tz && *tz ? tz : NULL;
        /* an attached day */
        size_t k = j, k0 = j;
        /* "8 p.m. local time on Sunday": the zone words stay outside */
        if (is_w(c, k, "local") && is_w(c, k + 1, "time") &&
            (is_w(c, k + 2, "on") || is_p(c, k + 2, ",")))
                k += 2;
        if (is_p(c, k, ","))
                k++;
        if (is_w(c, k, "on"))
                k++;
        cand_t day;
        const dates_word_t *dw = W(c, k);
        if (HAS(dw, C_DAYREF) && !dw->dayref_part) {
                tv_t t = tv_dct(c);
                if (c->have_dct)
                        tv_set_days(&t, c->dct_days + dw->dayref);
                v.y = t.y; v.m = t.m; v.d = t.d;
                j = k + 1;
        } else if (k == j && ((HAS(dw, C_DAYREF) && dw->dayref_part && dw->dayref == 0) ||
                              (is_w(c, k, "this") && HAS(W(c, k + 1), C_PART) &&
                               !W(c, k + 1)->part_form && W(c, k + 1)->part != P_DT))) {
                /* "8 a.m. this morning", "9 p.m. tonight": the clock time of today */
                tv_t t = tv_dct(c);
                v.y = t.y; v.m = t.m; v.d = t.d;
                j = k + (HAS(dw, C_DAYREF) ? 1 : 2);
        } else if (HAS(dw, C_WDAY) && !dw->wday_form) {
                size_t e2 = r_calendar(c, k, &day);
                if (e2 > k && day.v.gran == G_DAY) {
                        v.y = day.v.y; v.m = day.v.m; v.d = day.v.d;
                        j = e2;
                } else {
                        tv_t t = {0};
                        resolve_wday(c, &t, dw->wday, tense_day(c, i, k + 1) > 0 ? 1 : -1);
                        v.y = t.y; v.m = t.m; v.d = t.d; v.wday = t.wday;
                        j = k + 1;
                }
        } else if (HAS(dw, C_MONTH) || HAS(dw, C_MONABBR)) {
                size_t e2 = r_calendar(c, k, &day);
                if (e2 > k && day.v.gran == G_DAY) {
                        v.y = day.v.y; v.m = day.v.m; v.d = day.v.d;
                        j = e2;
                }
        } else if (HAS(dw, C_PART) && is_w(c, k - 1, "in") && is_w(c, k, "the")) {
        } else if (is_w(c, k, "in") && is_w(c, k + 1, "the") && HAS(W(c, k + 2), C_PART)) {
                int p = W(c, k + 2)->part;
                if (hh < 12 && (p == P_AF || p == P_EV || p == P_NI) &&
                    (!explicit_ampm || explicit_ampm == 3))
                        v.hh += 12;
                j = k + 3;
        }
        if (j == k0 && c->have_day) {
                /* a clock time with no day of its own is on the day the
                 * story last named ("was shot on Oct. 23 ... at 10 p.m.") */
                v.y = c->day.y;
                v.m = c->day.m;
                v.d = c->day.d;
        }
        cand_date(out, i, j, &v);
        return j;
}

/* Years, decades, centuries: "2022", "fiscal 1989", "the 1990s", "the '90s",
 * "70s", "the nineties", "the 20th century", "the year 2000". */
static size_t r_year(ctx_t *c, size_t i, cand_t *out) {
        tv_t v = {0};
        v.hh = -1;
        int y;
        size_t j;
        const nx_doc_t *doc = c->doc;
        /* decades */
        if (NUMV(c, i) >= 0 && (tok_ndigits(c, i) == 4 || tok_ndigits(c, i) == 2) &&
            NUMV(c, i) % 10 == 0 && is_w(c, i + 1, "s") &&
            (glued(c, i + 1) || (is_p(c, i + 1, "s")))) {
                long n = NUMV(c, i);
                if (tok_ndigits(c, i) == 2)
                        n += 1900;
                v.y = (int)n;
                v.gran = G_DEC;
                size_t s = i;
                if (i > 0 && (is_p(c, i - 1, "'") || is_p(c, i - 1, "’")) && glued(c, i))
                        s = i - 1;
                cand_date(out, s, i + 2, &v);
                return i + 2;
        }
        if (HAS(W(c, i), C_DECW) && i > 0 && is_w(c, i - 1, "the")) {
                v.y = 1900 + 10 * W(c, i)->decw;
                v.gran = G_DEC;
                cand_date(out, i, i + 1, &v);
                return i + 1;
        }
        /* centuries: "20th century", "the twenty-first century" */
        int ord;
        j = parse_ordinal(c, i, &ord);
        if (j > i && ord >= 1 && ord <= 30 && is_p(c, j, "-") && HAS(W(c, j + 1), C_UNIT) &&
            W(c, j + 1)->unit == U_CENTURY)
                j++;
        if (j > i && ord >= 1 && ord <= 30 && HAS(W(c, j), C_UNIT) &&
            W(c, j)->unit == U_CENTURY) {
                v.y = (ord - 1) * 100;
                v.gran = G_CENT;
                cand_date(out, i, j + 1, &v);
                return j + 1;
        }
        /* "the year 2000", "fiscal 1989", "fiscal year 1989", "FY 2022" */
        size_t s = i;
        j = i;
        if (is_w(c, j, "fiscal"))
                j++;
        if (is_w(c, j, "year") && (j > i || is_w(c, i - 1, "the")))
                j++;
        size_t k = parse_year(c, j, &y);
        if (k == j)
                return 0;
        if (doc->toks[j].kind != NX_TOK_NUM && is_w(c, j, "two") && j == i)
                return 0; /* "two thousand" is a year only after "the year" */
        int compound = k == i + 4 && is_p(c, i + 2, "-"); /* "nineteen ninety-six" */
        if (j == i && doc->toks[i].kind != NX_TOK_NUM && !compound) {
                /* spelled years ("nineteen ninety") after a preposition or at
                 * a clause start, not "nineteen twenty people" */
                if (!(i > 0 && (HAS(W(c, i - 1), C_PREP) || doc->toks[i - 1].kind == NX_TOK_PUNCT)) &&
                    !(doc->toks[i].flags & NX_TF_SENT_START))
                        return 0;
                if (k < doc->n_toks && doc->toks[k].kind == NX_TOK_WORD && is_lower(c, k) &&
                    !HAS(W(c, k), C_PREP) && !HAS(W(c, k), C_TPAST) && !HAS(W(c, k), C_TFUT) &&
                    !HAS(W(c, k), C_TPRES))
                        return 0;
        }
        if (doc->toks[j].kind == NX_TOK_NUM && j == i) {
                /* a bare number: plausible year, not an amount or code */
                if (y < 1900 && !(i > 0 && HAS(W(c, i - 1), C_PREP)))
                        return 0;
                if (i > 0 && glued(c, i) && !is_p(c, i - 1, "(") && !is_p(c, i - 1, "-") &&
                    !is_p(c, i - 1, "–") && !is_p(c, i - 1, "/"))
                        return 0; /* (a range "2025–2030" has its second year) */
                if (i > 0 && (is_p(c, i - 1, "$") || is_p(c, i - 1, "€") || is_p(c, i - 1, "£") ||
                              is_p(c, i - 1, "#") || is_w(c, i - 1, "no") || is_w(c, i - 1, "page") ||
                              is_w(c, i - 1, "model") || is_w(c, i - 1, "flight") ||
                              is_w(c, i - 1, "route") || is_w(c, i - 1, "number") ||
                              is_w(c, i - 1, "resolution") || is_w(c, i - 1, "about") ||
                              is_w(c, i - 1, "nearly") || is_w(c, i - 1, "than")))
                        return 0;
                if (i > 0 && (is_p(c, i - 1, "-") || is_p(c, i - 1, "/")) && glued(c, i) &&
                    i > 1 && doc->toks[i - 2].kind != NX_TOK_NUM && is_cap(c, i - 2))
                        return 0; /* "Su-2000", "F/1990" */
                if (k < doc->n_toks && glued(c, k) &&
                    (is_p(c, k, "%") || doc->toks[k].kind == NX_TOK_WORD))
                        return 0;
                const dates_word_t *nw = W(c, k);
                if (is_w(c, k, "percent") || is_w(c, k, "per") || is_w(c, k, "people") ||
                    is_w(c, k, "troops") || is_w(c, k, "soldiers") || is_w(c, k, "km") ||
                    is_w(c, k, "miles") || is_w(c, k, "meters") || is_w(c, k, "metres") ||
                    is_w(c, k, "tons") || is_w(c, k, "tonnes") || is_w(c, k, "dollars") ||
                    is_w(c, k, "euros") || is_w(c, k, "feet") || is_w(c, k, "hectares") ||
                    is_w(c, k, "points") || is_w(c, k, "workers") || is_w(c, k, "cases") ||
                    is_w(c, k, "deaths") || is_w(c, k, "members") || is_w(c, k, "units") ||
                    HAS(nw, C_UNITPL) ||
                    (HAS(nw, C_UNIT) && !(nw->unit == U_QUARTER && is_w(c, i - 1, "the"))))
                        return 0; /* ("the 1988 quarter" is below) */
                if (is_p(c, k, ":") || (is_p(c, k, ".") && glued(c, k + 1) && tok_ndigits(c, k + 1)) ||
                    (is_p(c, k, ",") && glued(c, k + 1) && tok_ndigits(c, k + 1)))
                        return 0;
                /* arithmetic, no preposition before: "2000 over 3", "1500 divided by 4" */
                if (!(i > 0 && HAS(W(c, i - 1), C_PREP)) && k + 1 < doc->n_toks &&
                    ((is_w(c, k, "over") && doc->toks[k + 1].kind == NX_TOK_NUM) ||
                     (is_w(c, k, "divided") && is_w(c, k + 1, "by"))))
                        return 0;
        }
        v.y = y;
        v.gran = G_YEAR;
        /* "the 1988 period", "the 1989 quarter": that year's part of the period
         * under discussion (the anchor's quarter, when one was named) */
        if (j == i && i > 0 && is_w(c, i - 1, "the") &&
            (is_w(c, k, "period") || (HAS(W(c, k), C_UNIT) && W(c, k)->unit == U_QUARTER))) {
                tv_t rq;
                if (report_quarter(c, &rq)) {
                        v.q = rq.q;
                        v.gran = G_QUARTER;
                } else if (!is_w(c, k, "period")) {
                        if (!c->have_dct)
                                return 0;
                        /* no quarter named: the quarter last reported, the one
                         * before the DCT's, in that year */
                        resolve_rel_unit(c, &rq, U_QUARTER, -1);
                        v.q = rq.q;
                        v.gran = G_QUARTER;
                }
                cand_date(out, i - 1, k + 1, &v);
                out->anchor = 0;
                return k + 1;
        }
        cand_date(out, s, k, &v);
        return k;
}

/* "of 1990", "of this year", "of last year" at token i (a year that names
 * which quarter or half is meant). */
static int of_year_follows(const ctx_t *c, size_t i) {
        int y;
        if (!is_w(c, i, "of"))
                return 0;
        if (parse_year(c, i + 1, &y) > i + 1 && tok_ndigits(c, i + 1) == 4)
                return 1;
        if (is_w(c, i + 1, "the") && HAS(W(c, i + 2), C_UNIT) && W(c, i + 2)->unit == U_YEAR &&
            !is_p(c, i + 3, "-"))
                return 1; /* "the last quarter of the year" */
        return HAS(W(c, i + 1), C_REL) && HAS(W(c, i + 2), C_UNIT) && W(c, i + 2)->unit == U_YEAR;
}

/* Quarters and halves: "the third quarter [of 2022]", "third-quarter", "Q3
 * [2022]", "the first half of 2023", "this year's third quarter". */
static size_t r_quarter(ctx_t *c, size_t i, cand_t *out) {
        if (i >= c->doc->n_toks) /* "fiscal" as the last token (fuzz_dates) */
                return 0;
        tv_t v = {0};
        v.hh = -1;
        int ord = 0, unit = 0;
        size_t j = i;
        const dates_word_t *w = W(c, i);
        if (tok_ndigits(c, i) == 4 && i + 1 < c->doc->n_toks && !glued(c, i + 1)) {
                int o2;
                if (parse_ordinal(c, i + 1, &o2) > i + 1)
                        return r_quarter(c, i + 1, out);
        }
        /* "the last quarter of 1989": longer than the relative "the last quarter" */
        if (is_w(c, i, "the") && HAS(W(c, i + 1), C_ORD) && W(c, i + 1)->ord < 0) {
                size_t e = r_quarter(c, i + 1, out);
                if (e > i + 1 && out->s == i + 1) {
                        out->s = i;
                        return e;
                }
                return 0;
        }
        /* "fiscal first quarter", "fiscal second-quarter": the qualifier is inside */
        if (is_w(c, i, "fiscal")) {
                size_t f = i + 1;
                if (is_p(c, f, "-") && glued(c, f))
                        f++;
                size_t e = r_quarter(c, f, out);
                if (e > f && out->s == f) {
                        out->s = i;
                        return e;
                }
                return 0;
        }
        const nx_token_t *t = &c->doc->toks[i];
        if (t->kind == NX_TOK_WORD && nx_tok_len(t) == 2 &&
            (c->doc->text[t->start] == 'Q' || c->doc->text[t->start] == 'q') &&
            c->doc->text[t->start + 1] >= '1' && c->doc->text[t->start + 1] <= '4') {
                ord = c->doc->text[t->start + 1] - '0';
                unit = U_QUARTER;
                j = i + 1;
        } else if (t->kind == NX_TOK_WORD && nx_tok_len(t) == 2 &&
                   (c->doc->text[t->start] == 'H' || c->doc->text[t->start] == 'h') &&
                   (c->doc->text[t->start + 1] == '1' || c->doc->text[t->start + 1] == '2') &&
                   tok_ndigits(c, i + 1) == 4) {
                ord = c->doc->text[t->start + 1] - '0';
                unit = U_HALF;
                j = i + 1;
        } else {
                j = parse_ordinal(c, i, &ord);
                int last = 0;
                if (j == i) {
                        if (!(HAS(w, C_ORD) && w->ord < 0))
                                return 0;
                        /* "the last quarter of 1989" is its fourth; "last
                         * quarter" alone is relative (r_relative) */
                        if (!of_year_follows(c, i + 2))
                                return 0;
                        last = 1;
                        j = i + 1;
                }
                /* "usually conducted in the second and fourth quarters":
                 * coordinated ordinals share the plural unit; with no year
                 * each is every such quarter, a SET (TimeBank XXXX-Q2) */
                if (j > i && ord >= 1 && ord <= 4) {
                        int o2, cy;
                        size_t q2;
                        if ((is_w(c, j, "and") || is_w(c, j, "or")) &&
                            (q2 = parse_ordinal(c, j + 1, &o2)) > j + 1 && o2 >= 1 && o2 <= 4 &&
                            HAS(W(c, q2), C_UNITPL) && W(c, q2)->unit == U_QUARTER) {
                                if (!of_year_follows(c, q2 + 1)) {
                                        cand_str(out, i, j, NX_TIMEX_SET,
                                                 nx_arena_sprintf(c->doc->arena, "XXXX-Q%d", ord));
                                        return j;
                                }
                                /* "the second and third quarters of 1989": that year's */
                                if (parse_year(c, q2 + 2, &cy) > q2 + 2 && tok_ndigits(c, q2 + 2) == 4) {
                                        v.gran = G_QUARTER;
                                        v.q = ord;
                                        v.y = cy;
                                        cand_date(out, i, j, &v);
                                        return j;
                                }
                                return 0;
                        }
                        if (HAS(W(c, j), C_UNITPL) && W(c, j)->unit == U_QUARTER && i >= 2 &&
                            (is_w(c, i - 1, "and") || is_w(c, i - 1, "or")) && HAS(W(c, i - 2), C_ORD)) {
                                if (!of_year_follows(c, j + 1)) {
                                        cand_str(out, i, j + 1, NX_TIMEX_SET,
                                                 nx_arena_sprintf(c->doc->arena, "XXXX-Q%d", ord));
                                        return j + 1;
                                }
                                if (parse_year(c, j + 2, &cy) > j + 2 && tok_ndigits(c, j + 2) == 4) {
                                        v.gran = G_QUARTER;
                                        v.q = ord;
                                        v.y = cy;
                                        cand_date(out, i, j + 3, &v);
                                        return j + 3;
                                }
                                return 0;
                        }
                }
                /* "the first two quarters of 1990": its first half */
                if ((ord == 1 || last) && HAS(W(c, j), C_NUM) && W(c, j)->num == 2 &&
                    HAS(W(c, j + 1), C_UNITPL) && W(c, j + 1)->unit == U_QUARTER &&
                    of_year_follows(c, j + 2)) {
                        ord = last ? 2 : 1;
                        unit = U_HALF;
                        j += 2;
                        goto ord_done;
                }
                if (is_p(c, j, "-") && glued(c, j))
                        j++;
                const dates_word_t *u = W(c, j);
                if (!HAS(u, C_UNIT) || (u->unit != U_QUARTER && u->unit != U_HALF))
                        return 0;
                unit = u->unit;
                if (last)
                        ord = unit == U_QUARTER ? 4 : 2;
                if ((unit == U_QUARTER && ord > 4) || (unit == U_HALF && ord > 2))
                        return 0;
                /* "a quarter" fraction is not this; "third quarter" as a sports period
                 * is rare in news: accept */
                j++;
        }
ord_done:
        v.gran = unit == U_QUARTER ? G_QUARTER : G_HALF;
        v.q = unit == U_QUARTER ? ord : 0;
        /* "the 1988 third quarter", "the year-earlier third quarter" */
        {
                int py;
                if (i >= 1 && parse_year(c, i - 1, &py) == i && tok_ndigits(c, i - 1) == 4) {
                        v.y = py;
                        v.half = unit == U_HALF ? ord : 0;
                        cand_date(out, i - 1, j, &v);
                        return j;
                }
                if (i >= 3 && is_w(c, i - 3, "year") && is_p(c, i - 2, "-") &&
                    (is_w(c, i - 1, "earlier") || is_w(c, i - 1, "ago")) && c->have_dct) {
                        resolve_quarter(c, &v, -1);
                        v.y -= 1;
                        v.half = unit == U_HALF ? ord : 0;
                        cand_date(out, i - 3, j, &v);
                        out->anchor = 0;
                        return j;
                }
        }
        v.half = unit == U_HALF ? ord : 0;
        int y = 0;
        size_t k = j;
        if (is_w(c, k, "of"))
                k++;
        if (is_w(c, k, "fiscal"))
                k++;
        size_t k2 = parse_year(c, k, &y);
        if (k2 > k) {
                j = k2;
                v.y = y;
        } else if (is_w(c, k, "of") || is_w(c, j, "of")) {
                /* "of this year", "of next year", "of last year" */
                size_t kk = is_w(c, j, "of") ? j + 1 : k;
                const dates_word_t *r = W(c, kk);
                if (HAS(r, C_REL) && HAS(W(c, kk + 1), C_UNIT) && W(c, kk + 1)->unit == U_YEAR) {
                        tv_t yv;
                        int dir = r->rel == R_LAST || r->rel == R_PAST || r->rel == R_PREV ? -1
                                : r->rel == R_NEXT || r->rel == R_COMING ? 1 : 0;
                        resolve_rel_unit(c, &yv, U_YEAR, dir);
                        v.y = yv.y;
                        j = kk + 2;
                } else if (is_w(c, kk, "the") && HAS(W(c, kk + 1), C_UNIT) &&
                           W(c, kk + 1)->unit == U_YEAR && c->have_dct &&
                           !(is_p(c, kk + 2, "-") || is_w(c, kk + 2, "ended") ||
                             is_w(c, kk + 2, "ending") || is_w(c, kk + 2, "before") ||
                             is_w(c, kk + 2, "after"))) {
                        /* "the second half of the year": the year the text is in */
                        tv_t yv;
                        resolve_rel_unit(c, &yv, U_YEAR, 0);
                        v.y = yv.y;
                        j = kk + 2;
                } else if (is_in(c, kk, dates_game_frames) ||
                           (HAS(W(c, kk), C_DET) && is_in(c, kk + 1, dates_game_frames))) {
                        return 0; /* "the first half of trading/the match": no calendar part */
                } else {
                        goto noyear;
                }
        } else {
        noyear:
                /* a possessive year before: "this year's third quarter", "1989's" */
                if (i >= 3 && is_w(c, i - 1, "'s") && HAS(W(c, i - 2), C_UNIT) &&
                    W(c, i - 2)->unit == U_YEAR && HAS(W(c, i - 3), C_REL)) {
                        const dates_word_t *r = W(c, i - 3);
                        int dir = r->rel == R_LAST || r->rel == R_PAST || r->rel == R_PREV ? -1
                                : r->rel == R_NEXT || r->rel == R_COMING ? 1 : 0;
                        tv_t yv;
                        resolve_rel_unit(c, &yv, U_YEAR, dir);
                        v.y = yv.y;
                        cand_date(out, i - 3, j, &v);
                        return j;
                }
                if (unit == U_QUARTER)
                        resolve_quarter(c, &v, tense_at(c, i, j));
                else {
                        v.q = v.half * 2;
                        resolve_quarter(c, &v, tense_at(c, i, j));
                        v.q = 0;
                }
        }
        cand_date(out, i, j, &v);
        return j;
}

/* Seasons: "spring", "the spring of 2023", "summer 2022". */
static size_t r_season(ctx_t *c, size_t i, cand_t *out) {
        const dates_word_t *w = W(c, i);
        if (!HAS(w, C_SEASON))
                return 0;
        /* "fall" the verb: only as a season after a determiner/prep or before a year */
        tv_t v = {0};
        v.hh = -1;
        v.gran = G_SEASON;
        v.season = w->season;
        size_t j = i + 1;
        int y;
        size_t k = j;
        if (is_w(c, k, "of"))
                k++;
        size_t k2 = parse_year(c, k, &y);
        if (k2 > k) {
                v.y = y;
                cand_date(out, i, k2, &v);
                return k2;
        }
        int prev_ok = i > 0 && (HAS(W(c, i - 1), C_PREP) || HAS(W(c, i - 1), C_DET) ||
                                HAS(W(c, i - 1), C_REL) || is_w(c, i - 1, "this"));
        if (w->season == 3 && !(i > 0 && (is_w(c, i - 1, "the") || is_w(c, i - 1, "this") ||
                                          is_w(c, i - 1, "last") || is_w(c, i - 1, "next") ||
                                          is_w(c, i - 1, "early") || is_w(c, i - 1, "late") ||
                                          is_w(c, i - 1, "in"))))
                return 0;
        if (w->season == 3 && is_w(c, i + 1, "of") && !tok_ndigits(c, i + 2))
                return 0; /* "the fall of Kabul" */
        if (!prev_ok)
                return 0;
        /* "summer camp", "winter olympics", "spring offensive": a noun modifier */
        if (is_cap(c, i + 1) && !(c->doc->toks[i + 1].flags & NX_TF_SENT_START))
                return 0;
        if (i + 1 < c->doc->n_toks && c->doc->toks[i + 1].kind == NX_TOK_WORD &&
            is_lower(c, i + 1) && !HAS(W(c, i + 1), C_PREP) && !HAS(W(c, i + 1), C_TFUT) &&
            !HAS(W(c, i + 1), C_TPAST) && !HAS(W(c, i + 1), C_TPRES) && !shaped_past(c, i + 1) &&
            !is_w(c, i + 1, "and") && !is_w(c, i + 1, "when") && !is_w(c, i + 1, "that") &&
            !is_w(c, i + 1, "has") && !is_w(c, i + 1, "have") && !is_w(c, i + 1, "if"))
                return 0;
        resolve_season(c, &v, tense_at(c, i, j));
        cand_date(out, i, j, &v);
        return j;
}

/* A bare weekday, possibly with a part of day: "Friday", "Friday morning",
 * "Wednesday night", "Tuesday nights" (set), "Friday's". */
static size_t r_weekday(ctx_t *c, size_t i, cand_t *out) {
        const dates_word_t *w = W(c, i);
        if (!HAS(w, C_WDAY))
                return 0;
        if (w->wday_form && w->wday_form[0] == 'a') {
                /* "Sun", "Wed", "Sat": only before a date or with a dot and comma */
                if (!(HAS(W(c, i + 1), C_MONTH) || HAS(W(c, i + 1), C_MONABBR) ||
                      (is_p(c, i + 1, ",") && (HAS(W(c, i + 2), C_MONTH) || HAS(W(c, i + 2), C_MONABBR)))))
                        return 0;
                return 0;
        }
        if (is_lower(c, i) && 0)
                return 0;
        size_t j = i + 1;
        tv_t v = {0};
        v.hh = -1;
        if (w->wday_form && w->wday_form[0] == 'p') {
                /* plural: "on Mondays" -> SET */
                cand_str(out, i, j, NX_TIMEX_SET, nx_arena_sprintf(c->doc->arena, "XXXX-WXX-%d", w->wday));
                return j;
        }
        /* "on Monday and Tuesday nights", "Monday, Wednesday and Friday
         * mornings": the plural part of day after the last weekday is every
         * conjunct's, so each is a SET */
        size_t q = j;
        while (q < j + 8 && (is_p(c, q, ",") || is_w(c, q, "and") || is_w(c, q, "or")) &&
               HAS(W(c, q + 1), C_WDAY) && !W(c, q + 1)->wday_form)
                q += 2;
        if (q > j && HAS(W(c, q), C_PART) && W(c, q)->part_form && W(c, q)->part_form[0] == 'p' &&
            W(c, q)->part != P_DT) {
                cand_str(out, i, j, NX_TIMEX_SET,
                         nx_arena_sprintf(c->doc->arena, "XXXX-WXX-%dT%s", w->wday,
                                          part_code[W(c, q)->part]));
                return j;
        }
        int part = 0;
        if (HAS(W(c, j), C_PART) && !W(c, j)->part_form) {
                part = W(c, j)->part;
                j++;
        } else if (HAS(W(c, j), C_PART) && W(c, j)->part_form && W(c, j)->part_form[0] == 'p' &&
                   W(c, j)->part != P_DT) {
                /* "Tuesday nights", "on Friday afternoons": every such part of day, a SET */
                cand_str(out, i, j + 1, NX_TIMEX_SET,
                         nx_arena_sprintf(c->doc->arena, "XXXX-WXX-%dT%s", w->wday,
                                          part_code[W(c, j)->part]));
                return j + 1;
        }
        /* "Friday's ruling", "Saturday night's debate": the possessive names
         * an event already known, the latest such day, whatever the tense of
         * the clause around it ("would look for ways around Wednesday's ruling") */
        int t = is_w(c, j, "'s") ? -1 : tense_day(c, i, j);
        /* "ahead of Sunday's election": an event still to come */
        if (is_w(c, j, "'s") && i >= 2 && is_w(c, i - 2, "ahead") && is_w(c, i - 1, "of"))
                t = 1;
        resolve_wday(c, &v, w->wday, t);
        if (part) {
                v.gran = G_PART;
                v.part = part;
        }
        cand_date(out, i, j, &v);
        return j;
}


/* Relative: "last week", "next year", "this Friday", "last November", "this
 * spring", "this coming Sunday", "the following week", "this morning",
 * "last night", "the previous Friday", "the current quarter", "the latest
 * quarter", "the same month". */
static size_t r_relative(ctx_t *c, size_t i, cand_t *out) {
        size_t s = i, j = i;
        if (is_w(c, j, "the"))
                j++;
        const dates_word_t *r = W(c, j);
        if (!HAS(r, C_REL) || r->rel == R_EARLIER_ADV || r->rel == R_LATER_ADV)
                return 0;
        int rel = r->rel;
        int the = j > s;
        j++;
        /* "this coming", "this past" */
        if (rel == R_THIS && HAS(W(c, j), C_REL) &&
            (W(c, j)->rel == R_COMING || W(c, j)->rel == R_PAST)) {
                rel = W(c, j)->rel;
                j++;
        }
        if (rel == R_THIS && the)
                return 0;
        /* "the last/past/next" with a number is a duration: leave it */
        if (HAS(W(c, j), C_NUM) || NUMV(c, j) >= 0 || HAS(W(c, j), C_VAGUE))
                return 0;
        if (is_w(c, j, "fiscal"))
                j++;
        const dates_word_t *u = W(c, j);
        tv_t v = {0};
        v.hh = -1;
        int dir = rel_dir(&(dates_word_t){.rel = (int8_t)rel});
        int anaphoric = rel == R_FOLLOW || rel == R_PREV || (the && (rel == R_NEXT));
        if (rel == R_SAME) {
                if (HAS(u, C_UNIT) && c->have_anchor) {
                        v = c->anchor;
                        int g = unit_gran(u->unit);
                        if (g > v.gran)
                                return 0;
                        v.gran = g;
                        if (g == G_QUARTER && !v.q)
                                v.q = (v.m - 1) / 3 + 1;
                        cand_date(out, s, j + 1, &v);
                        return j + 1;
                }
                return 0;
        }
        /* "next/last <unit>" names a calendar period: a day or longer ("the
         * upcoming second inauguration" has an ordinal, not a unit) */
        if (HAS(u, C_UNIT) && u->unit != U_HALF && u->unit >= U_DAY &&
            unit_gran(u->unit) >= G_DEC && !(is_p(c, j + 1, "-") && glued(c, j + 1))) {
                int unit = u->unit;
                if (rel == R_CURRENT || rel == R_LATEST) {
                        if (!the && rel == R_LATEST)
                                return 0;
                        if (rel == R_LATEST && unit == U_QUARTER) {
                                /* the latest reported quarter: the last one before the DCT */
                                if (!report_quarter(c, &v))
                                        resolve_rel_unit(c, &v, U_QUARTER, -1);
                                cand_date(out, s, j + 1, &v);
                                out->anchor = 0;
                                return j + 1;
                        }
                        dir = rel == R_LATEST ? -1 : 0;
                }
                /* "this quarter's loss" in a report on a quarter just ended: the
                 * reported quarter, whose results these are */
                if (rel == R_THIS && unit == U_QUARTER && !the && is_w(c, j + 1, "'s") &&
                    report_quarter(c, &v)) {
                        cand_date(out, s, j + 1, &v);
                        out->anchor = 0;
                        return j + 1;
                }
                if (anaphoric && unit == U_DAY && c->have_day &&
                    !(c->have_anchor && c->anchor.gran >= G_DAY)) {
                        /* "by the following day" after "since 1987": the day
                         * the story is at, not the year last named */
                        v = c->day;
                        tv_shift(&v, U_DAY, dir);
                } else if (anaphoric && c->have_anchor) {
                        v = c->anchor;
                        if (v.gran < unit_gran(unit) && unit != U_WEEKEND && 0)
                                return 0;
                        if (v.y == YX)
                                return 0;
                        if (!v.m)
                                v.m = 1;
                        if (!v.d)
                                v.d = 1;
                        tv_shift(&v, unit, dir);
                        v.gran = unit_gran(unit);
                        if (unit == U_WEEKEND)
                                v.gran = G_WEEKEND;
                } else if (rel == R_PAST && unit == U_WEEKEND) {
                        resolve_rel_unit(c, &v, unit, -1);
                } else {
                        /* "over the next decade": the ten years from now, a
                         * DURATION like "the past decade" below */
                        if ((rel == R_NEXT || rel == R_COMING) && the &&
                            (unit == U_DECADE || unit == U_CENTURY) && s > 0 &&
                            (is_w(c, s - 1, "over") || is_w(c, s - 1, "during") ||
                             is_w(c, s - 1, "within") || is_w(c, s - 1, "for") ||
                             is_w(c, s - 1, "throughout"))) {
                                cand_str(out, s, j + 1, NX_TIMEX_DURATION,
                                         dur_str(c->doc->arena, unit, 1));
                                return j + 1;
                        }
                        if (rel == R_PAST && (unit == U_YEAR || unit == U_DECADE || unit == U_CENTURY) && the) {
                                /* "the past year/decade": the period up to now (TimeBank: a DATE
                                 * for year, a DURATION for decade) */
                                if (unit != U_YEAR) {
                                        cand_str(out, s, j + 1, NX_TIMEX_DURATION,
                                                 dur_str(c->doc->arena, unit, 1));
                                        return j + 1;
                                }
                        }
                        resolve_rel_unit(c, &v, unit, dir);
                }
                cand_t q;
                if (unit == U_YEAR && is_w(c, j + 1, "'s")) {
                        size_t qe = r_quarter(c, j + 2, &q);
                        if (qe > j + 2) {
                                *out = q;
                                out->s = s;
                                return qe;
                        }
                }
                cand_date(out, s, j + 1, &v);
                out->anchor = 0;
                return j + 1;
        }
        if (HAS(u, C_WDAY) && !u->wday_form) {
                int t;
                if (rel == R_THIS)
                        t = 0;
                else
                        t = dir;
                if (anaphoric && c->have_anchor && c->anchor.gran >= G_DAY && c->anchor.y != YX) {
                        long ad = days_from_civil(c->anchor.y, c->anchor.m, c->anchor.d);
                        int aw = weekday_of(ad);
                        long days = dir > 0 ? ad + ((u->wday - aw + 6) % 7) + 1
                                            : ad - ((aw - u->wday + 6) % 7) - 1;
                        v.gran = G_DAY;
                        tv_set_days(&v, days);
                } else if (!c->have_dct) {
                        resolve_wday(c, &v, u->wday, 0);
                } else if (t == 0) {
                        /* this Friday: in the DCT's ISO week */
                        long days = c->dct_days - weekday_of(c->dct_days) + u->wday;
                        v.gran = G_DAY;
                        tv_set_days(&v, days);
                } else {
                        /* last Friday: strictly before; next Friday: strictly after */
                        long days = dir < 0 ? c->dct_days - ((weekday_of(c->dct_days) - u->wday + 6) % 7) - 1
                                            : c->dct_days + ((u->wday - weekday_of(c->dct_days) + 6) % 7) + 1;
                        v.gran = G_DAY;
                        tv_set_days(&v, days);
                }
                j++;
                if (HAS(W(c, j), C_PART) && !W(c, j)->part_form) {
                        v.gran = G_PART;
                        v.part = W(c, j)->part;
                        j++;
                }
                cand_date(out, s, j, &v);
                return j;
        }
        if (HAS(u, C_MONTH)) {
                /* "this may have an impact": the modal, not the month */
                if (is_lower(c, j) && (u->month == 5 || u->month == 3))
                        return 0;
                v.m = u->month;
                v.gran = G_MONTH;
                if (!c->have_dct) {
                        v.y = YX;
                } else {
                        int y = c->doc->dct.year, dm = c->doc->dct.month;
                        if (dir < 0)
                                y -= v.m >= dm ? 1 : 0;
                        else if (dir > 0)
                                y += v.m <= dm ? 1 : 0;
                        v.y = y;
                }
                cand_date(out, s, j + 1, &v);
                return j + 1;
        }
        if (HAS(u, C_SEASON)) {
                v.season = u->season;
                v.gran = G_SEASON;
                if (!c->have_dct) {
                        v.y = YX;
                } else {
                        int y = c->doc->dct.year, ds = season_of_month(c->doc->dct.month);
                        if (c->doc->dct.month <= 2)
                                ds = 0;
                        if (dir < 0)
                                y -= v.season >= ds ? 1 : 0;
                        else if (dir > 0)
                                y += v.season <= ds ? 1 : 0;
                        v.y = y;
                }
                cand_date(out, s, j + 1, &v);
                return j + 1;
        }
        if (HAS(u, C_PART) && !u->part_form && !the) {
                /* this morning, last night, this evening */
                if (rel != R_THIS && !(rel == R_LAST && u->part == P_NI))
                        return 0;
                v = tv_dct(c);
                if (rel == R_LAST && c->have_dct)
                        tv_set_days(&v, c->dct_days - 1);
                v.gran = G_PART;
                v.part = u->part;
                cand_date(out, s, j + 1, &v);
                return j + 1;
        }
        return 0;
}

static size_t match_at(ctx_t *c, size_t i, cand_t *best);

/* today, yesterday, tomorrow, tonight [+ part of day]; "the day before
 * yesterday"; "the next day", "the previous day" (anaphoric). */
static size_t r_dayref(ctx_t *c, size_t i, cand_t *out) {
        const dates_word_t *w = W(c, i);
        tv_t v = tv_dct(c);
        size_t j = i + 1;
        if (HAS(w, C_DAYREF)) {
                if (c->have_dct)
                        tv_set_days(&v, c->dct_days + w->dayref);
                if (w->dayref_part) {
                        v.gran = G_PART;
                        v.part = P_NI;
                } else if (HAS(W(c, j), C_PART) && !W(c, j)->part_form) {
                        v.gran = G_PART;
                        v.part = W(c, j)->part;
                        j++;
                }
                /* "today's world", "today's GM", "tomorrow's leaders": the
                 * present (the future) age, not the day; "today's meeting"
                 * is the day */
                size_t n = j == i + 1 ? possessive_end(c, j) : 0;
                if (!w->dayref_part && w->dayref >= 0 && n && n < c->doc->n_toks && same_sent(c, j, n) &&
                    (is_in(c, n, dates_era_nouns) ||
                     (is_cap(c, n) && c->doc->toks[n].kind == NX_TOK_WORD && !W(c, n) &&
                      !(c->doc->toks[n].flags & NX_TF_SENT_START)))) {
                        cand_str(out, i, j, NX_TIMEX_DATE, w->dayref ? "FUTURE_REF" : "PRESENT_REF");
                        return j;
                }
                cand_date(out, i, j, &v);
                out->anchor = 0;
                return j;
        }
        /* "the day before yesterday", "the day after tomorrow" */
        if (is_w(c, i, "the") && is_w(c, i + 1, "day") &&
            ((is_w(c, i + 2, "before") && is_w(c, i + 3, "yesterday")) ||
             (is_w(c, i + 2, "after") && is_w(c, i + 3, "tomorrow")))) {
                if (c->have_dct)
                        tv_set_days(&v, c->dct_days + (is_w(c, i + 2, "before") ? -2 : 2));
                cand_date(out, i, i + 4, &v);
                return i + 4;
        }
        /* "the day before last Tuesday's hearing", "the day after Christmas":
         * one day off the date named */
        if (is_w(c, i, "the") && is_w(c, i + 1, "day") &&
            (is_w(c, i + 2, "before") || is_w(c, i + 2, "after"))) {
                cand_t x;
                size_t e = match_at(c, i + 3, &x);
                if (e && !x.str && x.s == i + 3 && x.v.y != YX && x.v.d &&
                    (x.v.gran == G_DAY || x.v.gran == G_PART || x.v.gran == G_TIME)) {
                        v = x.v;
                        v.gran = G_DAY;
                        tv_set_days(&v, days_from_civil(x.v.y, x.v.m, x.v.d) +
                                            (is_w(c, i + 2, "before") ? -1 : 1));
                        cand_date(out, i, e, &v);
                        return e;
                }
        }
        /* "the next day", "the following day", "the previous day", "the day before" */
        if (is_w(c, i, "the") && HAS(W(c, i + 1), C_REL) && is_w(c, i + 2, "day")) {
                int rel = W(c, i + 1)->rel;
                if (rel != R_NEXT && rel != R_FOLLOW && rel != R_PREV)
                        return 0;
                if (!c->have_anchor || c->anchor.gran < G_DAY || c->anchor.y == YX)
                        return 0;
                long ad = days_from_civil(c->anchor.y, c->anchor.m, c->anchor.d);
                v.gran = G_DAY;
                tv_set_days(&v, ad + (rel == R_PREV ? -1 : 1));
                cand_date(out, i, i + 3, &v);
                return i + 3;
        }
        return 0;
}

/* "the weekend" (by tense) and a part of day with a day: "morning
 * yesterday", "afternoon Friday". */
static size_t r_weekend_part(ctx_t *c, size_t i, cand_t *out) {
        const dates_word_t *w = W(c, i);
        if (is_w(c, i, "the") && HAS(W(c, i + 1), C_UNIT) && W(c, i + 1)->unit == U_WEEKEND) {
                tv_t v = tv_dct(c);
                v.gran = G_WEEKEND;
                if (!c->have_dct) {
                        v.wy = YX;
                } else {
                        int t = tense_at(c, i, i + 2);
                        int dw = weekday_of(c->dct_days);
                        long sat = c->dct_days - dw + 6; /* this ISO week's Saturday */
                        if (t < 0 && dw < 6)
                                sat -= 7;
                        iso_week(sat, &v.wy, &v.wn);
                }
                cand_date(out, i, i + 2, &v);
                out->anchor = 0;
                return i + 2;
        }
        if (HAS(w, C_PART) && !w->part_form) {
                const dates_word_t *d = W(c, i + 1);
                tv_t v = tv_dct(c);
                if (HAS(d, C_DAYREF) && !d->dayref_part) {
                        if (c->have_dct)
                                tv_set_days(&v, c->dct_days + d->dayref);
                } else if (HAS(d, C_WDAY) && !d->wday_form) {
                        resolve_wday(c, &v, d->wday, tense_day(c, i, i + 2));
                } else {
                        return 0;
                }
                v.gran = G_PART;
                v.part = w->part;
                cand_date(out, i, i + 2, &v);
                return i + 2;
        }
        return 0;
}

/* A span of months ("the nine months") was reported in the sentence of
 * token i, or (prev) in the one before: "a year earlier" then compares with
 * that span a year back, a part of last year, not the reported quarter. */
static int ytd_near(const ctx_t *c, size_t i, int prev) {
        if (!c->ytd || i >= c->doc->n_toks)
                return 0;
        uint32_t si = c->doc->toks[i].sent;
        return si == c->ytd_sent || (prev && si == c->ytd_sent + 1);
}

/* "year-earlier", "year-ago" (adjectives): the anchor period a year back. */
static size_t r_yearago(ctx_t *c, size_t i, cand_t *out) {
        if (!(is_w(c, i, "year") && is_p(c, i + 1, "-") && glued(c, i + 1) &&
              (is_w(c, i + 2, "earlier") || is_w(c, i + 2, "ago"))))
                return 0;
        cand_t q;
        size_t qe = r_quarter(c, i + 3, &q);
        if (qe > i + 3 && q.s == i) {
                *out = q;
                return qe;
        }
        tv_t v;
        if (ytd_near(c, i, 1) && c->have_dct) {
                /* "For the nine months, ... The year-ago results": last year;
                 * "the year-earlier period", "the year-earlier nine months":
                 * that span of months a year back (TimeBank: its length) */
                size_t s = i, e = i + 3;
                int months = HAS(W(c, e), C_NUM) && HAS(W(c, e + 1), C_UNITPL) &&
                             W(c, e + 1)->unit == U_MONTH;
                if (is_w(c, e, "period") || months) {
                        e += months ? 2 : 1;
                        if (s > 0 && (is_w(c, s - 1, "comparable") || is_w(c, s - 1, "corresponding") ||
                                      is_w(c, s - 1, "same")))
                                s--;
                        if (s > 0 && is_w(c, s - 1, "the"))
                                s--;
                        cand_str(out, s, e, NX_TIMEX_DURATION, c->ytd);
                        return e;
                }
                resolve_rel_unit(c, &v, U_YEAR, -1);
                cand_date(out, i, i + 3, &v);
                out->anchor = 0;
                return i + 3;
        }
        if (report_quarter(c, &v)) {
                v.y -= 1;
        } else if (c->have_anchor && (c->anchor.gran == G_HALF || c->anchor.gran == G_YEAR ||
                                      c->anchor.gran == G_MONTH)) {
                v = c->anchor;
                v.y -= 1;
        } else {
                resolve_rel_unit(c, &v, U_YEAR, -1);
        }
        /* "the year-ago quarter", "the comparable year-earlier period": the head
         * noun and its determiner belong to the expression (TimeBank); the bare
         * adjective ("year-ago results") stands alone */
        size_t s = i, e = i + 3;
        const dates_word_t *h = W(c, e);
        if ((HAS(h, C_UNIT) && h->unit == U_QUARTER) || is_w(c, e, "period")) {
                if (HAS(h, C_UNIT)) {
                        if (v.gran != G_QUARTER) {
                                resolve_rel_unit(c, &v, U_QUARTER, -1);
                                v.y -= 1;
                        }
                }
                e++;
                if (s > 0 && (is_w(c, s - 1, "comparable") || is_w(c, s - 1, "corresponding") ||
                              is_w(c, s - 1, "same")))
                        s--;
                if (s > 0 && (is_w(c, s - 1, "the") || is_w(c, s - 1, "a")))
                        s--;
        }
        cand_date(out, s, e, &v);
        out->anchor = 0;
        return e;
}

/* Anaphoric periods: "the quarter", "that quarter", "the latest period",
 * "that year", "the same period": the period last mentioned (TimeML: a
 * DATE resolved from its anchor). Quarters with no anchor are the last
 * completed quarter before the DCT. */
static size_t r_anaphoric(ctx_t *c, size_t i, cand_t *out) {
        if (!(is_w(c, i, "the") || is_w(c, i, "that")))
                return 0;
        size_t j = i + 1;
        if (is_w(c, i, "the") && (is_w(c, j, "latest") || is_w(c, j, "recent")) && is_w(c, j + 1, "period"))
                j++;
        const dates_word_t *u = W(c, j);
        tv_t v;
        int quarter = (HAS(u, C_UNIT) && u->unit == U_QUARTER) || (j > i + 1 && is_w(c, j, "period"));
        if (quarter) {
                if (is_p(c, j + 1, "-") || (is_w(c, j + 1, "of") && !is_w(c, i, "that")))
                        return 0; /* "quarter-point", "the quarter of ..." */
                if (is_w(c, i, "that") && c->have_anchor && c->anchor.gran == G_QUARTER)
                        v = c->anchor; /* "that quarter": the one just named */
                else if (report_quarter(c, &v))
                        ;
                else if (c->have_dct)
                        resolve_rel_unit(c, &v, U_QUARTER, -1);
                else
                        return 0;
                cand_date(out, i, j + 1, &v);
                out->anchor = 0;
                return j + 1;
        }
        /* "the year ended Sept. 30", "the fiscal year ending June 30": the
         * accounting period, a DURATION (TimeBank); "for the year", "the full
         * year", "the week's", "later in the day": the DCT's year, week, day */
        if (is_w(c, i, "the")) {
                size_t k = j;
                int adj = is_w(c, k, "full") || is_w(c, k, "fiscal") || is_w(c, k, "entire") ||
                          is_w(c, k, "whole");
                if (adj)
                        k++;
                const dates_word_t *n = W(c, k);
                if (!HAS(n, C_UNIT) || (n->unit != U_YEAR && n->unit != U_WEEK && n->unit != U_DAY) ||
                    (is_p(c, k + 1, "-") && glued(c, k + 1)))
                        return 0;
                if (n->unit == U_YEAR && (is_w(c, k + 1, "ended") || is_w(c, k + 1, "ending") ||
                                          is_w(c, k + 1, "through") ||
                                          /* "the year to March" (British) */
                                          (is_w(c, k + 1, "to") && (HAS(W(c, k + 2), C_MONTH) ||
                                                                    HAS(W(c, k + 2), C_MONABBR))))) {
                        cand_str(out, i, k + 1, NX_TIMEX_DURATION, "P1Y");
                        return k + 1;
                }
                /* the period must be the frame of the clause, not a head with its own
                 * modifier ("the year of the iPhone", "the day before he left") */
                size_t nx = k + 1;
                /* ("a high for the year of $42.875": the amount is the high's) */
                int of_amount = is_w(c, nx, "of") && (tok_ndigits(c, nx + 1) > 0 || is_p(c, nx + 1, "$"));
                if ((is_w(c, nx, "of") && !of_amount) || is_w(c, nx, "before") || is_w(c, nx, "after") ||
                    is_w(c, nx, "that") || is_w(c, nx, "when") || is_w(c, nx, "in") ||
                    is_w(c, nx, "following") || is_w(c, nx, "earlier") || is_w(c, nx, "ago") ||
                    HAS(W(c, nx), C_WDAY) || HAS(W(c, nx), C_MONTH) || HAS(W(c, nx), C_NUM) ||
                    tok_ndigits(c, nx) || !c->have_dct)
                        return 0;
                size_t pv = i > 0 ? i - 1 : i;
                int frame = i > 0 && (is_w(c, pv, "for") || is_w(c, pv, "during") ||
                                      is_w(c, pv, "throughout") || is_w(c, pv, "in") ||
                                      is_w(c, pv, "of") || is_w(c, pv, "end") ||
                                      is_w(c, pv, "over"));
                if (!frame && !is_w(c, nx, "'s"))
                        return 0;
                if (n->unit == U_DAY && !(is_w(c, pv, "in") || is_w(c, pv, "end") || is_w(c, pv, "of")))
                        return 0;
                if (n->unit == U_DAY && is_w(c, pv, "of") && !(i >= 3 && (is_w(c, i - 2, "start") ||
                                                                       is_w(c, i - 2, "end") ||
                                                                       is_w(c, i - 2, "rest"))))
                        return 0;
                if (n->unit == U_DAY && c->have_day) {
                        v = c->day; /* the day the story is about */
                } else {
                        resolve_rel_unit(c, &v, n->unit, 0);
                }
                cand_date(out, i, k + 1, &v);
                out->anchor = 0;
                return k + 1;
        }
        if (is_w(c, i, "that") && HAS(u, C_UNIT) && (u->unit == U_YEAR || u->unit == U_MONTH) &&
            c->have_anchor && c->anchor.y != YX) {
                v = c->anchor;
                int g = unit_gran(u->unit);
                if (v.gran < g)
                        return 0;
                v.gran = g;
                cand_date(out, i, j + 1, &v);
                out->anchor = 0;
                return j + 1;
        }
        return 0;
}

/* A phrase that counts one year back from the period just named, at token i:
 * "last year", "a year ago", "a year earlier", "one year before", "the
 * previous year", "the year before", "of last year". Returns its end, or i. */
static size_t year_back(const ctx_t *c, size_t i) {
        size_t j = i;
        if (is_w(c, j, "of"))
                j++;
        const dates_word_t *w = W(c, j), *u = W(c, j + 1);
        if (HAS(w, C_REL) && rel_dir(w) < 0 && HAS(u, C_UNIT) && u->unit == U_YEAR)
                return j + 2; /* "last year", "the previous year" without "the" */
        if (j == i && (is_w(c, j, "a") || (HAS(w, C_NUM) && w->num == 1)) && HAS(u, C_UNIT) &&
            u->unit == U_YEAR && (is_w(c, j + 2, "ago") || is_w(c, j + 2, "earlier") ||
                                  is_w(c, j + 2, "before")))
                return j + 3;
        if (is_w(c, j, "the")) {
                const dates_word_t *r = W(c, j + 1), *y = W(c, j + 2);
                if (HAS(r, C_REL) && rel_dir(r) < 0 && HAS(y, C_UNIT) && y->unit == U_YEAR)
                        return j + 3;
                if (j == i && HAS(r, C_UNIT) && r->unit == U_YEAR && is_w(c, j + 2, "before"))
                        return j + 3;
        }
        return i;
}

/* The same period a year back: "the same period last year", "the
 * corresponding quarter a year ago", "the quarter a year ago", "the same
 * month a year earlier", "last year's quarter". The period is the one the
 * text is about (TimeML anchors it on the period just named): the report's
 * quarter, else the last month, quarter or half mentioned, one year back;
 * without any, last year. */
static size_t r_sameperiod(ctx_t *c, size_t i, cand_t *out) {
        size_t j = i, e;
        int head;
        if (HAS(W(c, i), C_REL) && W(c, i)->rel == R_LAST && HAS(W(c, i + 1), C_UNIT) &&
            W(c, i + 1)->unit == U_YEAR && is_w(c, i + 2, "'s")) {
                /* "last year's quarter", "last year's period" */
                j = i + 3;
                const dates_word_t *h = W(c, j);
                if (!(HAS(h, C_PERIODN) || (HAS(h, C_UNIT) && h->unit == U_QUARTER)))
                        return 0;
                head = HAS(h, C_PERIODN) ? U_NONE : U_QUARTER;
                e = j + 1;
        } else {
                if (!is_w(c, j, "the"))
                        return 0;
                j++;
                if (HAS(W(c, j), C_SAMEADJ))
                        j++;
                const dates_word_t *h = W(c, j);
                if (HAS(h, C_PERIODN))
                        head = U_NONE;
                else if (HAS(h, C_UNIT) && (h->unit == U_QUARTER || h->unit == U_MONTH ||
                                            h->unit == U_HALF))
                        head = h->unit;
                else
                        return 0;
                e = year_back(c, j + 1);
                if (e == j + 1)
                        return 0;
        }
        tv_t v;
        int g = head == U_NONE ? G_NONE : unit_gran(head);
        if ((g == G_NONE || g == G_QUARTER) && report_quarter(c, &v)) {
                ; /* the quarter the report is about */
        } else if (c->have_anchor && c->anchor.y != YX &&
                   (g == G_NONE ? (c->anchor.gran == G_QUARTER || c->anchor.gran == G_HALF ||
                                   c->anchor.gran == G_MONTH)
                                : (c->anchor.gran == g || (g == G_MONTH && c->anchor.gran == G_DAY)))) {
                v = c->anchor;
                if (g != G_NONE)
                        v.gran = g;
        } else if ((g == G_NONE || g == G_QUARTER) && c->have_lastq) {
                v = c->lastq; /* "profits rose in the last quarter ... the same period of last year" */
        } else if (c->have_dct) {
                /* nothing named: the last such period before the DCT */
                resolve_rel_unit(c, &v, head == U_NONE ? U_YEAR : head, head == U_NONE ? 0 : -1);
        } else {
                return 0;
        }
        v.y -= 1;
        cand_date(out, i, e, &v);
        out->anchor = 0;
        return e;
}

/* A day or part of day told from the day just named: "the next morning",
 * "the following night", "the previous evening", "that night", "that same
 * day", "that afternoon". Nothing without such a day. */
static size_t r_anaphoric_part(ctx_t *c, size_t i, cand_t *out) {
        size_t j = i + 1;
        int shift;
        if (is_w(c, i, "that")) {
                shift = 0;
                if (is_w(c, j, "same") || is_w(c, j, "very"))
                        j++;
        } else if (is_w(c, i, "the") && HAS(W(c, j), C_REL) &&
                   (W(c, j)->rel == R_NEXT || W(c, j)->rel == R_FOLLOW || W(c, j)->rel == R_PREV)) {
                shift = rel_dir(W(c, j));
                j++;
        } else {
                return 0;
        }
        const dates_word_t *p = W(c, j);
        int part = HAS(p, C_PART) && !p->part_form && p->part != P_DT ? p->part : 0;
        int day = !part && HAS(p, C_UNIT) && p->unit == U_DAY && shift == 0;
        if (!part && !day)
                return 0;
        /* "that night's debate" is fine; "that day-long meeting" is an adjective */
        if (is_p(c, j + 1, "-") && glued(c, j + 1))
                return 0;
        if (!c->have_anchor || c->anchor.gran != G_DAY || c->anchor.y == YX || !c->anchor.m ||
            !c->anchor.d)
                return 0;
        tv_t v = c->anchor;
        tv_set_days(&v, days_from_civil(v.y, v.m, v.d) + shift);
        v.gran = part ? G_PART : G_DAY;
        v.part = part;
        cand_date(out, i, j + 1, &v);
        if (part)
                out->type = NX_TIMEX_TIME;
        out->anchor = 0;
        return j + 1;
}

/* A part of the day the story is at, with no day of its own: "in the
 * morning", "during the afternoon", "by mid afternoon", "until late evening":
 * on the day the story last named (as a bare clock time is), else the DCT.
 * Only after a preposition of time, and not "the morning of ...", "the
 * morning session", "the night the plane fell" (no night: it is mostly such
 * a noun). */
static size_t r_story_part(ctx_t *c, size_t i, cand_t *out) {
        size_t p = i, b = i;
        int det = is_w(c, i, "the");
        if (det)
                p = i + 1;
        const dates_word_t *w = W(c, p);
        if (!HAS(w, C_PART) || w->part_form || !(w->part == P_MO || w->part == P_AF || w->part == P_EV))
                return 0;
        if (!det) {
                /* "mid afternoon", "late-morning": the modifier attaches later */
                if (b >= 2 && is_p(c, b - 1, "-") && glued(c, b) && glued(c, b - 1))
                        b--;
                if (b == 0 || !(is_w(c, b - 1, "mid") || is_w(c, b - 1, "late") || is_w(c, b - 1, "early")))
                        return 0;
                b--;
        }
        if (b == 0 || !(is_w(c, b - 1, "in") || is_w(c, b - 1, "by") || is_w(c, b - 1, "during") ||
                        is_w(c, b - 1, "until") || is_w(c, b - 1, "through") ||
                        is_w(c, b - 1, "throughout")))
                return 0;
        size_t e = p + 1;
        if (e < c->doc->n_toks && same_sent(c, p, e)) {
                if (is_w(c, e, "of") || (is_p(c, e, "-") && glued(c, e)))
                        return 0;
                if (c->doc->toks[e].kind == NX_TOK_WORD && is_lower(c, e) && !HAS(c->w[e], C_PREP) &&
                    !HAS(c->w[e], C_TPAST) && !HAS(c->w[e], C_TFUT) && !HAS(c->w[e], C_TPRES) &&
                    !shaped_past(c, e) && !is_w(c, e, "and") && !is_w(c, e, "when") &&
                    !is_w(c, e, "hours"))
                        return 0; /* "the morning session", "in the afternoon heat" */
                if (is_w(c, e, "hours"))
                        e++; /* "in the morning hours" */
        }
        tv_t v;
        if (c->have_day)
                v = c->day;
        else if (c->have_dct)
                v = tv_dct(c);
        else
                return 0;
        v.gran = G_PART;
        v.part = w->part;
        v.hh = -1;
        cand_date(out, i, e, &v);
        out->type = NX_TIMEX_TIME;
        out->anchor = 0;
        return e;
}

/* Named days beyond the lexicon's fixed holidays, as token sequences and a
 * rule: a fixed month-day (md), the nth weekday of a month (n < 0: the last),
 * or an offset from Easter Sunday (easter). US ones are the US dates. */
typedef struct {
        const char *tok[4];
        int md;                      /* MMDD, or 0 */
        int month, wday, nth, after; /* nth wday of month (+after days) */
        int easter, off;             /* easter: off days from Easter Sunday */
} dates_named_day_t;
static const dates_named_day_t dates_named_days[] = {
        {{"valentine", "'s", "day"}, 214, 0, 0, 0, 0, 0, 0},
        {{"veterans", "day"}, 1111, 0, 0, 0, 0, 0, 0},
        {{"boxing", "day"}, 1226, 0, 0, 0, 0, 0, 0},
        /* the Tuesday after the first Monday of November */
        {{"election", "day"}, 0, 11, 1, 1, 1, 0, 0},
        {{"memorial", "day"}, 0, 5, 1, -1, 0, 0, 0},
        {{"mother", "'s", "day"}, 0, 5, 7, 2, 0, 0, 0},
        {{"father", "'s", "day"}, 0, 6, 7, 3, 0, 0, 0},
        {{"martin", "luther", "king", "day"}, 0, 1, 1, 3, 0, 0, 0},
        {{"easter", "sunday"}, 0, 0, 0, 0, 0, 1, 0},
        {{"easter", "monday"}, 0, 0, 0, 0, 0, 1, 1},
        {{"good", "friday"}, 0, 0, 0, 0, 0, 1, -2},
        {{"palm", "sunday"}, 0, 0, 0, 0, 0, 1, -7},
        {{"ash", "wednesday"}, 0, 0, 0, 0, 0, 1, -46},
        {{"easter"}, 0, 0, 0, 0, 0, 1, 0},
};

/* Days since the epoch of Easter Sunday in year y (the Gregorian computus,
 * as in the Meeus/Jones/Butcher algorithm). */
static long easter_days(int y) {
        int a = y % 19, b = y / 100, cc = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
        int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = cc / 4, k = cc % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return days_from_civil(y, month, day);
}

static long named_day_in(const dates_named_day_t *nd, int y) {
        if (nd->md)
                return days_from_civil(y, nd->md / 100, nd->md % 100);
        if (nd->easter)
                return easter_days(y) + nd->off;
        if (nd->nth < 0) {
                long last = days_from_civil(y, nd->month, days_in_month(y, nd->month));
                return last - (weekday_of(last) - nd->wday + 7) % 7;
        }
        long first = days_from_civil(y, nd->month, 1);
        return first + (nd->wday - weekday_of(first) + 7) % 7 + 7L * (nd->nth - 1) + nd->after;
}

static size_t r_named_day(ctx_t *c, size_t i, cand_t *out) {
        if (!HAS(W(c, i), C_NAMEDAY) || !is_cap(c, i) || !c->have_dct)
                return 0;
        for (size_t p = 0; p < sizeof dates_named_days / sizeof dates_named_days[0]; p++) {
                const dates_named_day_t *nd = &dates_named_days[p];
                size_t n = 0;
                for (; n < 4 && nd->tok[n]; n++)
                        if (!is_wn(c, i + n, nd->tok[n], strlen(nd->tok[n])) || !same_sent(c, i, i + n))
                                break;
                if (n < 4 && nd->tok[n])
                        continue;
                size_t e = i + n;
                /* "Easter week", "the Easter weekend": the week (weekend) holding it */
                int week = HAS(W(c, e), C_UNIT) && (W(c, e)->unit == U_WEEK || W(c, e)->unit == U_WEEKEND) &&
                           !is_p(c, e + 1, "-");
                int weekend = week && W(c, e)->unit == U_WEEKEND;
                /* the occurrence on the tense's side of the DCT, else the nearest
                 * (for a week, as of its Monday) */
                int t = tense_at(c, i, e + week);
                long best = 0, bd = 1L << 40;
                for (int y = c->doc->dct.year - 1; y <= c->doc->dct.year + 1; y++) {
                        long d = named_day_in(nd, y);
                        long dist = (week ? d - (weekday_of(d) - 1) : d) - c->dct_days;
                        if ((t < 0 && dist > 0) || (t > 0 && dist < 0))
                                continue;
                        if (labs(dist) < bd) {
                                bd = labs(dist);
                                best = d;
                        }
                }
                if (bd == 1L << 40)
                        return 0;
                tv_t v = tv_dct(c);
                tv_set_days(&v, best);
                v.gran = weekend ? G_WEEKEND : week ? G_WEEK : G_DAY;
                e += week;
                cand_date(out, i, e, &v);
                return e;
        }
        return 0;
}

/* "FY2024", "FY24", "FY 2024": a fiscal year, valued by its year (as "fiscal
 * 1989"); two digits take the DCT's century. */
static int is_fy(const ctx_t *c, size_t i) {
        if (i >= c->doc->n_toks || c->doc->toks[i].kind != NX_TOK_WORD)
                return 0;
        const nx_token_t *t = &c->doc->toks[i];
        const char *p = c->doc->text + t->start;
        size_t n = t->end - t->start;
        if (n < 2 || (p[0] | 32) != 'f' || (p[1] | 32) != 'y' || !(c->doc->toks[i].flags & NX_TF_CAP))
                return 0;
        if (n == 2)
                return 1;
        if (n != 4 && n != 6)
                return 0;
        for (size_t k = 2; k < n; k++)
                if (p[k] < '0' || p[k] > '9')
                        return 0;
        return 1;
}

static size_t r_fy(ctx_t *c, size_t i, cand_t *out) {
        if (!is_fy(c, i))
                return 0;
        const nx_token_t *t = &c->doc->toks[i];
        const char *p = c->doc->text + t->start;
        size_t n = t->end - t->start, e = i + 1;
        int y = 0;
        if (n == 2) {
                if (!(tok_ndigits(c, i + 1) == 4 || tok_ndigits(c, i + 1) == 2))
                        return 0;
                y = (int)NUMV(c, i + 1);
                n = (size_t)tok_ndigits(c, i + 1) + 2;
                e = i + 2;
        } else {
                for (size_t k = 2; k < n; k++)
                        y = y * 10 + (p[k] - '0');
        }
        if (n == 4) {
                if (!c->have_dct)
                        return 0;
                int cent = c->doc->dct.year / 100 * 100;
                y += cent;
                if (y > c->doc->dct.year + 50)
                        y -= 100;
        }
        if (y < 1900 || y > 2100)
                return 0;
        tv_t v = {0};
        v.hh = -1;
        v.y = y;
        v.gran = G_YEAR;
        cand_date(out, i, e, &v);
        return e;
}

/* An ordinal day: "the second day of an offensive", "for a third straight
 * day", "today is the eighth day of Desert Shield", "his first day in
 * office": the day the story is at (TimeBank, MEANTIME tag these), the DCT's,
 * or in a past clause the day just named. */
static const char *const dates_streak_words[] = {"consecutive", "straight", "successive", NULL};
static size_t r_ordday(ctx_t *c, size_t i, cand_t *out) {
        size_t j = i;
        if (is_w(c, j, "the") || is_w(c, j, "a"))
                j++;
        if (!(HAS(W(c, j), C_ORD) || tok_ndigits(c, j)))
                return 0; /* the hot path: no ordinal here */
        int ord;
        size_t k = parse_ordinal(c, j, &ord);
        if (k == j || ord < 1 || ord > 99)
                return 0;
        if (is_in(c, k, dates_streak_words))
                k++;
        if (!(HAS(W(c, k), C_UNIT) && W(c, k)->unit == U_DAY) || (is_p(c, k + 1, "-") && glued(c, k + 1)))
                return 0;
        if (!c->have_dct)
                return 0;
        tv_t v = tv_dct(c);
        if (tense_at(c, i, k + 1) < 0 && c->have_anchor && c->anchor.gran == G_DAY && c->anchor.y != YX &&
            c->anchor.m && c->anchor.d)
                v = c->anchor;
        v.gran = G_DAY;
        cand_date(out, i, k + 1, &v);
        out->anchor = 0;
        return k + 1;
}

/* The second day of a coordination after a full date: "April 24 and [25]",
 * "May 3 or [4]": the same month as the date just named. */
static size_t r_coord_day(ctx_t *c, size_t i, cand_t *out) {
        long d = NUMV(c, i), d0 = i >= 2 ? NUMV(c, i - 2) : -1;
        if (d < 1 || d > 31 || tok_ndigits(c, i) > 2 || d0 < 1 || d0 >= d || i < 3 ||
            !(is_w(c, i - 1, "and") || is_w(c, i - 1, "or") || is_w(c, i - 1, "to") ||
              is_w(c, i - 1, "through") ||
              (is_p(c, i - 1, "-") && glued(c, i - 1) && glued(c, i))) || /* "March 15-17" */
            !same_sent(c, i - 2, i))
                return 0;
        if (!c->have_anchor || c->anchor.gran != G_DAY || c->anchor.y == YX || c->anchor.d != d0 ||
            d > days_in_month(c->anchor.y, c->anchor.m))
                return 0;
        /* the day number ends its phrase: "April 24 and 25 percent" is no date */
        size_t n = i + 1;
        if (n < c->doc->n_toks && same_sent(c, i, n) &&
            !(c->doc->toks[n].kind == NX_TOK_PUNCT ? !is_p(c, n, "%") && !is_p(c, n, ":")
                                                   : HAS(W(c, n), C_PREP)))
                return 0;
        tv_t v = c->anchor;
        v.d = (int)d;
        cand_date(out, i, i + 1, &v);
        return i + 1;
}

/* Holidays: "Christmas", "Christmas Day", "New Year's Day", "Thanksgiving". */
static size_t r_holiday(ctx_t *c, size_t i, cand_t *out) {
        const dates_word_t *w = W(c, i);
        int md = 0;
        size_t j = i + 1;
        tv_t v = {0};
        v.hh = -1;
        v.gran = G_DAY;
        if (HAS(w, C_HOLIDAY) && is_cap(c, i)) {
                md = w->holiday;
                if (is_w(c, j, "day"))
                        j++;
                else if (is_w(c, j, "eve") && md) {
                        md -= 1;
                        j++;
                }
        } else if (is_w(c, i, "new") && is_w(c, i + 1, "year") && is_w(c, i + 2, "'s") &&
                   (is_w(c, i + 3, "day") || is_w(c, i + 3, "eve")) && is_cap(c, i)) {
                md = is_w(c, i + 3, "day") ? 101 : 1231;
                j = i + 4;
        } else {
                return 0;
        }
        if (!c->have_dct) {
                v.y = YX;
        } else {
                v.y = c->doc->dct.year;
        }
        if (md == 0) {
                /* Thanksgiving (US): fourth Thursday of November */
                if (v.y == YX)
                        return 0;
                /* the occurrence on the tense's side of the DCT, else the nearest */
                int t = tense_at(c, i, j);
                long best = 0, bd = 1L << 40;
                for (int y = v.y - 1; y <= v.y + 1; y++) {
                        long nov1 = days_from_civil(y, 11, 1);
                        long thu = nov1 + (4 - weekday_of(nov1) + 7) % 7 + 21;
                        long dist = thu - c->dct_days;
                        if ((t < 0 && dist > 0) || (t > 0 && dist < 0))
                                continue;
                        if (labs(dist) < bd) {
                                bd = labs(dist);
                                best = thu;
                        }
                }
                tv_set_days(&v, best);
        } else {
                v.m = md / 100;
                v.d = md % 100;
                if (v.y != YX) {
                        int t = tense_at(c, i, j);
                        if (t == 0)
                                resolve_nearest(c, &v);
                        else
                                resolve_month(c, &v, t);
                }
        }
        /* "Christmas 2022" */
        int y;
        size_t k = parse_year(c, j, &y);
        if (k > j && md) {
                v.y = y;
                j = k;
        }
        cand_date(out, i, j, &v);
        return j;
}

/* Vague references: "now", "currently", "recently", "the past", "the future",
 * "soon", "these days", "recent years", "in the near future", "a later date",
 * "the moment"? (no), "at present" -> "present". */
/* Fixed phrases, as token sequences (words lower case, punctuation as is). */
enum { PH_FUTURE = 1, PH_PRESENT, PH_YEAREND };
typedef struct { const char *tok[4]; size_t n; int kind; } dates_phrase_t; /* n: tokens */
static const dates_phrase_t dates_phrases[] = {
        /* a stretch of time ahead or around now (TIMEX3 FUTURE_REF/PRESENT_REF) */
        {{"the", "near", "term"}, 3, PH_FUTURE},    {{"the", "short", "term"}, 3, PH_FUTURE},
        {{"the", "long", "term"}, 3, PH_FUTURE},    {{"the", "longer", "term"}, 3, PH_FUTURE},
        {{"the", "time", "being"}, 3, PH_PRESENT},
        /* the end of the (calendar or fiscal) year */
        {{"year", "-", "end"}, 3, PH_YEAREND},      {{"year", "end"}, 2, PH_YEAREND},
        {{"year", "'s", "end"}, 3, PH_YEAREND},     {{"year", "’s", "end"}, 3, PH_YEAREND},
};

/* Length in tokens of phrase ph at token i, 0 when it does not match. The
 * last word first: it is the rare one ("term", "being", "end"). */
static size_t phrase_at(const ctx_t *c, size_t i, const dates_phrase_t *ph) {
        size_t len_ph = ph->n;
        for (size_t r = 0; r < len_ph; r++) {
                size_t n = len_ph - 1 - r, q = i + n;
                if (q >= c->doc->n_toks || !same_sent(c, i, q))
                        return 0;
                const char *w = ph->tok[n];
                /* first bytes first (ASCII case folded): most tokens end here */
                if (((unsigned char)c->doc->text[c->doc->toks[q].start] | 0x20) !=
                    ((unsigned char)w[0] | 0x20))
                        return 0;
                size_t len = strlen(w);
                int ok = (unsigned char)w[0] >= 'a' ? is_wn(c, q, w, len) : is_p(c, q, w);
                if (!ok && !strcmp(w, "'s"))
                        ok = is_wn(c, q, w, len);
                if (!ok)
                        return 0;
                if (n > 0 && (is_p(c, q, "-") || is_p(c, q - 1, "-")) && !glued(c, q))
                        return 0; /* "year - end" spaced is no compound */
        }
        return len_ph;
}

static size_t r_phrase(ctx_t *c, size_t i, cand_t *out) {
        /* every phrase begins with a determiner or "year" (keep the table so):
         * a cheap gate on the hot path */
        const dates_word_t *w0 = W(c, i);
        if (!(HAS(w0, C_DET) || (HAS(w0, C_UNIT) && w0->unit == U_YEAR)) || i + 1 >= c->doc->n_toks)
                return 0;
        /* the first byte of the tokens a phrase may end on, folded once */
        unsigned char last_b[4] = {0, 0, 0, 0};
        for (size_t n = 1; n < 4 && i + n < c->doc->n_toks; n++)
                last_b[n] = (unsigned char)c->doc->text[c->doc->toks[i + n].start] | 0x20;
        for (size_t p = 0; p < sizeof dates_phrases / sizeof dates_phrases[0]; p++) {
                const dates_phrase_t *ph = &dates_phrases[p];
                if (last_b[ph->n - 1] != ((unsigned char)ph->tok[ph->n - 1][0] | 0x20))
                        continue;
                size_t n = phrase_at(c, i, ph);
                if (!n)
                        continue;
                size_t e = i + n;
                if (ph->kind == PH_YEAREND) {
                        /* the year-end just past after "since", else the DCT's year's */
                        tv_t v;
                        resolve_rel_unit(c, &v, U_YEAR, i > 0 && is_w(c, i - 1, "since") ? -1 : 0);
                        cand_date(out, i, e, &v);
                        out->mod = "END";
                        out->anchor = 0;
                        return e;
                }
                cand_str(out, i, e, NX_TIMEX_DATE, ph->kind == PH_FUTURE ? "FUTURE_REF" : "PRESENT_REF");
                return e;
        }
        return 0;
}

static size_t r_ref(ctx_t *c, size_t i, cand_t *out) {
        size_t j = i;
        int the = 0;
        if (is_w(c, j, "the")) {
                the = 1;
                j++;
        }
        if (is_w(c, j, "near") || is_w(c, j, "distant") || is_w(c, j, "foreseeable") ||
            is_w(c, j, "not-too-distant")) {
                if (!the || !is_w(c, j + 1, "future"))
                        return 0;
                cand_str(out, i, j + 2, NX_TIMEX_DATE, "FUTURE_REF");
                return j + 2;
        }
        /* "Islam will one day be ...": "one day" after a modal is "some day",
         * an unspecified future (TimeBank FUTURE_REF), no duration */
        if (is_w(c, i, "one") && is_w(c, i + 1, "day") && i > 0 &&
            (HAS(W(c, i - 1), C_TFUT) || is_w(c, i - 1, "could") || is_w(c, i - 1, "might") ||
             is_w(c, i - 1, "may") || is_w(c, i - 1, "can")) &&
            !is_w(c, i + 2, "later") && !is_w(c, i + 2, "after") && !is_w(c, i + 2, "before")) {
                cand_str(out, i, i + 2, NX_TIMEX_DATE, "FUTURE_REF");
                return i + 2;
        }
        if (is_w(c, i, "these") && is_w(c, i + 1, "days")) {
                cand_str(out, i, i + 2, NX_TIMEX_DATE, "PRESENT_REF");
                return i + 2;
        }
        if (is_w(c, i, "a") && is_w(c, i + 1, "later") && (is_w(c, i + 2, "date") || is_w(c, i + 2, "stage"))) {
                cand_str(out, i, i + 3, NX_TIMEX_DATE, "FUTURE_REF");
                return i + 3;
        }
        /* "(the) coming weeks", "the next few years" are durations (below);
         * "coming years" without a number too */
        if ((is_w(c, j, "coming") || is_w(c, j, "upcoming")) && HAS(W(c, j + 1), C_UNITPL) &&
            W(c, j + 1)->unit != U_WEEKEND) {
                cand_str(out, i, j + 2, NX_TIMEX_DURATION,
                         dur_str(c->doc->arena, W(c, j + 1)->unit, -1));
                return j + 2;
        }
        /* "the first hours of the war", "the early years", "the final days of
         * the campaign": an unstated stretch, like "the coming weeks" */
        if (the && HAS(W(c, j + 1), C_UNITPL) && is_in(c, j, dates_stretch_adj) &&
            W(c, j + 1)->unit != U_WEEKEND && W(c, j + 1)->unit != U_HALF &&
            W(c, j + 1)->unit != U_QUARTER && !is_p(c, j + 2, "-") &&
            /* "the early hours of Thursday" are the small hours, a part of that day */
            !(is_w(c, j, "early") && W(c, j + 1)->unit == U_HOUR)) {
                cand_str(out, i, j + 2, NX_TIMEX_DURATION, dur_str(c->doc->arena, W(c, j + 1)->unit, -1));
                return j + 2;
        }
        /* "the weeks ahead", "the months to come": like "the coming weeks" */
        if (the && HAS(W(c, j), C_UNITPL) && W(c, j)->unit != U_WEEKEND &&
            W(c, j)->unit != U_HALF && W(c, j)->unit != U_QUARTER &&
            (is_w(c, j + 1, "ahead") || (is_w(c, j + 1, "to") && is_w(c, j + 2, "come")))) {
                size_t e = j + (is_w(c, j + 1, "ahead") ? 2 : 3);
                cand_str(out, i, e, NX_TIMEX_DURATION, dur_str(c->doc->arena, W(c, j)->unit, -1));
                return e;
        }
        const dates_word_t *w = W(c, j);
        if (!HAS(w, C_REF))
                return 0;
        const char *ref = w->ref;
        if (is_w(c, j, "past") || is_w(c, j, "future")) {
                /* "the past", "the future", "future" as a modifier: "future
                 * generations" counts too (TimeBank) */
                if (is_w(c, j, "past")) {
                        if (!the)
                                return 0;
                        const dates_word_t *n = W(c, j + 1);
                        if (HAS(n, C_NUM) || NUMV(c, j + 1) >= 0 || HAS(n, C_UNIT) ||
                            HAS(n, C_UNITPL) || HAS(n, C_VAGUE) || HAS(n, C_WDAY) ||
                            HAS(n, C_MONTH) || HAS(n, C_SEASON))
                                return 0;
                } else if (!the) {
                        return 0; /* "future plans": too often not annotated */
                }
                cand_str(out, i, j + 1, NX_TIMEX_DATE, ref);
                return j + 1;
        }
        if (the)
                return 0;
        if (is_w(c, j, "present")) {
                /* "at present" only */
                if (!(j > 0 && is_w(c, j - 1, "at")))
                        return 0;
        }
        /* "current" as a plain adjective ("the current system", "its current
         * chief") is annotated PRESENT_REF in only about a third of the
         * TimeBank/MEANTIME occurrences: too unreliable to tag. Before a
         * state of affairs ("current market conditions", "its current
         * financial difficulties", "the current weakness") it places that
         * state at the present, as TimeBank tags it. "The current
         * year/quarter" is a relative date (r_relative). */
        if (is_w(c, j, "current")) {
                if (!(HAS(W(c, j + 1), C_STATEN) ||
                      (is_lower(c, j + 1) && HAS(W(c, j + 2), C_STATEN))))
                        return 0;
                cand_str(out, j, j + 1, NX_TIMEX_DATE, ref);
                return j + 1;
        }
        if (is_w(c, j, "recent")) {
                /* "recent years/months/weeks/days": a stretch of unstated length
                 * up to now, DURATION PXY (as TimeBank mostly has it) */
                if (HAS(W(c, j + 1), C_UNITPL) && W(c, j + 1)->unit != U_WEEKEND) {
                        size_t e = j + 2;
                        /* "recent weeks and months" */
                        if (is_w(c, e, "and") && HAS(W(c, e + 1), C_UNITPL))
                                e += 2;
                        cand_str(out, i, e, NX_TIMEX_DURATION,
                                 dur_str(c->doc->arena, W(c, j + 1)->unit, -1));
                        return e;
                }
        }
        if (is_w(c, j, "recent"))
                return 0; /* the adjective alone */
        /* "now" in "now that" is a conjunction but TimeBank still tags it; keep.
         * A sentence-initial "Now," is a discourse marker, not a time. */
        size_t e = j + 1;
        if (is_w(c, j, "now") && (c->doc->toks[j].flags & NX_TF_SENT_START) && is_p(c, e, ","))
                return 0;
        /* "as soon as", "soon after", "soon-to-be": a connective, not FUTURE_REF;
         * in a past narrative "soon" is "shortly afterwards", relative to the
         * story's time, not the DCT's future */
        if (is_w(c, j, "soon") &&
            ((i > 0 && is_w(c, i - 1, "as")) || is_w(c, e, "after") || is_w(c, e, "afterwards") ||
             is_w(c, e, "thereafter") || (is_p(c, e, "-") && glued(c, e)) || tense_at(c, j, e) < 0))
                return 0;
        /* "the now-cancelled deal", "the recently-established zone": a prefix of
         * the adjective */
        if (is_p(c, e, "-") && glued(c, e) && glued(c, e + 1))
                return 0;
        if (is_w(c, j, "now") && i > 0 && is_w(c, i - 1, "right")) {
                cand_str(out, i - 1, e, NX_TIMEX_DATE, ref);
                return e;
        }
        if (is_w(c, j, "soon") && i > 0 && (is_w(c, i - 1, "very") || is_w(c, i - 1, "too"))) {
                cand_str(out, i - 1, e, NX_TIMEX_DATE, ref);
                return e;
        }
        if (is_w(c, j, "recently") && i > 0 && (is_w(c, i - 1, "more") || is_w(c, i - 1, "most") ||
                                               is_w(c, i - 1, "until") || is_w(c, i - 1, "only"))) {
                if (is_w(c, i - 1, "more") || is_w(c, i - 1, "most")) {
                        cand_str(out, i - 1, e, NX_TIMEX_DATE, ref);
                        return e;
                }
        }
        cand_str(out, i, e, NX_TIMEX_DATE, ref);
        return e;
}

/* Sets: "every year", "each Monday", "every other week", "daily", "weekly",
 * "twice a year" -> "a year". */
static size_t r_set(ctx_t *c, size_t i, cand_t *out) {
        const dates_word_t *w = W(c, i);
        nx_arena_t *a = c->doc->arena;
        if (HAS(w, C_SETW)) {
                /* "daily" as an adjective of a newspaper name ("China Daily") is capitalised */
                if (is_cap(c, i) && !(c->doc->toks[i].flags & NX_TF_SENT_START))
                        return 0;
                /* "the Communist Party daily Granma": the noun, a newspaper */
                if (is_cap(c, i + 1) && c->doc->toks[i + 1].kind == NX_TOK_WORD)
                        return 0;
                if (w->setw_part) {
                        cand_str(out, i, i + 1, NX_TIMEX_SET, "XXXX-XX-XXTNI");
                        return i + 1;
                }
                cand_str(out, i, i + 1, NX_TIMEX_SET, dur_str(a, w->setw, 1));
                return i + 1;
        }
        if (!(is_w(c, i, "every") || is_w(c, i, "each") || is_w(c, i, "per")))
                return 0;
        size_t j = i + 1;
        double n = 1;
        if (is_w(c, j, "other")) {
                n = 2;
                j++;
        } else {
                size_t k = parse_number(c, j, 0, &n);
                if (k > j && HAS(W(c, k), C_UNITPL))
                        j = k;
                else
                        n = 1;
        }
        const dates_word_t *u = W(c, j);
        if ((HAS(u, C_UNIT) || (HAS(u, C_UNITPL) && n > 1)) && u->unit != U_HALF) {
                if (u->unit == U_WEEKEND) {
                        cand_str(out, i, j + 1, NX_TIMEX_SET, "XXXX-WXX"); /* see tv_format: no -WE */
                        return j + 1;
                }
                if (is_w(c, i, "per") && 0)
                        return 0;
                cand_str(out, i, j + 1, NX_TIMEX_SET, dur_str(a, u->unit, n));
                return j + 1;
        }
        if (is_w(c, i, "per"))
                return 0;
        if (HAS(u, C_WDAY) && !u->wday_form) {
                size_t e = j + 1;
                const char *p = "";
                if (HAS(W(c, e), C_PART) && !W(c, e)->part_form) {
                        p = part_code[W(c, e)->part];
                        e++;
                }
                cand_str(out, i, e, NX_TIMEX_SET,
                         nx_arena_sprintf(a, "XXXX-WXX-%d%s%s", u->wday, *p ? "T" : "", p));
                return e;
        }
        if (HAS(u, C_MONTH)) {
                cand_str(out, i, j + 1, NX_TIMEX_SET, nx_arena_sprintf(a, "XXXX-%02d", u->month));
                return j + 1;
        }
        if (HAS(u, C_SEASON)) {
                cand_str(out, i, j + 1, NX_TIMEX_SET,
                         nx_arena_sprintf(a, "XXXX-%s", season_code[u->season]));
                return j + 1;
        }
        if (HAS(u, C_PART) && !u->part_form) {
                cand_str(out, i, j + 1, NX_TIMEX_SET,
                         nx_arena_sprintf(a, "XXXX-XX-XXT%s", part_code[u->part]));
                return j + 1;
        }
        return 0;
}

/* Durations and offsets:
 *   [the] [first|last|past|next|coming] N UNIT(s) [ago|earlier|later|before|after|from now]
 *   N-UNIT ("two-year"), several/a few UNITs, "a decade", "48 hours",
 *   "the last twenty four hours", "these three years". */
static size_t r_duration_at(ctx_t *c, size_t i, cand_t *out);

/* A duration or offset; "or so" inside ("a week or so ago") makes it APPROX. */
static size_t r_duration(ctx_t *c, size_t i, cand_t *out) {
        size_t e = r_duration_at(c, i, out);
        if (e <= i)
                return e;
        for (size_t q = out->s + 1; q + 1 < out->e; q++)
                if (is_w(c, q, "or") && is_w(c, q + 1, "so"))
                        out->mod = "APPROX";
        return e;
}

static size_t r_duration_at(ctx_t *c, size_t i, cand_t *out) {
        const nx_doc_t *doc = c->doc;
        /* "expected to last three days": the verb; the duration starts after it */
        if (i > 0 && is_w(c, i, "last") && is_in(c, i - 1, dates_aux_words))
                return 0;
        nx_arena_t *a = doc->arena;
        size_t s = i, j = i;
        int lead = 0; /* 1 "the first/the last/past/next N" */
        int dir_lead = 0;
        if (is_w(c, j, "the") || is_w(c, j, "these") || is_w(c, j, "those") ||
            is_w(c, j, "its") || is_w(c, j, "their"))
                j++;
        if (HAS(W(c, j), C_REL) && (W(c, j)->rel == R_PAST || W(c, j)->rel == R_LAST ||
                                    W(c, j)->rel == R_NEXT || W(c, j)->rel == R_COMING ||
                                    W(c, j)->rel == R_LATEST || W(c, j)->rel == R_PREV ||
                                    W(c, j)->rel == R_FOLLOW) &&
            /* without a determiner "following" is the preposition ("following
             * two years of talks") */
            !(W(c, j)->rel == R_FOLLOW && j == i)) {
                dir_lead = rel_dir(W(c, j));
                (void)dir_lead;
                lead = 1;
                j++;
        } else if (j > i && is_w(c, j, "first")) {
                lead = 1;
                j++;
        }
        double n = 0;
        int vague = 0;
        size_t k;
        if (HAS(W(c, j), C_VAGUE) || (is_w(c, j, "a") && is_w(c, j + 1, "few"))) {
                vague = 1;
                k = j + (is_w(c, j, "a") ? 2 : 1);
        } else {
                k = parse_number(c, j, 1, &n);
                if (k == j) {
                        if (!lead)
                                return 0;
                        /* "the past year" handled by relatives; "the next few" above */
                        return 0;
                }
                if (is_w(c, j, "a") || is_w(c, j, "an")) {
                        /* "a year" needs a licensing context */
                }
                if (HAS(W(c, k), C_VAGUE) && is_w(c, j, "a")) {
                        vague = 1;
                        k++;
                }
                /* a range "two to three weeks", "the next 12 to 18 months": one
                 * expression (TimeBank), valued by its lower bound */
                double hi;
                size_t k2;
                /* (not "from five to seven years": a change, not a range) */
                if (!vague && !(is_w(c, j, "a") || is_w(c, j, "an")) && is_w(c, k, "to") &&
                    !(j > 0 && is_w(c, j - 1, "from")) &&
                    (k2 = parse_number(c, k + 1, 0, &hi)) > k + 1 && hi > n &&
                    (HAS(W(c, k2), C_UNITPL) || (HAS(W(c, k2), C_UNITQ) && HAS(W(c, k2 + 1), C_UNITPL))))
                        k = k2;
        }
        /* "two more weeks", "five trading days": one qualifier before the unit */
        int qual = HAS(W(c, k), C_UNITQ) && (HAS(W(c, k + 1), C_UNIT) || HAS(W(c, k + 1), C_UNITPL));
        if (qual)
                k++;
        /* "N-UNIT" adjectival */
        int hyph = 0;
        if (is_p(c, k, "-") && glued(c, k) && glued(c, k + 1) && !vague) {
                hyph = 1;
                k++;
        }
        /* "the past three summers": a count of seasons is each such season, a
         * SET (TimeBank: XXXX-SU); seasons are no units of a duration */
        if (!vague && !hyph && !qual && n >= 2 && !is_w(c, k + 1, "ago") &&
            !is_w(c, k + 1, "earlier") && !is_w(c, k + 1, "later")) {
                for (int q = 0; dates_season_plurals[q].word; q++)
                        if (is_wn(c, k, dates_season_plurals[q].word,
                                  strlen(dates_season_plurals[q].word))) {
                                cand_str(out, s, k + 1, NX_TIMEX_SET,
                                         nx_arena_sprintf(a, "XXXX-%s",
                                                          season_code[dates_season_plurals[q].season]));
                                return k + 1;
                        }
        }
        const dates_word_t *u = W(c, k);
        if (!(HAS(u, C_UNIT) || HAS(u, C_UNITPL)))
                return 0;
        int unit = u->unit;
        if (unit == U_HALF)
                return 0;
        if (HAS(u, C_UNITPL) && !HAS(u, C_UNIT) && !vague && (is_w(c, j, "a") || is_w(c, j, "an")) &&
            k == j + 1)
                return 0; /* "a decades-long feud" */
        if (unit == U_QUARTER && !HAS(u, C_UNITPL) && n == 1 && (is_w(c, j, "a") || is_w(c, j, "one")))
                return 0; /* "a quarter of ..." fraction */
        /* "a year-earlier loss": the article is the noun's; "year-earlier" is a
         * date (r_yearago), no duration */
        if (unit == U_YEAR && k == j + 1 && (is_w(c, j, "a") || is_w(c, j, "an")) &&
            is_p(c, k + 1, "-") && glued(c, k + 1) && glued(c, k + 2) &&
            (is_w(c, k + 2, "earlier") || is_w(c, k + 2, "ago")))
                return 0;
        /* "a second time", "a second consecutive day": the ordinal */
        if (unit == U_SEC && !HAS(u, C_UNITPL) && !hyph && (is_w(c, j, "a") || is_w(c, j, "one")) &&
            k + 1 < doc->n_toks && doc->toks[k + 1].kind == NX_TOK_WORD && same_sent(c, k, k + 1) &&
            !HAS(W(c, k + 1), C_PREP) && !is_w(c, k + 1, "ago") && !is_w(c, k + 1, "later") &&
            !is_w(c, k + 1, "earlier") && !is_w(c, k + 1, "or"))
                return 0;
        /* (not after a qualifier or a vague count: "two consecutive quarters of
         * growth", "several quarters of losses" are periods) */
        if (unit == U_QUARTER && !qual && !vague && ((hyph && HAS(u, C_UNITPL)) || is_w(c, k + 1, "of")))
                return 0; /* "three-quarters", "three quarters of the vote": fractions */
        if (NUMV(c, j) >= 0 && tok_ndigits(c, j) == 4 && n >= 1000 && !hyph)
                return 0;
        /* numbers that are part of larger quantities: "$5 million years"? no */
        if (j > 0 && (is_p(c, j - 1, "$") || is_p(c, j - 1, "€")))
                return 0;
        size_t e = k + 1;
        /* ages ("a five-year-old", "52 years old") describe a person, not a
         * time: TimeBank leaves them untagged */
        if ((hyph && is_p(c, e, "-") && is_w(c, e + 1, "old")) ||
            (!hyph && HAS(u, C_UNITPL) && is_w(c, e, "old")) ||
            /* "people 55 years or older", "children 12 years and under", "18 years of age" */
            (!hyph && HAS(u, C_UNITPL) && (is_w(c, e, "or") || is_w(c, e, "and")) &&
             (is_w(c, e + 1, "older") || is_w(c, e + 1, "younger") || is_w(c, e + 1, "over") ||
              is_w(c, e + 1, "under") || is_w(c, e + 1, "above") || is_w(c, e + 1, "below"))) ||
            (!hyph && HAS(u, C_UNITPL) && is_w(c, e, "of") && is_w(c, e + 1, "age")))
                return 0;
        /* "51 centuries" are a cricketer's hundreds, no 5,100 years */
        if ((unit == U_CENTURY && n > 20) || (unit == U_MILLENNIUM && n > 5))
                return 0;
        if (hyph) {
                if (is_p(c, e, "-") && is_w(c, e + 1, "long") && glued(c, e))
                        e += 2;
        }
        /* "a minute and a half" */
        double frac = 0;
        if (is_w(c, e, "and") && is_w(c, e + 1, "a") && is_w(c, e + 2, "half")) {
                frac = 0.5;
                e += 3;
        }
        /* "three years and six months", "five hours and 29 minutes", "2 hours 15
         * minutes": one duration (TIMEX3), counted in the smaller unit since the
         * record takes single-unit values (P42M, PT329M) */
        while (!vague && !hyph && frac == 0) {
                size_t q = e;
                if (is_p(c, q, ","))
                        q++;
                if (is_w(c, q, "and"))
                        q++;
                double m;
                size_t q2 = parse_number(c, q, 0, &m);
                const dates_word_t *u2 = W(c, q2);
                if (q2 == q || !(HAS(u2, C_UNIT) || HAS(u2, C_UNITPL)) || !same_sent(c, e, q2))
                        break;
                int f = dur_unit_factor(unit, u2->unit);
                if (!f)
                        break;
                n = n * f + m;
                unit = u2->unit;
                e = q2 + 1;
        }
        const char *dur;
        if (vague)
                dur = dur_str(a, unit, -1);
        else
                dur = dur_str(a, unit, n + frac);

        /* "a year" alone is only a duration after a licensing word ("for a year",
         * "in a year", "a year ago"); "twice a year" is a SET */
        int is_a = is_w(c, j, "a") || is_w(c, j, "an");
        /* "a week or so ago": the hedge inside the offset (r_duration sets APPROX) */
        if (is_w(c, e, "or") && is_w(c, e + 1, "so") &&
            (is_w(c, e + 2, "ago") || is_w(c, e + 2, "earlier") || is_w(c, e + 2, "later")))
                e += 2;
        /* offsets */
        const dates_word_t *after = W(c, e);
        /* "a week from Monday", "three weeks from tomorrow": that day, moved */
        if (is_w(c, e, "from") && !vague && n == (int)n && n >= 1 && !hyph &&
            unit_gran(unit) >= G_WEEK && unit_gran(unit) <= G_DAY && unit != U_WEEKEND) {
                cand_t d;
                size_t de = 0;
                const dates_word_t *dw = W(c, e + 1);
                if (HAS(dw, C_DAYREF))
                        de = r_dayref(c, e + 1, &d);
                else if (HAS(dw, C_WDAY))
                        de = r_weekday(c, e + 1, &d);
                else if (HAS(dw, C_MONTH) || HAS(dw, C_MONABBR))
                        de = r_calendar(c, e + 1, &d);
                if (de > e + 1 && d.s == e + 1 && !d.str && d.v.gran == G_DAY && d.v.y != YX &&
                    d.v.m && d.v.d) {
                        tv_t v = d.v;
                        tv_shift(&v, unit, (int)n);
                        v.gran = G_DAY;
                        cand_date(out, s, de, &v);
                        out->anchor = 0;
                        return de;
                }
        }
        if (is_w(c, e, "ago") || (is_w(c, e, "from") && is_w(c, e + 1, "now"))) {
                int back = is_w(c, e, "ago");
                size_t end = back ? e + 1 : e + 2;
                if (lead && j > i && !is_w(c, i, "the"))
                        s = j; /* keep the duration's own words */
                if (vague) {
                        cand_str(out, s, end, NX_TIMEX_DATE, back ? "PAST_REF" : "FUTURE_REF");
                        return end;
                }
                tv_t v = tv_dct(c);
                if (!c->have_dct) {
                        v.gran = unit_gran(unit);
                        cand_date(out, s, end, &v);
                        return end;
                }
                tv_set_days(&v, c->dct_days);
                int g = unit_gran(unit);
                if (n != (int)n) {
                        cand_str(out, s, end, NX_TIMEX_DATE, back ? "PAST_REF" : "FUTURE_REF");
                        return end;
                }
                if (g == G_TIME) {
                        cand_str(out, s, end, NX_TIMEX_TIME, back ? "PAST_REF" : "FUTURE_REF");
                        return end;
                }
                /* "a year ago" in a report about a quarter: that quarter a year ago;
                 * after "the nine months" in its sentence, last year */
                if (unit == U_YEAR && n == 1 && back && ytd_near(c, s, 0)) {
                        tv_shift(&v, U_YEAR, -1);
                } else if (unit == U_YEAR && n == 1 && back && report_quarter(c, &v)) {
                        v.y -= 1;
                } else if (unit == U_YEAR && n == 1 && c->have_anchor &&
                           c->anchor.gran == G_HALF && back) {
                        v = c->anchor;
                        v.y -= 1;
                } else {
                        tv_shift(&v, unit, back ? -(int)n : (int)n);
                        v.gran = g == G_WEEKEND ? G_WEEK : g;
                        /* "a week ago", "two weeks ago" count days back to a
                         * day ("the quake hit a week ago": that Friday); more
                         * weeks are only as precise as the week */
                        if ((unit == U_WEEK && n <= 2) || (unit == U_FORTNIGHT && n == 1))
                                v.gran = G_DAY;
                }
                cand_date(out, s, end, &v);
                out->anchor = 0;
                return end;
        }
        /* "three days later than planned", "a week earlier than expected": a
         * length of delay, the comparative outside */
        if ((is_w(c, e, "earlier") || is_w(c, e, "later")) && is_w(c, e + 1, "than")) {
                cand_str(out, s, e, NX_TIMEX_DURATION, dur);
                return e;
        }
        if (is_w(c, e, "earlier") || is_w(c, e, "later") ||
            ((is_w(c, e, "before") || is_w(c, e, "after")) && !vague &&
             (e + 1 >= doc->n_toks || !same_sent(c, e, e + 1) || doc->toks[e + 1].kind == NX_TOK_PUNCT))) {
                int back = is_w(c, e, "earlier") || is_w(c, e, "before");
                size_t end = e + 1;
                if (vague || n != (int)n || !c->have_anchor || c->anchor.y == YX) {
                        if (vague) {
                                cand_str(out, s, end, NX_TIMEX_DATE, back ? "PAST_REF" : "FUTURE_REF");
                                return end;
                        }
                        if (!c->have_dct)
                                return 0;
                }
                tv_t v = c->have_anchor ? c->anchor : tv_dct(c);
                if (unit == U_YEAR && n == 1 && back && ytd_near(c, s, 0) && c->have_dct) {
                        /* "For the nine months, net rose from $5 million a year
                         * earlier": last year's part, not the quarter's */
                        resolve_rel_unit(c, &v, U_YEAR, -1);
                        cand_date(out, s, end, &v);
                        out->anchor = 0;
                        return end;
                }
                if (v.y == YX) {
                        cand_str(out, s, end, NX_TIMEX_DATE, back ? "PAST_REF" : "FUTURE_REF");
                        return end;
                }
                int g = unit_gran(unit);
                if (g == G_TIME) {
                        cand_str(out, s, end, NX_TIMEX_DURATION, dur);
                        return end;
                }
                if (unit == U_YEAR && (v.gran == G_QUARTER || v.gran == G_HALF || v.gran == G_MONTH ||
                                       v.gran == G_YEAR)) {
                        v.y += back ? -(int)n : (int)n;
                } else {
                        if (!v.m)
                                v.m = 1;
                        if (!v.d)
                                v.d = 1;
                        tv_shift(&v, unit, back ? -(int)n : (int)n);
                        v.gran = g;
                }
                cand_date(out, s, end, &v);
                out->anchor = 0;
                return end;
        }
        (void)after;
        /* plain durations */
        if (is_a && !vague && !lead && !hyph && frac == 0) {
                /* "twice a year", "$5 a year", "10,000 barrels a day": a rate, SET */
                if (j > 0 && (is_w(c, j - 1, "once") || is_w(c, j - 1, "twice") ||
                              is_w(c, j - 1, "times") || doc->toks[j - 1].kind == NX_TOK_NUM ||
                              (j > 1 && doc->toks[j - 2].kind == NX_TOK_NUM &&
                               doc->toks[j - 1].kind == NX_TOK_WORD && !HAS(W(c, j - 1), C_PREP) &&
                               !HAS(W(c, j - 1), C_UNITPL)) ||
                              is_p(c, j - 1, "%") || is_w(c, j - 1, "percent"))) {
                        /* a frequency ("twice a year") is a SET; a rate of an amount
                         * ("$5 million a year", "40% a year") is not a timex in
                         * TimeBank */
                        if (!(is_w(c, j - 1, "once") || is_w(c, j - 1, "twice") ||
                              is_w(c, j - 1, "times")))
                                return 0;
                        cand_str(out, j, e, NX_TIMEX_SET, dur_str(a, unit, 1));
                        return e;
                }
        }
        if ((hyph || (HAS(u, C_UNIT) && !HAS(u, C_UNITPL) && n > 1 && e < doc->n_toks &&
                      doc->toks[e].kind == NX_TOK_WORD && is_lower(c, e))) &&
            !lead && j > i)
                s = j; /* "its two-year [term]", "the [two day] rally": the determiner is the noun's */
        cand_str(out, s, e, NX_TIMEX_DURATION, dur);
        return e;
}

/* "the end/beginning/middle/start of X", "the turn of the century" -> X with
 * a mod, extent the whole phrase. X must itself be a date. */
static size_t r_pointof(ctx_t *c, size_t i, cand_t *out);
static size_t r_weekof(ctx_t *c, size_t i, cand_t *out);

/* Bare plural units after "for"/"in" ("for years", "for weeks") -> PXY. */
static const char *const dates_span_after[] = {
        "before", "after", "that", "following", "leading", "preceding", "since", NULL};

static size_t r_bare_plural(ctx_t *c, size_t i, cand_t *out) {
        const dates_word_t *u = W(c, i);
        /* "over the years", "throughout the decades": the stretch up to now */
        if (is_w(c, i, "the") && i > 0 && HAS(W(c, i + 1), C_UNITPL) &&
            (is_w(c, i - 1, "over") || is_w(c, i - 1, "throughout") || is_w(c, i - 1, "during")) &&
            !is_w(c, i + 2, "of") && !is_p(c, i + 2, "-")) {
                u = W(c, i + 1);
                if (u->unit == U_HALF || u->unit == U_WEEKEND || u->unit == U_QUARTER)
                        return 0;
                cand_str(out, i, i + 2, NX_TIMEX_DURATION, dur_str(c->doc->arena, u->unit, -1));
                return i + 2;
        }
        if (!HAS(u, C_UNITPL) || i == 0)
                return 0;
        /* "in the weeks before the shooting", "in the years that followed": the
         * plural unit (TimeBank leaves "the" out) */
        if (i >= 2 && is_w(c, i - 1, "the") && (is_w(c, i - 2, "in") || is_w(c, i - 2, "during")) &&
            is_in(c, i + 1, dates_span_after) && u->unit != U_HALF && u->unit != U_WEEKEND &&
            u->unit != U_QUARTER) {
                cand_str(out, i, i + 1, NX_TIMEX_DURATION, dur_str(c->doc->arena, u->unit, -1));
                return i + 1;
        }
        int longish = is_p(c, i + 1, "-") && glued(c, i + 1) && is_w(c, i + 2, "long");
        /* "for years", "over decades", "within weeks", "the first time in years",
         * "in just minutes" */
        size_t p = i - 1;
        if (p > 0 && is_w(c, p, "just") && (is_w(c, p - 1, "in") || is_w(c, p - 1, "within")))
                p--;
        if (!longish && !(is_w(c, p, "for") || is_w(c, p, "over") || is_w(c, p, "within") ||
                          is_w(c, p, "in")))
                return 0;
        if (u->unit == U_HALF || u->unit == U_WEEKEND || u->unit == U_QUARTER)
                return 0;
        cand_str(out, i, i + 1, NX_TIMEX_DURATION, dur_str(c->doc->arena, u->unit, -1));
        /* "for centuries": TIMEX3 unit CE ("for decades" is PXY: dur_str) */
        if (u->unit == U_CENTURY)
                out->str = "PXCE";
        if (longish) {
                out->e = i + 3;
                return i + 3;
        }
        /* "within weeks or months": the first unit gives the value */
        if ((is_w(c, i + 1, "or") || is_w(c, i + 1, "and")) && HAS(W(c, i + 2), C_UNITPL) &&
            same_sent(c, i, i + 2)) {
                out->e = i + 3;
                return i + 3;
        }
        return i + 1;
}

/* "the week after next", "the year before last": two periods on. */
static size_t r_after_next(ctx_t *c, size_t i, cand_t *out) {
        const dates_word_t *u = W(c, i + 1);
        if (!is_w(c, i, "the") || !HAS(u, C_UNIT) || !c->have_dct ||
            unit_gran(u->unit) < G_YEAR || unit_gran(u->unit) > G_DAY || u->unit == U_WEEKEND)
                return 0;
        int dir;
        if (is_w(c, i + 2, "after") && is_w(c, i + 3, "next"))
                dir = 2;
        else if (is_w(c, i + 2, "before") && is_w(c, i + 3, "last"))
                dir = -2;
        else
                return 0;
        tv_t v;
        resolve_rel_unit(c, &v, u->unit, dir);
        cand_date(out, i, i + 4, &v);
        out->anchor = 0;
        return i + 4;
}

/* Fractions of a unit: "half an hour", "half a day", "a quarter of an hour",
 * "a half-hour" (valued in the smaller unit: PT30M, PT12H, PT15M). */
static size_t r_fraction(ctx_t *c, size_t i, cand_t *out) {
        size_t j = i, e;
        double f;
        if (is_w(c, j, "a") && (is_w(c, j + 1, "quarter") || is_w(c, j + 1, "half")))
                j++;
        if (is_w(c, j, "half") && (is_w(c, j + 1, "a") || is_w(c, j + 1, "an")) && j == i) {
                f = 0.5;
                e = j + 2; /* "half an hour" */
        } else if (is_w(c, j, "quarter") && is_w(c, j + 1, "of") &&
                   (is_w(c, j + 2, "a") || is_w(c, j + 2, "an"))) {
                f = 0.25;
                e = j + 3; /* "a quarter of an hour" */
        } else if (is_w(c, j, "half") && is_p(c, j + 1, "-") && glued(c, j + 1) && glued(c, j + 2)) {
                f = 0.5;
                e = j + 2; /* "a half-hour" */
                if (j > i && e + 1 < c->doc->n_toks && c->doc->toks[e + 1].kind == NX_TOK_WORD &&
                    is_lower(c, e + 1) && !HAS(W(c, e + 1), C_PREP))
                        i = j; /* "a [half-hour] program": the article is the noun's */
        } else {
                return 0;
        }
        const dates_word_t *u = W(c, e);
        if (!HAS(u, C_UNIT) || HAS(u, C_UNITPL) || !same_sent(c, i, e) ||
            is_w(c, e + 1, "ago") || is_w(c, e + 1, "earlier") || is_w(c, e + 1, "later"))
                return 0; /* ("half a century ago": the offset is r_duration's) */
        /* the next smaller unit, so that the value stays one unit (PT30M) */
        static const int smaller[][2] = {{U_YEAR, U_MONTH}, {U_WEEK, U_DAY}, {U_DAY, U_HOUR},
                                         {U_HOUR, U_MIN}, {U_MIN, U_SEC}};
        static const int by_years[][2] = {{U_DECADE, 10}, {U_CENTURY, 100}, {U_MILLENNIUM, 1000}};
        double n = 0;
        int unit = 0;
        for (size_t k = 0; k < sizeof smaller / sizeof smaller[0]; k++)
                if (smaller[k][0] == u->unit) {
                        unit = smaller[k][1];
                        n = f * dur_unit_factor(u->unit, unit);
                }
        for (size_t k = 0; k < sizeof by_years / sizeof by_years[0]; k++)
                if (by_years[k][0] == u->unit) {
                        unit = U_YEAR;
                        n = f * by_years[k][1];
                }
        if (!unit || n != (int)n)
                return 0; /* "half a month", "a quarter of a minute": no whole count */
        cand_str(out, i, e + 1, NX_TIMEX_DURATION, dur_str(c->doc->arena, unit, n));
        return e + 1;
}

/* The recognizers of the dates-extents work, behind one dispatch on the first
 * token's class (one call per token on the hot path instead of five): the
 * longest of those that may start here. */
static size_t r_extents(ctx_t *c, size_t i, cand_t *out) {
        size_t (*rec[8])(ctx_t *, size_t, cand_t *);
        size_t n = 0;
        const dates_word_t *w = W(c, i);
        int num = c->doc->toks[i].kind == NX_TOK_NUM, det = HAS(w, C_DET) || is_w(c, i, "a");
        if (det || (HAS(w, C_UNIT) && w->unit == U_YEAR))
                rec[n++] = r_phrase;
        if (det) {
                rec[n++] = r_anaphoric_part;
                rec[n++] = r_after_next;
        }
        if (is_w(c, i, "the") || HAS(w, C_PART))
                rec[n++] = r_story_part;
        if (det || num || HAS(w, C_ORD))
                rec[n++] = r_ordday;
        if (num)
                rec[n++] = r_coord_day;
        if (HAS(w, C_NAMEDAY))
                rec[n++] = r_named_day;
        if (is_w(c, i, "a") || (HAS(w, C_UNIT) && (w->unit == U_HALF || w->unit == U_QUARTER)))
                rec[n++] = r_fraction;
        else if (!w && !num)
                rec[n++] = r_fy; /* (a word outside the lexicon: "FY2024") */
        size_t be = 0;
        for (size_t r = 0; r < n; r++) {
                cand_t k;
                size_t e = rec[r](c, i, &k);
                if (e > be && k.s == i) {
                        be = e;
                        *out = k;
                }
        }
        return be;
}

/* Best candidate starting at token i. Returns its end, 0 for none. */
/* Nested recognitions ("the end of the week of March 6") go this deep. */
enum { MATCH_DEPTH_MAX = 4 };

/* The recognizers match_at() tries, in this order (the first of the longest
 * candidates wins), each with the kinds of token (ctx_t.kind bits) it may
 * begin with: read off its first tests, it proposes nothing that starts at
 * any other token (and reaches back only from one of these), so match_at()
 * does not call it there. A recognizer that learns a new first word must
 * add its kind here (test_dates_fast checks every token of random texts
 * against calling them all). */
static const struct {
        size_t (*fn)(ctx_t *, size_t, cand_t *);
        uint64_t kinds;
} dates_recognizers[] = {
        {r_numeric, K_NUM},
        {r_time, K_NUM | CB(C_CLOCK)},
        {r_calendar, K_NUM | CB(C_WDAY) | CB(C_MONTH) | CB(C_MONABBR) | CB(C_ORD) | CB(C_NUM)},
        {r_year, K_NUM | K_APOS | K_FISCAL | CB(C_DECW) | CB(C_ORD) | CB(C_NUM) | CB(C_UNIT)},
        {r_quarter, K_NUM | K_THE | K_FISCAL | K_QH | CB(C_ORD) | CB(C_NUM)},
        {r_season, CB(C_SEASON)},
        {r_weekday, CB(C_WDAY)},
        {r_relative, K_THE | CB(C_REL)},
        {r_dayref, K_THE | CB(C_DAYREF)},
        {r_weekend_part, K_THE | CB(C_PART)},
        {r_yearago, CB(C_UNIT)},
        {r_anaphoric, K_THE | K_THAT},
        {r_sameperiod, K_THE | CB(C_REL)},
        {r_holiday, K_NEW | CB(C_HOLIDAY)},
        {r_ref, K_A | CB(C_DET) | CB(C_NUM) | CB(C_REL) | CB(C_REF)},
        {r_set, K_EVERY | CB(C_SETW)},
        {r_duration, K_NUM | K_A | K_COUPLE | CB(C_DET) | CB(C_REL) | CB(C_VAGUE) | CB(C_NUM)},
        {r_pointof, K_THE},
        {r_weekof, K_THE},
        {r_bare_plural, K_THE | CB(C_UNITPL)},
        {r_extents, K_NUM | K_A | K_FY | CB(C_DET) | CB(C_UNIT) | CB(C_PART) | CB(C_ORD) |
                        CB(C_NAMEDAY)},
};

static size_t match_at(ctx_t *c, size_t i, cand_t *best) {
        size_t be = 0;
        /* r_pointof asks for the token after "the start of": there may be none
         * (fuzz_dates: a heap read past the tokens in r_quarter) */
        if (i >= c->doc->n_toks)
                return 0;
        /* "the end of X", "the week of X", "the day before X" look for X
         * here again: "the end of the end of ..." repeated must not nest
         * without bound (a stack overflow on a 200 KB article) */
        if (c->depth >= MATCH_DEPTH_MAX)
                return 0;
        c->depth++;
        uint64_t kind = c->kind[i];
        for (size_t r = 0; r < sizeof dates_recognizers / sizeof dates_recognizers[0]; r++) {
                if (!(kind & dates_recognizers[r].kinds))
                        continue;
                cand_t k;
                size_t e = dates_recognizers[r].fn(c, i, &k);
                if (e > i && e > be && k.s == i) {
                        be = e;
                        *best = k;
                } else if (e > i && e > be && k.s < i) {
                        /* recognizers that reach back (possessive year) */
                        be = e;
                        *best = k;
                }
        }
        c->depth--;
        return be;
}

static size_t r_pointof(ctx_t *c, size_t i, cand_t *out) {
        size_t j = i;
        if (!is_w(c, j, "the"))
                return 0;
        j++;
        const char *mod = NULL;
        if (is_w(c, j, "end") || is_w(c, j, "close"))
                mod = "END";
        else if (is_w(c, j, "beginning") || is_w(c, j, "start") || is_w(c, j, "dawn"))
                mod = "START";
        else if (is_w(c, j, "middle"))
                mod = "MID";
        else if (is_w(c, j, "turn") && is_w(c, j + 2, "the") && is_w(c, j + 3, "century"))
                mod = "START";
        else
                return 0;
        if (!is_w(c, j + 1, "of"))
                return 0;
        size_t k = j + 2;
        cand_t x;
        if (is_w(c, k, "the") && HAS(W(c, k + 1), C_UNIT) && unit_gran(W(c, k + 1)->unit) >= G_DEC &&
            unit_gran(W(c, k + 1)->unit) <= G_WEEK) {
                /* "the end of the year/month/week": the current one */
                tv_t v;
                resolve_rel_unit(c, &v, W(c, k + 1)->unit, 0);
                cand_date(out, i, k + 2, &v);
                out->mod = mod;
                out->anchor = 0;
                return k + 2;
        }
        size_t e = match_at(c, k, &x);
        if (!e || x.type == NX_TIMEX_DURATION || x.type == NX_TIMEX_SET || x.str)
                return 0;
        *out = x;
        out->s = i;
        out->mod = mod;
        return e;
}

/* "the week of March 6": the (ISO) week containing that day. */
static size_t r_weekof(ctx_t *c, size_t i, cand_t *out) {
        if (!is_w(c, i, "the") || !HAS(W(c, i + 1), C_UNIT) || W(c, i + 1)->unit != U_WEEK ||
            !is_w(c, i + 2, "of"))
                return 0;
        cand_t x;
        size_t e = match_at(c, i + 3, &x);
        if (!e || x.str || x.s != i + 3 || x.v.gran != G_DAY || x.v.y == YX || !x.v.d)
                return 0;
        tv_t v = x.v;
        tv_set_days(&v, days_from_civil(v.y, v.m, v.d));
        v.gran = G_WEEK;
        cand_date(out, i, e, &v);
        return e;
}

/* ------------------------------------------------------------------ driver */

static const char *premod_of(const ctx_t *c, size_t i, size_t *first) {
        /* two-word modifiers ending at i: "more than", "less than", "at least",
         * "at most", "up to", "no more than", "as many as", "or so" */
        *first = i;
        if (is_w(c, i, "than") && i > 0 && (is_w(c, i - 1, "more") || is_w(c, i - 1, "less") ||
                                            is_w(c, i - 1, "fewer"))) {
                *first = i - 1;
                const char *m = is_w(c, i - 1, "more") ? "MORE_THAN" : "LESS_THAN";
                if (i > 1 && is_w(c, i - 2, "no")) {
                        *first = i - 2;
                        m = is_w(c, i - 1, "more") ? "EQUAL_OR_LESS" : "EQUAL_OR_MORE";
                }
                return m;
        }
        if (is_w(c, i, "least") && i > 0 && is_w(c, i - 1, "at")) {
                *first = i - 1;
                return "EQUAL_OR_MORE";
        }
        if (is_w(c, i, "most") && i > 0 && is_w(c, i - 1, "at")) {
                *first = i - 1;
                return "EQUAL_OR_LESS";
        }
        if (is_w(c, i, "to") && i > 0 && is_w(c, i - 1, "up")) {
                *first = i - 1; /* "up to 180 days" */
                return "EQUAL_OR_LESS";
        }
        const dates_word_t *w = W(c, i);
        if (HAS(w, C_PREMOD))
                return w->mod;
        return NULL;
}

/* A duration used as a hyphenated adjective ("the two-week trip", "its
 * 52-week high"): the determiner belongs to the head noun, not the timex. */
static int hyphen_adjective(const ctx_t *c, const cand_t *k) {
        if (k->type != NX_TIMEX_DURATION)
                return 0;
        for (size_t q = k->s + 1; q + 1 < k->e + 1 && q < k->e; q++)
                if (is_p(c, q, "-") && glued(c, q) && glued(c, q + 1))
                        return 1;
        /* unhyphenated, a count over one with a singular unit is the same
         * adjective: "the two day rally", "a 30 day period" */
        size_t u = k->e - 1;
        if (k->e >= k->s + 2 && HAS(W(c, u), C_UNIT) && !HAS(W(c, u), C_UNITPL) &&
            (NUMV(c, u - 1) > 1 || (HAS(W(c, u - 1), C_NUM) && W(c, u - 1)->num > 1)) &&
            u + 1 < c->doc->n_toks && c->doc->toks[u + 1].kind == NX_TOK_WORD && is_lower(c, u + 1))
                return 1;
        return 0;
}

/* A date compound used as a prenominal adjective ("the third-quarter loss",
 * "the year-earlier results", "the late-November trip"): tokens s..e-1 hold a
 * glued hyphen before its last token and a head noun (a word, an amount)
 * follows. The determiner is
 * the head noun's, so it stays out of the extent (TimeBank). */
static int hyphen_premodifier(const ctx_t *c, size_t s, size_t e) {
        if (e < s + 3 || !(is_p(c, e - 2, "-") && glued(c, e - 2) && glued(c, e - 1)) ||
            e >= c->doc->n_toks || !same_sent(c, e - 1, e))
                return 0;
        const nx_token_t *t = &c->doc->toks[e];
        if (t->kind == NX_TOK_NUM || is_p(c, e, "$"))
                return 1;
        const dates_word_t *w = W(c, e);
        return t->kind == NX_TOK_WORD && !HAS(w, C_PREP) && !HAS(w, C_UNIT) && !HAS(w, C_UNITPL) &&
               !is_w(c, e, "period") && !is_w(c, e, "'s");
}

/* Prefixes glued with a hyphen to a date, inside its extent, with their mod:
 * "mid-1990s", "late-November", "post-1959", "pre-2008". */
static const struct { const char *word, *mod; } dates_hyphen_prefixes[] = {
        {"mid", "MID"}, {"late", "END"}, {"early", "START"}, {"pre", "BEFORE"}, {"post", "AFTER"},
};

/* The mod of the hyphen prefix at token i ("mid" in "mid-1990s"), or NULL. */
static const char *hyphen_prefix_mod(const ctx_t *c, size_t i) {
        for (size_t p = 0; p < sizeof dates_hyphen_prefixes / sizeof dates_hyphen_prefixes[0]; p++)
                if (is_wn(c, i, dates_hyphen_prefixes[p].word, strlen(dates_hyphen_prefixes[p].word)))
                        return dates_hyphen_prefixes[p].mod;
        return NULL;
}

/* Attaches modifiers and determiners to the left of candidate k, never before
 * min_tok (the end of the previous expression). */
static void extend_left(ctx_t *c, cand_t *k, size_t min_tok) {
        size_t s = k->s;
        /* "mid-1990s", "mid-November": "mid" glued with a hyphen */
        const char *hm;
        if (s >= 2 && s - 2 >= min_tok && is_p(c, s - 1, "-") && glued(c, s) && glued(c, s - 1) &&
            (hm = hyphen_prefix_mod(c, s - 2)) && !(k->str && k->type != NX_TIMEX_DATE)) {
                k->mod = hm;
                s -= 2;
        }
        for (int rounds = 0; rounds < 3 && s > min_tok; rounds++) {
                size_t f;
                const char *m = premod_of(c, s - 1, &f);
                if (!m || f < min_tok || !same_sent(c, f, s))
                        break;
                int is_point = k->type != NX_TIMEX_DURATION && k->type != NX_TIMEX_SET;
                int is_pos = !strcmp(m, "START") || !strcmp(m, "END") || !strcmp(m, "MID");
                const char *w = c->doc->text + c->doc->toks[s - 1].start;
                (void)w;
                if (is_pos && !is_point)
                        break;
                if (is_pos && k->str)
                        break; /* "late" + PAST_REF */
                if (!is_pos) {
                        /* quantity modifiers bind to a number: "nearly three years",
                         * "about 7:15 p.m."; not "over the past decade" */
                        size_t q = s;
                        const dates_word_t *qw = W(c, q);
                        if (!(c->doc->toks[q].kind == NX_TOK_NUM || HAS(qw, C_NUM) ||
                              HAS(qw, C_VAGUE) || HAS(qw, C_CLOCK) || is_w(c, q, "a") ||
                              is_w(c, q, "an") || HAS(qw, C_UNITPL)))
                                break;
                }
                /* "over" and "under", "just", "some" only before durations */
                if (is_point && !is_pos && (is_w(c, s - 1, "over") || is_w(c, s - 1, "under") ||
                                            is_w(c, s - 1, "some") || is_w(c, s - 1, "just") ||
                                            is_w(c, s - 1, "barely")))
                        break;
                if (is_point && !is_pos && k->str)
                        break;
                /* "about"/"around" before a date is APPROX too ("around 7:15 p.m.") */
                if (is_point && !is_pos && (is_w(c, s - 1, "more") || is_w(c, s - 1, "than") ||
                                            is_w(c, s - 1, "least")))
                        break;
                if (is_point && !is_pos && !(k->e > k->s && (is_w(c, k->e - 1, "ago") ||
                                                             k->type == NX_TIMEX_TIME ||
                                                             is_w(c, k->e - 1, "earlier") ||
                                                             is_w(c, k->e - 1, "later")))) {
                        /* "nearly" before "Friday" is odd; allow with ago/times only */
                        if (!(k->v.gran <= G_YEAR && k->v.gran > G_NONE && !is_w(c, s - 1, "nearly")))
                                break;
                }
                if (is_point && !is_pos && is_w(c, k->e - 1, "ago"))
                        m = !strcmp(m, "APPROX") ? "APPROX" : m;
                k->mod = m;
                /* "about" and "just" qualify the quantity but TimeBank leaves
                 * them out of the extent ("about [five hours]"); keep the mod */
                if (f == s - 1 && (is_w(c, s - 1, "about") || is_w(c, s - 1, "just")))
                        break;
                s = f;
        }
        /* determiners: "the" before modifiers ("the early 1980s", "the mid-1990s",
         * "the first nine months") */
        int ordinal_first = HAS(W(c, s), C_ORD) || (is_w(c, s, "year") && !is_p(c, s + 1, "-")) ||
                            (c->doc->toks[s].kind == NX_TOK_NUM && glued(c, s + 1) &&
                             (is_w(c, s + 1, "th") || is_w(c, s + 1, "st") || is_w(c, s + 1, "nd") ||
                              is_w(c, s + 1, "rd")));
        /* one determiner only ("at the the end of November", a typo) */
        if (HAS(W(c, s), C_DET))
                ;
        else if (s > min_tok && is_w(c, s - 1, "the") && k->type != NX_TIMEX_SET && !k->str &&
            !hyphen_premodifier(c, s, k->e) &&
            (k->mod || ordinal_first || k->v.gran == G_DEC || k->v.gran == G_CENT ||
             k->v.gran == G_SEASON || k->v.gran == G_QUARTER || k->v.gran == G_HALF))
                s--;
        else if (s > min_tok && is_w(c, s - 1, "the") && k->type == NX_TIMEX_DURATION &&
                 !hyphen_adjective(c, k) &&
                 /* "in the [weeks] before the shooting" (TimeBank) */
                 !(k->e == s + 1 && HAS(W(c, s), C_UNITPL) && is_in(c, k->e, dates_span_after)))
                s--;
        /* "earlier this month", "later this year", "late last year" */
        k->s = s;
}

/* Right-side hedges that TIMEX3 keeps inside the extent, as a mod: "the next
 * year or so", "1994 or later", "1990 and beyond". */
/* point_only: 1 points only, 2 durations only */
static const struct { const char *w1, *w2, *mod; int point_only; } dates_hedges[] = {
        {"or", "so", "APPROX", 0},          {"or", "later", "ON_OR_AFTER", 1},
        {"or", "after", "ON_OR_AFTER", 1},  {"and", "beyond", "ON_OR_AFTER", 1},
        {"or", "earlier", "ON_OR_BEFORE", 1}, {"or", "before", "ON_OR_BEFORE", 1},
        {"or", "more", "EQUAL_OR_MORE", 2}, {"or", "longer", "EQUAL_OR_MORE", 2},
        {"or", "less", "EQUAL_OR_LESS", 2},
};

static void extend_right(ctx_t *c, cand_t *k) {
        if (k->type == NX_TIMEX_SET || (k->str && k->type != NX_TIMEX_DURATION))
                return; /* no hedge on a set or a vague reference */
        for (size_t h = 0; h < sizeof dates_hedges / sizeof dates_hedges[0]; h++) {
                if (!is_wn(c, k->e, dates_hedges[h].w1, strlen(dates_hedges[h].w1)) ||
                    !is_wn(c, k->e + 1, dates_hedges[h].w2, strlen(dates_hedges[h].w2)) ||
                    !same_sent(c, k->e - 1, k->e + 1))
                        continue;
                if ((dates_hedges[h].point_only == 1 && k->type == NX_TIMEX_DURATION) ||
                    (dates_hedges[h].point_only == 2 && k->type != NX_TIMEX_DURATION))
                        return;
                /* "or later today": the hedge word starts a date of its own */
                const dates_word_t *n = W(c, k->e + 2);
                if (k->e + 2 < c->doc->n_toks && same_sent(c, k->e, k->e + 2) &&
                    (HAS(n, C_DAYREF) || HAS(n, C_REL) || HAS(n, C_UNIT) || HAS(n, C_UNITPL) ||
                     HAS(n, C_WDAY) || HAS(n, C_MONTH) || c->doc->toks[k->e + 2].kind == NX_TOK_NUM))
                        return;
                k->mod = dates_hedges[h].mod;
                k->e += 2;
                return;
        }
}

/* "earlier this month" / "later this year": a leading adverb with a relative. */
static int adverb_mod(const ctx_t *c, size_t i, const cand_t *k, const char **mod) {
        if (i == 0 || k->str)
                return 0;
        if (is_w(c, i - 1, "earlier") && (is_w(c, i, "this") || is_w(c, i, "last") || is_w(c, i, "today") ||
                                         is_w(c, i, "that"))) {
                *mod = "START";
                return 1;
        }
        if (is_w(c, i - 1, "later") && (is_w(c, i, "this") || is_w(c, i, "next") || is_w(c, i, "today") ||
                                       is_w(c, i, "that"))) {
                *mod = "END";
                return 1;
        }
        return 0;
}

static int push(ctx_t *c, nx_result_t *res, cand_t *k) {
        const nx_doc_t *doc = c->doc;
        nx_timex_t *t = nx_vec_push(doc->arena, (void **)&res->dates, &res->n_dates,
                                    &res->cap_dates, sizeof *t);
        if (!t)
                return -1;
        t->start = doc->toks[k->s].start;
        t->end = doc->toks[k->e - 1].end;
        t->type = k->type;
        t->value = k->str ? k->str : tv_format(doc->arena, &k->v);
        t->mod = k->mod;
        if (!t->value) {
                /* no value to give: drop the candidate rather than emit one */
                res->n_dates--;
                return 0;
        }
        if (k->str && k->type == NX_TIMEX_DURATION && k->str[0] == 'P' && k->str[1] &&
            strchr("23456789", k->str[1]) && k->str[2] == 'M' && !k->str[3]) {
                /* "the nine months", "the first six months": a span of the
                 * year reported on */
                c->ytd = k->str;
                c->ytd_sent = doc->toks[k->s].sent;
        }
        if (!k->str && k->v.y != YX && k->v.gran == G_QUARTER) {
                /* "the last quarter": no anchor, but "the same period a year
                 * earlier" after it means it */
                c->lastq = k->v;
                c->have_lastq = 1;
        }
        if (!k->str && k->v.y != YX && k->v.d && k->v.m && k->v.gran >= G_DAY &&
            k->v.gran <= G_TIME) {
                /* the day the story is at, for "later in the day", "at 10 p.m." */
                c->day = k->v;
                c->day.gran = G_DAY;
                c->have_day = 1;
        }
        if (!k->str && k->anchor && k->v.y != YX && k->v.gran >= G_YEAR && k->v.gran <= G_TIME &&
            k->v.gran != G_SEASON) {
                c->anchor = k->v;
                if (c->anchor.gran == G_TIME || c->anchor.gran == G_PART)
                        c->anchor.gran = G_DAY;
                c->have_anchor = 1;
                if (k->v.gran == G_QUARTER && !c->have_topic &&
                    (!c->have_dct || k->v.y >= c->doc->dct.year - 1)) {
                        /* a report's quarter is recent; "the third quarter of 1984"
                         * in a history is not what "a year ago" counts from */
                        c->topic = k->v;
                        c->have_topic = 1;
                }
        } else if (!k->str && k->anchor && k->v.y != YX &&
                   (k->v.gran == G_QUARTER || k->v.gran == G_HALF)) {
                c->anchor = k->v;
                c->have_anchor = 1;
                if (k->v.gran == G_QUARTER && !c->have_topic &&
                    (!c->have_dct || k->v.y >= c->doc->dct.year - 1)) {
                        /* a report's quarter is recent; "the third quarter of 1984"
                         * in a history is not what "a year ago" counts from */
                        c->topic = k->v;
                        c->have_topic = 1;
                }
        }
        return 0;
}

/* The sentence around token i is in title case (a headline: "Stocks Rally
 * This Week"): most of its words are capitalised. */
static int title_case_sentence(const ctx_t *c, size_t i) {
        size_t lo = i, hi = i, words = 0, caps = 0;
        while (lo > 0 && i - lo < 40 && same_sent(c, lo - 1, i))
                lo--;
        while (hi + 1 < c->doc->n_toks && hi - i < 40 && same_sent(c, hi + 1, i))
                hi++;
        for (size_t q = lo; q <= hi; q++) {
                /* the first word is capitalised anyway, acronyms ("VOA") say nothing */
                if (c->doc->toks[q].kind != NX_TOK_WORD ||
                    (c->doc->toks[q].flags & (NX_TF_SENT_START | NX_TF_ALLCAPS)))
                        continue;
                words++;
                caps += is_cap(c, q) ? 1 : 0;
        }
        return words >= 3 && caps * 10 >= words * 6;
}

/* Words that make the whole candidate a name, not a date ("Winter Olympics",
 * "Black Monday" stays a date; "G-20"/"Covid-19" are never numbers here). */
static int vetoed(const ctx_t *c, const cand_t *k) {
        const nx_doc_t *doc = c->doc;
        size_t e = k->e;
        /* "the Winter Olympics" names the event; a year in it dates the
         * event ("the 2000 Olympics": TimeBank 2000, MEANTIME "the 2008
         * Beijing Olympic Games" 2008), as in "the 1996 Olympic bombing" */
        if (e < doc->n_toks && (is_w(c, e, "olympics") || is_w(c, e, "games") ||
                                is_w(c, e, "paralympics")) &&
            !(k->e == k->s + 1 && tok_ndigits(c, k->s) == 4))
                return 1;
        /* a common temporal noun capitalised inside a sentence, after a word,
         * is part of a title or name ("ABC's \"This Week\"", "VOA Today",
         * "High Noon", "'60 Minutes"); holidays ("Thanksgiving Day") are dates */
        {
                size_t last = e < doc->n_toks && doc->toks[e - 1].kind == NX_TOK_NUM ? e : e - 1;
                int named = 0;
                for (size_t q = k->s; q <= last && q < doc->n_toks; q++) {
                        const dates_word_t *w = W(c, q);
                        if (HAS(w, C_HOLIDAY))
                                return 0;
                        if (q > 0 && is_cap(c, q) && !(doc->toks[q].flags & (NX_TF_SENT_START | NX_TF_ALLCAPS)) &&
                            doc->toks[q - 1].kind != NX_TOK_PUNCT && same_sent(c, q - 1, q) &&
                            (HAS(w, C_UNIT) || HAS(w, C_UNITPL) || HAS(w, C_PART) || HAS(w, C_CLOCK) ||
                             HAS(w, C_DAYREF)) &&
                            !is_w(c, q, "day") && !is_w(c, q - 1, "new")) /* "Election Day", "New Year" */
                                named = 1;
                }
                if (named && !title_case_sentence(c, k->s))
                        return 1;
        }
        /* "The Sunday Times", "the Mail on Sunday": a newspaper */
        if (k->e == k->s + 1 && HAS(W(c, k->s), C_WDAY) && is_cap(c, k->s) &&
            ((e < doc->n_toks && is_cap(c, e) && is_in(c, e, dates_paper_words)) ||
             (k->s >= 2 && is_w(c, k->s, "sunday") && is_w(c, k->s - 1, "on") && is_cap(c, k->s - 2) &&
              is_in(c, k->s - 2, dates_sunday_papers))))
                return 1;
        /* "in his 30s", "in their early forties": an age, not a decade */
        if (!k->str && k->v.gran == G_DEC && k->s > 0 && is_in(c, k->s - 1, dates_person_poss))
                return 1;
        /* a bare year right after a capitalised word inside a sentence ends a
         * name ("Windows 2000", "the Russell 2000 index", "Orion 1980"); months,
         * seasons, holidays and prepositions before a year make a date */
        if (k->e == k->s + 1 && tok_ndigits(c, k->s) == 4 && k->s > 0 && same_sent(c, k->s - 1, k->s)) {
                const nx_token_t *p = &doc->toks[k->s - 1];
                const dates_word_t *pw = W(c, k->s - 1);
                if (p->kind == NX_TOK_WORD && (p->flags & NX_TF_CAP) &&
                    !(p->flags & (NX_TF_SENT_START | NX_TF_ALLCAPS | NX_TF_INITIALISM)) &&
                    !(pw && (pw->cls & ((1u << C_MONTH) | (1u << C_MONABBR) | (1u << C_SEASON) |
                                        (1u << C_HOLIDAY) | (1u << C_WDAY) | (1u << C_PREP) |
                                        (1u << C_REL) | (1u << C_PREMOD)))) &&
                    !title_case_sentence(c, k->s))
                        return 1;
        }
        /* a number glued to a preceding letter/hyphen code ("G-20", "Covid-19", "F-16") */
        if (doc->toks[k->s].kind == NX_TOK_NUM && k->s >= 2 && is_p(c, k->s - 1, "-") &&
            glued(c, k->s) && glued(c, k->s - 1) && doc->toks[k->s - 2].kind == NX_TOK_WORD &&
            !hyphen_prefix_mod(c, k->s - 2))
                return 1;
        return 0;
}

/* Word classes a candidate can begin with; words with only other classes
 * (prepositions, tense cues, modifiers) are skipped by the driver. */
#define START_CLASSES (~((1u << C_PREP) | (1u << C_TPAST) | (1u << C_TFUT) | (1u << C_TPRES) | \
                         (1u << C_PREMOD) | (1u << C_AMPM) | (1u << C_TZ)))
/* Words outside the lexicon a candidate can begin with: "a", "an", "every",
 * "each", "per", "new", "fiscal", "FY2024", "Q3", "H1". */
#define START_KINDS (K_A | K_EVERY | K_NEW | K_FISCAL | K_FY | K_QH)

/* Readies c for doc: each token's lexicon entry, number value and kind.
 * Returns 1, 0 when no token may begin a date (nothing to do), -1 when the
 * arena is exhausted. */
static int ctx_init(ctx_t *c, const nx_doc_t *doc, const struct nx_dates_s *dd) {
        memset(c, 0, sizeof *c);
        c->doc = doc;
        c->dd = dd;
        c->dmy = doc->eng->opts.date_order == NX_ORDER_DMY;
        c->w = nx_arena_alloc(doc->arena, doc->n_toks * sizeof *c->w);
        c->num = nx_arena_alloc(doc->arena, doc->n_toks * sizeof *c->num);
        c->kind = nx_arena_alloc(doc->arena, doc->n_toks * sizeof *c->kind);
        if (!c->w || !c->num || !c->kind)
                return -1;
        int any = 0;
        for (size_t i = 0; i < doc->n_toks; i++) {
                const nx_token_t *t = &doc->toks[i];
                const dates_word_t *w = NULL;
                uint64_t kind = 0;
                c->num[i] = -1;
                if (t->kind == NX_TOK_WORD) {
                        size_t n = nx_tok_len(t);
                        const dates_word_t *e = n <= 14 ? lex_find(dd, doc, i) : NULL;
                        if (e) {
                                kind = e->cls | e->kind;
                                if (e->cls)
                                        w = e;
                        }
                        if (n >= 2 && (doc->text[t->start] | 32) == 'f' && is_fy(c, i))
                                kind |= K_FY;
                        char ch0 = doc->text[t->start];
                        if (n == 2 && (ch0 == 'Q' || ch0 == 'q' || ch0 == 'H' || ch0 == 'h'))
                                kind |= K_QH;
                        if ((w ? (w->cls & START_CLASSES) : (kind & START_KINDS)) && (kind & dd->may_start))
                                kind |= K_START;
                } else if (t->kind == NX_TOK_NUM) {
                        long v = 0;
                        size_t n = nx_tok_len(t);
                        int ok = n <= 9;
                        for (size_t k = 0; ok && k < n; k++) {
                                char ch = doc->text[t->start + k];
                                if (ch < '0' || ch > '9')
                                        ok = 0;
                                else
                                        v = v * 10 + (ch - '0');
                        }
                        if (ok)
                                c->num[i] = v;
                        kind = K_NUM | K_START;
                        any = 1;
                } else if (is_p(c, i, "'") || is_p(c, i, "’")) {
                        kind = K_APOS | K_START;
                }
                c->w[i] = w;
                c->kind[i] = kind;
                if (w)
                        any = 1;
        }
        /* A determiner ("the", "that", "its") or "a" before a token of no
         * kind ("the president", "a man"; not "the two", "the end") begins
         * nothing: every recognizer that takes one reads a word of the
         * lexicon, a number or a K_DETNEXT word after it ("a" also a hyphen:
         * "a-year"). (The token after keeps its own kind in the test.) */
        for (size_t i = 0; i < doc->n_toks; i++)
                if ((c->kind[i] & (CB(C_DET) | K_A)) && (i + 1 == doc->n_toks || !c->kind[i + 1]) &&
                    !((c->kind[i] & K_A) && is_p(c, i + 1, "-")))
                        c->kind[i] = 0;
        if (!any)
                return 0;
        c->have_dct = doc->dct.year > 0 && doc->dct.month >= 1 && doc->dct.month <= 12 &&
                      doc->dct.day >= 1 && doc->dct.day <= 31;
        if (c->have_dct)
                c->dct_days = days_from_civil(doc->dct.year, doc->dct.month, doc->dct.day);
        return 1;
}

int nx_dates_extract(const nx_doc_t *doc, nx_result_t *res) {
        const struct nx_dates_s *dd = doc->eng ? doc->eng->dates : NULL;
        if (!dd || doc->n_toks == 0)
                return 0;
        ctx_t c;
        int ready = ctx_init(&c, doc, dd);
        if (ready <= 0)
                return ready;
        size_t last_end = 0;
        for (size_t i = 0; i < doc->n_toks;) {
                /* no candidate begins here: not a word, number or apostrophe
                 * that may begin one, or no recognizer takes its kind */
                if (!(c.kind[i] & K_START)) {
                        i++;
                        continue;
                }
                cand_t k;
                size_t e = match_at(&c, i, &k);
                if (!e || k.s < last_end || vetoed(&c, &k)) {
                        i++;
                        continue;
                }
                /* a sentence boundary never falls inside */
                if (!same_sent(&c, k.s, k.e - 1)) {
                        i++;
                        continue;
                }
                extend_left(&c, &k, last_end);
                const char *am;
                if (k.s > last_end && adverb_mod(&c, k.s, &k, &am)) {
                        k.s--;
                        k.mod = am;
                }
                extend_right(&c, &k);
                if (push(&c, res, &k))
                        return -1;
                last_end = k.e;
                i = k.e;
        }
        return 0;
}

/* ------------------------------------------------------------------ init */

int nx_dates_init(nx_engine_t *eng, char *errstr, size_t errstr_size) {
        size_t nrows = sizeof dates_rows / sizeof dates_rows[0];
        struct nx_dates_s *dd = calloc(1, sizeof *dd);
        if (!dd)
                goto oom;
        size_t nkeys = nrows + sizeof dates_kind_words / sizeof dates_kind_words[0];
        dd->words = calloc(nkeys, sizeof *dd->words);
        const char **keys = calloc(nkeys, sizeof *keys);
        if (!dd->words || !keys) {
                free(keys);
                goto oom;
        }
        for (size_t r = 0; r < nrows; r++) {
                const dates_row_t *row = &dates_rows[r];
                size_t k;
                for (k = 0; k < dd->n_words; k++)
                        if (!strcmp(keys[k], row->word))
                                break;
                if (k == dd->n_words)
                        keys[dd->n_words++] = row->word;
                dates_word_t *w = &dd->words[k];
                w->cls |= 1u << row->cls;
                switch (row->cls) {
                case C_MONTH: w->month = (int8_t)row->val; break;
                case C_MONABBR: w->monabbr = (int8_t)row->val; break;
                case C_WDAY: w->wday = (int8_t)row->val; w->wday_form = row->str; break;
                case C_SEASON: w->season = (int8_t)row->val; break;
                case C_NUM: w->num = (int16_t)row->val; break;
                case C_ORD: w->ord = (int16_t)row->val; break;
                case C_UNIT: w->unit = (int8_t)row->val; break;
                case C_UNITPL: w->unit = (int8_t)row->val; break;
                case C_PART: w->part = (int8_t)row->val; w->part_form = row->str; break;
                case C_REL: w->rel = (int8_t)row->val; break;
                case C_REF: w->ref = row->str; break;
                case C_DAYREF: w->dayref = (int8_t)row->val; w->dayref_part = row->str; break;
                case C_PREMOD: w->mod = row->str; break;
                case C_SETW: w->setw = (int8_t)row->val; w->setw_part = row->str; break;
                case C_DECW: w->decw = (int8_t)row->val; break;
                case C_HOLIDAY: w->holiday = (int16_t)row->val; w->hol_name = row->str; break;
                case C_TZ: w->tz = row->str; break;
                case C_AMPM: w->ampm = (int8_t)row->val; break;
                case C_CLOCK: w->clock = (int8_t)row->val; break;
                default: break;
                }
        }
        for (size_t r = 0; r < sizeof dates_kind_words / sizeof dates_kind_words[0]; r++) {
                size_t k;
                for (k = 0; k < dd->n_words; k++)
                        if (!strcmp(keys[k], dates_kind_words[r].word))
                                break;
                if (k == dd->n_words)
                        keys[dd->n_words++] = dates_kind_words[r].word;
                dd->words[k].kind |= dates_kind_words[r].kind;
        }
        for (size_t r = 0; r < sizeof dates_recognizers / sizeof dates_recognizers[0]; r++)
                dd->may_start |= dates_recognizers[r].kinds;
        /* "last" is both an ordinal (-1) and a relative word: keep both senses */
        size_t slots = 64;
        while (slots < 2 * dd->n_words)
                slots *= 2;
        dd->mask = slots - 1;
        dd->slot = calloc(slots, sizeof *dd->slot);
        dd->slot_hash = calloc(slots, sizeof *dd->slot_hash);
        dd->key_len = calloc(dd->n_words ? dd->n_words : 1, sizeof *dd->key_len);
        if (!dd->slot || !dd->slot_hash || !dd->key_len) {
                free(keys);
                goto oom;
        }
        for (size_t k = 0; k < dd->n_words; k++) {
                size_t n = strlen(keys[k]);
                dd->key_len[k] = (uint8_t)n;
                uint64_t hash = nx_kmap_hash(keys[k], n);
                size_t h = hash & dd->mask;
                while (dd->slot[h])
                        h = (h + 1) & dd->mask;
                dd->slot[h] = (uint16_t)(k + 1);
                dd->slot_hash[h] = hash;
                if (n < 16)
                        dd->edge[n][edge_letter((unsigned char)keys[k][0])] |=
                            1u << edge_letter((unsigned char)keys[k][n - 1]);
        }
        dd->keys = keys;
        eng->dates = dd;
        return 0;
oom:
        if (dd) {
                free(dd->slot);
                free(dd->slot_hash);
                free(dd->key_len);
                free(dd->keys);
                free(dd->words);
                free(dd);
        }
        snprintf(errstr, errstr_size, "dates: out of memory building tables");
        return -1;
}

void nx_dates_free(nx_engine_t *eng) {
        struct nx_dates_s *dd = eng ? eng->dates : NULL;
        if (!dd)
                return;
        free(dd->slot);
        free(dd->slot_hash);
        free(dd->key_len);
        free(dd->keys);
        free(dd->words);
        free(dd);
        eng->dates = NULL;
}

/* ------------------------------------------------------------------ dateline */

static int month_from_word(const char *s, size_t n) {
        static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
        if (n < 3)
                return 0;
        for (int m = 0; m < 12; m++)
                if (strncasecmp(s, names[m], 3) == 0) {
                        /* the rest must be a prefix of the full name */
                        static const char *const full[] = {"january", "february", "march", "april",
                                                           "may", "june", "july", "august",
                                                           "september", "october", "november",
                                                           "december"};
                        if (n <= strlen(full[m]) && strncasecmp(s, full[m], n) == 0)
                                return m + 1;
                        if (n == 4 && strncasecmp(s, "sept", 4) == 0)
                                return 9;
                        return 0;
                }
        return 0;
}

/* Datelines: "MOSCOW, Dec 30 (Reuters) -", "WASHINGTON, March 3, 2023 --",
 * "LONDON, 30 December 2022 (AFP) -". Looks only at the first 200 bytes: a
 * place in capitals, a comma, then a date. */
int nx_dateline_dct(const char *text, size_t len, int fallback_year, nx_dct_t *dct) {
        size_t i = 0, lim = len < 200 ? len : 200;
        while (i < lim && isspace((unsigned char)text[i]))
                i++;
        /* the place: upper-case words, spaces, dots, slashes, hyphens */
        size_t p0 = i;
        int upper = 0;
        while (i < lim && text[i] != ',' && text[i] != '\n') {
                unsigned char ch = (unsigned char)text[i];
                if (islower(ch))
                        return 0;
                if (isupper(ch))
                        upper++;
                i++;
        }
        if (i >= lim || text[i] != ',' || upper < 2 || i - p0 > 60)
                return 0;
        i++;
        /* up to two more place parts ("PARIS, France, Dec 30") are not supported;
         * read the date */
        while (i < lim && text[i] == ' ')
                i++;
        int m = 0, d = 0, y = 0;
        size_t w0 = i;
        while (i < lim && isalpha((unsigned char)text[i]))
                i++;
        if (i > w0) {
                m = month_from_word(text + w0, i - w0);
                if (!m)
                        return 0;
                if (i < lim && text[i] == '.')
                        i++;
                while (i < lim && text[i] == ' ')
                        i++;
                while (i < lim && isdigit((unsigned char)text[i]) && d < 100)
                        d = d * 10 + (text[i++] - '0');
        } else {
                while (i < lim && isdigit((unsigned char)text[i]) && d < 100)
                        d = d * 10 + (text[i++] - '0');
                while (i < lim && text[i] == ' ')
                        i++;
                w0 = i;
                while (i < lim && isalpha((unsigned char)text[i]))
                        i++;
                m = month_from_word(text + w0, i - w0);
                if (i < lim && text[i] == '.')
                        i++;
        }
        if (!m || d < 1 || d > 31)
                return 0;
        size_t k = i;
        if (k < lim && text[k] == ',')
                k++;
        while (k < lim && text[k] == ' ')
                k++;
        int yy = 0, nd = 0;
        while (k < lim && isdigit((unsigned char)text[k]) && nd < 5) {
                yy = yy * 10 + (text[k++] - '0');
                nd++;
        }
        if (nd == 4 && yy >= 1900 && yy < 2200)
                y = yy;
        else
                y = fallback_year;
        if (y <= 0 || d > days_in_month(y, m))
                return 0;
        dct->year = y;
        dct->month = m;
        dct->day = d;
        dct->hour = dct->minute = -1;
        return 1;
}
