"""The passes of lib/quotes, one table row per pattern of real text that went wrong before.
Every sentence here is written for the project."""

from __future__ import annotations

import pytest

from tests.conftest import analyse_text


def statements(text: str) -> list[tuple[str, str, bool]]:
    """(speaker, first words, direct) per statement found."""
    _, _, quotes, _ = analyse_text(text)
    return [(q.speaker, " ".join(q.text.split()[:4]), q.direct) for q in quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 1. A quote goes to the speaker of its own attribution, not to the name before it.
        (
            "Jones spent the morning in the chamber arguing over the budget.\n\n"
            "“We are weak on this,” Smith said after the vote.",
            [("Smith", "We are weak on", True)],
        ),
        # After the cue, a description, then the name: the name speaks.
        (
            "“We are anxious,” said another delegate, Ines Varga.",
            [("Ines Varga", "We are anxious", True)],
        ),
        # "reports of", "pledges of": nouns, no cues ("Halvorsen warns of" is a verb).
        ("Deaths of officers in the east and reports of mutiny in the ranks spread.", []),
        # "according to" a state's officials: people nobody names.
        ("Ballots were taken to homes, according to Moldovan-installed officials in the region.", []),
        # A group no one names, even with its state's adjective, is no speaker.
        ("Czech historians say that up to 3,000 villagers were also killed in retaliatory raids.", []),
        # After a possessive a cue's form is a noun: no statement.
        ("Halvorsen's promises to cut taxes have put the issue at the centre of the race.", []),
        # Expressing or voicing a view is a speech act.
        (
            "Halvorsen expressed concern that the talks could fail.",
            [("Halvorsen", "concern that the talks", False)],
        ),
        # Paragraphs run together, each opened by a straight mark and the one before left
        # unclosed: a mark that can only open continues the quote, and the pairing holds after it.
        (
            'Ines Varga said: "We are ready to leave at any hour. "The road south is open." '
            'The mayor, Jan Nowak, said: "We will see what the morning brings."',
            [("Ines Varga", "We are ready to", True), ("Jan Nowak", "We will see what", True)],
        ),
        # The same with curly marks: an opening mark inside a quote continues it.
        (
            "Ines Varga said: “We are ready to leave at any hour. “Some outside the city are asking whether "
            "the road is open.” The mayor, Jan Nowak, said: “We will see what the morning brings.”",
            [("Ines Varga", "We are ready to", True), ("Jan Nowak", "We will see what", True)],
        ),
        # One quoted word closing a reported sentence, its attribution right after: the sentence.
        (
            "An agreement is still “possible,” Ilse Brandt said, but the talks would be long.",
            [("Ilse Brandt", "An agreement is still", False)],
        ),
        # A whole quote introduced by a colon, with no cue, is the sentence subject's words.
        (
            "Ines Varga lost her home. She still has hope: “We will rebuild our country after the victory.”",
            [("Ines Varga", "We will rebuild our", True)],
        ),
        # "But, as X writes this week, …": a frame before the comma names the speaker.
        (
            "Markets fell. But, as Ines Varga writes this week, the banks are still lending to firms.",
            [("Ines Varga", "the banks are still", False)],
        ),
        # "Sir" (or "Dame") and a first name: the person named before with it.
        (
            "“It is not impossible,” says Sir Tom Halvorsen, a former minister. But, as Sir Tom also says, "
            "nor should we be counting on it.",
            [("Tom Halvorsen", "It is not impossible", True), ("Tom Halvorsen", "nor should we be", False)],
        ),
        # "by declaring that …": a participle after "by" is the sentence subject's speech.
        (
            "Halvorsen surprised everyone by saying that the talks would resume.",
            [("Halvorsen", "the talks would resume", False)],
        ),
        # "the (former) Labour leader": whom the article titled so; "former" only the former holder.
        (
            "Labour leader Ines Varga spoke on Sunday. However, the Labour leader has called for ministers to act.",
            [("Ines Varga", "ministers to act", False)],
        ),
        (
            "Former Labour leader Tom Halvorsen spoke. The former Labour leader, who stood down in 2020, said that "
            "the pressure must grow.",
            [("Tom Halvorsen", "the pressure must grow", False)],
        ),
        # A wire dateline's place is no subject: "PARIS, Aug 31 (Reuters) - …, saying …".
        (
            "Washington (AFP) – Senator Ines Varga has taken a swipe at the plan, saying that the talks would fail.",
            [("Ines Varga", "the talks would fail", False)],
        ),
        (
            "PARIS, Aug 31 (Reuters) - The party leader, Ines Varga, voiced support for the plan on Wednesday.",
            [("Ines Varga", "support for the plan", False)],
        ),
        # A speech act named by its noun: "made the case that …".
        ("Halvorsen made the case that sanctions would bite.", [("Halvorsen", "sanctions would bite", False)]),
        # Ripostes are speech: "shot back", "fired back".
        (
            "After Ortega spoke, Halvorsen shot back, “I chose my profession.”",
            [("Halvorsen", "I chose my profession.", True)],
        ),
        # "as" before a cue's subject is a conjunction, not a preposition.
        (
            "As Halvorsen denounced the missile tests and pledged to respond, the hall cheered.",
            [("Halvorsen", "the missile tests and", False)],
        ),
        # The name after "tells" is the listener, never the speaker.
        (
            "“Yes, I support her,” Tom Halvorsen, founder of the Narva Institute, tells the Daily Courier.",
            [("Tom Halvorsen", "Yes, I support her", True)],
        ),
        # A given name that is also a word of things' names ("Bill") begins a person's name.
        ("“We will win,” said Bill Halvorsen.", [("Bill Halvorsen", "We will win", True)]),
        # A quote with no attribution continues only the statement right before it...
        (
            "“We will not give in,” Ortega said. “Not now, not ever, not to anyone.”",
            [("Ortega", "We will not give", True), ("Ortega", "Not now, not ever,", True)],
        ),
        # ...also past a long description of its speaker in the attribution between them.
        (
            "“There is room for far tougher measures,” Ines Varga, a former treasury official who "
            "worked on export controls, said. “We are at six out of ten today.”",
            [("Ines Varga", "There is room for", True), ("Ines Varga", "We are at six", True)],
        ),
        # A clause coordinated with the cue of a quote shares that quote's speaker, not a name
        # inside the quote ("Nato", "London" are not speaking here).
        (
            "“A no-fly zone would pit Nato against Russia,” Varga said, and pointed out that the "
            "army would get more air defence systems next month.",
            [("Varga", "A no-fly zone would", True), ("Varga", "the army would get", False)],
        ),
        (
            "“London keeps feeding the crisis,” Halvorsen said, adding that British interests in Moscow "
            "would suffer for it.",
            [("Halvorsen", "London keeps feeding the", True), ("Halvorsen", "British interests in Moscow", False)],
        ),
        # An absolute construction: "with NAME, <participle> …", one statement per clause.
        (
            "Leaders reacted at once, with the Irish premier, Aoife Byrne, describing the strike as "
            "“reckless”, and the Danish minister, Lars Holm, condemning Moscow for the shelling.",
            [("Aoife Byrne", "the strike as “reckless”", False), ("Lars Holm", "Moscow for the shelling", False)],
        ),
        # ...but "met with NAME, telling her …" is not one: the subject tells.
        (
            "Stoltenberg met with Aoife Byrne in Oslo, telling her that the aid would arrive within a week.",
            [("Jens Stoltenberg", "the aid would arrive", False)],
        ),
        # A participle after a dash reports speech as one after a comma does; its speaker is
        # the clause's subject.
        (
            "Anna Halvorsen met the governors on Monday. She is easing her tone – telling them that the "
            "border could reopen within a month.",
            [("Anna Halvorsen", "the border could reopen", False)],
        ),
        # "the Russian minister": the person named who speaks for that state; "the Russian side"
        # and "the Russian officials" stay the state's.
        (
            "Lavrov met Blinken in Geneva. The Russian minister added that the guarantees were the key issue.",
            [("Sergey Lavrov", "the guarantees were the", False)],
        ),
        (  # glued to the sentence before it, as extracted text often is
            "Blinken called Sergei Ławrow.The Russian minister once again assured that Moscow would attack no one.",
            [("Sergey Lavrov", "Moscow would attack no", False)],
        ),
        (
            "Lavrov met Blinken in Geneva. The Russian side said that the guarantees were the key issue.",
            [("Russia", "the guarantees were the", False)],
        ),
        # A dash line attributed to "the politician" after the cue: the person the article named.
        (
            "Anna Berg spoke to the radio.\n\n- We do not need more troops on our territory - said the politician.",
            [("Anna Berg", "We do not need", True)],
        ),
        # A person named by surname alone, as the subject of a cue, is whom "he" refers back to.
        (
            "Troops arrived in Latvia.Halvorsen said that no more troops would come.\n\n"
            "He said that the crisis recalled the Cold War.",
            [("Halvorsen", "no more troops would", False), ("Halvorsen", "the crisis recalled the", False)],
        ),
        # Appositions: a title and a party before the comma, an affiliation after the name.
        (
            "Rep. Ines Varga (D-Va.), ranking member of the committee, said she fully supports the deal.",
            [("Ines Varga", "she fully supports the", False)],
        ),
        (
            "Another pollster, Ines Varga of Narva University, said her survey showed support holding.",
            [("Ines Varga", "her survey showed support", False)],
        ),
        # "told reporters this was …": "this" begins what was said, no time ("this week").
        (
            "While others pushed for talks, Halvorsen told reporters this was the only chance to pass it.",
            [("Halvorsen", "this was the only", False)],
        ),
        # A trailing "told <listener>": what was said is before the comma.
        (
            "The union will likely sit out the election altogether, its director Ines Varga told The Daily Courier.",
            [("Ines Varga", "The union will likely", False)],
        ),
        # A denial's object alone is what was said, a short noun phrase too; "said Monday" is none.
        (
            "Halvorsen repeatedly denied these accusations. Ortega said Monday.",
            [("Halvorsen", "these accusations", False)],
        ),
        # "- … - added the US president": the person the article named with that title, not the state.
        (
            "US President Joe Biden met allies on Friday.\n\n- We see more provocations every day - added the US president",
            [("Joe Biden", "We see more provocations", True)],
        ),
        # "X, aside, did A, but the country's leader, NAME, said": a new clause, whose subject speaks.
        (
            "Norway, long wary of the bloc, kept its exemptions for years, but the country's prime minister, "
            "Ana Berg, said it was time to change tack.",
            [("Ana Berg", "it was time to", False)],
        ),
        # A description the person opened and the writer did not close: the person speaks, not the
        # body that ends it.
        (
            "“The risk is real,” Ana Berg, a nuclear expert at Norway's Bergen Institute of Physics said. "
            "Ana Berg, an adviser at the Bergen Energy Institute said the plant was safe.",
            [("Ana Berg", "The risk is real", True), ("Ana Berg", "the plant was safe", False)],
        ),
        # A medium that quotes someone is no speaker: "X was quoted as saying by Y", "Y quoted X as saying".
        (
            "“The visas are incompatible with the sanctions,” Minister Ana Berg was quoted as saying by the "
            "Nordic News Service. The Nordic News Service quoted Ivan Holm as saying that the border would close.",
            [("Ana Berg", "The visas are incompatible", True), ("Ivan Holm", "the border would close", False)],
        ),
        # "It" opening a sentence, with no one speaking before it: the state that was the subject of
        # the sentence before; never an owner ("Norway's plan").
        (
            "Norway has moved to stage two of its gas plan. It has also warned of a recession if flows halt. "
            "Norway's plan was ready. It also said the talks would go on.",
            [("Norway", "of a recession if", False)],
        ),
        # A leader's office and a state's body named in lower case speak as the state; an official
        # nobody names does not.
        (
            "Zelensky's office said the strikes killed 14 people. Ukraine's presidential office said eight "
            "regions were hit. Russia's main domestic security agency said eight people were arrested. "
            "Russia's top human rights official said the camps were fine.",
            [("Ukraine", "the strikes killed 14", False), ("Ukraine", "eight regions were hit", False)]
            + [("Russia", "eight people were arrested", False)],
        ),
        # "the Russian diplomat", "the top diplomat": one person, the one the article named before.
        (
            "Lavrov spoke in Bali. The Russian diplomat said that the talks had failed. The top diplomat "
            "said that the West was to blame.",
            [("Sergey Lavrov", "the talks had failed", False), ("Sergey Lavrov", "the West was to", False)],
        ),
        # A speech act named by a phrase: likening and blaming.
        (
            "Halvorsen drew parallels between the two wars. Halvorsen also laid the blame on the West for "
            "refusing to talk.",
            [("Halvorsen", "between the two wars", False), ("Halvorsen", "on the West for", False)],
        ),
        # A channel is no speaker: a name ending like one ("NRKTV"), or in "News", "Radio".
        ("NRKTV said the tragedy reminds us of the dangers. Nord Radio said the border was closed.", []),
        # "saying the X administration asked …": the later clause is what was said, not a new statement
        # that cuts the first one short.
        (
            "Norway's foreign ministry hit back, saying the Biden administration asked it to delay the cuts.",
            [("Norway", "the Biden administration asked", False)],
        ),
        # When the subject acted, between it and the cue, is no part of the subject.
        (
            "Norway at the weekend welcomed the decision to return the turbine. Sweden this morning said "
            "the border would stay open.",
            [("Norway", "the decision to return", False), ("Sweden", "the border would stay", False)],
        ),
        # The last words of a full name the article gave are that person: a two-word surname too.
        (
            "Governor Ana María Vela Ortiz spoke on Monday. “We are ready,” said Vela Ortiz, whose region "
            "borders the sea.",
            [("Ana María Vela Ortiz", "We are ready", True)],
        ),
        # ...and a dictionary person's surname in another transliteration is that person.
        (
            "The spokesman was clear.Zelenskij told reporters on Friday: “There is no war here, this is not the case.”",
            [("Volodymyr Zelensky", "There is no war", True)],
        ),
        # ...but not a plural the article also writes in the singular: "he" is never "Republicans".
        (
            "The Republican caucus met.Republicans said that the bill would fail.\n\nHe said that it was over.",
            [("Republicans", "the bill would fail", False)],
        ),
        # "His response was (the scornful) “…”": the possessor of a speech noun speaks.
        (
            "Officials offered Anna Berg a way out. Her response was the scornful “I need ammunition, not a ride”.",
            [("Anna Berg", "I need ammunition, not", True)],
        ),
        # A relative clause's cue: "…, who stated that …" is the person before it.
        (
            "The pledge was repeated by Anna Berg, who stated that the alliance would keep its door open.",
            [("Anna Berg", "the alliance would keep", False)],
        ),
        # "said this was “…”": reported speech with a quoted fragment; "this" is its subject.
        (
            "Halvorsen said this was “because of the worsening security situation” in the east.",
            [("Halvorsen", "this was “because of", False)],
        ),
        # A named listener after "told", then a clause: the listener is not part of what was said;
        # after "urged" what follows the object is no clause, and the object stays in it.
        (
            "Halvorsen told Radio Nord last month the plant had enough diesel for ten days. "
            "Halvorsen urged Norway to send more generators.",
            [("Halvorsen", "the plant had enough", False), ("Halvorsen", "Norway to send more", False)],
        ),
        # A listener after "advised" or "cautioned" belongs to what was said.
        (
            "Halvorsen cautioned citizens against travelling to the conflict zone in the east.",
            [("Halvorsen", "citizens against travelling to", False)],
        ),
        # When the cue was spoken is not part of what was said, with or without "that".
        (
            "Halvorsen said on Sunday he fully supported the decision to send more aid. Halvorsen told "
            "reporters last week the sanctions would stay. Halvorsen said last week's attack was a crime.",
            [("Halvorsen", "he fully supported the", False), ("Halvorsen", "the sanctions would stay", False)]
            + [("Halvorsen", "last week's attack was", False)],
        ),
        # "both" after two people: a joint statement, listed once per speaker.
        (
            "Stoltenberg met Zelensky in Kyiv. Both said the talks had been useful for the two countries.",
            [("Jens Stoltenberg", "the talks had been", False), ("Volodymyr Zelensky", "the talks had been", False)],
        ),
        # "continued to" says nothing: the quoted fragment ends the warning's reported clause.
        (
            "Halvorsen warned that if Norway continued to send arms, the response would be “tough and "
            "proportionate to the threats.”",
            [("Halvorsen", "if Norway continued to", False)],
        ),
        # A thought or a wish is no statement (the spec's rule), for the rules and the model alike.
        ("Stoltenberg believes the talks will fail within a month. He wants the allies to stay united.", []),
        # An ordinary word opening a sentence is no speaker: "Others said", "Now calls for".
        (
            "Some agreed with the plan. Others said the sanctions would not work at all. "
            "Now calls for air cover are growing louder across the region.",
            [],
        ),
        # ...nor a group nobody names, opening a sentence
        (
            "Corn prices rose around 1% to $6.87-1/2 a bushel in Chicago on Monday while soybean oil rose more "
            "than 2% to 73.36 cents per lb. Traders warned that hundreds of thousands of tonnes of wheat booked "
            "for delivery to Africa were at risk.",
            [],
        ),
        # ...not one separated by a sentence of the narrator's.
        (
            "“We will not give in,” Ortega said. The hall fell silent for a long time after the "
            "minister sat down and the chairman called the next item. “This is a dark day for all of us.”",
            [("Ortega", "We will not give", True)],
        ),
        # A quoted fragment inside reported speech: one reported statement, not a direct one.
        (
            "Halvorsen said that the government “has a clear plan” for the winter.",
            [("Halvorsen", "the government “has a", False)],
        ),
        # British single quotes in a paragraph without double ones.
        (
            "'This is a deliberate and long-planned attack,’ Halvorsen said.",
            [("Halvorsen", "This is a deliberate", True)],
        ),
        # After the cue, a state, a body and a title, then a person: the person speaks.
        (
            "“We are ready for talks,” said Russian Foreign Ministry spokeswoman Ines Varga.",
            [("Ines Varga", "We are ready for", True)],
        ),
        # A quantifier opens no name: "Most Republicans" and "Many Ukrainians" name no one...
        ("Most Republicans oppose the idea of sending troops to the region.", []),
        ("Many Ukrainians said that the convoy had been shelled.", []),
        # ...and "Another farmer, Halvorsen," is Halvorsen.
        (
            "Another farmer, Halvorsen, told reporters that the border was closed.",
            [("Halvorsen", "the border was closed", False)],
        ),
        # A state's officials are people nobody names; a body's analysts speak for it.
        ("Ukrainian officials said that the convoy had been shelled.", []),
        (
            "Varga Research analysts wrote in a note that the rouble would fall further.",
            [("Varga Research", "the rouble would fall", False)],
        ),
        # After "of" or "the" a cue's form is a noun: "the rights of states to choose" states nothing.
        ("The treaty guarantees the rights of states to choose their own alliances.", []),
        # A relative clause after a name and its aside: "NAME (D-Conn.), who tweeted, “…”".
        (
            "The plan drew a reply from Sen. Jane Roe (D-Conn.), who tweeted, “This is a bad idea for all of us.”",
            [("Jane Roe", "This is a bad", True)],
        ),
        # A name the dictionary lacks closes a description that began with a state: it speaks.
        (
            "The U.S. farmers' union the NFUA said on Monday that the new tariffs on grain were unfair.",
            [("NFUA", "the new tariffs on", False)],
        ),
        # A quote attributed to someone nobody names continues no one's statement.
        (
            "“We are ready for talks,” Halvorsen said. “There was no change in the dynamic,” said a senior "
            "official who briefed reporters.",
            [("Halvorsen", "We are ready for", True)],
        ),
        # When, between a conjunction and its cue: the sentence's subject still speaks.
        (
            "Germany had resisted the plan, but in recent days has signaled that it would support it.",
            [("Germany", "it would support it", False)],
        ),
        # A document "says" what its sender wrote: "the letter states" is whoever sent it, never the
        # one it was sent to ...
        (
            "Rep. Jane Roe, R-Ariz., founder of the caucus, sent a letter to Tom Halvorsen on Thursday. "
            "The letter to Halvorsen, obtained by a news site, says the rules are clear. "
            "“Congress must weigh every deployment,” the letter states.",
            [("Jane Roe", "the rules are clear", False), ("Jane Roe", "Congress must weigh every", True)],
        ),
        # ... and a document nobody is said to have sent speaks for no one ...
        ("“We will respond,” the statement said.", []),
        ("The letter to Tom Halvorsen, obtained by a news site, says the rules are clear.", []),
        # ... while one released by someone is theirs.
        (
            "The report, released by the Pentagon, said that Russia had massed troops.",
            [("United States", "Russia had massed troops", False)],
        ),
        # A news kicker before a colon is no speaker's turn.
        (
            "EXCLUSIVE: Lawmakers are reminding the president of their sole power to declare war.\n\n"
            "“Congress must decide,” Halvorsen said.",
            [("Halvorsen", "Congress must decide", True)],
        ),
        # A quote introduced by a colon after the one addressed is the subject's words.
        (
            "At the end, Ines Varga appealed directly to Tom Halvorsen: “You are the leader of your nation.”",
            [("Ines Varga", "You are the leader", True)],
        ),
        # A state's body after its possessive speaks for the state.
        (
            "Russia’s foreign ministry said that the talks had failed.",
            [("Russia", "the talks had failed", False)],
        ),
        (
            "Britain’s Ministry of Defence said on Sunday that the convoy had stalled.",
            [("United Kingdom", "the convoy had stalled", False)],
        ),
        (
            "Russia's Armed Forces said that the convoy had been shelled.",
            [("Russia", "the convoy had been", False)],
        ),
        # A leader's administration or government is the state the leader speaks for.
        (
            "The Biden administration has warned that Russia could invade within days.",
            [("United States", "Russia could invade within", False)],
        ),
        # A quote ending in "?" splits its attribution off as a sentence; however long, a sentence
        # that only says about what or where it was said is the quote's attribution.
        (
            "“Why would anyone trust the ceasefire now?” Marta Kowalczyk said about the talks in Istanbul "
            "and the border crossings.",
            [("Marta Kowalczyk", "Why would anyone trust", True)],
        ),
        # A clause that is none of the speaker's ("not everything the Kremlin says is false"), then
        # a comma: the speaker after it is not what the first cue's subject said.
        (
            "While not everything the Kremlin says is false, Tomas Berg, an analyst in Oslo, said Moscow "
            "was losing the argument at home.",
            [("Tomas Berg", "Moscow was losing the", False)],
        ),
        # "said about X that …": what was said follows "that"; "said about 300 …" is a number.
        (
            "Marta Kowalczyk said about the talks that nothing had been agreed so far.",
            [("Marta Kowalczyk", "nothing had been agreed", False)],
        ),
        (
            "Ines Varga said about 300 people were killed in the attack on the town.",
            [("Ines Varga", "about 300 people were", False)],
        ),
        # "with X saying: “…”": X speaks, not the subject of the clause before.
        (
            "Washington hit back at the claim, saying the troops used the plant as a shield, with Ines "
            "Varga saying: “Of course nobody can fire back at them.”",
            [("Ines Varga", "Of course nobody can", True)],
        ),
        # The agent of a passive is a pronoun's antecedent: "headed up by X and he …".
        (
            "The region is headed up by Tomas Berg and he revealed that inspectors would visit.",
            [("Tomas Berg", "inspectors would visit", False)],
        ),
        # "an official in the region told": "the region" inside the subject names no one.
        (
            "Ines Varga spoke on Monday. But an official in the region told reporters that the troops had left.",
            [],
        ),
        # A state's body named after it speaks for the state; "of Ukraine" alone is no one's name;
        # a central bank is named as itself.
        (
            "The Security Service of Ukraine said it had detained two agents.",
            [("Ukraine", "it had detained two", False)],
        ),
        (
            "The State Nuclear Regulatory Inspectorate of Ukraine said the shelling could spread radiation.",
            [("Ukraine", "the shelling could spread", False)],
        ),
        # A charge in the passive is its agent's statement; unnamed agents say nothing.
        (
            "Retreating Russian forces have been accused of killing civilians by Ukraine's foreign minister.",
            [("Dmytro Kuleba", "killing civilians", False)],
        ),
        ("The soldiers were accused of looting shops by residents of the town.", []),
        # "A did B, but X said on Thursday C": X said C, not A; a time after the cue, then a clause,
        # is what was said. A trailing attribution with a time alone still closes what it follows.
        (
            "Russian forces occupied the plant in February, but the state energy company, Energoatom, "
            "said on Thursday they had left the plant.",
            [("Energoatom", "they had left the", False)],
        ),
        (
            "The troops crossed the river at dawn, Ines Varga said on Monday.",
            [("Ines Varga", "The troops crossed the", False)],
        ),
        # A double prime typed for the closing mark closes the quote; a programme's title in
        # quotation marks is no one's words.
        (
            "“We have waited for years, and now it is time for action,″ Ines Varga told CNN’s “State of the Union.”",
            [("Ines Varga", "We have waited for", True)],
        ),
    ],
)
def test_direct_and_continued(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert statements(text) == expected


@pytest.mark.parametrize(
    ("text", "said", "not_said"),
    [
        (
            "The strike, which Kyiv said was carried out by Russian drones, destroyed a grain depot.",
            "was carried out by Russian drones",
            "destroyed",
        ),
        (
            "Ines Varga, who said the alliance would defend every border, arrived in Vilnius on Monday.",
            "the alliance would defend every border",
            "Vilnius",
        ),
    ],
)
def test_what_is_said_in_a_relative_clause_ends_with_the_clause(text: str, said: str, not_said: str) -> None:
    """The sentence's own predicate is the author's: its cues must not count as the speaker's."""
    _, _, quotes, _ = analyse_text(text)
    assert [q.text for q in quotes] == [said]
    assert not_said not in quotes[0].text


def test_a_lone_straight_mark_left_by_a_scraper_opens_no_quote() -> None:
    """Where a caption was cut out, two apostrophes stand alone between spaces: no quotation mark,
    so the next sentence is not read as quoted and the real quotes still pair up."""
    found = statements(
        "Ines Varga wrote that the minister is \"losing his nerve.\" '' She called his comments "
        '"rude, insulting and troublesome," noting he had said nothing new.'
    )
    assert ("Ines Varga", 'the minister is "losing', False) in found
    assert not any(words.startswith("She called") for _, words, _ in found)
    assert any(words.startswith("rude, insulting") for _, words, _ in found)


def test_a_pronoun_never_goes_to_a_name_inside_a_quote() -> None:
    text = "“Ortega starts with the port, but who is next?” he said."
    assert all(q[0] != "Ortega" for q in statements(text))


def test_a_pronoun_never_goes_to_the_object_of_a_preposition() -> None:
    text = "The talks with Ortega lasted an hour.\n\n“We made progress on every point,” he said."
    assert all(q[0] != "Ortega" for q in statements(text))


def test_beliefs_are_attributions_only_when_asked_for() -> None:
    from lib.actors import find_mentions, load_dictionary
    from lib.quotes import find_quotes
    from lib.text import split_sentences

    text = "Stoltenberg believes the talks will fail within a month."
    sentences = split_sentences(text)
    dictionary = load_dictionary()
    mentions = find_mentions(text, sentences, dictionary)
    assert find_quotes(text, sentences, mentions, dictionary) == []
    beliefs = find_quotes(text, sentences, mentions, dictionary, thoughts=True)
    assert [(q.speaker, q.text) for q in beliefs] == [("Jens Stoltenberg", "the talks will fail within a month")]


def test_a_medium_is_a_source_only_in_polnears_notion_of_attribution() -> None:
    from lib.actors import find_mentions, load_dictionary
    from lib.quotes import find_quotes
    from lib.text import split_sentences

    text = "On Monday, Axios reported that the convoy had been stopped at the border."
    sentences = split_sentences(text)
    dictionary = load_dictionary()
    mentions = find_mentions(text, sentences, dictionary)
    assert find_quotes(text, sentences, mentions, dictionary) == []
    attributions = find_quotes(text, sentences, mentions, dictionary, thoughts=True)
    assert [q.speaker for q in attributions] == ["Axios"]


def test_the_title_goes_to_the_most_salient_holder_named_with_it() -> None:
    text = (
        "Belarusian President Alexander Lukashenko met reporters in Minsk. Alexander Lukashenko "
        "spoke for an hour. He recalled a call from Vladimir Putin last week.\n\n"
        "The president stressed that it is necessary to stop the conflict while it is still possible."
    )
    assert ("Alexander Lukashenko", "it is necessary to", False) in statements(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 4. A tweet's credit line ends that tweet only.
        (
            "Earlier posts on the blog described the shelling.\n"
            "Our team is on the ground and will report as soon as it is safe to do so. "
            "— Jane Roe (@janeroe) March 4, 2022",
            [("Jane Roe", "Our team is on", True)],
        ),
        # 5. A transcript turn runs over its paragraphs; moderators and questions are skipped.
        (
            "MODERATOR: Thank you all for joining this call, which is on background.\n\n"
            "MS. ALVAREZ: Good afternoon. We have three announcements to make today about the aid.\n\n"
            "The second concerns the convoy that left this morning for the border crossing.\n\n"
            "Q Can you say how many trucks are in it?\n\n"
            "MS. ALVAREZ: About forty of them, and more will follow next week.",
            [("Ms. Alvarez", "Good afternoon. We have", True), ("Ms. Alvarez", "About forty of them,", True)],
        ),
        # 6. Dash dialogue, the statement continued after its cue, a speaker not in the dictionary.
        (
            "- Military action is possible - said Nowak - but nobody here wants it to happen.",
            [("Nowak", "Military action is possible", True)],
        ),
    ],
)
def test_shapes(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert statements(text) == expected


def test_a_transcript_turn_spans_its_paragraphs() -> None:
    text = (
        "MR. OKAFOR: Good morning. I want to start with the situation at the border.\n\n"
        "It has become worse overnight, and we are sending more help.\n\n"
        "MS. LINDQVIST: Thank you. I will add two points about the refugees."
    )
    _, _, quotes, _ = analyse_text(text)
    first = quotes[0]
    assert "sending more help" in first.text
    assert [q.cue for q in quotes] == ["transcript", "transcript"]


def test_a_lone_heading_with_a_colon_is_not_a_transcript() -> None:
    text = "Alliance: “We follow the build-up closely”\n\nThe alliance met on Monday to discuss the border situation."
    _, _, quotes, _ = analyse_text(text)
    assert all("met on Monday" not in q.text for q in quotes)


def test_a_credit_line_ends_its_tweet_and_the_next_post_is_read_on_its_own() -> None:
    text = (
        "We will rebuild every school that was hit. — Jane Roe (@janeroe) March 4, 2022 4 Mar 202209.15"
        "The mayor said the water supply would be restored by Sunday."
    )
    _, _, quotes, _ = analyse_text(text)
    tweet = next(q for q in quotes if q.cue == "tweet")
    assert tweet.speaker == "Jane Roe" and tweet.text == "We will rebuild every school that was hit."
    assert all("Jane Roe" not in q.text and "09.15" not in q.text for q in quotes)


def test_the_headline_reports_no_one_the_body_does() -> None:
    text = "Varga warns of gas cuts as talks stall\n\nInes Varga said on Monday that the cuts would start in May."
    assert statements(text) == [("Ines Varga", "the cuts would start", False)]


def test_no_statement_reaches_into_a_related_headline() -> None:
    text = (
        "‘The shelling did not stop’: families flee the southern portRead more Officials in the city said "
        "more than 300 people had left on Tuesday."
    )
    _, _, quotes, _ = analyse_text(text)
    assert all("Read more" not in q.text and "shelling did not stop" not in q.text for q in quotes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "As X said, …" and "In his view, …" frame a reported statement.
        (
            "Maria Olsen chaired the meeting. As Olsen said, the city will not accept the plan in its current form.",
            ("Maria Olsen", "the city will not"),
        ),
        (
            "Tomasz Nowak spoke after the vote. In his opinion, the open conflict can only break out if the border is crossed.",
            ("Tomasz Nowak", "the open conflict can"),
        ),
        # A statement closed by "- said X", the convention of translated text.
        (
            "The companies can be cut off from the software they need - said the trade secretary Anna Berg last week.",
            ("Anna Berg", "The companies can be"),
        ),
        # "said, however, that …"
        (
            "Former minister Karl Lindqvist said, however, that the sanctions had been felt in every sector.",
            ("Karl Lindqvist", "the sanctions had been"),
        ),
        # "The head of X, NAME, said": the person speaks, not the body in the description.
        (
            "The head of the International Atomic Energy Agency, Rafael Grossi, said the reactors were undamaged.",
            ("Rafael Grossi", "the reactors were undamaged"),
        ),
        # A hyphenated surname after the body the person serves keeps the whole name.
        (
            "The envoy to the U.N. Linda Thomas-Greenfield said that the vote would be held next week.",
            ("Linda Thomas-Greenfield", "the vote would be"),
        ),
        # A place and a title before a person the article knows by full name are not the name.
        (
            "Mayor Ivan Fedorov spoke at noon. Melitopol Mayor Ivan Fedorov, who left the city in March, "
            "said that the water supply had failed.",
            ("Ivan Fedorov", "the water supply had"),
        ),
        # A verdict in the passive: each actor after "by" said what follows "as".
        (
            "The votes in the occupied towns, denounced by Moldova and the West as a farce, ended on Sunday.",
            ("Moldova", "a farce"),
        ),
        # "It" after a state that spoke goes on with that speaker.
        (
            "After heavy losses in the south, Moldova said it would call up its reservists. "
            "It also warned that the border crossings would close.",
            ("Moldova", "the border crossings would"),
        ),
        # A body's document speaks for the body ("A Downing Street statement said").
        (
            "A Downing Street statement said the two leaders stressed the safety of the plant.",
            ("United Kingdom", "the two leaders stressed"),
        ),
        # "PM", "MP" are titles, not part of the name.
        (
            "PM Haddad urged the UN to provide food aid in March, pointing to the crisis.",
            ("Haddad", "the UN to provide"),
        ),
        # News in the present tense: "charges that", "concedes that" report speech as "said" does.
        (
            "Senator Ilse Brandt charges that the ministry hid the cost of the pipeline.",
            ("Ilse Brandt", "the ministry hid the"),
        ),
        # A place and a day ("Poltava Friday") are no one's name: "She" goes back to the person.
        (
            "Speaking in Kremenchuk, Poltava Friday, Olena Marchuk set out her plan for the shelters. "
            "She tweeted that the first ones would open within a week.",
            ("Olena Marchuk", "the first ones would"),
        ),
        # "The head of …, NAME, said on Twitter that …": the content is what follows "that"
        (
            "The head of Germany's network regulator, Klaus Mueller, said on Twitter that Gazprom had cut deliveries.",
            ("Klaus Mueller", "Gazprom had cut deliveries"),
        ),
        # "…, while X has vowed to drive …": an infinitive is X's own content, no trailing cue
        (
            "Moscow has demanded that Kyiv recognize its claim to the peninsula, while Ukraine has "
            "vowed to drive Moscow's forces from it.",
            ("Russia", "Kyiv recognize its claim"),
        ),
    ],
)
def test_reported_frames(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(speaker, words) for speaker, words, _ in statements(text)]


