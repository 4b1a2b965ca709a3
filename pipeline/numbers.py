"""The grammar of amounts: a number written in digits, its scale word and its unit, read as a value
in one of the ontology's unit codes (ekg:unit).

"$400 billion" is 400000000000 USD, "36 bcm/year" is 36000000000 m3/year, "a 4,200-kilometer border"
is 4200 km. A number spelled out counts only before a scale word ("forty billion dollars"), so that
"eight member states" and "twenty years" stay words. A range gives both its ends, the first taking the
scale and unit of the second ("10–15 percent", "between $5 and $7 billion"), and "a third of" or "a
quarter of" is a share. Years and numbers without a unit are not amounts; whether an amount is a
quantity of something is for the caller to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

_UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
         "seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUES = {**{w: i + 1 for i, w in enumerate(_UNITS)}, **{w: 20 + 10 * i for i, w in enumerate(_TENS)}}
_SPELLED = rf"(?i:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS[:9])}))?|{'|'.join(_UNITS)})" \
           r"(?=[\s-](?i:trillion|billion|million|thousand)\b)"
_NUMBER = rf"(?<![\w.,/-])(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{_SPELLED})"
_SCALES = {
    "thousand": 10**3, "k": 10**3,
    "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12,
}
_SCALE_WORD = r"(?:[\s-]?(?P<scale>trillion|billion|million|thousand|bn|mn|mln)\b)"
_MONEY_SCALE = r"(?:[\s-]?(?P<scale>trillion|billion|million|thousand|trn|tn|bn|mn|mln)\b|(?P<short>[mbk])\b)"
# An abbreviation in brackets after a unit: "billion cubic metres (bcm) of gas a year".
_ABBREVIATION = r"(?:\s\((?:bcm|bcm/y|tcm|m3|m³|mt|Mt|mtpa|MTPA|km|b/d|bpd|bbl/d|t)\))?"
_PER_YEAR = rf"(?:{_ABBREVIATION}(?:\s*/\s*(?:year|yr|y|a)\b|(?:\s+of(?:\s+[a-z][\w-]*){{1,3}}?)?\s+(?:a|per|each|every)\s+(?:year|annum)\b|\s+annually\b|\s+yearly\b))"
_PER_DAY = rf"(?:{_ABBREVIATION}(?:\s*/\s*d(?:ay)?\b|(?:\s+of(?:\s+[a-z][\w-]*){{1,2}}?)?\s+(?:a|per|each)\s+day\b))"
_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "¥": "CNY", "rmb": "CNY",
                   "cny": "CNY", "₽": "RUB", "rub": "RUB"}
_CURRENCY_WORDS = {"dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD", "usd": "USD", "euros": "EUR",
                   "euro": "EUR", "eur": "EUR", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
                   "roubles": "RUB", "rubles": "RUB", "rub": "RUB"}
# A price per physical unit keeps its own unit code: "$1.50 per barrel" is 1.5 USD/bbl.
_PRICE_UNITS = {"barrel": "bbl", "bbl": "bbl", "1,000 cubic metres": "1000m3", "1,000 cubic meters": "1000m3",
                "1000 cubic metres": "1000m3", "1000 cubic meters": "1000m3", "thousand cubic metres": "1000m3",
                "thousand cubic meters": "1000m3", "tcm": "1000m3"}
_MILE_IN_KM = Decimal("1.609344")

# Nouns that make a bare number a count worth recording: people under arms, people, hardware, deals.
COUNT_NOUNS = (
    "troops soldiers servicemen personnel sailors officers people residents inhabitants citizens migrants "
    "workers students tourists visitors refugees employees jobs aircraft planes jets bombers fighters "
    "helicopters ships warships vessels submarines tanks missiles warheads drones members countries "
    "companies firms enterprises projects agreements deals contracts"
).split()
DEAL_NOUNS = "contract deal agreement lease loan concession treaty plan programme program".split()


@dataclass(frozen=True)
class Amount:
    """A number with its unit, as found in a text; `value` is written out in full in `unit`."""

    start: int
    end: int
    value: Decimal
    unit: str  # an ekg:unit code
    kind: str  # money, price, volume, mass, oil, length, power, energy, share, count, duration
    number_start: int  # where the digits are, so that a number inside a name can be told apart
    number_end: int


@dataclass(frozen=True)
class _Form:
    kind: str
    pattern: re.Pattern[str]


def _form(kind: str, pattern: str, flags: int = re.IGNORECASE) -> _Form:
    return _Form(kind, re.compile(pattern, flags))


_FORMS = (
    _form("price", rf"(?P<sign>US\s?\$|USD\s?|\$|€|EUR\s?|¥|RMB\s?|CNY\s?|₽|RUB\s?){_NUMBER}{_MONEY_SCALE}?"
                   rf"\s*(?:per|a|/)\s*(?P<per>barrel|bbl|1,?000 cubic met(?:re|er)s|thousand cubic met(?:re|er)s|tcm)\b"),
    _form("money", rf"(?P<sign>US\s?\$|USD\s?|\$|€|EUR\s?|¥|RMB\s?|CNY\s?|₽|RUB\s?){_NUMBER}{_MONEY_SCALE}?"),
    _form("money", rf"{_NUMBER}{_SCALE_WORD}?\s(?P<word>(?:US|U\.S\.)\sdollars|dollars|USD|euros?|EUR|yuan|renminbi|RMB|CNY|roubles|rubles|RUB)\b"),
    _form("volume", rf"{_NUMBER}\s?(?P<abbr>bcm|tcm)(?P<rate_a>a\b)?(?P<rate>{_PER_YEAR})?"),
    _form("volume", rf"{_NUMBER}{_SCALE_WORD}?\s(?:cubic\s(?:metres|meters|metre|meter)|m3|m³)(?P<rate>{_PER_YEAR})?"),
    _form("mass", rf"{_NUMBER}\s?(?P<abbr>mtpa|MTPA|Mtpa|Mt|MMt)\b(?P<rate>{_PER_YEAR})?", 0),
    _form("mass", rf"{_NUMBER}{_SCALE_WORD}?\s(?:metric\s)?(?:tonnes|tons|tonne|ton)\b(?P<rate>{_PER_YEAR})?"),
    _form("oil", rf"{_NUMBER}{_SCALE_WORD}?\s?(?:barrels|bbl)(?P<rate>{_PER_DAY})?"),
    _form("oil", rf"{_NUMBER}{_SCALE_WORD}?\s?(?:b/d|bpd|bbl/d)\b(?P<daily>)"),
    _form("length", rf"{_NUMBER}(?:\s|-)?(?P<km>kilomet(?:re|er)s?|km)\b"),
    _form("length", rf"{_NUMBER}(?:\s|-)(?P<miles>miles?)\b"),
    _form("power", rf"{_NUMBER}\s?(?P<power>MW|GW)\b", 0),
    _form("power", rf"{_NUMBER}\s(?P<power>megawatts?|gigawatts?)\b"),
    _form("energy", rf"{_NUMBER}{_SCALE_WORD}?\s?(?P<energy>TWh|terawatt[- ]hours?|kWh)\b(?P<rate>{_PER_YEAR})?"),
    _form("share", rf"{_NUMBER}\s?(?:%|percent\b|per\scent\b|pct\b|percentage\spoints?\b)"),
    _form("duration", rf"{_NUMBER}-year\b(?=(?:\s[\w-]+){{0,3}}?\s(?:{'|'.join(DEAL_NOUNS)})s?\b)"),
    _form("duration", rf"(?:over|for|lasting|spanning|of)\s(?:a\speriod\sof\s)?{_NUMBER}\syears\b"),
    _form("count", rf"{_NUMBER}{_SCALE_WORD}?(?:\s(?!of\b|the\b|and\b|in\b|to\b|from\b|a\b|more\b|than\b)"
                   rf"[A-Za-z][\w’'-]*){{0,2}}?\s(?P<noun>{'|'.join(COUNT_NOUNS)})\b"),
    # "put the number of troops involved at some 300,000": the count comes after its noun.
    _form("count", rf"\bnumber\sof\s(?:[\w’'-]+\s){{0,2}}?(?P<noun>{'|'.join(COUNT_NOUNS)})\b[^.;\d]{{0,40}}?"
                   rf"\b(?:at|to|was|is|reached|stood\sat|totall?ed)\s(?:(?:about|some|around|roughly|nearly|"
                   rf"almost|over|more\sthan|up\sto)\s)?{_NUMBER}{_SCALE_WORD}?(?![\w%])"),
)


def find_amounts(text: str) -> list[Amount]:
    """Every amount in `text`, leftmost-longest, none overlapping another, and none that only
    restates the one before it in brackets ("2,600 km (1,600 miles)")."""
    found = _with_range_starts(text, list(_candidates(text)) + list(_fractions(text)))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    amounts: list[Amount] = []
    for amount in found:
        if amounts and amount.start < amounts[-1].end:
            continue
        if amounts and amounts[-1].kind == amount.kind and re.fullmatch(r"\s*\(\s*", text[amounts[-1].end : amount.start]):
            continue
        amounts.append(amount)
    return amounts


def number_value(written: str) -> Decimal:
    """The value of a number written in digits, with thousands separators ("1,833.5"), or in words
    ("forty-five")."""
    if written[:1].isalpha():
        return Decimal(sum(_WORD_VALUES[word] for word in re.split(r"[- ]", written.lower())))
    return Decimal(written.replace(",", ""))


_RANGE_START = re.compile(r"(?P<between>\bbetween\s+)?(?P<sign>US\s?\$|\$|€|¥|₽)?(?<![\w.,/-])(?P<low>\d{1,3}(?:,\d{3})+"
                          r"(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<joint>–|—|-|\bto\b|\band\b)\s*$")
_FRACTIONS = {"a third": 100 / Decimal(3), "one third": 100 / Decimal(3), "two thirds": 200 / Decimal(3),
              "a quarter": Decimal(25), "one quarter": Decimal(25), "three quarters": Decimal(75)}
_FRACTION = re.compile(r"\b(?P<fraction>(?:a|one|two|three)[\s-](?:thirds?|quarters?))\s+of\b(?!\s+(?:a\s+century|the\s+year|"
                       r"(?:19|20)\d\d))", re.IGNORECASE)
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
                             match.start("low"), match.end("low")))
    taken = {(a.start, a.end) for a in starts}
    return [a for a in amounts if (a.start, a.end) not in taken] + starts


def _fractions(text: str) -> Iterator[Amount]:
    for match in _FRACTION.finditer(text):
        value = _FRACTIONS.get(re.sub(r"[\s-]+", " ", match["fraction"].lower()))
        if value is not None:
            yield Amount(match.start(), match.end("fraction"), value.quantize(Decimal("0.01")), "percent", "share",
                         match.start(), match.end("fraction"))


def _candidates(text: str) -> Iterator[Amount]:
    for form in _FORMS:
        for match in form.pattern.finditer(text):
            if form.kind == "count" and _is_dated(text, match):
                continue
            read = _read(form.kind, match)
            if read is not None:
                value, unit = read
                start = match.start("sign") if match.groupdict().get("sign") else match.start("number")
                yield Amount(start, match.end(), _plain(value), unit, form.kind,
                             match.start("number"), match.end("number"))


def _is_dated(text: str, match: re.Match[str]) -> bool:
    """ "In May 2017 two companies …": a year, not a count."""
    number = match["number"]
    return bool(re.fullmatch(r"(?:19|20)\d\d", number)) and bool(_YEAR_BEFORE.search(text, 0, match.start("number")))


def _read(kind: str, match: re.Match[str]) -> tuple[Decimal, str] | None:
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
        value *= {"bcm": 10**9, "tcm": 10**12}.get(abbr, 1)
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
        return (value * _MILE_IN_KM, "km") if groups.get("miles") else (value, "km")
    if kind == "power":
        return value, "GW" if groups["power"].lower().startswith(("gw", "giga")) else "MW"
    if kind == "energy":
        if groups["energy"].lower() == "kwh":
            if not groups.get("scale") or groups["scale"].lower() != "billion":
                return None
            value /= 10**9  # a billion kWh is one TWh
        return value, "TWh/year" if groups.get("rate") else "TWh"
    if kind == "share":
        return value, "percent"
    if kind == "duration":
        return value, "years"
    return value, "count"


def _scale(groups: dict[str, str | None]) -> int:
    word = groups.get("scale") or groups.get("short")
    return _SCALES[word.lower()] if word else 1


def _currency(groups: dict[str, str | None]) -> str:
    if groups.get("sign"):
        return _CURRENCY_SIGNS[re.sub(r"\s", "", groups["sign"]).lower()]
    return _CURRENCY_WORDS[re.sub(r"\s+", " ", groups["word"]).lower()]


def _plain(value: Decimal) -> Decimal:
    """The value without exponent or trailing zeros, so that it prints as written out in full."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
