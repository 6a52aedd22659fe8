#!/usr/bin/env python3
"""gen_gazetteer.py - builds worker/extract/data/gazetteer.c, the compiled-in
gazetteer of the actors extractor, from open data.

Sources (read-only, never copied into the repo):
  ../shared/data/gazetteer-sources/{countries,organizations,leaders}.json
      CIA World Factbook snapshot 2026-01-22 (public domain) + iso-codes 4.15.0
      + curated lists; see that folder's PROVENANCE.md.
  /usr/share/iso-codes/json/iso_3166-1.json (Debian iso-codes, LGPL-2.1+):
      alpha-3 codes and official names, to check every ISO code we emit.
  CURATED_* tables below: facts only (names of news agencies, seats of
      government used by metonymy, continents/regions, well-known companies),
      written for this project.

What is selected (and why): countries (names, aliases, part names, former
names), demonyms (NORP), capitals and capital aliases, major urban areas,
first-order administrative divisions of multi-word or unambiguous names,
international organizations (all), terrorist/armed groups (news aliases),
political parties (full names; abbreviations only when unique and >= 3
letters), leaders (full name, first+last name, surname when unambiguous).
Security forces are skipped (noisy free-text parse).

Output: two tables, entries (one per real-world actor) and aliases (lower-case
key in the tokenizer's join form -> entry index + flags), priority-resolved so
that each key maps to one entry. Deterministic: same inputs, same bytes.

Usage:
  python3 tools/gen_gazetteer.py [--src ../shared/data/gazetteer-sources] \
      [--iso /usr/share/iso-codes/json/iso_3166-1.json] \
      [--out worker/extract/data/gazetteer.c]
"""
import argparse
import json
import os
import re
import sys
import unicodedata

# ---------------------------------------------------------------- curated

# Common English words that are also place/party names: never a bare alias.
COMMON_WORDS = set("""
central east eastern west western north northern south southern capital coast
lakes islands island upper lower centre center federal national city district
greater new old mountain mountains valley river lake sea bay gulf plateau
highlands lowlands littoral savanes plateaux sud nord est ouest centre-est
centre-nord centre-ouest centre-sud sud-ouest nord-ouest extreme-nord
orientale occidental oriental interior border frontier delta union unity
liberty independence progress reform alliance freedom justice solidarity
change hope future forward renewal movement people popular green greens
democrats republicans labour labor conservatives liberals socialists
communists independents left right centre party front action together
man turkey guinea jersey guernsey niger aden colon mobile reading bath nice
split male falcon
""".split())

# Abbreviations that are also words (the gazetteer matches an abbreviation of
# 4+ letters in title case too, "Nato" for "NATO"): never an alias.
WORD_ABBREVS = set("""
real most must star care cane fast nova novo viva pact peri pros stan nada rede
livre grup liga alba bien amar cope cabal cadre todos valor vamos mover lider
pais gana mira suma semilla creemos avanza patrie
""".split())

# Place names that are also given names or surnames: matched only when no
# other name word is next to them ("Michael Jordan", "Paris Hilton").
CAUTION_NAMES = set("""
victoria kingston hamilton georgetown santiago chad jordan georgia washington
paris lincoln jackson madison israel florence sydney austin phoenix
""".split())

