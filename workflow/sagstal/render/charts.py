"""Charts for the appendices and the report, as PNG (for HTML and Excel users) and SVG (for print)."""

import io
import itertools
import struct
import textwrap
import zlib
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.transforms import ScaledTranslation, blended_transform_factory  # noqa: E402
from PIL import Image  # noqa: E402

from ..core.binning import parse_bins  # noqa: E402
from ..core.danish import number  # noqa: E402
from ..core.files import write_bytes  # noqa: E402
from ..core.rounding import half_up  # noqa: E402

CURRENT_COLOUR = "#1f5a8a"  # DS-like dark blue: the current caseloads
SUGGESTED_COLOUR = "#e0892b"  # orange: the suggested caseloads
GUIDELINE_COLOUR = "#4caf50"
NEUTRAL = "#9aa5b1"
# axes.titley fixed: titles sit on their axes instead of being placed around measured tick labels.
plt.rcParams.update({"font.size": 10, "axes.spines.top": False, "axes.spines.right": False, "axes.titley": 1.0,
                     "svg.hashsalt": "sagstal", "svg.fonttype": "none"})


PNG_COMPRESSION = 3  # zlib level: files a tenth larger than at the default 6, written twice as fast
PNG_DPI = 150


def _labels_at(ax, below: float | None = None, left: float | None = None) -> None:
    """Put the axis labels at fixed distances (inches) from the axes: placing them automatically
    would measure every tick label at every draw."""
    box = ax.get_position()
    width, height = ax.figure.get_size_inches()
    if below is not None:
        ax.xaxis.set_label_coords(0.5, -below / (box.height * height))
    if left is not None:
        ax.yaxis.set_label_coords(-left / (box.width * width), 0.5)


TICK_LABEL_GAP = 7 / 72  # inches between an axis and its tick labels: matplotlib's tick (3.5 pt) and pad (3.5 pt)


def _axis_labels(ax, labels: list[str], axis: str = "x", positions=None, rotate: bool = False,
                 fontsize: float | None = None) -> None:
    """Labels along an axis (category names, or a value scale's numbers), as plain texts where
    matplotlib's tick labels would stand, and no tick marks. A tick is five artists (two marks,
    two labels, a grid line), each measured again at every draw; a text is one."""
    positions = range(len(labels)) if positions is None else positions
    figure = ax.figure
    if axis == "x":
        ax.set_xticks([])
        place = (blended_transform_factory(ax.transData, ax.transAxes)
                 + ScaledTranslation(0, -TICK_LABEL_GAP, figure.dpi_scale_trans))
        style = ({"rotation": 45, "ha": "right", "va": "top", "rotation_mode": "anchor"} if rotate
                 else {"ha": "center", "va": "top"})
        points = [(x, 0) for x in positions]
    else:
        ax.set_yticks([])
        place = (blended_transform_factory(ax.transAxes, ax.transData)
                 + ScaledTranslation(-TICK_LABEL_GAP, 0, figure.dpi_scale_trans))
        style = {"ha": "right", "va": "center"}
        points = [(0, y) for y in positions]
    for (x, y), label in zip(points, labels):
        ax.text(x, y, label, transform=place, fontsize=fontsize, clip_on=False, **style)


