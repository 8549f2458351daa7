import pandas as pd

from lib.export import to_csv_bytes


def test_formula_cells_are_neutralised():
    frame = pd.DataFrame({"text": ["=HYPERLINK(1)", "+1", "-cmd", "@SUM", "plain"], "value": [-1.5, 2, 3, 4, 5]})
    out = to_csv_bytes(frame).decode()
    assert "'=HYPERLINK" in out and "'+1" in out and "'-cmd" in out and "'@SUM" in out
    assert "\n-1.5," not in out and "-1.5" in out  # numbers stay numbers
