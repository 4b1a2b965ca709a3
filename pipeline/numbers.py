"""The grammar of amounts: a number written in digits, its scale word and its unit, read as a value
in one of the ontology's unit codes (ekg:unit).

"$400 billion" is 400000000000 USD, "36 bcm/year" is 36000000000 m3/year, "a 4,200-kilometer border"
is 4200 km, "20 million km2" is 20000000 km2; a length in miles stays in miles as written ("eight miles
of track" is 8 miles), a term in the stretch the text counts ("a 20-day trial" is 20 days). The forms are rules of pipeline/rules/quantities.toml,
compiled here, and every amount names the rule that read it. A number spelled out counts before a
scale word ("forty billion dollars"), before what it counts ("six post-Soviet states", "two more
reactors") unless a determiner points back ("the two countries", though "the five permanent members"
is a membership), and in a term ("a five-year plan"); a plural of people or things beyond the core
count nouns ("6,000 nationals", "100 foreign engineers", "100 specific actions") is counted only as a
figure (digits, a tens word, a scale word), never a small number told in words ("three specialists").
A range gives both its ends, the first taking the scale and unit of the second ("10–15 percent",
"between $5 and $7 billion"); a fraction is a share ("a third of", "half of which", "rose by nearly a
quarter"); a bare "31 billion" after an amount of the sentence is read in that amount's unit. Years
and numbers without a unit are not amounts; whether an amount is a quantity of something is for the
caller to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

import regex

from .patterns import COUNT_NOUNS, DEAL_NOUNS, PEOPLE_NOUNS, THING_NOUNS, alternatives
from .rules import RuleSpec, rule_table

_UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
         "seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUES = {**{w: i + 1 for i, w in enumerate(_UNITS)}, **{w: 20 + 10 * i for i, w in enumerate(_TENS)}}
_SPELLED_ANY = rf"(?i:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS[:9])}))?|{'|'.join(_UNITS)})"
_SCALE_AHEAD = r"(?=[\s-](?i:trillion|billion|million|thousand)\b)"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# "half a million tonnes": half of the scale word that follows.
_HALF = r"(?i:half\s+a)(?=\s(?i:trillion|billion|million)\b)"
# "a million people", "a billion dollars": one of the scale word that follows.
_ONE_SCALE = r"(?<![\w-])(?<!\b(?i:of)\s)(?i:a)(?=\s(?i:trillion|billion|million|thousand)\b)"
# A number may follow a currency code written against it: "Rmb10bn", "USD5m".
_NUMBER_START = r"(?:(?<![\w.,/-])|(?<=\b(?i:rmb|usd|eur|cny|rub)))"
_NUMBER = rf"{_NUMBER_START}(?P<number>{_DIGITS}|{_SPELLED_ANY}{_SCALE_AHEAD}|{_HALF}|{_ONE_SCALE})"
# A count may be spelled out ("six post-Soviet states"), but not "one", and not after a word that
# makes it point back to things already named ("the two countries", "its three members").
_POINTING = r"(?<!\b(?i:the|these|those|its|their|our|his|her|both|all|each|every|as)\s)"
_RANKED = r"(?<!\b(?i:top|first|last|past|bottom)\s)"  # "the top 10 countries" is a ranking
_NOT_ONE = r"(?!(?i:one)\b(?![\s-](?i:trillion|billion|million|thousand)\b))"  # "one" only before a scale word
_COUNTED = rf"(?<![\w.,/-]){_RANKED}(?<!\b(?i:one|1)\s(?i:in|out\sof)\s)(?P<number>{_DIGITS}|{_POINTING}{_NOT_ONE}{_SPELLED_ANY}(?!\w)|{_ONE_SCALE})"
_SCALES = {
    "thousand": 10**3, "k": 10**3,
    "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "bln": 10**9, "b": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12, "trln": 10**12,
}
_SCALE_WORD = (r"(?:[\s-]?(?P<scale>trillion|billion|million|thousand|bn|bln|mn|mln|trn|trln)\b"
               r"|(?<=\d)(?P<short>[mk])(?=\s|-strong\b|[.,;:)](?!\d)|$))")
_MONEY_SCALE = r"(?:[\s-]?(?P<scale>trillion|billion|million|thousand|trn|trln|tn|bn|bln|mn|mln)\b|(?P<short>[mbk])\b)"
# An abbreviation in brackets after a unit: "billion cubic metres (bcm) of gas a year".
_ABBREVIATION = r"(?:\s\((?:bcm|bcm/y|bcma|tcm|m3|m³|mt|Mt|mtpa|MTPA|km|b/d|bpd|bbl/d|t)\))?"
_PER_YEAR = rf"(?:{_ABBREVIATION}(?:\s*/\s*(?:year|yr|y|a)\b|(?:\s+of(?:\s+[a-z][\w-]*){{1,3}}?)?\s+(?:a|per|each|every)\s+(?:year|annum)\b|\s+annually\b|\s+yearly\b))"
_PER_DAY = rf"(?:{_ABBREVIATION}(?:\s*/\s*d(?:ay)?\b|(?:\s+of(?:\s+[a-z][\w-]*){{1,2}}?)?\s+(?:a|per|each)\s+day\b))"
_NOT_DAILY = rf"(?!{_PER_DAY})"
_SIGN = r"(?P<sign>US\s?\$|USD\s?|\$|€|EUR\s?|¥|RMB\s?|CNY\s?|₽|RUB\s?)(?:(?<=[$€¥₽])\s)?"
_ABOUT = (r"(?:(?:about|some|around|roughly|nearly|almost|approximately|over|more\sthan|less\sthan|up\sto|"
          r"at\sleast|an\sestimated)\s)?")
_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "¥": "CNY", "rmb": "CNY",
                   "cny": "CNY", "₽": "RUB", "rub": "RUB"}
_CURRENCY_WORDS = {"dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD", "usd": "USD", "euros": "EUR",
                   "euro": "EUR", "eur": "EUR", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
                   "roubles": "RUB", "rubles": "RUB", "rub": "RUB"}
# A price per physical unit keeps its own unit code: "$1.50 per barrel" is 1.5 USD/bbl.
_PRICE_UNITS = {"barrel": "bbl", "bbl": "bbl", "1,000 cubic metres": "1000m3", "1,000 cubic meters": "1000m3",
                "1000 cubic metres": "1000m3", "1000 cubic meters": "1000m3", "thousand cubic metres": "1000m3",
                "thousand cubic meters": "1000m3", "tcm": "1000m3"}
# What a figure may count besides COUNT_NOUNS: more plurals of people and things, and any plural of a
# trade or calling ("specialists", "technicians", "volunteers"), longest first.
_MORE_NOUNS = alternatives(set(PEOPLE_NOUNS + THING_NOUNS) - set(COUNT_NOUNS)) + \
    r"|[a-z]+(?:ists|icians|eers)(?<!careers)"
# A figure, not a small number told in words ("three specialists" is narration, "300 specialists" a figure).
_FIGURE = (rf"(?<![\w.,/-]){_RANKED}(?<!\b(?i:one|1)\s(?i:in|out\sof)\s)(?P<number>{_DIGITS}|(?i:{'|'.join(_TENS)})(?:[- ](?i:{'|'.join(_UNITS[:9])}))?(?!\w)"
           rf"|{_SPELLED_ANY}{_SCALE_AHEAD}|{_ONE_SCALE})")
# A number in digits or in words, whatever stands before it ("the five permanent members", "eight miles").
_SPELLED = rf"(?<![\w.,/-])(?P<number>{_DIGITS}|(?!(?i:one)\b){_SPELLED_ANY}(?!\w))"
# A stretch of time a number of which may be a term: years, months, weeks, days.
_SPAN = r"(?P<span>years?|months?|weeks?|days?|decades?)"
_SPANS = {"year": "years", "decade": "years", "month": "months", "week": "weeks", "day": "days"}
_SQUARE_MILE_IN_KM2 = Decimal("2.589988")

# The pieces a rule's pattern names as {LIKE_THIS} (pipeline/rules/quantities.toml says what each is).
_PIECES = {
    "NUMBER": _NUMBER, "COUNTED": _COUNTED, "SCALE": _SCALE_WORD, "MONEY_SCALE": _MONEY_SCALE, "SIGN": _SIGN,
    "PER_YEAR": _PER_YEAR, "PER_DAY": _PER_DAY, "ABOUT": _ABOUT, "NOT_DAILY": _NOT_DAILY,
    "COUNT_NOUNS": "|".join(COUNT_NOUNS), "MORE_NOUNS": _MORE_NOUNS, "FIGURE": _FIGURE, "DEAL_NOUNS": "|".join(DEAL_NOUNS), "SPELLED": _SPELLED,
    "SPAN": _SPAN,
    "DIGITS": _DIGITS, "WORDS": rf"(?!(?i:one)\b){_SPELLED_ANY}(?!\w)",
}


@dataclass(frozen=True)
class Amount:
    """A number with its unit, as found in a text; `value` is written out in full in `unit`."""

    start: int
    end: int
    value: Decimal
    unit: str  # an ekg:unit code
    kind: str  # money, price, volume, mass, oil, length, area, power, energy, share, count, duration
    number_start: int  # where the digits are, so that a number inside a name can be told apart
    number_end: int
    rule: str = ""  # the full id of the rule (pipeline/rules/quantities.toml) that read it


@dataclass(frozen=True)
class _Form:
    kind: str
    rule: str
    pattern: regex.Pattern[str]
    needs: regex.Pattern[str] | None = None  # what every match holds: a text without it is not searched


def _compiled(spec: RuleSpec) -> _Form:
    """A form of the grammar from its rule: the pattern with its named pieces put in."""
    try:
        written = re.sub(r"\{([A-Z_]+)\}", lambda m: _PIECES[m.group(1)], spec.pattern)
        flags = (regex.IGNORECASE if "i" in str(spec.option("flags", "")) else 0) | regex.VERSION0
        needs = regex.compile(str(spec.option("needs")), flags) if spec.option("needs") else None
        return _Form(str(spec.option("kind")), spec.full_id, regex.compile(written, flags), needs)
    except (KeyError, regex.error) as error:
        raise ValueError(f"pipeline/rules/quantities.toml, rule {spec.id!r}: {error}") from error


_FORMS = tuple(_compiled(spec) for spec in rule_table("quantities") if spec.option("kind"))
_RANGE_RULE = "quantities/range-start"
_FRACTION_RULE = "quantities/fraction"
_ELLIPTIC_RULE = "quantities/elliptic"


_CONVERTED = ("length", "area")  # "2,600 km (1,600 miles)": one length, told in two units


def find_amounts(text: str) -> list[Amount]:
    """Every amount in `text`, leftmost-longest, none overlapping another, and none that only
    restates the one before it in brackets in the same unit, or a length or area in another
    ("2,600 km (1,600 miles)"; a sum in roubles followed by its worth in dollars is two amounts)."""
    found = _with_range_starts(text, list(_candidates(text)) + list(_fractions(text)))
    # leftmost-longest, but a count gives way to a reading in a unit ("52 million tonnes when deals …")
    found.sort(key=lambda a: (a.start, a.kind == "count", -(a.end - a.start)))
    amounts: list[Amount] = []
    for amount in found:
        if amounts and amount.start < amounts[-1].end:
            continue
        restated = re.fullmatch(r"\s*\(\s*", text[amounts[-1].end : amount.start]) if amounts else None
        if restated and (amounts[-1].unit == amount.unit or amounts[-1].kind == amount.kind in _CONVERTED):
            continue
        amounts.append(amount)
    return _with_elliptic(text, amounts)


def number_value(written: str) -> Decimal:
    """The value of a number written in digits, with thousands separators ("1,833.5"), or in words
    ("forty-five", "half a")."""
    if written[:1].isalpha():
        if written.lower().startswith("half"):
            return Decimal("0.5")
        if written.lower() == "a":
            return Decimal(1)
        return Decimal(sum(_WORD_VALUES[word] for word in re.split(r"[- ]", written.lower())))
    return Decimal(written.replace(",", ""))


_RANGE_START = re.compile(r"(?P<between>\bbetween\s+)?(?P<sign>US\s?\$|\$|€|¥|₽)?(?<![\w.,/-])(?P<low>\d{1,3}(?:,\d{3})+"
                          r"(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<joint>–|—|-|\bto\b|\band\b)\s*$")
_FRACTION_PARTS = {"half": Decimal(50), "third": 100 / Decimal(3), "quarter": Decimal(25), "fifth": Decimal(20),
                   "tenth": Decimal(10)}
_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
# "a third of its exports", "half of which"; "rose by nearly a third", "cut to a quarter"; never a
# stretch of time ("the second half of 2020", "a quarter of a century").
_FRACTION = regex.compile(
    r"(?P<change>\b(?:by|to)\s+(?:(?:about|almost|nearly|roughly|around|some|more\s+than|over|less\s+than|under|"
    r"just\s+(?:under|over))\s+)?)?"
    r"(?<!\b(?:first|second|third|fourth|last|latter|former|other|early|late)[\s-])"
    r"\b(?P<fraction>(?P<numerator>a|one|two|three|four)[\s-](?P<part>half|thirds?|quarters?|fifths?|tenths?)"
    r"|(?<!\b(?:the|its|their|our|his|her)\s(?:[\w-]+\s)?)(?P<part>half))\b"
    r"(?P<of>\s+of\b(?!\s+(?:(?:a|an|the|this|that|last|next|each|every)\s+)?(?:centur(?:y|ies)|decades?|years?|"
    r"months?|weeks?|days?|(?:19|20)\d\d|\d{1,2}(?:st|nd|rd|th)\s+century|million|billion|thousand)\b))?",
    regex.IGNORECASE,
)
_BARE_SCALED = regex.compile(
    rf"(?<![\w.,/$€¥₽-])(?P<number>{_DIGITS})\s(?P<scale>million|billion|trillion)\b"
    r"(?=\s*(?:[,.;:)—–]|$)|\s+(?:to|in|and|or|from|for|by|at|on|with|respectively|while|whereas|but)\b)"
)
# What joins a bare number to the amount before it, so that it shares that amount's unit: a list or
# comparison ("171 million and 169 million", "$5 billion in 2020, up from 4 billion") or a part of the
# whole ("60 billion m3, of which it exported 30 billion").
_ELLIPTIC_LINK = regex.compile(
    r"^(?:[^.;]{0,40}?\b(?:in|by|of)\s+(?:19|20)\d\d)?\s*,?\s*(?:and|or|to|from|versus|vs\.?|against|than|"
    r"compared\s+(?:with|to)|(?:up|down|rising|falling|growing|rose|fell|grew)\s+(?:from|to))\s+"
    r"(?:(?:about|around|some|nearly|almost|over|more\s+than|less\s+than|just|an\s+estimated)\s+)?$"
    r"|^[^.;]{0,80}\bof\s+(?:which|them|this|that|these)\b[^.;]{0,60}$",
    regex.IGNORECASE,
)
_ELLIPTIC_KINDS = ("money", "volume", "mass", "oil", "energy", "count")
_YEAR_BEFORE = re.compile(r"(?:\b(?:in|since|by|of|from|until)|January|February|March|April|May|June|July|August|"
                          r"September|October|November|December)\s+$", re.IGNORECASE)


def _with_range_starts(text: str, amounts: list[Amount]) -> list[Amount]:
    """The amounts, and the first end of each range, read in the second's scale and unit ("10–15
    percent" is 10 and 15 percent); a bare number the range reads again ("$5" of "between $5 and $7
    billion") gives way to its reading as the range's start."""
    starts = []
    for amount in amounts:
        match = _RANGE_START.search(text, max(0, amount.start - 40), amount.start)
        if not match or match["joint"] == "and" and not match["between"]:
            continue
        low, high = number_value(match["low"]), number_value(text[amount.number_start : amount.number_end])
        if not 0 < low < high:
            continue
        start = match.start("sign") if match["sign"] else match.start("low")
        starts.append(Amount(start, match.end("low"), _plain(low * amount.value / high), amount.unit, amount.kind,
                             match.start("low"), match.end("low"), _RANGE_RULE))
    taken = {(a.start, a.end) for a in starts}
    return [a for a in amounts if (a.start, a.end) not in taken] + starts


