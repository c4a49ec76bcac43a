rule area_statistics:
    """One area's figures (means, ranges, main range, assessments, caps, compliance, bin tables) and charts."""
    input:
        answers="data/processed/{wave}/answers.csv",
        history=config["history"],
        code=code(
            "area",
            "binning",
            "statistics",
            "guidelines",
            "rounding",
            "parsing",
            "render/charts",
            "render/appendix",
            "render/danish",
            "privacy",
        ),
    output:
        stats="data/processed/{wave}/areas/{area}.csv",
        current="data/processed/{wave}/bins/{area}-current.csv",
        suggested="data/processed/{wave}/bins/{area}-suggested.csv",
        assessments="data/processed/{wave}/assessments/{area}.csv",
        development_png=report(
            "reports/{wave}/figurer/{area}-udvikling.png",
            caption="../report/udvikling.rst",
            category="Figurer",
            subcategory="{wave}",
        ),
        development_svg="reports/{wave}/figurer/{area}-udvikling.svg",
        distribution_png=report(
            "reports/{wave}/figurer/{area}-fordeling.png",
            caption="../report/fordeling.rst",
            category="Figurer",
            subcategory="{wave}",
        ),
        distribution_svg="reports/{wave}/figurer/{area}-fordeling.svg",
    log:
        "logs/{wave}/area_statistics/{area}.log",
    conda:
        "../../environment.yml"
    params:
        bins_current=lambda w: config["waves"][w.wave]["areas"][w.area]["bins_current"],
        bins_suggested=lambda w: config["waves"][w.wave]["areas"][w.area][
            "bins_suggested"
        ],
        guidelines=lambda w: config["guidelines"].get(w.area, []),
        fieldwork=lambda w: config["waves"][w.wave]["fieldwork"],
        main_range_share=config["main_range"]["min_share"],
        min_count=config["privacy"]["min_count"],
        references=config.get("reference_caseloads"),
        precision=config["precision"],
    script:
        "../scripts/step.py"


rule wave_tables:
    """The cross-area tables: area_stats, the summary table, compliance and method figures."""
    input:
        areas=lambda w: expand(
            "data/processed/{wave}/areas/{area}.csv",
            wave=w.wave,
            area=wave_areas(w.wave),
        ),
        respondents="data/processed/{wave}/respondents.csv",
        history=config["history"],
        code=code("tables", "rounding"),
    output:
        area_stats="data/processed/{wave}/area_stats.csv",
        summary="data/processed/{wave}/summary.csv",
        compliance="data/processed/{wave}/compliance.csv",
        method="data/processed/{wave}/method.csv",
    log:
        "logs/{wave}/wave_tables.log",
    conda:
        "../../environment.yml"
    params:
        previous_wave=lambda w: config["waves"][w.wave].get("previous_wave"),
        invited=lambda w: config["waves"][w.wave].get("invited"),
        labels={slug: area["label"] for slug, area in config["areas"].items()},
    script:
        "../scripts/step.py"


rule scenarios:
    """Compliance of the same answers under each named guideline set (config: guideline_sets)."""
    input:
        answers="data/processed/{wave}/answers.csv",
        code=code("scenarios"),
    output:
        scenarios="data/processed/{wave}/guideline_scenarios.csv",
    log:
        "logs/{wave}/scenarios.log",
    conda:
        "../../environment.yml"
    params:
        sets=config["guideline_sets"],
        guidelines=config["guidelines"],
        fieldwork=lambda w: config["waves"][w.wave]["fieldwork"],
        areas=lambda w: wave_areas(w.wave),
    script:
        "../scripts/step.py"


rule staffing:
    """Per area and guideline set: how much more staff the workplaces above the guideline would need."""
    input:
        answers="data/processed/{wave}/answers.csv",
        code=code("scenarios"),
    output:
        staffing="data/processed/{wave}/staffing.csv",
    log:
        "logs/{wave}/staffing.log",
    conda:
        "../../environment.yml"
    params:
        sets=config["guideline_sets"],
        guidelines=config["guidelines"],
        fieldwork=lambda w: config["waves"][w.wave]["fieldwork"],
        areas=lambda w: wave_areas(w.wave),
    script:
        "../scripts/step.py"