def test_the_vice_president_is_not_the_president() -> None:
    text = (
        "US Vice President Kamala Harris met President Volodymyr Zelensky in Munich.\n\n"
        "“We stand with you and we will keep our word,” the vice president said."
    )
    assert statements(text)[0][0] == "Kamala Harris"


def test_a_release_attributed_up_front_is_one_statement_of_its_speaker() -> None:
    text = (
        "The following statement is attributed to Press Secretary Dana Whitfield:\n\n"
        "Today the department approved a further package of assistance for the region.\n\n"
        "We will continue to work with our partners on every part of it."
    )
    _, _, quotes, _ = analyse_text(text)
    assert [(q.speaker, q.cue) for q in quotes] == [("Dana Whitfield", "statement attributed to")]
    assert quotes[0].text.endswith("every part of it.")


def test_a_joint_statement_is_listed_once_per_speaker() -> None:
    text = "“The talks must go on,” Maria Olsen and Foreign Minister Karl Lindqvist agreed on Monday."
    assert sorted(q[0] for q in statements(text)) == ["Karl Lindqvist", "Maria Olsen"]


def test_the_host_of_a_transcript_is_the_role_holder_whose_country_it_is_about() -> None:
    text = (
        "THE PRESIDENT: Good morning. I have just spoken with President Zelensky of Ukraine.\n\n"
        "The United States stands with the people of Ukraine. America and the United States Congress will act.\n\n"
        "Q Will there be more sanctions?\n\n"
        "THE PRESIDENT: The United States will announce them today, together with our allies."
    )
    _, _, quotes, _ = analyse_text(text)
    assert {q.speaker for q in quotes if q.cue == "transcript"} == {"Joe Biden"}