def _fractions(text: str) -> Iterator[Amount]:
    for match in _FRACTION.finditer(text):
        if not match["of"] and not match["change"]:
            continue
        if match["part"].lower() == "half" and (match["numerator"] or "a").lower() not in ("a", "one"):
            continue
        part = _FRACTION_PARTS[match["part"].lower().rstrip("s")]
        value = part * _NUMERATORS[(match["numerator"] or "a").lower()]
        yield Amount(match.start("fraction"), match.end("fraction"), _plain(value.quantize(Decimal("0.01"))),
                     "percent", "share", match.start("fraction"), match.end("fraction"), _FRACTION_RULE)


def _with_elliptic(text: str, amounts: list[Amount]) -> list[Amount]:
    """The amounts, and each bare number with a scale word after one of them, read in its unit:
    "extracted 62 billion m3, of which it exported 31 billion"."""
    if not amounts:
        return amounts
    found = list(amounts)
    for match in _BARE_SCALED.finditer(text, amounts[0].end):
        if any(a.start < match.end() and match.start() < a.end for a in amounts):
            continue
        before = [a for a in amounts if a.end <= match.start()]
        if not before or before[-1].kind not in _ELLIPTIC_KINDS or "/" in before[-1].unit and before[-1].kind == "money":
            continue
        if not _ELLIPTIC_LINK.search(text[before[-1].end : match.start()]):
            continue
        value = number_value(match["number"]) * _SCALES[match["scale"]]
        found.append(Amount(match.start(), match.end(), _plain(value), before[-1].unit, before[-1].kind,
                            match.start("number"), match.end("number"), _ELLIPTIC_RULE))
    return sorted(found, key=lambda a: a.start)


