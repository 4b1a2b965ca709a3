"""The pipeline's lexicon: the word lists every component reads, and the name helpers.

The lists name what a reader of political analyses recognises in passing: the roles people hold
("a senior fellow at …", "director of …"), how a bio presents its subject, the words that introduce
what someone said, the nouns that say what kind of thing a name is ("a dry port", "the think tank").
Each vocabulary is written once, here; a component builds its patterns from it (`alternatives`),
and where two components need different lists, one is built from the other or from a shared base,
with the difference said. The patterns of a personal name's words live here too. Name keys fold the
ways one name is written (case, accents, apostrophes, Russian transliteration) so that variants meet.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

import spacy
from spacy.tokenizer import Tokenizer

from eurasia_kg.names import fold

# The roles of people who write analyses, as bylines and bios state them: "a senior fellow at …".
WRITER_ROLES = frozenset(
    """researcher fellow scholar analyst professor lecturer editor journalist correspondent reporter
    columnist writer author expert economist historian adviser advisor consultant specialist scientist""".split()
)
# Roles a person holds in an organisation. Those in HEAD_ROLES make the person its head.
ROLE_NOUNS = WRITER_ROLES | frozenset(
    """associate director head chair chairman chairwoman president co-editor member officer official
    diplomat ambassador spokesperson spokesman spokeswoman representative manager executive founder
    co-founder ceo dean rector deputy secretary coordinator strategist sinologist student minister premier
    leader chief commander governor mayor envoy counselor counsellor negotiator commentator think-tanker
    partner principal investigator director-general secretary-general vice-president co-head co-director
    co-chair academic staffer instructor""".split()
)
HEAD_ROLES = frozenset(
    """director director-general president chairman chairwoman chair head chief ceo secretary-general
    leader rector premier chancellor""".split()
)
# How a bio presents its subject's post: "X is a senior fellow at …", "X has served as deputy director
# of …" (claims, speakers: the post follows the verb).
BIO_VERBS = ("is", "was", "has been", "has served as", "serves as", "served as", "works as", "worked as", "leads",
             "heads", "chairs")
# How a closing bio goes on after the names of its one or more subjects (metadata): "X and Y are …",
# "X currently …", "X joined …", or has/have and one of BIO_PARTICIPLES ("X has taught at …").
BIO_PREDICATES = ("is", "are", "was", "were", "serves", "serve", "works", "work", "holds", "teaches", "leads", "heads",
                  "directs", "joined", "specializes", "specialises", "writes", "covers", "currently")
BIO_PARTICIPLES = ("served", "been", "worked", "held", "taught", "lived", "spent", "written", "published", "covered",
                   "studied", "advised", "led", "reported", "researched")
# Besides the writers' roles, what a writer's bio says of them: "a contributor to …", "a doctoral
# candidate", "PhD".
WRITER_BIO_WORDS = frozenset({"contributor", "doctoral", "phd", "ph.d"})
# The words by which a bio says what its subject does (metadata): the writers' words, other posts of
# academic and public life, and the words of study and work ("teaches at", "faculty", "programme").
BIO_WORDS = WRITER_ROLES | WRITER_BIO_WORDS | frozenset(
    """associate director head chair co-editor diplomat ambassador officer founder co-founder president dean
    manager coordinator student candidate graduate research teaches faculty programme program analysis
    advisory consultancy""".split()
)
# Words that open a clause or a sentence, capitalised there, and so never the first word of a name
# that opens one: "After X was ousted as president …" presents no one (claims: a bio's subject).
CLAUSE_OPENERS = ("After", "Before", "When", "Since", "In", "On", "At", "As", "While", "Although", "Though", "Despite",
                  "Following", "Until", "Once", "If", "Because", "The", "This", "That")
# Honorifics written before a personal name, with or without a full stop: "Dr. X", "Prof X".
HONORIFICS = ("Professor", "Prof", "Dr", "Ambassador", "Mr", "Mrs", "Ms", "Sir", "General", "Colonel", "Admiral")
# Titles and offices written before a name ("President Tokayev", "Foreign Minister Wang Yi"), in
# lower case: the honorifics, abbreviations with their full stop, and offices.
TITLES = frozenset(honorific.lower() for honorific in HONORIFICS) | frozenset(
    """dr. prof. mr. mrs. ms. gen. president presidents premier prime minister chancellor chairman chairwoman
    secretary secretary-general senator governor mayor king queen emperor marshal deputy vice chief director
    lord lady madame foreign defence defense commissioner spokesperson comrade leader counterpart""".split()
)
# A capitalised word of a personal name, or an initial, for the `re` module: "Kerimova", "Jean-Luc",
# "O’Brien", "J." (speakers: the names of who speaks).
NAME_WORD = r"(?:[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)*|[A-Z]\.)"
# The same for the `regex` module, as bylines and bios write names: in any script and in capitals
# ("JIANG"), never a possessive ("Xi’s") or "AND"; initials may be joined ("J.-P.") (metadata).
NAME_WORD_ANY_SCRIPT = r"(?!AND\b)(?=\p{Lu}[’'\-]?\p{L})\p{Lu}\p{L}*(?:[’'\-]\p{L}+)*(?<![’']s)(?!\p{L})"
NAME_INITIAL_ANY_SCRIPT = r"\p{Lu}\.(?:-?\p{Lu}\.)?"
# Lower-case words inside a personal name: "Ursula von der Leyen", "Osama bin Laden" (metadata).
NAME_PARTICLES = ("de", "da", "di", "du", "dos", "das", "del", "della", "van", "von", "der", "den", "ter", "bin", "ibn",
                  "al", "el", "la", "le", "y")
# Offices of a head of state or government: "Russian President X", "the Kazakh president said".
STATE_HEAD_TITLES = ("president", "premier", "prime minister", "chancellor", "leader", "king", "emperor",
                     "head of state")
# Nouns of a military exercise: "the Zapad 2021 exercises", "the joint drills in Tajikistan".
EXERCISE_NOUNS = ("exercise", "exercises", "drill", "drills", "war games", "manoeuvres", "maneuvers")
# Nouns for a group acting for its state: "Chinese troops took part", "Chinese and Russian leaders".
GROUP_NOUNS = frozenset(
    """troops forces soldiers servicemen units military army armies navy navies leaders leadership
    government governments officials authorities companies firms banks investors side sides
    presidents diplomats negotiators delegation warships ships aircraft bombers jets loans credits lenders funds
    money financing contractors engineers builders workers""".split()
)
# The months, in their order, and the days of the week.
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Words that are capitalised only because they open a sentence or are months and days.
CALENDAR = frozenset(MONTHS + WEEKDAYS)
# Surnames written first in Chinese names, so that "Feng" refers back to "Feng Shuai".
CHINESE_SURNAMES = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang
    xie song tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai wen xi hao shi ye wei
    du su lu lü ding ren shen yao lu jin qian qin fu fan fang kong bai cui mao qiu meng yan dai
    wan gu hou shao long duan lei qiao tan yin li pang zou xiong jia kang tao qi mo hong chu""".split()
)