def _value_scale(ax, low: float, high: float, axis: str = "y") -> None:
    """The value axis from low to high, its tick values chosen by matplotlib's own locator and
    written as plain texts in Danish ("2,5")."""
    (ax.set_ylim if axis == "y" else ax.set_xlim)(low, high)
    values = [v for v in (ax.yaxis if axis == "y" else ax.xaxis).get_major_locator()() if low <= v <= high]
    _axis_labels(ax, [number(v) for v in values], axis=axis, positions=values)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes(pixels: np.ndarray, dpi: int) -> bytes:
    """Opaque pixels (height x width x 3, uint8) as a PNG file.

    Every row is stored with PNG's Sub filter (each byte minus the one a pixel to the left, zero
    across a chart's white background) and deflated at level 3. Pillow tries all five filters on
    every row: on the distribution charts it took 2.5 times as long for files a tenth smaller.
    """
    height, width, _ = pixels.shape
    flat = np.ascontiguousarray(pixels).reshape(height, 3 * width)  # rows of bytes
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 0] = 1  # the Sub filter
    rows[:, 1:4] = flat[:, :3]
    np.subtract(flat[:, 3:], flat[:, :-3], out=rows[:, 4:])  # uint8: modulo 256, as PNG wants
    per_metre = half_up(dpi / 0.0254)  # pixels per metre: 150 dpi is 5906
    return (b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))  # 8-bit RGB
            + _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
            + _chunk(b"IDAT", zlib.compress(rows.tobytes(), PNG_COMPRESSION))
            + _chunk(b"IEND", b""))


