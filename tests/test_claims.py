import pandas as pd
import pytest

from reconcile.attribution import same_name
from reconcile.claims import canonical_names, extract_claims


def claims_of(text: str, outlet: str = "Al Jazeera") -> pd.DataFrame:
    articles = pd.DataFrame([{"id": "a", "outlet": outlet, "title": None, "date": None, "url": None,
                              "path": "a.md", "text": text}])
    return extract_claims(articles)


def speaker_table(text: str, outlet: str = "Al Jazeera") -> list[tuple]:
    claims = claims_of(text, outlet).claims
    return list(zip(claims["speaker"], claims["via"].map(tuple), claims["source"]))


def test_non_claims_are_skipped_with_a_reason():
    result = claims_of(
        "Protesters gather in Tel Aviv (Reuters - Archive)\n\n"
        "The delegation left Cairo on Tuesday after two days of talks.\n\n"
        "The American position\n\n"
        "Is a deal close?\n\n"
        "Source: Al Jazeera + agencies")
    assert result.claims["text"].tolist() == ["The delegation left Cairo on Tuesday after two days of talks."]
    assert result.claims["sentence"].tolist() == [2]
    assert result.skipped[["sentence", "why"]].values.tolist() == [
        [1, "photo caption or credit"], [3, "heading, not a claim"], [4, "question, not a claim"],
        [5, "source line, not a claim"]]


def test_attribution_patterns_of_the_founding_article():
    rows = speaker_table(
        "Israeli Channel 12 said that the delegation was leaving Cairo with no indication of progress. "
        "Channel 13 quoted an Israeli official as saying that the visit was a courtesy. "
        "The same channel also reported that there were major disagreements before the trip. "
        "Secretary of State Anthony Blinken stated that Washington is doing everything it can. "
        "He added that the administration is working with Egypt and Qatar. "
        "The talks ended without a statement, according to city officials. "
        "A meeting was held in Cairo on Tuesday with the CIA director.")
    assert rows == [
        ("Israeli Channel 12", ("Al Jazeera",), "Israeli Channel 12"),
        ("Israeli official", ("Channel 13", "Al Jazeera"), "Israeli official (via Channel 13)"),
        ("Channel 13", ("Al Jazeera",), "Channel 13"),
        ("Anthony Blinken", ("Al Jazeera",), "Anthony Blinken"),
        ("Anthony Blinken", ("Al Jazeera",), "Anthony Blinken"),
        ("city officials", ("Al Jazeera",), "city officials (via Al Jazeera)"),
        (None, (), "Al Jazeera"),
    ]


def test_the_outlet_speaking_for_itself_has_no_speaker():
    rows = speaker_table("Kan reported on Tuesday that the plan had been turned down.", outlet="Kan")
    assert rows == [(None, (), "Kan")]


def test_multi_sentence_quotation_takes_the_closing_speaker():
    rows = speaker_table('"The fire is contained. Nobody is missing," Ortiz said. The road reopened at noon.')
    assert [r[0] for r in rows] == ["Ortiz", "Ortiz", None]


def test_names_in_text_join_the_outlet_and_each_other():
    mapping = canonical_names(["Israeli Channel 12", "Cairo News Channel", "Blinken", "Anthony Blinken",
                               "Secretary of State Anthony Blinken", "Israeli official", "official"],
                              outlets=["Channel 12", "Cairo News"])
    assert mapping["Israeli Channel 12"] == "Channel 12"
    assert mapping["Cairo News Channel"] == "Cairo News"
    assert {mapping[n] for n in ("Blinken", "Anthony Blinken", "Secretary of State Anthony Blinken")} == {"Anthony Blinken"}
    assert "official" not in mapping  # anonymous speakers are never merged
    titled = canonical_names(["Ms Ortiz", "Lena Ortiz", "Mayor Ortiz"], outlets=[])
    assert set(titled.values()) == {"Lena Ortiz"}  # a title is no part of the name
    assert not same_name("Channel 12", "Channel 13")


