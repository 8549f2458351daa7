import pytest

from lib.actors import load_dictionary
from lib.errors import DataFileError
from lib.stance import (
    CONSEQUENCE,
    DEMANDED,
    IN_CONDITION,
    NAME,
    ONLOOKER,
    OPPOSED,
    OWN_OBLIGATION,
    READY_FOR_FORCE,
    THIRD_PARTY,
    TOPIC,
    find_cues,
    label_for,
    load_stance_lexicon,
    onlookers,
    pool,
    quote_targets,
    score_cues,
    speaker_pool,
    statement_signals,
    statement_stance,
)
from lib.types import Quote, StanceCue
from tests.conftest import analyse_text


def _read(text, **options):
    """(cue, polarity, counted) for every cue found."""
    return [(c.cue, c.polarity, c.weight > 0) for c in find_cues(text, **options)]


def _reasons(text, **options):
    """The reason each cue does not count ("" when it counts)."""
    out = []
    for cue in find_cues(text, **options):
        reason = cue.category.rsplit(" (", 1)[1].rstrip(")") if cue.weight == 0 else ""
        out.append((cue.cue, reason))
    return out


# (statement, [(cue, polarity, counted)])
CUES = [
    ("The alliance poses no threat to its neighbours", [("no threat", 1, True)]),
    # ties and support between two sides; contempt for the other side's show of force
    ("the two countries will support each other on core interests", [("support each other", 1, True)]),
    ("they agreed to deepen ties", [("deepen ties", 1, True)]),
    ("Beijing's saber-rattling", [("saber-rattling", -1, True)]),
    ("We will not compromise on our principles", [("not compromise", -1, True)]),
    ("there will be economic sanctions", [("sanctions", -1, True)]),
    ("We are ready to engage in political dialogue", [("dialogue", 1, True)]),
    ("the largest deployment in thirty years", [("deployment", -1, True)]),
    # a formal protest disapproves
    ("he had instructed that the ambassador be summoned", [("summoned", -1, True)]),
    # security assistance is military aid, force-related; humanitarian assistance is aid
    ("a new package of security assistance", [("security assistance", -1, True)]),
    ("more humanitarian assistance for the refugees", [("humanitarian assistance", 1, True)]),
    ("We must phase out Russian gas as soon as possible", [("must", -1, False), ("phase out", -1, True)]),
    ("they moved without any prior warning", [("warning", -1, True)]),
    # aid is material cooperation (CAMEO 07), military aid force-related (the spec's rule); solidarity
    # alone is neither
    (
        "we will keep up humanitarian aid and economic assistance",
        [("humanitarian aid", 1, True), ("economic assistance", 1, True)],
    ),
    ("we stand with our friends in this hour", []),
    ("we will see how we can help them", [("we can help", 1, True)]),
    # a plea takes the sense of what is pleaded for: peace, or more weapons
    (
        "she pleaded with him to call off the offensive",
        [("call off", 1, True), ("offensive", -1, True)],
    ),
    ("he pleaded with the leaders to send more missiles", [("missiles", -1, True)]),
    ("those responsible will be held accountable", [("accountable", -1, True)]),
    # a withdrawal of forces de-escalates; calling the other side's words propaganda accuses
    ("Russia began to withdraw some of the forces from the border", [("withdraw some of the forces", 1, True)]),
    ("he dismissed the reports as propaganda", [("dismissed", -1, True), ("propaganda", -1, True)]),
    # arms asked for or sent are force-related, as military aid is
    ("send us ammunition and fighter jets", [("ammunition", -1, True), ("fighter jets", -1, True)]),
    (
        "he called him a butcher and a murderous dictator",
        [("butcher", -1, True), ("murderous", -1, True), ("dictator", -1, True)],
    ),
    # coercion and fraud named accuse (CAMEO 11); refusing recognition rejects (CAMEO 12)
    (
        "the cuts are blackmail and the vote a sham held at gunpoint",
        [("blackmail", -1, True), ("sham", -1, True), ("gunpoint", -1, True)],
    ),
    ("we will never recognize the seized land", [("never recognize", -1, True)]),
    # bans, embargoes and expulsions reduce relations (CAMEO 16)
    (
        "every country should ban their tourists and expel their diplomats",
        [("ban", -1, True), ("expel", -1, True)],
    ),
    # mock votes, a dictated settlement, refusing to talk and "not business as usual" are conflict
    ("she called the ballots mock votes", [("mock", -1, True)]),
    ("there is nothing to talk about with this government", [("nothing to talk about", -1, True)]),
    ("it cannot be business as usual", [("cannot be business as usual", -1, True)]),
    # a complaint disapproves (CAMEO 11); a deal struck is cooperation
    ("they complained about the expansion", [("complained", -1, True)]),
    ("we have a deal on the documents", [("have a deal", 1, True)]),
    # blaming someone for making it worse; assurances given; obstruction denied; a deterrent
    ("the United States is adding fuel to the fire", [("fuel to the fire", -1, True)]),
    ("Ukraine had given us assurances", [("assurances", 1, True)]),
    ("we will not impede deliveries of grain", [("impede", 1, True)]),
    ("it would increase the deterrent against Moscow", [("deterrent", -1, True)]),
    # victims are no peace offer; a guarantee of safety reassures; a weapon named
    ("they ordered to kill peaceful citizens", [("kill", -1, True)]),
    ("we are ready to guarantee the safety of vessels", [("guarantee the safety", 1, True)]),
    ("Ukraine was preparing to detonate a dirty bomb", [("dirty bomb", -1, True)]),
]


