import numpy as np
import pandas as pd
import pytest

from reconcile import nlp
from reconcile.cluster import Clustering
from reconcile.relate import relate
from reconcile.relate.base import ClaimView
from reconcile.relate.denials import DenialSignal, denial_pairs, denied_account, denied_proposition, proposition_core

DENIAL = "The defence ministry denied a report that two soldiers had been captured near the border crossing."


def view(text: str, source: str = "S", asserted: bool = True) -> ClaimView:
    return ClaimView(id=text[:10], text=text, source=source, doc=nlp.parser()(text), asserted=asserted)


@pytest.mark.parametrize("sentence, proposition", [
    (DENIAL, "two soldiers had been captured near the border crossing"),
    ("The operator denied that its pipeline had leaked into the river.", "its pipeline had leaked into the river"),
    ("The club rejected the union's assertion that stewards had locked the gate, with a spokesman saying it was open.",
     "stewards had locked the gate"),
    ("The mayor denied repeated requests for an interview.", None),  # a refusal, not a denial
    ("He denied wrongdoing.", None),  # too short to compare with anything
    ("There is no denying that the new bridge has cut journey times.", None),  # affirms it
    ('The abbess denied it: "No sister of ours gave birth to a child."', None),  # a negative, asserted
    ("The two soldiers were captured near the border crossing.", None),  # no denial at all
])
def test_denied_proposition_is_the_clause_denied_without_the_frame(sentence, proposition):
    assert denied_proposition(nlp.parser()(sentence)) == proposition


def test_the_core_of_a_denial_is_its_happening():
    core = proposition_core(nlp.parser()("The firm denied that a courier had been robbed by two men near the depot."))
    assert core == {"rob"}  # the happening, not who it happened to nor where
    assert proposition_core(nlp.parser()("An official denied that the rebel leader was dead.")) == {"dead"}
    # a light verb lets its prepositions' objects stand in: "taken out of service"
    core = proposition_core(nlp.parser()("The operator denied that it had taken the aircraft out of service."))
    assert "service" in core and "take" not in core


@pytest.mark.parametrize("other, expected", [
    ("Two soldiers were captured near the border crossing on Monday, a local official said.", "conflict"),
    ("Two soldiers were not captured.", None),  # a negation agrees with the denial
    ("The border crossing was closed to traffic on Monday.", None),  # the place, not the happening
    ("Two soldiers were seen near the border crossing.", None),  # the same people, another happening
    ("Two soldiers may have been captured near the border crossing.", None),  # speculation
])
def test_a_denial_conflicts_with_a_claim_committing_to_what_it_denies(other, expected):
    finding = DenialSignal().compare(view(DENIAL, "ministry"), view(other, "official"), 0.6)
    assert (finding.relation if finding else None) == expected
    if finding:
        assert "ministry denies that" in finding.reason and "two soldiers had been captured" in finding.reason


def test_a_hedged_claim_is_no_side_of_a_denial():
    other = view("Two soldiers were reportedly captured near the border crossing.", "official", asserted=False)
    assert DenialSignal().compare(view(DENIAL, "ministry"), other, 0.6) is None


def _unit(*values):
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_denial_pairs_keep_the_claims_nearest_the_proposition_within_one_story():
    claims = pd.DataFrame({"source": ["denier", "a", "b", "c", "d", "denier"],
                           "story": ["s1", "s1", "s1", "s1", "s2", "s1"]})
    contents = np.stack([_unit(1, 0, 0), _unit(1, 0.1, 0), _unit(1, 0.1, 0), _unit(0, 1, 0), _unit(1, 0, 0),
                         _unit(1, 0, 0)])
    propositions = {0: _unit(1, 0, 0)}
    # rows 1 and 2 are equally near (a tie, broken by row); 3 is far; 4 is another story; 5 the same source
    assert denial_pairs(claims, propositions, contents, top=3) == {(0, 1), (0, 2)}
    assert denial_pairs(claims, propositions, contents, top=1) == {(0, 1)}
    assert denial_pairs(claims, propositions, contents, min_similarity=0.999) == set()
    # within: only claims nearly as near as the nearest
    contents[2] = _unit(1, 0.6, 0)
    assert denial_pairs(claims, propositions, contents, within=0.05) == {(0, 1)}


def test_only_the_denial_signal_reads_denial_pairs_and_only_those():
    texts = [DENIAL, "Two soldiers were captured near the border crossing on Monday, a local official said."]
    claims = pd.DataFrame({"id": ["x:1", "y:1"], "text": texts, "content": texts, "source": ["ministry", "official"],
                           "story": ["s1", "s1"]})
    embeddings = np.stack([_unit(1, 0), _unit(0, 1)])  # unlike: no rule pairs them
    clustering = Clustering(points=np.array([0, 1]), topics=np.array([0, 1]))
    assert relate(claims, embeddings, clustering, signals=[DenialSignal()]).empty
    found = relate(claims, embeddings, clustering, signals=[DenialSignal()], denials={(0, 1)})
    assert found["relation"].tolist() == ["conflict"]


