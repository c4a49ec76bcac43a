rule ingest:
    """Read the wave's raw export through its codebook into one row per respondent x area."""
    input:
        export=lambda w: config["waves"][w.wave]["export"],
        codebook=lambda w: config["waves"][w.wave]["codebook"],
        code=code("ingest", "parsing", "reading", "caseworkers", "fte"),
    output:
        answers="data/processed/{wave}/answers.csv",
        exclusions="data/processed/{wave}/exclusions.csv",
        respondents="data/processed/{wave}/respondents.csv",
        case_types="data/processed/{wave}/case_type_answers.csv",
        run_summary="data/processed/{wave}/run_summary.csv",
    log:
        "logs/{wave}/ingest.log",
    conda:
        "../../environment.yml"
    params:
        open_answers=config["open_answers"],
        settings=lambda w: ingest_settings(config, w.wave),
    script:
        "../scripts/step.py"


rule caseworker_tables:
    """The caseworker design's tables: case types, single-type assessment, coordination, admin help."""
    input:
        respondents="data/processed/{wave}/respondents.csv",
        case_types="data/processed/{wave}/case_type_answers.csv",
        code=code("caseworker_tables", "statistics", "binning", "rounding"),
    output:
        case_types="data/processed/{wave}/case_types.csv",
        single_type="data/processed/{wave}/single_type.csv",
        coordination="data/processed/{wave}/coordination.csv",
        admin_help="data/processed/{wave}/admin_help.csv",
    log:
        "logs/{wave}/caseworker_tables.log",
    conda:
        "../../environment.yml"
    params:
        areas=lambda w: wave_areas(w.wave),
        case_types=config["case_types"],
        bin_width=config["default_bin_width"],
        main_range_share=config["main_range"]["min_share"],
    script:
        "../scripts/step.py"