@pytest.mark.parametrize(("text", "expected"), CUES)
def test_find_cues(text, expected):
    assert _read(text) == expected


# Negation reaches three words back within its clause, and not past a cue that took it.
NEGATION = [
    ("the government has no plans to invade its neighbour", [("invade", 1, True)]),
    ("the army is not going to attack", [("attack", 1, True)]),
    ("we did not want a war", [("war", 1, True)]),
    ("the aim is to prevent a war", [("war", 1, True)]),
    # the negator belongs to "not tolerate", a warning: "attack" is not flipped
    ("we will not tolerate an attack on our allies", [("not tolerate", -1, True), ("attack", -1, True)]),
    # a clause break ("that", a comma) ends the negation's reach
    ("the minister did not say that war was near", [("war", -1, True)]),
    # what is impossible is not offered
    ("it was impossible to guarantee the safety of shipping", [("guarantee the safety", -1, True)]),
    # "the opposite of peace" is none
    ("this is the opposite of peace", [("peace", -1, True)]),
    ("nobody came, war followed", [("war", -1, True)]),
    # "without" negates what follows
    ("they went ahead without consultation", [("consultation", -1, True)]),
    # a verdict against the act after it in its clause rejects it
    ("a direct war between the two powers should be a non-starter", [("war", 1, True)]),
    ("an escalation now would be a grave mistake", [("escalation", 1, True)]),
    # ... but not one in the next sentence
    ("they are at war. The plan is a bad idea", [("war", -1, True)]),
    # refusing to yield to a hostile act is no reassurance: the negation does not flip it
    ("we will not be intimidated by anyone", [("intimidated", -1, True)]),
    ("nobody intimidated them", [("intimidated", 1, True)]),
    # ... but a principle in the passive is negated as any act is
    ("the borders cannot be violated", [("violated", 1, True)]),
]


@pytest.mark.parametrize(("text", "expected"), NEGATION)
def test_negation_scope(text, expected):
    assert _read(text) == expected


# A cue inside a condition is a premise, not an act.
CONDITIONS = [
    ("If we do not send military aid, the front will collapse", [("military aid", IN_CONDITION)]),
    ("Unless the troops pull back, there will be sanctions", [("pull back", IN_CONDITION), ("sanctions", "")]),
    ("We will impose sanctions in case of an invasion", [("sanctions", ""), ("invasion", IN_CONDITION)]),
    ("if they choose diplomacy then we will talk", [("diplomacy", IN_CONDITION)]),
    ("Any attack would be answered", [("attack", IN_CONDITION)]),
]


@pytest.mark.parametrize(("text", "expected"), CONDITIONS)
def test_conditions(text, expected):
    assert _reasons(text) == expected


