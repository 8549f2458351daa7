from datetime import date

import pytest

from lib.figures import (
    compare_figures,
    extract_figures,
    extract_quantities,
    load_lexicon,
    mask_furniture,
    measure_key,
    parse_number,
)
from lib.text import split_sentences
from tests.conftest import analyse_text

# (sentence, [(value, counted family, qualifier, about, kind)])
CASES = [
    (
        "Russia has deployed more than 150,000 troops to its borders.",
        [(150000, "troops", "more than", "Russia", "count")],
    ),
    ("At least 30,000 Russian troops are in Belarus.", [(30000, "troops", "at least", "Russia", "count")]),
    ("Russia's presence near Ukraine with 100,000 units on alert.", [(100000, "troops", None, "Russia", "count")]),
    ("Russia massed thirty thousand soldiers.", [(30000, "troops", None, "Russia", "count")]),
    ("Washington sent $350 million of military aid.", [(350_000_000, "aid", None, "United States", "money")]),
    ("Some 100k soldiers waited.", [(100000, "troops", "about", None, "count")]),
    # a number inside a name ("4 Wing Cold Lake") and an exchange-rate note count nothing
    ("Trudeau spoke at 4 Wing Cold Lake air base on Friday.", []),
    (
        "The fund will pay $25 million in compensation. ($1 = 0.8693 pounds)",
        [(25_000_000, "compensation", None, None, "money")],
    ),
    # the same figure restated in another currency or unit, in brackets right after it, is one figure
    ("Oslo's exports reached 229 billion kroner ($24 billion) in May.", [(229e9, "", None, "Norway", "money")]),
    ("The town lies 53 kilometers (33 miles) east of the bridge.", [(53, "kilometers", None, None, "measure")]),
    ("The country has a 300 kilometer (186-mile) frontier.", [(300, "kilometer", None, None, "measure")]),
    # a state's people counted by their demonym: people, that state's
    (
        "Historians say up to 12,000 Ukrainians were killed in Polish operations.",
        [(12000, "civilians", "up to", "Ukraine", "count")],
    ),
    ("Prices rose 8.5% in March.", [(8.5, "percent", None, None, "percent")]),
    ("More than 2,000 civilians have been killed.", [(2000, "civilians", "more than", None, "count")]),
    ("Crimea was annexed in 2014 and since 2014 nothing changed.", []),
    ("The Cold War ended 30 years ago.", []),
    ("He spoke at 11 a.m. on Feb. 10, 2022.", []),
    ("The S-400 and Article 5 and a 45-year-old man.", []),
    ("Tensions rose as two countries talked.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_extract_figures(text, expected):
    _, _, _, figures = analyse_text(text)
    got = [(f.value, f.counted, f.qualifier, f.about, f.kind) for f in figures]
    assert got == [tuple(e) for e in expected]


# Page furniture is never a figure.
FURNITURE = [
    "The video is at https://twitter.com/someone/status/1496412083524734977 for everyone.",
    "Read it at www.example.org/2022/03/04/story-123456 today.",
    "The hotline is open 24/7 for callers.",
    "Executive Order 14024 lists the sanctioned banks.",
    "Security Council Resolution 2623 was adopted.",
    "The G7 leaders met in Brussels.",
    "The Su-35 and the MH17 report were discussed.",
    "Call +1 202-555-0143 for details.",
    "Under Section 301 of the trade act the duties rose.",
    "The pilot flew a Model 3 over the base.",
    "Contact the desk at press@example.com or @newsdesk2022.",
    "The record id 8812345678901 was logged.",
    "00:31Ukraine war: drone footage shows the damage",
    "‘Twelve hundred homes lost power’: a village waits in the darkRead more",
    "Men aged between 18 and 60 may not leave the country.",
]


@pytest.mark.parametrize("text", FURNITURE)
def test_furniture_is_never_a_figure(text):
    _, _, _, figures = analyse_text(text)
    assert [(f.value, f.surface) for f in figures] == []


def test_masking_keeps_offsets():
    text = "See https://example.com/status/123456789012 and 24/7 help."
    masked = mask_furniture(text)
    assert len(masked) == len(text) and "123456789012" not in masked and masked.endswith(" help.")


# Numbers in words and mixed forms count when they count people, weapons or money.
WORDS = [
    ("Four marines were killed in the blast.", 4, "troops"),
    ("Fifteen civilians were evacuated from the town.", 15, "civilians"),
    ("The plan costs one and a half trillion dollars.", 1.5e12, ""),
    ("Half a million people have fled the region.", 500_000, "civilians"),
    ("About half of a million children were displaced.", 500_000, "civilians"),
    ("A quarter of a million refugees crossed the border.", 250_000, "refugees"),
    ("Three retired four-star generals backed the idea.", 3, "troops"),
    ("Rebels shot down two warplanes on Sunday.", 2, "aircraft"),
    ("The letter was signed by one senior official.", 1, "officials"),
    ("Three hundred thousand people have fled.", 300_000, "civilians"),
]


@pytest.mark.parametrize(("text", "value", "counted"), WORDS)
def test_numbers_in_words(text, value, counted):
    _, _, _, figures = analyse_text(text)
    assert [(f.value, f.counted) for f in figures] == [(value, counted)]


@pytest.mark.parametrize(
    "text",
    [
        "Two countries signed the deal.",
        "One of its jets was lost.",
        "They presented a six-point plan.",
        "Seven companies left the market.",
        # a vague amount is no number
        "A blast would contaminate several hundred square kilometres.",
        "A few thousand troops crossed the border.",
    ],
)
def test_numbers_in_words_that_count_other_things_are_not_figures(text):
    assert analyse_text(text)[3] == []


# Ranges: both ends, the lower "from", the upper "up to"; an elliptical lower end takes the upper's scale.
RANGES = [
    ("Between 50 and 70 tanks were lost.", [(50, "from"), (70, "up to")], "tanks"),
    ("Officials counted 30-40 drones overhead.", [(30, "from"), (40, "up to")], "aircraft"),
    ("There are 30 to 35,000 fighters in the area.", [(30000, "from"), (35000, "up to")], "troops"),
    ("A fine of $3 billion to $5 billion is expected.", [(3e9, "from"), (5e9, "up to")], ""),
    ("The levy is $89 to $93 billion a year.", [(89e9, "from"), (93e9, "up to")], ""),
]


@pytest.mark.parametrize(("text", "ends", "counted"), RANGES)
def test_ranges_give_both_ends(text, ends, counted):
    _, _, _, figures = analyse_text(text)
    assert [(f.value, f.qualifier) for f in figures] == ends
    assert {f.counted for f in figures} == {counted}


def test_a_change_is_two_values_not_a_range():
    _, _, _, figures = analyse_text("Support for the plan grew from 60 to 71 percent.")
    assert [(f.value, f.kind, f.qualifier) for f in figures] == [(60, "percent", None), (71, "percent", None)]


# The counted thing is the real head noun; money and percent keep unit and scale apart.
COUNTED = [
    ("The army received 20 million rounds of ammunition.", "rounds", "missiles", "count", None),
    ("Ministers pledged $2bn in military aid.", "military aid", "aid", "money", "USD"),
    ("The fund holds €600bn of foreign reserves.", "foreign reserves", "reserves", "money", "EUR"),
    ("Visa bans hit 47 family members of the elite.", "family members", "civilians", "count", None),
    ("Some 200,000 trapped civilians wait for a corridor.", "trapped civilians", "civilians", "count", None),
    ("Ninety shops and 60% of the houses were damaged.", "percent of houses", "percent", "percent", "%"),
    (
        "Sanctions froze 60% of Russia's $600bn of foreign reserves.",
        "percent of foreign reserves",
        "percent",
        "percent",
        "%",
    ),
    ("It takes about 200 rubles to buy a coffee.", "rubles", "", "money", "RUB"),
    ("The number of foreign citizens there is estimated at upwards of 6,000.", "citizens", "civilians", "count", None),
    ("Officials raised the death toll from the missile strike to 47.", "death toll", "deaths", "count", None),
    # a unit joined to the number by a hyphen; a state's people by their demonym before an adverb
    ("Estonia shares a 300-kilometer border with Russia.", "kilometer", "kilometers", "measure", "kilometers"),
    ("About 12 million Russians currently hold such visas.", "Russians", "civilians", "count", None),
]


@pytest.mark.parametrize(("text", "surface", "counted", "kind", "unit"), COUNTED)
def test_counted_thing_is_the_head_noun(text, surface, counted, kind, unit):
    _, _, _, figures = analyse_text(text)
    figure = next(f for f in figures if f.kind == kind) if kind == "percent" else figures[-1]
    assert (figure.counted_surface, figure.counted, figure.kind, figure.unit) == (surface, counted, kind, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Inflation reached 17% and the rate rose to 20 percent.",
        "The ruble fell 30% while exports rose 5 per cent.",
        "Sanctions froze $300bn and £25m of assets.",
    ],
)
def test_measure_labels_never_repeat_a_unit(text):
    _, _, _, figures = analyse_text(text)
    assert figures
    for figure in figures:
        key = measure_key(figure)
        assert "% %" not in key and "%" not in key.split(" · ")[0]
        assert key.count(figure.unit or "\0") <= 1


# ``about``: the actor whose people, forces, money or equipment are counted; the provider for aid.
ABOUT = [
    ("Kyiv said 8,500 U.S. troops were on alert in Germany.", "United States"),
    ("Moscow rejected claims about Ukraine's 250,000 soldiers.", "Ukraine"),
    ("Putin said his country's 100,000 troops would stay.", "Russia"),
    ("The UN said 331 civilians had been killed in Ukraine since February.", "Ukraine"),
    ("Britain will send $25 million in aid to Ukraine.", "United Kingdom"),
    ("Russia, which denies any plan to invade Ukraine, has massed 130,000 troops.", "Russia"),
    ("At least 40 people who joined the protest in Poland were detained.", "Poland"),
    ("The governor marched across Kyiv with his two little children.", None),
    ("Ukraine has received 17,000 anti-tank weapons from the US.", "United States"),
    ("Germany has pledged to send Poland an additional 2,000 missiles.", "Germany"),  # the giver's
    # "Ukrainian aid" goes to Ukraine: the state named with the aid is no giver...
    ("Germany pledged $500 million in Ukrainian aid.", "Germany"),
    ("The package brings the total of Ukrainian aid approved this week to $1 billion.", None),
    # ...but "Germany's aid" is Germany's
    ("Germany's aid of $300 million arrived on Monday.", "Germany"),
    ("Kyiv says Russia has lost 12,000 troops.", "Russia"),
    ("Fighting goes on in Ukraine. Russian troops entered Kharkiv, a city of 1.4 million people.", "Ukraine"),
    # a market price is no actor's, even with a state named beside it
    ("An invasion by Russia could push oil above $100 a barrel.", None),
    # countries are no actor's, unless one has them ("Nato has 30 member states")
    ("The rockets were bought by Poland, Romania and nearly 20 other countries.", None),
    ("The alliance of NATO has 30 member states.", "NATO"),
]


@pytest.mark.parametrize(("text", "about"), ABOUT)
def test_about_is_the_owner(text, about):
    _, _, _, figures = analyse_text(text)
    assert [f.about for f in figures] == [about]


# Thousands separated by a space or a thin space, in any language.
SEPARATORS = [
    ("More than 100 000 troops are on the border.", 100000),
    ("More than 100\u2009000 troops are on the border.", 100000),
    ("More than 100\u202f000 troops are on the border.", 100000),
    ("Россия стянула более 100 000 военнослужащих к границе.", 100000),
    ("Росія зосередила понад 100 000 військових біля кордону.", 100000),
]


@pytest.mark.parametrize(("text", "value"), SEPARATORS)
def test_space_thousand_separators(text, value):
    sentences = split_sentences(text)
    assert [f.value for f in extract_figures(text, sentences, [])] == [value]


@pytest.mark.parametrize(
    ("number", "scale", "value"),
    [
        ("150,000", None, 150000),
        ("100 000", None, 100000),
        ("1.5", "million", 1_500_000),
        ("thirty thousand", None, 30000),
        ("two hundred and fifty", None, 250),
        ("100", "k", 100000),
        ("one and a half", "trillion", 1.5e12),
        ("half a", "million", 500_000),
        ("a quarter of a", "million", 250_000),
    ],
)
def test_parse_number(number, scale, value):
    assert parse_number(number, scale) == value


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Revenue grew more than sixfold last year.", [6]),
        ("One ounce is 1/16 of a pint.", [1, 0.0625]),
        ("The offense was minus-5 yards.", [-5]),
        ("It does 0-to-60-mph in three seconds.", [0, 60, 3]),
        ("The cars have four-, five- and six-cylinder engines.", [4, 5, 6]),
    ],
)
def test_quantities_for_newsquant(text, values):
    assert [f.value for f in extract_quantities(text)] == values


