/*
 * summits_tables.c - the summit extractor's linguistic tables (read-only data).
 *
 * Owns the vocabulary summits.c reasons with, kept out of the code as the style
 * guide asks: trigger words and their classes, the leaders' titles, and the named
 * summit organisations with their aliases, key slug and date grain. The tables are
 * loaded into nx_lex_t lexicons by nx_summits_init(); nothing here is mutable.
 *
 * Words are lower-case ASCII (or UTF-8 as written); multi-word entries are joined
 * exactly as nx_toks_lower() joins tokens ("g-20", "prime minister").
 */
#include "../summits.h"

/* word -> NX_SW_* classes (bit set). A word may have several classes. */
const nx_summit_word_t nx_summit_words[] = {
        /* the summit noun */
        {"summit", NX_SW_SUMMIT}, {"summits", NX_SW_SUMMIT},
        /* meeting verbs and nouns (need leaders on both sides) */
        {"meet", NX_SW_MEET_V}, {"meets", NX_SW_MEET_V}, {"met", NX_SW_MEET_V},
        {"meeting", NX_SW_MEET_N}, {"meetings", NX_SW_MEET_N}, {"talks", NX_SW_MEET_N},
        {"dinner", NX_SW_MEET_N}, {"luncheon", NX_SW_MEET_N}, {"lunch", NX_SW_MEET_N},
        {"hosts", NX_SW_MEET_V}, {"hosted", NX_SW_MEET_V}, {"hosting", NX_SW_MEET_V},
        {"welcomes", NX_SW_MEET_V}, {"welcomed", NX_SW_MEET_V}, {"receives", NX_SW_MEET_V},
        {"received", NX_SW_MEET_V},
        {"sign", NX_SW_SIGN}, {"signs", NX_SW_SIGN}, {"signed", NX_SW_SIGN},
        /* visits and trips (need a leader visitor and a foreign destination) */
        {"visit", NX_SW_VISIT}, {"visits", NX_SW_VISIT}, {"visited", NX_SW_VISIT},
        {"visiting", NX_SW_VISIT},
        {"trip", NX_SW_TRIP}, {"trips", NX_SW_TRIP}, {"tour", NX_SW_TRIP},
        {"journey", NX_SW_TRIP},
        {"arrives", NX_SW_ARRIVE}, {"arrived", NX_SW_ARRIVE}, {"arrive", NX_SW_ARRIVE},
        {"arriving", NX_SW_ARRIVE}, {"travels", NX_SW_ARRIVE}, {"travelled", NX_SW_ARRIVE},
        {"traveled", NX_SW_ARRIVE}, {"travel", NX_SW_ARRIVE}, {"lands", NX_SW_ARRIVE},
        {"landed", NX_SW_ARRIVE},
        {"flew", NX_SW_ARRIVE}, {"flies", NX_SW_ARRIVE}, {"fly", NX_SW_ARRIVE},
        {"flying", NX_SW_ARRIVE}, {"heads", NX_SW_ARRIVE | NX_SW_LEADERS},
        {"headed", NX_SW_ARRIVE}, {"jets", NX_SW_ARRIVE},
        /* modifiers of "visit" that make it a head-of-state visit by themselves */
        {"state", NX_SW_STATEV}, {"official", NX_SW_STATEV}, {"royal", NX_SW_STATEV},
        {"working", NX_SW_STATEV}, {"diplomatic", NX_SW_STATEV},
        /* not a meeting: calls and remote acts */
        {"phone", NX_SW_PHONE}, {"telephone", NX_SW_PHONE}, {"phoned", NX_SW_PHONE},
        {"telephoned", NX_SW_PHONE}, {"remotely", NX_SW_PHONE}, {"phone-call", NX_SW_PHONE},
        /* format */
        {"videoconference", NX_SW_VIRTUAL}, {"video", NX_SW_VIRTUAL},
        {"virtual", NX_SW_VIRTUAL}, {"virtually", NX_SW_VIRTUAL}, {"online", NX_SW_VIRTUAL},
        {"videolink", NX_SW_VIRTUAL}, {"video-link", NX_SW_VIRTUAL},
        {"video-conference", NX_SW_VIRTUAL},
        /* status: cancelled / postponed */
        {"postpone", NX_SW_CANCEL}, {"postpones", NX_SW_CANCEL}, {"postponed", NX_SW_CANCEL},
        {"postponing", NX_SW_CANCEL}, {"cancel", NX_SW_CANCEL}, {"cancels", NX_SW_CANCEL},
        {"cancelled", NX_SW_CANCEL}, {"canceled", NX_SW_CANCEL}, {"cancelling", NX_SW_CANCEL},
        {"scrapped", NX_SW_CANCEL}, {"scraps", NX_SW_CANCEL}, {"delays", NX_SW_CANCEL},
        {"delayed", NX_SW_CANCEL}, {"rejects", NX_SW_CANCEL}, {"rejected", NX_SW_CANCEL},
        /* "call off" cancels, "call for" proposes: checked with the next word */
        {"call", NX_SW_CALLV}, {"calls", NX_SW_CALLV}, {"calling", NX_SW_CALLV},
        {"called", NX_SW_CALLV},
        /* "withdraws from / pulls out of the summit": one leader's participation is
         * cancelled, the summit goes ahead (checked with the next word) */
        {"withdraw", NX_SW_QUITV}, {"withdraws", NX_SW_QUITV}, {"withdrawing", NX_SW_QUITV},
        {"withdrew", NX_SW_QUITV}, {"withdrawn", NX_SW_QUITV},
        {"pull", NX_SW_QUITV}, {"pulls", NX_SW_QUITV}, {"pulling", NX_SW_QUITV},
        {"pulled", NX_SW_QUITV},
        /* status: planned (future, scheduled) */
        {"will", NX_SW_PLAN}, {"shall", NX_SW_PLAN}, {"plans", NX_SW_PLAN},
        {"plan", NX_SW_PLAN}, {"planned", NX_SW_PLAN}, {"planning", NX_SW_PLAN},
        {"upcoming", NX_SW_PLAN}, {"next", NX_SW_PLAN}, {"expected", NX_SW_PLAN},
        {"scheduled", NX_SW_PLAN}, {"invites", NX_SW_PLAN}, {"invited", NX_SW_PLAN},
        {"inviting", NX_SW_PLAN}, {"invitation", NX_SW_PLAN}, {"preparations", NX_SW_PLAN},
        {"prepare", NX_SW_PLAN}, {"prepares", NX_SW_PLAN}, {"ahead", NX_SW_PLAN},
        {"forthcoming", NX_SW_PLAN}, {"intends", NX_SW_PLAN}, {"announces", NX_SW_PLAN},
        {"await", NX_SW_PLAN}, {"awaits", NX_SW_PLAN}, {"host", NX_SW_PLAN | NX_SW_MEET_V},
        {"due", NX_SW_PLAN},
        /* status: proposed or hypothetical (no date -> year grain) */
        {"potential", NX_SW_PROPOSED}, {"possible", NX_SW_PROPOSED},
        {"proposed", NX_SW_PROPOSED}, {"proposes", NX_SW_PROPOSED},
        {"proposal", NX_SW_PROPOSED}, {"hypothetical", NX_SW_PROPOSED},
        {"ready", NX_SW_PROPOSED}, {"willing", NX_SW_PROPOSED}, {"could", NX_SW_PROPOSED},
        {"might", NX_SW_PROPOSED}, {"would", NX_SW_PROPOSED},
        {"offers", NX_SW_PROPOSED}, {"offered", NX_SW_PROPOSED}, {"seeks", NX_SW_PROPOSED},
        {"wants", NX_SW_PROPOSED}, {"if", NX_SW_PROPOSED}, {"whether", NX_SW_PROPOSED}, {"hopes", NX_SW_PROPOSED}, {"eventual", NX_SW_PROPOSED},
        {"face-to-face", NX_SW_PROPOSED | NX_SW_PREMOD},
        /* status: ongoing */
        {"during", NX_SW_ONGOING}, {"sidelines", NX_SW_ONGOING}, {"margins", NX_SW_ONGOING},
        {"begins", NX_SW_ONGOING}, {"opens", NX_SW_ONGOING}, {"underway", NX_SW_ONGOING},
        {"ongoing", NX_SW_ONGOING}, {"attends", NX_SW_ONGOING}, {"attending", NX_SW_ONGOING},
        {"gathered", NX_SW_ONGOING}, {"at", NX_SW_ONGOING},
        /* people who are not leaders: a summit "of" them is not a leaders' summit */
        {"minister", NX_SW_OFFICIAL}, {"ministers", NX_SW_OFFICIAL},
        {"ministerial", NX_SW_OFFICIAL}, {"envoy", NX_SW_OFFICIAL}, {"envoys", NX_SW_OFFICIAL},
        {"delegates", NX_SW_OFFICIAL}, {"delegation", NX_SW_OFFICIAL},
        {"delegations", NX_SW_OFFICIAL}, {"officials", NX_SW_OFFICIAL},
        {"ambassador", NX_SW_OFFICIAL}, {"ambassadors", NX_SW_OFFICIAL},
        {"chiefs", NX_SW_OFFICIAL}, {"secretaries", NX_SW_OFFICIAL},
        {"negotiators", NX_SW_OFFICIAL}, {"deputies", NX_SW_OFFICIAL},
        {"lawmakers", NX_SW_OFFICIAL}, {"senators", NX_SW_OFFICIAL},
        {"parliamentarians", NX_SW_OFFICIAL}, {"speakers", NX_SW_OFFICIAL},
        {"mayors", NX_SW_OFFICIAL}, {"governors", NX_SW_OFFICIAL},
        {"business", NX_SW_OFFICIAL}, {"investment", NX_SW_OFFICIAL},
        {"investors", NX_SW_OFFICIAL}, {"youth", NX_SW_OFFICIAL}, {"students", NX_SW_OFFICIAL},
        {"experts", NX_SW_OFFICIAL}, {"scientists", NX_SW_OFFICIAL},
        /* mountaineering */
        {"mount", NX_SW_MOUNT}, {"mountain", NX_SW_MOUNT}, {"mt", NX_SW_MOUNT},
        {"everest", NX_SW_MOUNT}, {"peak", NX_SW_MOUNT}, {"climber", NX_SW_MOUNT},
        {"climbers", NX_SW_MOUNT}, {"climb", NX_SW_MOUNT}, {"climbed", NX_SW_MOUNT},
        {"climbing", NX_SW_MOUNT}, {"reached", NX_SW_MOUNT}, {"reach", NX_SW_MOUNT},
        {"reaches", NX_SW_MOUNT}, {"reaching", NX_SW_MOUNT}, {"mountaineer", NX_SW_MOUNT},
        {"mountaineers", NX_SW_MOUNT}, {"sherpa", NX_SW_MOUNT}, {"expedition", NX_SW_MOUNT},
        {"hikers", NX_SW_MOUNT}, {"volcano", NX_SW_MOUNT},
        {"clash", NX_SW_MOUNT}, {"showdown", NX_SW_MOUNT}, /* "the summit clash" (a final) */
        {"ascent", NX_SW_MOUNT},
        {"glacier", NX_SW_MOUNT}, {"trek", NX_SW_MOUNT}, {"trekking", NX_SW_MOUNT},
        /* a capitalised "Summit" followed by these is a place name */
        {"lake", NX_SW_GEO}, {"county", NX_SW_GEO}, {"avenue", NX_SW_GEO},
        {"street", NX_SW_GEO}, {"road", NX_SW_GEO}, {"park", NX_SW_GEO},
        {"station", NX_SW_GEO}, {"township", NX_SW_GEO}, {"mall", NX_SW_GEO},
        {"ridge", NX_SW_GEO | NX_SW_MOUNT}, {"hill", NX_SW_GEO | NX_SW_MOUNT}, {"drive", NX_SW_GEO},
        {"boulevard", NX_SW_GEO}, {"point", NX_SW_GEO}, {"heights", NX_SW_GEO},
        {"school", NX_SW_GEO}, {"church", NX_SW_GEO},
        {"trail", NX_SW_GEO}, {"pass", NX_SW_GEO}, {"high", NX_SW_GEO},
        {"hospital", NX_SW_GEO}, {"airport", NX_SW_GEO}, {"creek", NX_SW_GEO},
        /* the head of a venue's name: "at State House in Entebbe" is in Entebbe */
        {"house", NX_SW_VENUE}, {"palace", NX_SW_VENUE}, {"hotel", NX_SW_GEO | NX_SW_VENUE},
        {"hall", NX_SW_VENUE}, {"castle", NX_SW_VENUE}, {"resort", NX_SW_VENUE},
        {"estate", NX_SW_VENUE}, {"centre", NX_SW_VENUE}, {"center", NX_SW_VENUE},
        {"building", NX_SW_VENUE}, {"lodge", NX_SW_VENUE}, {"villa", NX_SW_VENUE},
        {"compound", NX_SW_VENUE}, {"residence", NX_SW_VENUE}, {"ranch", NX_SW_VENUE},
        {"beach", NX_SW_VENUE}, {"stadium", NX_SW_VENUE}, {"club", NX_SW_VENUE},
        {"base", NX_SW_VENUE}, {"office", NX_SW_VENUE}, {"kremlin", NX_SW_VENUE},
        {"chancellery", NX_SW_VENUE}, {"mansion", NX_SW_VENUE},
        /* an emergency/extraordinary session of a named summit is its own summit */
        {"emergency", NX_SW_EXT | NX_SW_PREMOD}, {"extraordinary", NX_SW_EXT | NX_SW_PREMOD},
        {"urgent", NX_SW_EXT | NX_SW_PREMOD},
        /* nouns that stand for leaders as a group */
        {"leaders", NX_SW_LEADERS}, {"counterpart", NX_SW_LEADERS},
        {"counterparts", NX_SW_LEADERS},
        /* determiners and possessives that open a summit noun phrase */
        {"the", NX_SW_DET}, {"a", NX_SW_DET}, {"an", NX_SW_DET}, {"this", NX_SW_DET},
        {"that", NX_SW_DET}, {"its", NX_SW_DET}, {"their", NX_SW_DET},
        {"his", NX_SW_DET | NX_SW_PRON}, {"her", NX_SW_DET | NX_SW_PRON},
        {"these", NX_SW_DET}, {"those", NX_SW_DET}, {"our", NX_SW_DET},
        {"he", NX_SW_PRON}, {"she", NX_SW_PRON}, {"him", NX_SW_PRON},
        /* lower-case words that may sit between the determiner and "summit" */
        {"annual", NX_SW_PREMOD}, {"regional", NX_SW_PREMOD}, {"high-level", NX_SW_PREMOD},
        {"last", NX_SW_PREMOD}, {"first", NX_SW_PREMOD}, {"second", NX_SW_PREMOD},
        {"third", NX_SW_PREMOD}, {"joint", NX_SW_PREMOD}, {"bilateral", NX_SW_PREMOD},
        {"trilateral", NX_SW_PREMOD}, {"special", NX_SW_PREMOD}, {"informal", NX_SW_PREMOD},
        {"historic", NX_SW_PREMOD}, {"leaders'", NX_SW_PREMOD}, {"peace", NX_SW_PREMOD},
        {"security", NX_SW_PREMOD}, {"trade", NX_SW_PREMOD}, {"two-day", NX_SW_PREMOD},
        {"one-day", NX_SW_PREMOD}, {"three-day", NX_SW_PREMOD}, {"four-day", NX_SW_PREMOD},
        {"five-day", NX_SW_PREMOD}, {"day", NX_SW_PREMOD}, {"key", NX_SW_PREMOD},
        {"major", NX_SW_PREMOD}, {"previous", NX_SW_PREMOD}, {"recent", NX_SW_PREMOD},
        {"foreign", NX_SW_PREMOD}, {"summit-level", NX_SW_PREMOD}, {"new", NX_SW_PREMOD},
        {"direct", NX_SW_PREMOD}, {"in-person", NX_SW_PREMOD},
        {"crisis", NX_SW_PREMOD}, {"closed-door", NX_SW_PREMOD}, {"level", NX_SW_PREMOD},
        {"fourth", NX_SW_PREMOD}, {"fifth", NX_SW_PREMOD}, {"sixth", NX_SW_PREMOD},
        {"seventh", NX_SW_PREMOD}, {"eighth", NX_SW_PREMOD}, {"ninth", NX_SW_PREMOD},
        {"tenth", NX_SW_PREMOD}, {"inaugural", NX_SW_PREMOD}, {"landmark", NX_SW_PREMOD},
        {"quadrilateral", NX_SW_PREMOD}, {"multilateral", NX_SW_PREMOD},
        /* titles that negate a following leader title */
        {"vice", NX_SW_NEGROLE}, {"deputy", NX_SW_NEGROLE}, {"former", NX_SW_NEGROLE},
        {"ex", NX_SW_NEGROLE}, {"late", NX_SW_NEGROLE}, {"opposition", NX_SW_NEGROLE},
        {"then", NX_SW_NEGROLE}, {"assistant", NX_SW_NEGROLE},
        {"ousted", NX_SW_NEGROLE}, {"deposed", NX_SW_NEGROLE}, {"exiled", NX_SW_NEGROLE},
        {"overthrown", NX_SW_NEGROLE}, {"toppled", NX_SW_NEGROLE}, {"self-proclaimed", NX_SW_NEGROLE},
        {NULL, 0}};

