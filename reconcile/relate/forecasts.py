"""Forecasts of one happening that cannot both come true: "the road should reopen by Saturday"
against "the road will stay shut for at least three weeks".

A forecast is a claim that looks ahead (lexicon `forecast_cues`: "will", "expects", "unlikely"...)
and gives a horizon, read as days from the report's date (`Horizon`):
- a latest day: "by Saturday", "by the weekend", "within two weeks", "in a matter of days", "by
  the end of the month", "by 20 November";
- an earliest day: "for at least a fortnight", "at least another ten days", "several more weeks",
  "ten years or more", "not before March", "until the end of January at the earliest", "at least
  until Saturday";
A day named for the happening itself ("will reopen on Monday") is no horizon here: on the development
corpora such days were mostly of different happenings (a march on Saturday, a visit on Friday), and
dates of one happening are the date signal's to compare. Two forecasts of one story from different sources conflict when one's latest day falls before the
other's earliest, and they forecast about one thing: similar enough, with a name or a noun in
common ("the road", "the pass"). The reason names both horizons and their days.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from reconcile.lexicons import lexicon, mentions
from reconcile.relate.base import CONFLICT, ClaimView, Finding, Signal
from reconcile.relate.calendar_names import MONTHS, WEEKDAYS
from reconcile.relate.dates import next_weekday, report_day_of
from reconcile.relate.times import token_at
from reconcile.relate.numbers import WORD_VALUES

UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
_UNIT = r"(?P<unit>hours?|days?|weeks?|fortnights?|months?|years?)"
_COUNT = r"(?P<count>\d+|a|an|one|" + "|".join(sorted(WORD_VALUES, key=len, reverse=True)) + r"|a few|a couple of|several)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
#: a day or a stretch of days a horizon names: a weekday, the weekend, the end of a week or month,
#: a date, a month (its part: "mid-", "early", "late", "the end of")
_WHEN = (r"(?:(?:next|this|the coming)\s+)?" + _WEEKDAY + r"(?![\w'’])"
         + r"|the\s+(?P<weekend>weekend)|the\s+end\s+of\s+(?:the|this)\s+(?P<period>week|month|year)"
         + r"|(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
         + r"|" + _MONTH.replace("month", "month3") + r"\s+(?P<day3>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
         + r"|(?P<part>mid-|the\s+middle\s+of\s+|early\s+|late\s+|the\s+end\s+of\s+|the\s+start\s+of\s+)?"
         + _MONTH.replace("month", "month2"))
_SPAN = _COUNT + r"\s+(?:more\s+|further\s+|other\s+)?" + _UNIT
LATEST = [
    re.compile(r"\b(?:by|before|in\s+time\s+for)\s+(?:" + _WHEN + r")(?!\s+at\s+the\s+(?:very\s+)?earliest)", re.IGNORECASE),
    # "before this week is out": by the end of that week
    re.compile(r"\bbefore\s+(?:this|the)\s+(?P<out>week|month|year)\s+is\s+(?:out|over)", re.IGNORECASE),
    re.compile(r"\bin\s+(?:a\s+few|the\s+next\s+few|a\s+couple\s+of)\s+(?P<few>days|weeks|hours)", re.IGNORECASE),
    re.compile(r"\bwithin\s+(?:the\s+next\s+)?(?:" + _SPAN + r"|(?P<bare>" + _UNIT.replace("unit", "bareunit") + r"))",
               re.IGNORECASE),
    re.compile(r"\bin\s+(?:a\s+matter\s+of\s+)(?P<matter>days|hours|weeks)", re.IGNORECASE),
]
EARLIEST = [
    re.compile(r"\b(?:for\s+)?at\s+least\s+(?:another\s+|a\s+further\s+)?" + _SPAN, re.IGNORECASE),
    re.compile(r"\b" + _SPAN + r"\s+(?:or\s+more|at\s+the\s+(?:very\s+)?least)", re.IGNORECASE),
    re.compile(r"\b(?P<several>several|many)\s+(?:more\s+)?" + _UNIT, re.IGNORECASE),
    # "it will be months, at the very least": plural units without a count
    re.compile(r"\b(?P<bareplural>days|weeks|months|years),?\s+(?:or\s+more|at\s+the\s+(?:very\s+)?least)", re.IGNORECASE),
    re.compile(r"\b(?:not|never|no|unlikely|nothing)\b[^.;]{0,60}?\b(?:before|until)\s+(?:" + _WHEN + r")", re.IGNORECASE),
    re.compile(r"\b(?:before|until|till)?\s*(?:" + _WHEN + r")\s+at\s+the\s+(?:very\s+)?earliest", re.IGNORECASE),
    re.compile(r"\bat\s+least\s+until\s+(?:" + _WHEN + r")", re.IGNORECASE),
]


@dataclass(frozen=True)
class Horizon:
    """When a forecast puts a happening: no earlier than `earliest`, no later than `latest` (either
    may be None), as the words gave it (`text`)."""

    earliest: date | None
    latest: date | None
    text: str

    def describe(self) -> str:
        if self.earliest and self.latest and self.earliest == self.latest:
            return f"'{self.text}' ({self.earliest.isoformat()})"
        if self.latest:
            return f"'{self.text}' (by {self.latest.isoformat()})"
        return f"'{self.text}' (not before {self.earliest.isoformat()})"


def _count(word: str | None) -> float:
    word = (word or "a").lower()
    if word.isdigit():
        return float(word)
    return {"a": 1, "an": 1, "a few": 3, "a couple of": 2, "several": 3}.get(word, WORD_VALUES.get(word, 1))


def _after(report: date, count: float, unit: str) -> date:
    """The day `count` units ("weeks", "month") after the report's."""
    return report + timedelta(days=round(count * UNIT_DAYS[unit.lower().rstrip("s")]))