def test_no_figure_reaches_the_id_magnitude():
    assert load_lexicon().max_value <= 1e13
    _, _, _, figures = analyse_text("The tweet 1496412083524734977 and 9000000000000000 troops.")
    assert all(f.value < 1e13 for f in figures)


def test_disagreement_is_flagged():
    texts = {
        "a": "Russia has more than 150,000 troops.",
        "b": "Russia has 100,000 troops.",
        "c": "Russia has 100,000 troops.",
    }
    by_article = {key: analyse_text(text)[3] for key, text in texts.items()}
    (measure,) = compare_figures(by_article)
    assert measure.key == "troops · Russia"
    assert measure.values == {"a": 150000, "b": 100000, "c": 100000}
    assert measure.disagree


def test_agreement_within_tolerance_is_not_flagged():
    by_article = {
        k: analyse_text(t)[3] for k, t in {"a": "Russia has 100,000 troops.", "b": "Russia has 105,000 troops."}.items()
    }
    assert not compare_figures(by_article)[0].disagree


# Comparable only: articles close in time (the window), undated articles compared with all.
WINDOWS = [
    ({"a": date(2022, 2, 1), "b": date(2022, 2, 20)}, 7, False),
    ({"a": date(2022, 2, 1), "b": date(2022, 2, 5)}, 7, True),
    ({"a": date(2022, 2, 1), "b": date(2022, 2, 20)}, 30, True),
    ({"a": date(2022, 2, 1), "b": date(2022, 2, 20)}, None, True),
    ({"a": date(2022, 2, 1), "b": None}, 7, True),
]