def test_corpus_aliases_and_descriptions_make_one_source(tmp_path):
    from reconcile.load import load_aliases

    (tmp_path / "aliases.yaml").write_text("Dana Ortiz: [Chief D. Ortiz]\n", encoding="utf-8")
    aliases = load_aliases(tmp_path)
    rows = claims_of("Fire chief Dana Ortiz said the fire was contained by noon. "
                     "Chief D. Ortiz told reporters that two people were missing. "
                     "The fire chief added that the road would reopen on Monday.", outlet="AP").claims
    rows = extract_claims(pd.DataFrame([{"id": "a", "outlet": "AP", "title": None, "date": None, "url": None,
                                         "path": "a.md", "text": " ".join(rows["text"])}]), aliases).claims
    assert rows["speaker"].tolist() == ["Dana Ortiz"] * 3
    assert rows["description"].tolist() == ["Fire chief"] * 3


def test_relay_chain_nearest_first():
    rows = speaker_table("Cairo News quoted a senior Egyptian source as saying that the atmosphere was positive. "
                         "According to a Kastovian source quoted by Channel 13, the talks will resume on Sunday. "
                         "A senior official was quoted by Kan as saying the plan had been shelved. "
                         "Security officials told Axios that the crossing would reopen on Sunday morning.")
    assert [(speaker, via) for speaker, via, _ in rows] == [
        ("senior Egyptian source", ("Cairo News", "Al Jazeera")),
        ("Kastovian source", ("Channel 13", "Al Jazeera")),
        ("senior official", ("Kan", "Al Jazeera")),
        ("Security officials", ("Axios", "Al Jazeera")),
    ]


@pytest.mark.parametrize("text, speakers", [
    ("Superintendent Ian Cole of Northshire Police said 300 homes had been cleared. "
     "Most of them, he added, were empty by midnight. "
     "Vantor Logistics denied that its driver had been at fault. "
     "Kent Police said two men were held. "
     "In a statement, the company said two lorries had been involved. "
     "The force said the road reopened at noon. "
     "Open Streets, a transport campaign group, published a survey on Monday. "
     "According to the group, cycling rose by a third. "
     "It described the new lanes as a success.",
     ["Ian Cole",  # the title and the force describe him; they are not his name
      "Ian Cole",  # "Most of them, he added, ...": a parenthetical speech verb carries the speaker over
      "Vantor Logistics",
      "Kent Police",
      "Vantor Logistics",  # "the company": the company last quoted, never the police
      "Kent Police",  # "the force" is the police
      None,
      "Open Streets",  # "the group": the name the text introduced as a group
      "Open Streets"]),  # "described X as Y" states an assessment; "It" is the last speaker
    ("The ambulance service said crews were diverted.\n\n"
     "Sarah Jones, 64, arrived for an operation and was sent home. \"Nobody could open my notes,\" she said.\n\n"
     "Halvern Water has lifted the boil notice, the utility said on Friday. "
     "It has also told the regulator, according to a statement from the utility. "
     "Tomasz Wren said the gang was known. "
     "Amir Haddad, whose mother's hip replacement at Alder Vale has been put off twice, said the family "
     "had been given no new date.",
     ["ambulance service",
      None,
      "Sarah Jones",  # "she said" after a sentence about a named person: that person, not the last quoted
      "Halvern Water",  # "X has done Y, the utility said": the utility is X
      "Halvern Water",  # "a statement from the utility": the utility speaks, not the statement
      "Tomasz Wren",  # a first name the tagger leaves out of the person is still part of the name
      "Amir Haddad"]),  # the parser hangs the name on the relative clause; it opens the sentence, then a comma
])
def test_speakers_behind_titles_pronouns_and_descriptions(text, speakers):
    assert [speaker for speaker, _, _ in speaker_table(text, outlet="Test Wire")] == speakers


