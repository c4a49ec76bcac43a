"""The audit: every published figure beside the computed one, and a reason for each difference.

This is the only place that reads published.yaml (besides the reconstruction generator). A
difference counts as explained only where a person wrote the reason down: a contradiction of
the report listed in published.yaml, or a figure the report states as a judgement (the main
range, "hovedparten"), which the pipeline replaces by a documented rule.
"""

from pathlib import Path

import pandas as pd

from ..core import caps
from ..core.binning import bin_table, parse_bins
from ..core.files import read_csv, write_csv, write_text
from ..core.job import log
from ..core.parsing import AnswerError, parse_caseload
from ..core.yaml_file import load_yaml

MATCH, EXPLAINED, JUDGEMENT, NOT_COMPUTED, UNEXPLAINED = (
    "match", "explained", "judgement", "not_computed", "UNEXPLAINED")
STATUS_LABELS = {
    MATCH: "stemmer",
    EXPLAINED: "afviger, forklaret (rapportens egen uoverensstemmelse)",
    JUDGEMENT: "afviger, skøn i rapporten (hovedparten)",
    NOT_COMPUTED: "beregnes ikke (findes ikke i data)",
    UNEXPLAINED: "AFVIGER UDEN FORKLARING",
}
NOT_IN_DATA = {"summary.declined", "summary.not_answered"}


def flatten_published(published: dict) -> dict:
    """{figure id: printed value}; bin percentages the report leaves blank are not figures."""
    flat = {}

    def walk(prefix, node):
        for key, value in node.items():
            if isinstance(value, dict):
                walk(f"{prefix}.{key}", value)
            else:
                flat[f"{prefix}.{key}"] = value

    walk("summary", published["summary"])
    for area, figures in published["areas"].items():
        for key, value in figures.items():
            if key == "bilag":
                continue
            if key in ("current", "suggested"):
                for name, item in value.items():
                    if name != "bins":
                        flat[f"{area}.{key}.{name}"] = item
                for label, count, pct in value.get("bins", []):
                    flat[f"{area}.{key}.bins.{label}.count"] = count
                    if pct is not None:
                        flat[f"{area}.{key}.bins.{label}.pct"] = pct
            elif key == "caps":
                flat[f"{area}.caps.n"] = value["n"]
                if "values" in value:
                    flat[f"{area}.caps.values"] = sorted(value["values"])
                for label, count in value.get("groups", []):
                    flat[f"{area}.caps.groups.{label}"] = count
            elif isinstance(value, dict):
                walk(f"{area}.{key}", value)
            else:
                flat[f"{area}.{key}"] = value
    return flat


def _cap_numbers(values: list[str]) -> list[float]:
    numbers = []
    for text in values:
        try:
            numbers.append(parse_caseload(text).value)
        except AnswerError:
            continue
    return numbers


def caseworker_figures(case_types: pd.DataFrame, single_type: pd.DataFrame, coordination: pd.DataFrame,
                       admin_help: pd.DataFrame) -> dict:
    """{figure id: computed value} for the caseworker design's tables (ids as in published.yaml)."""
    flat = {}
    fields = ("n", "mean", "min", "max", "main_range")
    for r in case_types.to_dict("records"):
        flat.update({f"{r['area']}.case_types.{r['case_type']}.{f}": r[f] for f in fields})
    for r in single_type.to_dict("records"):
        prefix = (f"{r['area']}.single_type_total" if r["case_type"] == "i-alt"
                  else f"{r['area']}.single_type.{r['case_type']}")
        flat.update({f"{prefix}.{f}": r[f] for f in fields})
    for r in coordination.to_dict("records"):
        if r["kind"] in ("yes", "no", "dont_know"):
            flat[f"{r['area']}.coordination.{r['kind']}"] = r["n"]
        else:
            flat.update({f"{r['area']}.coordination.{r['kind']}.{f}": r[f] for f in ("n", "mean", "min", "max")})
    for r in admin_help.to_dict("records"):
        flat[f"summary.admin_help.{r['answer']}"] = r["n"]
    return flat


