"""Excel workbooks laid out like the report's tables: real numbers, Danish headers, base n, a note."""

import io
import re
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..core.danish import plain
from ..core.files import runs_as_formula, write_bytes
from ..core.tables import rows_by
from .privacy import HIDDEN

HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
BOLD = Font(bold=True)
NOTE = Font(italic=True, size=9, color="555555")
RULE = Border(top=Side(style="thin"))


@dataclass
class Table:
    """One sheet: a title, a header row, data rows, an optional total row and notes below."""

    sheet: str
    title: str
    headers: list
    rows: list
    total: list | None = None
    notes: list = field(default_factory=list)


SHEET_NAME_MAX = 31  # Excel's limit; a sheet's name cannot hold \\ / ? * [ ] :
NOT_IN_SHEET_NAMES = re.compile(r"[\\/?*\[\]:]")


def sheet_name(wanted: str, taken) -> str:
    """A sheet name Excel accepts for a text from config (a breakdown's label, "Kommune/region"):
    the characters a sheet name cannot hold become '-', a name longer than 31 characters is cut
    with '…', and one already taken (Excel compares names case-blind) gets ' (2)'. The sheet's
    first row keeps the label as written."""
    name = " ".join(NOT_IN_SHEET_NAMES.sub("-", wanted).split()).strip("'") or "Ark"
    used = {t.casefold() for t in taken}
    for number in range(1, len(used) + 2):
        suffix = f" ({number})" if number > 1 else ""
        room = SHEET_NAME_MAX - len(suffix)
        candidate = (name if len(name) <= room else name[:room - 1].rstrip() + "…") + suffix
        if candidate.casefold() not in used:
            return candidate
    raise AssertionError("unreachable: one of len(taken) + 1 suffixes is free")


def write_table(workbook: Workbook, table: Table) -> None:
    ws = workbook.create_sheet(sheet_name(table.sheet, workbook.sheetnames))
    ws["A1"] = table.title
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(table.headers)
    for cell in ws[3]:
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        ws.append(row)
    if table.total is not None:
        ws.append(table.total)
        for cell in ws[ws.max_row]:
            cell.font, cell.border = BOLD, RULE
    if table.notes:
        ws.append([])
        for note in table.notes:
            ws.append([note])
            ws.cell(ws.max_row, 1).font = NOTE
    widths = [len(str(h)) for h in table.headers]
    for row in table.rows + ([table.total] if table.total else []):
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(str(value if value is not None else "")))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 10), 60)
    ws.freeze_panes = "A4"
    for cells in ws.iter_rows():
        _as_text(cells)


def _as_text(cells) -> None:
    """A text that would run as a formula (a respondent's "=HYPERLINK(…)") stays a string: openpyxl
    would store a text beginning with "=" as a formula; the quote prefix keeps it text when edited."""
    for cell in cells:
        if runs_as_formula(cell.value):
            cell.data_type, cell.quotePrefix = "s", True


