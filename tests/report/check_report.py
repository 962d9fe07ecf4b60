#!/usr/bin/env python3
"""The HTML report, rendered in headless Chromium as a reviewer would open it.

usage: check_report.py SCALESIM SCENARIO SWEEP_FIXTURE_DIR

1. `scalesim run SCENARIO --out DIR --report DIR/report.html`, and `scalesim report DIR`
   writes the same bytes (one code path).
2. The page loads nothing from elsewhere (no src or href attribute at all).
3. Chromium renders it: every <figure class="chart"> drew (data-drawn="true", and the count
   on <html data-charts-drawn>), the page's error box is empty, and Chromium logged no
   console message (a script error or a blocked request would be one).
4. The same for the sweep fixture, whose charts must include the cost-versus-SLO charts and
   the Pareto fronts.
5. The check itself fails on a page where a chart does not draw, where the script logs an
   error, or that refers to another file, so the checks above cannot pass vacuously.
"""

import html.parser
import os
import shutil
import subprocess
import sys
import tempfile


class Dom(html.parser.HTMLParser):
    """What the checks need from a page: its charts, errors and outside references."""

    def __init__(self):
        super().__init__()
        self.charts = []  # (data-chart, drawn)
        self.captions = []
        self.root = {}
        self.references = []
        self.errors_text = ""
        self._in_errors = False
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.root = a
        for name in ("src", "href"):
            if name in a:
                self.references.append(f"<{tag} {name}={a[name]}>")
        if tag == "figure" and "chart" in a.get("class", "").split():
            self.charts.append((a.get("data-chart"), a.get("data-drawn") == "true"))
        self._in_errors = tag == "pre" and a.get("id") == "report-errors"
        self._in_caption = tag == "figcaption"

    def handle_endtag(self, tag):
        self._in_errors = False
        self._in_caption = False

    def handle_data(self, data):
        if self._in_errors:
            self.errors_text += data
        if self._in_caption:
            self.captions.append(data)


def parse(text):
    dom = Dom()
    dom.feed(text)
    return dom


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check_report: chromium not found (scripts/install-deps.sh installs it)")


def render(page):
    """The page's DOM after its scripts ran, and Chromium's console messages."""
    with tempfile.TemporaryDirectory(prefix="scalesim-chromium-") as profile:
        run = subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--dump-dom",
             "file://" + os.path.abspath(page)],
            capture_output=True, text=True, timeout=180)
    if run.returncode != 0:
        raise AssertionError(f"chromium exited with {run.returncode}: {run.stderr[-2000:]}")
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    return run.stdout, console


def static_problems(page):
    """What is wrong with the page before it runs: references to other files."""
    source = parse(open(page, encoding="utf-8").read())
    return [f"refers to another file: {r}" for r in source.references]


def problems_of(page):
    """Everything wrong with the page as rendered; empty when it is fine."""
    problems = static_problems(page)
    dom_text, console = render(page)
    dom = parse(dom_text)
    if not dom.charts:
        problems.append("the page has no chart")
    for chart, drawn in dom.charts:
        if not drawn:
            problems.append(f"chart {chart} did not draw")
    if dom.root.get("data-charts-drawn") != str(len(dom.charts)):
        problems.append(f"data-charts-drawn is {dom.root.get('data-charts-drawn')}, "
                        f"expected {len(dom.charts)}")
    if dom.root.get("data-errors") or dom.errors_text.strip():
        problems.append("the page reported errors: " + dom.errors_text.strip())
    problems += [f"console: {line}" for line in console]
    return problems, dom


def scalesim(binary, *args):
    run = subprocess.run([binary, *args], capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        raise AssertionError(f"scalesim {' '.join(args)} exited with {run.returncode}: "
                             f"{run.stderr}")


def expect_fine(page, what):
    problems, dom = problems_of(page)
    if problems:
        raise AssertionError(f"{what}:\n  " + "\n  ".join(problems))
    print(f"ok: {what}: {len(dom.charts)} charts drew, no error")
    return dom


def expect_caught(page, what, render_it=True):
    problems = problems_of(page)[0] if render_it else static_problems(page)
    if not problems:
        raise AssertionError(f"the check passed a broken page ({what})")
    print(f"ok: the check fails a page where {what}: " + "; ".join(problems))


def sabotage(page, out, old, new):
    text = open(page, encoding="utf-8").read()
    if old not in text:
        raise AssertionError(f"cannot sabotage {page}: no {old!r}")
    with open(out, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))
    return out


def main():
    binary, scenario, fixture = sys.argv[1:4]
    with tempfile.TemporaryDirectory(prefix="scalesim-report-test-") as tmp:
        run_dir = os.path.join(tmp, "run")
        page = os.path.join(run_dir, "report.html")
        scalesim(binary, "run", scenario, "-r", "2", "-q", "--out", run_dir, "--report", page)
        again = os.path.join(tmp, "again.html")
        scalesim(binary, "report", run_dir, "-o", again, "-q")
        if open(page, "rb").read() != open(again, "rb").read():
            raise AssertionError("run --report and report DIR wrote different pages")
        print("ok: run --report and report DIR write the same bytes")
        dom = expect_fine(page, "report of " + os.path.basename(scenario))
        if not any("Latency" in c for c in dom.captions):
            raise AssertionError("no latency chart among " + ", ".join(dom.captions))

        sweep_page = os.path.join(tmp, "sweep.html")
        scalesim(binary, "report", fixture, "-o", sweep_page, "-q")
        dom = expect_fine(sweep_page, "report of the sweep fixture")
        for wanted in ("ASG: cost.per_month_usd by target",
                       "ASG: cost.per_month_usd against latency.p99_ms",
                       "ASG: Pareto front of cost.per_month_usd against rate.error",
                       "Across strategies: cost.per_month_usd against latency.p99_ms",
                       "Across strategies: Pareto front of cost.per_month_usd against rate.error"):
            if wanted not in dom.captions:
                raise AssertionError(f"no chart \"{wanted}\" in the sweep's report")

        # Chromium takes seconds a page: two broken pages, each caught in its own way.
        expect_caught(sabotage(page, os.path.join(tmp, "bad-type.html"), '"type":"time"',
                               '"type":"tiem"'), "a chart has an unknown type")
        expect_caught(sabotage(page, os.path.join(tmp, "console.html"), "<script>\n// Draws",
                               "<script>\nconsole.error('boom');\n// Draws"),
                      "the script logs an error")
        expect_caught(sabotage(page, os.path.join(tmp, "outside.html"), "<title>",
                               '<link rel="stylesheet" href="https://example.com/a.css"><title>'),
                      "the page loads a stylesheet from the network", render_it=False)

if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
