"""Methods: what each number means, which engine made it, and how accurate it was measured to be."""

import json
from pathlib import Path

import streamlit as st

from lib.analysis import analyzer_version
from lib.evaluate import accuracy_rows
from lib.sentiment import engine_names, get_engine
from pages import _ui

_ui.ensure_navigation()
_ui.sidebar(_ui.corpus())
st.title("Methods")
st.caption(f"Analyzer version {analyzer_version()} (engine version + fingerprint of the dictionaries and lexicons).")

results_path = Path(__file__).resolve().parent.parent / "lib" / "data" / "evaluation.json"
results = json.loads(results_path.read_text()) if results_path.exists() else {}

st.markdown("""
| Number | What it means | How it is made |
|---|---|---|
| **Polarity** | Tone of a sentence, -1 (negative) … +1 (positive) | The chosen engine, per sentence. Per actor: mean over the sentences naming the actor, with n and sd. |
| **Subjectivity** | 0 (factual) … 1 (opinion) | TextBlob only. |
| **Mentions** | How often an actor is named | Dictionary of names, aliases, adjectives and titles (lib/data/actors.yml); "the Kremlin" counts for Russia. |
| **Statements** | Who says what | Passes over the text (lib/quotes): quotation marks, reported speech ("X said that…", "according to X", "As X said,", a verdict in the passive: "denounced by Ukraine as shams"), transcript turns, tweets, dash dialogue, releases attributed up front; then a CRF trained on PolNeAR train for what the rules miss. Speaker by name (a surname after the full name; a dictionary name in another transliteration, "Zelanski"), title holder ("the US president", "the Labour leader": whom the article named so), institution (the government → its state; "A Downing Street statement" → its author; "the institute", "the group" → the body the article named), a role ("its defence minister", "Putin's spokesperson": the holder who speaks for that state) or pronoun (a subject, never an object; "it" only goes on with a state or body that just spoke); an unnamed source ("officials") or a news outlet ("CNN reported") gives no statement, unless the outlet cites someone the article names ("…, citing Defence Secretary Ben Wallace"). A dictionary title yields to the person the article names with it ("Estonia's foreign minister" → Foreign Minister Urmas Reinsalu). Photo credits ("(AP Photo/…)") are page furniture; "attacked" is speech only from a person or with its grounds ("attacked the West for …"). A speaker's coordinated reported clauses in one sentence are one statement. |
| **Stance** | -1 conflict … +1 cooperation | Cue lexicon inspired by CAMEO (lib/data/stance.yml) read in the speaker's own statement, with negation, conditions, topic nouns, another actor's action, demands and the events an onlooker (an analyst, an economist, a think tank the dictionary marks) names set aside (kept in the evidence at weight 0 with the reason); a hostile premise with a consequence ("any attack … will lead to …") counts as a warning. Labels: conciliatory ≥ 0.5, confrontational ≤ -0.5, else mixed; neutral with no cue. |
| **Figures** | Numbers cited as facts | Value (digits, words, ranges), hedge ("more than"), the counted head noun, unit, the actor whose people, forces or money are counted; ids, codes, dates and times excluded. Disagreement: comparable figures (same counted thing, actor and unit, within the window of days set on the Figures page) that differ by more than 10%. |
| **Language** | The language of each article | Detected when it is added (py3langid, the model inside the package; lib/data/languages.yml). The engine reads English only: an article in another language (Russian, Ukrainian, ...) is kept and its actors are counted, but it adds no statements, figures, stance or sentiment, so the scores and charts built on those leave it out. |
""")

st.subheader("Sentiment engines")
for name in engine_names():
    engine = get_engine(name)
    st.markdown(f"- **{engine.label}** (`{name}`): {engine.description}")
st.caption(
    "TextBlob is the engine the analyst asked for; every sentence is scored with it when an article is added. "
    "It reads words, not news: “deployed more than 150,000 troops” scores +0.5 because of “more”. "
    "Compare with VADER in the sidebar: the whole corpus is scored with it the first time it is chosen (a progress bar shows how far), then kept."
)

st.subheader("Measured accuracy")
if not results:
    st.info("No evaluation results yet: run `python -m lib evaluate` (see the README).")
else:
    st.caption(
        f"From `python -m lib evaluate`, {results.get('generated', '')}, analyzer {results.get('analyzer_version', '')}."
    )
    spec = results.get("seed_spec", {})
    rows = accuracy_rows(results)
    st.dataframe(
        rows, width="stretch", hide_index=True, column_config={"score": st.column_config.NumberColumn(format="%.3f")}
    )
    st.caption(
        "NewsMTSC: TextBlob and VADER score the whole sentence (neutral band fitted on train); the target-aware engine (lib/targeted.py, trained on NewsMTSC train only) reads the words around the target. Published state of the art on NewsMTSC test: 0.83 (RoBERTa). NewsQuant published value-F1: CQE 0.92, quantulum3 0.73."
    )
    st.caption(
        "PolNeAR leaves a source as written (“he”, “the official”): the first precision counts the engine's resolved name for such a source as wrong, the second leaves those statements out. "
        "Ten real 2022 articles were also read by hand against the engine's output: docs/handcheck.md in the repository. "
        "Further sets of real 2022 articles, read by hand and kept outside the repository (they quote the articles), measure "
        "the engine on text nobody tuned it to: scored before anyone read its misses, 0.64–0.77 of the statements came out "
        "with the right speaker at a speaker precision of 0.88–0.93, and stance agreed for 0.43–0.65 of the main speakers "
        "(README, Accuracy)."
    )
    misses = spec.get("misses")
    if misses:
        with st.expander("Where the engine disagrees with the seed spec"):
            for miss in misses:
                st.caption(_ui._md(miss))
