rule render_appendix:
    """One appendix (bilag) as Excel workbook, Markdown and HTML, from the area's figures."""
    input:
        unpack(area_tables),
        answers="data/processed/{wave}/answers.csv",
        history=config["history"],
        municipalities="data/reference/kommuner.csv",
        caseworker_tables=lambda w: caseworker_outputs(w.wave),
        charts=[
            "reports/{wave}/figurer/{area}-udvikling.png",
            "reports/{wave}/figurer/{area}-fordeling.png",
        ],
        templates=TEMPLATES,
        code=code(
            "render/excel",
            "render/appendix",
            "render/pages",
            "render/danish",
            "privacy",
        ),
    output:
        xlsx=report(
            "reports/{wave}/bilag/{bilag}-{area}.xlsx",
            caption="../report/bilag.rst",
            category="Bilag",
            subcategory="{wave}",
        ),
        md="reports/{wave}/bilag/{bilag}-{area}.md",
        html=report(
            "reports/{wave}/bilag/{bilag}-{area}.html",
            caption="../report/bilag.rst",
            category="Bilag",
            subcategory="{wave}",
        ),
    log:
        "logs/{wave}/render_appendix/{bilag}-{area}.log",
    conda:
        "../../environment.yml"
    params:
        min_count=config["privacy"]["min_count"],
        references=config.get("reference_caseloads"),
    script:
        "../scripts/step.py"


rule render_report:
    """The whole report as one page, the cross-area workbook and the compliance chart."""
    input:
        unpack(wave_area_tables),
        summary="data/processed/{wave}/summary.csv",
        compliance="data/processed/{wave}/compliance.csv",
        method="data/processed/{wave}/method.csv",
        scenarios="data/processed/{wave}/guideline_scenarios.csv",
        staffing="data/processed/{wave}/staffing.csv",
        answers="data/processed/{wave}/answers.csv",
        history=config["history"],
        compliance_history=config["compliance_history"],
        municipalities="data/reference/kommuner.csv",
        caseworker_tables=lambda w: caseworker_outputs(w.wave),
        charts=lambda w: expand(
            "reports/{wave}/figurer/{area}-{chart}.png",
            wave=w.wave,
            area=wave_areas(w.wave),
            chart=["udvikling", "fordeling"],
        ),
        templates=TEMPLATES,
        code=code(
            "render/excel",
            "render/charts",
            "render/appendix",
            "render/pages",
            "render/danish",
            "privacy",
        ),
    output:
        html=report(
            "reports/{wave}/rapport.html",
            caption="../report/rapport.rst",
            category="Rapport",
            subcategory="{wave}",
        ),
        overview=report(
            "reports/{wave}/oversigt.xlsx",
            caption="../report/oversigt.rst",
            category="Rapport",
            subcategory="{wave}",
        ),
        compliance_png=report(
            "reports/{wave}/figurer/overholdelse.png",
            caption="../report/overholdelse.rst",
            category="Figurer",
            subcategory="{wave}",
        ),
        compliance_svg="reports/{wave}/figurer/overholdelse.svg",
    log:
        "logs/{wave}/render_report.log",
    conda:
        "../../environment.yml"
    params:
        min_count=config["privacy"]["min_count"],
        references=config.get("reference_caseloads"),
        set_labels={name: s["label"] for name, s in config["guideline_sets"].items()},
        low_base=config["precision"]["low_base"],
    script:
        "../scripts/step.py"
