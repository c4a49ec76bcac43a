"""What a respondent typed, made safe to keep and to show: identifiers out, hidden characters out.

Respondents were promised anonymity, and a comment can hold anything: "Borgeren 01.01.90-1234
venter stadig", "skriv til hanne at kommune dot dk", "ring +46 70 123 45 67", "her i Århus". Ingest
scrubs every typed text before it is written to data/processed/, and every printed quote is
scrubbed again (render.privacy.redact is this scrub), so no identifier reaches a table or a report.
Each redacted piece becomes '…', as the report prints "i … kommune".

Each kind of identifier has one pattern here, matched on a folded copy of the text: look-alike
characters (a fullwidth ＠ or digit, a small ﹫, an en dash, a no-break space, a Cyrillic о) stand
for the character they imitate, one for one, so a match in the copy is a match at the same place
in the text, and the text keeps every character that is not redacted.

Near misses stay: a caseload range "30-35" or "25 - 30", a year "2023" or a span "2019-2023", a
date "01.01.2023", "1/5" or "01 02 2023", an amount "1.000 kr." or "12 500 000 kr.", "45 %",
"§ 85 (a) stk. 2", and ordinary words that happen to be a municipality's name ("vejen", "koge").
"""

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

REDACTED = "…"


def _look_alikes() -> dict[int, str]:
    """Characters that imitate a character the patterns look for, each mapped to that one character."""
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}  # fullwidth ASCII: ＠ ０ Ａ ．
    table |= {ord(c): "@" for c in "\ufe6b"}  # ﹫ small commercial at
    table |= {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"}  # dashes, minus
    table |= {ord(c): " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
              "\u202f\u205f\u3000"}  # spaces of other widths
    table |= {ord(c): "." for c in "\u2024\ufe52\u3002"}  # one dot leader, small full stop, ideographic full stop
    table |= {ord(c): "'" for c in "\u2018\u2019\u00b4\u0060\u02bc"}  # apostrophes of a genitive
    for first, last in ((0x0660, 0x0669), (0x06F0, 0x06F9), (0x0966, 0x096F), (0x1D7CE, 0x1D7FF)):
        table |= {cp: str(unicodedata.digit(chr(cp))) for cp in range(first, last + 1)}  # other digits
    # Cyrillic and Greek letters drawn as Latin ones ("Оdense" with a Cyrillic О)
    table |= {ord(c): latin for cyrillic_or_greek, latin in (
        ("аАΑ", "a"), ("вВΒβ", "b"), ("еЕΕ", "e"), ("кКΚκ", "k"), ("мМΜ", "m"), ("нНΗ", "h"),
        ("оОΟο", "o"), ("рРΡρ", "p"), ("сС", "c"), ("тТΤ", "t"), ("уУΥ", "y"), ("хХΧχ", "x"),
        ("іІΙι", "i"), ("јЈ", "j"), ("ѕЅ", "s"), ("ԁ", "d"), ("Ζ", "z"), ("Ν", "n"), ("ν", "v"))
        for c in cyrillic_or_greek}
    return table


_FOLD = _look_alikes()


def _fold(text: str) -> str:
    """The text with each look-alike replaced by what it imitates: as long as the text, place for place."""
    return text.translate(_FOLD)


# --- CPR numbers ---------------------------------------------------------------------------------
# Day (01-31), month (01-12), year, then four digits, with any separator or none between the groups
# of the date and before the four: spaces, a dash, a dot, a slash, or one of them with spaces around
# ("010190-1234", "010190.1234", "0101 90 1234", "010190 - 1234", "01.01.90-1234", "01-01-90 1234");
# and any ten digits in a row, which is how a CPR number is often typed into a form. Not a part of a
# longer number ("2023-0012345678", "1234567890,5"). A date "01.01.2023" has only two digits after
# the year's first two, so it is not one.
_GAP = r"(?:\s*[-./\\]\s*|\s+)?"
_CPR = re.compile(rf"(?<![0-9])(?<![0-9][.,/-])(?:(?:0[1-9]|[12][0-9]|3[01]){_GAP}(?:0[1-9]|1[0-2]){_GAP}[0-9]{{2}}"
                  rf"{_GAP}[0-9]{{4}}|[0-9]{{10}})(?![0-9]|[.,/-][0-9])")

# --- E-mail addresses ----------------------------------------------------------------------------
# "navn@kommune.dk" (also with ＠ or ﹫), and written around filters: "navn (at) kommune.dk",
# "navn[at]kommune[dot]dk", "navn(a)kommune.dk", "navn(snabel-a)kommune(punktum)dk", and spoken:
# "navn at kommune dot dk". "at" is a Danish word ("nå at få det"), so a spoken or bracketed at
# needs a domain ending in a known top-level domain, and a spoken at a dot without spaces around it
# (else "svært at nå. Nu har vi" would be an address in the top-level domain .nu).
_TLD = r"(?:dk|com|net|org|eu|se|no|de|nu|io|info|fo|gl|uk|biz|me)(?!\w|[.-]\w)"
_LOCAL = r"[\w.+-]+"
_LABEL = r"[\w-]+"
_BRACKETED_AT = r"\s*[(\[{<]\s*(?:at|a|@|snabel[- ]?a)\s*[)\]}>]\s*"
_SPOKEN_AT = r"\s+(?:at|snabel[- ]?a)\s+"
_WORD_DOT = r"(?:\s*[(\[{<]\s*(?:dot|punktum|prik|\.)\s*[)\]}>]\s*|\s+(?:dot|punktum|prik)\s+)"
_ANY_DOT = rf"(?:\s*\.\s*|{_WORD_DOT})"
_EMAIL = re.compile(
    rf"{_LOCAL}\s*@\s*{_LABEL}(?:(?:\.|{_WORD_DOT}){_LABEL}|\s*\.\s*{_TLD})+"  # with an at sign: any domain
    rf"|{_LOCAL}{_BRACKETED_AT}{_LABEL}(?:{_ANY_DOT}{_LABEL})*?{_ANY_DOT}{_TLD}"
    rf"|{_LOCAL}{_SPOKEN_AT}{_LABEL}(?:(?:\.|{_WORD_DOT}){_LABEL})*?(?:\.|{_WORD_DOT}){_TLD}",
    re.IGNORECASE)

# --- Phone numbers -------------------------------------------------------------------------------
# Danish: eight digits, as one or in groups of two, three or four joined by spaces ("12345678",
# "12 34 56 78", "1234 56 78", "12 345 678"), or two fours joined by a dash, optionally after +45,
# 0045 or (+45). Groups joined by dashes are how caseload ranges are written ("30-35 40-45"), so
# only the two fours may be. Foreign: + or 00, a country code and the rest in groups joined by a
# space, a dot, a dash or a slash, or around "(0)" or an area code in brackets: 7 to 15 digits in all
# ("+46 70 123 45 67", "+47 912 34 567", "+44 (0)20 7946 0958"). Near misses stay: an amount
# ("12 500 000 kr.", "25000000 DKK", "12 345 678,50"), a percentage, two years ("2019-2023",
# "2019 2023") and a date with spaces ("01 02 2023").
_NOT_AN_AMOUNT = r"(?!\s*(?:kr\b|kroner|dkk|%|pct|procent)|[.,][0-9])"


def _groupings(digits: int) -> list[tuple[int, ...]]:
    """Every way to cut so many digits into groups of two, three or four."""
    if digits == 0:
        return [()]
    return [(size, *rest) for size in (2, 3, 4) if size <= digits for rest in _groupings(digits - size)]


# eight digits: in one, two fours joined by a dash, or any grouping joined by spaces (exactly these,
# so that "01 02 2023 12" is no phone number and no part of one)
_DANISH = ("(?:[0-9]{8}|[0-9]{4}-[0-9]{4}|"
           + "|".join(r"\s+".join(f"[0-9]{{{size}}}" for size in sizes) for sizes in _groupings(8) if len(sizes) > 1)
           + ")(?![0-9]|-[0-9])")
# Three patterns, tried in this order (IDENTIFIERS), so that +45 takes eight digits and no more:
_PHONE_DANISH_CODE = re.compile(rf"(?<![\w+])(?:(?:\+|00)\s*45|\(\s*(?:\+|00)?45\s*\))\s*-?\s*{_DANISH}{_NOT_AN_AMOUNT}",
                                re.IGNORECASE)
_PHONE_FOREIGN = re.compile(rf"(?<![\w+])(?:\+|00)\s?[1-9][0-9]{{0,2}}"
                            rf"(?:[\s./-]?(?:\(0\)\s*)?(?:\([0-9]{{1,6}}\)\s*|[0-9]{{1,6}})){{1,12}}"
                            rf"(?![0-9]){_NOT_AN_AMOUNT}", re.IGNORECASE)
_PHONE_DANISH = re.compile(rf"(?<![0-9])(?<![0-9][.,-]){_DANISH}{_NOT_AN_AMOUNT}", re.IGNORECASE)
_YEARS = re.compile(r"(?:19|20)[0-9]{2}\D+(?:19|20)[0-9]{2}")
_DATE = re.compile(r"(?:0[1-9]|[12][0-9]|3[01])\s+(?:0[1-9]|1[0-2])\s+(?:19|20)[0-9]{2}")


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _is_foreign_number(match: re.Match, _text: str) -> bool:
    """7 to 15 digits after + or 00: a country code of one to three and six to twelve more (E.164)."""
    return 7 <= _digits(match.group(0).removeprefix("+").removeprefix("00")) <= 15


def _is_danish_number(match: re.Match, _text: str) -> bool:
    """Eight digits, and not two years ("2019 2023") or a date ("01 02 2023")."""
    number = match.group(0)
    return _digits(number) == 8 and not _YEARS.fullmatch(number) and not _DATE.fullmatch(number)


# --- Web addresses -------------------------------------------------------------------------------
# A workplace's or a person's page names them as well as an e-mail does.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)

# --- Municipality names --------------------------------------------------------------------------
# Generated from the list of municipalities (data/reference/kommuner.csv) and this table of the
# other names people use for some of them: abbreviations, a town for the municipality, and old
# names still heard (Århus until 2011, Brønderslev-Dronninglund until 2011, Frederiksværk-Hundested
# until 2008).
OTHER_NAMES = {
    "København": ("Kbh.", "Kbhvn", "Cph", "Copenhagen"),
    "Lyngby-Taarbæk": ("Lyngby",),
    "Høje-Taastrup": ("Taastrup",),
    "Faaborg-Midtfyn": ("Faaborg", "Midtfyn"),
    "Ringkøbing-Skjern": ("Ringkøbing", "Skjern"),
    "Ikast-Brande": ("Ikast",),  # not "Brande": "brande" is fires
    "Nordfyns": ("Nordfyn",),
    "Brønderslev": ("Brønderslev-Dronninglund",),
    "Halsnæs": ("Frederiksværk-Hundested",),
}
# Spellings of a name that are also ordinary Danish words (the road, otters, a slice, camps, a
# count, barrels, a cairn, to boil: Vejen, Odder, Skive, Lejre, Greve, Tønder, Varde, and Køge
# written without ø). These are redacted only where they name the place: before "kommune" or
# "jobcenter", joined to such a word ("Vejenkommune"), or written with a capital letter inside a
# sentence ("i Vejen har vi"); "vejen frem" and "Vejen frem" at a sentence's start stay.
ORDINARY_WORDS = frozenset({"vejen", "odder", "skive", "lejre", "greve", "tønder", "varde", "koge"})
_PLACE_WORDS = r"(?:kommunes?|kommunen|kommunens|jobcent(?:er|ret|rets)|området|omraadet|egnen)"
# How a letter may be written: å as aa or a, æ as ae, ø as oe or o (and ä, ö); a hyphen or space
# between words as either or none.
_SPELLINGS = {"aa": "(?:aa|å|a)", "å": "(?:å|aa|a)", "ae": "(?:ae|æ|ä)", "æ": "(?:æ|ae|ä)", "oe": "(?:oe|ø|ö)",
              "ø": "(?:ø|oe|ö|o)", "-": r"(?:\s*-\s*|\s+)?", " ": r"(?:\s*-\s*|\s+)?", ".": r"\.?"}


def _spelling(name: str) -> str:
    """A pattern of every way the name may be written (case aside)."""
    name, parts, i = name.lower(), [], 0
    while i < len(name):
        two = name[i:i + 2]
        if two in _SPELLINGS:
            parts.append(_SPELLINGS[two])
            i += 2
        else:
            parts.append(_SPELLINGS.get(name[i], re.escape(name[i])))
            i += 1
    return "".join(parts)


def place_names(municipalities: Iterable[str]) -> tuple[str, ...]:
    """Every name to look for: the municipalities and the other names of those among them."""
    names = list(dict.fromkeys(municipalities))
    return tuple(names + [other for name in names for other in OTHER_NAMES.get(name, ())])


@lru_cache(maxsize=8)
def _places_pattern(names: tuple[str, ...]) -> re.Pattern:
    # longest first, so "Lyngby-Taarbæk" goes before "Lyngby"; genitive -s, ' or 's after any
    alternatives = "|".join(_spelling(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?P<name>{alternatives})(?P<genitive>'s|'|s)?(?P<joined>{_PLACE_WORDS})?(?!\w)",
                      re.IGNORECASE)


_FOLLOWED_BY_PLACE_WORD = re.compile(rf"\s*-?\s*{_PLACE_WORDS}(?!\w)", re.IGNORECASE)


def _names_the_place(match: re.Match, text: str) -> bool:
    """Whether a match is the municipality, not an ordinary word spelt the same."""
    if match.group("name").lower() not in ORDINARY_WORDS or match.group("joined"):
        return True
    if _FOLLOWED_BY_PLACE_WORD.match(_fold(text), match.end()):
        return True
    typed = text[match.start():match.end()]
    before = text[:match.start()].rstrip()
    inside_a_sentence = bool(before) and (before[-1].isalnum() or before[-1] == ",")
    return typed[0].isupper() and not typed[1:2].isupper() and inside_a_sentence


# --- Scrubbing -----------------------------------------------------------------------------------
# Characters that hide or reorder text on screen (direction overrides and isolates, zero-width
# characters, byte-order marks) and control characters, which Word and Excel files cannot hold.
# A line break or a tab becomes a space.
_HIDDEN = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e"
                     "\u2060-\u2069\ufeff\ufff9-\ufffb]")