def _span(match: re.Match, report: date) -> date:
    return _after(report, _count(match.group("count")), match.group("unit"))


def _end_of(period: str, report: date) -> date:
    """The last day of the report's week, month or year."""
    period = period.lower()
    if period == "week":
        return report + timedelta(days=6 - report.weekday())
    if period == "month":
        return date(report.year, report.month, monthrange(report.year, report.month)[1])
    return date(report.year, 12, 31)


def _named_day(match: re.Match, report: date, edge: str) -> date | None:
    """The day a `_WHEN` names, ahead of the report: its first day for an earliest bound (`edge`
    "start"), its last for a latest one ("end")."""
    groups = match.groupdict()
    if groups.get("weekday"):
        return next_weekday(report, WEEKDAYS.index(groups["weekday"].lower()))
    if groups.get("weekend"):
        saturday = next_weekday(report, 5)
        return saturday if edge == "start" else saturday + timedelta(days=1)
    if groups.get("period"):
        return _end_of(groups["period"], report)
    month_word = groups.get("month") or groups.get("month3") or groups.get("month2")
    if not month_word:
        return None
    month = MONTHS[month_word.lower()]
    if month_word.lower() == "may" and not match.group().rstrip()[-3:].istitle():
        return None  # "may" the modal
    year = report.year + (1 if month < report.month else 0)
    last = monthrange(year, month)[1]
    if groups.get("day") or groups.get("day3"):
        return date(year, month, min(int(groups.get("day") or groups["day3"]), last))
    part = re.sub(r"\s+", " ", (groups.get("part") or "").lower()).strip()
    first_day, last_day = {"mid-": (10, 20), "the middle of": (10, 20), "early": (1, 10), "late": (20, last),
                           "the end of": (20, last), "the start of": (1, 10)}.get(part, (1, last))
    return date(year, month, first_day if edge == "start" else last_day)


def _governing_verb(token):
    """The nearest verb at or above `token` in the parse (None for no token or no verb)."""
    if token is None:
        return None
    return next((t for t in (token, *token.ancestors) if t.pos_ in ("VERB", "AUX")), None)


def _lasting_now(view: ClaimView) -> bool:
    """"has grounded all flights for at least a month", "is closed for at least a week": a stretch
    that runs on from now, said in the present or the perfect, looks ahead without a forecast word
    (a past one, "was closed for at least a week", does not)."""
    for match in _FOR_AT_LEAST.finditer(view.text):
        verb = _governing_verb(token_at(view, match.start()))
        if verb is not None and (verb.tag_ in ("VBZ", "VBP") or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)):
            return True
    return False


#: how far back from a horizon a modal still governs it, and the words besides modals that look ahead
LOOKBACK_WORDS = 8
AHEAD_WORDS = {"expect", "hope", "plan", "aim", "likely", "unlikely", "due", "set", "schedule", "intend"}


def _in_the_past(view: ClaimView, start: int, end: int) -> bool:
    """The verb a horizon (the text from `start` to `end`) hangs on is past ("had reported ... by
    Sunday", "was cut to three by noon"), with no modal or word of expectation in it or just before
    it: the words date a happening, they do not look ahead."""
    token = token_at(view, start)
    verb = _governing_verb(token)
    if verb is None:
        return False
    # the parse may hang the horizon on the wrong verb ("had cleared ... and that the route would be
    # open again by Saturday"): a modal or a word of expectation just before it looks ahead
    last = token_at(view, max(start, end - 1))
    around = view.doc[max(0, token.i - LOOKBACK_WORDS):(last.i if last is not None else token.i) + 1]
    if any(t.tag_ == "MD" or t.lemma_.lower() in AHEAD_WORDS for t in around):
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in auxiliaries):
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.tag_ == "VBD" for c in auxiliaries))


