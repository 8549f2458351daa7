import csv

from lib.cli import main
from tests.conftest import ROOT


def test_analyze_writes_every_table_and_reports_bad_paths(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_text("   ")
    code = main(["analyze", str(ROOT / "seeds"), str(tmp_path / "missing"), str(bad), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "missing: no such file or folder" in err and "empty.txt: the file is empty" in err
    with (tmp_path / "out" / "articles.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5
    assert {"article_id", "file", "title", "outlet", "date"} <= set(rows[0])
    assert {r["file"]: r["outlet"] for r in rows}["003_7fdd438a3d7ae7ec.txt"] == "Anadolu Agency"
    for name, columns in {
        "mentions": {"article_id", "actor", "sentence_index", "start", "end"},
        "quotes": {"article_id", "speaker", "text", "direct"},
        "stance": {"article_id", "speaker", "target", "label", "score"},
        "figures": {"article_id", "value", "counted", "qualifier", "about", "kind", "sentence"},
        "actors": {"actor", "outlet", "mentions", "polarity", "subjectivity", "n_sentences"},
    }.items():
        with (tmp_path / "out" / f"{name}.csv").open() as handle:
            assert columns <= set(next(csv.reader(handle))), name


def test_all_good_paths_exit_zero(tmp_path):
    assert main(["analyze", str(ROOT / "seeds"), "--out", str(tmp_path), "--quiet"]) == 0


def test_analyze_with_another_engine_scores_it(tmp_path):
    assert main(["analyze", str(ROOT / "seeds"), "--out", str(tmp_path), "--engine", "vader", "--quiet"]) == 0
    sentences = (tmp_path / "sentences.csv").read_text(encoding="utf-8").splitlines()[0]
    actors = (tmp_path / "actors.csv").read_text(encoding="utf-8")
    assert "polarity_vader" in sentences and "vader" in actors
