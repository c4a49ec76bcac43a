"""The review page (reports/<wave>/gennemsyn.html): everything a person must look at before the
wave's report goes out, in one place, each point with its count and its source rows.

The pipeline checks and computes; it does not decide. What needs a person's eye is spread over
quality.csv, exclusions.csv, area_stats.csv, unusual.csv, changes.csv, audit.csv, the breakdowns' hidden cells,
quotes.csv and the codebook make new-wave wrote. Each section here reads one of them and lists its
points; the page's first line counts them ("N punkter kræver stillingtagen", or "Intet
udestående"). The audit's differences come from audit.csv (the audit's output; the report's
own figures are read by the audit alone). The page is for the analyst, not for publication, but lives under reports/ and so
shows no respondent id, and every typed text redacted.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core.config_check import key_lines, line_of
from ..core.danish import number, one_decimal_text, shown
from ..core.errors import IngestError
from ..core.files import read_csv, write_csv, write_text
from ..core.settings import near_miss
from ..core.yaml_file import parse_yaml, read_text
from . import pages
from .context import breakdown_contexts
from .privacy import HIDDEN, redact

GATE_NAMES = {"decoding": "Tegnkodning (fejllæste æ, ø, å)", "excel_dates": "Datoer i talkolonner",
              "unknown_codes": "Koder, som kodebogen ikke kender", "excluded_share": "Andel ubrugelige svar pr. område",
              "unmapped_answers": "Kolonner med svar, som kodebogen ikke bruger"}
REASONS = {"no answer in any area asked": "intet svar på noget af de spurgte sagsområder"}
_RULE = re.compile(r"^rule [^:]+: ")  # an exclusion rule's reason: "rule <id>: <the person's own words>"


def danish_reason(reason: str) -> str:
    """A ledger reason as a reader reads it: the Danish of a fixed reason, or an exclusion rule's own
    reason (config's words) without the rule's id."""
    return REASONS.get(reason, _RULE.sub("", str(reason)))
SCOPES = {"row": "hele rækken udeladt", "cell": "svaret udeladt", "caseload": "sagstallet udeladt",
          "case_types": "sagstyperne udeladt", "single_type_total": "én sagstype udeladt af i alt",
          "flag": "markeret, men med i tallene", "note": "noteret", "user_missing": "ikke-svar (SPSS)"}
AUDIT_STATUS = {"explained": "afviger, forklaret", "judgement": "afviger, skøn (hovedparten)",
                "UNEXPLAINED": "AFVIGER UDEN FORKLARING"}
SCAFFOLDED = "scaffolded by `make new-wave`"  # the first line of a codebook new-wave wrote
SHOWN_ROWS = 12  # a point lists this many of its rows; the source table has them all


@dataclass
class Point:
    """One thing to look at: what it is, how many rows it covers, and those rows (or the first).
    `subject` names what it is about (an area and reason, an audit figure), so that its id stays the
    same across builds; its fingerprint changes when what it shows changes."""

    text: str
    count: int = 1
    rows: list[str] = field(default_factory=list)
    subject: str = ""
    id: str = ""
    decision: dict | None = None  # the person's decision (gennemsyn.yaml), where there is one
    changed: bool = False  # decided, but what it shows has changed since

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256("\n".join([self.text, str(self.count), *self.rows]).encode()).hexdigest()[:10]


@dataclass
class Section:
    key: str
    title: str
    source: str  # the file with every row, relative to the page
    note: str
    points: list[Point]
    blocking: bool = False  # its points must be decided before publishing (else: for information)

    def __post_init__(self):
        for point in self.points:
            point.id = point.id or "g" + hashlib.sha256(
                f"{self.key}\n{point.subject or point.text}".encode()).hexdigest()[:8]


def _rows(values: list[str]) -> list[str]:
    shown = values[:SHOWN_ROWS]
    return shown + ([f"… og {len(values) - SHOWN_ROWS} flere"] if len(values) > SHOWN_ROWS else [])


def quality_section(quality: pd.DataFrame, source: str) -> Section:
    checks = quality[quality["status"].isin(["passed", "failed"])]
    warnings = quality[quality["status"] == "warning"]
    points = []
    for w in warnings.itertuples():
        if w.gate == "unmapped_answers":
            text = (f"Kolonnen «{w.column}» ligner svar på sagstal, men kodebogen bruger den ikke: kobl den til et "
                    "felt i codebook.yaml, eller se efter, at den ikke hører til undersøgelsen.")
        else:
            text = f"{GATE_NAMES.get(w.gate, w.gate)}: {w.column}: {w.detail}"
        points.append(Point(text, subject=f"{w.gate}|{w.column}"))
    note = f"{int((checks['status'] == 'passed').sum())} af {len(checks)} kontroller bestået; advarsler stopper ikke kørslen."
    return Section("kvalitet", "Kvalitetskontrollens advarsler", source, note, points, blocking=True)


def exclusion_section(exclusions: pd.DataFrame, labels: dict, municipalities: list, source: str) -> Section:
    """One point per area, scope and reason: the export rows it covers, with what was typed (redacted)."""
    points = []
    table = exclusions.assign(area=exclusions["area"].fillna(""), reason=exclusions["reason"].fillna(""))
    for (area, scope, reason), group in table.groupby(["area", "scope", "reason"], sort=False):
        where = labels.get(area, area) or "alle områder"
        rows = [f"række {r.source_row}" + (f", {r.column}" if isinstance(r.column, str) and r.column else "")
                + (f": «{redact(str(r.raw_value), municipalities)}»" if isinstance(r.raw_value, str) and r.raw_value
                   else "") for r in group.itertuples()]
        points.append(Point(f"{where}: {SCOPES.get(scope, scope)}: {danish_reason(reason)}",
                            len(group), _rows(rows), subject=f"{area}|{scope}|{reason}"))
    return Section("udeladt", "Udeladte rækker og svar", source,
                   "Pr. område og årsag; rækkenumrene er eksportfilens.", points, blocking=True)


def low_base_section(area_stats: pd.DataFrame, labels: dict, low_base: int, source: str) -> Section:
    low = area_stats[area_stats["low_base"].astype(str) == "True"]
    points = [Point(f"{labels.get(r.area, r.area)}: {int(r.n_current)} svar", int(r.n_current), subject=r.area)
              for r in low.itertuples()]
    return Section("grundlag", "Områder med lavt svargrundlag", source,
                   f"Færre end {low_base} svar: tallene er usikre; rapporten markerer dem.", points)


QUESTIONS = {"current": "aktuelt sagstal", "suggested": "passende sagstal"}


def unusual_section(unusual: pd.DataFrame, labels: dict, municipalities: list, source: str) -> Section:
    """Per area and question: the answers outside the bins, and the extreme answers with the mean
    with and without them (stats.unusual); one row per distinct value with its export rows."""
    points = []
    for (area, question, kind), group in unusual.groupby(["area", "question", "kind"], sort=False):
        count = int(group["count"].sum())
        rows = [f"{number(r.value)}" + (f" ×{int(r.count)}" if r.count > 1 else "")
                + f": række {str(r.source_rows).replace(';', ',')}"
                + f" (skrevet «{redact(str(r.typed), municipalities)}»)" for r in group.itertuples()]
        where = f"{labels.get(area, area)}, {QUESTIONS[question]}"
        if kind == "extreme":
            first = group.iloc[0]
            low = group["value"].astype(float) < float(first.low_fence)
            fence = " eller ".join([f"under {number(first.low_fence)}"] * bool(low.any())
                                   + [f"over {number(first.high_fence)}"] * bool((~low).any()))
            text = (f"{where}: {count} {'ekstremt svar' if count == 1 else 'ekstreme svar'} ({fence}: uden for "
                    f"kvartilerne ± 3 × kvartilafstanden); gennemsnit {one_decimal_text(first.mean_with)} med "
                    f"{'det' if count == 1 else 'dem'}, {one_decimal_text(first.mean_without)} uden. Tjek svarene "
                    "mod eksporten; de tæller med i alle tal.")
        else:
            side = "under det første" if kind == "below" else "over det sidste"
            text = (f"{where}: {count} svar {side} interval i tabellen; de står i en «under»/«over»-række og tæller "
                    "med i procenterne og hovedparten. Tilføj et interval i config.yaml (bins_…), hvis de skal "
                    "have deres eget.")
        points.append(Point(text, count, _rows(rows), subject=f"{area}|{question}|{kind}"))
    return Section("usaedvanlige", "Svar uden for intervallerne og ekstreme svar", source,
                   "Svar, der er korrekt læst, men som en person bør se på før udgivelse.", points, blocking=True)


def change_section(changes: pd.DataFrame, labels: dict, source: str) -> Section:
    clear = changes[changes["change_is_clear"].astype(str) == "True"]
    points = [Point(f"{labels.get(r.area, r.area)}: gennemsnit {shown(r.mean_previous)} i {r.previous_year}, "
                    f"{shown(r.mean_current)} nu ({r.basis})", subject=r.area) for r in clear.itertuples()]
    return Section("aendringer", "Klare ændringer siden forrige måling", source,
                   "Ændringer, hvis interval ikke rummer 0: rapportens tekst bør nævne dem.", points)


def audit_section(audit: pd.DataFrame | None, source: str, unexplained: bool = False) -> Section:
    """The audit's differences: the unexplained ones (blocking), or the explained and judged ones
    (for information: their reason is written in published.yaml or is the main range's rule)."""
    key, title = (("revision", "Afvigelser fra den publicerede rapport uden forklaring") if unexplained
                  else ("revision-forklaret", "Forklarede afvigelser fra den publicerede rapport"))
    if audit is None:
        return Section(key, title, "", "Bølgen har ingen publiceret rapport at sammenligne med (config: published).",
                       [], blocking=unexplained)
    wanted = ["UNEXPLAINED"] if unexplained else ["explained", "judgement"]
    differences = audit[audit["status"].isin(wanted)]
    points = [Point(f"{r.figure}: publiceret {shown(r.published)}, beregnet {shown(r.computed)}: "
                    f"{AUDIT_STATUS[r.status]}" + (f" ({r.explanation})" if isinstance(r.explanation, str) else ""),
                    subject=r.figure)
              for r in differences.itertuples()]
    matches = int((audit["status"] == "match").sum())
    return Section(key, title, source, f"{matches} af {len(audit)} tal stemmer med rapporten.", points,
                   blocking=unexplained)


def hidden_section(breakdowns: list[dict], min_count: int, source: str) -> Section:
    """The breakdowns' groups withheld for discretion (render.context.breakdown_contexts), and,
    where privacy.min_count is on, the appendices' small counts."""
    points = []
    if min_count:
        points.append(Point(f"Bilagene viser antal under {min_count} som «{HIDDEN}», og de celler, de ellers kunne "
                            "regnes ud af; læs bilagenes tabeller igennem"))
    for b in breakdowns:
        hidden = [r for r in b["rows"] if r.get("hidden")]
        if hidden:
            rows = [f"{r['area_label']}, {r['group_label']}" for r in hidden]
            points.append(Point(f"Fordelt på {b['label'].lower()}: {len(hidden)} celle(r) vist som «{HIDDEN}» "
                                f"(færre end {b['min_count']} svar, eller ved siden af en sådan)", len(hidden),
                                _rows(rows), subject=b["label"]))
    return Section("skjulte", "Skjulte celler", source,
                   "Grupper, der ikke vises, så ingen kan regne et lille tal ud.", points)


def quote_section(quotes: pd.DataFrame, labels: dict, municipalities: list, source: str) -> Section:
    """One point per area with comments awaiting a decision (not one per comment): each comment,
    redacted, with its id and the line to paste into citater.yaml. Deciding the point here says the
    rest are not printed; a new comment brings it back as changed."""
    waiting = quotes[quotes["decision"] == "awaiting"]
    points = []
    for area, group in waiting.groupby("area", sort=False):
        rows = [f"«{redact(str(r.comment), municipalities)}»" + (f" ({int(r.count)} svar)" if int(r.count) > 1 else "")
                + f": id {r.quote_id}; sæt ind i citater.yaml under {r.area}: chosen: (eller rejected:)  - {r.quote_id}"
                for r in group.itertuples()]
        points.append(Point(f"{labels.get(area, area)}: {len(group)} kommentar(er) venter på en beslutning",
                            len(group), rows, subject=area))
    chosen, rejected = (int((quotes["decision"] == d).sum()) for d in ("chosen", "rejected"))
    return Section("citater", "Kommentarer, der venter på en beslutning", source,
                   f"{chosen} valgt og {rejected} fravalgt; kun de valgte trykkes i bilagene. Læs hver kommentar: "
                   "intet mønster finder en kollegas navn.", points, blocking=True)


_FIELD = re.compile(r"^(?P<indent> *)(?P<key>[^#:\s][^:]*):\s*(?P<value>[^#]*?)\s+#\s*(?P<evidence>.+)$")


def scaffold_section(codebook_text: str, labels: dict, source: str) -> Section:
    """What make new-wave mapped on its own, with the export's words it used: one point per area
    (and one for the respondent's own fields), while the codebook still says it was scaffolded."""
    lines = codebook_text.splitlines()
    if not lines or SCAFFOLDED not in lines[0]:
        return Section("kobling", "Hvad make new-wave koblede af sig selv", source,
                       "Kodebogen er ikke (længere) markeret som skrevet af make new-wave.", [], blocking=True)
    groups: dict[str, list[str]] = {}
    area = None
    for line in lines:
        if line.startswith("  ") and not line.startswith("   ") and line.rstrip().endswith(":"):
            area = line.strip().rstrip(":")
        elif not line.startswith(" "):
            area = None
        match = _FIELD.match(line)
        if match and match["value"]:
            group = labels.get(area, area) if area in labels else ("Koder: " + area if area else "Respondenten")
            groups.setdefault(group, []).append(f"{match['key']} = {match['value']}: {match['evidence']}")
    points = [Point(f"{group}: {len(rows)} kobling(er)", len(rows), rows, subject=group)
              for group, rows in groups.items()]
    return Section("kobling", "Hvad make new-wave koblede af sig selv", source,
                   "Kontrollér hver kobling mod spørgsmålets tekst; slet derefter kodebogens første linje "
                   f"(«… {SCAFFOLDED} …»), så punkterne forsvinder herfra.", points, blocking=True)


DECIDED = ("godkendt", "afvist")  # a decision: the point is fine as it is, or the report must not go out so
DECISION_KEYS = ("beslutning", "begrundelse", "hvem", "dato", "aftryk")


def read_decisions(path, points: dict) -> dict:
    """{point id: decision} from gennemsyn.yaml (one line per decided point, as the page shows it to
    paste). A mistake, or an id no point has any more, stops naming file, line and id."""
    path = Path(path)
    text = read_text(path) if path.exists() else ""
    document = parse_yaml(text, path) or {}  # the one YAML reader: syntax errors and bombs in one line
    if not isinstance(document, dict):
        raise IngestError(f"{path}: write one line per decided point (id: {{beslutning: godkendt, …}}), or {{}}")
    lines = key_lines(text)
    decisions = {}
    for point_id, entry in document.items():
        where = f"{path} line {line_of(lines, (point_id,))}"
        if point_id not in points:
            raise IngestError(f"{where}: {point_id!r} is no point of the review page any more (what it was about "
                              "is gone from this build): delete the line")
        if not isinstance(entry, dict) or entry.get("beslutning") not in DECIDED:
            raise IngestError(f"{where}: {point_id}: write beslutning: godkendt (or afvist), begrundelse, hvem, dato")
        unknown = [k for k in entry if k not in DECISION_KEYS]
        if unknown:
            raise IngestError(f"{where}: {point_id}: unknown key {unknown[0]!r}{near_miss(unknown[0], DECISION_KEYS)}")
        if not str(entry.get("begrundelse") or "").strip() or not str(entry.get("hvem") or "").strip():
            raise IngestError(f"{where}: {point_id}: say why (begrundelse) and who (hvem)")
        decisions[point_id] = entry
    return decisions


def apply_decisions(sections: list[Section], decisions: dict) -> None:
    """Each point's decision, and whether what it shows changed since (its fingerprint)."""
    for section in sections:
        for point in section.points:
            point.decision = decisions.get(point.id)
            point.changed = bool(point.decision) and str(point.decision.get("aftryk")) != point.fingerprint


def open_points(sections: list[Section]) -> list[Point]:
    """The blocking points still to decide: undecided, changed since decided, or decided "afvist"."""
    return [p for s in sections if s.blocking for p in s.points
            if p.decision is None or p.changed or p.decision.get("beslutning") != "godkendt"]


def headline(open_count: int) -> str:
    """The page's first line, and the last of `make report`."""
    if not open_count:
        return "Klar til udgivelse"
    return f"{open_count} {'punkt skal' if open_count == 1 else 'punkter skal'} afgøres før udgivelse"


def decision_line(point: Point) -> str:
    """The line to paste into gennemsyn.yaml to decide a point (the person fills in why, who, when)."""
    return (f'{point.id}: {{beslutning: godkendt, begrundelse: "…", hvem: XX, dato: ÅÅÅÅ-MM-DD, '
            f'aftryk: "{point.fingerprint}"}}')


def review_table(sections: list[Section]) -> pd.DataFrame:
    """The page's points as a table (gennemsyn.csv): what `make report` counts and Excel opens."""
    rows = []
    for s in sections:
        for p in s.points:
            state = ("ændret siden afgørelsen" if p.changed else p.decision["beslutning"] if p.decision
                     else "uafgjort")
            rows.append({"section": s.title, "id": p.id, "blocking": s.blocking, "state": state, "point": p.text,
                         "rows": p.count, "source": s.source, "fingerprint": p.fingerprint})
    return pd.DataFrame(rows, columns=["section", "id", "blocking", "state", "point", "rows", "source", "fingerprint"])


def review(job) -> None:
    """Rule review: reports/<wave>/gennemsyn.html and its points as gennemsyn.csv."""
    p = job.params
    wave = job.wildcards.wave
    labels = {slug: area["label"] for slug, area in p.wave["areas"].items()}
    municipalities = read_csv(job.input.municipalities)["municipality"].tolist()
    processed = f"../../data/processed/{wave}"
    breakdowns = breakdown_contexts(read_csv(job.input.breakdowns, dtype={"group": str}), p.breakdowns, labels)
    audit = read_csv(job.input.audit[0]) if job.input.audit else None
    sections = [
        quality_section(read_csv(job.input.quality), f"{processed}/quality.csv"),
        exclusion_section(read_csv(job.input.exclusions, dtype={"raw_value": str, "column": str}), labels,
                          municipalities, f"{processed}/exclusions.csv"),
        low_base_section(read_csv(job.input.area_stats), labels, p.low_base, f"{processed}/area_stats.csv"),
        unusual_section(read_csv(job.input.unusual, dtype={"typed": str, "source_rows": str}), labels,
                        municipalities, f"{processed}/unusual.csv"),
        change_section(read_csv(job.input.changes, dtype={"previous_year": str}), labels, f"{processed}/changes.csv"),
        audit_section(audit, "audit.md", unexplained=True),
        audit_section(audit, "audit.md"),
        hidden_section(breakdowns, p.min_count, f"{processed}/breakdowns.csv"),
        quote_section(read_csv(job.input.quotes, dtype={"comment": str, "quote_id": str}), labels, municipalities,
                      f"../../{job.input.selection}"),
        scaffold_section(Path(job.input.codebook).read_text(encoding="utf-8"), labels, f"../../{job.input.codebook}"),
    ]
    sections = sorted(sections, key=lambda s: not s.blocking)  # what blocks publication first
    decisions_file = job.input.decisions[0] if job.input.decisions else None
    points = {point.id: point for s in sections for point in s.points}
    apply_decisions(sections, read_decisions(decisions_file, points) if decisions_file else {})
    write_csv(review_table(sections), job.output.csv)
    write_text(pages.render("gennemsyn.html.j2", title=p.wave["title"], wave=wave,
                            headline=headline(len(open_points(sections))), sections=sections,
                            decisions_file=f"../../{decisions_file}" if decisions_file else "",
                            paste=decision_line), job.output.html)
