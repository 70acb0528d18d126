"""Content apart from the frame, background claims, revisions, events and typed facts: each on
sentences of our own."""

import pandas as pd
import pytest

from reconcile import nlp
from reconcile.background import is_background
from reconcile.content import claim_contents
from reconcile.facts import disputed_slots, extract_facts
from reconcile.relate.base import CONFLICT, REVISION, ClaimView
from reconcile.relate.events import EventSignal
from reconcile.relate.negation import NegationSignal
from reconcile.relate.numbers import NumberSignal


@pytest.mark.parametrize("sentence, content", [
    ("KESSOR, June 4 (Valley Wire) - Eleven people were hurt when the roof gave way, the fire brigade said.",
     "Eleven people were hurt when the roof gave way"),
    ("The number of dead rose to 25, a hospital official told state television on Tuesday.", "The number of dead rose to 25"),
    ("According to two people familiar with the talks, the mediator will stay in the capital.",
     "the mediator will stay in the capital."),
    ("The toll, a spokesman for the coastguard said, had doubled overnight.", "The toll had doubled overnight."),
    ("The governor said that the bridge would reopen within a month.", "the bridge would reopen within a month"),
    # a frame that takes a stance is part of the claim
    ("The company denied that any customer data had been taken.", "The company denied that any customer data had been taken."),
    # too little left: the whole sentence
    ("He said it was over.", "He said it was over."),
])
def test_content_is_the_claim_without_its_reporting_frame(sentence, content):
    assert claim_contents([sentence]) == [content]


@pytest.mark.parametrize("sentence, date, expected", [
    ("A similar blaze at the depot killed two workers.", "2025-05-01", True),
    ("The 2011 collapse at the same pit killed nine miners.", "2025-05-01", True),
    ("Nine miners were killed in the collapse on Monday.", "2025-05-01", False),
    ("The plant opened in 2025 and employs 300 people.", "2025-05-01", False),
    ("The group killed 67 people in an attack on a shopping mall last September.", None, True),
    ("The last may well be the hardest to find.", None, False),
])
def test_background_claims_are_about_another_or_an_earlier_event(sentence, date, expected):
    assert is_background(sentence, date) is expected


def test_figures_beside_a_year_are_not_set_against_figures_beside_none():
    # an undated corpus (real news) cannot tag the year as background, but the figure is tied to it
    siege = view("a:1", "The group's siege of a mall in September 2013 killed 67 people.", "A")
    strike = view("b:1", "Six people were killed in the strike.", "B")
    assert NumberSignal().compare(siege, strike, 0.6) is None
    # a year closing a full date may date the event itself: still compared
    dated = view("c:1", "Nine people were killed in the strike on 14 October 2025.", "C")
    assert NumberSignal().compare(dated, strike, 0.6).relation == CONFLICT


def view(claim_id, text, source, when=()):
    return ClaimView(claim_id, text, source, nlp.parser()(text), when=when)


def test_a_later_figure_that_says_it_revises_is_a_revision_not_a_conflict():
    earlier = view("a:1", "Eight people died in the landslide above the village.", "Police", ("2025-05-01", "a", 1))
    later = view("b:1", "The number of people who died in the landslide has risen to 13.", "Red Cross",
                 ("2025-05-02", "b", 1))
    finding = NumberSignal().compare(earlier, later, 0.6)
    assert finding.relation == REVISION and "then" in finding.reason and "(2025-05-02)" in finding.reason
    plain = view("c:1", "Thirteen people died in the landslide above the village.", "Red Cross", ("2025-05-01", "c", 1))
    assert NumberSignal().compare(earlier, plain, 0.6).relation == CONFLICT


def test_a_count_raised_by_whoever_gave_it_is_a_revision():
    earlier = view("a:1", "Police said 30 people had been arrested during the night.", "Police", ("2025-05-01", "a", 1))
    later = view("b:1", "Police on Friday raised the number of people arrested during the night to 52.", "City police",
                 ("2025-05-02", "b", 1))
    assert NumberSignal().compare(earlier, later, 0.6).relation == REVISION


def test_a_death_count_of_some_people_that_grows_on_a_later_day_is_a_revision():
    earlier = view("a:1", "One runner died after collapsing in the heat.", "Ambulance service", ("2025-06-15", "a", 1))
    later = view("b:1", "Two runners died after Sunday's marathon.", "Broadcaster", ("2025-06-18", "b", 1))
    assert NumberSignal().compare(earlier, later, 0.8).relation == REVISION
    same_day = view("c:1", "Two runners died after Sunday's marathon.", "Broadcaster", ("2025-06-15", "c", 1))
    assert NumberSignal().compare(earlier, same_day, 0.8).relation == CONFLICT


