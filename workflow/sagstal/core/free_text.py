"""What a respondent typed, made safe to keep and to show: identifiers out, hidden characters out.

Respondents were promised anonymity, and a comment can hold anything: "Borgeren 010190-1234 venter
stadig", "skriv til hanne (at) kommune.dk". Ingest scrubs every typed text before it is written to
data/processed/, and every printed quote is scrubbed again (with municipality names, in
render.privacy), so no identifier reaches a table or a report. Each redacted piece becomes '…',
as the report prints "i … kommune".

Near misses stay: a caseload range "30-35", a year "2023", a date "01-02-2023" or "1.2.2023".
"""

import hashlib
import re

REDACTED = "…"

# CPR numbers: ddmmyy then four digits, with a dash, a space or nothing between (day 01-31, month
# 01-12); and any ten digits in a row, which is how a CPR number is often typed into a form.
# Not a part of a longer number ("2023-0012345678", "1234567890,5").
_CPR = re.compile(r"(?<!\d)(?<!\d[.,/-])(?:(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-\s]?\d{4}|\d{10})"
                  r"(?!\d|[.,/-]\d)")
# E-mail addresses, also written around filters: "navn (at) kommune.dk", "navn[at]kommune.dk",
# "navn @ kommune . dk", "navn(snabel-a)kommune(dot)dk".
_AT = r"(?:\s*@\s*|\s*[(\[{]\s*(?:at|snabel-?a)\s*[)\]}]\s*)"
_DOT = r"(?:\s*\.\s*|\s*[(\[{]\s*(?:dot|punktum)\s*[)\]}]\s*)"
_EMAIL = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+", re.IGNORECASE | re.UNICODE)
# Danish phone numbers: eight digits as one, as four pairs or as two fours, optionally after +45 or
# 0045; not pairs joined by dashes, which is how ranges of caseloads are written ("30-35 40-45").
_PHONE = re.compile(r"(?<![\d-])(?:(?:\+|00)45[\s-]?)?(?:\d{8}|\d{2}(?: \d{2}){3}|\d{4}[ -]\d{4})(?![\d-])")
# Web addresses: a workplace's or a person's page names them as well as an e-mail does.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)

# Characters that hide or reorder text on screen (direction overrides and isolates, zero-width
# characters, byte-order marks) and control characters, which Word and Excel files cannot hold.
# A line break or a tab becomes a space.
_HIDDEN = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e"
                     "\u2060-\u2069\ufeff\ufff9-\ufffb]")
_SPACES = re.compile(r"[\t\n\r]+")

IDENTIFIERS = (_URL, _EMAIL, _CPR, _PHONE)  # in this order: an address's digits are not a phone number


def visible(text: str) -> str:
    """The text without hidden and control characters (line breaks and tabs as spaces)."""
    return _HIDDEN.sub("", _SPACES.sub(" ", text))


def scrub(text):
    """The text with hidden characters removed and web addresses, e-mail addresses, CPR numbers and
    phone numbers replaced by '…'. Anything not a string (a missing value) is returned as it is."""
    if not isinstance(text, str) or not text:
        return text
    text = visible(text)
    for pattern in IDENTIFIERS:
        text = pattern.sub(REDACTED, text)
    return text


def quote_id(area: str, comment: str) -> str:
    """A comment's id for citater.yaml: the same text in the same area has it in every run and any
    row order (spacing aside), so a person's choice survives a rerun and a re-export."""
    text = " ".join(str(comment).split())
    return "k" + hashlib.sha256(f"{area}\n{text}".encode()).hexdigest()[:8]
