"""Reading PETRARCH/TABARI dictionary files: comments, problems reported with file and line."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """A line of a dictionary that could not be read, or was read only in part."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class Problems(list):
    """The problems found while reading one file, each with its line number."""

    def __init__(self, path: Path):
        super().__init__()
        self.file = path.name

    def add(self, line: int, message: str) -> None:
        self.append(Problem(self.file, line, message))


def strip_comment(line: str) -> str:
    """The line without its `#` comment; a `#` inside a [code] (TABARI's `[###]`) is not one."""
    depth = 0
    for i, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        elif char == "#" and depth == 0:
            return line[:i]
    return line


def lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of the lines that hold something, comments (`#`, `<!-- -->`) removed.
    Blank lines come through as "" because they end synonym sets; comment lines do not."""
    in_xml_comment = False
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            text = raw.strip()
            if not text and not in_xml_comment:
                yield number, ""
                continue
            if in_xml_comment:
                if "-->" not in text:
                    continue
                text = text.split("-->", 1)[1]
                in_xml_comment = False
            while "<!" in text:  # "<!-- ... -->", and TABARI's sloppier "<! -- ... -->"
                before, after = text.split("<!", 1)
                if "-->" in after:
                    text = before + after.split("-->", 1)[1]
                elif ">" in after and after.rstrip().endswith(">"):
                    text = before
                else:
                    text, in_xml_comment = before, True
            text = strip_comment(text).strip()
            if text:
                yield number, text


WORD_SPLIT = re.compile(r"[\s_]+")


def words(phrase: str) -> tuple[str, ...]:
    """A dictionary phrase (`NEW_ZEALAND`, `LASH OUT`) as lowercase words."""
    return tuple(w.lower() for w in WORD_SPLIT.split(phrase.strip()) if w)


CODE_RE = re.compile(r"\[([^\]]*)\]")