# News agencies and outlets, seats of government used by metonymy (type, iso3),
# regions and continents. Facts only.
CURATED = [
    # name, type, iso3, kind, aliases
    ("Reuters", "ORG", "", "media", ["Reuters", "Thomson Reuters"]),
    ("Associated Press", "ORG", "USA", "media", ["Associated Press", "AP"]),
    ("Agence France-Presse", "ORG", "FRA", "media", ["Agence France-Presse", "Agence France Presse", "AFP"]),
    ("BBC", "ORG", "GBR", "media", ["BBC", "British Broadcasting Corporation"]),
    ("CNN", "ORG", "USA", "media", ["CNN"]),
    ("Xinhua", "ORG", "CHN", "media", ["Xinhua", "Xinhua News Agency"]),
    ("TASS", "ORG", "RUS", "media", ["TASS", "Tass"]),
    ("RIA Novosti", "ORG", "RUS", "media", ["RIA Novosti", "RIA"]),
    ("Interfax", "ORG", "RUS", "media", ["Interfax"]),
    ("Al Jazeera", "ORG", "QAT", "media", ["Al Jazeera", "Al-Jazeera"]),
    ("Bloomberg", "ORG", "USA", "media", ["Bloomberg", "Bloomberg News"]),
    ("The New York Times", "ORG", "USA", "media", ["The New York Times", "New York Times"]),
    ("The Washington Post", "ORG", "USA", "media", ["The Washington Post", "Washington Post"]),
    ("The Wall Street Journal", "ORG", "USA", "media", ["The Wall Street Journal", "Wall Street Journal"]),
    ("Financial Times", "ORG", "GBR", "media", ["Financial Times"]),
    ("The Guardian", "ORG", "GBR", "media", ["The Guardian"]),
    ("Kyodo", "ORG", "JPN", "media", ["Kyodo", "Kyodo News"]),
    ("Yonhap", "ORG", "KOR", "media", ["Yonhap"]),
    ("Anadolu Agency", "ORG", "TUR", "media", ["Anadolu Agency", "Anadolu"]),
    ("NHK", "ORG", "JPN", "media", ["NHK"]),
    ("Fox News", "ORG", "USA", "media", ["Fox News"]),
    ("Der Spiegel", "ORG", "DEU", "media", ["Der Spiegel"]),
    ("Politico", "ORG", "USA", "media", ["Politico"]),
    ("Axios", "ORG", "USA", "media", ["Axios"]),
    ("Wikinews", "ORG", "", "media", ["Wikinews"]),
    ("Global Times", "ORG", "CHN", "media", ["Global Times"]),
    ("Kremlin", "ORG", "RUS", "govbody", ["Kremlin"]),
    ("Pentagon", "ORG", "USA", "govbody", ["Pentagon"]),
    ("White House", "GPE", "USA", "govbody", ["White House"]),
    ("State Department", "ORG", "USA", "govbody", ["State Department", "U.S. State Department", "US State Department"]),
    ("Downing Street", "ORG", "GBR", "govbody", ["Downing Street"]),
    ("Elysee Palace", "ORG", "FRA", "govbody", ["Elysee", "Elysée", "Elysee Palace", "Élysée Palace"]),
    ("Federal Reserve", "ORG", "USA", "govbody", ["Federal Reserve", "Fed", "US Federal Reserve", "U.S. Federal Reserve"]),
    ("United States Congress", "ORG", "USA", "govbody", ["Congress", "US Congress", "U.S. Congress"]),
    ("Bundestag", "ORG", "DEU", "govbody", ["Bundestag"]),
    ("State Duma", "ORG", "RUS", "govbody", ["State Duma", "Duma"]),
    ("Knesset", "ORG", "ISR", "govbody", ["Knesset"]),
    ("Politburo", "ORG", "", "govbody", ["Politburo"]),
    ("Communist Party of China", "ORG", "CHN", "party", ["Communist Party of China", "Chinese Communist Party", "CPC", "CCP"]),
    ("the West", "GPE", "", "region", ["the West"]),
    ("Europe", "GPE", "", "region", ["Europe"]),
    ("Asia", "GPE", "", "region", ["Asia"]),
    ("Africa", "GPE", "", "region", ["Africa"]),
    ("North America", "GPE", "", "region", ["North America"]),
    ("South America", "GPE", "", "region", ["South America"]),
    ("Latin America", "GPE", "", "region", ["Latin America"]),
    ("Middle East", "GPE", "", "region", ["Middle East"]),
    ("Central Asia", "GPE", "", "region", ["Central Asia"]),
    ("Southeast Asia", "GPE", "", "region", ["Southeast Asia", "South-East Asia"]),
    ("Eastern Europe", "GPE", "", "region", ["Eastern Europe"]),
    ("Western Europe", "GPE", "", "region", ["Western Europe"]),
    ("Asia-Pacific", "GPE", "", "region", ["Asia-Pacific", "Asia Pacific"]),
    ("Balkans", "GPE", "", "region", ["Balkans"]),
    ("Caribbean", "GPE", "", "region", ["Caribbean"]),
    ("Arctic", "GPE", "", "region", ["Arctic"]),
    ("Antarctica", "GPE", "", "region", ["Antarctica"]),
    ("Earth", "GPE", "", "region", ["Earth"]),
    ("Atlantic Ocean", "GPE", "", "region", ["Atlantic Ocean", "Atlantic"]),
    ("Pacific Ocean", "GPE", "", "region", ["Pacific Ocean", "Pacific"]),
    ("Indian Ocean", "GPE", "", "region", ["Indian Ocean"]),
    ("Mediterranean", "GPE", "", "region", ["Mediterranean", "Mediterranean Sea"]),
    ("Black Sea", "GPE", "", "region", ["Black Sea"]),
    ("Red Sea", "GPE", "", "region", ["Red Sea"]),
    ("South China Sea", "GPE", "", "region", ["South China Sea"]),
    ("Persian Gulf", "GPE", "", "region", ["Persian Gulf"]),
    ("Crimea", "GPE", "UKR", "region", ["Crimea"]),
    ("Donbas", "GPE", "UKR", "region", ["Donbas", "Donbass"]),
    ("Kashmir", "GPE", "", "region", ["Kashmir"]),
    ("Siberia", "GPE", "RUS", "region", ["Siberia"]),
    ("Silicon Valley", "GPE", "USA", "region", ["Silicon Valley"]),
    ("Wall Street", "GPE", "USA", "region", ["Wall Street"]),
    ("Bali", "GPE", "IDN", "city", ["Bali"]),
    ("Samarkand", "GPE", "UZB", "city", ["Samarkand", "Samarqand"]),
    ("Geneva", "GPE", "CHE", "city", ["Geneva"]),
    ("Davos", "GPE", "CHE", "city", ["Davos"]),
    ("Brussels", "GPE", "BEL", "city", ["Brussels"]),
    ("Hiroshima", "GPE", "JPN", "city", ["Hiroshima"]),
    ("Sochi", "GPE", "RUS", "city", ["Sochi"]),
    ("Vladivostok", "GPE", "RUS", "city", ["Vladivostok"]),
    ("Camp David", "GPE", "USA", "city", ["Camp David"]),
    ("Anchorage", "GPE", "USA", "city", ["Anchorage"]),
    ("Kazan", "GPE", "RUS", "city", ["Kazan"]),
    ("Johannesburg", "GPE", "ZAF", "city", ["Johannesburg"]),
    ("Rio de Janeiro", "GPE", "BRA", "city", ["Rio de Janeiro", "Rio"]),
    ("New York", "GPE", "USA", "city", ["New York", "New York City", "NYC"]),
    ("Hong Kong", "GPE", "HKG", "city", ["Hong Kong"]),
] + [(n, "GPE", iso3, "city", [n]) for iso3, names in (
    ("USA", "San Francisco|Boston|Seattle|Miami|Detroit|Atlanta|Philadelphia|Phoenix|"
            "San Diego|San Jose|Las Vegas|Denver|New Orleans|Baltimore|Pittsburgh|"
            "St. Louis|Cleveland|Minneapolis|Portland|Austin|Nashville|Honolulu|"
            "Cupertino|Palo Alto|Mountain View|Redmond|Hollywood|Manhattan|Brooklyn|"
            "Mar-a-Lago"),
    ("CAN", "Toronto|Montreal|Vancouver|Calgary"),
    ("GBR", "Edinburgh|Liverpool|Leeds|Bristol|Belfast|Cardiff|Oxford|Cambridge"),
    ("FRA", "Nice|Strasbourg"), ("DEU", "Stuttgart|Dusseldorf|Düsseldorf|Leipzig|Dresden|Munich"),
    ("ITA", "Milan|Naples|Turin|Venice|Florence"), ("ESP", "Barcelona|Seville|Valencia"),
    ("RUS", "St. Petersburg|Saint Petersburg|Murmansk|Belgorod|Kursk|Rostov-on-Don"),
    ("UKR", "Kharkiv|Odesa|Odessa|Lviv|Dnipro|Zaporizhzhia|Mariupol|Bakhmut|Kherson|Donetsk|Luhansk"),
    ("ISR", "Tel Aviv|Haifa"), ("PSE", "Gaza City|Rafah|Khan Younis|Ramallah"),
    ("TUR", "Istanbul"), ("ARE", "Dubai|Abu Dhabi"), ("IND", "Mumbai|Kolkata|Bangalore|Bengaluru"),
    ("CHN", "Shanghai|Wuhan|Hong Kong"), ("JPN", "Osaka|Kyoto"), ("AUS", "Sydney|Melbourne"),
    ("BRA", "Sao Paulo|São Paulo"), ("CHE", "Zurich|Basel|Lausanne"),
    ("SYR", "Aleppo|Idlib"), ("IRQ", "Mosul|Basra|Erbil"), ("LBN", "Beirut"),
    ("EGY", "Cairo|Alexandria"), ("SAU", "Jeddah|Mecca"), ("QAT", "Doha"),
    ("THA", "Bangkok|Chiang Mai"), ("VNM", "Ho Chi Minh City"), ("PAK", "Karachi|Lahore"))
    for n in names.split("|")] + [
    # well-known companies (names are facts; the unknown-name rules do the rest)
    ("Gazprom", "ORG", "RUS", "company", ["Gazprom"]),
    ("Rosneft", "ORG", "RUS", "company", ["Rosneft"]),
    ("Google", "ORG", "USA", "company", ["Google", "Alphabet"]),
    ("Microsoft", "ORG", "USA", "company", ["Microsoft"]),
    ("Amazon", "ORG", "USA", "company", ["Amazon"]),
    ("Meta", "ORG", "USA", "company", ["Meta Platforms", "Facebook"]),
    ("Tesla", "ORG", "USA", "company", ["Tesla"]),
    ("Nvidia", "ORG", "USA", "company", ["Nvidia"]),
    ("OpenAI", "ORG", "USA", "company", ["OpenAI"]),
    ("Huawei", "ORG", "CHN", "company", ["Huawei"]),
    ("Samsung", "ORG", "KOR", "company", ["Samsung", "Samsung Electronics"]),
    ("Toyota", "ORG", "JPN", "company", ["Toyota"]),
    ("Volkswagen", "ORG", "DEU", "company", ["Volkswagen"]),
    ("Boeing", "ORG", "USA", "company", ["Boeing"]),
    ("Airbus", "ORG", "", "company", ["Airbus"]),
    ("TikTok", "ORG", "CHN", "company", ["TikTok"]),
    ("SpaceX", "ORG", "USA", "company", ["SpaceX"]),
    ("Saudi Aramco", "ORG", "SAU", "company", ["Saudi Aramco", "Aramco"]),
    ("General Motors", "ORG", "USA", "company", ["General Motors", "GM"]),
    ("Goldman Sachs", "ORG", "USA", "company", ["Goldman Sachs"]),
    ("JPMorgan Chase", "ORG", "USA", "company", ["JPMorgan Chase", "JPMorgan", "JP Morgan"]),
    # companies whose names look like people's ("Northrop Grumman", "Morgan
    # Stanley") or that news names without a cue; facts only
    ("Northrop Grumman", "ORG", "USA", "company", ["Northrop Grumman", "Northrop"]),
    ("Lockheed Martin", "ORG", "USA", "company", ["Lockheed Martin", "Lockheed"]),
    ("Raytheon", "ORG", "USA", "company", ["Raytheon"]),
    ("General Dynamics", "ORG", "USA", "company", ["General Dynamics"]),
    ("General Electric", "ORG", "USA", "company", ["General Electric"]),
    ("Morgan Stanley", "ORG", "USA", "company", ["Morgan Stanley"]),
    ("Merrill Lynch", "ORG", "USA", "company", ["Merrill Lynch"]),
    ("Bear Stearns", "ORG", "USA", "company", ["Bear Stearns"]),
    ("Lehman Brothers", "ORG", "USA", "company", ["Lehman Brothers"]),
    ("Wells Fargo", "ORG", "USA", "company", ["Wells Fargo"]),
    ("Citigroup", "ORG", "USA", "company", ["Citigroup", "Citibank"]),
    ("Bank of America", "ORG", "USA", "company", ["Bank of America"]),
    ("Credit Suisse", "ORG", "CHE", "company", ["Credit Suisse"]),
    ("Deutsche Bank", "ORG", "DEU", "company", ["Deutsche Bank"]),
    ("Barclays", "ORG", "GBR", "company", ["Barclays"]),
    ("HSBC", "ORG", "GBR", "company", ["HSBC"]),
    ("Procter & Gamble", "ORG", "USA", "company", ["Procter & Gamble", "Procter and Gamble"]),
    ("Johnson & Johnson", "ORG", "USA", "company", ["Johnson & Johnson"]),
    ("Exxon Mobil", "ORG", "USA", "company", ["Exxon Mobil", "ExxonMobil", "Exxon"]),
    ("Chevron", "ORG", "USA", "company", ["Chevron"]),
    ("Pfizer", "ORG", "USA", "company", ["Pfizer"]),
    ("Intel", "ORG", "USA", "company", ["Intel"]),
    ("IBM", "ORG", "USA", "company", ["IBM"]),
    ("Ford Motor Company", "ORG", "USA", "company", ["Ford Motor Company", "Ford Motor", "Ford"]),
    ("Chrysler", "ORG", "USA", "company", ["Chrysler"]),
    ("Daimler", "ORG", "DEU", "company", ["Daimler", "DaimlerChrysler"]),
    ("Siemens", "ORG", "DEU", "company", ["Siemens"]),
    ("Nissan", "ORG", "JPN", "company", ["Nissan"]),
    ("Honda", "ORG", "JPN", "company", ["Honda"]),
    ("Sony", "ORG", "JPN", "company", ["Sony"]),
    ("Best Buy", "ORG", "USA", "company", ["Best Buy"]),
    # airlines, often named with a country ("Air France") or in flight names
    ("Air France", "ORG", "FRA", "company", ["Air France"]),
    ("Air China", "ORG", "CHN", "company", ["Air China"]),
    ("Air India", "ORG", "IND", "company", ["Air India"]),
    ("Air Canada", "ORG", "CAN", "company", ["Air Canada"]),
    ("Air New Zealand", "ORG", "NZL", "company", ["Air New Zealand"]),
    ("Lufthansa", "ORG", "DEU", "company", ["Lufthansa", "Deutsche Lufthansa"]),
    ("British Airways", "ORG", "GBR", "company", ["British Airways"]),
    ("Qantas", "ORG", "AUS", "company", ["Qantas"]),
    ("Aeroflot", "ORG", "RUS", "company", ["Aeroflot"]),
    ("Ryanair", "ORG", "IRL", "company", ["Ryanair"]),
    ("Singapore Airlines", "ORG", "SGP", "company", ["Singapore Airlines"]),
    ("Cathay Pacific", "ORG", "HKG", "company", ["Cathay Pacific"]),
    ("KLM", "ORG", "NLD", "company", ["KLM"]),
    ("Turkish Airlines", "ORG", "TUR", "company", ["Turkish Airlines"]),
    ("Qatar Airways", "ORG", "QAT", "company", ["Qatar Airways"]),
    ("Japan Airlines", "ORG", "JPN", "company", ["Japan Airlines"]),
    ("Malaysia Airlines", "ORG", "MYS", "company", ["Malaysia Airlines"]),
    ("Hamas", "ORG", "PSE", "group", ["Hamas"]),
    ("Houthis", "ORG", "YEM", "group", ["Houthis", "Houthi", "Ansar Allah"]),
    ("Taliban", "ORG", "AFG", "group", ["Taliban"]),
    ("Wagner Group", "ORG", "RUS", "group", ["Wagner Group", "Wagner"]),
    ("Rapid Support Forces", "ORG", "SDN", "group", ["Rapid Support Forces", "RSF"]),
    ("M23", "ORG", "COD", "group", ["M23"]),
]

