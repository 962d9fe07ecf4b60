#!/usr/bin/python3
"""Check scenario files against the scenario JSON Schema (draft-07).

    check_schema.py SCHEMA SCENARIO_DIR
        Validates every *.json file under SCENARIO_DIR (recursively, skipping the
        "schema" and "pricing" directories) and prints one line per file: "ok", or
        each error with its JSON pointer. Exits 1 if any file fails or none is found.
        An experiment file (an object whose "scenario" is a file name) is checked as
        one: its scenario, description and $schema, and a sweep as the schema has it.

    check_schema.py SCHEMA --expect-invalid FILE...
        Exits 0 only if every FILE fails validation: proof that the schema rejects
        what it should, rather than accepting everything.

The schema itself is checked first. Uses Debian's python3-jsonschema (4.10).
scalesim's own loader (`scalesim validate`) remains the authority: it also checks
what a schema cannot, such as warmup < horizon and each strategy's topology.
"""
import json
import pathlib
import sys

import jsonschema

SKIPPED_DIRS = {"schema", "pricing"}


def where(path, error):
    """FILE:/json/pointer (RFC 6901) of the value an error is about, as scalesim prints it."""
    pointer = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in error.absolute_path)
    return f"{path}:{pointer}" if pointer else str(path)


def experiment_schema(schema):
    """An experiment file's schema, from the scenario schema's sweep (docs/experiments.md)."""
    return {"type": "object", "required": ["scenario", "sweep"], "additionalProperties": False,
            "properties": {"$schema": {"type": "string"}, "description": {"type": "string"},
                           "scenario": {"type": "string"},
                           "sweep": {"$ref": "#/definitions/sweep"}},
            "definitions": schema["definitions"]}


def problems(validator, path, experiment_validator=None):
    """Lines describing what is wrong with one file; empty when it is valid."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"{path}: not readable JSON: {e}"]
    if experiment_validator and isinstance(document, dict) and isinstance(document.get("scenario"), str):
        validator = experiment_validator
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{where(path, e)}: {e.message}" for e in errors]


def scenario_files(directory):
    root = pathlib.Path(directory)
    return sorted(p for p in root.rglob("*.json")
                  if not SKIPPED_DIRS.intersection(p.relative_to(root).parts[:-1]))


def main(argv):
    if len(argv) < 3 or (argv[2] == "--expect-invalid" and len(argv) < 4):
        sys.exit(__doc__)
    schema = json.loads(pathlib.Path(argv[1]).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)

    if argv[2] == "--expect-invalid":
        all_rejected = True
        for path in map(pathlib.Path, argv[3:]):
            found = problems(validator, path)
            if found:
                print(f"{path}: rejected as expected ({len(found)} errors)")
                for line in found:
                    print("    " + line)
            else:
                print(f"{path}: ACCEPTED, but it should be invalid")
                all_rejected = False
        return 0 if all_rejected else 1

    experiment_validator = jsonschema.Draft7Validator(experiment_schema(schema))
    files = scenario_files(argv[2])
    if not files:
        print(f"{argv[2]}: no scenario files found")
        return 1
    failed = 0
    for path in files:
        found = problems(validator, path, experiment_validator)
        print("\n".join(found) if found else f"{path}: ok")
        failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
