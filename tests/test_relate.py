import numpy as np
import pandas as pd
import pytest

from reconcile import nlp
from reconcile.cluster import Clustering
from reconcile.relate import relate
from reconcile.relate.assessment import AssessmentSignal, assessments
from reconcile.relate.base import ClaimView
from reconcile.relate.negation import NegationSignal
from reconcile.relate.numbers import NumberSignal, extract_quantities


def view(text: str, source: str = "S") -> ClaimView:
    return ClaimView(id=text[:10], text=text, source=source, doc=nlp.parser()(text))


@pytest.mark.parametrize("first, second, similarity, expected", [
    ("Fire chief Dana Ortiz said 12 people were killed.", "The hospital said 19 people had died.", 0.4,
     "12 people vs 19 people"),
    ("The call lasted about 45 minutes.", "The call lasted only about 20 minutes.", 0.8, "45 minutes"),
    ("Netanyahu offers three prisoners for each hostage.", "Israel offers five prisoners for every hostage.", 0.7,
     "three prisoners vs five prisoners"),
    ("Police said some 3,000 residents had been evacuated.", "The mayor said about 900 people were evacuated.", 0.35,
     "some 3,000 residents vs about 900 people"),
    # crowd sizes are a measure of the event, compared across a topic
    ("Police estimated that about 6,000 people took part.", "Organisers said more than 30,000 people had taken part.",
     0.35, "about 6,000 people vs more than 30,000 people"),
    ("Tens of thousands of protesters marched on Sunday.", "Police said some 5,000 protesters marched.", 0.6,
     "tens of thousands of protesters vs some 5,000 protesters"),
])
def test_numbers_that_cannot_both_hold_conflict(first, second, similarity, expected):
    finding = NumberSignal().compare(view(first), view(second), similarity)
    assert finding is not None and finding.relation == "conflict" and expected in finding.reason


@pytest.mark.parametrize("first, second, similarity, reason", [
    ("At least 15 people were injured.", "17 people were injured in the crash.", 0.8,  # the bound holds
     "numbers consistent: At least 15 people and 17 people"),
    ("Hamas demands the release of thousands of prisoners.", "Israel offers three prisoners for each hostage.", 0.7,
     None),  # a total and a rate: different things
    # the eight clashes with six, but the six agrees: a total beside a part
    ("Six of the train's eight carriages left the rails.", "Six carriages derailed.", 0.8,
     "both give Six carriages"),
    ("Netanyahu offers three prisoners for each hostage.", "Israel is offering 3 prisoners per hostage.", 0.7,
     "numbers match: three prisoners and 3 prisoners"),
    ("Six of the train's eight carriages left the rails.", "Six carriages derailed.", 0.45, None),  # not one point
    ("The call lasted about 45 minutes.", "The call lasted 20 minutes.", 0.3, None),  # too far apart to be one point
    # numbers in words are one number however they are spelt
    ("Two hundred and fourteen operations have been postponed.", "The trust said 214 operations were postponed.",
     0.8, "numbers match: Two hundred and fourteen operations and 214 operations"),
    # "twenty-three" is one number, and at least 20 holds with it
    ("Twenty-three people were arrested after the match.", "At least 20 people were arrested.", 0.8,
     "numbers consistent: Twenty-three people and At least 20 people"),
    # clock readings are for the time signal: "after 9" and "around 11" are no consistent counts
    ("A witness said the blast came at around 11 p.m.", "Police said the explosion happened shortly after 9 p.m.",
     0.6, None),
])
def test_numbers_that_can_both_hold_never_conflict_and_agree_when_one_point(first, second, similarity, reason):
    finding = NumberSignal().compare(view(first), view(second), similarity)
    assert (finding.reason if finding else None) == reason
    assert finding is None or finding.relation == "corroborate"


@pytest.mark.parametrize("first, second, similarity, reason", [
    ('Tom Fenwick said the rescue had been "chaotic and slow".',
     "A councillor said the operation had been chaotic and slow.", 0.57, "same words: “chaotic and slow”"),
    ('Tom Fenwick said the rescue had been “chaotic and slow”.',
     'The councillor called it "chaotic and slow".', 0.6, "same words: “chaotic and slow”"),
    ('He said the rescue had been "chaotic and slow".', "The operation was slow and chaotic.", 0.6, None),
    ('He called it "slow".', "The rescue was slow.", 0.6, None),  # one word is no shared phrase
    ('He said the rescue had been "chaotic and slow".', "Officials said it was chaotic and slow.", 0.3, None),
])
def test_a_quoted_phrase_the_other_claim_repeats_corroborates(first, second, similarity, reason):
    from reconcile.relate.quotes import SharedQuoteSignal

    finding = SharedQuoteSignal().compare(view(first, "A"), view(second, "B"), similarity)
    assert (finding.reason if finding else None) == reason


