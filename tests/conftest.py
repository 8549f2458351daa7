from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
SPEC = SHARED / "spec" / "seeds_expected.yml"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def dictionary():
    from lib.actors import load_dictionary

    return load_dictionary()


@pytest.fixture(scope="session")
def seed_articles():
    from lib.corpus import load_seeds

    return load_seeds()


@pytest.fixture(scope="session")
def seed_tables(seed_articles):
    from lib.corpus import analyse

    return analyse(seed_articles)[1]


def corpus_texts() -> list[str]:
    """The seeds' texts and, when ../shared is there, the shared real articles' (speed-up
    equivalence tests read every one)."""
    from lib.ingest import extract_article

    files = sorted((ROOT / "seeds").glob("*.txt"))
    shared = ROOT.parent / "shared" / "data" / "articles"
    if shared.exists():
        files += sorted(shared.glob("*.txt"))
    return [extract_article(p.read_text(encoding="utf-8"), p.name).text for p in files]


def analyse_text(text: str):
    """Sentences, mentions, quotes and figures of one text."""
    from lib.actors import find_mentions, load_dictionary
    from lib.figures import extract_figures
    from lib.quotes import find_quotes
    from lib.text import split_sentences

    dictionary = load_dictionary()
    sentences = split_sentences(text)
    mentions = find_mentions(text, sentences, dictionary)
    return (
        sentences,
        mentions,
        find_quotes(text, sentences, mentions, dictionary),
        extract_figures(text, sentences, mentions),
    )


@pytest.fixture(scope="session")
def app_data_dir(tmp_path_factory):
    """One store for every AppTest run in this session (Streamlit caches it per process)."""
    import os

    folder = tmp_path_factory.mktemp("app-data")
    os.environ["STANCEWATCH_DATA_DIR"] = str(folder)
    return folder


def _pg_bin() -> Path | None:
    import glob

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory):
    """A real PostgreSQL server on loopback for this test session (Debian's postgresql,
    installed by `make test` when missing). Run as the postgres user when we are root."""
    import os
    import shutil
    import socket
    import subprocess

    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (make test installs Debian's postgresql)")
    import tempfile

    # Not under pytest's tmp folders: they are private to root, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="stancewatch-pg-"))
    data = root / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        shutil.chown(root, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True, timeout=120)

    run(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "stancewatch", "--no-sync")
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o",
        f"-h 127.0.0.1 -p {port} -k {root} -F", "start")  # fmt: skip
    try:
        run(str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "stancewatch", "stancewatch_test")
        yield f"postgresql+psycopg://stancewatch@127.0.0.1:{port}/stancewatch_test"
    finally:
        subprocess.run(
            [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True, timeout=60
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    """An empty store on each back-end."""
    import sqlalchemy as sa

    from lib.store import Store, metadata

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        engine = sa.create_engine(url)
        metadata.drop_all(engine)
        engine.dispose()
    instance = Store(url)
    yield instance
    instance.close()
