"""What a run knows beyond the built-in data: the user's gazetteers, actor files and dictionaries.

The CLI (or the server) makes one Config and applies it with `configure`. An engine that codes in
other processes sends the same Config to each of them and applies it there before coding, so every
engine codes with the same knowledge. Knowledge and lexicon caches are keyed by the Config, so
switching back and forth costs nothing after the first load.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .record import CODER_VERSION


@dataclass(frozen=True)
class Config:
    gazetteers: tuple[str, ...] = ()  # GeoNames dumps added to the gazetteer (--gazetteer)
    actors: tuple[str, ...] = ()  # the user's YAML actor files (--actors)
    dictionaries: tuple[str, ...] = ()  # PETRARCH/Phoenix dictionary directories or files (--dictionaries)
    only_dictionaries: bool = False  # the dictionaries replace the built-in actors and verb patterns

    @classmethod
    def of(cls, gazetteers=(), actors=(), dictionaries=(), only_dictionaries: bool = False) -> "Config":
        """A Config of absolute paths, so that it means the same in a worker with another directory."""
        def absolute(paths):
            return tuple(str(Path(p).resolve()) for p in paths or ())

        return cls(absolute(gazetteers), absolute(actors), absolute(dictionaries), only_dictionaries)

    def coder_version(self) -> str:
        """The coder's version, and a fingerprint of the user's knowledge files when there are any:
        the store re-codes a document when either changed."""
        if self == Config():
            return CODER_VERSION
        return f"{CODER_VERSION}+{_fingerprint(self)}"


@functools.cache
def _fingerprint(settings: Config) -> str:
    digest = hashlib.sha256(repr(settings.only_dictionaries).encode())
    for path in (*settings.gazetteers, *settings.actors, *settings.dictionaries):
        files = sorted(p for p in Path(path).rglob("*") if p.is_file()) if Path(path).is_dir() else [Path(path)]
        for file in files:
            digest.update(file.name.encode())
            size = file.stat().st_size
            # A whole GeoNames dump takes too long to hash on every run; its size and time stand in.
            digest.update(file.read_bytes() if size < 2**26 else f"{size}:{file.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


_active = Config()
_gazetteers_loaded: set[str] = set()


def active() -> Config:
    return _active


def configure(config: Config) -> None:
    """Make `config` the knowledge of this process. Gazetteer places, once read, stay: places only
    add to what a later run can find, and re-reading a large dump costs minutes."""
    global _active
    from .places import load_gazetteer

    for path in config.gazetteers:
        if path not in _gazetteers_loaded:
            load_gazetteer(path)
            _gazetteers_loaded.add(path)
    _active = config
