"""The audit: every published figure beside the computed one, with a reason for each difference."""


def audited_waves(config: dict) -> list[str]:
    """The waves with a transcription of their printed report (published.yaml) to audit against.
    Here, not in compare.py, so that the Snakefile asks it without importing pandas at every start."""
    return [wave for wave, settings in config["waves"].items() if "published" in settings]