def _save(figure, stem) -> None:
    """PNG and SVG of a figure, one drawing pass each: no bbox_inches="tight" (a second pass).
    The PNG is RGB (the charts are opaque: an alpha channel of 255s is a third more to write)."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    figure.set_dpi(PNG_DPI)
    figure.canvas.draw()
    drawn = Image.frombuffer("RGBA", figure.canvas.get_width_height(), figure.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    # Pillow drops the alpha channel in C; a numpy slice of 3 bytes in 4 copies three times slower
    write_bytes(png_bytes(np.asarray(drawn.convert("RGB")), PNG_DPI), stem.with_suffix(".png"))
    svg = io.BytesIO()
    figure.savefig(svg, format="svg", metadata={"Date": None})
    write_bytes(svg.getvalue(), stem.with_suffix(".svg"))
    plt.close(figure)


def _panels(width: float, panel_height: float, count: int, *, left: float, right: float, top: float,
            bottom: float, gap: float = 0.0):
    """A figure with `count` stacked panels at fixed margins in inches.

    The charts' furniture (titles, rotated bin labels, legend rows) is known before drawing, so
    the margins are computed, not measured: no layout engine pass, which would cost as much as
    drawing the figure again.
    """
    height = top + bottom + count * panel_height + (count - 1) * gap
    figure = plt.figure(figsize=(width, height))
    axes = [figure.add_axes((left / width, (bottom + (count - 1 - i) * (panel_height + gap)) / height,
                             (width - left - right) / width, panel_height / height))
            for i in range(count)]
    return figure, axes


def development(points: list[dict], label: str, stem) -> None:
    """Mean caseload per survey year ("Udvikling over tid"): bars labelled with the rounded means,
    each year's source under it ("beregnet" from the answers, or "publiceret").

    A point may carry `value`, the unrounded mean the bar is drawn at, and its 95 % interval
    (`ci_low`, `ci_high`), drawn as an error bar (the interval belongs to the unrounded mean;
    with many answers it can be narrower than the rounding).
    """
    figure, [ax] = _panels(min(7.0, max(6.0, 1.3 * len(points) + 2.4)), 2.6, 1, left=0.75, right=0.2,
                           top=0.6, bottom=0.8)
    positions = range(len(points))
    heights = [p.get("value", p["mean"]) for p in points]
    ax.bar(positions, heights, color=[NEUTRAL] * (len(points) - 1) + [CURRENT_COLOUR], width=0.6)
    tops = list(heights)
    intervals = [(x, p) for x, p in zip(positions, points) if p.get("ci_low") is not None and p.get("ci_high") is not None]
    for x, p in intervals:
        centre = heights[x]
        ax.errorbar([x], [centre], yerr=[[max(0, centre - p["ci_low"])], [max(0, p["ci_high"] - centre)]],
                    fmt="none", ecolor="#222222", capsize=5, linewidth=1.2)
        tops[x] = max(p["ci_high"], centre)
    # the rounded mean 3 points above the bar or its interval (plain text: an annotation costs twice as much)
    above = ax.transData + ScaledTranslation(0, 3 / 72, figure.dpi_scale_trans)
    for x, (p, y) in enumerate(zip(points, tops)):
        ax.text(x, y, number(p["mean"]), transform=above, ha="center", va="bottom")
    _axis_labels(ax, [f"{p['year']}\n({p.get('source', 'beregnet')})" for p in points])
    ax.set_title(f"{label}:\ngennemsnitligt aktuelt sagstal", loc="left")
    ax.set_xlabel("Undersøgelsesår og kilde" + (" (streg: 95 %-interval for gennemsnittet)" if intervals else ""))
    ax.set_ylabel("Sager pr. sagsbehandler")
    top = max(heights + [p["ci_high"] for _, p in intervals] + [1])
    _value_scale(ax, 0, top * 1.18)
    _labels_at(ax, below=0.5, left=0.4)
    _save(figure, stem)


def axis_position(labels, value) -> float:
    """Where a caseload falls on a binned axis, whose bar i spans i - 0.5 to i + 0.5.

    A bar covers its bin from halfway after the previous bin's upper bound to halfway before the
    next bin's lower bound ("25-30", "31-35": 30.5 is the border), so 33 in "31-35" sits at the
    bar's middle. Values beyond the first or last bin continue at that bin's width.
    """
    bins = parse_bins(labels)
    half_gap = (bins[1].label_low - bins[0].upper) / 2 if len(bins) > 1 else 0.5
    edges = ([bins[0].label_low - half_gap]
             + [(a.upper + b.label_low) / 2 for a, b in zip(bins, bins[1:])]
             + [bins[-1].upper + half_gap])
    if value <= edges[0]:
        return -0.5 - (edges[0] - value) / (edges[1] - edges[0])
    for i, (low, high) in enumerate(zip(edges, edges[1:])):
        if value <= high:
            return i - 0.5 + (value - low) / (high - low)
    return len(bins) - 0.5 + (value - edges[-1]) / (edges[-1] - edges[-2])


def _guideline_span(labels, guideline):
    """Bar positions whose bins overlap the guideline range, for shading."""
    inside = [i for i, b in enumerate(parse_bins(labels))
              if b.upper >= guideline["min"] and b.label_low <= guideline["max"]]
    return (inside[0] - 0.5, inside[-1] + 0.5) if inside else None


def _body(figures: dict) -> tuple[list[str], int]:
    """The configured bins' labels (without the tail rows "under 20" / "over 110"), and the bar
    position of the first of them (1 when a tail row stands before it)."""
    rows = figures["bins"]
    body = [b["interval"] for b in rows if not b.get("tail")]
    return body, int(bool(rows) and bool(rows[0].get("tail")))


def _columns(ax, heights: list[float], colour: str, width: float = 0.8, positions=None,
             horizontal: bool = False, label: str | None = None) -> None:
    """Bars (at 0, 1, 2, ... unless positions are given) as one collection: drawn like ax.bar's
    or ax.barh's, at a fraction of the cost of one Rectangle artist per bar."""
    positions = range(len(heights)) if positions is None else positions
    corners = [[(x - width / 2, 0), (x - width / 2, h), (x + width / 2, h), (x + width / 2, 0)]
               for x, h in zip(positions, heights)]
    if horizontal:
        corners = [[(h, x) for x, h in bar] for bar in corners]
    ax.add_collection(PolyCollection(corners, facecolors=colour, edgecolors="none", linewidths=0, label=label))


LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 0.3, "alpha": 0.8}
LABEL_HALF_WIDTH = 0.5  # bars: a reference line nearer than this to a count's bar crosses the count
REFERENCE_STYLES = ["--", ":", "-.", (0, (5, 2, 1, 2)), (0, (1, 1))]
ROTATE_ABOVE = 8  # bins: more than this many bin labels are set at 45 degrees