/* Titles of heads of state or government (and of the UN / intergovernmental
 * organisations' secretaries-general, which summits.md counts). Matched right
 * before a person's mention or as the actor's role. */
const char *const nx_summit_leader_roles[] = {
        "president", "presidents", "prime minister", "prime ministers", "premier",
        "chancellor", "king", "queen", "emir", "amir", "sultan", "crown prince",
        "supreme leader", "monarch", "taoiseach", "emperor", "secretary-general",
        "secretary general", "general secretary", "chief adviser", "chairman",
        "head of state", "head of government", "state counsellor", "grand duke",
        "leader", "pm", "sheikh", "shah", "pope", "holy father",
        NULL};

/* Named summit series. alias is lower-cased as nx_toks_lower() joins tokens;
 * slug is the key prefix; grain is how coarse the key's date is: a series that
 * meets once a year needs only the year to tell its summits apart, one that meets
 * twice a year the half, one that meets often (EU, EAC) the month. Emergency and
 * extraordinary sessions always use the month. */
const nx_summit_org_t nx_summit_orgs[] = {
        {"g7", "g7", "G7", NX_GRAIN_YEAR}, {"g-7", "g7", "G7", NX_GRAIN_YEAR},
        {"group of seven", "g7", "G7", NX_GRAIN_YEAR},
        {"g8", "g8", "G8", NX_GRAIN_YEAR}, {"g-8", "g8", "G8", NX_GRAIN_YEAR},
        {"group of eight", "g8", "G8", NX_GRAIN_YEAR},
        {"g20", "g20", "G20", NX_GRAIN_YEAR}, {"g-20", "g20", "G20", NX_GRAIN_YEAR},
        {"group of twenty", "g20", "G20", NX_GRAIN_YEAR},
        {"group of 20", "g20", "G20", NX_GRAIN_YEAR},
        {"nato", "nato", "NATO", NX_GRAIN_YEAR},
        {"north atlantic treaty organization", "nato", "NATO", NX_GRAIN_YEAR},
        {"north atlantic treaty organisation", "nato", "NATO", NX_GRAIN_YEAR},
        {"sco", "sco", "SCO", NX_GRAIN_YEAR},
        {"shanghai cooperation organisation", "sco", "SCO", NX_GRAIN_YEAR},
        {"shanghai cooperation organization", "sco", "SCO", NX_GRAIN_YEAR},
        /* a frequent mistranslation of the SCO's name in wire copy */
        {"shanghai security organization", "sco", "SCO", NX_GRAIN_YEAR},
        {"shanghai security organisation", "sco", "SCO", NX_GRAIN_YEAR},
        {"brics", "brics", "BRICS", NX_GRAIN_YEAR},
        {"asean", "asean", "ASEAN", NX_GRAIN_HALF},
        {"association of southeast asian nations", "asean", "ASEAN", NX_GRAIN_HALF},
        {"association of south-east asian nations", "asean", "ASEAN", NX_GRAIN_HALF},
        {"east asia", "eas", "East Asia Summit", NX_GRAIN_YEAR},
        {"apec", "apec", "APEC", NX_GRAIN_YEAR},
        {"asia-pacific economic cooperation", "apec", "APEC", NX_GRAIN_YEAR},
        {"eu", "eu", "EU", NX_GRAIN_MONTH},
        {"european union", "eu", "EU", NX_GRAIN_MONTH},
        {"european council", "eu", "EU", NX_GRAIN_MONTH},
        {"african union", "au", "African Union", NX_GRAIN_HALF},
        {"au", "au", "African Union", NX_GRAIN_HALF},
        {"arab league", "arab-league", "Arab League", NX_GRAIN_YEAR},
        {"league of arab states", "arab-league", "Arab League", NX_GRAIN_YEAR},
        {"celac", "celac", "CELAC", NX_GRAIN_YEAR},
        {"european political community", "epc", "European Political Community", NX_GRAIN_HALF},
        {"epc", "epc", "European Political Community", NX_GRAIN_HALF},
        {"east african community", "eac", "EAC", NX_GRAIN_MONTH},
        {"eac", "eac", "EAC", NX_GRAIN_MONTH},
        {"southern african development community", "sadc", "SADC", NX_GRAIN_MONTH},
        {"sadc", "sadc", "SADC", NX_GRAIN_MONTH},
        {"ecowas", "ecowas", "ECOWAS", NX_GRAIN_HALF},
        {"economic community of west african states", "ecowas", "ECOWAS", NX_GRAIN_HALF},
        {"gulf cooperation council", "gcc", "GCC", NX_GRAIN_YEAR},
        {"gcc", "gcc", "GCC", NX_GRAIN_YEAR},
        {"summit of the americas", "summit-of-the-americas", "Summit of the Americas", NX_GRAIN_YEAR},
        {"organization of american states", "oas", "OAS", NX_GRAIN_YEAR},
        {"oas", "oas", "OAS", NX_GRAIN_YEAR},
        {"commonwealth", "chogm", "Commonwealth", NX_GRAIN_YEAR},
        {"chogm", "chogm", "Commonwealth", NX_GRAIN_YEAR},
        {"csto", "csto", "CSTO", NX_GRAIN_YEAR},
        {"commonwealth of independent states", "cis", "CIS", NX_GRAIN_HALF},
        {"cis", "cis", "CIS", NX_GRAIN_HALF},
        {"eurasian economic union", "eaeu", "EAEU", NX_GRAIN_HALF},
        {"eaeu", "eaeu", "EAEU", NX_GRAIN_HALF},
        {"organisation of islamic cooperation", "oic", "OIC", NX_GRAIN_MONTH},
        {"organization of islamic cooperation", "oic", "OIC", NX_GRAIN_MONTH},
        {"oic", "oic", "OIC", NX_GRAIN_MONTH},
        {"quad", "quad", "Quad", NX_GRAIN_YEAR},
        {"non-aligned movement", "nam", "Non-Aligned Movement", NX_GRAIN_YEAR},
        {"mercosur", "mercosur", "Mercosur", NX_GRAIN_HALF},
        {"pacific islands forum", "pif", "Pacific Islands Forum", NX_GRAIN_YEAR},
        {"igad", "igad", "IGAD", NX_GRAIN_MONTH},
        {"bimstec", "bimstec", "BIMSTEC", NX_GRAIN_YEAR},
        {"organization of turkic states", "ots", "Organization of Turkic States", NX_GRAIN_YEAR},
        {"organisation of turkic states", "ots", "Organization of Turkic States", NX_GRAIN_YEAR},
        {"turkic states", "ots", "Organization of Turkic States", NX_GRAIN_YEAR},
        {"three seas", "three-seas", "Three Seas Initiative", NX_GRAIN_YEAR},
        {"visegrad", "v4", "Visegrad Group", NX_GRAIN_MONTH},
        {"united nations", "un", "UN", NX_GRAIN_MONTH},
        {"un", "un", "UN", NX_GRAIN_MONTH},
        {"u.n.", "un", "UN", NX_GRAIN_MONTH},
        {NULL, NULL, NULL, 0}};
