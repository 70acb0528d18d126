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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from reconcile.relate.base import ClaimView, Finding, Signal
from reconcile.relate.calendar_names import MONTHS, WEEKDAYS
from reconcile.relate.times import compare_moments, token_at

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


_WEEKDAY = re.compile(
    r"(?:\b(?P<bound>since|until|till|from|by|before|after|through)\s+)?(?:\b(?P<which>last|next|this|coming)\s+)?"
    r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b(?!,?\s+(?:the\s+)?(?:\d|(?:" + "|".join(MONTHS) + r")\b))",
    re.IGNORECASE)
#: words that put the happening a weekday dates ahead of the report: "will meet on Friday"
FUTURE_WORDS = {"will", "would", "shall", "'ll", "next", "coming", "due", "set", "scheduled", "expected", "planned"}


def weekday_dates(text: str, report_day: date, future: Callable[[int], bool]) -> list[CalendarDate]:
    """The days a text names by weekday for a happening ahead of the report (`future(position)`:
    "will meet on Friday", or "next Friday"), made calendar dates: the first such weekday after the
    day of the report. A weekday followed by its date ("Monday, 17 November") is left to
    `calendar_dates`; bounds ("until Friday") date no happening."""
    found = []
    for match in _WEEKDAY.finditer(text):
        if match.group("bound"):
            continue
        weekday = WEEKDAYS.index(match.group("weekday").lower())
        which = (match.group("which") or "").lower()
        if not (which in ("next", "coming") or (which != "last" and future(match.start("weekday")))):
            # A story of several days has a happening of one name on each ("the search resumed on
            # Friday", "... on Saturday"): a past weekday is too often another day's, so only days
            # announced ahead (a next round, a vote) are read.
            continue
        day = next_weekday(report_day, weekday)
        found.append(CalendarDate(day.month, day.day, day.year, f"{match.group().strip()} ({day.isoformat()})",
                                  match.start("weekday")))
    return found


def next_weekday(day: date, weekday: int) -> date:
    """The first day after `day` that falls on `weekday` (0 Monday ... 6 Sunday): "Friday" in a
    report of a Friday is the next one."""
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def view_dates(view: ClaimView) -> list[CalendarDate]:
    """The claim's calendar dates and, where its report is dated, the days it names by weekday."""
    found = calendar_dates(view.text)
    report_day = report_day_of(view.when)
    if report_day is not None:
        found += weekday_dates(view.text, report_day, lambda position: looks_ahead(view, position))
    return sorted(found, key=lambda moment: moment.position)


def report_day_of(when: tuple) -> date | None:
    try:
        return date.fromisoformat(when[0][:10]) if when and when[0] else None
    except ValueError:
        return None


def looks_ahead(view: ClaimView, position: int) -> bool:
    """The weekday at `position` dates a happening still to come: its verb has "will", "would"...,
    or is itself a word of plans ("is set for Friday", "due on Monday"; `FUTURE_WORDS`)."""
    token = token_at(view, position)
    while token is not None and token.pos_ not in ("VERB", "AUX", "ADJ") and token.head.i != token.i:
        token = token.head
    if token is None:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True  # "agreed to meet on Friday": an infinitive looks ahead of its verb
    # "would travel up the valley and meet them on Friday": the verb, or one it continues (not the
    # verb of another clause: "the talks, which began on Monday, would continue")
    verb = token
    while True:
        words = {verb.lower_, verb.lemma_.lower()} | {c.lower_ for c in verb.children
                                                     if c.dep_ in ("aux", "auxpass", "amod", "advmod")}
        if words & FUTURE_WORDS:
            return True
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return False
        verb = verb.head


#: "said on Monday": a weekday that dates a saying, the commonest in news, is no candidate's date
_SAID_ON = re.compile(r"\b(?:said|says|told|added|announced|reported|wrote)\s+(?:\w+\s+)?on\s+$", re.IGNORECASE)


def might_state_date(text: str) -> bool:
    """Cheap pre-parse test: a calendar date, or a weekday not of saying."""
    return bool(calendar_dates(text)) or any(not match.group("bound") and not _SAID_ON.search(text[: match.start("weekday")])
                                             for match in _WEEKDAY.finditer(text))


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