def distribution(current: dict, suggested: dict, guideline: dict | None, label: str, stem,
                 hidden: str = "", references: list | None = None) -> None:
    """The binned answers, current above suggested, with DS' guideline range shaded and the
    reference caseloads of other projects (config: reference_caseloads) as dashed lines.

    A count hidden by the privacy rule (None) is labelled with `hidden` ("<3") and drawn at 0.
    """
    panels = [("Aktuelle antal sager", current, CURRENT_COLOUR),
              ("Passende antal sager", suggested, SUGGESTED_COLOUR)]
    references = references or []
    widest = max(len(current["bins"]), len(suggested["bins"]))
    ticks = [0.65 if len(figures["bins"]) > ROTATE_ABOVE else 0.3 for _, figures, _ in panels]
    shaded = bool(guideline) and any(_guideline_span(_body(figures)[0], guideline) for _, figures, _ in panels)
    legend_rows = shaded + len(references) + bool(references)
    figure, axes = _panels(max(6.5, 0.5 * widest + 1.5), 2.25, 2, left=0.75, right=0.25, top=0.75,
                           bottom=ticks[1] + 0.35 + (0.17 * legend_rows + 0.15 if legend_rows else 0),
                           gap=ticks[0] + 0.4)
    handles = {}
    for ax, (title, figures, colour) in zip(axes, panels):
        labels = [b["interval"] for b in figures["bins"]]
        heights = [b["percent"] or 0 for b in figures["bins"]]
        _columns(ax, heights, colour)
        top = max(heights + [1]) * 1.2
        body, offset = _body(figures)
        lines = [axis_position(body, point["value"]) + offset for point in references]
        for x, (height, b) in enumerate(zip(heights, figures["bins"])):
            text = hidden if b["count"] is None else (str(b["count"]) if b["count"] else "")
            # a white box keeps a count readable where a reference line crosses it (it costs drawing time)
            crossed = any(abs(line - x) < LABEL_HALF_WIDTH for line in lines)
            if text:  # plain text a little above the bar (bar_label's annotations cost twice as much to draw)
                ax.text(x, height + top * 0.02, text, ha="center", va="bottom", fontsize=8, zorder=4,
                        bbox=LABEL_BOX if crossed else None)
        rotate = len(labels) > ROTATE_ABOVE
        _axis_labels(ax, labels, rotate=rotate, fontsize=8)
        ax.set_ylabel("Procent af svarene")
        _labels_at(ax, below=0.5 if rotate else 0.3, left=0.4)
        ax.set_title(f"{title} (n = {figures['n']}; tal over søjlerne: antal svar)", loc="left", fontsize=10)
        _value_scale(ax, 0, top)
        if guideline:
            shaded = _guideline_span(body, guideline)
            if shaded:
                shaded = (shaded[0] + offset, shaded[1] + offset)
                name = f"DS' vejledende sagstal {guideline['label']}"
                handles[name] = ax.axvspan(*shaded, color=GUIDELINE_COLOUR, alpha=0.15, zorder=0)
        left, right = -0.6, len(labels) - 0.4
        for style, point, x in zip(itertools.cycle(REFERENCE_STYLES), references, lines):
            handles[point["label"]] = ax.axvline(x, color="#333333", linestyle=style, linewidth=1.3)
            left, right = min(left, x - 0.3), max(right, x + 0.3)
        ax.set_xlim(left, right)
    axes[-1].set_xlabel("Sager pr. sagsbehandler")
    figure.suptitle(label, x=0.01, y=1 - 0.08 / figure.get_figheight(), ha="left", va="top", fontweight="bold")
    if handles:
        figure.legend(list(handles.values()), list(handles), loc="lower left", bbox_to_anchor=(0.01, 0.01),
                      fontsize=8, frameon=False,
                      title="Stiplede linjer: sagsstammer i andre projekter (kilde i bilagets tekst)"
                      if references else None, title_fontsize=8, alignment="left")
    _save(figure, stem)


NOT_COMPARABLE_FILL = "#e3e7eb"  # a wave's figure on other areas than this wave's: light and hatched
NOTE_CHARS_PER_INCH = 15  # of 8.5 pt text: where the notes under the compliance chart wrap
NOTE_LINE = 0.17  # inches per line of those notes