def test_quantities_read_bounds_and_skip_dates():
    (quantity,) = extract_quantities(nlp.parser()("At least 15 people were injured on 12 March 2024."))
    assert (quantity.low, quantity.high, quantity.counts) == (15, float("inf"), "injured")
    (quantity,) = extract_quantities(nlp.parser()("Two people were hurt at about 10 p.m., and the fire was out by 6 o'clock."))
    assert (quantity.low, quantity.high, quantity.counts) == (2, 2, "injured")
    (quantity,) = extract_quantities(nlp.parser()("Some twenty-five people were evacuated."))
    assert (quantity.low, quantity.high, quantity.counts, quantity.text) == (20, 30, "evacuated", "Some twenty-five people")
    (quantity,) = extract_quantities(nlp.parser()("Hundreds of people were evacuated."))
    assert (quantity.low, quantity.high, quantity.counts) == (200, 1000, "evacuated")
    (quantity,) = extract_quantities(nlp.parser()("About 500 families fled their homes overnight."))
    assert quantity.counts == "evacuated"
    # "four in ten" is a share, not four of anything
    assert extract_quantities(nlp.parser()("Fewer than four in ten registered voters cast a ballot.")) == []
    assert extract_quantities(nlp.parser()("Three out of four passengers were hurt.")) == []
    assert [q.low for q in extract_quantities(nlp.parser()("The toll rose to 12 in 2019."))] == [12]
    # "and" joins number words only after a scale word: a range is not a sum
    assert 30 not in {q.low for q in extract_quantities(nlp.parser()("Between 10 and 20 people were hurt."))}
    (quantity,) = extract_quantities(nlp.parser()("Two hundred homes were cleared."))
    assert quantity.low == quantity.high == 200


def test_denial_conflicts_with_what_it_denies():
    finding = NegationSignal().compare(
        view("The Prime Minister's office denied that Netanyahu had rejected the proposal.", "PMO"),
        view("Netanyahu rejected the proposal drawn up by the security chiefs.", "Kan"), 0.8)
    assert finding.relation == "conflict" and finding.reason.startswith("PMO denies it")


def test_negation_needs_the_same_content():
    signal = NegationSignal()
    assert signal.compare(view("The train was not speeding."), view("The train was speeding."), 0.9)
    assert signal.compare(view("The train was not speeding."), view("The mayor visited the site."), 0.9) is None


def test_assessments_flip_under_negation_and_conflict_when_opposite():
    assert [(a.polarity, a.phrase) for a in assessments("the team left with no sign of progress".split())] == [
        (-1, "no sign of progress")]
    assert assessments("the rescuers made no progress".split()) == []  # rescuers' progress is no judgement of talks
    finding = AssessmentSignal().compare(view("The team left Cairo with no sign of progress."),
                                         view("The atmosphere of the meeting was positive."), 0.1)
    assert finding.reason == "opposite assessments: “no sign of progress” vs “positive”"
    mixed = view("Some progress was made but the mood stayed tense.")
    assert AssessmentSignal().compare(mixed, view("The talks were positive."), 0.5) is None
    policing = AssessmentSignal().compare(view("The minister said the police response was entirely proportionate."),
                                          view("Observers called the policing heavy-handed."), 0.4)
    assert policing.reason == "opposite assessments: “proportionate” vs “heavy-handed”"
    assert AssessmentSignal().compare(view("The response was not proportionate."),
                                      view("Officers used disproportionate force."), 0.4) is None  # both negative


def test_relate_pairs_only_different_sources_and_sorts_conflicts_first():
    claims = pd.DataFrame({
        "id": ["a:1", "a:2", "b:1", "c:1"],
        "text": ["The talks made real progress.", "The talks were constructive.",
                 "The talks were deadlocked.", "The talks were constructive and useful."],
        "source": ["Kan", "Kan", "Axios", "Cairo News"],
    })
    vectors = np.eye(4, dtype=np.float32)
    vectors[3] = vectors[1]  # c:1 says what a:2 says
    clustering = Clustering(points=np.array([0, 1, 2, 1]), topics=np.zeros(4, dtype=int))
    pairs = relate(claims, vectors, clustering)
    assert pairs[["a", "b", "relation"]].values.tolist() == [
        ["a:1", "b:1", "conflict"], ["a:2", "b:1", "conflict"], ["b:1", "c:1", "conflict"],
        ["a:2", "c:1", "corroborate"]]
    assert all(pairs["reason"].str.len() > 0) and pairs["score"].between(0, 1).all()


