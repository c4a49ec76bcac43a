rule audit:
    """Every published figure beside the computed one; each difference with its written reason."""
    input:
        transcription=wave_setting("published"),
        area_stats="data/processed/{wave}/area_stats.csv",
        bins="data/processed/{wave}/bins.csv",
        summary="data/processed/{wave}/summary.csv",
        compliance="data/processed/{wave}/compliance.csv",
        method="data/processed/{wave}/method.csv",
        changes="data/processed/{wave}/changes.csv",
        caseworker_tables=lambda w: caseworker_outputs(w.wave),
        code=code("audit"),
    output:
        md=report(
            "reports/{wave}/audit.md",
            caption="../report/audit.rst",
            category="Revision",
            subcategory="{wave}",
        ),
        csv="reports/{wave}/audit.csv",
    log:
        "logs/{wave}/audit.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        main_range_share=config["main_range"]["min_share"],
    script:
        "../scripts/audit.py"
