"""Charts for the appendices and the report, as PNG (for HTML and Excel users) and SVG (for print)."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from ..binning import parse_bins  # noqa: E402
from .danish import number  # noqa: E402

CURRENT_COLOUR = "#1f5a8a"  # DS-like dark blue: the current caseloads
SUGGESTED_COLOUR = "#e0892b"  # orange: the suggested caseloads
GUIDELINE_COLOUR = "#4caf50"
NEUTRAL = "#9aa5b1"
plt.rcParams.update({"font.size": 10, "axes.spines.top": False, "axes.spines.right": False,
                     "svg.hashsalt": "sagstal", "svg.fonttype": "none"})


def _save(figure, stem) -> None:
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(stem.with_suffix(".png"), dpi=150, bbox_inches="tight")
    figure.savefig(stem.with_suffix(".svg"), bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)


def development(points: list[dict], label: str, stem) -> None:
    """Mean caseload per survey year ("Udvikling over tid"): bars with value labels."""
    figure, ax = plt.subplots(figsize=(min(6.0, 1.3 * len(points) + 2.4), 3.6))
    years = [p["year"] for p in points]
    means = [p["mean"] for p in points]
    bars = ax.bar(years, means, color=[NEUTRAL] * (len(points) - 1) + [CURRENT_COLOUR], width=0.6)
    ax.bar_label(bars, labels=[number(m) for m in means], padding=3)
    ax.set_title(f"{label}: gennemsnitligt aktuelt sagstal", loc="left")
    ax.set_xlabel("Undersøgelsesår")
    ax.set_ylabel("Sager pr. sagsbehandler")
    ax.set_ylim(0, max(means + [1]) * 1.18)
    _save(figure, stem)


def _guideline_span(labels, guideline):
    """Bar positions whose bins overlap the guideline range, for shading."""
    inside = [i for i, b in enumerate(parse_bins(labels))
              if b.upper >= guideline["min"] and b.label_low <= guideline["max"]]
    return (inside[0] - 0.5, inside[-1] + 0.5) if inside else None


def distribution(current: dict, suggested: dict, guideline: dict | None, label: str, stem,
                 hidden: str = "") -> None:
    """The binned answers, current above suggested, with DS' guideline range shaded.

    A count hidden by the privacy rule (None) is labelled with `hidden` ("<3") and drawn at 0.
    """
    panels = [("Aktuelle antal sager", current, CURRENT_COLOUR),
              ("Passende antal sager", suggested, SUGGESTED_COLOUR)]
    widest = max(len(current["bins"]), len(suggested["bins"]))
    figure, axes = plt.subplots(2, 1, figsize=(max(6.5, 0.5 * widest + 1.5), 6.2))
    for ax, (title, figures, colour) in zip(axes, panels):
        labels = [b["interval"] for b in figures["bins"]]
        bars = ax.bar(range(len(labels)), [b["percent"] or 0 for b in figures["bins"]], color=colour)
        ax.bar_label(bars, labels=[hidden if b["count"] is None else (str(b["count"]) if b["count"] else "")
                                   for b in figures["bins"]],
                     padding=2, fontsize=8)
        ax.set_xticks(range(len(labels)), labels, rotation=45 if len(labels) > 8 else 0,
                      ha="right" if len(labels) > 8 else "center", fontsize=8)
        ax.set_ylabel("Procent af svarene")
        ax.set_title(f"{title} (n = {figures['n']}; tal over søjlerne: antal svar)", loc="left", fontsize=10)
        ax.set_ylim(0, max([b["percent"] or 0 for b in figures["bins"]] + [1]) * 1.2)
        if guideline:
            shaded = _guideline_span(labels, guideline)
            if shaded:
                ax.axvspan(*shaded, color=GUIDELINE_COLOUR, alpha=0.15,
                           label=f"DS' vejledende sagstal {guideline['label']}")
                ax.legend(loc="upper right", fontsize=8, frameon=False)
    axes[-1].set_xlabel("Sager pr. sagsbehandler")
    figure.suptitle(label, x=0.01, ha="left", fontweight="bold")
    figure.tight_layout()
    _save(figure, stem)


def compliance(per_area: list[tuple[str, int]], per_wave: list[tuple[str, int]], stem) -> None:
    """Share of workplaces complying, per area (this wave) and overall per survey wave."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(10.5, 0.42 * max(len(per_area), 6) + 1.8),
                                         gridspec_kw={"width_ratios": [3, 1.2]})
    if not per_area:
        left.text(0.5, 0.5, "Intet vejledende sagstal på\nundersøgelsestidspunktet", ha="center", va="center",
                  transform=left.transAxes)
        left.set_axis_off()
    ordered = sorted(per_area, key=lambda item: item[1])
    bars = left.barh([a for a, _ in ordered], [p for _, p in ordered], color=CURRENT_COLOUR)
    left.bar_label(bars, labels=[f"{p} %" for _, p in ordered], padding=3, fontsize=9)
    left.set_xlim(0, 100)
    left.set_xlabel("Procent af arbejdspladserne, der overholder")
    left.set_title("Pr. sagsområde", loc="left")
    bars = right.bar([w for w, _ in per_wave], [p for _, p in per_wave],
                     color=[NEUTRAL] * (len(per_wave) - 1) + [CURRENT_COLOUR], width=0.6)
    right.bar_label(bars, labels=[f"{p} %" for _, p in per_wave], padding=3)
    right.set_ylim(0, 100)
    right.set_ylabel("Procent af alle svar")
    right.set_xlabel("Undersøgelsesår")
    right.set_title("Alle områder", loc="left")
    figure.suptitle("Overholdelse af DS' vejledende sagstal", x=0.01, ha="left", fontweight="bold")
    figure.tight_layout()
    _save(figure, stem)
