"""Every step of one or more waves in one Python process, with no orchestration.

    python -m sagstal.build_all --wave 2023 [--wave 2015] [--root .]

Calls the same step functions (sagstal.steps) with the same paths as the Snakemake rules, so it
writes the same files. It is the reference for how fast the pipeline could be, and handy for
debugging a step with pdb. It always rebuilds everything; Snakemake is what skips up-to-date work.
"""

import argparse
import logging
import sys
from pathlib import Path

from . import steps
from .audit import audited_waves, transcription_file
from .ingest import IngestError
from .waves import ingest_settings


class Named(dict):
    """Snakemake's named lists, as far as the steps use them: names as attributes."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class Job:
    def __init__(self, rule, config, input, output, params=None, wildcards=None):
        self.rule, self.config = rule, config
        self.input, self.output = Named(input), Named(output)
        self.params, self.wildcards = Named(params or {}), Named(wildcards or {})


def area_tables(wave: str, area: str) -> dict:
    folder = f"data/processed/{wave}"
    return {f"{area}_stats": f"{folder}/areas/{area}.csv", f"{area}_current": f"{folder}/bins/{area}-current.csv",
            f"{area}_suggested": f"{folder}/bins/{area}-suggested.csv",
            f"{area}_assessments": f"{folder}/assessments/{area}.csv"}


def jobs(config: dict, wave: str) -> list[Job]:
    """The wave's jobs in an order that respects their dependencies (as the rules define them)."""
    settings = config["waves"][wave]
    areas = list(settings["areas"])
    p = f"data/processed/{wave}"
    r = f"reports/{wave}"
    caseworker = settings["instrument"] == "sagsbehandlere"
    caseworker_files = [f"{p}/{t}.csv" for t in ("case_types", "single_type", "coordination", "admin_help")] \
        if caseworker else []
    share = config["main_range"]["min_share"]
    min_count = config["privacy"]["min_count"]
    out = [Job("ingest", config, {"export": settings["export"], "codebook": settings["codebook"]},
               {"answers": f"{p}/answers.csv", "exclusions": f"{p}/exclusions.csv",
                "respondents": f"{p}/respondents.csv", "case_types": f"{p}/case_type_answers.csv",
                "run_summary": f"{p}/run_summary.csv"},
               {"open_answers": config["open_answers"], "settings": ingest_settings(config, wave)},
               {"wave": wave})]
    for area in areas:
        a = settings["areas"][area]
        tables = area_tables(wave, area)
        out.append(Job("area_statistics", config, {"answers": f"{p}/answers.csv", "history": config["history"]},
                       {"stats": tables[f"{area}_stats"], "current": tables[f"{area}_current"],
                        "suggested": tables[f"{area}_suggested"], "assessments": tables[f"{area}_assessments"],
                        "development_png": f"{r}/figurer/{area}-udvikling.png",
                        "development_svg": f"{r}/figurer/{area}-udvikling.svg",
                        "distribution_png": f"{r}/figurer/{area}-fordeling.png",
                        "distribution_svg": f"{r}/figurer/{area}-fordeling.svg"},
                       {"bins_current": a["bins_current"], "bins_suggested": a["bins_suggested"],
                        "guidelines": config["guidelines"].get(area, []), "fieldwork": settings["fieldwork"],
                        "main_range_share": share, "min_count": min_count, "precision": config["precision"]},
                       {"wave": wave, "area": area}))
    out.append(Job("wave_tables", config,
                   {"areas": [f"{p}/areas/{a}.csv" for a in areas], "respondents": f"{p}/respondents.csv",
                    "history": config["history"]},
                   {"area_stats": f"{p}/area_stats.csv", "summary": f"{p}/summary.csv",
                    "compliance": f"{p}/compliance.csv", "method": f"{p}/method.csv"},
                   {"previous_wave": settings.get("previous_wave"), "invited": settings.get("invited"),
                    "labels": {slug: area["label"] for slug, area in config["areas"].items()}},
                   {"wave": wave}))
    what_if = {"sets": config["guideline_sets"], "guidelines": config["guidelines"],
               "fieldwork": settings["fieldwork"], "areas": areas}
    out.append(Job("scenarios", config, {"answers": f"{p}/answers.csv"},
                   {"scenarios": f"{p}/guideline_scenarios.csv"}, what_if, {"wave": wave}))
    out.append(Job("staffing", config, {"answers": f"{p}/answers.csv"},
                   {"staffing": f"{p}/staffing.csv"}, what_if, {"wave": wave}))
    if caseworker:
        out.append(Job("caseworker_tables", config,
                       {"respondents": f"{p}/respondents.csv", "case_types": f"{p}/case_type_answers.csv"},
                       dict(zip(("case_types", "single_type", "coordination", "admin_help"), caseworker_files)),
                       {"areas": areas, "case_types": config["case_types"], "bin_width": config["default_bin_width"],
                        "main_range_share": share}, {"wave": wave}))
    if wave in audited_waves(config):
        out.append(Job("audit", config,
                       {"transcription": transcription_file(config, wave), "area_stats": f"{p}/area_stats.csv",
                        "summary": f"{p}/summary.csv", "compliance": f"{p}/compliance.csv",
                        "method": f"{p}/method.csv",
                        "bins": [f"{p}/bins/{a}-{q}.csv" for a in areas for q in ("current", "suggested")],
                        "caseworker_tables": caseworker_files},
                       {"md": f"{r}/audit.md", "csv": f"{r}/audit.csv"}, {"main_range_share": share},
                       {"wave": wave}))
    shared = {"answers": f"{p}/answers.csv", "history": config["history"]}
    for area in areas:
        bilag = f"{settings['areas'][area]['bilag']:02d}"
        out.append(Job("render_appendix", config,
                       {**area_tables(wave, area), **shared, "municipalities": "data/reference/kommuner.csv",
                        "caseworker_tables": caseworker_files},
                       {ext: f"{r}/bilag/{bilag}-{area}.{ext}" for ext in ("xlsx", "md", "html")},
                       {"min_count": min_count}, {"wave": wave, "area": area, "bilag": bilag}))
    everything = {k: v for a in areas for k, v in area_tables(wave, a).items()}
    out.append(Job("render_report", config,
                   {**everything, **shared, "summary": f"{p}/summary.csv", "compliance": f"{p}/compliance.csv",
                    "method": f"{p}/method.csv", "compliance_history": config["compliance_history"],
                    "scenarios": f"{p}/guideline_scenarios.csv", "staffing": f"{p}/staffing.csv",
                    "municipalities": "data/reference/kommuner.csv", "caseworker_tables": caseworker_files},
                   {"html": f"{r}/rapport.html", "overview": f"{r}/oversigt.xlsx",
                    "compliance_png": f"{r}/figurer/overholdelse.png",
                    "compliance_svg": f"{r}/figurer/overholdelse.svg"},
                   {"min_count": min_count, "low_base": config["precision"]["low_base"],
                    "set_labels": {name: s["label"] for name, s in config["guideline_sets"].items()}},
                   {"wave": wave}))
    return out


def build(config: dict, waves) -> int:
    """Run every job of the waves; the number of jobs run."""
    count = 0
    for wave in waves:
        for job in jobs(config, wave):
            getattr(steps, job.rule)(job)
            count += 1
    return count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wave", action="append", help="a wave in config.yaml (repeatable; default: all)")
    parser.add_argument("--config", type=Path, default=Path("config.yaml"))
    args = parser.parse_args(argv)
    from .build import load_yaml

    config = load_yaml(args.config)
    Path("logs").mkdir(exist_ok=True)
    logging.basicConfig(filename="logs/build_all.log", filemode="w", level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(message)s", force=True)
    try:
        count = build(config, args.wave or list(config["waves"]))
    except IngestError as error:
        print(f"sagstal: {error}", file=sys.stderr)
        return 1
    print(f"build_all: {count} steps done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