def test_the_government_speaks_for_the_state_named_with_it() -> None:
    text = (
        "Sanctions imposed by the Australian government came into force at midnight. Canberra has also closed "
        "its embassy.\n\n“These measures are directly aimed at the leadership,” the government said in a statement."
    )
    assert statements(text)[0][0] == "Australia"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A sentence in part quoted, attributed after: reported speech with a quoted fragment.
        (
            'Fighting in the dense streets would be "horrific, it would be terrible", Gen Ortega added.',
            ("Ortega", "Fighting in the dense", False),
        ),
        # A dash aside between the speaker and the cue.
        (
            "Russia - which has repeatedly denied planning an attack - calls the warnings from the west hysteria.",
            ("Russia", "the warnings from the", False),
        ),
    ],
)
def test_mixed_and_aside(text: str, expected: tuple[str, str, bool]) -> None:
    assert expected in statements(text)


def test_the_one_asked_answers() -> None:
    text = (
        "The interviewer Maria Olsen also asked Karl Lindqvist about the talks. "
        "He said he was “grateful for the work of both delegations over the weekend”."
    )
    assert [q[0] for q in statements(text) if q[1].startswith("he was")] == ["Karl Lindqvist"]


def test_dialogue_lines_go_to_the_speaker_the_text_introduced() -> None:
    text = (
        "Similar words were spoken in Moscow by the foreign minister Ivan Petrenko.- If it depends on us, "
        "there will be no war at all.\n\n- There will be no war on our part, under any circumstances."
    )
    assert [(q[0], q[2]) for q in statements(text) if q[1].startswith(("If it", "There will"))] == [
        ("Ivan Petrenko", True),
        ("Ivan Petrenko", True),
    ]


