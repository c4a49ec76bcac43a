rule render:
    """What people read of a wave: charts, one appendix per area (xlsx, md, html, docx), rapport.html
    and .docx, oversigt.xlsx and kodebog.xlsx. Only presentation: no job that computes figures
    depends on it."""
    input:
        area_stats="data/processed/{wave}/area_stats.csv",
        bins="data/processed/{wave}/bins.csv",
        assessments="data/processed/{wave}/assessments.csv",
        summary="data/processed/{wave}/summary.csv",
        compliance="data/processed/{wave}/compliance.csv",
        method="data/processed/{wave}/method.csv",
        scenarios="data/processed/{wave}/guideline_scenarios.csv",
        staffing="data/processed/{wave}/staffing.csv",
        quotes="data/processed/{wave}/quotes.csv",
        run_summary="data/processed/{wave}/run_summary.csv",
        quality="data/processed/{wave}/quality.csv",
        source="data/processed/{wave}/source.csv",
        caseworker_tables=lambda w: caseworker_outputs(w.wave),
        trend="data/processed/{wave}/trend.csv",
        changes="data/processed/{wave}/changes.csv",
        breakdowns="data/processed/{wave}/breakdowns.csv",
        codebook="data/processed/{wave}/codebook.csv",
        compliance_trend="data/processed/{wave}/compliance_trend.csv",
        municipalities="data/reference/kommuner.csv",
        templates=TEMPLATES,
        code=code("render"),
    output:
        appendices=report(
            directory("reports/{wave}/bilag"),
            patterns=["{name}.xlsx", "{name}.html"],
            caption="../report/bilag.rst",
            category="Bilag",
            subcategory="{wave}",
        ),
        figures=report(
            directory("reports/{wave}/figurer"),
            patterns=["{name}.png"],
            caption="../report/figurer.rst",
            category="Figurer",
            subcategory="{wave}",
        ),
        html=report(
            "reports/{wave}/rapport.html",
            caption="../report/rapport.rst",
            category="Rapport",
            subcategory="{wave}",
        ),
        docx="reports/{wave}/rapport.docx",
        codebook=report(
            "reports/{wave}/kodebog.xlsx",
            caption="../report/kodebog.rst",
            category="Rapport",
            subcategory="{wave}",
        ),
        overview=report(
            "reports/{wave}/oversigt.xlsx",
            caption="../report/oversigt.rst",
            category="Rapport",
            subcategory="{wave}",
        ),
    log:
        "logs/{wave}/render.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=15,
    params:
        wave=wave_presentation,
        regions=config["texts"]["regions"],
        breakdowns=config.get("breakdowns") or {},
        reference_caseloads=config.get("reference_caseloads"),
        set_labels={name: s["label"] for name, s in config["guideline_sets"].items()},
        min_count=config["privacy"]["min_count"],
        low_base=config["precision"]["low_base"],
    script:
        "../scripts/render.py"


rule review:
    """The review page: every point a person must look at before the wave goes out, with its
    count and source rows (quality warnings, exclusions, low bases, clear changes, audit
    differences, hidden cells, comments awaiting a decision, what make new-wave mapped).
    """
    input:
        quality="data/processed/{wave}/quality.csv",
        exclusions="data/processed/{wave}/exclusions.csv",
        area_stats="data/processed/{wave}/area_stats.csv",
        unusual="data/processed/{wave}/unusual.csv",
        changes="data/processed/{wave}/changes.csv",
        breakdowns="data/processed/{wave}/breakdowns.csv",
        quotes="data/processed/{wave}/quotes.csv",
        audit=lambda w: (
            [f"reports/{w.wave}/audit.csv"] if w.wave in audited_waves(config) else []
        ),
        selection=wave_setting("quotes"),
        decisions=review_decisions,
        codebook=wave_setting("codebook"),
        municipalities="data/reference/kommuner.csv",
        templates=[
            "workflow/templates/gennemsyn.html.j2",
            "workflow/templates/_style.css",
        ],
        code=code("review"),
    output:
        html="reports/{wave}/gennemsyn.html",
        csv="reports/{wave}/gennemsyn.csv",
    log:
        "logs/{wave}/review.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        wave=wave_presentation,
        breakdowns=config.get("breakdowns") or {},
        low_base=config["precision"]["low_base"],
        min_count=config["privacy"]["min_count"],
    script:
        "../scripts/review.py"