def _note_lines(notes: list[str], width: float) -> list[str]:
    """The notes wrapped to the figure's width, each note starting a new line."""
    return [line for note in notes for line in textwrap.wrap(note, int(width * NOTE_CHARS_PER_INCH) - 4)]


def compliance(per_area: list[dict], per_wave: list[dict], stem, notes: list[str] | None = None,
               base: str = "arbejdspladserne") -> None:
    """Share of workplaces complying, per area (this wave) and overall per survey wave.

    Each item: label, pct, and where known n and the 95 % interval (ci_low, ci_high), drawn as
    an error bar; the base n stands beside each area's name. A wave's item may say `current`
    (drawn in this wave's colour; without it, the last bar is) and `comparable: False` (it rests
    on other areas than this wave's figure: a light, hatched bar). `notes` (the areas a comparison
    rests on, what a hatched bar means) stand under the chart, wrapped.
    """
    ordered = sorted(per_area, key=lambda item: item["pct"])
    names = [f"{a['label']} (n = {a['n']})" for a in ordered]
    names_width = 0.075 * max(map(len, names), default=0) + 0.3  # inches of 10 pt text, and a margin
    height = 0.42 * max(len(per_area), 6)
    wider = max(0.0, 0.85 * len(per_wave) - 2.6)  # the waves' panel is 2.6 inches, wider for many two-line labels
    width = max(10.5, names_width + 8.95 + wider)
    lines = _note_lines(notes or [], width)
    below = NOTE_LINE * len(lines) + 0.1 if lines else 0  # inches under the axes' labels for the notes
    total = height + 1.65 + below
    figure = plt.figure(figsize=(width, total))
    inch = (1 / width, 1 / total)
    left = figure.add_axes((names_width * inch[0], (0.8 + below) * inch[1], 5.6 * inch[0], height * inch[1]))
    right = figure.add_axes(((width - 2.8 - wider) * inch[0], (0.8 + below) * inch[1], (2.6 + wider) * inch[0],
                             height * inch[1]))
    if not per_area:
        left.text(0.5, 0.5, "Intet vejledende sagstal på\nundersøgelsestidspunktet", ha="center", va="center",
                  transform=left.transAxes)
        left.set_axis_off()
    left.barh(range(len(names)), [a.get("value", a["pct"]) for a in ordered], color=CURRENT_COLOUR)
    _axis_labels(left, names, axis="y")
    _interval_bars(left, range(len(ordered)), ordered, horizontal=True)
    for y, a in enumerate(ordered):
        left.annotate(f"{a['pct']} %", (max(a["pct"], a.get("ci_high") or 0), y), xytext=(4, 0),
                      textcoords="offset points", va="center", fontsize=9)
    if per_area:  # an empty panel has no axis to label
        _value_scale(left, 0, 108, axis="x")
    left.set_xlabel(f"Procent af {base}, der overholder (streg: 95 %-interval)")
    _labels_at(left, below=0.3)
    left.set_title("Pr. sagsområde", loc="left")
    last = len(per_wave) - 1
    colours = [CURRENT_COLOUR if w.get("current", i == last) else NEUTRAL for i, w in enumerate(per_wave)]
    drawn = right.bar(range(len(per_wave)), [w.get("value", w["pct"]) for w in per_wave], color=colours, width=0.6)
    for bar, w in zip(drawn, per_wave):
        if w.get("comparable", True) is False:
            bar.set(facecolor=NOT_COMPARABLE_FILL, edgecolor=NEUTRAL, hatch="///", linewidth=0.8)
    _interval_bars(right, range(len(per_wave)), per_wave, horizontal=False)
    for x, w in enumerate(per_wave):
        right.annotate(f"{w['pct']} %", (x, max(w["pct"], w.get("ci_high") or 0)), xytext=(0, 3),
                       textcoords="offset points", ha="center")
    _value_scale(right, 0, 100)
    _axis_labels(right, [w["label"] for w in per_wave], fontsize=8)
    right.set_ylabel("Procent af alle svar")
    right.set_xlabel("Undersøgelsesår og kilde")
    _labels_at(right, below=0.55, left=0.45)
    right.set_title("Samlet (se noten)" if lines else "Alle områder", loc="left")
    if lines:
        figure.text(0.01, (below - 0.05) * inch[1], "\n".join(lines), ha="left", va="top", fontsize=8.5,
                    linespacing=1.35)
    figure.suptitle("Overholdelse af DS' vejledende sagstal", x=0.01, y=1 - 0.08 * inch[1], ha="left", va="top",
                    fontweight="bold")
    _save(figure, stem)


