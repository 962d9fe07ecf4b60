"""What the documentation shows a user: its JSON blocks and the quantities in its text.

A ```json block must be marked on the line before its fence with what it is:

    <!-- example: SLOT -->            a valid example; SLOT is "scenario" (a whole file),
                                      "results" (a results.json) or a slot of bases.json
    <!-- example: SLOT, invalid -->   an example of what scalesim rejects

Quantities are the strings in inline code that look like a duration, rate or size
("250ms", "1h30m", "12000/min", "20KB", and unquoted `5m`), and table cells that are
one (33m20s). Each is expected to be valid, unless the paragraph it is in (lines up
to a blank line: a list or a table is one paragraph) is preceded by

    <!-- quantities rejected: "30m1h" "1h1h" -->

which lists, as JSON strings, those of its quantities that scalesim rejects. A
listed string need not look like a quantity ("90"), but it must be in the paragraph.
"""
import json
import re

FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*(\S*)\s*$")
EXAMPLE_MARK = re.compile(r"^\s*<!--\s*example:\s*([a-z-]+)(\s*,\s*invalid)?\s*-->\s*$")
QUANTITY_MARK = re.compile(r"^\s*<!--\s*quantities rejected:(.*)-->\s*$")
ANY_MARK = re.compile(r"^\s*<!--\s*(example|quantities)\b")
CODE_SPAN = re.compile(r"`([^`]+)`")

NUMBER = r"(\d+(\.\d+)?|\.\d+)"
# Unquoted text counts only when it is shaped like a quantity: number-unit parts, or a rate.
UNQUOTED = re.compile(rf"^({NUMBER}[a-zA-Z]+)+$|^{NUMBER}/[a-zA-Z]+$")
# Quoted strings may also carry a sign, an exponent or a space: the docs show those as errors.
QUOTED = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s?[a-zA-Z/][a-zA-Z0-9./ ]*$")


class DocError(Exception):
    """The documentation breaks the marking rules above."""


class Block:
    def __init__(self, file, line, ordinal, text, slot, invalid):
        self.file, self.line, self.ordinal = file, line, ordinal
        self.text, self.slot, self.invalid = text, slot, invalid

    @property
    def case(self):
        return f"{self.file} json block {self.ordinal}"

    def parse(self):
        """(document, members): members is True when the block is '"key": value, ...'."""
        stripped = self.text.strip()
        members = stripped.startswith('"')
        return json.loads("{" + stripped + "}" if members else stripped), members


class Quantity:
    def __init__(self, file, line, text, rejected):
        self.file, self.line, self.text, self.rejected = file, line, text, rejected

    @property
    def kinds(self):
        """Which quantities the text could be meant as: by its unit, or all for no unit."""
        if "/" in self.text:
            return ["rate"]
        if not re.search(r"[a-zA-Z]", self.text):
            return ["duration", "rate", "size"]
        if self.text.lower().endswith("b"):
            return ["size"]
        return ["duration"]


def _quantities_in(paragraph):
    """(line number, text) of each quantity-like string of a paragraph, in order."""
    found = []
    for number, line in paragraph:
        for span in CODE_SPAN.finditer(line):
            text = span.group(1)
            if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
                if QUOTED.match(text[1:-1]):
                    found.append((number, text[1:-1]))
            elif UNQUOTED.match(text):
                found.append((number, text))
        if line.lstrip().startswith("|"):
            for cell in line.strip().strip("|").split("|"):
                if UNQUOTED.match(cell.strip()):
                    found.append((number, cell.strip()))
    return found


def _quoted_spans(paragraph):
    return {span.group(1)[1:-1] for _, line in paragraph for span in CODE_SPAN.finditer(line)
            if len(span.group(1)) >= 2 and span.group(1)[0] == '"' and span.group(1)[-1] == '"'}


def _close_paragraph(file, paragraph, mark, quantities, errors):
    if mark is None and not paragraph:
        return
    where = f"{file}:{mark[0] if mark else paragraph[0][0]}"
    rejected = set(mark[1]) if mark else set()
    missing = rejected - _quoted_spans(paragraph)
    if missing:
        errors.append(f"{where}: marked rejected but not in the paragraph below: "
                      + ", ".join(json.dumps(m) for m in sorted(missing)))
    seen = set()
    for number, text in _quantities_in(paragraph):
        seen.add(text)
        quantities.append(Quantity(file, number, text, text in rejected))
    for text in sorted(rejected - seen - missing):  # "90": listed, not shaped like a quantity
        quantities.append(Quantity(file, mark[0], text, True))


def _mark_strings(number, file, raw):
    try:
        listed = json.loads("[" + ",".join(re.findall(r'"(?:[^"\\]|\\.)*"', raw)) + "]")
    except ValueError as e:
        raise DocError(f"{file}:{number}: unreadable quantities mark: {e}") from e
    if not listed:
        raise DocError(f"{file}:{number}: a quantities mark lists no string")
    return listed


def extract(file, text):
    """(blocks, quantities, errors) of one markdown file. Errors are marking mistakes; an
    unmarked block is one, and is left out of blocks."""
    blocks, quantities, errors = [], [], []
    lines = list(enumerate(text.split("\n"), start=1))
    paragraph, quantity_mark, example_mark = [], None, None
    i = 0
    while i < len(lines):
        number, line = lines[i]
        fence = FENCE.match(line)
        if fence:
            _close_paragraph(file, paragraph, quantity_mark, quantities, errors)
            paragraph, quantity_mark = [], None
            indent, ticks, language = fence.groups()
            end = i + 1
            while end < len(lines) and lines[end][1].strip() != ticks:
                end += 1
            if end == len(lines):
                raise DocError(f"{file}:{number}: code block never closed")
            body = "\n".join(l[len(indent):] if l.startswith(indent) else l.lstrip()
                             for _, l in lines[i + 1:end])
            if language == "json":
                if example_mark is None:
                    errors.append(f"{file}:{number}: a ```json block without an example mark "
                                  "(<!-- example: SLOT --> on the line before it)")
                else:
                    blocks.append(Block(file, number, len(blocks) + 1, body, *example_mark))
            elif example_mark is not None:
                errors.append(f"{file}:{number}: an example mark on a block that is not ```json")
            elif re.match(r'^\s*[{\[]|^\s*"[^"]*"\s*:', body):
                errors.append(f"{file}:{number}: this block looks like JSON: fence it as ```json")
            example_mark = None
            i = end + 1
            continue
        if example_mark is not None:
            errors.append(f"{file}:{number - 1}: an example mark must be right before a "
                          "```json fence")
            example_mark = None
        marked = EXAMPLE_MARK.match(line)
        if marked:
            example_mark = (marked.group(1), bool(marked.group(2)))
        elif QUANTITY_MARK.match(line):
            _close_paragraph(file, paragraph, quantity_mark, quantities, errors)
            paragraph = []
            listed = QUANTITY_MARK.match(line).group(1)
            quantity_mark = (number, _mark_strings(number, file, listed))
        elif ANY_MARK.match(line):
            errors.append(f"{file}:{number}: unreadable mark: {line.strip()}")
        elif not line.strip():
            _close_paragraph(file, paragraph, quantity_mark, quantities, errors)
            paragraph, quantity_mark = [], None
        else:
            paragraph.append((number, line))
        i += 1
    if example_mark is not None:
        raise DocError(f"{file}: an example mark at the end of the file")
    _close_paragraph(file, paragraph, quantity_mark, quantities, errors)
    return blocks, quantities, errors