# Group names that are NORP without a country.
CURATED_NORP = [
    ("Western", ["Western", "Westerners"]),
    ("European", ["European", "Europeans"]),
    ("African", ["African", "Africans"]),
    ("Asian", ["Asian", "Asians"]),
    ("Arab", ["Arab", "Arabs"]),
    ("Latin American", ["Latin American", "Latin Americans"]),
    ("North American", ["North American", "North Americans"]),
    ("South American", ["South American", "South Americans"]),
    ("Muslim", ["Muslim", "Muslims"]),
    ("Christian", ["Christian", "Christians"]),
    ("Jewish", ["Jewish", "Jews"]),
    ("Kurdish", ["Kurdish", "Kurds", "Kurd"]),
    ("Democrats", ["Democrats", "Democrat", "Democratic"]),
    ("Republicans", ["Republicans", "Republican"]),
    ("Communist", ["Communist", "Communists"]),
    ("Sunni", ["Sunni", "Sunnis"]),
    ("Shia", ["Shia", "Shiite", "Shiites", "Shi'ite"]),
    ("Catholic", ["Catholic", "Catholics"]),
    ("Soviet", ["Soviet"]),
]

# News spellings of current leaders that the Factbook transliterates
# otherwise (person_key -> extra full-name aliases, extra surname aliases).
# Facts: the spellings used by the English-language agencies and by the
# leaders' English Wikipedia articles (e.g. "Volodymyr Zelenskyy" gives
# "Zelensky" and "Zelenskiy"; "Alexander Lukashenko" is the Wikipedia title).
LEADER_ALIASES = {
    "volodymyr-zelenskyy": (["Volodymyr Zelensky", "Volodymyr Zelenskiy",
                             "Volodymyr Zelenskyi"], ["Zelensky", "Zelenskiy"]),
    "benyamin-netanyahu": (["Benjamin Netanyahu", "Binyamin Netanyahu"], []),
    "alyaksandr-lukashenka": (["Alexander Lukashenko", "Aleksandr Lukashenko",
                               "Alexandr Lukashenko"], ["Lukashenko"]),
    "recep-tayyip-erdogan": (["Recep Tayyip Erdo\u011fan", "Tayyip Erdogan",
                              "Tayyip Erdo\u011fan"], ["Erdo\u011fan"]),
    "felix-tshisekedi": (["F\u00e9lix Tshisekedi", "Felix Antoine Tshisekedi",
                          "F\u00e9lix-Antoine Tshisekedi"], []),
    "luiz-inacio-lula-da-silva": (["Lula da Silva", "Luiz In\u00e1cio Lula da Silva",
                                   "Luiz Inacio Lula da Silva"], []),
    "abdel-fattah-el-sisi": (["Abdel Fattah al-Sisi", "Abdel Fattah el-Sisi"], ["Sisi", "el-Sisi", "al-Sisi"]),
    "ali-hoseini-khamenei": (["Ali Khamenei", "Ayatollah Ali Khamenei"], ["Khamenei"]),
    "muhammad-bin-salman-bin-abd-al-aziz-al-saud": (["Mohammed bin Salman", "Muhammad bin Salman"], []),
    "pedro-sanchez-perez-castejon": (["Pedro Sanchez", "Pedro S\u00e1nchez"], []),
    "viktor-orban": (["Viktor Orb\u00e1n"], ["Orb\u00e1n"]),
    "claudia-sheinbaum-pardo": (["Claudia Sheinbaum"], []),
    "matamela-cyril-ramaphosa": (["Cyril Ramaphosa"], []),
    "javier-gerardo-milei": (["Javier Milei"], []),
}