def test_event_measures_of_two_places_are_not_set_against_each_other_at_low_similarity():
    town = view("a:1", "In Tarvik, four people died when the river burst its banks.", "Mayor")
    province = view("b:1", "Across Ossland, 23 people died in the floods.", "Governor")
    assert NumberSignal().compare(town, province, 0.3) is None


@pytest.mark.parametrize("asserting, negating, conflict", [
    ("The two delegations signed a memorandum on fishing rights.", "No document was signed at the meeting.", True),
    ("Some 400 residents were evacuated from the valley.", "No one was evacuated from the valley.", True),
    ("The union signed the offer.", "The employers did not sign the offer.", False),  # two parties
    ("Police fired tear gas at the crowd.", "Police did not fire rubber bullets.", False),  # two objects
    # verbs of one family (lexicon happening_kin) done to one named thing
    ("Officers detained the ship's master on Tuesday.", "The ship's master has not been arrested.", True),
    # a kindred verb done to another thing is another happening
    ("Officers detained the ship's master on Tuesday.", "The ship's owner has not been arrested.", False),
])
def test_a_happening_asserted_and_negated_conflicts_whatever_the_similarity(asserting, negating, conflict):
    finding = EventSignal().compare(view("a:1", asserting, "A"), view("b:1", negating, "B"), 0.1)
    assert (finding is not None and finding.relation == CONFLICT) is conflict


def test_a_negated_word_whose_opposite_the_other_asserts_is_no_conflict():
    closed = view("a:1", "Three schools near the depot stayed closed on Thursday.", "Council")
    not_open = view("b:1", "Three schools near the depot did not open on Thursday.", "Radio")
    assert NegationSignal().compare(closed, not_open, 0.9) is None


def test_facts_are_typed_and_a_row_with_conflicting_claims_is_disputed():
    claims = pd.DataFrame({
        "id": ["a:1", "b:1", "c:1"], "story": ["s1"] * 3, "source": ["Police", "Hospital", "Mayor"],
        "content": ["Eight people were killed in the blast", "Eleven people died in the explosion",
                    "The response was chaotic"],
        "asserted": [True, True, True], "background": [False, False, False]})
    facts = extract_facts(claims)
    assert set(zip(facts["claim"], facts["slot"])) >= {("a:1", "dead"), ("b:1", "dead")}
    assert any(slot.startswith("assessment") for slot in facts["slot"])
    pairs = pd.DataFrame({"a": ["a:1"], "b": ["b:1"], "relation": ["conflict"]})
    assert disputed_slots(facts, pairs) == {("s1", "dead")}


@pytest.mark.parametrize("first, second", [
    ("Twenty-one miners were trapped below ground after the roof fell.", "Forty miners reached the surface unhurt."),
    ("The rain gauge recorded 90 millimetres in 24 hours.", "The river has been falling for two days."),
    ("Lanmark, one of the largest lenders, said it was unaffected.", "At least three lenders said they were affected."),
])
def test_counts_of_different_things_are_not_set_against_each_other(first, second):
    assert NumberSignal().compare(view("a:1", first, "A"), view("b:1", second, "B"), 0.8) is None


def test_a_toll_higher_on_a_later_day_is_an_update_not_a_conflict():
    monday = view("a:1", "Five people died in the floods.", "Police", ("2025-04-07", "a", 1))
    tuesday = view("b:1", "Nine people died in the floods.", "Red Cross", ("2025-04-08", "b", 1))
    same_day = view("c:1", "Nine people died in the floods.", "Red Cross", ("2025-04-07", "c", 1))
    assert NumberSignal().compare(monday, tuesday, 0.8).relation == REVISION
    assert NumberSignal().compare(monday, same_day, 0.8).relation == CONFLICT


def test_an_assessment_word_judges_only_what_its_dimension_assesses():
    from reconcile.relate.assessment import AssessmentSignal

    mine = view("a:1", "The collapse at the colliery trapped the night shift.", "A")
    rescue = view("b:1", "Rescue teams were making good progress underground.", "B")
    talks = view("c:1", "The talks collapsed after an hour.", "C")
    upbeat = view("d:1", "The talks made real progress, the mediator said.", "D")
    assert AssessmentSignal().compare(mine, rescue, 0.5) is None
    assert AssessmentSignal().compare(talks, upbeat, 0.5).relation == CONFLICT


@pytest.mark.parametrize("hypothetical", [
    "The company would not sign the offer.",
    "He expected no customer to be left out of pocket.",
    "Unless the company signed the offer, the strike would go on.",
])
def test_a_happening_that_is_only_hoped_feared_or_conditional_is_no_event(hypothetical):
    asserted = view("a:1", "The company signed the offer on Monday.", "A")
    assert EventSignal().compare(asserted, view("b:1", hypothetical, "B"), 0.5) is None


