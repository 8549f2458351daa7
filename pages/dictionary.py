"""Dictionary: edit the actor dictionary for this corpus. Add a candidate as an actor, add
an alias, merge two actors; the edits are an overlay on lib/data/actors.yml kept in the store
(lib.overlay), exported and imported as YAML. An edit re-analyses the articles it affects."""

import streamlit as st

from lib.actors import KINDS
from lib.errors import StancewatchError
from lib.overlay import AddActor, AddAlias, Edit, Merge, Overlay, from_yaml, overlay_dictionary, reanalyse, validate
from lib.resources import data_path, load_yaml
from pages import _ui

data, filters, views = _ui.page_setup(
    "Dictionary",
    "Edits of the actor dictionary for this corpus, kept beside lib/data/actors.yml: add a name the dictionary "
    "lacks, give an actor another name, or merge two actors. Each edit re-analyses the articles that hold the names "
    "it changes.",
)

store = _ui.get_store()
overlay = _ui.current_overlay()
dictionary = overlay_dictionary(overlay)
editable = not _ui.read_only() or bool(st.session_state.get("can_write"))
if not editable:
    st.info("Read-only corpus: the dictionary edits can be viewed and downloaded, not changed.")
if flash := st.session_state.pop("dictionary_flash", None):
    st.success(flash)


def commit(new: Overlay, done: str) -> None:
    """Check ``new`` against the dictionary, store it, re-analyse what it affects (with a
    progress bar), and rerun so that every page reads the new analyses."""
    try:
        validate(load_yaml(data_path("actors.yml")), new)
    except StancewatchError as exc:
        st.error(f"Not applied: {exc}.")
        return
    old = _ui.current_overlay()
    store.save_overlay(new.to_yaml() if not new.is_empty() else "")
    bar = st.progress(0.0, text="Re-analysing the articles this edit affects…")
    try:
        analysed, copied = reanalyse(
            store,
            old,
            new,
            progress=lambda n, total: bar.progress(n / total, text=f"Re-analysed {n}/{total} article(s)"),
        )
    except StancewatchError as exc:
        store.save_overlay(old.to_yaml() if not old.is_empty() else "")
        st.error(f"Not applied: {exc}. The previous edits are kept.")
        return
    bar.empty()
    st.session_state["dictionary_flash"] = f"{done} Re-analysed {analysed} article(s); {copied} unaffected."
    st.rerun()


actor_names = sorted(dictionary.actors)
candidates = _ui.candidates(data) if data.count() <= 2000 else []

st.subheader("Candidates")
if candidates:
    st.dataframe([{"name": n, "mentions": c} for n, c in candidates[:100]], width="stretch", hide_index=True)
    st.caption(
        "Recurring people and organisations the dictionary lacks (shown on the Actors page as not in the dictionary)."
    )
else:
    st.caption(
        "No recurring name the dictionary lacks"
        + (" (not looked for in a corpus this large)." if data.count() > 2000 else ".")
    )

add_col, alias_col, merge_col = st.columns(3)
with add_col, st.form("dict_add_actor", clear_on_submit=True):
    st.markdown("**Add as actor**")
    picked = st.selectbox(
        "Candidate", ["", *(n for n, _ in candidates)], key="dict_candidate", format_func=lambda v: v or "(type a name)"
    )
    typed = st.text_input("or a name", key="dict_name", help="The canonical name every table and chart shows.")
    kind = st.selectbox("Kind", KINDS, key="dict_kind", index=KINDS.index("person"))
    aliases = st.text_input(
        "Aliases", key="dict_aliases", help="Other names in the text, separated by commas: surname, acronym."
    )
    speaks_for = st.selectbox(
        "Speaks for", ["", *actor_names], key="dict_speaks_for", format_func=lambda v: v or "(nobody: itself)"
    )
    add = st.form_submit_button("Add actor", key="dict_add", disabled=not editable)
if add:
    name = (typed or picked or "").strip()
    forms = tuple(a.strip() for a in aliases.split(",") if a.strip() and a.strip() != name)
    if not name:
        st.error("Choose a candidate or type a name.")
    else:
        commit(overlay.with_edit(AddActor(name, kind, forms, speaks_for or None)), f"Added {name}.")

with alias_col, st.form("dict_add_alias", clear_on_submit=True):
    st.markdown("**Add alias**")
    alias_actor = st.selectbox("Actor", actor_names, key="dict_alias_actor")
    alias = st.text_input("Alias", key="dict_alias", help="Case-sensitive, as written in the text.")
    add_alias = st.form_submit_button("Add alias", key="dict_add_alias_submit", disabled=not editable)
if add_alias:
    if not alias.strip():
        st.error("Type the alias.")
    else:
        commit(overlay.with_edit(AddAlias(alias_actor, alias.strip())), f"{alias.strip()} now names {alias_actor}.")

with merge_col, st.form("dict_merge"):
    st.markdown("**Merge**")
    source = st.selectbox("Fold", actor_names, key="dict_merge_source", help="This actor disappears…")
    target = st.selectbox(
        "into",
        actor_names,
        key="dict_merge_target",
        index=min(1, max(0, len(actor_names) - 1)),  # another actor than "Fold"'s first, not itself
        help="…its names now count for this one.",
    )
    merge = st.form_submit_button("Merge", key="dict_merge_submit", disabled=not editable)
if merge:
    if source == target:
        st.error("Choose two different actors.")
    else:
        commit(overlay.with_edit(Merge(source, target)), f"{source} merged into {target}.")

st.subheader("Edits in this corpus")
edits: tuple[Edit, ...] = overlay.edits
if not edits:
    st.caption("None yet: the corpus is analysed with lib/data/actors.yml as it ships.")
for index, edit in enumerate(edits):
    text_col, button_col = st.columns([6, 1])
    text_col.markdown(_ui.md(edit.describe()))
    if button_col.button("Delete", key=f"dict_delete_{index}", disabled=not editable):
        commit(overlay.without(edit), f"Removed: {edit.describe()}.")

down_col, up_col = st.columns(2)
with down_col:
    st.download_button(
        "Download the edits (YAML)",
        overlay.to_yaml(),
        file_name="actors-overlay.yml",
        mime="application/x-yaml",
        key="dict_download",
    )
with up_col:
    upload = st.file_uploader(
        "Import edits (YAML)",
        type=["yml", "yaml"],
        key="dict_upload",
        disabled=not editable,
        help="Replaces this corpus's edits with the file's.",
    )
    if upload is not None and st.button("Replace the edits with this file", key="dict_import", disabled=not editable):
        try:
            imported = from_yaml(upload.getvalue(), source=upload.name)
        except StancewatchError as exc:
            st.error(f"Not imported: {exc}.")
        else:
            commit(imported, f"Imported {len(imported.edits)} edit(s) from {upload.name}.")
