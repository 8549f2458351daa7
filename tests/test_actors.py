import pytest

from lib.actors import build_dictionary, build_names, candidate_actors, find_mentions, find_names, load_names
from lib.errors import DataFileError
from lib.text import split_sentences

# (sentence, actors expected in order of mention)
CASES = [
    ("The Kremlin said Moscow would respond.", ["Russia", "Russia"]),
    ("Washington and the Alliance met.", ["United States", "NATO"]),
    ("Russia's troops and Ukrainian forces clashed.", ["Russia", "Ukraine"]),
    ("NATO Secretary General Jens Stoltenberg spoke.", ["Jens Stoltenberg"]),
    ("The NATO chief spoke.", ["Jens Stoltenberg"]),
    ("Stoltenberg met the press. The secretary general said little.", ["Jens Stoltenberg", "Jens Stoltenberg"]),
    ("the military alliance’s chief said on Thursday", ["Jens Stoltenberg"]),
    ("Russian Foreign Minister Sergey Lavrov arrived.", ["Sergey Lavrov"]),
    ("US Ambassador to Moscow John Sullivan spoke. Later Sullivan left.", ["John Sullivan", "John Sullivan"]),
    ("The Washington Post reported it.", []),
    # the news's name for the IAEA, over the UN's alias inside it
    ("The UN nuclear watchdog said the plant was hit.", ["IAEA"]),
    ("The president spoke.", []),  # no president named before: unresolved, not guessed
    ("Tension is rising in the region Bidens counterattack", ["Joe Biden"]),
    ("Ukraine, NATO Secretary-General Jens Stoltenberg said", ["Ukraine", "Jens Stoltenberg"]),
    # A place or body named right before a person is its own mention, not part of the name.
    ("In Kyiv Antony Blinken said the embassy would reopen.", ["Ukraine", "Antony Blinken"]),
    ("The envoy to the U.N. Linda Thomas-Greenfield spoke.", ["United Nations", "Linda Thomas-Greenfield"]),
    # a role written with a dotted acronym is the role ("ambassador to the UN")
    ("The U.S. ambassador to the U.N. spoke.", ["Linda Thomas-Greenfield"]),
    # a leader's role-holder: the person in that role who speaks for the same state
    ("President Putin's spokesman spoke.", ["Vladimir Putin", "Dmitry Peskov"]),
    # a given name in another language's rendering is the same dictionary person, and so is the
    # surname after it
    ("Alexei Reznikov said the weapons had arrived.", ["Oleksii Reznikov"]),
    ("Vladimir Zelensky spoke in Lviv. Later Zelensky left.", ["Volodymyr Zelensky", "Volodymyr Zelensky"]),
    # an organisation's long name is one mention, not also the names inside it
    (
        "The Centre for Research on Energy and Clean Air said Russia had earned billions.",
        ["Centre for Research on Energy and Clean Air", "Russia"],
    ),
    # the dictionary's holder of a title yields to the one person the article names with it
    (
        "Estonia's foreign minister spoke. Foreign Minister Urmas Reinsalu told reporters.",
        ["Urmas Reinsalu", "Urmas Reinsalu"],
    ),
    # a given name that also names a law still leads a person's name
    ("Bill Browder, an American financier, spoke.", ["Bill Browder", "United States"]),
    # the Russian rendering of a Ukrainian h (g), and a Catalan given name in English
    ("Prime Minister Denys Shmygal spoke. Shmygal left.", ["Denys Shmyhal", "Denys Shmyhal"]),
    ("EU foreign policy chief Joseph Borrell condemned the strike.", ["European Union", "Josep Borrell"]),
    # "its <role>": the holder who speaks for the sentence's first state
    (
        "Poland will build a fence on its border with Russia, its defence minister said.",
        ["Poland", "Russia", "Mariusz Błaszczak"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_mentions(dictionary, text, expected):
    mentions = find_mentions(text, split_sentences(text), dictionary)
    assert [m.actor for m in mentions] == expected
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface


def test_people_roll_up(dictionary):
    text = "Lavrov and Austin spoke."
    rollups = [m.rollup for m in find_mentions(text, split_sentences(text), dictionary)]
    assert rollups == ["Russia", "United States"]


# Open-vocabulary actors, one table per pattern: (sentence, [(actor, kind) of the "open" mentions]).
# Title + name: the title stands before the name, in either case, maybe with "former".
TITLE_AND_NAME = [
    ("Regional governor Oleh Petrenko said the bridge was hit.", [("Oleh Petrenko", "person")]),
    ("Sen. Marta Olsen warned of delays.", [("Marta Olsen", "person")]),
    ("The report was welcomed by analyst Tamsin Vold.", [("Tamsin Vold", "person")]),
    ("Former UK foreign secretary Malcolm Rifkind disagreed.", [("Malcolm Rifkind", "person")]),
    ("Deputy Mayor Hanna Korsak opened the shelter.", [("Hanna Korsak", "person")]),
]
# A given name opens the name; a patronymic is dropped; a byline or photo credit is no actor.
GIVEN_NAME = [
    ("Yesterday Dmytro Halchenko left the city.", [("Dmytro Halchenko", "person")]),
    ("Sanctions hit Alisher Burhanovich Ostapov and others.", [("Alisher Ostapov", "person")]),
    ("Troops moved at dawn. Photograph: Sergey Marchuk/EPA", []),
    ("Jane Holloway contributed to this report.", []),
    ("Theresa May spoke in the debate.", [("Theresa May", "person")]),
    ("The Roman Empire and the Rose Garden were mentioned.", []),
]
# "Name, the <role> of ...": an apposition names the person.
APPOSITION = [
    ("Tomas Virk, the mayor of Narva, asked for calm.", [("Tomas Virk", "person")]),
    ("Ilse Brandvold, a senior fellow at the institute, disagreed.", [("Ilse Brandvold", "person")]),
    ("Piet Aarsen, who chairs the group, spoke first.", [("Piet Aarsen", "person")]),
    ("Nova Kakhovka, the town whose mayor fled, was quiet.", []),
]
# An organisation ends in a head noun, maybe with an "of/for/on" tail, or is an acronym defined after it.
ORGANISATIONS = [
    ("A survey by the Narva Policy Institute found support.", [("Narva Policy Institute", "organisation")]),
    ("The Institute of Mass Communication objected.", [("Institute of Mass Communication", "organisation")]),
    ("The Baltic Energy Research Foundation (BERF) said so. BERF added more.",
     [("Baltic Energy Research Foundation", "organisation")] * 3),
    # a head noun with "to" and a capitalised verb after it: "Committee" is then no state's body
    ("The Committee to Defend Reporters and the Campaign for Open Borders said so.",
     [("Committee to Defend Reporters", "organisation"), ("Campaign for Open Borders", "organisation")]),
    ("Aid went to Kyiv and the Committee to Ukraine.", []),
    ("The Central Bank raised rates; the National Security Council met.", []),
    ("The Black Sea and the Cold War were discussed.", []),
]  # fmt: skip
# Ordinary people named by their given name alone, after a role ("resident Oksana").
GIVEN_NAME_ALONE = [
    ("Resident Olena told reporters she had stayed. Later, pensioner Ivan said so.",
     [("Olena", "person"), ("Ivan", "person")]),
    ("Olena said so.", []),  # a given name alone, with no role before it, names no one for sure
    ("Teacher Olena Petrenko said so.", [("Olena Petrenko", "person")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), GIVEN_NAME_ALONE)
def test_a_given_name_after_a_role_is_a_person(dictionary, text, expected):
    assert _open(text, dictionary) == expected


# A surname alone goes to the full name given earlier in the article.
SURNAMES = [
    ("Political scientist Arkady Volin said so. Volin added more.",
     [("Arkady Volin", "person"), ("Arkady Volin", "person")]),
    ("Kyiv governor Oleh Kuleba spoke. Later Kuleba left.", [("Oleh Kuleba", "person"), ("Oleh Kuleba", "person")]),
    ("Analyst Robert Hunter spoke. Hunter Biden did not.", [("Robert Hunter", "person")]),
]  # fmt: skip


def _open(text, dictionary):
    return [(m.actor, m.kind) for m in find_mentions(text, split_sentences(text), dictionary) if m.via == "open"]


@pytest.mark.parametrize(("text", "expected"), TITLE_AND_NAME)
def test_title_and_name(dictionary, text, expected):
    assert _open(text, dictionary) == expected


@pytest.mark.parametrize(("text", "expected"), GIVEN_NAME)
def test_given_name(dictionary, text, expected):
    assert _open(text, dictionary) == expected


@pytest.mark.parametrize(("text", "expected"), APPOSITION)
def test_apposition(dictionary, text, expected):
    assert _open(text, dictionary) == expected


@pytest.mark.parametrize(("text", "expected"), ORGANISATIONS)
def test_organisations(dictionary, text, expected):
    assert _open(text, dictionary) == expected


@pytest.mark.parametrize(("text", "expected"), SURNAMES)
def test_surname_goes_to_the_full_name(dictionary, text, expected):
    assert _open(text, dictionary) == expected


# Disambiguation against the dictionary: (sentence, every actor in order).
DISAMBIGUATION = [
    # a first name that contradicts the dictionary person's
    ("Peter Lavrov runs a bakery.", ["Peter Lavrov"]),
    ("Sergei Lavrov arrived.", ["Sergey Lavrov"]),
    # a title given to someone else, before or after the name
    ("Hal Brennan, the US ambassador to the talks, said little.", ["Hal Brennan", "United States"]),
    ("Wiktor Nowak, the Polish leader, spoke.", ["Wiktor Nowak", "Poland"]),
    # ...and after a dictionary person too: the title describes them, it names no one else
    ("Friedrich Merz, the German leader, spoke.", ["Friedrich Merz", "Germany"]),
    # ...but a place before the comma is no one the title describes
    ("Putin spoke. Speaking in Kazan, the Russian leader warned.", ["Vladimir Putin", "Vladimir Putin"]),
    # a dictionary person whose surname is no alias: the surname alone, after the full name; with
    # another full name that shares it, the latest full name (as for names the dictionary lacks)
    ("Ann Linde met the press. Linde said little. Senator Linde agreed.", ["Ann Linde", "Ann Linde", "Ann Linde"]),
    ("Linde said little. Ann Linde arrived.", ["Ann Linde"]),
    # ...not a sentence's first word the article also writes in lower case
    ("Samantha Power spoke. Power cuts hit the power grid.", ["Samantha Power"]),
    ("Ann Linde and Erik Linde met. Linde said little.", ["Ann Linde", "Erik Linde", "Erik Linde"]),
    # a state's name inside the name of another thing
    ("Kyiv says Moscow broke the Minsk agreements.", ["Ukraine", "Russia"]),
    ("Athletes left the Beijing Olympics early.", []),
    ("He recalled the Madrid bombing and the London terrorist attack.", []),  # events named after a city
    ("The Russian Security Council met.", ["Russia"]),
    ("The National Union of Journalists of Ukraine protested.", ["National Union of Journalists of Ukraine"]),
    # a body's name in sentence case, as some style guides write it
    ("Will the US join the International criminal court?", ["United States", "International Criminal Court"]),
    # a paragraph break ends a name
    ("Troops arrived in Poland\n\nBiden spoke later.", ["Poland", "Joe Biden"]),
    # a dictionary person's full name in another transliteration, then the surname alone; a
    # single word is never matched by its spelling alone ("Pskov" is no "Peskov")
    ("President Volodimir Zelenskij spoke. Zelenskij left.", ["Volodymyr Zelensky", "Volodymyr Zelensky"]),
    ("Paratroopers from Pskov arrived.", []),
    # a state's name after a given name is a person's surname
    ("Anna Chile, a spokeswoman, spoke. Troops left Chile.", ["Anna Chile", "Chile"]),
    # a capital as a place, not the state
    ("Diplomats met in Rome on Monday.", []),
    ("Rome protested.", ["Italy"]),
    # a transcript's speaker label in capitals
    ("SECRETARY BLINKEN:  Good evening.", ["Antony Blinken"]),
    # "the West" is no actor (no named state), in either case, nor a compass point
    ("Moscow warned the West and the west again.", ["Russia"]),
    ("Western governments said the talks had failed.", []),
    ("Shelling hit the west of the city.", []),
]


@pytest.mark.parametrize(("text", "expected"), DISAMBIGUATION)
def test_disambiguation(dictionary, text, expected):
    assert [m.actor for m in find_mentions(text, split_sentences(text), dictionary)] == expected


def test_open_mentions_are_marked_and_offsets_hold(dictionary):
    text = "Regional governor Oleh Petrenko spoke on Monday. Petrenko added more."
    mentions = find_mentions(text, split_sentences(text), dictionary)
    assert {m.via for m in mentions} == {"open"}
    assert all(m.rollup == m.actor == "Oleh Petrenko" for m in mentions)
    assert [m.sentence_index for m in mentions] == [0, 1]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface


# An official's title names the state they speak for; a former holder or a scholar speaks for no one.
ROLLUPS = [
    ("Polish deputy foreign minister Wiktor Nowak said so.", "Poland"),
    ("Ukraine's ambassador Olena Hrytsenko said so.", "Ukraine"),
    ("Former Polish minister Wiktor Nowak said so.", "Wiktor Nowak"),
    ("Russian political scientist Arkady Volin said so.", "Arkady Volin"),
    ("It hit Russia.\n\nRep. Dana Holt said so.", "Dana Holt"),
]


@pytest.mark.parametrize(("text", "rollup"), ROLLUPS)
def test_officials_speak_for_their_state(dictionary, text, rollup):
    people = [m for m in find_mentions(text, split_sentences(text), dictionary) if m.via == "open"]
    assert [m.rollup for m in people] == [rollup]


def test_names_the_dictionary_lacks_are_left_for_attribution(dictionary):
    text = "Fox News Digital reported it. Action Press Studio did too."
    names = [name for _, _, name in find_names(text, find_mentions(text, [], dictionary))]
    assert names == ["Fox News Digital", "Action Press Studio"]


def test_a_title_ends_no_name(dictionary):
    text = "He spoke in Washington, D.C. Sen. Ada Lind and Republican Sens. Ola Berg and Eva Holm came."
    names = [name for _, _, name in find_names(text, find_mentions(text, [], dictionary))]
    assert not any(name.split()[-1] in ("Sen", "Sens") for name in names)


def test_candidates_are_recurring_people_and_organisations(dictionary):
    texts = [
        "Political scientist Arkady Volin said the Cold War was back. Volin added more.",
        "Arkady Volin spoke on the Black Sea. The Central Bank and the Berlin Wall were mentioned.",
        "Analyst Tamsin Vold spoke once.",
    ]
    assert candidate_actors(texts, dictionary) == {"Arkady Volin": 3}


def test_names_file_is_validated():
    with pytest.raises(DataFileError, match="given_names"):
        build_names({"person_titles": []}, "names.yml")
    assert "Oleh" in load_names().given_names


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({}, "actors"),
        ({"actors": [{"name": "X"}]}, "kind"),
        ({"actors": [{"name": "X", "kind": "planet"}]}, "one of state"),
        ({"actors": [{"name": "X", "kind": "person", "speaks_for": "Nowhere"}]}, "speaks_for"),
    ],
)
def test_bad_dictionary_names_the_problem(raw, message):
    with pytest.raises(DataFileError, match=message):
        build_dictionary(raw, "test.yml")


def _reference_joinable(text: str, tokens: list[tuple[int, int, str]]) -> list[bool]:
    """``actors._joinable`` as it was (analyzer 0.7), from the offsets alone."""
    import itertools

    from lib.actors import _JOINABLE_GAP, _POSSESSIVE

    out = []
    for (_, end, _), (start, _, nxt) in itertools.pairwise(tokens):
        if start == end + 1 and text[end] == " ":
            out.append(True)
        elif start == end:
            out.append(nxt in _POSSESSIVE)
        else:
            gap = text[end:start]
            out.append(text[end - 1].isupper() if gap == ". " else bool(_JOINABLE_GAP.fullmatch(gap)))
    out.append(False)
    return out


@pytest.mark.parametrize(
    "extra",
    [
        [
            "",
            "  lead",
            "trail  ",
            "U.S.-led Lloyd J. Austin's",
            "Russia’s “no” — 3.5 km\n\nNext",
            "’s 's x'y ’ ",
            "the U.S.Army and E.U.rules",
        ]
    ],
)
def test_tokens_and_joins_are_the_patterns(extra: list[str]) -> None:
    from lib.actors import _TOKEN, _joinable, _tokens_and_gaps, tokenize
    from tests.conftest import corpus_texts

    for text in [*corpus_texts(), *extra]:
        expected = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        assert tokenize(text) == expected
        tokens, gaps = _tokens_and_gaps(text)
        assert _joinable(text, tokens, gaps) == _reference_joinable(text, expected)