def test_a_claim_that_doubts_a_report_agrees_with_its_denial():
    denial = view("a:1", "The ministry denied reports that the dam had burst.", "Ministry")
    doubt = view("b:1", "Several outlets raised doubts over reports that the dam had burst.", "Wire")
    assertion = view("c:1", "The dam burst shortly after midnight.", "Police")
    assert NegationSignal().compare(denial, doubt, 0.9) is None
    assert NegationSignal().compare(denial, assertion, 0.9).relation == CONFLICT


def test_figures_with_no_noun_saying_what_they_count_are_not_set_against_each_other():
    first = view("a:1", "The watch will start at $349 in the spring.", "A")
    second = view("b:1", "The watch will start at $500 in the spring.", "B")
    assert NumberSignal().compare(first, second, 0.95) is None


@pytest.mark.parametrize("first, second", [
    ("The ministry denied reports that the dam had burst.", "The water authority said the reports that the dam had burst were unfounded."),
    ("The ministry denied that the dam had burst.", "The dam did not burst, the engineers said."),
    ("The ministry denied that the dam had burst.", "The mayor dismissed the reports of a burst dam as a hoax."),
    ("The laboratories do not have the means to test for the virus.",
     "The virus could be anywhere, including the city, where they do not have the means to test for it."),
    ("The channel has not verified the recording.", "The channel aired the recording but was unable to verify it."),
    ("The rebels denied that a truce had been signed.", "The rebel leader laughed off the reports of a truce."),
])
def test_two_claims_that_both_say_no_agree_whatever_their_words(first, second):
    assert NegationSignal().compare(view("a:1", first, "Ministry"), view("b:1", second, "Other"), 0.9) is None


@pytest.mark.parametrize("open_claim", [
    "It was not clear whether the dam had burst.",
    "The ministry would neither confirm nor deny that the dam had burst.",
    "Engineers are investigating reports that the dam had burst.",
])
def test_a_claim_that_leaves_the_matter_open_is_no_side_of_a_denial(open_claim):
    assertion = view("a:1", "The dam had burst shortly after midnight.", "Police")
    assert NegationSignal().compare(assertion, view("b:1", open_claim, "Other"), 0.9) is None


def test_a_denial_conflicts_only_with_a_claim_about_what_it_denies():
    denial = view("a:1", "The rebels denied claims by the government that they had agreed to a truce.", "Rebels")
    # shares the denier's frame (the government, the rebels), not what is denied
    unrelated = view("b:1", "The rebels and the government traded fire on Friday, the army said.", "Wire")
    about_it = view("c:1", "The rebels agreed to a truce on Friday.", "Government")
    assert NegationSignal().compare(denial, unrelated, 0.6) is None
    assert NegationSignal().compare(denial, about_it, 0.6).relation == CONFLICT


@pytest.mark.parametrize("first, second", [
    # refusing a request is no denial of a claim
    ("The lawyer denied repeated requests to interview his client.", "The lawyer refused to let his client speak to the paper."),
    # a claim that reports a third party's denial is the claimant's claim, not a denial by the claimant
    ("A senator claimed that ten smugglers were caught, though an official denied it.",
     "Ten smugglers were caught at the border, the senator said on the radio."),
])
def test_what_is_not_a_denial_by_the_claims_source(first, second):
    assert NegationSignal().compare(view("a:1", first, "A"), view("b:1", second, "B"), 0.85) is None


def test_a_negation_contradicts_only_the_predicate_it_negates():
    negating = view("a:1", "Officials were not commenting on the reports about the father.", "Officials")
    other = view("b:1", "The father was extradited from the capital in 2012, the reports said.", "Wire")
    assert NegationSignal().compare(negating, other, 0.85) is None
    closed = view("c:1", "The mine is closed after the accident.", "Union")
    assert NegationSignal().compare(view("d:1", "The mine is not closed after the accident.", "Owner"), closed, 0.9
                                    ).relation == CONFLICT


@pytest.mark.parametrize("part, total", [
    ("Another three people died in the clashes.", "Six people died in the clashes."),
    ("A further 12 people were injured in the clashes.", "Forty people were injured in the clashes."),
    ("Seventeen of the missing students were killed.", "Forty-three students went missing."),
    ("She spent two more days in hospital.", "She spent a day in hospital."),
])
def test_an_increment_or_a_share_is_no_rival_total(part, total):
    assert NumberSignal().compare(view("a:1", part, "A"), view("b:1", total, "B"), 0.8) is None