@pytest.mark.parametrize(("dates", "window", "disagree"), WINDOWS)
def test_disagreement_needs_articles_close_in_time(dates, window, disagree):
    by_article = {
        "a": analyse_text("Russia has 100,000 troops.")[3],
        "b": analyse_text("Russia has 150,000 troops.")[3],
    }
    (measure,) = compare_figures(by_article, dates=dates, window_days=window)
    assert measure.disagree is disagree


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Officials counted 100,000 troops.", "Officials counted 150,000 troops."),  # an unknown actor
        ("Russia pledged $2.", "Russia pledged $630bn."),  # money paying for nothing named
        ("In Russia prices rose 17%.", "In Russia the rate is 20%."),  # a share of nothing named
    ],
)
def test_figures_not_known_to_measure_one_thing_never_disagree(first, second):
    by_article = {"a": analyse_text(first)[3], "b": analyse_text(second)[3]}
    (measure,) = compare_figures(by_article)
    assert len(measure.values) == 2 and not measure.disagree


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Russia has 100,000 troops.", "Russia has 100,000 tanks."),  # another counted thing
        ("Russia has 100,000 troops.", "Ukraine has 150,000 troops."),  # another actor
        ("Russia pledged $2bn in aid.", "Russia pledged €3bn in aid."),  # another unit
        ("Russia holds 60% of the reserves.", "Russia holds 80% of the banks."),  # a share of another thing
    ],
)
def test_only_comparable_figures_share_a_measure(first, second):
    by_article = {"a": analyse_text(first)[3], "b": analyse_text(second)[3]}
    measures = compare_figures(by_article)
    assert len(measures) == 2 and not any(m.disagree for m in measures)


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("It sent $1 billion over two years to 24 military and civilian sites.", ["", "sites"]),
        ("Yields rose 2 percentage points.", ["percentage points"]),
        ("We do not have 44 million of these kits.", ["kits"]),  # the head noun after "of these"
        ("Oil neared $100 a barrel on Monday.", ["barrel"]),  # a price: what it is per
        ("The levy is $93 billion a year.", [""]),  # a rate per year counts nothing named
        (
            "The agency logged 24 military and terrorist events.",
            ["events"],
        ),  # a singular before a plural is its modifier
        # A verb or a function word after a number counts nothing named.
        ("The ministry said 1,200 added to the list by Monday.", [""]),
        ("The court named 300 accused in the case.", [""]),
        ("There are 150,000 according to the ministry.", [""]),
        ("There were 4,000 but more came.", [""]),
        ("It pledged $2bn in addition to the loans.", [""]),
        ("Shells hit 40 damaged buildings.", ["buildings"]),  # a verb form still qualifies a noun
    ],
)
def test_counted_is_never_a_function_word(text, counted):
    sentences = split_sentences(text)
    assert [f.counted for f in extract_figures(text, sentences, [])] == counted


def test_a_figure_counting_nothing_named_has_no_measure_of_its_own():
    (figure,) = analyse_text("Russia has 150,000 according to US officials.")[3]
    assert figure.counted == ""
    assert measure_key(figure) == "counting nothing named · Russia"
