"""lib/ is the engine: no streamlit, and nothing heavy at import time."""

import ast

from tests.conftest import ROOT


def test_lib_never_imports_streamlit():
    for path in (ROOT / "lib").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "streamlit" for n in names), path
