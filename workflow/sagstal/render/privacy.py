"""Respondents were promised anonymity: quotes lose every identifier core.free_text finds (CPR
numbers, e-mail and web addresses, phone numbers, municipality names in the spellings people use).

The report prints "i … kommune" where a respondent named their municipality; the same
ellipsis replaces every redacted piece here. The patterns are core.free_text's, the same that
ingest scrubs with: one definition of each.
"""

from ..core.free_text import scrub


def redact(text: str, municipalities) -> str:
    """The text scrubbed (core.free_text.scrub) with these municipalities' names."""
    return scrub(text, municipalities)


HIDDEN = ".."  # Statistics Denmark's mark for a figure withheld for discretion


def hidden_cells(counts: list[int | None], min_count: int) -> set[int]:
    """Which cells of a table with a printed total to hide: every count from 1 to min_count - 1
    (primary), and then the smallest other counts (complementary) until no hidden cell can be
    worked out from the total: at least two hidden, and the largest value any one of them could
    take (their sum, less one for each of the others) at least min_count.

    Zeros stay shown: a zero describes no one. If hiding every non-zero cell is not enough, all
    of them are hidden.
    """
    hidden = {i for i, c in enumerate(counts) if c and c < min_count}
    if not hidden:
        return hidden
    others = sorted((c, i) for i, c in enumerate(counts) if c and i not in hidden)
    while others and (len(hidden) < 2 or sum(counts[i] for i in hidden) - (len(hidden) - 1) < min_count):
        hidden.add(others.pop(0)[1])
    return hidden


def _hide_rows(rows: list[dict], count: str, shares: tuple, min_count: int) -> list[dict]:
    hidden = hidden_cells([r[count] for r in rows], min_count)
    return [{**r, count: None, **{k: None for k in shares}} if i in hidden else r for i, r in enumerate(rows)]


def suppress_context(context: dict, min_count: int) -> dict:
    """The appendix context with small counts hidden, for every renderer alike (0 = off).

    In each table with a printed total (the bins of current and of suggested caseloads, the
    assessment levels) the small counts are hidden with their percentages, and as many others as
    it takes that none can be recovered from the total (hidden_cells). Values that describe single
    respondents (min, max, listed caps, the range of a group) are not shown either. Statistics
    Denmark's rule is min_count = 3; DS publishes all counts, so the default is off.
    """
    if not min_count:
        return context
    c = {**context, "suppressed": HIDDEN, "min_count": min_count}
    for question in ("current", "suggested"):
        figures = dict(c[question])
        figures["bins"] = _hide_rows(figures["bins"], "count", ("percent",), min_count)
        figures["min"] = figures["max"] = None
        c[question] = figures
    levels = _hide_rows(c["assessment"], "n", ("pct", "main_range_current"), min_count)
    c["assessment"] = [{**lvl, "min_current": None, "max_current": None} for lvl in levels]
    caps = c["caps"]
    hidden_caps = {"typed": [], "counted": [], "more": 0, "rows": []}  # single workplaces' caps
    c["caps"] = {**caps, **hidden_caps, "n": None if caps["n"] and caps["n"] < min_count else caps["n"]}

    def cell(count):
        return count if count is None or count == 0 or count >= min_count else None

    for key in ("case_types", "single_type"):
        c[key] = [{**r, "n": cell(r["n"]), "min": None, "max": None,
                   "mean": r["mean"] if cell(r["n"]) is not None else None} for r in c.get(key, [])]
    if c["n"] is not None and c["n"] < min_count:
        c["quotes"] = []
    return c


BREAKDOWN_KEYS = ("breakdown", "group", "area", "within")


def _inside(row: dict) -> set[str]:
    return set(filter(None, str(row.get("within") or "").split(";")))


def _parent(groups: list[dict], coarser: list[str]) -> str | None:
    """The finest already protected breakdown in which each of these groups lies within one group."""
    for other in reversed(coarser):
        if all(any(tag.startswith(f"{other}=") for tag in _inside(r)) for r in groups):
            return other
    return None


def suppress_breakdowns(rows: list[dict], min_counts: dict) -> list[dict]:
    """Rows of every breakdown (group x area) with each area's small groups hidden (fewer answers
    than the breakdown's min_count), and beside them as many other groups as it takes that none
    follows from the printed counts (hidden_cells). A hidden group shows no figure at all.

    Breakdowns are protected coarse to fine. Where each group of a finer breakdown lies within one
    group of a coarser one (the five administrative regions within DS' three regions), the parent's
    n is a printed total too: the finer groups are protected within it, and every group within a
    hidden parent is hidden. Breakdowns that do not nest meet only in the area's total, which
    hidden_cells already protects.
    """
    hidden = set()
    for area in dict.fromkeys(r["area"] for r in rows):
        tables = {}
        for r in rows:
            if r["area"] == area:
                tables.setdefault(r["breakdown"], []).append(r)
        done = []
        for name in sorted(tables, key=lambda b: len(tables[b])):
            groups, parent = tables[name], _parent(tables[name], done)
            families = ([[r for r in groups if f"{parent}={p['group']}" in _inside(r)] for p in tables[parent]]
                        if parent else [groups])
            parents = tables[parent] if parent else [None]
            for family, above in zip(families, parents):
                if above is not None and (area, parent, above["group"]) in hidden:
                    chosen = range(len(family))
                else:
                    chosen = hidden_cells([r["n"] for r in family], min_counts[name])
                hidden |= {(area, name, family[i]["group"]) for i in chosen}
            done.append(name)
    return [{**{k: (v if k in BREAKDOWN_KEYS else None) for k, v in r.items()}, "hidden": True}
            if (r["area"], r["breakdown"], r["group"]) in hidden else {**r, "hidden": False} for r in rows]