def test_a_header_the_dictionary_knows_keeps_its_canonical_name() -> None:
    _, _, quotes, _ = analyse_text("The talks went on.\n\nNATO: “We follow every movement at the border closely”")
    assert [q.speaker for q in quotes] == ["NATO"]


class _StubModel:
    """The learned pass's model, answering with fixed attributions (the merge rule under test)."""

    def __init__(self, found):
        self.found = found

    def attributions(self, text, sentences, mentions, *, covered=()):
        return self.found


def _model_says(monkeypatch, text, content, source, cue=None):
    from lib.quotes import crf
    from lib.quotes.crf import Attribution

    def span(words):
        return (text.index(words), text.index(words) + len(words)) if words else None

    found = Attribution(span(content), span(cue), span(source), 0, 0.95)
    monkeypatch.setattr(crf, "load_model", lambda path=None: _StubModel([found]))


@pytest.mark.parametrize(
    ("text", "content", "source", "expected"),
    [
        # A quote the rules could only continue from the statement before it goes to the source
        # the model names in its own sentence...
        (
            "“The budget is fine,” Halvorsen said. Anna Berg was blunt about the plan, and her "
            "reply was short: “We will not back down on this, not now and not later.”",
            "We will not back down on this, not now and not later.",
            "Anna Berg",
            ("Anna Berg", "We will not back"),
        ),
        # ...but not to a source in another sentence: there it is more often the next speaker.
        (
            "“The budget is fine,” Halvorsen said. “We will not back down on this, not now and not "
            "later.” The session went on into the night. Anna Berg left early.",
            "We will not back down on this, not now and not later.",
            "Anna Berg",
            ("Halvorsen", "We will not back"),
        ),
        # A source with a generic noun ("spokesman") that names its person: the person speaks.
        (
            "The Vatican spokesman, Federico Lombardi, was plain on Sunday: the pope would travel to Kyiv next month.",
            "the pope would travel to Kyiv next month",
            "The Vatican spokesman, Federico Lombardi",
            ("Federico Lombardi", "the pope would travel"),
        ),
    ],
)
def test_the_models_statements_and_the_rules(monkeypatch, text, content, source, expected):
    _model_says(monkeypatch, text, content, source)
    found = [(speaker, words) for speaker, words, _ in statements(text)]
    assert expected in found


