"""The two judges of a scenario file, side by side, for the checks in this folder.

scalesim's loader (`scalesim validate FILE`: exit 0 accepted, 2 rejected) is the
authority; the JSON Schema is what editors use. A Judges object asks both about
a document and reports each verdict with its messages. Documents are written
into one scratch folder that looks like scenarios/ (its traces/ and pricing/ are
links to the shipped ones), so relative paths in examples resolve as they would
beside the shipped scenarios.

Also here: JSON pointers (RFC 6901) to build documents from a base and a change.
"""
import copy
import json
import os
import pathlib
import subprocess
import tempfile

import jsonschema

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]


class Verdict:
    """One judge's answer: accepted or not, and what it said."""

    def __init__(self, accepted, messages):
        self.accepted = accepted
        self.messages = messages

    def __str__(self):
        head = "accepted" if self.accepted else "rejected"
        return head + "".join("\n        " + m for m in self.messages)


class Judges:
    """Runs `scalesim validate` and the JSON Schema on documents."""

    def __init__(self, scalesim, schema_path):
        self.scalesim = pathlib.Path(scalesim).resolve()
        schema = json.loads(pathlib.Path(schema_path).read_text(encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(schema)
        self.validator = jsonschema.Draft7Validator(schema)
        self.scratch = tempfile.TemporaryDirectory(prefix="scalesim-judges-")
        self.dir = pathlib.Path(self.scratch.name)
        for shared in ("traces", "pricing"):
            (self.dir / shared).symlink_to(SOURCE_DIR / "scenarios" / shared)
        self.env = {k: v for k, v in os.environ.items() if k != "SCALESIM_DATA_DIR"}

    def write(self, name, document):
        """Writes document as scratch/name (folders made as needed) and returns its path."""
        path = self.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        return path

    def loader(self, paths):
        """The verdict of `scalesim validate` on each file, from one run on all of them.

        A file is accepted when scalesim prints "FILE: ok" for it, rejected when it prints
        problems naming FILE; the run must exit 0 when all are accepted, 2 otherwise."""
        command = [str(self.scalesim), "validate", *map(str, paths)]
        done = subprocess.run(command, capture_output=True, text=True, env=self.env,
                              cwd=self.dir, check=False)
        verdicts = []
        for path in map(str, paths):
            ok = [l for l in done.stdout.splitlines() if l.startswith(path + ": ok")]
            problems = [l for l in done.stderr.splitlines() if l.startswith(path + ":")]
            if bool(ok) == bool(problems):
                raise RuntimeError(f"scalesim validate said neither ok nor what is wrong, or "
                                   f"both, about {path}:\n{done.stdout}{done.stderr}")
            lines = [line.replace(str(self.dir) + "/", "") for line in ok + problems]
            verdicts.append(Verdict(bool(ok), lines))
        expected_status = 0 if all(v.accepted for v in verdicts) else 2
        if done.returncode != expected_status:
            raise RuntimeError(f"scalesim validate exited {done.returncode}, not "
                               f"{expected_status}:\n{done.stderr}")
        return verdicts

    def schema(self, document):
        errors = sorted(self.validator.iter_errors(document),
                        key=lambda e: list(map(str, e.absolute_path)))
        return Verdict(not errors, [f"{pointer_of(e.absolute_path)}: {e.message}" for e in errors])


class Trial:
    """One document to judge, and the verdicts expected of it.

    The loader must accept it when expect_accepted, else reject it at pointer (or below,
    when pointer is given). The schema must accept it when schema_accepts (by default,
    expect_accepted); with schema_has_say False, the schema is not asked."""

    def __init__(self, case, name, document, expect_accepted, pointer=None, schema_accepts=None,
                 schema_has_say=True):
        self.case, self.name, self.document = case, name, document
        self.expect_accepted, self.pointer = expect_accepted, pointer
        self.schema_accepts = expect_accepted if schema_accepts is None else schema_accepts
        self.schema_has_say = schema_has_say


def judge_all(judges, report, trials):
    """Writes every trial's document, asks both judges, and reports each outcome."""
    paths = [judges.write(t.name, t.document) for t in trials]
    if len(set(paths)) != len(paths):
        raise RuntimeError("two trials write the same file")
    for trial, loader in zip(trials, judges.loader(paths) if paths else []):
        schema = judges.schema(trial.document) if trial.schema_has_say else None
        report.verdicts(trial.case, trial.expect_accepted, loader, schema, trial.pointer,
                        trial.schema_accepts)


class Report:
    """Collects outcomes; decides against known disagreements."""

    def __init__(self, known):
        self.known = known
        self.used = set()
        self.failures = 0
        self.checked = 0

    def fail(self, case, why):
        self.failures += 1
        print(f"FAIL {case}: {why}")

    def verdicts(self, case, expect_accepted, loader, schema, pointer=None, schema_accepts=None):
        """Checks the loader's verdict, and the schema's (None: it has no say). The schema is
        expected to agree with the loader unless schema_accepts says otherwise. A rejection
        by the loader must name pointer or one below it, when one is given."""
        self.checked += 1
        if schema_accepts is None:
            schema_accepts = expect_accepted
        want = _word(expect_accepted)
        if schema is not None and schema_accepts != expect_accepted:
            want += f" by scalesim validate, {_word(schema_accepts)} by the schema"
        wrong = []
        if loader.accepted != expect_accepted:
            wrong.append(f"scalesim validate {loader}")
        elif not expect_accepted and pointer and not any(
                f":{pointer}:" in m or f":{pointer}/" in m for m in loader.messages):
            wrong.append(f"scalesim validate rejected it, but not at or under {pointer}: {loader}")
        if schema is not None and schema.accepted != schema_accepts:
            wrong.append(f"the JSON Schema {schema}")
        observed = {"loader": _word(loader.accepted),
                    "schema": None if schema is None else _word(schema.accepted)}
        if case in self.known:
            self.used.add(case)
            entry = self.known[case]
            if not wrong:
                self.fail(case, f"listed in known_disagreements.json, but now {want} as expected: "
                                "remove its entry")
            elif {k: entry.get(k) for k in observed} != observed:
                self.fail(case, f"known disagreement changed: listed as {entry}, now "
                                f"{observed}:\n    " + "\n    ".join(wrong))
            else:
                print(f"KNOWN {case}: expected {want}, but {observed}: {entry.get('note', '')}")
            return
        if wrong:
            self.fail(case, f"expected {want}, but\n    " + "\n    ".join(wrong))

    def unused_known(self, prefixes):
        """Fails on each known case of these prefixes (first word of its name) never met."""
        for case in sorted(set(self.known) - self.used):
            if case.split(" ")[0] in prefixes:
                self.fail(case, "listed in known_disagreements.json, but no such case: "
                                "remove it")


def _word(accepted):
    return "accepted" if accepted else "rejected"


def pointer_of(parts):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _parts(pointer):
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]


def _index(container, part):
    return int(part) if isinstance(container, list) else part


def get_at(document, pointer):
    for part in _parts(pointer):
        document = document[_index(document, part)]
    return document


def set_at(document, pointer, value):
    """Sets the value at pointer (an array index may be one past the end: appends)."""
    if pointer == "":
        return copy.deepcopy(value)
    *parents, last = _parts(pointer)
    container = get_at(document, pointer_of(parents))
    key = _index(container, last)
    if isinstance(container, list) and key == len(container):
        container.append(copy.deepcopy(value))
    else:
        container[key] = copy.deepcopy(value)
    return document


def remove_at(document, pointer):
    *parents, last = _parts(pointer)
    container = get_at(document, pointer_of(parents))
    del container[_index(container, last)]
    return document


def merge_at(document, pointer, members):
    """Sets each member of the object members in the object at pointer."""
    target = get_at(document, pointer)
    for key, value in members.items():
        target[key] = copy.deepcopy(value)
    return document


def load_json(path):
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
