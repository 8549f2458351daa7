"""Loading the data files that hold dictionaries and lexicons, with validation.

Each loader names the file, the key and what was expected when a file is wrong, so a
user editing ``lib/data/actors.yml`` learns exactly which entry to fix.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from lib.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    """Path of a packaged data file."""
    return DATA_DIR / name


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false. In YAML 1.1 a word list holding "on", "no" or
    "yes" silently turns into booleans."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


@lru_cache(maxsize=32)
def load_yaml(path: Path) -> Any:
    """Parse a YAML data file once per process."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Loader)
    except FileNotFoundError as exc:
        raise DataFileError(str(path), "(file)", "an existing YAML file") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), "(file)", f"valid YAML ({exc})") from exc


def data_fingerprint(*names: str) -> str:
    """A short hash of packaged data files, part of the analyzer version: a changed
    dictionary or lexicon makes stored analyses stale."""
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(name.encode())
        digest.update(data_path(name).read_bytes())
    return digest.hexdigest()[:10]


def require(mapping: Any, key: str, kind: type | tuple[type, ...], *, path: str, where: str) -> Any:
    """Return ``mapping[key]`` if present and of ``kind``, else raise a DataFileError."""
    if not isinstance(mapping, dict) or key not in mapping:
        raise DataFileError(path, f"{where}.{key}", f"a {_kind_name(kind)} (missing)")
    value = mapping[key]
    if not isinstance(value, kind):
        raise DataFileError(path, f"{where}.{key}", f"a {_kind_name(kind)}, got {type(value).__name__}")
    return value


def optional_list(mapping: dict[str, Any], key: str, *, path: str, where: str) -> list[str]:
    """A list of strings under ``key``, empty when absent."""
    value = mapping.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise DataFileError(path, f"{where}.{key}", "a list of strings")
    return list(value)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    if isinstance(kind, tuple):
        return " or ".join(k.__name__ for k in kind)
    return kind.__name__