def computed_figures(area_stats: pd.DataFrame, bins: dict, summary: pd.DataFrame,
                     compliance: pd.DataFrame, method: pd.DataFrame, cap_groups: dict,
                     changes: pd.DataFrame | None = None) -> dict:
    """{figure id: computed value} in the ids of flatten_published.

    bins: {(area, "current"|"suggested"): rows}; cap_groups: {area: group labels} for areas
    whose caps the report prints grouped; changes: rule changes' table (the previous wave's means).
    """
    flat = {}
    previous = {} if changes is None else dict(zip(changes["area"], changes["mean_previous"]))
    for s in area_stats.to_dict("records"):
        a = s["area"]
        flat[f"{a}.n"] = s["n_current"]
        flat[f"{a}.respondents"] = s["n_respondents"]
        flat[f"{a}.n_municipalities"] = s["n_municipalities"]
        for question in ("current", "suggested"):
            for name in ("mean", "min", "max", "main_range"):
                flat[f"{a}.{question}.{name}"] = s[f"{name}_{question}"]
            for row in bins.get((a, question), []):
                flat[f"{a}.{question}.bins.{row['interval']}.count"] = row["count"]
                flat[f"{a}.{question}.bins.{row['interval']}.pct"] = row["percent"]
        for level in ("too_high", "about_right", "too_low"):
            flat[f"{a}.assessment.{level}.n"] = s[f"{level}_n"]
            flat[f"{a}.assessment.{level}.pct"] = s[f"{level}_pct"]
        flat[f"{a}.caps.n"] = s["caps_n"]
        flat[f"{a}.caps.values"] = sorted(caps.every(s["caps_values"]))
        if a in cap_groups:
            rows, _ = bin_table(_cap_numbers(caps.every(s["caps_values"])), parse_bins(cap_groups[a]))
            for row in rows:
                flat[f"{a}.caps.groups.{row['interval']}"] = row["count"]
        has_guideline = pd.notna(s["guideline_max"])
        flat[f"{a}.guideline"] = f"{s['guideline_min']:g}-{s['guideline_max']:g}" if has_guideline else None
        for name in ("compliant_n", "compliant_pct", "noncompliant_n", "noncompliant_pct"):
            flat[f"{a}.compliance.{name}"] = s[name]
        flat[f"{a}.summary_table.mean_previous"] = previous.get(a)
        flat[f"{a}.summary_table.too_high_pct"] = s["too_high_pct"]
        flat[f"{a}.summary_table.suggested_mean"] = s["mean_suggested"]
        flat[f"{a}.summary_text.too_high_pct"] = s["too_high_pct"]
    for figure, value in zip(method["figure"], method["value"]):
        flat[f"summary.{figure}"] = value
    overall = compliance[compliance["area"] == "alle"].iloc[0]
    flat["summary.compliance.compliant_n"] = overall["compliant_n"]
    flat["summary.compliance.answers_n"] = overall["n_current"]
    flat["summary.compliance.compliant_pct"] = overall["compliant_pct"]
    flat["summary.compliance.noncompliant_pct"] = overall["noncompliant_pct"]
    within = summary["mean_within_guideline"].dropna()
    flat["summary.areas_mean_within_guideline"] = int(within.astype(str).str.lower().eq("true").sum())
    flat["summary.areas_with_guideline"] = len(within)
    return flat


def _missing(value) -> bool:
    return value is None or (not isinstance(value, (list, str)) and pd.isna(value))


def same(published, computed) -> bool:
    if _missing(published) or _missing(computed):
        return _missing(published) and _missing(computed)
    if isinstance(published, list) or isinstance(computed, list):
        return sorted(map(str, published)) == sorted(map(str, computed))
    try:
        return float(published) == float(computed)
    except (TypeError, ValueError):
        return str(published).strip() == str(computed).strip()