def test_clock_times_agree_or_conflict_about_one_happening():
    from reconcile.relate.times import TimeSignal

    signal = TimeSignal()
    midnight = view("The train derailed just after midnight on Saturday.", "City Radio")
    exact = view("The derailment happened at 3:40 a.m., while the town slept.", "Courier")
    window = view("The service derailed shortly before 4 a.m. on Saturday.", "Gazette")
    assert signal.compare(exact, window, 0.5).reason == "times agree: at 3:40 a.m. and shortly before 4 a.m."
    assert signal.compare(exact, window, 0.5).relation == "corroborate"
    assert signal.compare(midnight, exact, 0.5).relation == "conflict"
    departed = view("The train left the depot at 11 p.m. on Friday.", "Ledger")
    assert signal.compare(departed, exact, 0.5) is None  # different happenings
    # one happening under two names
    blast = view("A neighbour said the blast struck at around 1 a.m.", "Neighbour")
    explosion = view("The explosion happened just before 4 a.m., the fire service said.", "Fire service")
    assert signal.compare(blast, explosion, 0.5).reason == "times differ: around 1 a.m. vs just before 4 a.m."


def test_a_denial_of_that_account_answers_the_sentence_before():
    union = ClaimView("gazette:4", "Lyle told Rail Gazette that a faulty signal had been to blame.", "Lyle",
                      nlp.parser()("Lyle told Rail Gazette that a faulty signal had been to blame."))
    text = "Meridian Rail rejected that account, saying a broken rail was the most likely cause."
    operator = ClaimView("gazette:5", text, "Meridian Rail", nlp.parser()(text))
    assert NegationSignal().compare(union, operator, 0.2).reason.startswith("Meridian Rail rejects it")
    elsewhere = ClaimView("other:5", text, "Meridian Rail", operator.doc)
    assert NegationSignal().compare(union, elsewhere, 0.2) is None


@pytest.mark.parametrize("first, second, similarity, reason", [
    ("The next round of talks will be held in Cairo on Sunday.", "The next round of talks will be held in Doha on Sunday.",
     0.9, "Cairo vs Doha"),
    ("The summit will take place in Vienna on June 30.", "No date has been set for the summit in Vienna.", 0.8,
     "June 30 vs no date"),
    ("Biden spoke to Netanyahu on Sunday.", "Biden spoke to Netanyahu by phone on Sunday.", 0.9, None),
    ("The truce was brokered by Egypt and Qatar.", "The truce was brokered by Egypt.", 0.9, None),
])
def test_substituted_entities(first, second, similarity, reason):
    from reconcile.relate.entities import EntitySignal

    finding = EntitySignal().compare(view(first), view(second), similarity)
    assert (finding.reason if finding else None) == reason


def test_hedged_claims_weaken_corroboration():
    from reconcile.relate import judge

    firm = view("The minister resigned on Friday.", "A")
    rumour = view("The minister reportedly resigned on Friday.", "B")
    rumour.asserted = False
    strong = judge(firm, view("The minister quit on Friday.", "C"), 0.9, [], True, 0.65)
    weak = judge(firm, rumour, 0.9, [], True, 0.65)
    assert strong.score == 0.9 and weak.score == 0.45 and weak.reason.endswith("one side only reports it")


@pytest.mark.parametrize("first, second, corroborates", [
    # figures that count different things: one topic, two facts
    ("Hamas is demanding the release of thousands of Palestinian prisoners.",
     "Israel is offering five Palestinian prisoners for each hostage.", False),
    # figures that agree ("at least 15" holds with 17)
    ("At least 15 passengers were injured.", "17 passengers were injured in the crash.", True),
    # figures on one side only: wording decides
    ("The delegation left Cairo on Tuesday.", "The delegation flew out of Cairo after two days of talks.", True),
])
def test_similar_wording_corroborates_only_when_figures_do_not_part(first, second, corroborates):
    from reconcile.relate import judge

    finding = judge(view(first, "A"), view(second, "B"), 0.8, [], True, 0.65)
    assert (finding is not None) == corroborates


def test_a_denial_that_repeats_the_quote_still_conflicts():
    from reconcile.relate import judge
    from reconcile.relate.quotes import SharedQuoteSignal

    said = view('Tom Fenwick said the rescue had been "chaotic and slow".', "Tom Fenwick")
    denied = view('The minister denied that the rescue had been "chaotic and slow".', "minister")
    finding = judge(said, denied, 0.8, [NegationSignal(), SharedQuoteSignal()], True, 0.65)
    assert finding.relation == "conflict"