def test_ages_and_money_forms_are_read_for_what_they_are():
    girl, boy = view("a:1", "A 9-year-old girl was found alive.", "A"), view("b:1", "A 12-year-old boy was found alive.", "B")
    assert NumberSignal().compare(girl, boy, 0.9) is None  # two people's ages, not two durations
    us = view("c:1", "The group will file a $US200 million lawsuit.", "C")
    plain = view("d:1", "The group will file a $200 million lawsuit.", "D")
    assert NumberSignal().compare(us, plain, 0.95).relation == "corroborate"


@pytest.mark.parametrize("text, times", [
    ("Crews were still at the scene by late afternoon on Wednesday.", []),  # "afternoon" is no "after noon"
    ("10.05am: officers clear the square.", []),  # no "05am" inside "10.05am"
    ("11:56 am Police name the suspect in the shooting.", []),  # a live blog's time stamp
    ("The blast came at 11:56 am, the police said.", ["at 11:56 am"]),
])
def test_clock_times_are_times_of_what_the_text_reports(text, times):
    from reconcile.relate.times import clock_times

    assert [time.text for time in clock_times(text)] == times


@pytest.mark.parametrize("tally, toll", [
    ("Some 2,000 civilians have been killed by the insurgents this year.", "Eight people were killed in the attack."),
    ("Around 100,000 people have died in gang violence since 2007.", "Six people were killed in the attack."),
    ("The surgeon removed one lump near the tail and another from the fin.", "The surgeon removed two lumps."),
])
def test_a_tally_over_a_period_or_a_list_is_no_rival_of_a_measure_of_the_event(tally, toll):
    assert NumberSignal().compare(view("a:1", tally, "A"), view("b:1", toll, "B"), 0.8) is None


@pytest.mark.parametrize("text, window", [
    ("Part of the bridge fell shortly after a quarter past six on Tuesday evening.", (18 * 60 + 15, 18 * 60 + 45)),
    ("The camera log shows the deck falling at 5.41pm.", (17 * 60 + 41, 17 * 60 + 41)),
    ("They were out before 11 o'clock on Monday night.", (21 * 60, 23 * 60)),
    ("The airport closed at 04:30 on Tuesday.", (4 * 60 + 30, 4 * 60 + 30)),
    ("The count went on until ten to four in the morning.", (3 * 60 + 50, 3 * 60 + 50)),
])
def test_clock_times_in_words_dots_and_24_hours(text, window):
    from reconcile.relate.times import clock_times

    (time,) = clock_times(text)
    assert (time.low, time.high) == window


def test_a_time_no_word_places_in_the_day_is_of_either_half_and_differs_only_when_both_readings_do():
    from reconcile.relate.times import _overlap, clock_times

    (spoken,) = clock_times("The meeting ended at half past six.")
    (bare,) = clock_times("The gates were opened at 1:15, the operator said.")
    assert spoken.either_half and (spoken.low, bare.low) == (390, 75)
    (evening,) = clock_times("It ended at 6:30 p.m.")
    (other,) = clock_times("It ended at 7:10 a.m.")
    assert _overlap(spoken, evening)  # 18:30 is one reading of "half past six"
    assert not _overlap(spoken, other)  # neither 6:30 nor 18:30
    (window,) = clock_times("The men got out between 2:30 and 3:15 on Tuesday morning.")
    assert (window.low, window.high, window.either_half) == (150, 195, False)
    (late,) = clock_times("Shots were heard between 10 p.m. and midnight.")
    assert (late.low, late.high) == (1320, 1440)


@pytest.mark.parametrize("text", [
    "Voting ran from five to six in the evening.",  # a range
    "Five to six people were hurt in the evening blast.",  # a count
])
def test_words_that_are_no_time_of_day_are_not_read_as_one(text):
    from reconcile.relate.times import clock_times

    assert clock_times(text) == []


@pytest.mark.parametrize("text, counts", [
    ("Regional police revised the number of injured upward to 31 on Sunday.", "injured"),
    ("Police put the death toll at 47 on Monday.", "dead"),
    ("The ministry raised the number of dead to 12.", "dead"),
])
def test_a_tally_given_by_a_verb_counts_what_the_tally_counts(text, counts):
    from reconcile import nlp
    from reconcile.relate.numbers import extract_quantities

    assert [quantity.counts for quantity in extract_quantities(nlp.parser()(text))] == [counts]


def test_a_date_after_a_weekday_stays_in_the_content():
    from reconcile.content import claim_contents

    [content] = claim_contents(["Mediated talks will resume on Monday, 17 November, a Labour Ministry spokeswoman "
                                "said on Friday, as exporters stepped up pressure."])
    assert content == "Mediated talks will resume on Monday, 17 November"