# What every form's number needs somewhere in the text: a digit, a number word (at a word's start, or
# against a currency code), or a scale word ("a million", "half a billion"). Two sentences in three
# have none, and then none of the forms is run over them.
_MAY_HOLD_NUMBER = re.compile(rf"\d|trillion|billion|million|thousand|(?:\b|(?<=rmb|usd|eur|cny|rub))"
                              rf"(?:{'|'.join(_UNITS + _TENS)})", re.IGNORECASE)


def _candidates(text: str) -> Iterator[Amount]:
    if not _MAY_HOLD_NUMBER.search(text):
        return
    for form in _FORMS:
        if form.needs and not form.needs.search(text):
            continue
        # a count may start inside a dated one: "In 2019 three countries joined"
        for match in form.pattern.finditer(text, overlapped=form.kind == "count"):
            if form.kind == "count" and _is_dated(text, match):
                continue
            read = _read(form.kind, match)
            if read is not None:
                value, unit = read
                start = match.start("sign") if match.groupdict().get("sign") else match.start("number")
                yield Amount(start, match.end(), _plain(value), unit, form.kind,
                             match.start("number"), match.end("number"), form.rule)


def _is_dated(text: str, match: regex.Match[str]) -> bool:
    """ "In May 2017 two companies …": a year, not a count."""
    number = match["number"]
    return bool(re.fullmatch(r"(?:19|20)\d\d", number)) and bool(_YEAR_BEFORE.search(text, 0, match.start("number")))