@pytest.mark.parametrize("denied, other, conflicts", [
    ("The ministry denied that troops had shelled the hospital.", "Witnesses said troops shelled the hospital on Monday.",
     True),
    ("Police denied that officers had fired tear gas at any point during the day.",
     "A student said police fired tear gas into the crowd.", True),
    # the other claim must assert the denied verb and its object, all of them, and not deny or negate them itself
    ("Police denied that officers had fired tear gas at any point during the day.",
     "A student said police did not fire tear gas.", False),
    ("The company denied that it had cut jobs.", "The union said managers had cut overtime.", False),
    ("The firm denied that any toxic gas escaped from its plant.", "The agency said chlorine was found in the plume.",
     False),  # the same thing in other words is beyond this rule
])
def test_a_denial_conflicts_with_a_claim_of_what_it_denies(denied, other, conflicts):
    finding = NegationSignal().compare(view(denied, "Denier"), view(other, "Other"), 0.45)
    assert (finding is not None and finding.relation == "conflict") == conflicts
    if conflicts:
        assert finding.reason.startswith("Denier denies it")


def test_a_source_revising_its_own_figure_is_a_revision_and_never_a_conflict():
    from reconcile.relate.revisions import same_source_revisions

    def claim(id, source, article, content, date):
        return {"id": id, "source": source, "story": "s1", "article": article, "content": content,
                "text": content, "date": date, "sentence": 1}

    claims = pd.DataFrame([
        claim("c1", "Ministry of Health", "a1", "14 people have died after drinking the brandy", "2025-10-14"),
        claim("c2", "Ministry of Health", "a2", "the death toll rose to 19", "2025-10-15"),
        # another measure, another source, or the same day without a revision cue: no revision
        claim("c3", "Ministry of Health", "a3", "12 people were injured in the town", "2025-10-15"),
        claim("c4", "police", "a3", "11 people died", "2025-10-15"),
        claim("c5", "police", "a4", "nine people died in the town", "2025-10-15"),
    ])
    found = same_source_revisions(claims)
    assert [(row["a"], row["b"], row["relation"]) for row in found] == [("c1", "c2", "revision")]
    assert "14 people (2025-10-14)" in found[0]["reason"] and "19" in found[0]["reason"]


@pytest.mark.parametrize("first, second, relation", [
    ("talks will resume on Monday, 17 November", "the talks resume on Thursday, November 20", "conflict"),
    ("talks will resume on Monday, 17 November", "talks resume on Nov. 17", "corroborate"),
    # dates of different happenings, a bound, and when someone spoke are not compared
    ("talks will resume on 17 November", "the strike began on November 3", None),
    ("the port has been shut since 14 October", "the port shut on 16 October", None),
    ("the minister said on 12 June that talks would go on", "the minister said on 14 June that talks would go on", None),
])
def test_dates_of_one_happening_agree_or_conflict(first, second, relation):
    from reconcile.relate.dates import DateSignal

    parse = nlp.parser()
    found = DateSignal().compare(ClaimView("a", first, "A", parse(first)), ClaimView("b", second, "B", parse(second)), 0.8)
    assert (found.relation if found else None) == relation


@pytest.mark.parametrize("first, first_day, second, second_day, relation", [
    # one Friday ahead, named in reports of two days
    ("talks will resume on Friday", "2025-06-10", "talks are set to resume on Friday", "2025-06-12", "corroborate"),
    # a past weekday is not read: a story of several days has a search resumed on each
    ("the search resumed on Friday", "2025-06-14", "the search resumed on Saturday", "2025-06-15", None),
    # a weekday ahead of the report ("will", an infinitive) against a date
    ("the delegations will meet again on Friday", "2025-06-10", "the delegations meet again on June 13", "2025-06-11",
     "corroborate"),
    ("the envoy would travel to meet the group on Friday", "2025-06-10", "the envoy meets the group on Sunday, 15 June",
     "2025-06-11", "conflict"),
    # a report with no date gives a weekday no day
    ("talks will resume on Monday", "", "talks will resume on June 3", "2025-06-12", None),
])
def test_a_weekday_is_a_date_counted_from_the_day_of_its_report(first, first_day, second, second_day, relation):
    from reconcile.relate.dates import DateSignal

    parse = nlp.parser()
    found = DateSignal().compare(ClaimView("a", first, "A", parse(first), when=(first_day, "x", 1)),
                                 ClaimView("b", second, "B", parse(second), when=(second_day, "y", 1)), 0.8)
    assert (found.relation if found else None) == relation
    if found:
        assert "(2025-06-" in found.reason  # the day a weekday stands for is shown


def test_a_measure_kept_in_the_cache_reads_back_the_same():
    """Same-source revisions read measures from the cached readings: an open bound survives JSON."""
    import json

    from reconcile.relate.numbers import quantity_from_record, quantity_record

    quantities = extract_quantities(nlp.parser()("At least 15 people died and about 40 were injured"))
    assert [q.high for q in quantities][0] == float("inf")
    assert [quantity_from_record(json.loads(json.dumps(quantity_record(q)))) for q in quantities] == quantities