_SPACES = re.compile(r"[\t\n\r]+")

# In this order: an address's digits are not a phone number (nor its domain a municipality, which
# comes last); a number after a country code is a phone number, whatever its digits look like.
IDENTIFIERS: tuple[tuple[re.Pattern, Callable | None], ...] = (
    (_URL, None), (_EMAIL, None), (_PHONE_DANISH_CODE, None), (_PHONE_FOREIGN, _is_foreign_number),
    (_CPR, None), (_PHONE_DANISH, _is_danish_number))


def visible(text: str) -> str:
    """The text without hidden and control characters (line breaks and tabs as spaces), with
    combining accents joined to their letter (NFC: "A" + ring above is "Å")."""
    return unicodedata.normalize("NFC", _HIDDEN.sub("", _SPACES.sub(" ", text)))


def _redact(pattern: re.Pattern, text: str, accept: Callable | None = None) -> str:
    """The text with each match of the pattern in its folded copy (that `accept`s) replaced by '…'."""
    pieces, end = [], 0
    for match in pattern.finditer(_fold(text)):
        if accept is None or accept(match, text):
            pieces += [text[end:match.start()], REDACTED]
            end = match.end()
    return "".join(pieces) + text[end:] if pieces else text


def scrub(text, municipalities: Iterable[str] = ()):
    """The text with hidden characters removed and web addresses, e-mail addresses, CPR numbers,
    phone numbers and (where given) the names of these municipalities replaced by '…'. Anything
    not a string (a missing value) is returned as it is."""
    if not isinstance(text, str) or not text:
        return text
    text = visible(text)
    for pattern, accept in IDENTIFIERS:
        text = _redact(pattern, text, accept)
    names = place_names(municipalities)
    if names:
        text = _redact(_places_pattern(names), text, _names_the_place)
    return text


def quote_id(area: str, comment: str) -> str:
    """A comment's id for citater.yaml: the same text in the same area has it in every run and any
    row order (spacing aside), so a person's choice survives a rerun and a re-export."""
    text = " ".join(str(comment).split())
    return "k" + hashlib.sha256(f"{area}\n{text}".encode()).hexdigest()[:8]