# Nouns that name a topic or an institution are no acts.
TOPICS = [
    ("the defense department policy is unchanged", [("defense", TOPIC)]),
    ("the defence plans were updated on Monday", [("defence", TOPIC)]),
    ("the peace process is under discussion", [("peace", TOPIC)]),
    ("these are questions of war and peace", []),  # "war and peace" is a topic (not_cues)
    ("she spoke about the question of sanctions", [("sanctions", TOPIC)]),
    ("the question of war and the question of talks", [("war", TOPIC), ("talks", TOPIC)]),
    ("he met the Defence Committee chair", [("Defence", NAME)]),
    ("members of the Security Council met", []),
    # the setting of an event reported is no act of the speaker's
    ("many Russians have died in the war", [("war", TOPIC)]),
    ("two people died during the attack", [("attack", TOPIC)]),
    ("the reporter was there to show the reality of the war", [("war", TOPIC)]),
    ("Beijing is looking to strengthen trade amid its war in Ukraine", [("war", TOPIC)]),
]


@pytest.mark.parametrize(("text", "expected"), TOPICS)
def test_topics_and_names(text, expected):
    assert _reasons(text) == expected


# Another actor's action that the speaker reports is not the speaker's stance.
THIRD_PARTIES = [
    ("Russia has deployed troops near the border", (), [("deployed", THIRD_PARTY)]),
    ("Rebels have been threatening the town", (), [("threatening", THIRD_PARTY)]),
    ("Moscow's invasion has to end", (), [("invasion", THIRD_PARTY)]),
    ("the Russian invasion is a tragedy", (), [("invasion", THIRD_PARTY)]),
    ("the city was hit by Russian cruise missiles", (), [("missiles", THIRD_PARTY)]),
    # the speaker's own side acts: it counts
    ("Ukraine's negotiations with Moscow continue", ("Ukraine",), [("negotiations", "")]),
    ("We deployed troops to the east", (), [("deployed", "")]),
    # a judgement about another's act is the speaker's; the act stays the other's
    ("Moscow's unjustified, unprovoked attack", (), [("unjustified", ""), ("unprovoked", ""), ("attack", THIRD_PARTY)]),
    # the dots of "U.S." end no sentence: the possessive still reaches
    ("the U.S. Army's deployment began", (), [("deployment", THIRD_PARTY)]),
    # an adjective after "has" or "is" is the speaker's judgement of the subject, no action reported
    ("the planned visit to Taiwan has provocative character", (), [("provocative", "")]),
    ("Moscow is aggressive", (), [("aggressive", "")]),
    # an act's participle or plain form after its auxiliaries is reported
    ("Moscow has threatened Kyiv", (), [("threatened", THIRD_PARTY)]),
    ("Moscow will invade", (), [("invade", THIRD_PARTY)]),
]


@pytest.mark.parametrize(("text", "own", "expected"), THIRD_PARTIES)
def test_reported_actions(text, own, expected):
    assert _reasons(text, own=own) == expected


# Readiness takes the sense of what it is ready for; coordinated modifiers share their aid noun.
CONTEXTS = [
    (
        "he would be willing to use military force as a last resort",
        [("willing to", READY_FOR_FORCE), ("military force", "")],
    ),
    ("we are willing to talk", [("willing to", "")]),
    (
        "we will keep providing financial, humanitarian, military and diplomatic support",
        [("financial support", ""), ("humanitarian support", ""), ("military support", "")],
    ),
    ("to keep up security and humanitarian assistance", [("security assistance", ""), ("humanitarian assistance", "")]),
    ("to keep up medical and logistical assistance", [("assistance", "")]),  # no modifier is a cue with it
]


@pytest.mark.parametrize(("text", "expected"), CONTEXTS)
def test_readiness_and_shared_aid_nouns(text, expected):
    assert _reasons(text) == expected


# A cooperation cue that someone is said to be against is what they oppose, not an offer.
OPPOSITIONS = [
    ("a war against democracy, against rules and peaceful coexistence", [("war", ""), ("peaceful", OPPOSED)]),
    ("they voted against the agreement", [("agreement", OPPOSED)]),
    # a clause break ends the phrase
    ("we spoke against it, but we want peace", [("peace", "")]),
]


@pytest.mark.parametrize(("text", "expected"), OPPOSITIONS)
def test_what_is_opposed(text, expected):
    assert _reasons(text) == expected


# A de-escalation demanded of someone else is part of the demand.
DEMANDS = [
    ("NATO must pull back its forces", [("must", ""), ("pull back", DEMANDED)], "confrontational"),
    ("We urge Moscow to de-escalate now", [("urge", ""), ("de-escalate", DEMANDED)], "confrontational"),
    ("We are ready to de-escalate now", [("de-escalate", "")], "conciliatory"),
    # a new sentence ends the demand's reach
    ("They must listen. We are ready to de-escalate.", [("must", ""), ("de-escalate", "")], "mixed"),
]


