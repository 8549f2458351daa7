"""lib/resources.py: YAML 1.2 booleans, validation that names file and key, fingerprints."""

import pytest

from lib.errors import DataFileError
from lib.resources import data_fingerprint, load_yaml, optional_list, require


def test_yes_no_on_stay_words(tmp_path):
    path = tmp_path / "words.yml"
    path.write_text("words: [yes, no, on, off, Norway]\nflag: true\n", encoding="utf-8")
    data = load_yaml(path)
    assert data["words"] == ["yes", "no", "on", "off", "Norway"] and data["flag"] is True


def test_errors_name_the_file_and_key(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.yml"):
        load_yaml(bad)
    with pytest.raises(DataFileError, match="aliases"):
        require({"aliases": 3}, "aliases", list, path="actors.yml", where="NATO")
    with pytest.raises(DataFileError, match="cues"):
        optional_list({"cues": "said"}, "cues", path="speech.yml", where="(top)")
    assert optional_list({}, "cues", path="speech.yml", where="(top)") == []


def test_fingerprint_depends_on_the_data():
    assert data_fingerprint("actors.yml") != data_fingerprint("speech.yml")
    assert data_fingerprint("actors.yml", "speech.yml") == data_fingerprint("speech.yml", "actors.yml")