def alternatives(words: Iterable[str], space: str = " ") -> str:
    r"""A regex alternation of the words, longest first so that "prime minister" wins over "prime";
    `space` is the pattern of a space between two words of a phrase (r"\s" for any white space).

    >>> print(alternatives(["is", "has been"], space=r"\s"))
    has\sbeen|is
    """
    escaped = (re.escape(word).replace(r"\ ", space) for word in words)
    return "|".join(sorted(escaped, key=lambda word: (-len(word), word)))  # the same pattern in every run


@lru_cache(maxsize=1)
def tokenizer() -> Tokenizer:
    """spaCy's rule-based English tokenizer (no model needed)."""
    return spacy.blank("en").tokenizer


_TRANSLITERATION = (("kh", "h"), ("ks", "x"), ("zh", "j"), ("tch", "ch"), ("yu", "u"), ("iu", "u"),
                    ("ya", "a"), ("ia", "a"), ("ye", "e"))


def transliteration_key(name: str) -> str | None:
    """A key shared by the romanisations of one name ("Dmitri"/"Dmitrii"/"Dmitry Trenin").

    Consonant skeletons of each word; None when a word is too short for its skeleton to be telling
    (Chinese syllables such as "Hu" or "Yi"), so that only exact spellings match those.
    """
    words = []
    for word in fold(name).split():
        for plain, spelt in _TRANSLITERATION:
            word = word.replace(plain, spelt)
        skeleton = word[0] + re.sub(r"[aeiouyh]", "", word[1:])
        skeleton = re.sub(r"(.)\1+", r"\1", skeleton)
        if len(skeleton) < 3:
            return None
        words.append(skeleton)
    return " ".join(words) or None


