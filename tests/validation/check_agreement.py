#!/usr/bin/python3
"""scalesim's loader and the JSON Schema agree on good and bad scenarios.

    check_agreement.py SCALESIM SCHEMA

Applies each change of agreement_cases.json to its base (bases.json) and asks both
judges: "accepted" cases must pass both; "rejected" ones must fail both, the loader
with exit status 2 and a message at the pointer changed; "loader_only" ones (rules
the docs say only scalesim checks) must fail the loader and pass the schema, so that
a schema that learns such a rule shows up here and the docs get updated. Known
disagreements (known_disagreements.json, cases named "agreement: CASE") are printed
and tolerated while they hold exactly. Exits 1 on any failure.
"""
import pathlib
import sys

from validators import Judges, Report, Trial, judge_all, load_json, remove_at, set_at

HERE = pathlib.Path(__file__).resolve().parent


def build(bases, case):
    scenario = load_json(HERE / "bases.json")["bases"][case.get("base", "alb-fleet")]
    for pointer in case.get("remove", []):
        remove_at(scenario, pointer)
    for pointer, value in case.get("set", {}).items():
        set_at(scenario, pointer, value)
    return scenario


def changed_pointer(case):
    if "at" in case:
        return case["at"]
    changed = list(case.get("set", {})) + case.get("remove", [])
    return changed[0] if changed else None


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    judges = Judges(argv[1], argv[2])
    report = Report(load_json(HERE / "known_disagreements.json")["cases"])
    table = load_json(HERE / "agreement_cases.json")
    bases = load_json(HERE / "bases.json")["bases"]
    expectations = {"accepted": (True, True), "rejected": (False, False),
                    "loader_only": (False, True)}
    trials = []
    for group, (loader_accepts, schema_accepts) in expectations.items():
        for number, case in enumerate(table[group]):
            trials.append(Trial(f"agreement: {case['case']}", f"{group}-{number}.json",
                                build(bases, case), loader_accepts, changed_pointer(case),
                                schema_accepts))
    names = [t.case for t in trials]
    for name in sorted({n for n in names if names.count(n) > 1}):
        report.fail(name, "two cases of this name in agreement_cases.json")
    judge_all(judges, report, trials)
    report.unused_known(["agreement:"])
    print(f"{report.checked} cases, {report.failures} failures")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
