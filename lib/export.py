"""Tables out: CSV that is safe to open in a spreadsheet.

A text cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) is
prefixed with an apostrophe, so a hostile article cannot plant a formula (OWASP CSV
injection). Numbers are left as numbers.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    return safe_frame(frame).to_csv(index=False).encode("utf-8")


def zip_tables(frames: Mapping[str, pd.DataFrame], *, manifest: bytes | None = None) -> bytes:
    """Several tables as one zip of CSV files, with ``manifest.json`` (what the numbers depend
    on: filters, engine, analyzer version, accuracy; see ``lib.report.manifest``) when given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if manifest is not None:
            archive.writestr("manifest.json", manifest)
        for name, frame in frames.items():
            archive.writestr(f"{name}.csv", to_csv_bytes(frame))
    return buffer.getvalue()
