"""Forecasts with horizons that cannot both hold. Invented sentences; reports dated Wednesday 2025-10-15."""

from __future__ import annotations

from datetime import date

import pytest

from reconcile import nlp
from reconcile.relate.base import ClaimView
from reconcile.relate.forecasts import ForecastSignal, horizons

REPORT = "2025-10-15"  # a Wednesday


def view(text: str, source: str = "S", day: str = REPORT) -> ClaimView:
    return ClaimView(f"{source}-1", text, source, nlp.parser()(text), when=(day, "a", 0))


@pytest.mark.parametrize("text, earliest, latest", [
    ("The ferry service should resume by Saturday.", None, date(2025, 10, 18)),
    ("The port is expected to reopen within ten days.", None, date(2025, 10, 25)),
    ("The canal will stay closed for at least a fortnight.", date(2025, 10, 29), None),
    ("Engineers said the line would not reopen before the end of the month.", date(2025, 10, 31), None),
    ("The inquiry is unlikely to report before early December.", date(2025, 12, 1), None),
    ("Results will not be published before June 24.", date(2026, 6, 24), None),
    ("Repairs could take several more weeks.", date(2025, 10, 29), None),
    ("The council hopes to reopen the pool in time for the weekend.", None, date(2025, 10, 19)),
    ("Both men will be home before this week is out.", None, date(2025, 10, 19)),
    ("The hearing will not start for months, at the very least.", date(2025, 12, 14), None),
    ("The regulator has suspended all flights for at least a month.", date(2025, 11, 14), None),  # the perfect looks ahead
])
def test_a_forecasts_horizon_in_days_from_the_report(text, earliest, latest):
    [horizon] = horizons(view(text))
    assert (horizon.earliest, horizon.latest) == (earliest, latest)


def test_a_past_day_or_a_claim_that_does_not_look_ahead_gives_no_horizon():
    assert horizons(view("The museum will reopen on Monday.")) == []  # a day of the happening: the date signal's
    assert horizons(view("The canal was closed for at least a fortnight last year.")) == []
    assert horizons(view("The pier was closed for at least a month.")) == []  # a past stretch
    assert [h.earliest for h in horizons(view("Nobody expects it over in a few days; it will take weeks, at the very least."))] \
        == [date(2025, 10, 29)]  # the negated "in a few days" gives no latest day
    assert horizons(view("The ferry service will resume by Saturday.", day="")) == []  # undated report


def test_forecasts_of_one_thing_that_cannot_both_come_true_conflict():
    soon = view("The harbour authority expects the ferry service to resume by Saturday.")
    late = view("The ferry service will stay suspended for at least three weeks, the union said.", "T")
    finding = ForecastSignal().compare(soon, late, 0.6)
    assert finding is not None and finding.relation == "conflict"
    assert "by Saturday" in finding.reason and "at least three weeks" in finding.reason


def test_forecasts_that_can_both_come_true_or_of_different_things_do_not():
    soon = view("The harbour authority expects the ferry service to resume by Saturday.")
    compatible = view("The ferry service should be running again within a week.", "T")
    assert ForecastSignal().compare(soon, compatible, 0.6) is None
    other_thing = view("The school will stay closed for at least three weeks.", "T")
    assert ForecastSignal().compare(soon, other_thing, 0.6) is None  # no name or noun in common


def test_a_day_by_which_something_happened_is_no_horizon():
    # a forecast word elsewhere in the sentence ("will") does not make the past "by Sunday" a horizon
    happened = "Some 900 farmers had filed claims by Sunday morning, and many will not recover for years."
    assert horizons(view(happened)) == []
    assert [h.text for h in horizons(view("Some 900 farmers will have filed claims by Sunday morning."))] == ["by Sunday"]
    # a modal just before the horizon looks ahead, wherever the parse hangs it
    ahead = "Crews had cleared two of the slides, and the road would be open to traffic again by Saturday."
    assert [h.text for h in horizons(view(ahead))] == ["by Saturday"]


def test_a_weekday_owning_something_is_no_horizon():
    assert horizons(view("Orchards flattened by Saturday's storm will take years to recover.")) == []
    assert [h.text for h in horizons(view("The orchards will be cleared by Saturday."))] == ["by Saturday"]


def test_a_past_report_of_what_is_unlikely_still_looks_ahead():
    [horizon] = horizons(view("The pass road was unlikely to reopen before early November."))
    assert horizon.earliest == date(2025, 11, 1)
