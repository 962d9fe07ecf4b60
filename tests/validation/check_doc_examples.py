#!/usr/bin/python3
"""Every example in the documentation is tried as a new user would, by both judges.

    check_doc_examples.py SCALESIM SCHEMA PATH...

PATH is a markdown file, or a folder whose *.md files are all read.

Each ```json block (marked as markdown_examples.py describes) is built into a scenario:
a whole scenario as it is, a fragment put into its slot of bases.json. Each quantity
in the text goes into a key of its kind that takes any value of that kind (a duration
into a periodic arrival's offset, a rate into the arrival rate, a size into the ALB's
processed_bytes_per_request).
A valid example must be accepted by `scalesim validate` and by the JSON Schema, an
invalid one rejected by both (the loader at the pointer the quantity went to). A
results.json example must have the shape of a real run's results.json.

Known disagreements (known_disagreements.json) are printed and tolerated as long as
they still hold exactly; one that no longer holds fails the check, so that its entry
gets removed. Exits 1 on any failure.
"""
import pathlib
import subprocess
import sys

import markdown_examples
from validators import (Judges, Report, Trial, judge_all, load_json, merge_at, remove_at, set_at,
                        SOURCE_DIR)

HERE = pathlib.Path(__file__).resolve().parent
BASES = load_json(HERE / "bases.json")
# Where a quantity of each kind goes: keys that take any value of their kind, however large.
QUANTITY_SLOTS = {"duration": "/workload/arrivals/offset", "rate": "/workload/arrivals/rate",
                  "size": "/strategies/0/components/lb/processed_bytes_per_request"}
PERIODIC = {"process": "periodic", "every": "1s"}


def block_trial(judges, block):
    """The Trial of a json block: its scenario, built as its slot says."""
    document, members = block.parse()
    folder = f"{pathlib.Path(block.file).stem}-{block.ordinal}"
    expect = {"expect_accepted": not block.invalid}
    if block.slot == "scenario":
        if members:
            raise ValueError("a whole scenario is an object, not members")
        return Trial(block.case, folder + ".json", document, **expect)
    slot = BASES["slots"].get(block.slot)
    if slot is None:
        raise ValueError(f"unknown slot {block.slot!r}; slots are scenario, results, "
                         + ", ".join(BASES["slots"]))
    scenario = load_json(HERE / "bases.json")["bases"][slot["base"]]
    for pointer in slot.get("remove", []):
        remove_at(scenario, pointer)
    if "merge" in slot:
        if not isinstance(document, dict):
            raise ValueError(f"slot {block.slot} takes an object or members")
        merge_at(scenario, slot["merge"], document)
    elif "set" in slot:
        if members:
            raise ValueError(f"slot {block.slot} takes a value, not members")
        set_at(scenario, slot["set"], document)
    else:  # the example is a file the base names; the schema sees only the base
        judges.write(f"{folder}/{slot['file']}", document)
        return Trial(block.case, f"{folder}/scenario.json", scenario, schema_accepts=True,
                     **expect)
    return Trial(block.case, folder + ".json", scenario, **expect)


def quantity_trials(quantity, number):
    """A Trial per kind the quantity could be, with the quantity in a key of that kind."""
    trials = []
    for kind in quantity.kinds:
        scenario = load_json(HERE / "bases.json")["bases"]["alb-fleet"]
        if kind == "duration":
            set_at(scenario, "/workload/arrivals", PERIODIC)
        pointer = QUANTITY_SLOTS[kind]
        set_at(scenario, pointer, quantity.text)
        case = f"{quantity.file} {kind} {quantity.text!r}"
        trials.append(Trial(case, f"quantity-{number}-{kind}.json", scenario,
                            not quantity.rejected, pointer))
    return trials


def shape(value):
    """The keys of value, recursively, leaving out arrays' extra items and all numbers."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__ if isinstance(value, (str, bool)) else "value"


def check_results(judges, report, block):
    """A results.json example: the run of the scenario it names has every field it shows."""
    report.checked += 1
    example, _ = block.parse()
    out = judges.dir / f"results-{block.ordinal}"
    scenario = SOURCE_DIR / example["scenario"]["file"]
    command = [str(judges.scalesim), "run", str(scenario), "-r", "1", "-q", "--out", str(out)]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        report.fail(block.case, f"scalesim run {scenario} failed:\n{run.stderr}")
        return
    real = load_json(out / "results.json")
    problems = []
    compare_shape(shape(example), shape(real), "", problems)
    by_name = {s["name"]: s for s in real["strategies"]}
    for strategy in example["strategies"]:
        if strategy["name"] not in by_name:
            problems.append(f"no strategy {strategy['name']!r} in {scenario}")
    for key in ("format", "version", "confidence"):
        if example[key] != real[key]:
            problems.append(f"/{key} is {real[key]!r}, the example says {example[key]!r}")
    if problems:
        report.fail(block.case, f"(line {block.line}) differs from a real results.json:\n    "
                                + "\n    ".join(problems))


def compare_shape(example, real, pointer, problems):
    if isinstance(example, dict):
        if not isinstance(real, dict):
            problems.append(f"{pointer} is not an object in a real results.json")
            return
        for key, value in example.items():
            if key not in real:
                problems.append(f"{pointer}/{key} is not in a real results.json")
            else:
                compare_shape(value, real[key], f"{pointer}/{key}", problems)
    elif isinstance(example, list):
        if example and real:
            compare_shape(example[0], real[0], pointer + "/0", problems)
    elif example != real and "value" not in (example, real):
        problems.append(f"{pointer} is a {real} in a real results.json, a {example} in the example")


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    judges = Judges(argv[1], argv[2])
    report = Report(load_json(HERE / "known_disagreements.json")["cases"])
    trials = [Trial(f"bases.json {name}", f"base-{name}.json", BASES["bases"][name], True)
              for name in sorted({s["base"] for s in BASES["slots"].values() if "file" not in s})]
    files = []
    paths = []
    for arg in map(pathlib.Path, argv[3:]):
        paths += sorted(arg.glob("*.md")) if arg.is_dir() else [arg]
    for path in paths:
        file = str(path.resolve().relative_to(SOURCE_DIR))
        files.append(file)
        try:
            text = path.read_text(encoding="utf-8")
            blocks, quantities, errors = markdown_examples.extract(file, text)
        except markdown_examples.DocError as e:
            report.fail(file, str(e))
            continue
        for error in errors:
            report.fail(file, error)
        for block in blocks:
            if block.slot == "results":
                check_results(judges, report, block)
                continue
            try:
                trials.append(block_trial(judges, block))
            except ValueError as e:
                report.fail(block.case, f"(line {block.line}) {e}")
        seen = set()
        for quantity in quantities:
            if (quantity.text, quantity.rejected) not in seen:
                seen.add((quantity.text, quantity.rejected))
                trials += quantity_trials(quantity, len(trials))
        print(f"{file}: {len(blocks)} json blocks, {len(seen)} distinct quantities")
    judge_all(judges, report, trials)
    report.unused_known(files + ["bases.json"])
    print(f"{report.checked} checks, {report.failures} failures")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
