rule ingest:
    """Read the wave's raw export through its codebook into one row per respondent x area."""
    input:
        export=wave_setting("export"),
        codebook=wave_setting("codebook"),
        companions=export_companions,
        municipalities="data/reference/kommuner.csv",
        code=code("ingest"),
    output:
        answers="data/processed/{wave}/answers.csv",
        exclusions="data/processed/{wave}/exclusions.csv",
        respondents="data/processed/{wave}/respondents.csv",
        case_types="data/processed/{wave}/case_type_answers.csv",
        run_summary="data/processed/{wave}/run_summary.csv",
        quality="data/processed/{wave}/quality.csv",
        source="data/processed/{wave}/source.csv",
        codebook="data/processed/{wave}/codebook.csv",
    log:
        "logs/{wave}/ingest.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        open_answers=config["open_answers"],
        settings=ingest_settings,
        quality=config["quality"],
    script:
        "../scripts/ingest.py"


rule quotes:
    """Each area's distinct comments with a stable id and a person's decision from citater.yaml:
    chosen (to print, perhaps as edited), rejected, or awaiting (listed on the review page).
    """
    input:
        answers="data/processed/{wave}/answers.csv",
        selection=wave_setting("quotes"),
        municipalities="data/reference/kommuner.csv",
        code=code("quotes"),
    output:
        quotes="data/processed/{wave}/quotes.csv",
    log:
        "logs/{wave}/quotes.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        areas=lambda w: wave_areas(w.wave),
    script:
        "../scripts/quotes.py"
