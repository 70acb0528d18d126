"""Speakers named by a description resolve to the name the corpus gives, and only to one name."""

from reconcile.attribution import same_name
from reconcile.descriptions import resolve_descriptions

TEXTS = {
    "first": ("Rescuers took the injured to Marrowby Royal Hospital overnight. The hospital said six were in "
              "intensive care. Crews from the Tollan Fire and Rescue Service worked until dawn. "
              "Health Minister Petra Ansel visited the site on Sunday."),
    "second": ("The Ministry of Transport said the line would reopen. Ruth Dolan, Ardwick's mayor, disagreed. "
               "Veldara's Foreign Ministry called it a provocation."),
}


def resolved(*rows):
    return resolve_descriptions(list(rows), TEXTS, anonymous=lambda speaker: speaker.endswith("official"))


def test_a_body_described_is_the_body_its_article_names():
    assert resolved(("first", "spokeswoman for the hospital"), ("first", "city's fire service")) == {
        ("first", "spokeswoman for the hospital"): "spokeswoman for Marrowby Royal Hospital",
        ("first", "city's fire service"): "Tollan Fire and Rescue Service",
    }


def test_a_role_is_the_person_the_corpus_names_with_it():
    # in another article of the corpus: the article itself names no mayor
    assert resolved(("first", "Ardwick's mayor"), ("second", "health minister")) == {
        ("first", "Ardwick's mayor"): "Ruth Dolan", ("second", "health minister"): "Petra Ansel"}


def test_a_body_named_by_its_words_in_another_order():
    assert resolved(("second", "country's transport ministry")) == {
        ("second", "country's transport ministry"): "Ministry of Transport"}


def test_what_is_withheld_or_ambiguous_stays_a_description():
    assert resolved(("first", "senior hospital official"),       # anonymous
                    ("first", "hospital nurse"),                 # one of many, not the hospital
                    ("second", "foreign ministry"),              # only another country's ministry is named
                    ("second", "education ministry"),            # no such name anywhere
                    ("first", "prime minister")) == {}


def test_two_names_of_one_kind_leave_the_description_alone():
    texts = {"a": "Patients went to Elm Park Hospital and to Carrow General Hospital. The hospital said little."}
    assert resolve_descriptions([("a", "hospital spokesman")], texts) == {}


def test_a_name_never_runs_over_punctuation():
    texts = {"a": "TARVEL, June 4 (MNS) - Police said two were held."}
    assert resolve_descriptions([("a", "police spokesman")], texts) == {}


def test_someone_of_a_body_is_not_the_body():
    assert not same_name("Superintendent Maren Solt of the Carrow Police", "Carrow Police")
    assert same_name("Secretary of State Anthony Blinken", "Anthony Blinken")