def short_name(name: str) -> str:
    """How a text refers back to a person: the surname, which Chinese names put first."""
    words = name.split()
    first = words[0]
    if len(words) == 2 and (first.isupper() and len(first) > 1 or first.lower() in CHINESE_SURNAMES):
        return first.capitalize() if first.isupper() else first
    return words[-1]

# Plural nouns that make a bare number a count worth recording (pipeline/numbers.py): people under
# arms and other people, hardware, installations, states, deals and documents, drills.
COUNT_NOUNS = tuple(
    """troops soldiers servicemen servicewomen personnel sailors officers peacekeepers militants fighters
    people residents inhabitants citizens migrants workers students tourists visitors fans spectators
    refugees employees jobs delegates aircraft planes jets bombers helicopters ships warships vessels
    submarines tanks missiles warheads drones bases plots reactors units members countries states nations
    companies firms enterprises banks projects agreements deals contracts documents exercises drills
    wagons railcars trucks lorries containers TEU TEUs flights""".split()
)
# Nouns of deals and plans: a number of years is the term of one of these (pipeline/numbers.py).
DEAL_NOUNS = tuple("contract deal agreement lease loan concession tender treaty plan programme program".split())

# Given names common in the region's and its commentators' prose (English, Russian, Ukrainian,
# Central Asian, Caucasian, European): "Nikol Pashinyan", "Bonny Lin" are people by their first word.
GIVEN_NAMES = frozenset(
    """aaron abdel abdulaziz abdullah abdulla abror adam adil adrian ahmad ahmed ainura aizhan akylbek
    alan albert aleksandr aleksandra aleksei aleksey alexander alexandra alexei alexey ali alibek alikhan
    alina alisher alexandre almaz almazbek amanda amir amy ana anastasia anatoly anatoli andrea andreas andrei
    andrew andrey andriy angela ann anna anne anthony anton antonio anvar arkady arkadiy arman armen arsen
    artem artur arthur askar aslan azamat aziz baurzhan bakhtiyar bakyt bakytzhan barack bashar ben benjamin
    bernard bill bobby bonny boris brian bruce carl carlos caroline catherine charles charlotte chris
    christian christina christopher claire colin craig dan daniel daniyar danil daniil dariga david dennis
    denis dimitri dina dmitri dmitrii dmitriy dmitry donald douglas ed edward egor elena eleanor elizabeth
    elvira emily emma emmanuel emomali eric erik erlan ernest eugene evgeny evgeniy farhod farid fedor
    felix fiona frank fyodor galina gary gavril gennady gennadiy george georgy gerhard gleb gordon grace
    gregory grigory gulnara gulshan gurbanguly hamid hannah hans harry hassan heather helen henry hugh
    ibrahim igor ilham ilya irakli irina isabel ivan jack jacob jake james jan jane janet jason javad jean
    jeanne jeffrey jennifer jeremy jessica jim joanna joe johannes john jonathan jordan joseph josep joshua
    julia julian julie justin kairat kamila karen karim kassym katherine kathleen kathryn kevin kim kirill
    konstantin kurmanbek laura lauren leonid lev linda lisa liz lucy luis lyudmila madina mahmoud maksim
    marat margaret maria marina mark marlene martin mary matthew maxim michael michel mikhail
    mohammad mohammed muhammad murat nadezhda narendra natalia natalya nathan nicholas nick nicolas nicolás
    nikita nikol nikolai nikolay nina nursultan oleg olga olivia omar oscar otabek pablo patrick paul
    pavel peter petr philip philippe pierre rachel rafael ramzan ravshan rebecca recep richard rob robert
    roman ronald rustam ruslan ryan sadyr saida samantha samuel sarah scott sebastian serdar serik sergei
    sergey sergio shavkat shirin simon sophia sophie stanislav stefan stefano stephen steve steven susan
    svetlana taras thomas tim timothy timur tobias tom tony ulugbek valentina valery valeri valentin
    vasily vera victor victoria viktor viktoria vitaly vladimir vladislav volodymyr wendy william yana yerlan
    yevgeny yulia yuri yury zhanna zoe tigran vahram aram ashot levon serzh nikolai giorgi mikheil zurab eduard
    heydar mehriban salome""".split()
)
# Verbs that report what someone said, in the forms that follow one named speaker ("X said", "X
# argues"): the base of REPORTING_SPEECH (claims) and of PERSON_REPORTING_VERBS (discovery).
SPEECH_BASE = frozenset(
    """said says say notes noted argued argues wrote writes told explained explains warned warns added adds
    contended contends observed observes asserted asserts predicted predicts claims claimed insisted insists
    concluded concludes emphasized emphasised emphasizes emphasises stressed stresses acknowledged
    acknowledges maintained maintains commented remarked cautioned cautions countered posited announced
    declared declares""".split()
)
# Verbs of thought and advice in the forms that follow one named holder ("X believes", "X urged"):
# the base of REPORTING_THOUGHT (claims) and part of PERSON_REPORTING_VERBS (discovery).
VIEW_BASE = frozenset(
    """believes believed suggested suggests expects expected reminds reminded thinks thought proposed
    recommended urged urges estimated estimates described describes""".split()
)
# Verbs that report what someone said (claims: speakers.find_frame). Anyone, a state or an
# organisation too, can be said to do these: "Beijing argued", "the ministry warned". Beside the base:
# the bare forms ("they argue"), and acts of speech that states and bodies do as often as people
# ("reaffirmed", "condemned", "rejected").
REPORTING_SPEECH = SPEECH_BASE | frozenset(
    """argue stated states insist warn maintain contend assert note observe add stress emphasise emphasize
    explain counters acknowledge conceded concedes concede conclude posits posit predict write remarks
    admitted admits complained complains denied denies accused accuses criticised criticized criticises
    criticizes announces reaffirmed reaffirms reiterated reiterates underscored underscores underlined
    underlines highlighted highlights commended commends condemned condemns praised praises recognised
    recognized recognises recognizes pledged pledges vowed vows promised promises affirmed affirms confirmed
    confirms questioned questions rejected rejects opposed opposes discouraged discourages blamed blames
    called calls responded responds replied replies answered comments charged charges charge assured assures
    reassured reassures reassuring assuring""".split()
)
# Verbs of praise and blame that pass a verdict on their object alone: "X hailed the talks".
REPORTING_VERDICT = frozenset(
    """hailed hails lauded lauds touted touts tout slammed slams decried decries lamented laments applauded
    applauds""".split()
)
# Verbs of praise and blame that report a view only with what follows them: "X hailed the talks,
# saying …", "X touted the corridor as …", "X welcomed the decision, calling it …".
REPORTING_EVALUATION = REPORTING_VERDICT | frozenset(
    """welcomed welcomes defended defends portrayed portrays portray painted paints branded brands dubbed
    dubs framed frames cast casts championed champions""".split()
)
# Verbs a writer puts before their speaker: "…," said X; "…," argues the ministry.
REPORTING_INVERTED = frozenset(
    """says said writes wrote argues argued notes noted adds added explains explained warns warned insists
    insisted believes comments commented continues continued concludes concluded observes observed
    cautions cautioned predicts predicted reports reported claims claimed told tells asks asked""".split()
)
# Verbs of thought, intention and advice: people (named, unnamed or the writer) hold views this way.
REPORTING_THOUGHT = VIEW_BASE | frozenset(
    """suggest believe think expect agreed agree agrees fears fear feared worries worry worried doubts doubt
    doubted estimate forecast forecasts recommends recommend urge proposes propose hopes hope hoped views view
    viewed sees see saw considers consider considered regards regard regarded describe interprets interpret
    interpreted hails hail hailed characterises characterizes characterise characterize characterised
    characterized dismisses dismiss dismissed plans plan planned intends intend intended decided decides
    resolved""".split()
)
# A name before one of these verbs is a person's (discovery: "X said", "Feng Shuai (封帅) argued"): the
# bases of speech and of thought, and verbs of recollection and telling. Not the rest of REPORTING_SPEECH,
# whose words include plural nouns ("Central Asian states", "calls", "questions") and the acts of
# states and bodies ("condemned", "rejected").
PERSON_REPORTING_VERBS = SPEECH_BASE | VIEW_BASE | frozenset({"recalled", "recalls", "tells"})
# Phrases that report: "pointed out", "expressed concern about", "voiced their concerns".
REPORTING_PHRASES = (
    r"pointed\sout|points\sout|point\sout|raised\sconcerns?|expressed\s(?:(?:their|his|her|its|particular|"
    r"deep|serious|grave)\s)?(?:concerns?|doubts?|hopes?|support|confidence|regret)|voiced\s(?:(?:their|his|her|"
    r"its)\s)?(?:concerns?|doubts?|support|opposition)|put\sit|reminds\sus|took\sstock|"
    # "X was quoted by Y as saying", "X went on to say"
    r"(?:is|was|were|has\sbeen|had\sbeen)\s(?:\w+\s)?(?:quoted|cited|reported)\s(?:by\s[^,;]{1,60}?\s)?as\s(?:saying|"
    r"telling|stating|arguing|warning|describing|calling)|went\son\sto\s(?:say|add|argue|warn|note|predict|claim)|"
    # "remain confident that", "are convinced that": a view held
    r"(?:remains?|remained|is|are|was|were|seems?|seemed|appears?|appeared)\s(?:\w+\s)?(?:confident|convinced|optimistic|"
    r"pessimistic|sceptical|skeptical|doubtful|hopeful|adamant)(?=\s(?:that|about)\b)"
)