# Recent former heads of state or government that older news still names
# as leaders (not in the 2026 Factbook snapshot). Facts from the English
# Wikipedia lists of heads of state/government of each country:
# (name, iso3, surname alias or None when the surname is also a common
# given name or word, other aliases). role is left NULL: the text gives it.
FORMER_LEADERS = [
    ("Joe Biden", "USA", "Biden", ["Joseph Biden", "Joseph R. Biden"]),      # US President 2021-2025
    ("Barack Obama", "USA", "Obama", ["Barack H. Obama"]),                   # US President 2009-2017
    ("George W. Bush", "USA", None, ["George Bush"]),                        # US President 2001-2009
    ("Bill Clinton", "USA", None, []),                                       # US President 1993-2001
    ("Angela Merkel", "DEU", "Merkel", []),                                  # German Chancellor 2005-2021
    ("Olaf Scholz", "DEU", "Scholz", []),                                    # German Chancellor 2021-2025
    ("Justin Trudeau", "CAN", "Trudeau", []),                                # Canadian PM 2015-2025
    ("Stephen Harper", "CAN", None, []),                                     # Canadian PM 2006-2015
    ("Rishi Sunak", "GBR", "Sunak", []),                                     # UK PM 2022-2024
    ("Boris Johnson", "GBR", None, []),                                      # UK PM 2019-2022
    ("Theresa May", "GBR", None, []),                                        # UK PM 2016-2019
    ("David Cameron", "GBR", None, []),                                      # UK PM 2010-2016
    ("Gordon Brown", "GBR", None, []),                                       # UK PM 2007-2010
    ("Tony Blair", "GBR", None, []),                                         # UK PM 1997-2007
    ("Nicolas Sarkozy", "FRA", "Sarkozy", []),                               # French President 2007-2012
    ("Fran\u00e7ois Hollande", "FRA", "Hollande", ["Francois Hollande"]),   # French President 2012-2017
    ("Jair Bolsonaro", "BRA", "Bolsonaro", []),                              # Brazilian President 2019-2022
    ("Shinzo Abe", "JPN", None, []),                                         # Japanese PM 2012-2020
    ("Fumio Kishida", "JPN", "Kishida", []),                                 # Japanese PM 2021-2024
    ("Shigeru Ishiba", "JPN", "Ishiba", []),                                 # Japanese PM 2024-2025
    ("Yoon Suk Yeol", "KOR", None, ["Yoon Suk-yeol"]),                       # South Korean President 2022-2025
    ("Moon Jae-in", "KOR", None, []),                                        # South Korean President 2017-2022
    ("Dmitry Medvedev", "RUS", "Medvedev", []),                              # Russian President 2008-2012
    ("Hu Jintao", "CHN", None, []),                                          # Chinese President 2003-2013
    ("Hassan Rouhani", "IRN", "Rouhani", []),                                # Iranian President 2013-2021
    ("Ebrahim Raisi", "IRN", "Raisi", []),                                   # Iranian President 2021-2024
    ("Imran Khan", "PAK", None, []),                                         # Pakistani PM 2018-2022
    ("Mario Draghi", "ITA", "Draghi", []),                                   # Italian PM 2021-2022
    ("Andr\u00e9s Manuel L\u00f3pez Obrador", "MEX", None,
     ["Andres Manuel Lopez Obrador", "L\u00f3pez Obrador", "Lopez Obrador"]),  # Mexican President 2018-2024
    ("Scott Morrison", "AUS", None, []),                                     # Australian PM 2018-2022
    ("John Howard", "AUS", None, []),                                        # Australian PM 1996-2007
    ("Jacinda Ardern", "NZL", "Ardern", []),                                 # New Zealand PM 2017-2023
    ("Ashraf Ghani", "AFG", None, []),                                       # Afghan President 2014-2021
    ("Mahmoud Abbas", "PSE", None, []),                                      # Palestinian President 2005- (absent from the snapshot)
]

