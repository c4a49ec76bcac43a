"""The quotes a person chose: data/raw/<wave>/citater.yaml, and each comment's decision.

The appendices print only what a person read and chose, never what the code picked: no pattern
finds a colleague's name in "vores leder Hanne sagde …", a reader does. Each distinct comment of an
area has a stable id (core.free_text.quote_id: a hash of area and text, so neither a rerun nor another row order changes
it); citater.yaml names, per area, the ids to print (optionally with the wording as edited for
print) and the ids rejected. Every other comment awaits a decision, listed on the review page.

    sygedagpenge:
      chosen:
        - k3fa9c2d1
        - id: k0b7e4411
          text: "Et passende sagstal ville være 25-30."
      rejected: [k9c01aa2e]
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core.config_check import key_lines, line_of
from ..core.errors import IngestError
from ..core.files import read_csv, write_csv
from ..core.free_text import quote_id, scrub
from ..core.settings import near_miss
from ..core.yaml_file import parse_yaml, read_text

DECISIONS = ("chosen", "rejected")
AWAITING = "awaiting"
EMPTY_SELECTION = """\
# The quotes the appendices print, chosen by a person (see README, "Quotes").
# Per area: the comment ids to print (chosen), optionally with the wording as edited for print,
# and the ids not to print (rejected). reports/<wave>/gennemsyn.html lists every comment still
# awaiting a decision, redacted, with its id and the line to paste here.
#
#   sygedagpenge:
#     chosen:
#       - k3fa9c2d1
#       - id: k0b7e4411
#         text: "Et passende sagstal ville være 25-30."
#     rejected: [k9c01aa2e]
{}
"""


@dataclass(frozen=True)
class Decision:
    area: str
    quote_id: str
    decision: str  # chosen or rejected
    edited: str | None  # the wording to print instead of the comment's, if a person edited it
    line: int | None  # where citater.yaml says it


def read_selection(path: Path, areas) -> list[Decision]:
    """The decisions of citater.yaml, in its order; a mistake stops naming file, line and the near miss."""
    text = read_text(path)
    document = parse_yaml(text, path)  # a syntax error or an alias bomb: one line (core.yaml_file)
    lines = key_lines(text)

    def mistake(where: tuple, message: str) -> IngestError:
        line = line_of(lines, where)
        return IngestError(f"{path}{f' line {line}' if line else ''}: {'.'.join(map(str, where))}: {message}")

    if document is None:
        return []
    if not isinstance(document, dict):
        raise IngestError(f"{path}: write one entry per area (area: chosen: [...], rejected: [...]), or {{}}")
    decisions = []
    for area, entry in document.items():
        if area not in areas:
            raise mistake((area,), f"not an area of this wave{near_miss(area, areas)}")
        if not isinstance(entry, dict):
            raise mistake((area,), "write chosen: [...] and/or rejected: [...] under the area")
        for key, items in entry.items():
            if key not in DECISIONS:
                raise mistake((area, key), f"unknown key{near_miss(key, DECISIONS)} (chosen or rejected)")
            if not isinstance(items, list):
                raise mistake((area, key), "write a list of comment ids (- k3fa9c2d1)")
            for index, item in enumerate(items):
                try:
                    decisions.append(_decision(area, key, item, lines.get((area, key, index))))
                except ValueError as error:
                    raise mistake((area, key, index), str(error)) from None
    return decisions


def _decision(area: str, key: str, item, line: int | None) -> Decision:
    """One item of a chosen or rejected list; ValueError says what is wrong with it."""
    if isinstance(item, dict) and key == "chosen":
        unknown = [k for k in item if k not in ("id", "text")]
        if unknown:
            raise ValueError(f"unknown key {unknown[0]!r}{near_miss(unknown[0], ('id', 'text'))} (id, text)")
        edited = item.get("text")
        if edited is not None and not str(edited).strip():
            raise ValueError("text is empty: leave it out to print the comment as given")
        return Decision(area, str(item.get("id") or ""), key, None if edited is None else str(edited).strip(), line)
    if isinstance(item, (str, int)) and str(item).strip():
        return Decision(area, str(item).strip(), key, None, line)
    raise ValueError("write a comment id (- k3fa9c2d1)" + (", or id: and text:" if key == "chosen" else ""))


def comment_table(answers: pd.DataFrame) -> pd.DataFrame:
    """Each area's distinct comments, in the order first given, with their id and how many gave
    each: a table that grows with the different comments, not the answers."""
    given = answers.loc[answers["comment"].fillna("").astype(str).str.strip() != "", ["area", "comment"]]
    counts = given.groupby(["area", "comment"], sort=False).size().rename("count").reset_index()
    counts.insert(1, "quote_id", [quote_id(a, c) for a, c in zip(counts["area"], counts["comment"])])
    return counts.astype({"count": int})


def quote_decisions(comments: pd.DataFrame, decisions: list[Decision], path) -> pd.DataFrame:
    """Every comment with its decision (chosen, rejected, awaiting) and, if chosen, its place and
    the text to print. An id citater.yaml names that no comment of the area has stops the run."""
    ids = {(r.area, r.quote_id): r for r in comments.itertuples()}
    area_of = {r.quote_id: r.area for r in comments.itertuples()}
    seen: dict[str, Decision] = {}
    for d in decisions:
        where = f"{path}{f' line {d.line}' if d.line else ''}: {d.area}.{d.decision}"
        if (d.area, d.quote_id) not in ids:
            elsewhere = f" (it is a comment of {area_of[d.quote_id]})" if d.quote_id in area_of else ""
            raise IngestError(f"{where}: {d.quote_id!r} is no comment of {d.area} in this export{elsewhere}; "
                              "the review page (gennemsyn.html) lists the ids there are")
        if d.quote_id in seen:
            raise IngestError(f"{where}: {d.quote_id!r} is decided twice (also {seen[d.quote_id].area}."
                              f"{seen[d.quote_id].decision}); keep one")
        seen[d.quote_id] = d
    chosen = [d for d in decisions if d.decision == "chosen"]
    order = {d.quote_id: position for position, d in enumerate(chosen, start=1)}
    rows = []
    for r in comments.itertuples():
        d = seen.get(r.quote_id)
        rows.append({"area": r.area, "quote_id": r.quote_id, "decision": d.decision if d else AWAITING,
                     "order": order.get(r.quote_id), "count": r.count, "comment": r.comment,
                     "printed": (d.edited or r.comment) if d and d.decision == "chosen" else None,
                     "edited": bool(d and d.edited)})
    columns = ["area", "quote_id", "decision", "order", "count", "comment", "printed", "edited"]
    return pd.DataFrame(rows, columns=columns).astype({"order": "Int64"})


def quotes(job) -> None:
    """Rule quotes: every comment of the wave with a person's decision (data/processed/<wave>/quotes.csv).
    The wording a person edited for print is scrubbed as a respondent's is (the comments were at ingest)."""
    answers = read_csv(job.input.answers, usecols=["area", "comment"], dtype={"comment": str})
    decisions = read_selection(Path(job.input.selection), job.params.areas)
    municipalities = read_csv(job.input.municipalities)["municipality"].tolist()
    table = quote_decisions(comment_table(answers), decisions, job.input.selection)
    table["printed"] = table["printed"].map(lambda text: scrub(text, municipalities))
    write_csv(table, job.output.quotes)