def _interval_bars(ax, positions, items, horizontal: bool) -> None:
    """Error bars for the items that have a 95 % interval, around the unrounded share (`value`)."""
    known = [(p, i) for p, i in zip(positions, items) if i.get("ci_low") is not None]
    if not known:
        return
    centres = [i.get("value", i["pct"]) for _, i in known]
    spread = [[max(0, c - i["ci_low"]) for c, (_, i) in zip(centres, known)],
              [max(0, i["ci_high"] - c) for c, (_, i) in zip(centres, known)]]
    where = [p for p, _ in known]
    if horizontal:
        ax.errorbar(centres, where, xerr=spread, fmt="none", ecolor="#222222", capsize=3, linewidth=1)
    else:
        ax.errorbar(where, centres, yerr=spread, fmt="none", ecolor="#222222", capsize=4, linewidth=1)


def breakdown(rows: list[dict], groups: dict, areas: dict, title: str, stem, hidden: str) -> None:
    """Mean caseload per area and group (a breakdown), as grouped horizontal bars; a hidden group
    (privacy) is not drawn but labelled with `hidden` where its bar would be.

    rows: {area, group, mean, hidden}; groups: {value: label} in drawing order; areas: {slug: label}.
    """
    order = list(groups)
    area_order = [a for a in areas if any(r["area"] == a for r in rows)]
    step = len(order) + 1
    height = max(2.0, 0.15 * step * len(area_order))
    names_width = 0.075 * max(map(len, (areas[a] for a in area_order)), default=10) + 0.3
    figure, [ax] = _panels(names_width + 6.0, height, 1, left=names_width, right=0.3, top=0.55,
                           bottom=0.8 + 0.2 * ((len(order) + 2) // 3))
    colours = [CURRENT_COLOUR, SUGGESTED_COLOUR, GUIDELINE_COLOUR, NEUTRAL, "#8e5ea2", "#c0504d"]
    found = {(r["area"], r["group"]): r for r in rows}
    top = max([r["mean"] for r in rows if r["mean"] is not None] + [1])
    for j, group in enumerate(order):
        ys, means = [], []
        for i, area in enumerate(area_order):
            y = i * step + j
            r = found.get((area, group))
            if r is None:
                continue
            if r["hidden"]:
                ax.text(0, y, f" {hidden}", va="center", fontsize=7)
            else:
                ys.append(y)
                means.append(r["mean"])
        _columns(ax, means, colours[j % len(colours)], width=0.9, positions=ys, horizontal=True, label=groups[group])
        for y, mean in zip(ys, means):
            ax.text(mean, y, f" {number(mean)}", va="center", fontsize=7)
    _axis_labels(ax, [areas[a] for a in area_order], axis="y",
                 positions=[i * step + (len(order) - 1) / 2 for i in range(len(area_order))], fontsize=8)
    ax.autoscale_view()
    ax.invert_yaxis()
    _value_scale(ax, 0, top * 1.12, axis="x")
    ax.set_xlabel("Gennemsnitligt aktuelt sagstal")
    _labels_at(ax, below=0.3)
    ax.set_title(title, loc="left")
    figure.legend(loc="lower left", bbox_to_anchor=(0.01, 0.01), ncols=3, fontsize=8, frameon=False,
                  title=f"{hidden}: skjult af hensyn til anonymiteten" if any(r["hidden"] for r in rows) else None,
                  title_fontsize=8, alignment="left")
    _save(figure, stem)
