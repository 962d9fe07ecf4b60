#!/usr/bin/python3
"""Golden figures: each shipped scenario's headline results, pinned exactly.

    golden.py check SCALESIM SCENARIO GOLDEN
        Runs SCENARIO with the options GOLDEN records (and --jobs 2) and compares the
        figures, as text, with GOLDEN. Exits 1 with a diff when they differ.
    golden.py write SCALESIM SCENARIO... --into DIR
        Runs each SCENARIO (--jobs 1) and writes DIR/<scenario name>.json; removes
        DIR's golden files whose scenario is not given. scripts/regen-golden.sh does this.

For every strategy, the figures are the means over replications of rate.ok,
latency.p99_ms and cost.per_month_usd, copied from results.json as scalesim wrote
them (the shortest text that reads back as the same double), so the tolerance is
zero: any change to a model shows up as a diff to review. A run uses the scenario's
own seed and 2 replications, to keep the check short; the golden file records both.
Writing with one thread and checking with two also checks that results do not
depend on the thread count.
"""
import difflib
import json
import os
import pathlib
import subprocess
import sys
import tempfile

FIGURES = ["rate.ok", "latency.p99_ms", "cost.per_month_usd"]
REPLICATIONS = 2
SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
REGENERATE = "scripts/regen-golden.sh"


def relative(path):
    path = pathlib.Path(path).resolve()
    return str(path.relative_to(SOURCE_DIR)) if path.is_relative_to(SOURCE_DIR) else str(path)


def run(scalesim, scenario, options, jobs):
    """The results.json of one run, with its numbers kept as the text scalesim wrote."""
    with tempfile.TemporaryDirectory(prefix="scalesim-golden-") as out:
        command = [str(scalesim), "run", str(scenario), *options, "--jobs", str(jobs), "--quiet",
                   "--out", out]
        env = {k: v for k, v in os.environ.items() if k != "SCALESIM_DATA_DIR"}  # shipped books
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
        text = pathlib.Path(out, "results.json").read_text(encoding="utf-8")
    return json.loads(text, parse_float=str, parse_int=str)


def figures_of(results):
    """[(strategy name, [(figure, text)])]: a missing figure or a null mean is "null"."""
    table = []
    for strategy in results["strategies"]:
        metrics = strategy["metrics"]
        row = [(f, metrics.get(f, {}).get("mean") or "null") for f in FIGURES]
        table.append((strategy["name"], row))
    return table


def render(scenario, options, table):
    """The golden file's text: one line per figure, so that a diff names it."""
    lines = [
        "{",
        '  "note": "Written by ' + REGENERATE + '; checked by tests/golden/golden.py. Means over '
        'the replications, as results.json writes them.",',
        f'  "scenario": {json.dumps(relative(scenario))},',
        f'  "options": {json.dumps(options)},',
        '  "strategies": [',
    ]
    for i, (name, row) in enumerate(table):
        lines.append("    {")
        lines.append(f'      "name": {json.dumps(name)},')
        lines += [f'      {json.dumps(f)}: {text}' + ("," if j < len(row) - 1 else "")
                  for j, (f, text) in enumerate(row)]
        lines.append("    }" + ("," if i < len(table) - 1 else ""))
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def options_for(scenario):
    seed = json.loads(pathlib.Path(scenario).read_text(encoding="utf-8")).get("seed", 1)
    return ["--seed", str(seed), "--replications", str(REPLICATIONS)]


def check(scalesim, scenario, golden):
    golden = pathlib.Path(golden)
    if not golden.exists():
        print(f"{relative(golden)}: missing; run {REGENERATE} to write it, and commit it")
        return 1
    expected = golden.read_text(encoding="utf-8")
    options = json.loads(expected)["options"]
    actual = render(scenario, options, figures_of(run(scalesim, scenario, options, jobs=2)))
    if actual == expected:
        print(f"{relative(golden)}: the figures of {relative(scenario)} are as recorded")
        return 0
    print(f"{relative(golden)}: the figures of {relative(scenario)} changed "
          f"(scalesim run {relative(scenario)} {' '.join(options)} --jobs 2):")
    sys.stdout.writelines(difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=f"{relative(golden)} (recorded, --jobs 1)", tofile="this build (--jobs 2)"))
    print(f"If the change is intended (a model changed), run {REGENERATE} and commit the new "
          "figures with the change that explains them.")
    return 1


def write(scalesim, scenarios, into):
    into = pathlib.Path(into)
    into.mkdir(parents=True, exist_ok=True)
    kept = set()
    for scenario in scenarios:
        options = options_for(scenario)
        text = render(scenario, options, figures_of(run(scalesim, scenario, options, jobs=1)))
        path = into / (pathlib.Path(scenario).stem + ".json")
        changed = not path.exists() or path.read_text(encoding="utf-8") != text
        path.write_text(text, encoding="utf-8")
        kept.add(path.name)
        print(f"{relative(path)}: {'written' if changed else 'unchanged'}")
    for stale in sorted(into.glob("*.json")):
        if stale.name not in kept:
            stale.unlink()
            print(f"{relative(stale)}: removed (no such scenario)")
    return 0


def main(argv):
    if len(argv) == 5 and argv[1] == "check":
        return check(argv[2], argv[3], argv[4])
    if len(argv) >= 6 and argv[1] == "write" and argv[-2] == "--into":
        return write(argv[2], argv[3:-2], argv[-1])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
