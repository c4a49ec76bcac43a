"""The report in a real browser: a PDF to print, and the check that the page renders.

    python -m sagstal.tools.browser pdf [WAVE ...]      # make pdf: reports/<wave>/rapport.pdf, A4, page numbers

Uses the system's Chromium (Debian package `chromium`; `make pdf` and the browser test need it)
through Playwright, which downloads no browser of its own here.
"""

import argparse
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#555">'
          'Side <span class="pageNumber"></span> af <span class="totalPages"></span></div>')


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium()
    if executable is None:
        raise SystemExit("sagstal: Chromium is not installed; install the Debian package: apt-get install chromium")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield instance
        finally:
            instance.close()


def inspect(page_path: Path, width: int, height: int, media: str, screenshot: Path) -> dict:
    """Open the page at a size and media (screen, print), and say what a reader would get: images
    loaded, tables shown, console errors, and a screenshot."""
    with browser() as instance:
        page = instance.new_page(viewport={"width": width, "height": height})
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.emulate_media(media=media)
        page.goto(page_path.resolve().as_uri(), wait_until="load")
        found = page.evaluate("""() => ({
            images: document.images.length,
            loaded: [...document.images].filter(i => i.complete && i.naturalWidth > 0).length,
            tables: document.querySelectorAll('table').length,
            visibleTables: [...document.querySelectorAll('table')].filter(t => t.offsetHeight > 0).length})""")
        page.screenshot(path=str(screenshot))
        return {**found, "errors": errors}


def pdf(page_path: Path, target: Path) -> Path:
    """The page printed to an A4 PDF with page numbers, through the print stylesheet: tagged (the
    logical structure a screen reader follows, as the web accessibility rules expect of a PDF
    put on a website), with a bookmark per heading; title and language come from the page's
    <title> and <html lang="da">."""
    with browser() as instance:
        page = instance.new_page()
        page.goto(page_path.resolve().as_uri(), wait_until="load")
        page.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
                 header_template="<div></div>", footer_template=FOOTER,
                 margin={"top": "15mm", "bottom": "18mm", "left": "12mm", "right": "12mm"},
                 tagged=True, outline=True)
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["pdf"])
    parser.add_argument("waves", nargs="*", help="default: every wave with a rapport.html under reports/")
    args = parser.parse_args(argv)
    pages = ([Path("reports") / wave / "rapport.html" for wave in args.waves] if args.waves
             else sorted(Path("reports").glob("*/rapport.html")))
    for page in pages:
        if not page.exists():
            print(f"sagstal: {page} does not exist; run make report first", file=sys.stderr)
            return 1
        print(f"wrote {pdf(page, page.with_suffix('.pdf'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
