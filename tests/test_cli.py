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


def test_sweep_threshold_reports_bad_input(tmp_path, capsys):
    assert main(["sweep-threshold", "--data", str(tmp_path)]) == 1
    assert "no attributions/ folder" in capsys.readouterr().err
    (tmp_path / "attributions").mkdir()
    assert main(["sweep-threshold", "--data", str(tmp_path), "--thresholds", "high"]) == 1
    assert "numbers separated by commas" in capsys.readouterr().err
    assert main(["sweep-threshold", "--data", str(tmp_path), "--model", str(tmp_path / "none.crfsuite")]) == 1
    assert "no such weights file" in capsys.readouterr().err


def test_a_lower_threshold_reads_more_of_the_held_out_fifth():
    import pytest

    from lib.quotes.train import threshold_sweep
    from tests.conftest import DATA

    folder = DATA / "polnear_train"
    if not (folder / "attributions").is_dir():
        pytest.skip("PolNeAR train is not beside the project")
    low, high = threshold_sweep(folder, [0.5, 0.95])
    assert low["articles"] == high["articles"] == 168
    assert low["reported"] > high["reported"] and low["speaker_recall_named"] > high["speaker_recall_named"]