def _read(kind: str, match: regex.Match[str]) -> tuple[Decimal, str] | None:
    """(value, unit code) of a matched amount."""
    groups = match.groupdict()
    value = number_value(groups["number"]) * _scale(groups)
    if kind in ("money", "price"):
        currency = _currency(groups)
        if kind == "price":
            per = _PRICE_UNITS[groups["per"].lower().replace("1000", "1,000")]
            return (value, f"{currency}/{per}") if currency == "USD" else None
        return value, currency
    if kind == "volume":
        abbr = (groups.get("abbr") or "").lower()
        value *= {"bcm": 10**9, "tcm": 10**12, "mcm": 10**6}.get(abbr, 1)
        yearly = groups.get("rate") or groups.get("rate_a")
        return value, "m3/year" if yearly else "m3"
    if kind == "mass":
        abbr = groups.get("abbr") or ""
        if abbr:
            value *= 10**6
        return value, "t/year" if groups.get("rate") or abbr.lower().endswith("pa") else "t"
    if kind == "oil":
        return value, "bbl/day" if groups.get("rate") or groups.get("daily") is not None else "bbl"
    if kind == "length":
        return (value, "miles") if groups.get("miles") else (value, "km")
    if kind == "area":
        if groups.get("ha"):
            return value, "ha"
        return (value * _SQUARE_MILE_IN_KM2, "km2") if groups.get("sqmi") else (value, "km2")
    if kind == "power":
        return value, "GW" if groups["power"].lower().startswith(("gw", "giga")) else "MW"
    if kind == "energy":
        if groups["energy"].lower().startswith(("kwh", "kilowatt")):
            if not groups.get("scale") or groups["scale"].lower() != "billion":
                return None
            value /= 10**9  # a billion kWh is one TWh
        return value, "TWh/year" if groups.get("rate") else "TWh"
    if kind == "share":
        if groups.get("one_in"):  # "one in five": a fifth
            return _plain((100 / value).quantize(Decimal("0.01"))), "percent"
        return value, "percent"
    if kind == "duration":
        span = (groups.get("span") or "year").lower().rstrip("s")
        return (value * 10, "years") if span == "decade" else (value, _SPANS[span])
    return value, "count"


def _scale(groups: dict[str, str | None]) -> int:
    word = groups.get("scale") or groups.get("short")
    return _SCALES[word.lower()] if word else 1


def _currency(groups: dict[str, str | None]) -> str:
    sign = groups.get("sign")
    if sign:
        return _CURRENCY_SIGNS[re.sub(r"\s", "", sign).lower()]
    return _CURRENCY_WORDS[re.sub(r"\s+", " ", groups["word"] or "").lower()]


def _plain(value: Decimal) -> Decimal:
    """The value without exponent or trailing zeros, so that it prints as written out in full."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
