#!/usr/bin/env python3
"""Fails when a text file of the tree holds a merge conflict marker line.

usage: check_no_conflict_markers.py SOURCE_DIR

A conflict left in a Markdown file builds and passes every other check, so this
looks for the three marker lines git writes ("<<<<<<< ", "=======", ">>>>>>> ")
in the source, documentation, scenario and test files, outside build directories.
"""
import pathlib
import sys

SUFFIXES = {".md", ".cc", ".h", ".json", ".py", ".txt", ".sh", ".csv", ".ipynb", ".cmake"}
SKIP_DIRS = {".git", "build", "build-sanitize", "build-fuzz", "node_modules"}


def marker(line):
    return line.startswith("<<<<<<< ") or line.startswith(">>>>>>> ") or line == "======="


def main():
    root = pathlib.Path(sys.argv[1])
    found = []
    for path in sorted(root.rglob("*")):
        if any(part in SKIP_DIRS or part.startswith("build") for part in path.relative_to(root).parts):
            continue
        if not path.is_file() or (path.suffix not in SUFFIXES and path.name != "Makefile"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for number, line in enumerate(text.split("\n"), 1):
            if marker(line.rstrip("\r")):
                found.append(f"{path.relative_to(root)}:{number}: a merge conflict marker: {line}")
    for line in found:
        print(line)
    print(f"{len(found)} conflict marker lines")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