# For a person who leads several entities, the country to report.
PREFERRED_COUNTRY = ["GBR", "USA", "FRA", "NZL", "AUS"]

HOS_ROLES = {"chief_of_state", "head_of_government", "state_counsellor",
             "president_of_the_european_council",
             "president_of_the_european_commission"}

# C enum values (must match gazetteer.h)
TYPES = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}
KINDS = ["country", "city", "region", "io", "party", "group", "leader", "norp",
         "media", "govbody", "company", "division"]
# alias flags (must match gazetteer.h)
AF_EXACT = 1    # abbreviation: the text must match the alias' case exactly
AF_SURNAME = 2  # a leader's surname alone
AF_CAUTION = 4  # also a common word or given name: needs supporting context
AF_ROLE_PRIORITY = {}

# priority by kind: lower wins when two entries share a key
PRIORITY = {"govbody": 0, "media": 1, "country": 2, "io": 3, "norp": 4,
            "region": 5, "leader": 6, "city": 7, "group": 8, "company": 9,
            "party": 10, "division": 11}


def fold(s):
    """Accent-folded copy ("Élysée" -> "Elysee")."""
    return "".join(c for c in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(c))


def norm_key(s):
    """The tokenizer's join form, lower-cased: words joined by one space,
    punctuation kept where the source has no space around it."""
    s = s.replace("\u2019", "'")
    s = re.sub(r"\s+", " ", s.strip())
    return s.lower()