def test_a_title_and_the_body_describe_the_person():
    claims = claims_of("Superintendent Ian Cole of Northshire Police said 300 homes had been cleared.").claims
    assert (claims["speaker"].tolist(), claims["description"].tolist()) == (
        ["Ian Cole"], ["Superintendent of Northshire Police"])


def test_no_comment_lines_are_not_claims():
    result = claims_of("Acme did not immediately respond to a request for comment. "
                       "The firm could not be reached for comment on Sunday. "
                       "Police did not respond to the fire for three hours, residents said.")
    assert result.claims["text"].tolist() == ["Police did not respond to the fire for three hours, residents said."]
    assert result.skipped["why"].tolist() == ["no-comment line, not a claim"] * 2


@pytest.mark.parametrize("text, speakers", [
    # a whole quotation straight after an attributed one carries on its speaker, and so does a quotation
    # over two sentences that opens there (no proper-noun subject before them to introduce them)
    ('"The water came up to the windows," the mayor said by phone. "We lost everything in an hour." '
     'The pumps were restarted on Friday.\n\n'
     '"It was chaos," a nurse told the station. "Nobody told us to leave. Not one person came to the door." '
     'The ward reopened on Monday.',
     ["mayor", "mayor", None, "nurse", "nurse", "nurse", None]),
    # figures given as the subject's own: "put ... at", "revised ... upward to"
    ("The Geology Office put the magnitude of the tremor at 5.9. "
     "Regional police revised the number of injured upward to 31 on Sunday.",
     ["Geology Office", "Regional police"]),
    # a speech participle on the main verb: its subject speaks; figures speak for whoever issued them
    ("Minister Ada Kell rejected the report, telling reporters that no deal had been offered. "
     "According to preliminary figures from the Statistics Bureau, turnout was 61 percent. "
     "According to figures seen by Test Wire, the fund lost 40 million.",
     ["Ada Kell", "Statistics Bureau", None]),
])
def test_speakers_of_wire_copy(text, speakers):
    assert [speaker for speaker, _, _ in speaker_table(text, outlet="Test Wire")] == speakers


def test_a_dateline_is_no_speaker_and_no_part_of_the_content():
    claims = claims_of("OSTRAVEN, Kestria, Oct 3 (Test Wire) - Three people were hurt when a crane fell, "
                       "police said.", outlet="Test Wire").claims
    assert claims["speaker"].tolist() == ["police"]
    assert claims["content"].tolist() == ["Three people were hurt when a crane fell"]


@pytest.mark.parametrize("text, speakers", [
    # a trailing chain of appositions, which the small parser misreads: the person in it speaks
    ("Seven cars fell into the canal, among them a tanker, Chief Inspector Mark Hollis, a spokesman for the "
     "city police, told reporters late on Monday. "
     "The plant traced the leak to a valve bought from a supplier it did not name, a spokeswoman, Anna Berg, "
     "said by telephone. "
     "Three people were treated at the clinic, two of them children, the clinic's director, Dr Paul Weir, "
     "told the Gazette.",
     ["Mark Hollis", "Anna Berg", "Paul Weir"]),
    # a hyphen inside a name stays; "his office" is the office of the person named before it
    ("The team took no action, spokeswoman Nadia Ferreira-Lind said. "
     "Minister Tomas Reinholt will visit the site on Friday, his office said.",
     ["Nadia Ferreira-Lind", "office of Tomas Reinholt"]),
    # "with X saying": the noun phrase before the speech gerund speaks
    ("The tram went through the junction at speed, with branch secretary Piet Aaland saying the light was green.",
     ["Piet Aaland"]),
    # a report citing someone: the cited source speaks, through the outlet; citing a reason cites no one
    ("The inquiry will report in May, the public broadcaster MBC reported, citing a ministry official. "
     "A federation spokesman said the panel would meet in June, citing the confidentiality of the procedure.",
     ["ministry official", "federation spokesman"]),
])
def test_speakers_of_long_wire_sentences(text, speakers):
    assert [speaker for speaker, _, _ in speaker_table(text, outlet="Test Wire")] == speakers
