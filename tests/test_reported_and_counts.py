"""What a claim only mentions (module `reported`), and what a figure counts (`relate.numbers`)."""

import pytest

from reconcile import nlp
from reconcile.relate.base import ClaimView
from reconcile.relate.events import EventSignal
from reconcile.relate.negation import NegationSignal, asserted_words
from reconcile.relate.numbers import NumberSignal, extract_quantities, same_counted
from reconcile.relate.reported import ASSERTED, DENIED, MENTIONED, standing


def view(text: str, source: str = "S") -> ClaimView:
    return ClaimView(id=text[:10], text=text, source=source, doc=nlp.parser()(text))


def verb_standing(sentence: str, verb: str) -> str:
    return standing(next(token for token in nlp.parser()(sentence) if token.text == verb))


@pytest.mark.parametrize("sentence, verb, expected", [
    ("The coach laughed off the suggestion that the match had been fixed.", "fixed", MENTIONED),
    ("Earlier reports that the rebels had seized the depot have been denied by the army.", "seized", DENIED),
    ("The company dismissed claims that the mine had flooded.", "flooded", DENIED),
    ("Reports emerged on Sunday that the factory would shut in May.", "shut", ASSERTED),  # passed on
    ("The report said four climbers died on the ridge.", "died", ASSERTED),
    ("The mayor said it was not true that the bridge had been sold.", "sold", DENIED),
    ("It is false that the governor resigned on Friday.", "resigned", DENIED),
    ("The mayor said it was true that the bridge had been sold.", "sold", ASSERTED),
])
def test_standing_of_a_clause(sentence, verb, expected):
    assert verb_standing(sentence, verb) == expected


def test_asserted_words_leave_out_a_mentioned_clause():
    words = asserted_words(view("The coach laughed off the suggestion that the match had been fixed."))
    assert "coach" in words and "fix" not in words and "match" not in words


def test_a_mentioned_happening_is_no_side_of_a_negation():
    mentioned = view("The minister bristled at the suggestion that the contract had been signed.")
    assert EventSignal().compare(mentioned, view("No contract was signed.", "T"), 0.5) is None
    # the happening asserted outright does conflict, so the test above can fail
    asserted = view("The minister said the contract had been signed.")
    assert EventSignal().compare(asserted, view("No contract was signed.", "T"), 0.5).relation == "conflict"


def test_a_denial_phrased_as_scorn_is_no_assertion_for_a_denial_to_answer():
    scorn = view("The coach laughed off the suggestion that the match had been fixed by gamblers.")
    denial = view("The federation denied that the match had been fixed by gamblers.", "T")
    assert NegationSignal().compare(denial, scorn, 0.9) is None


@pytest.mark.parametrize("sentence, counts", [
    ("The ministry put the number of flights cancelled at about 300.", "flight"),  # the tally's "of" noun
    ("Organisers estimated turnout at about 17,000.", "turnout"),  # the object, not the subject
    ("Cancellations rose to 1,500 by the evening.", "cancellation"),
    ("The ash column reached some 12 km.", "kilometre"),  # one unit, however spelled
    ("The ash column climbed 20 kilometres.", "kilometre"),
])
def test_what_a_figure_counts(sentence, counts):
    assert [q.counts for q in extract_quantities(nlp.parser()(sentence))] == [counts]


def test_a_tally_figure_conflicts_with_a_plain_count_of_the_same_thing():
    finding = NumberSignal().compare(view("The ministry put the number of flights cancelled at about 300."),
                                     view("Nearly 800 flights were cancelled.", "T"), 0.8)
    assert finding is not None and finding.relation == "conflict"


def test_a_count_that_rose_to_a_figure_is_no_rival_of_a_lower_one():
    rose = view("The number of ships waiting rose to 47.")
    finding = NumberSignal().compare(rose, view("About 35 ships were waiting.", "T"), 0.9)
    assert finding is None or finding.relation == "revision"
    grew = view("The queue of ships grew to 47.")  # no revision word: still no conflict
    assert NumberSignal().compare(grew, view("About 35 ships were in the queue.", "T"), 0.9) is None
    # without the rise the same two figures do clash
    stood = view("The number of ships waiting stood at 47.")
    assert NumberSignal().compare(stood, view("About 35 ships were waiting.", "T"), 0.9).relation == "conflict"


def test_same_counted_reads_states_of_one_family():
    assert same_counted("patient (move)", "patient (transfer)")  # lexicon happening_kin: one act
    assert not same_counted("patient (move)", "patient (treat)")
    assert not same_counted("patient", "patient (move)")  # a state on one side only may be another count


def test_two_claims_that_both_say_no_agree_whatever_the_form_of_their_no():
    # "avoid doing" does not do it; a noun under "no" takes its verbs with it; a clause called untrue
    for negating, other in [
        ("Drivers should not use the old ramp during the works.", "Drivers should avoid using the old ramp during the works."),
        ("The clinic does not have the staff to test for the virus.", "There are no nurses at the clinic that have the training to test for the virus."),
    ]:
        assert NegationSignal().compare(view(negating, "A"), view(other, "B"), 0.9) is None
    # the same pair with the other side asserting it conflicts, so the checks above can fail
    finding = NegationSignal().compare(view("Drivers should not use the old ramp during the works.", "A"),
                                       view("Drivers should use the old ramp during the works.", "B"), 0.9)
    assert finding is not None and finding.relation == "conflict"


