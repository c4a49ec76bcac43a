rule ingest:
    """Read the wave's raw export through its codebook into one row per respondent x area."""
    input:
        export=lambda w: config["waves"][w.wave]["export"],
        codebook=lambda w: config["waves"][w.wave]["codebook"],
        code=code("ingest", "parsing"),
    output:
        answers="data/processed/{wave}/answers.csv",
        exclusions="data/processed/{wave}/exclusions.csv",
        respondents="data/processed/{wave}/respondents.csv",
        run_summary="data/processed/{wave}/run_summary.csv",
    log:
        "logs/{wave}/ingest.log",
    conda:
        "../../environment.yml"
    params:
        open_answers=config["open_answers"],
        areas=lambda w: sorted(wave_areas(w.wave)),
    script:
        "../scripts/ingest.py"
