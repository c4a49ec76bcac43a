"""Where the charts put things: reference lines on the binned axis, and which lines an area gets;
and the PNG files they are written to."""

import copy
import io

import pytest
import yaml
from conftest import ROOT

from sagstal.core.settings import unknown_reference_areas
from sagstal.render.charts import axis_position, development, distribution, png_bytes
from sagstal.render.context import reference_lines

CONFIG = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
BINS = ["25-30", "31-35", "36-40"]  # bars 0, 1, 2; borders at 30.5 and 35.5; outer edges 24.5 and 40.5


@pytest.mark.parametrize("value, position", [
    (33, 1.0),  # middle of "31-35": (33 - 30.5) / 5 = 0.5 of bar 1
    (30.5, 0.5),  # the border between bars 0 and 1
    (24.5, -0.5),  # the first bar's left edge
    (27.5, 0.0),  # middle of "25-30" (24.5-30.5)
    (18.5, -1.5),  # one first-bin width (6) below the axis
    (45.5, 3.5),  # one last-bin width (5) beyond the axis
])
def test_axis_position(value, position):
    assert axis_position(BINS, value) == pytest.approx(position)


def test_uneven_bins():
    # "20-30", "31-40", "41-220": borders 30.5 and 40.5, last edge 220.5; 130.5 is the wide bar's middle.
    assert axis_position(["20-30", "31-40", "41-220"], 40.5) == pytest.approx(1.5)
    assert axis_position(["20-30", "31-40", "41-220"], 130.5) == pytest.approx(2.0)


def test_reference_lines_per_area_sorted_by_value():
    references = CONFIG["reference_caseloads"]
    lines = reference_lines(references, "aktivitetsparate-over-30")
    assert [p["value"] for p in lines] == [17.5, 25, 33]
    assert all(p["source"] for p in lines)
    assert reference_lines(references, "boerne-familie") == []
    assert reference_lines(references | {"show": False}, "aktivitetsparate-over-30") == []


def test_a_reference_to_an_unknown_area_is_named():
    broken = copy.deepcopy(CONFIG["reference_caseloads"])
    broken["points"]["ips"]["areas"].append("aktivparate")
    assert unknown_reference_areas(broken, CONFIG["areas"]) == [
        "reference_caseloads.points.ips.areas: unknown area(s) aktivparate"]
    assert unknown_reference_areas(CONFIG["reference_caseloads"], CONFIG["areas"]) == []


def test_charts_draw_intervals_and_reference_lines(tmp_path):
    development([{"year": "2019", "mean": 33, "source": "publiceret"},
                 {"year": "2023", "mean": 31, "source": "beregnet", "ci_low": 29.8, "ci_high": 32.3}],
                "Område", tmp_path / "u")
    svg = (tmp_path / "u.svg").read_text(encoding="utf-8")
    assert "95 %-interval for gennemsnittet" in svg and "(publiceret)" in svg and "(beregnet)" in svg
    assert svg.count("<path") > 0
    development([{"year": "2019", "mean": 33, "source": "publiceret"}], "Område", tmp_path / "v")
    assert "95 %-interval" not in (tmp_path / "v.svg").read_text(encoding="utf-8")  # no interval, no legend for it
    bins = [{"interval": b, "count": 2, "percent": 33} for b in BINS]
    figures = {"n": 6, "bins": bins}
    distribution(figures, figures, {"min": 25, "max": 35, "label": "25-35"}, "Område", tmp_path / "f",
                 references=[{"label": "IPS: højst 25", "value": 25, "source": "s"}])
    svg = (tmp_path / "f.svg").read_text(encoding="utf-8")
    assert "IPS: højst 25" in svg and "DS' vejledende sagstal 25-35" in svg


@pytest.mark.parametrize("height, width", [(1, 1), (3, 5), (37, 64)])
def test_png_bytes_decode_to_the_same_pixels_with_their_resolution(height, width):
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(height * width)
    pixels = np.full((height, width, 3), 255, dtype=np.uint8)  # a white background
    pixels[::2, ::3] = rng.integers(0, 256, size=pixels[::2, ::3].shape, dtype=np.uint8)  # and every value
    pixels[-1, -1] = (0, 1, 255)  # wrap-around of the Sub filter both ways: 255 - 1, 1 - 0
    image = Image.open(io.BytesIO(png_bytes(pixels, 150)))
    assert image.mode == "RGB" and image.size == (width, height)
    assert (np.asarray(image) == pixels).all()
    assert [round(d) for d in image.info["dpi"]] == [150, 150]
