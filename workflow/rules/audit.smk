rule audit:
    """Every published figure beside the computed one; each difference with its written reason."""
    input:
        transcription=lambda w: transcription_file(config, w.wave),
        area_stats="data/processed/{wave}/area_stats.csv",
        summary="data/processed/{wave}/summary.csv",
        compliance="data/processed/{wave}/compliance.csv",
        method="data/processed/{wave}/method.csv",
        bins=lambda w: expand(
            "data/processed/{wave}/bins/{area}-{question}.csv",
            wave=w.wave,
            area=wave_areas(w.wave),
            question=["current", "suggested"],
        ),
        caseworker_tables=lambda w: caseworker_outputs(w.wave),
        code=code("audit", "binning", "parsing", "waves"),
    output:
        md="reports/{wave}/audit.md",
        csv="reports/{wave}/audit.csv",
    log:
        "logs/{wave}/audit.log",
    conda:
        "../../environment.yml"
    params:
        main_range_share=config["main_range"]["min_share"],
    script:
        "../scripts/step.py"