def compare(published: dict, computed: dict, main_range_rule: str) -> pd.DataFrame:
    """One row per published figure: published, computed, status and explanation."""
    reasons = {}
    for contradiction in published.get("contradictions", []):
        for figure in contradiction.get("figures", []):
            reasons[figure] = f"{contradiction['note']} {contradiction['resolution']}"
    rows = []
    for figure, printed in flatten_published(published).items():
        value = computed.get(figure)
        explanation = ""
        if figure in NOT_IN_DATA or figure not in computed:
            status = NOT_COMPUTED
            explanation = "Tallet findes ikke i eksporten (kun svar fra deltagere er med)."
        elif same(printed, value):
            status = MATCH
        elif figure in reasons:
            status, explanation = EXPLAINED, reasons[figure]
        elif figure.endswith(".main_range"):
            status = JUDGEMENT
            explanation = f"Rapportens 'hovedparten' er et skøn; {main_range_rule} giver {value}."
        else:
            status = UNEXPLAINED
        rows.append({"figure": figure, "published": _show(printed), "computed": _show(value),
                     "status": status, "explanation": explanation})
    return pd.DataFrame(rows, columns=["figure", "published", "computed", "status", "explanation"])


def _show(value) -> str:
    if _missing(value):
        return ""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render_markdown(audit: pd.DataFrame, published: dict, wave: str) -> str:
    """The audit as Danish Markdown: totals, every difference with its reason, the contradictions."""
    counts = audit["status"].value_counts()
    lines = [
        f"# Revision af {wave}: beregnet mod offentliggjort",
        "",
        f"Kilde: {published.get('source', '')}. {len(audit)} offentliggjorte tal er sammenlignet med "
        "pipelinens beregning.",
        "",
        "| Status | Antal |",
        "|---|---:|",
    ]
    lines += [f"| {STATUS_LABELS[s]} | {int(counts.get(s, 0))} |" for s in STATUS_LABELS]
    differing = audit[audit["status"] != MATCH]
    lines += ["", "## Tal der ikke stemmer, med forklaring", ""]
    if differing.empty:
        lines.append("Alle tal stemmer.")
    else:
        lines += ["| Tal | Offentliggjort | Beregnet | Status | Forklaring |", "|---|---|---|---|---|"]
        for row in differing.itertuples():
            lines.append(f"| `{row.figure}` | {row.published} | {row.computed} | "
                         f"{STATUS_LABELS[row.status]} | {row.explanation} |")
    lines += ["", "## Rapportens egne uoverensstemmelser", ""]
    for contradiction in published.get("contradictions", []):
        lines.append(f"- **{contradiction['id']}**: {contradiction['note']} "
                     f"*Løsning:* {contradiction['resolution']}")
    lines += ["", "Alle sammenligninger står i `audit.csv` ved siden af denne fil.", ""]
    return "\n".join(lines)


def main_range_rule(share: float) -> str:
    """The main-range rule in the Danish words the audit uses."""
    return (f"reglen 'det smalleste løb af nabointervaller med mindst {share:.0%} af svarene'"
            .replace(".", ","))


def cap_group_labels(published: dict) -> dict:
    """{area: group labels} where the report prints caps grouped ("11 har et loft på 20-25")."""
    return {area: [g[0] for g in figures["caps"]["groups"]]
            for area, figures in published["areas"].items() if "groups" in figures.get("caps", {})}


def bins_by_area(bins: pd.DataFrame) -> dict:
    """{(area, question): bin rows} from the long bins table."""
    return {(area, question): rows.to_dict("records") for (area, question), rows in bins.groupby(["area", "question"])}


def audit(job) -> None:
    """Rule audit: published figures beside computed ones, with reasons."""
    published = load_yaml(job.input.transcription)
    computed = computed_figures(read_csv(job.input.area_stats), bins_by_area(read_csv(job.input.bins)),
                                read_csv(job.input.summary), read_csv(job.input.compliance),
                                read_csv(job.input.method), cap_group_labels(published),
                                read_csv(job.input.changes))
    if job.input.caseworker_tables:
        tables = {Path(path).stem: read_csv(path) for path in job.input.caseworker_tables}
        computed |= caseworker_figures(tables["case_types"], tables["single_type"], tables["coordination"],
                                       tables["admin_help"])
    table = compare(published, computed, main_range_rule(job.params.main_range_share))
    for row in table[table["status"] == UNEXPLAINED].itertuples():
        log.warning("unexplained difference %s: published %s, computed %s", row.figure,
                    row.published, row.computed)
    write_csv(table, job.output.csv)
    write_text(render_markdown(table, published, job.wildcards.wave), job.output.md)