def test_the_model_never_guesses_a_speaker_for_a_word_that_is_no_title(monkeypatch):
    """A source span such as "The most" names no one: the last person named does not speak."""
    text = "Putin has spoken of victory. The most pressing is the scale of the resources that Nato will commit."
    _model_says(monkeypatch, text, "the scale of the resources that Nato will commit", "The most")
    assert statements(text) == []


def test_the_subject_named_before_its_own_partners_speaks_by_the_rules():
    # "X and its allies say": X speaks, the partners are named by no one (the rules alone, no model).
    from lib.actors import find_mentions, load_dictionary
    from lib.quotes import find_quotes
    from lib.text import split_sentences

    dictionary = load_dictionary()
    for text, expected in [
        ("Moldova and its Western partners say the blockade is a provocation.", "the blockade is a provocation"),
        (
            "Moldova along with several of its neighbours told reporters that the blockade had failed.",
            "the blockade had failed",
        ),
        ("Moldova and other states have said that the blockade had failed.", "the blockade had failed"),
    ]:
        sentences = split_sentences(text)
        quotes = find_quotes(text, sentences, find_mentions(text, sentences, dictionary), dictionary, model=False)
        assert [(q.speaker, q.text) for q in quotes] == [("Moldova", expected)]


def test_it_is_no_speaker_when_no_state_or_body_spoke_or_acted_before_it():
    # "It" after a report, or after a state that only owns the subject, names no one.
    assert statements("The report was published on Monday. It said the war would last.") == []
    assert statements("Moldova's elections were held on Sunday. It said the vote was calm.") == []
