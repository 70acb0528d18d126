"""Calendar dates of one happening: "talks resume on 17 November" against "the next round is set for
November 20".

A date is a day of a month written out ("17 November", "Nov. 20", "November 20, 2025", "Monday, 17
November"), with its year where given. Two claims about the same happening (similar enough, and their
dates hang on the same verb or an occurrence verb's subject, as for clock times) conflict when the
days differ and agree when they are the same. A date after "since", "until", "from", "by", "before"
or "after" bounds a period or a deadline rather than dating the happening, and is not compared; nor
are dates of saying ("said on 12 June") or of writing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reconcile.relate.base import ClaimView, Finding, Signal
from reconcile.relate.times import compare_moments

MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), start=1) for name in names}
_MONTH = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year{}>(?:19|20)\d\d))?"
_DATE = re.compile(
    r"(?:\b(?P<bound>since|until|till|from|by|before|after|through)\s+(?:\w+day,?\s+)?)?"
    r"(?:\b" + _DAY.format("day1") + r"\s+(?:of\s+)?" + _MONTH.format("month1") + _YEAR.format(1)
    + r"|\b" + _MONTH.format("month2") + r"\s+" + _DAY.format("day2") + r"\b" + _YEAR.format(2) + r")",
    re.IGNORECASE)
#: happenings whose date is only when something was said, not what is disputed
SAYING = frozenset({"say", "tell", "add", "write", "report", "speak"})


@dataclass(frozen=True)
class CalendarDate:
    month: int
    day: int
    year: int | None
    text: str
    position: int  # character offset in the content, for the happening it hangs on


def calendar_dates(text: str) -> list[CalendarDate]:
    """The dates a text gives of something happening (bounds and deadlines left out)."""
    found = []
    for match in _DATE.finditer(text):
        if match.group("bound"):
            continue
        month = match.group("month1") or match.group("month2")
        day = match.group("day1") or match.group("day2")
        year = match.group("year1") or match.group("year2")
        if month.lower() == "may" and match.group("month2") and not text[match.start()].isupper():
            continue  # "may 20" is a modal and a number, not a date
        found.append(CalendarDate(MONTHS[month.lower()], int(day), int(year) if year else None,
                                  match.group().strip(), match.start()))
    return found


def view_dates(view: ClaimView) -> list[CalendarDate]:
    return calendar_dates(view.text)


def might_state_date(text: str) -> bool:
    return bool(calendar_dates(text))


class DateSignal(Signal):
    """Conflict when two claims date one happening to different days; corroboration when to the same."""

    name = "dates"

    def __init__(self, min_similarity: float = 0.45) -> None:
        self.min_similarity = min_similarity

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        if similarity < self.min_similarity:
            return None
        return compare_moments(first, second, similarity, view_dates, same_day, "dates", SAYING)


def same_day(a: CalendarDate, b: CalendarDate) -> bool:
    """One day of one month, and of one year where both give it."""
    return (a.month, a.day) == (b.month, b.day) and (a.year is None or b.year is None or a.year == b.year)
