rule statistics:
    """Every area's figures (means, ranges, main range, assessments, caps, compliance, bin tables),
    the cross-area tables (summary, compliance) and the answers to judge (outside the bins, extreme).
    """
    input:
        answers="data/processed/{wave}/answers.csv",
        respondents="data/processed/{wave}/respondents.csv",
        code=code("statistics"),
    output:
        area_stats="data/processed/{wave}/area_stats.csv",
        bins="data/processed/{wave}/bins.csv",
        assessments="data/processed/{wave}/assessments.csv",
        summary="data/processed/{wave}/summary.csv",
        compliance="data/processed/{wave}/compliance.csv",
        unusual="data/processed/{wave}/unusual.csv",
    log:
        "logs/{wave}/statistics.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        areas=area_bins,
        guidelines=wave_guidelines,
        fieldwork=wave_setting("fieldwork"),
        main_range_share=config["main_range"]["min_share"],
        precision=config["precision"],
        plausible=wave_setting("plausible_caseload"),
    script:
        "../scripts/statistics.py"


rule method:
    """The method section's figures: respondents, response rate, municipalities, answers, regions."""
    input:
        respondents="data/processed/{wave}/respondents.csv",
        area_stats="data/processed/{wave}/area_stats.csv",
        code=code("method"),
    output:
        method="data/processed/{wave}/method.csv",
    log:
        "logs/{wave}/method.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        invited=wave_setting("invited"),
    script:
        "../scripts/method.py"


rule changes:
    """Each area's trend over the waves (computed where the pipeline has the answers, else from history.csv)
    and its change since the previous comparable wave, tested on both waves' answers where it can.
    """
    input:
        answers="data/processed/{wave}/answers.csv",
        area_stats="data/processed/{wave}/area_stats.csv",
        earlier_answers=lambda w: expand(
            "data/processed/{earlier}/answers.csv", earlier=earlier_waves(w.wave)
        ),
        earlier_area_stats=lambda w: expand(
            "data/processed/{earlier}/area_stats.csv", earlier=earlier_waves(w.wave)
        ),
        compliance="data/processed/{wave}/compliance.csv",
        earlier_compliance=lambda w: expand(
            "data/processed/{earlier}/compliance.csv", earlier=earlier_waves(w.wave)
        ),
        history=config["history"],
        compliance_history=config["compliance_history"],
        code=code("changes"),
    output:
        trend="data/processed/{wave}/trend.csv",
        changes="data/processed/{wave}/changes.csv",
        compliance_trend="data/processed/{wave}/compliance_trend.csv",
    log:
        "logs/{wave}/changes.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=5,
    params:
        wave="{wave}",
        earlier_waves=lambda w: earlier_waves(w.wave),
        lineage=wave_lineage,
        designs=wave_designs,
        precision=config["precision"],
    script:
        "../scripts/changes.py"


rule guideline_sets:
    """Compliance and staffing of the same answers under each named guideline set (config: guideline_sets)."""
    input:
        answers="data/processed/{wave}/answers.csv",
        code=code("guideline_sets"),
    output:
        scenarios="data/processed/{wave}/guideline_scenarios.csv",
        staffing="data/processed/{wave}/staffing.csv",
    log:
        "logs/{wave}/guideline_sets.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        sets={
            name: {"ranges": s.get("ranges") or {}}
            for name, s in config["guideline_sets"].items()
        },
        guidelines=wave_guidelines,
        fieldwork=wave_setting("fieldwork"),
        areas=lambda w: wave_areas(w.wave),
    script:
        "../scripts/guideline_sets.py"


rule caseworker_tables:
    """The caseworker design's tables: case types, single-type assessment, coordination, admin help."""
    input:
        respondents="data/processed/{wave}/respondents.csv",
        case_types="data/processed/{wave}/case_type_answers.csv",
        code=code("caseworker_tables"),
    output:
        **{table: f"data/processed/{{wave}}/{table}.csv" for table in CASEWORKER_TABLES},
    log:
        "logs/{wave}/caseworker_tables.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        areas=lambda w: wave_areas(w.wave),
        case_types={
            slug: {"area": t["area"]} for slug, t in config["case_types"].items()
        },
        bin_width=config["default_bin_width"],
        main_range_share=config["main_range"]["min_share"],
    script:
        "../scripts/caseworker_tables.py"


rule breakdowns:
    """Each area's figures per group of the categorical columns in config (breakdowns), unsuppressed."""
    input:
        answers="data/processed/{wave}/answers.csv",
        lookups=[
            b["lookup"]["table"]
            for b in (config.get("breakdowns") or {}).values()
            if "lookup" in b
        ],
        code=code("breakdowns"),
    output:
        breakdowns="data/processed/{wave}/breakdowns.csv",
    log:
        "logs/{wave}/breakdowns.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=5,
    params:
        breakdowns={
            name: {"lookup": b.get("lookup")}
            for name, b in (config.get("breakdowns") or {}).items()
        },
        areas=area_bins,
        guidelines=wave_guidelines,
        fieldwork=wave_setting("fieldwork"),
        main_range_share=config["main_range"]["min_share"],
    script:
        "../scripts/breakdowns.py"