@pytest.mark.parametrize("denial, other", [
    # would not confirm or deny: no side of anything
    ("The ministry would not confirm or deny that two soldiers had been captured near the border crossing.",
     "Two soldiers were captured near the border crossing on Monday, a local official said."),
    # a claim with a negative word agrees with the denial
    ("The retailer denied that it had plans to open a store in the capital.",
     "We have no plans to open a store in the capital, a spokeswoman said."),
])
def test_no_conflict_with_a_noncommittal_denial_or_a_negative_claim(denial, other):
    assert DenialSignal().compare(view(denial, "ministry"), view(other, "official"), 0.6) is None


def test_what_the_denier_adds_after_the_proposition_is_no_part_of_it():
    # "not one" belongs to the denier's own words, not to what is denied: the proposition stays
    sentence = ("The minister denied that any fee had been paid to the smugglers, calling the radio report "
                "baseless and saying not one coin had changed hands.")
    assert denied_proposition(nlp.parser()(sentence)) == "any fee had been paid to the smugglers"


@pytest.mark.parametrize("sentence, account", [
    ("The operator rejected the union's account, saying both pumps had been running all weekend.",
     ("union", "both pumps had been running all weekend")),
    ("The bank dismissed the council's figure as speculation, insisting its own count of closures was accurate.",
     ("council", "its own count of closures was accurate")),
    # the denied proposition is given: not an account denial
    ("The operator rejected the union's assertion that the pumps had stopped, saying they had been running.", None),
    # no party named, or nothing said instead
    ("The operator rejected the account, saying both pumps had been running all weekend.", None),
    ("The operator rejected the union's account.", None),
])
def test_a_rejected_account_gives_its_party_and_what_the_denier_says_instead(sentence, account):
    assert denied_account(nlp.parser()(sentence)) == account


ACCOUNT_DENIAL = "The operator rejected the union's account, saying both pumps had been running all weekend."


@pytest.mark.parametrize("other, expected", [
    ("The pumps at the works stopped on Saturday and stayed off for a day and a half.", "conflict"),
    ("The pumps may have stopped on Saturday.", None),  # speculation
    ("Staff at the works were not paid on time in May.", None),  # the party's other topic: no noun shared
])
def test_a_rejected_account_conflicts_with_the_partys_claim_on_the_same_thing(other, expected):
    finding = DenialSignal().compare(view(ACCOUNT_DENIAL, "operator"), view(other, "union"), 0.4)
    assert (finding.relation if finding else None) == expected
    if finding:
        assert "operator rejects the account of union" in finding.reason


def test_an_account_denial_is_paired_only_with_claims_of_its_party():
    claims = pd.DataFrame({"source": ["Harbour Operators", "Dockers' Union", "Port Police", "Maria Voss"],
                           "speaker": [None, None, None, "Maria Voss"],
                           "description": [None, None, None, "union secretary"],
                           "via": [[], [], [], []], "story": ["s1"] * 4})
    contents = np.stack([_unit(1, 0, 0), _unit(1, 0.2, 0), _unit(1, 0, 0), _unit(1, 0.3, 0)])
    # the police claim is nearest, but it is not the union's: the union's nearest is kept, and its
    # secretary's claim as a relay of it (nearly the same)
    assert denial_pairs(claims, {0: _unit(1, 0, 0)}, contents, parties={0: "union"}) == {(0, 1), (0, 3)}
    # another claim of the union's, on something else, is no part of the account
    assert denial_pairs(claims, {0: _unit(1, 0, 0)}, contents, parties={0: "union"}, relay_similarity=0.999) == {(0, 1)}
    assert denial_pairs(claims, {0: _unit(1, 0, 0)}, contents) == {(0, 1), (0, 2), (0, 3)}


def test_a_denial_answers_a_claim_naming_its_happening_in_another_word_of_its_family():
    denial = view("The clinic denied that any patients had been moved out of the maternity ward.", "clinic")
    # "moved" and "taken" name one happening (lexicon happening_kin)
    other = view("All nine patients of the maternity ward were taken by bus to the city hospital.", "midwives")
    assert DenialSignal().compare(denial, other, 0.5).relation == "conflict"
    # a word outside the family names another happening about the same people
    other = view("All nine patients of the maternity ward were visited by the minister.", "midwives")
    assert DenialSignal().compare(denial, other, 0.5) is None


def test_kin_maps_every_word_of_a_family_to_the_whole_family():
    from reconcile.lexicons import kin
    families = kin("happening_kin")
    assert {"move", "take"} <= families["move"] and "move" in families["take"]
    assert "call" not in families  # a word of many senses is in no family