_NEGATOR = re.compile(r"\b(?:not|no|never|nobody|nothing|unlikely|n't)\b", re.IGNORECASE)
_FOR_AT_LEAST = re.compile(r"\bfor\s+at\s+least\b", re.IGNORECASE)


def horizons(view: ClaimView) -> list[Horizon]:
    """The horizons a forecast gives (empty for a claim that does not look ahead or has no dated report)."""
    report = report_day_of(view.when)
    text = view.text
    if report is None or not (mentions("forecast_cues", text) or _lasting_now(view)):
        return []
    found: list[Horizon] = []
    taken: list[range] = []

    def add(match: re.Match, earliest: date | None, latest: date | None) -> None:
        if _in_the_past(view, match.start(), match.end()):
            return  # "had reported damage by Sunday morning" dates what happened, it foresees nothing
        span = range(match.start(), match.end())
        if any(span.start < other.stop and other.start < span.stop for other in taken):
            return  # one phrase, one horizon: "not before Friday at the earliest" is read once
        taken.append(span)
        found.append(Horizon(earliest, latest, re.sub(r"\s+", " ", match.group().strip())))

    for pattern in EARLIEST:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if groups.get("several"):  # "several weeks": two at least
                add(match, _after(report, 2, groups["unit"]), None)
            elif groups.get("bareplural"):  # "months, at the very least"
                add(match, _after(report, 2, groups["bareplural"]), None)
            elif groups.get("unit"):
                add(match, _span(match, report), None)
            elif (day := _named_day(match, report, "start")) is not None:
                add(match, day, None)
    for pattern in LATEST:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if _NEGATOR.search(re.split(r"[;:,]", text[max(0, match.start() - 60): match.start()])[-1]):
                continue  # "nobody should expect it over in a few days": no latest day given
            if groups.get("matter"):  # "in a matter of days": a week at most
                add(match, None, _after(report, 7, groups["matter"]))
            elif groups.get("few"):  # "in a few days"
                add(match, None, _after(report, 4, groups["few"]))
            elif groups.get("out"):  # "before this week is out"
                add(match, None, _end_of(groups["out"], report))
            elif groups.get("bare"):  # "within weeks"
                add(match, None, _after(report, 1, groups["bareunit"]))
            elif groups.get("unit"):
                add(match, None, _span(match, report))
            elif (day := _named_day(match, report, "end")) is not None:
                add(match, None, day)
    return found


def _subjects(view: ClaimView) -> frozenset[str]:
    """The names and nouns a forecast is about, less words of time and of any thing (lexicon `general_nouns`)."""
    time_words = set(UNIT_DAYS) | set(WEEKDAYS) | set(MONTHS) | {"weekend", "end", "time", "least", "earliest",
                                                                 "matter", "middle", "start", "date"}
    return frozenset(t.lemma_.lower() for t in view.doc if t.pos_ in ("NOUN", "PROPN")
                     and t.lemma_.lower() not in time_words and t.lemma_.lower() not in lexicon("general_nouns"))


class ForecastSignal(Signal):
    """Conflict when two forecasts of one thing give horizons that cannot both hold (one's latest day
    before the other's earliest); see the module docstring. `min_similarity`: how alike the two
    claims' contents must be, besides a name or noun in common."""

    name = "forecasts"

    # Set on the development corpora: of the forecast conflicts flagged there at 0.35, the two below
    # 0.4 were false and none of the twelve right ones.
    def __init__(self, min_similarity: float = 0.4) -> None:
        self.min_similarity = min_similarity

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        if similarity < self.min_similarity:
            return None
        mine, theirs = first.feature(horizons), second.feature(horizons)
        if not mine or not theirs or not (first.feature(_subjects) & second.feature(_subjects)):
            return None
        for a in mine:
            for b in theirs:
                if (a.latest and b.earliest and a.latest < b.earliest) or (b.latest and a.earliest and b.latest < a.earliest):
                    return Finding(CONFLICT, round(min(1.0, 0.5 + similarity / 2), 3),
                                   f"forecasts differ: {a.describe()} vs {b.describe()}")
        return None


def might_forecast(text: str) -> bool:
    """Cheap pre-parse test: a word that looks ahead and a horizon's word."""
    return mentions("forecast_cues", text) and bool(re.search(
        r"\b(?:by|within|before|until|at least|earliest|several|matter of|or more|on)\b", text, re.IGNORECASE))