def c_str(s):
    if s is None:
        return "NULL"
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= o < 127:
            out.append(ch)
        else:
            for b in ch.encode("utf-8"):
                out.append("\\%03o" % b)
    out.append('"')
    return "".join(out)


def is_abbrev(alias):
    letters = [c for c in alias if c.isalpha()]
    ups = [c for c in letters if c.isupper()]
    return len(letters) >= 1 and len(ups) >= 2 and len(ups) * 2 > len(letters) or \
        bool(re.fullmatch(r"[A-Z]\d+|[A-Z]-\d+", alias))


class Gaz:
    def __init__(self):
        self.entries = []  # dicts
        self.aliases = {}  # key -> (priority, order, entry, flags, form)
        self.order = 0
        self.abbr_forms = {}  # (key, entry) -> abbreviation spelling

    def entry(self, name, typ, iso3, kind, role=None, hos=0, abbr=None,
              members=None):
        e = {"name": name, "type": typ, "iso3": iso3 or "", "kind": kind,
             "role": role, "hos": hos, "abbr": abbr, "members": members}
        self.entries.append(e)
        return len(self.entries) - 1

    def alias(self, form, idx, flags=0, prio=None):
        if not form:
            return
        form = form.strip()
        if len(form) < 2 or len(form) > 60:
            return
        kind = self.entries[idx]["kind"]
        if prio is None:
            prio = PRIORITY[kind]
        if is_abbrev(form):
            if form.lower() in WORD_ABBREVS:
                return  # "REAL", "STAR": matched in title case, so "Real Madrid"
            flags |= AF_EXACT
        elif form.lower() in CAUTION_NAMES:
            flags |= AF_CAUTION
        elif form.lower() in COMMON_WORDS:
            if kind in ("division", "party", "city"):
                return  # never a bare alias
            flags |= AF_CAUTION
        variants = {form, fold(form)}
        # tokenized news writes "People 's Republic": the possessive split off
        variants |= {re.sub(r"(\w)(['\u2019]s)\b", r"\1 \2", v) for v in variants}
        for f in sorted(variants):
            if f != form and not (flags & AF_EXACT) and f.lower() in COMMON_WORDS and \
                    kind in ("division", "party", "city"):
                continue  # "Malé" is the capital, "Male" a common word
            key = norm_key(f)
            if flags & AF_EXACT:
                self.abbr_forms.setdefault((key, idx), f)
            self.order += 1
            old = self.aliases.get(key)
            cand = (prio, self.order, idx, flags, f)
            if old is None or (prio, self.order) < (old[0], old[1]):
                # same key, different countries at equal priority: keep
                # the first but remember the ambiguity for NORP/parties
                self.aliases[key] = cand
            elif old[2] != idx and old[0] == prio and kind == "norp" and \
                    self.entries[old[2]]["kind"] == "norp":
                e_old = self.entries[old[2]]
                if e_old["iso3"] != self.entries[idx]["iso3"]:
                    e_old.setdefault("ambiguous_with", set()).add(self.entries[idx]["iso3"])


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap.add_argument("--src", default=os.path.join(root, "..", "shared", "data", "gazetteer-sources"))
    ap.add_argument("--iso", default="/usr/share/iso-codes/json/iso_3166-1.json")
    ap.add_argument("--out", default=os.path.join(root, "worker", "extract", "data", "gazetteer.c"))
    args = ap.parse_args()

    countries = json.load(open(os.path.join(args.src, "countries.json")))
    orgs = json.load(open(os.path.join(args.src, "organizations.json")))
    leaders = json.load(open(os.path.join(args.src, "leaders.json")))
    iso = json.load(open(args.iso))["3166-1"]
    iso3_ok = {c["alpha_3"] for c in iso} | {"XKX"}
    a2_to_a3 = {c["iso_alpha2"]: c["iso_alpha3"] for c in countries["countries"]}
    sovereign = {c["iso_alpha3"] for c in countries["countries"]
                 if c.get("kind") == "sovereign_state"}

    g = Gaz()
    # ---- curated
    for name, typ, iso3, kind, al in CURATED:
        i = g.entry(name, typ, iso3, kind)
        for a in al:
            g.alias(a, i)
    # ---- countries, capitals, cities, divisions, demonyms
    norp_idx = {}
    for c in countries["countries"]:
        iso3 = c["iso_alpha3"]
        assert iso3 in iso3_ok, iso3
        name = c["name"]
        i = g.entry(name, "GPE", iso3, "country")
        for a in [name] + (c.get("aliases") or []) + (c.get("former_names") or []):
            g.alias(a, i)
        for p in c.get("part_names") or []:
            j = g.entry(p, "GPE", iso3, "region")
            g.alias(p, j)
        dem = c.get("demonyms") or {}
        adjs = (dem.get("adjective") or []) + (dem.get("noun_singular") or [])
        if adjs:
            canon = adjs[0]
            amb = countries["_meta"]["ambiguous_terms"].get(canon)
            code = iso3
            if amb and len([x for x in amb if a2_to_a3.get(x) in sovereign]) != 1:
                code = ""
            if canon in norp_idx:
                j = norp_idx[canon]
            else:
                j = g.entry(canon, "NORP", code, "norp")
                norp_idx[canon] = j
            for a in adjs + (dem.get("noun_plural") or []):
                g.alias(a, j)
        for pa in dem.get("part_adjectives") or []:
            j = g.entry(pa, "NORP", iso3, "norp")
            g.alias(pa, j)
        caps = c.get("capitals") or []
        cap_aliases = c.get("capital_aliases") or []
        for k, cap in enumerate(caps):
            cname = cap["name"]
            if cname.startswith("Washington"):
                cname = "Washington"
            j = g.entry(cname, "GPE", iso3, "city")
            g.alias(cname, j)
            g.alias(cap["name"], j)
            for a in cap.get("alt_names") or []:
                g.alias(a, j)
            if k == 0:
                for a in cap_aliases:
                    g.alias(a, j, prio=PRIORITY["city"])
        if cap_aliases and caps:
            # "Washington" is the capital even though it is a common name
            for a in cap_aliases:
                key = norm_key(a)
                if key in g.aliases and g.aliases[key][2] != i:
                    pass
        capnames = {cap["name"] for cap in caps}
        for u in c.get("major_urban_areas") or []:
            if u["name"] in capnames:
                continue
            # "Los Angeles-Long Beach-Santa Ana", "Southampton/Portsmouth":
            # one city per part
            parts = [x.strip() for x in re.split(r"[-/]", u["name"])]
            if len(parts) > 1 and all(len(x) >= 4 and x[0].isupper() for x in parts):
                names = parts
            else:
                names = [u["name"]]
            for nm in names:
                if nm in capnames or nm.lower() in COMMON_WORDS:
                    continue
                j = g.entry(nm, "GPE", iso3, "city")
                g.alias(nm, j)
                for a in u.get("alt_names") or []:
                    g.alias(a, j)
        divs = c.get("administrative_divisions") or []
        if len(divs) > 60 or c.get("kind") != "sovereign_state":
            divs = []  # municipalities/councils, not news places
        for d in divs:
            nm = d["name"]
            if len(nm) < 4 or nm.lower() in COMMON_WORDS:
                continue
            j = g.entry(nm, "GPE", iso3, "division")
            g.alias(nm, j)
            for a in (d.get("alt_names") or [])[:1]:
                if a.lower() not in COMMON_WORDS and " " not in a:
                    g.alias(a, j)
    for name, al in CURATED_NORP:
        j = g.entry(name, "NORP", "", "norp")
        for a in al:
            g.alias(a, j)
    # ---- organizations
    abbr_count = {}
    for o in orgs["organizations"]:
        if o["type"] == "political_party":
            for a in o.get("abbreviations") or []:
                abbr_count[a] = abbr_count.get(a, 0) + 1
    for o in orgs["organizations"]:
        t = o["type"]
        if t == "international_organization":
            abbr = o.get("abbreviation")
            name = o["name"]
            if o.get("category") == "group" and abbr and re.fullmatch(r"G-\d+", abbr):
                name = abbr.replace("-", "")
            elif o.get("category") == "group" and abbr and abbr.isupper() and name.upper() == abbr:
                name = abbr
            nice_abbr = abbr.replace("-", "") if abbr and re.fullmatch(r"G-\d+", abbr) else abbr
            members = " ".join(m for m in (o.get("members") or []) if m in iso3_ok or m == "EU")
            if o.get("category") not in ("group", "regional", "security", "economic", "un"):
                members = ""  # summits need the political groupings only
            i = g.entry(name, "ORG", "", "io", abbr=nice_abbr, members=members or None)
            for a in [o["name"]] + (o.get("aliases") or []) + ([abbr] if abbr else []):
                g.alias(a, i)
        elif t == "terrorist_group":
            al = o.get("aliases") or [o["name"]]
            name = o["name"]
            iso3 = ""
            lc = o.get("listed_in_country_profiles") or []
            if len(lc) == 1:
                iso3 = lc[0]
            i = g.entry(name, "ORG", iso3, "group")
            for a in al:
                if len(a) >= 3:
                    g.alias(a, i)
        elif t == "political_party":
            iso3 = o.get("country_iso3") or ""
            if iso3 not in sovereign:
                continue
            i = g.entry(o["name"], "ORG", iso3, "party")
            for a in [o["name"]] + [x for x in (o.get("aliases") or []) if x.isascii()][:1]:
                if " " not in a.strip() and (len(a) < 5 or a.lower() in COMMON_WORDS):
                    continue
                if not a[:1].isupper():
                    continue
                g.alias(a, i)
            for a in o.get("abbreviations") or []:
                if len(a) >= 3 and abbr_count.get(a) == 1 and a.isalpha() and a.isupper():
                    g.alias(a, i)
    # ---- leaders
    by_person = {}
    for l in leaders["leaders"]:
        if not l.get("name") or l.get("vacant"):
            continue
        by_person.setdefault(l.get("person_key") or l["name"], []).append(l)
    surname_count = {}
    for recs in by_person.values():
        s = recs[0].get("surname")
        if s:
            surname_count[s] = surname_count.get(s, 0) + 1
    for key in sorted(by_person):
        recs = by_person[key]

        def rank(l):
            iso3 = l.get("country_iso3") or ""
            return (0 if l["role"] in HOS_ROLES else 1,
                    PREFERRED_COUNTRY.index(iso3) if iso3 in PREFERRED_COUNTRY else 9,
                    0 if iso3 in sovereign else 1)
        recs.sort(key=rank)
        l = recs[0]
        iso3 = l.get("country_iso3") or ""
        if iso3 and iso3 not in iso3_ok:
            iso3 = ""
        full = l["name"]
        sur = l.get("surname") or ""
        toks = full.split()
        news = full
        if sur and len(toks) >= 3 and toks[-1] == sur and " " not in sur:
            news = toks[0] + " " + sur  # "Vladimir Vladimirovich Putin" -> "Vladimir Putin"
        news = news.replace(" J. ", " ")
        title = l.get("title")
        if title:
            title = re.sub(r"\s*\(.*\)", "", title)
            for t in ("Sir", "Gen.", "Col.", "Capt.", "Ratu", "General", "Archbishop", "Air Vice-Marshal"):
                if title.endswith(" " + t):
                    title = title[: -len(t) - 1]
        hos = 1 if l["role"] in HOS_ROLES else 0
        i = g.entry(news, "PERSON", iso3, "leader", role=title or None, hos=hos)
        for a in {full, news} | set(l.get("alt_spellings") or []):
            g.alias(a, i)
        if sur and surname_count.get(sur) == 1 and len(sur) >= 2 and sur.lower() not in COMMON_WORDS:
            g.alias(sur, i, flags=AF_SURNAME)
        fulls, surs = LEADER_ALIASES.get(key, ([], []))
        for a in fulls:
            g.alias(a, i)
        for a in surs:
            g.alias(a, i, flags=AF_SURNAME)
    # ---- former leaders: after the current ones, so that nx_gaz_leader()
    # finds the current holder first; no role (the text gives it)
    current = {norm_key(k) for k in g.aliases}
    for name, iso3, sur, al in FORMER_LEADERS:
        if norm_key(name) in current:
            continue  # in the snapshot after all
        i = g.entry(name, "PERSON", iso3, "leader", role=None, hos=1)
        for a in [name] + al:
            g.alias(a, i)
        if sur and norm_key(sur) not in g.aliases:
            g.alias(sur, i, flags=AF_SURNAME)
    write_c(g, args, countries, orgs, leaders)


