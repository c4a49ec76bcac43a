"""Markdown and HTML pages from the Jinja2 templates in workflow/templates/.

The templates hold the Danish sentences; this module only supplies the filters that format
numbers and lists, and the way images are referenced (a relative path, or embedded).
"""

import base64
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..core.danish import difference_interval, interval, listing, number, signed, span

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _sager(value) -> str:
    return f"{number(value)} {'sag' if number(value) == '1' else 'sager'}"


def _between(main_range) -> str:
    """'26-35' -> 'mellem 26 og 35'; a single bin '95' -> 'på 95'."""
    if not main_range:
        return ""
    low, _, high = str(main_range).partition("-")
    return f"mellem {low} og {high}" if high else f"på {low}"


@cache
def environment() -> Environment:
    """One Environment per process, so each template is compiled once, not once per page."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      autoescape=select_autoescape(enabled_extensions=("html.j2",)),
                      trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True)
    env.filters.update(number=number, listing=listing, span=span, interval=interval, signed=signed,
                       difference_interval=difference_interval, sager=_sager, between=_between,
                       cell=lambda value, marker="": marker if value is None else value)
    return env


def relative_images(folder: str):
    """Images as paths relative to the page: '../figurer/<name>.png'."""
    return lambda name: f"{folder}/{name}.png"


def embedded_images(folder: Path):
    """Images embedded in the page as data URIs, so the page is one self-contained file."""
    def image(name: str) -> str:
        data = base64.b64encode((Path(folder) / f"{name}.png").read_bytes()).decode("ascii")
        return f"data:image/png;base64,{data}"
    return image


# What Markdown (and raw HTML inside it) would read as markup: a backslash before it makes it text.
MARKDOWN_SPECIALS = r"\\`*_\[\]<>&|#"  # a regular expression's character set ("!" needs a "[" to be markup)
_MARKDOWN_SPECIAL = re.compile(rf"([{MARKDOWN_SPECIALS}])")


def markdown_text(text: str) -> str:
    """A respondent's text as Markdown shows it literally: no tag, link or emphasis of theirs runs."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def for_markdown(context: dict) -> dict:
    """The appendix context with every text a respondent typed (quotes, caps as typed) escaped for
    Markdown; the HTML templates escape the same texts themselves (autoescape)."""
    caps = context["caps"]
    return {**context, "quotes": [markdown_text(q) for q in context.get("quotes", [])],
            "caps": {**caps, "typed": [markdown_text(t) for t in caps["typed"]],
                     "counted": [{**cap, "text": markdown_text(cap["text"])} for cap in caps["counted"]]}}


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