def save(tables: list[Table], path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        write_table(workbook, table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_bytes(buffer.getvalue(), path)


def _bins_table(sheet, title, header, figures, note, hidden="", min_count=0) -> Table:
    return Table(
        sheet=sheet, title=title, headers=[header, "Antal svar", "Procent"],
        rows=[[b["interval"], b["count"] if b["count"] is not None else hidden, b["percent"]] for b in figures["bins"]],
        total=["I alt", figures["n"], 100 if figures["n"] else None],
        notes=[f"Procent af n = {figures['n']} svar.", note]
        + ([f"{hidden}: skjult af hensyn til anonymiteten (færre end {min_count} svar, eller skjult, så de ikke kan "
            "regnes ud af totalen)."] if hidden else []),
    )


def appendix_tables(ctx: dict) -> list[Table]:
    """The tables of one appendix, in the report's order."""
    note = (f"{ctx['title']} · bilag {ctx['bilag']} · kilde: {ctx['source']} "
            f"· gennemsnit afrundet halvt op til hele tal")
    heading = f"Bilag {ctx['bilag']} – {ctx['label']}"
    tables = [
        _bins_table("Aktuelle sager", f"{heading}: aktuelle antal sager pr. sagsbehandler",
                    "Aktuelle antal sager", ctx["current"], note, ctx.get("suppressed", ""), ctx.get("min_count", 0)),
        _bins_table("Passende sager", f"{heading}: passende antal sager pr. sagsbehandler",
                    "Passende antal sager", ctx["suggested"], note, ctx.get("suppressed", ""), ctx.get("min_count", 0)),
    ]
    if "assessment" in ctx["sections"]:
        tables.append(Table(
            sheet="Vurdering", title=f"{heading}: vurdering af det aktuelle sagstal",
            headers=["Vurdering", "Antal svar", "Procent", "Laveste aktuelle sagstal",
                     "Højeste aktuelle sagstal", "Hovedparten har"],
            rows=[[lvl["label"].capitalize(), lvl["n"] if lvl["n"] is not None else ctx["suppressed"], lvl["pct"],
                   lvl["min_current"],
                   lvl["max_current"], lvl["main_range_current"]] for lvl in ctx["assessment"]],
            total=["I alt", ctx["n_assessed"], 100 if ctx["n_assessed"] else None],
            notes=[f"Procent af n = {ctx['n_assessed']} svar på vurderingen.", note],
        ))
    if "caps" in ctx["sections"]:
        tables.append(Table(
            sheet="Loft", title=f"{heading}: loft over sagstallet besluttet af ledelsen",
            headers=["Loft over sagstallet", "Antal svar"],
            rows=[["Ja", ctx["caps"]["n"] if ctx["caps"]["n"] is not None else ctx["suppressed"]]]
            + [[f"Loft på {value} sager" if isinstance(value, (int, float)) else f"Loft: {value}", count]
               for value, count in ctx["caps"]["rows"]],
            notes=[note],
        ))
    type_headers = ["Sagstype", "Respondenter", "Gennemsnit", "Laveste", "Højeste", "Hovedparten"]

    def type_rows(rows):
        return [[r["label"], r["n"], r["mean"], r["min"], r["max"], r["main_range"]] for r in rows]

    if "case_types" in ctx["sections"]:
        tables.append(Table(sheet="Sagstyper", title=f"{heading}: sager pr. sagstype (omregnet til fuldtid)",
                            headers=type_headers, rows=type_rows(ctx["case_types"]), notes=[note]))
    if "single_type" in ctx["sections"]:
        total = ctx["single_type_total"]
        tables.append(Table(
            sheet="Én sagstype", title=f"{heading}: vurdering af passende sagstal på enkelte sagstyper",
            headers=type_headers, rows=type_rows(ctx["single_type"]),
            total=[f"{ctx['label']} i alt", total["n"], total["mean"], None, None, total["main_range"]] if total else None,
            notes=[note]))
    if "coordination" in ctx["sections"]:
        tables.append(Table(
            sheet="Koordinering", title=f"{heading}: koordinerende sagsbehandlere",
            headers=["Svar / sagstype", "Respondenter", "Gennemsnit", "Laveste", "Højeste"],
            rows=[[r["label"], r["n"], r.get("mean"), r.get("min"), r.get("max")] for r in ctx["coordination"]],
            notes=[note]))
    if "compliance" in ctx["sections"]:
        tables.append(_compliance_table(ctx, heading, note))
    if ctx["quotes"]:
        tables.append(Table(sheet="Citater", title=f"{heading}: citater", headers=["Citat"],
                            rows=[[quote] for quote in ctx["quotes"]], notes=[note]))
    return tables


def _compliance_table(ctx: dict, heading: str, note: str) -> Table:
    guideline = ctx["guideline"]
    compliance = ctx["compliance"]
    return Table(
        sheet="Overholdelse", title=f"{heading}: overholdelse af DS' vejledende sagstal",
        headers=["", "Antal svar", "Procent"],
        rows=[
            ["DS' vejledende sagstal", guideline["label"] if guideline else "Intet", None],
            ["Aktuelt gennemsnitligt sagstal", ctx["current"]["mean"], None],
            ["Overholder", compliance["compliant_n"], compliance["compliant_pct"]],
            ["Overholder ikke", compliance["noncompliant_n"], compliance["noncompliant_pct"]],
        ],
        total=["I alt", ctx["n"] if guideline else None, 100 if guideline else None],
        notes=[f"Procent af n = {ctx['n']} svar. Et svar overholder, når det er højst det "
               "vejledende sagstals maksimum.", note],
    )


COMPARISON_SHEET = "Overholdelse over tid"


def comparison_table(comparison: dict, note: str) -> Table:
    """Overall compliance per wave (render.comparison): each figure's areas, and whether this wave
    has a figure on the same areas; the notes name the areas of each comparison."""
    return Table(
        sheet=COMPARISON_SHEET, title="Samlet overholdelse af DS' vejledende sagstal pr. undersøgelse",
        headers=["År", "Kilde", "Områder", "Antal svar", "Overholder", "Procent", "95 %-interval, fra",
                 "95 %-interval, til", f"Samme områder som {comparison['wave']}"],
        rows=[[r["year"], r["source"], r["basis"], r["n"], r["compliant_n"], r["pct"], r["ci_low"], r["ci_high"],
               r["comparable"]] for r in comparison["rows"]],
        notes=[*comparison["sentences"],
               f"Samme områder som {comparison['wave']}: nej, når tallet bygger på andre områder end i "
               f"{comparison['wave']} (publiceret: rapportens egne, som kilden ikke opdeler) og ikke kan "
               "sammenlignes direkte.", note],
    )


def overview_tables(summary, compliance, method, regions, labels: dict, title: str, source: str,
                    comparison: dict | None = None) -> list[Table]:
    """The cross-area tables of one wave (oversigt.xlsx); the overall compliance per wave only where
    a wave's figure rests on other areas than this wave's (comparison["shown"])."""
    note = f"{title} · kilde: {source}"
    figures = {name: plain(value) for name, value in zip(method["figure"], method["value"])}
    answers = [[labels[r.area], r.answers] for r in summary.itertuples()]
    tables = [
        Table(
            sheet="Resumé", title="Hovedresultater pr. sagsområde",
            headers=["Sagsområde", "Antal svar", "Aktuelt gennemsnitligt sagstal", "95 %-interval, fra",
                     "95 %-interval, til", "Gennemsnit ved forrige måling", "Forrige måling (år, kilde)",
                     "Svar på vurderingen", "Andel der vurderer sagstallet for højt (%)", "95 %-interval, fra",
                     "95 %-interval, til", "Passende antal sager (gennemsnit)", "DS' vejledende sagstal",
                     "Lav base"],
            rows=[[labels[r.area], r.answers, r.mean_current, plain(r.mean_current_ci_low), plain(r.mean_current_ci_high),
                   plain(r.mean_previous), f"{r.previous_year}, {r.previous_source}" if pd.notna(r.mean_previous) else "",
                   plain(r.n_assessed), r.too_high_pct, plain(r.too_high_pct_ci_low),
                   plain(r.too_high_pct_ci_high), r.mean_suggested,
                   r.guideline if isinstance(r.guideline, str) else "Intet", "ja" if str(r.low_base) == "True" else ""]
                  for r in summary.itertuples()],
            notes=["Procent af svarene på spørgsmålet i området.",
                   "95 %-interval: for gennemsnittet percentil-bootstrap, for andelen Wilson-interval. "
                   "Lav base: så få svar, at tallene tolkes med forsigtighed.",
                   note],
        ),
        Table(
            sheet="Overholdelse", title="Overholdelse af DS' vejledende sagstal pr. sagsområde",
            headers=["Sagsområde", "Antal svar", "Overholder", "Procent", "95 %-interval, fra", "95 %-interval, til",
                     "Overholder ikke", "Procent"],
            rows=[[labels.get(r.area, "Alle områder med vejledende sagstal"), r.n_current, r.compliant_n,
                   r.compliant_pct, plain(r.compliant_pct_ci_low), plain(r.compliant_pct_ci_high),
                   r.noncompliant_n, r.noncompliant_pct] for r in compliance.itertuples()],
            notes=["Procent af områdets svar; sidste række: alle svar i områder med et vejledende sagstal.",
                   "95 %-interval: Wilson-interval for andelen; med under 30 svar (lav base) er det bredt.", note],
        ),
        *([comparison_table(comparison, note)] if comparison and comparison["shown"] else []),
        Table(
            sheet="Svar pr. område", title="Antal svar (kommuner/arbejdspladser) pr. sagsområde",
            headers=["Sagsområde", "Antal svar"], rows=answers,
            total=["Alle", sum(a[1] for a in answers)], notes=[note],
        ),
        Table(
            sheet="Regioner", title="Fordeling mellem Dansk Socialrådgiverforenings tre regioner",
            headers=["Region", "Antal svar", "Procent"],
            rows=[[name, figures.get(f"regions.{key}.n"), figures.get(f"regions.{key}.pct")]
                  for key, name in regions.items() if f"regions.{key}.n" in figures],
            total=["Hele landet", figures.get("respondents"), 100],
            notes=[f"Procent af n = {figures.get('respondents')} respondenter.", note],
        ),
        Table(
            sheet="Svarprocent", title="Udsendte skemaer og svar",
            headers=["", "Antal"],
            rows=[["Udsendt til", figures.get("invited")], ["Har svaret", figures.get("respondents")],
                  ["Svarprocent", figures.get("response_rate_pct")],
                  ["Kommuner", figures.get("municipalities")], ["Svar i alt (sagsområder)", figures.get("answers")]],
            notes=["Svarprocenten er med én decimal, afrundet halvt op.", note],
        ),
    ]
    return tables


def scenario_tables(scenarios, staffing, labels: dict, set_labels: dict, source: str) -> list[Table]:
    """Compliance under each named guideline set, and the staff needed to comply (oversigt.xlsx)."""
    overall = {"alle": "Alle områder med vejledende sagstal i sættet",
               "faelles": "Områder med vejledende sagstal i alle sæt (samme svar)"}

    def label(area):
        return labels.get(area) or overall[area]

    sets = list(dict.fromkeys(scenarios["set"]))
    wide = {s: scenarios[scenarios["set"] == s].set_index("area") for s in sets}
    areas = list(dict.fromkeys(scenarios["area"]))
    headers = ["Sagsområde"] + [h for s in sets for h in (f"{set_labels.get(s, s)}: vejledende sagstal",
                                                          "Svar", "Overholder (antal)", "Overholder (%)")]
    rows = [[label(a)] + [plain(v) for s in sets for v in (
                wide[s].loc[a, "guideline"] if pd.notna(wide[s].loc[a, "guideline"]) else "–",
                wide[s].loc[a, "n"], wide[s].loc[a, "compliant_n"], wide[s].loc[a, "compliant_pct"])]
            for a in areas]
    return [
        Table(sheet="Scenarier", title="Overholdelse under hvert sæt vejledende sagstal (samme svar)",
              headers=headers, rows=rows,
              notes=["Et svar overholder, når det er højst sættets maksimum. Procent af områdets svar.",
                     f"Kilde: {source}"]),
        Table(sheet="Bemanding", title="Ekstra bemanding for at nå det vejledende sagstal, for arbejdspladser over det",
              headers=["Sæt vejledende sagstal", "Sagsområde", "Vejledende sagstal", "Mål", "Mål (sager)", "Svar",
                       "Over målet", "Ekstra bemanding, gennemsnit (%)", "Ekstra bemanding, median (%)",
                       "Andel svar med over 10 % (%)", "Andel svar med over 25 % (%)"],
              rows=[[set_labels.get(r.set, r.set), labels[r.area], r.guideline,
                     "maksimum" if r.target == "maximum" else "midtpunkt",
                     plain(r.target_caseload), plain(r.answers), plain(r.above_target), plain(r.mean_extra_pct),
                     plain(r.median_extra_pct), plain(r.over_10_pct), plain(r.over_25_pct)]
                    for r in staffing.itertuples()],
              notes=["Pr. svar: aktuelt sagstal / mål - 1 (fx 55 sager ved målet 50: 10 % mere bemanding).",
                     f"Kilde: {source}"]),
    ]


def _clear(value) -> str:
    text = str(plain(value))
    return {"True": "tydelig ændring", "False": "ikke tydelig"}.get(text, "")


def change_tables(trend: pd.DataFrame, changes: pd.DataFrame, labels: dict, source: str) -> list[Table]:
    """Each area's trend with each figure's source, and the change since the previous comparable wave."""
    order = {area: i for i, area in enumerate(labels)}  # the appendices' order, not the slugs'
    changes = changes.sort_values("area", key=lambda a: a.map(order), kind="stable")
    trend = trend.sort_values("area", key=lambda a: a.map(order), kind="stable")
    changes = changes.astype(object).where(changes.notna(), None)
    trend = trend.astype(object).where(trend.notna(), None)
    interval_heads = ["95 %-interval, fra", "95 %-interval, til"]
    return [
        Table(sheet="Udvikling", title="Gennemsnitligt aktuelt sagstal pr. undersøgelse og sagsområde",
              headers=["Sagsområde", "År", "Kilde", "Antal svar", "Gennemsnit", "Gennemsnit (1 decimal)",
                       *interval_heads, "Sammenlignelig", "Note"],
              rows=[[labels[r.area], str(r.year), r.source, plain(r.n), plain(r.mean), plain(r.mean_one_decimal),
                     plain(r.ci_low), plain(r.ci_high), "ja" if str(r.comparable) == "True" else "nej",
                     r.note or ""] for r in trend.itertuples()],
              notes=["Kilde beregnet: af undersøgelsens egne svar; publiceret: kun det offentliggjorte "
                     "gennemsnit kendes.",
                     "Ikke sammenlignelig: et område, der var skåret anderledes eller spurgt anderledes "
                     "end i år; vises ikke i grafen og indgår ikke i ændringerne.",
                     f"Kilde: {source}"]),
        Table(sheet="Ændringer", title="Ændring siden forrige sammenlignelige måling pr. sagsområde",
              headers=["Sagsområde", "År", "Forrige år", "Forrige kilde", "Grundlag", "Gennemsnit før", "Gennemsnit nu",
                       "Forskel (sager)", *interval_heads, "Gennemsnit: vurdering",
                       "Overholder før (%)", "Overholder nu (%)", "Forskel (procentpoint)", *interval_heads,
                       "Overholdelse: vurdering", "For højt før (%)", "For højt nu (%)", "Forskel (procentpoint)",
                       *interval_heads, "For højt: vurdering"],
              rows=[[labels[r.area], str(r.year), str(r.previous_year), r.previous_source, r.basis,
                     plain(r.mean_previous), plain(r.mean_current),
                     plain(r.mean_diff) if r.mean_diff is not None else plain(r.mean_change),
                     plain(r.mean_diff_ci_low), plain(r.mean_diff_ci_high), _clear(r.change_is_clear),
                     plain(r.compliant_pct_previous), plain(r.compliant_pct_current), plain(r.compliant_diff),
                     plain(r.compliant_diff_ci_low), plain(r.compliant_diff_ci_high), _clear(r.compliant_change_is_clear),
                     plain(r.too_high_pct_previous), plain(r.too_high_pct_current), plain(r.too_high_diff),
                     plain(r.too_high_diff_ci_low), plain(r.too_high_diff_ci_high), _clear(r.too_high_change_is_clear)]
                    for r in changes.itertuples()],
              notes=["Grundlag svar: begge års svar kendes; forskellen i gennemsnit har et bootstrap-interval, "
                     "forskellene i andele Newcombe-intervaller. Tydelig ændring: intervallet rummer ikke 0.",
                     "Grundlag publiceret gennemsnit: kun forrige års gennemsnit kendes; ændringen er tydelig, når "
                     "det ligger uden for årets 95 %-interval for gennemsnittet. Forskellen er da mellem de "
                     "afrundede gennemsnit.",
                     "Overholdelse måles hvert år mod de vejledende sagstal, der gjaldt på undersøgelsestidspunktet.",
                     f"Kilde: {source}"]),
    ]


def _breakdown_row(r: dict) -> list:
    """One group of one area; a hidden group shows only its names."""
    if r["hidden"]:
        return [r["area_label"], r["group_label"]] + [HIDDEN] * 6
    return [r["area_label"], r["group_label"], plain(r["n"]), plain(r["mean"]), r["main_range"],
            "–" if r["guideline_max"] is None else plain(r["compliant_pct"]), plain(r["n_assessed"]),
            plain(r["too_high_pct"]) if r["n_assessed"] else "–"]


def breakdown_tables(breakdowns: list[dict], source: str) -> list[Table]:
    """One sheet per breakdown (rapport's section "Fordelt på ..."), small groups suppressed."""
    tables = []
    for b in breakdowns:
        name = b["label"].lower()
        missing = [] if b["rows"] else [f"Eksporten har ingen oplysning om {name} for denne undersøgelse, "
                                        "så tallene kan ikke fordeles."]
        tables.append(Table(
            sheet=f"Pr. {name}", title=f"Hovedtal pr. sagsområde og {name}",
            headers=["Sagsområde", b["label"], "Antal svar", "Gennemsnitligt aktuelt sagstal", "Hovedparten",
                     "Overholder DS' vejledende sagstal (%)", "Svar på vurderingen", "Vurderer for højt (%)"],
            rows=[_breakdown_row(r) for r in b["rows"]],
            notes=missing + [
                f"{HIDDEN}: skjult af hensyn til anonymiteten: grupper med færre end {b['min_count']} svar, og så "
                "mange andre grupper i samme område, at ingen skjult gruppe kan regnes ud fra områdets i alt, de "
                "viste grupper eller rapportens andre opdelinger.",
                "–: intet vejledende sagstal for området, eller ingen svar på vurderingen. Procent af gruppens svar.",
                f"Kilde: {source}"]))
    return tables


KINDS = {"id": "respondent-id", "text": "tekst", "number": "tal", "code": "kode", "unused": "ikke brugt"}
FIELDS = {"respondent id": "respondent-id", "respondent_id": "respondent-id", "municipality": "kommune", "region": "region",
          "role": "stilling",
          "hours": "ugentlig arbejdstid", "area": "primært område", "current": "aktuelt antal sager",
          "suggested": "passende antal sager", "assessment": "vurdering af sagstallet", "cap": "loft over sagstallet",
          "cap_value": "loftets størrelse", "comment": "kommentar", "single_type": "én sagstype: sagstype",
          "single_type_value": "én sagstype: passende antal sager", "coordinating": "koordinerende sagsbehandler",
          "admin_help": "administrativ bistand", "case type": "antal sager af sagstypen", "coordination": "koordinering"}


def field_label(field: str, labels: dict) -> str:
    """'boerne-familie assessment' -> 'Børne-familieområdet: vurdering af sagstallet' (the codebook's roles)."""
    if field in FIELDS:
        return FIELDS[field]
    head, _, tail = field.rpartition(" ")
    if head in FIELDS:  # "case type paragraf-56", "coordination ..."
        return f"{FIELDS[head]}: {labels.get(tail, tail)}"
    return f"{labels.get(head, head)}: {FIELDS.get(tail, tail)}" if head else field


SCOPES = {"cell": "ubrugeligt svar", "row": "række udeladt", "note": "note", "flag": "uden for det plausible interval, "
          "beholdt", "caseload": "sagstal udeladt", "case_types": "sagstyper udeladt",
          "single_type_total": "udeladt af i alt-rækken"}


def _ledger_text(entries: pd.DataFrame) -> str:
    """The ledger's entries for a column in Danish: 'ubrugeligt svar (2); regel not-in-base: ... (41)'."""
    return "; ".join(f"{r.meaning.replace('rule ', 'regel ', 1) if r.meaning else SCOPES.get(r.code, r.code)} "
                     f"({plain(r.count)})" for r in entries.itertuples())


def codebook_tables(codebook: pd.DataFrame, labels: dict, meanings: dict, title: str, source: str) -> list[Table]:
    """kodebog.xlsx: each export column's role and counts, and each code's meaning and count."""
    codebook = codebook.astype(object).where(codebook.notna(), None)
    columns = codebook[codebook["code"].fillna("") == ""]
    ledger = codebook[codebook["kind"] == "ledger"]
    ledger_of = rows_by(ledger, "position")
    codes = codebook[(codebook["code"].fillna("") != "") & (codebook["kind"] != "ledger")]
    note = f"{title} · kilde: {source}"
    return [
        Table(sheet="Kolonner", title="Eksportens kolonner: indhold, udfyldte, brugte og udeladte celler",
              headers=["Nr.", "Kolonne", "Indhold", "Type", "Udfyldt", "Brugt", "Udeladt", "Udelukkelseslisten (antal)"],
              rows=[[plain(r.position), r.column, field_label(r.field, labels) if r.field else "",
                     KINDS.get(r.kind, r.kind), plain(r.filled), plain(r.used), plain(r.left_out),
                     _ledger_text(ledger_of(r.position))]
                    for r in columns.itertuples()],
              notes=["Udfyldt: celler med et svar (alle rækker i eksporten). Brugt: udfyldt og læst. Udeladt: "
                     "celler, der ikke kunne bruges. Udelukkelseslisten: posterne for kolonnen pr. slags (regler fra "
                     "config.yaml med deres begrundelse); hver post med række og årsag står i "
                     "data/processed/<bølge>/exclusions.csv. Ikke brugt: kolonnen indgår ikke i rapporten.",
                     "Ingen svar fra enkelte respondenter: kun antal.", note]),
        Table(sheet="Koder", title="Koder i de kodede kolonner og antallet af celler med hver kode",
              headers=["Nr.", "Kolonne", "Indhold", "Kode", "Betydning", "Antal"],
              rows=[[plain(r.position), r.column, field_label(r.field, labels), r.code,
                     meanings.get(r.meaning, r.meaning), plain(r.count)] for r in codes.itertuples()],
              notes=["Koderne står i bølgens kodebog (data/raw/<bølge>/codebook.yaml); antal er alle rækker i eksporten.",
                     note]),
    ]