def write_c(g, args, countries, orgs, leaders):
    meta = countries["_meta"]
    used = sorted({a[2] for a in g.aliases.values()})
    remap = {old: new for new, old in enumerate(used)}
    lines = []
    w = lines.append
    w("/*")
    w(" * gazetteer.c - GENERATED by tools/gen_gazetteer.py; do not edit by hand.")
    w(" *")
    w(" * The compiled-in gazetteer of the actors extractor: %d entries, %d aliases." % (len(used), len(g.aliases)))
    w(" * Sources: CIA World Factbook via factbook.json, data commit %s (%s)," % (
        meta.get("factbook_data_commit", "?")[:12], meta.get("factbook_data_date", "?")))
    w(" *   public domain; Debian iso-codes %s (LGPL-2.1+); curated lists in the script." % meta.get("iso_codes_version", "?"))
    w(" *   Leaders as of %s. See ../shared/data/gazetteer-sources/PROVENANCE.md." % meta.get("factbook_data_date", "?"))
    w(" * Rebuild: python3 tools/gen_gazetteer.py")
    w(" */")
    w('#include "../gazetteer.h"')
    w("")
    w("const nx_gaz_entry_t nx_gaz_entries[] = {")
    for old in used:
        e = g.entries[old]
        iso3 = e["iso3"]
        if e.get("ambiguous_with"):
            iso3 = ""
        w("\t{%s, %s, \"%s\", %d, %d, %d, %s, %s}," % (
            c_str(e["name"]), c_str(e["abbr"]), iso3, TYPES[e["type"]],
            KINDS.index(e["kind"]), e["hos"], c_str(e["role"]), c_str(e["members"])))
    w("};")
    w("const size_t nx_gaz_n_entries = sizeof(nx_gaz_entries) / sizeof(nx_gaz_entries[0]);")
    w("")
    w("const nx_gaz_alias_t nx_gaz_aliases[] = {")
    for key in sorted(g.aliases):
        prio, _, idx, flags, form = g.aliases[key]
        if (key, idx) in g.abbr_forms:  # "Nato" and "NATO": keep the case rule
            flags |= AF_EXACT
            form = g.abbr_forms[(key, idx)]
        w("\t{%s, %s, %d, %d}," % (c_str(key), c_str(form) if flags & 1 else "NULL", remap[idx], flags))
    w("};")
    w("const size_t nx_gaz_n_aliases = sizeof(nx_gaz_aliases) / sizeof(nx_gaz_aliases[0]);")
    w("")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write("\n".join(lines))
    print("wrote %s: %d entries, %d aliases, %d bytes" % (
        args.out, len(used), len(g.aliases), os.path.getsize(args.out)), file=sys.stderr)


if __name__ == "__main__":
    main()
