"""Reading the package's data files (CSV and YAML with `#` comment lines)."""
from __future__ import annotations

import csv
from importlib import resources
from typing import Any

import yaml


def data_path(name: str):
    return resources.files("tacitus") / "data" / name


def read_csv(name: str) -> list[dict[str, str]]:
    with data_path(name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.lstrip().startswith("#") and line.strip()]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def read_yaml(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split("|") if item.strip()]