@pytest.mark.parametrize(("text", "expected", "label"), DEMANDS)
def test_demands(text, expected, label):
    assert _reasons(text) == expected
    assert score_cues(statement_signals(find_cues(text))).label == label


# An obligation the speaker's side takes on is no demand.
OBLIGATIONS = [
    ("We must protect our border", [("must", OWN_OBLIGATION)]),
    ("he said his country must protect its border", [("must", OWN_OBLIGATION)]),
    ("The other side must leave", [("must", "")]),
]


@pytest.mark.parametrize(("text", "expected"), OBLIGATIONS)
def test_obligations(text, expected):
    assert _reasons(text) == expected


def _quote(text, cue="said", speaker="Someone", direct=False):
    return Quote(speaker, speaker, text, 0, len(text), 0, direct, cue, speaker)


# The reporting verb scopes over its content. It counts as the speech act for reported speech and
# quoted fragments; before a whole direct quote it is the journalist's framing.
REPORTED = [
    ("plans to invade its neighbour", "denied", False, "conciliatory"),
    ("Moscow to pull back its troops", "urged", False, "confrontational"),
    ("the meeting was useful", "warned", False, "confrontational"),
    ("the meeting was useful", "said", False, "neutral"),
    ("a dark day", "warned", True, "confrontational"),  # a quoted fragment
    ("Tomorrow we will know more about the road ahead of us.", "warned", True, "neutral"),
]


@pytest.mark.parametrize(
    ("text", "speaker", "label"),
    [
        # a mediator's demand that the fighting stop appeals for de-escalation; a party's is a demand
        ("Whoever is behind this, it must stop immediately", "IAEA", "conciliatory"),
        ("Whoever is behind this, it must stop immediately", "Russia", "confrontational"),
        # the danger and the attacks a mediator names weigh the conflict
        ("The shelling of the plant is extremely dangerous", "IAEA", "neutral"),
        ("The shelling of the plant is extremely dangerous", "Ukraine", "confrontational"),
        # one who speaks for a mediator is one
        ("Both sides must stop the attacks at once", "Rafael Grossi", "conciliatory"),
    ],
)
def test_a_mediators_demands_appeal_and_its_alarm_weighs(text, speaker, label):
    quote = Quote(speaker, load_dictionary().rollup(speaker), text, 0, len(text), 0, False, "said", speaker)
    assert statement_stance(quote).stance.label == label


def test_the_speakers_other_names_are_its_own_side():
    """ "the U.S." in a statement of the United States is the speaker's side, as "we" is: its
    refusal to be intimidated is defiance, whoever else it would have been."""
    text = 'Monday the U.S. would "not be intimidated" by anyone'
    assert statement_stance(_quote(text, speaker="United States")).stance.label == "confrontational"
    assert statement_stance(_quote(text, speaker="Canada")).stance.label == "conciliatory"


@pytest.mark.parametrize(("text", "verb", "direct", "label"), REPORTED)
def test_reporting_verb(text, verb, direct, label):
    assert statement_stance(_quote(text, verb, direct=direct)).stance.label == label


# An event an onlooker (an analyst, an economist) names is what they weigh, not their act; a
# denial still counts. The same words from a party to the conflict count.
ONLOOKERS = [
    ("Sanctions and a long war would push oil above its highs", True, "neutral"),
    ("Sanctions and a long war would push oil above its highs", False, "confrontational"),
    ("There is no need to attack anyone", True, "conciliatory"),
]


@pytest.mark.parametrize(("text", "onlooker", "label"), ONLOOKERS)
def test_onlookers_name_events(text, onlooker, label):
    read = statement_stance(_quote(text), onlooker=onlooker)
    assert read.stance.label == label
    assert all(ONLOOKER in c.category for c in read.cues if c.weight == 0) if onlooker and label == "neutral" else True


def test_onlookers_are_read_from_the_article():
    from tests.conftest import analyse_text

    text = (
        "Oil rose on Monday. “A war would push prices higher,” said Mara Quist, chief market analyst at "
        "Halden Partners. Stoltenberg said a war in Europe would be met with force. Economist Ivo Brandt "
        "said sanctions would hit growth."
    )
    _, mentions, quotes, _ = analyse_text(text)
    assert {q.speaker for q in quotes} >= {"Mara Quist", "Jens Stoltenberg", "Ivo Brandt"}
    assert onlookers(text, quotes, mentions) == {"Mara Quist", "Ivo Brandt"}  # a dictionary actor is a party