# More plural nouns of people a number may count (pipeline/numbers.py adds them to COUNT_NOUNS):
# who they are by origin, trade, status or fate ("6,000 nationals", "100 foreign engineers").
PEOPLE_NOUNS = tuple(
    """nationals expatriates expats emigrants immigrants settlers pilgrims Uyghurs Uighurs Kazakhs Uzbeks Tajiks
    Turkmens Russians Ukrainians Afghans Pakistanis Americans Europeans
    engineers experts specialists technicians scientists researchers doctors nurses teachers labourers laborers
    farmers miners builders traders merchants investors contractors advisers advisors instructors
    consultants managers executives staff staffers diplomats journalists reporters bloggers activists
    protesters protestors demonstrators dissidents detainees prisoners inmates convicts suspects victims
    casualties deaths dead wounded injured civilians children women men adults individuals persons
    volunteers mercenaries conscripts reservists recruits guards police policemen commanders generals
    participants attendees passengers pensioners voters households families patients pupils graduates
    scholars analysts economists lawyers judges officials deputies lawmakers legislators senators ministers
    operatives spies agents terrorists extremists jihadists insurgents rebels""".split()
)
# More plural nouns of things a number may count ("100 specific actions", "40 new plants").
THING_NOUNS = tuple(
    """actions measures steps items articles provisions clauses proposals initiatives objectives
    goals targets tasks priorities recommendations sanctions restrictions programmes programs schemes
    facilities plants factories mines ports stations airports airfields terminals pipelines railways
    roads highways bridges tunnels dams warehouses hubs villages cities towns settlements regions
    provinces districts sites schools universities hospitals institutes centres centers offices
    embassies consulates branches subsidiaries ventures joint-ventures startups vehicles cars buses
    locomotives satellites rockets weapons guns artillery launchers systems platforms batteries
    vessels tankers carriers frigates destroyers corvettes fighters routes corridors lines licences
    licenses permits visas patents loans grants scholarships cases lawsuits votes seats languages
    economies parties signatories partners""".split()
)