def test_a_clause_called_untrue_is_denied_not_asserted():
    theft = view("Police said the mayor's car had been stolen from the depot.", "Police")
    untrue = view("A spokesman said it was not true that the mayor's car had been stolen.", "Office")
    also_no = view("The mayor's car had not been stolen, his office said.", "Office2")
    assert EventSignal().compare(theft, also_no, 0.6) is not None  # asserted against negated
    assert EventSignal().compare(untrue, also_no, 0.6) is None  # both say it was not stolen


def test_a_negation_that_dates_a_happening_does_not_deny_it():
    opened = view("The gates opened at noon, police said.", "Police")
    assert EventSignal().compare(opened, view("The gates had not opened until a quarter past two.", "Club"), 0.5) is None
    assert EventSignal().compare(opened, view("The gates had not opened sooner because of the checks.", "Club"), 0.5) is None
    assert EventSignal().compare(opened, view("The gates had not opened, the club said.", "Club"), 0.5) is not None


def test_happenings_of_differently_named_people_are_two_events():
    first = view("The rebel commander Ivo Marsk has not been arrested, his lawyer said.", "Lawyer")
    second = view("Police said the rebel commander Petar Lind was arrested at dawn.", "Police")
    assert EventSignal().compare(first, second, 0.6) is None
    same = view("Police said the rebel commander Ivo Marsk was arrested at dawn.", "Police")
    assert EventSignal().compare(first, same, 0.6) is not None



def counted(sentence: str) -> list[tuple[str, str, bool]]:
    return [(q.text, q.counts, q.part) for q in extract_quantities(nlp.parser()(sentence))]


def test_people_who_took_part_counted_in_another_state_are_no_turnout():
    assert ("two participants", "participant (die)", False) in counted("The company said two participants had died during the study.")
    assert ("12 protesters", "protester (arrest)", False) in counted("Police arrested 12 protesters outside the embassy.")
    assert ("About 5,000 protesters", "turnout", False) in counted("About 5,000 protesters marched to the embassy.")
    # and a group killed is no toll of the event: "killing six soldiers" is no rival of "eight people were killed"
    assert counted("Militants ambushed a patrol, killing six soldiers.")[0][1] != "dead"


def test_a_number_of_the_group_is_a_part_however_it_is_parsed():
    assert counted("Seven of the injured remain in hospital, two of them in a critical condition, she added.")[0][2]
    assert not counted("Seven people were injured in the crash, she added.")[0][2]
    assert counted("Ambassador Lena Brock and three other diplomats were killed in the attack.")[0][2]
    assert not counted("Three other diplomats were killed in the attack.")[0][2]


def test_figures_of_two_days_are_no_rivals():
    monday = view("The airline said it cancelled 312 flights on Monday because of the strike.", "Airline")
    tuesday = view("The ministry said 194 flights were cancelled on Tuesday because of the strike.", "Ministry")
    also_monday = view("The ministry said 194 flights were cancelled on Monday because of the strike.", "Ministry")
    assert NumberSignal().compare(monday, tuesday, 0.9) is None
    finding = NumberSignal().compare(monday, also_monday, 0.9)
    assert finding is not None and finding.relation == "conflict"


def test_an_interval_after_one_happening_is_timed_to_what_the_main_clause_says():
    read, began = (counted(s)[0][1] for s in (
        "The chairwoman read out the final figures almost 23 hours after the polls had closed.",
        "The commission began releasing partial results five hours after polls closed on Sunday."))
    assert read != began and not same_counted(read, began)


def test_an_assessment_word_that_dates_by_another_episode_judges_nothing():
    from reconcile.relate.assessment import AssessmentSignal
    constructive = view("The minister called the session constructive and useful for the talks.", "Minister")
    for other in ("The session was the first meeting since the talks collapsed last weekend.",
                  "The deputy, who led the team in the round that collapsed at the weekend, was absent from the talks.",
                  "The session, the first since the breakdown of the talks, ended late."):
        assert AssessmentSignal().compare(constructive, view(other, "Union"), 0.5) is None, other
    finding = AssessmentSignal().compare(constructive, view("The talks collapsed on Monday, the union said.", "Union"), 0.5)
    assert finding is not None and finding.relation == "conflict"  # the same word, said of these talks


def test_a_claim_of_conflicting_reports_is_no_side_of_a_denial():
    denial = view("An official denied on Wednesday that the woman was the commander's sister.", "Official")
    open_claim = view("There have been conflicting reports as to whether the woman was the commander's sister.", "Outlet")
    assert NegationSignal().compare(denial, open_claim, 0.9) is None
    asserted = view("Reports said on Tuesday that the woman was the commander's sister.", "Outlet")
    assert NegationSignal().compare(denial, asserted, 0.9) is not None  # the gate is the cue, not the pair