def test_a_think_tank_the_dictionary_marks_is_an_onlooker():
    from tests.conftest import analyse_text

    text = "The Institute for the Study of War said the attacks in the east would slow down."
    _, mentions, quotes, _ = analyse_text(text)
    assert onlookers(text, quotes, mentions) == {"Institute for the Study of War"}


def test_statement_stance_keeps_the_evidence():
    read = statement_stance(_quote("If they attack, we will respond firmly and impose sanctions"))
    assert [(c.cue, c.weight > 0) for c in read.cues] == [("attack", False), ("will respond", True),
                                                           ("sanctions", True), ("attack", True)]  # fmt: skip
    # each class once per statement: the threat, and the warning the premise and its consequence make
    assert [c.cue for c in read.counted] == ["will respond", "attack"]
    assert CONSEQUENCE in read.counted[1].category
    assert read.stance.label == "confrontational"


# A hostile premise with a consequence announced for it is a warning, though the consequence
# names no cue; a premise with no consequence, or a friendly one, is not.
CONSEQUENCES = [
    ("Any attack on its neighbour will not only lead to isolation but to a fracture of the order", "confrontational"),
    ("If the troops invade, the costs for the region would be enormous", "confrontational"),
    ("If the troops invade the region", "neutral"),
    ("If talks resume next week, the region will breathe", "neutral"),  # a friendly premise: no offer, no warning
]


@pytest.mark.parametrize(("text", "label"), CONSEQUENCES)
def test_a_hostile_premise_with_a_consequence_is_a_warning(text, label):
    assert statement_stance(_quote(text)).stance.label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("We are ready to engage in dialogue and talks and seek a peaceful solution.", "conciliatory"),
        ("They will pay a high price, there will be sanctions, we warn them.", "confrontational"),
        ("We are ready for dialogue. We are also ready to respond if Russia prefers armed conflict.", "mixed"),
        ("The meeting took place on Tuesday.", "neutral"),
    ],
)
def test_score_labels(text, label):
    assert score_cues(statement_signals(find_cues(text))).label == label


def test_each_class_counts_once_per_statement():
    cues = find_cues("attack, attack, attack and an offensive")
    assert len(cues) == 4
    assert len(statement_signals(cues)) == 1


def _cue(polarity, category="threaten force and coerce", weight=1.5):
    return StanceCue("x", polarity, weight, category, False, 0, 1)


@pytest.mark.parametrize(
    ("statements", "label"),
    [
        # one offer against the same threat repeated in four statements: decay keeps it mixed
        ([[_cue(-1)], [_cue(-1)], [_cue(-1)], [_cue(-1)], [_cue(1, "appeal for dialogue")]], "mixed"),
        ([[_cue(-1)], [_cue(-1)]], "confrontational"),
        ([[_cue(1, "appeal for dialogue", 0.0)]], "neutral"),  # set aside by its context
    ],
)
def test_speaker_pool(statements, label):
    assert speaker_pool(statements).label == label


@pytest.mark.parametrize(
    ("score", "total", "label"),
    [(0.9, 3.0, "conciliatory"), (-0.9, 3.0, "confrontational"), (0.0, 3.0, "mixed"), (1.0, 0.5, "neutral")],
)
def test_label_for(score, total, label):
    assert label_for(score, total) == label


def test_pool_is_the_score_formula():
    stance = pool(3.0, 1.0, 2)
    assert (stance.score, stance.label) == (0.5, "conciliatory")


def test_scope_lists_name_known_classes(tmp_path):
    load_stance_lexicon()  # the shipped file is valid
    path = tmp_path / "stance.yml"
    path.write_text(
        "labels: {}\nscope: {demand_classes: [nonsense]}\nclasses:\n  warn: {polarity: -1, weight: 1, cues: [warn]}\n"
    )
    with pytest.raises(DataFileError, match="nonsense"):
        load_stance_lexicon(path)


def test_targets_exclude_the_speaker_side():
    _, mentions, quotes, _ = analyse_text("Stoltenberg said that NATO poses no threat to Russia.")
    assert quote_targets(quotes[0], mentions) == ["Russia"]
