"""Clock times of one event: "3:40 a.m." agrees with "shortly before 4 a.m.", not with "just after midnight".

A time is a window of minutes after midnight: exact times are a point,
"shortly before 4 a.m." is 3:30-4:00, "just after midnight" 0:00-0:30,
"around 2 p.m." 1:40-2:20 p.m. Two claims about the same happening (similar
enough, and their times hang on the same verb or on a verb of occurrence)
conflict when the windows do not meet and corroborate when they do.
Claims "about the same happening" are similar enough and their times hang
on the same event ("derailed" / "the derailment happened").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reconcile.lexicons import group_names
from reconcile.relate.base import CONFLICT, CORROBORATE, ClaimView, Finding, Signal
from reconcile.relate.numbers import WORD_VALUES

_MODIFIER = (r"(?:\b(?P<modifier>(?:shortly|just|soon|right|some time|sometime)\s+(?:before|after)|before|after|around|"
             r"about|approximately|roughly|at|by|until)\s+)?")
# The modifier is a word of its own ("afternoon" is no "after noon") and the hour starts a number
# ("10.05am" is no "05am"); "5.41pm" and "5:41 p.m." are one time.
_CLOCK = re.compile(
    _MODIFIER + r"(?:(?<![\d.:])(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>a\.?m\.?|p\.?m\.?)(?![\w])"
    r"|\b(?P<named>midnight|noon|midday)\b"
    # a 24-hour reading: "04:30", "17:45" (a leading zero or an hour past 12 says so)
    r"|(?<![\d.:])(?P<hour24>0\d|1[3-9]|2[0-3])[:.h](?P<minute24>[0-5]\d)(?![\d.:]|\s*[ap]\.?m)"
    # a bare "1:15" or "3:40": a time of either half of the day unless the words around it say which
    # (a colon only: "1.15" is as often a number)
    r"|(?<![\d.:])(?P<hour12>1[0-2]|[1-9]):(?P<minute12>[0-5]\d)(?![\d.:]|\s*[ap]\.?m))",
    re.IGNORECASE,
)
HOUR_WORDS = {word: int(value) for word, value in WORD_VALUES.items() if 1 <= value <= 12 and word != "dozen"}
_HOUR = r"(?:\d{1,2}|" + "|".join(HOUR_WORDS) + ")"
PART_MINUTES = {"quarter": 15, "half": 30, "five": 5, "ten": 10, "twenty": 20, "twenty-five": 25}
# Times in words: "a quarter past six", "half past seven", "twenty to nine", "eleven o'clock"; the half
# of the day comes from the words around them ("on Tuesday evening"), else it is a time of either half.
# "From five to six" is a range and "five to six people" a count: a time in words opens no range and
# counts nothing (the word after it, if any, is one a time is followed by).
_AFTER_SPOKEN = r"(?=\s*(?:$|[,.;:)\-–—]|(?:on|in|at|this|that|last|local|and|as|when|yesterday|today|tonight)\b))"
_SPOKEN = re.compile(
    r"(?<!\bfrom )(?<!\bbetween )" + _MODIFIER
    + r"(?:(?:a\s+)?(?P<part>" + "|".join(sorted(PART_MINUTES, key=len, reverse=True)) + r")\s+"
    r"(?P<relation>past|to)\s+(?P<base>" + _HOUR + r")\b" + _AFTER_SPOKEN
    + r"|\b(?P<oclock>" + _HOUR + r")\s+o'clock\b)",
    re.IGNORECASE,
)
_DAY_HALF = re.compile(r"\b(?P<pm>evening|afternoon|tonight|night)\b|\b(?P<am>morning|dawn|daybreak)\b", re.IGNORECASE)
OCCURRENCE_VERBS = {"happen", "occur", "take", "strike", "hit", "begin", "start", "come"}
#: verbs whose moment is the moment of what they hold: "the vote will be held on", "hold talks on"
HOLDING_VERBS = {"hold", "stage", "convene", "schedule", "set", "plan", "call"}
SLACK = {"shortly before": (-30, 0), "just before": (-30, 0), "soon before": (-30, 0), "right before": (-15, 0),
         "shortly after": (0, 30), "just after": (0, 30), "soon after": (0, 30), "right after": (0, 15),
         "before": (-120, 0), "after": (0, 120), "around": (-20, 20), "about": (-20, 20),
         "approximately": (-20, 20), "roughly": (-20, 20), "sometime before": (-180, 0),
         "sometime after": (0, 180), "some time before": (-180, 0), "some time after": (0, 180)}


@dataclass(frozen=True)
class ClockTime:
    low: int
    high: int
    text: str
    position: int  # character offset, to find the verb it belongs to
    either_half: bool = False  # "half past five" with no word saying morning or evening: 5:30 or 17:30


def clock_times(text: str) -> list[ClockTime]:
    """The clock times a text states, but not a live blog's time stamp: a bare time opening the
    text ("11:56 am Police name the suspect") dates the entry, not what the entry reports."""
    found = []
    for match in _CLOCK.finditer(text):
        if not match.group("modifier") and not text[: match.start()].strip(" \t\"'(["):
            continue
        if match.group("named"):
            minutes = 0 if match.group("named").lower() == "midnight" else 720
        elif match.group("hour24"):
            minutes = int(match.group("hour24")) * 60 + int(match.group("minute24"))
        elif match.group("hour12"):
            half = _day_half(text, match.start(), match.end())
            minutes = (int(match.group("hour12")) % 12) * 60 + int(match.group("minute12")) + (720 if half == "pm" else 0)
            found.append(_window(match, minutes, match.start("hour12"), either_half=half is None))
            continue
        else:
            hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
            if not (1 <= hour <= 12 and minute < 60):
                continue
            minutes = (hour % 12) * 60 + minute + (720 if match.group("half").lower().startswith("p") else 0)
        found.append(_window(match, minutes, next(match.start(g) for g in ("hour", "named", "hour24") if match.group(g))))
    for match in _SPOKEN.finditer(text):
        base = match.group("base") or match.group("oclock")
        hour = int(base) if base.isdigit() else HOUR_WORDS[base.lower()]
        half = _day_half(text, match.start(), match.end())
        if not 1 <= hour <= 12:
            continue
        minutes = (hour % 12) * 60 + (720 if half == "pm" else 0)
        if match.group("part"):
            offset = PART_MINUTES[match.group("part").lower()]
            minutes += offset if match.group("relation").lower() == "past" else -offset
        found.append(_window(match, minutes % 1440, match.start("part") if match.group("part") else match.start("oclock"),
                             either_half=half is None))
    return _ranges(text, sorted(found, key=lambda time: time.position))


def _ranges(text: str, times: list[ClockTime]) -> list[ClockTime]:
    """"between 2:30 and 3:15": one window from the first to the second, not two moments."""
    merged: list[ClockTime] = []
    for time in times:
        last = merged[-1] if merged else None
        if (last is not None and re.search(r"\bbetween\s+$", text[: last.position])
                and re.fullmatch(r"[\w.:' ]{1,14}?\s+and\s+", text[last.position: time.position])):
            high = time.high if time.high >= last.low else time.high + 1440  # "between 10 p.m. and midnight"
            merged[-1] = ClockTime(last.low, high, f"between {last.text} and {time.text}",
                                   last.position, last.either_half and time.either_half)
        else:
            merged.append(time)
    return merged


def _window(match: re.Match, minutes: int, position: int, either_half: bool = False) -> ClockTime:
    modifier = " ".join((match.group("modifier") or "").lower().split())
    before, after = SLACK.get(modifier, (0, 0))
    return ClockTime(minutes + before, minutes + after, match.group(0).strip(), position, either_half)


def _day_half(text: str, start: int, end: int) -> str | None:
    """"am" or "pm" for a time in words, from a day part just after it ("... past six on Tuesday
    evening") or just before it ("on Monday night, at eleven o'clock"); None when neither says."""
    for window in (text[end: end + 40], text[max(0, start - 30): start]):
        found = _DAY_HALF.search(window)
        if found:
            return "pm" if found.group("pm") else "am"
    return None


def view_clock_times(view: ClaimView) -> list[ClockTime]:
    return clock_times(view.text)


def might_state_time(text: str) -> bool:
    return bool(clock_times(text))


def _overlap(a: ClockTime, b: ClockTime) -> bool:
    # Windows may cross midnight: compare on the 24-hour circle; a time of either half of the day
    # agrees when either reading does, and differs only when both do.
    shifts = (-1440, -720, 0, 720, 1440) if a.either_half or b.either_half else (-1440, 0, 1440)
    for shift in shifts:
        if a.low <= b.high + shift and b.low + shift <= a.high:
            return True
    return False


def token_at(view: ClaimView, position: int):
    """The token of the claim's parse at a character offset of its text (or the space after it), or None."""
    return next((t for t in view.doc if t.idx <= position < t.idx + len(t) + 1), None)


def happening_of(view: ClaimView, time: ClockTime) -> str | None:
    """What happened at that time: the verb the time hangs on, or for 'the derailment happened', its subject."""
    token = token_at(view, time.position)
    while token is not None and token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if token is None:
        return None
    if token.lemma_.lower() in OCCURRENCE_VERBS:
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject.lemma_.lower()
    if token.lemma_.lower() in HOLDING_VERBS:
        # "a service would be held on Friday", "it will hold a meeting on Saturday": what is held
        held = next((c for c in token.children if c.dep_ in ("nsubjpass", "dobj")), None)
        if held is not None and held.pos_ in ("NOUN", "PROPN"):
            return held.lemma_.lower()
    return token.lemma_.lower()


def committed(view: ClaimView, moment) -> bool:
    """The claim commits to the moment: it is not asked about ("it was not clear whether flights
    would resume on Wednesday", "declined to say if it would reopen on Friday")."""
    token = token_at(view, moment.position)
    return token is None or not any(child.dep_ == "mark" and child.lower_ in ("whether", "if")
                                    for verb in (token, *token.ancestors) for child in verb.children)


def event_name(word: str) -> str:
    """The name of a happening's group (lexicon `event_names`: "blast" -> "explosion"), else the word."""
    return group_names("event_names").get(word, word)


def _same_event(first: str | None, second: str | None) -> bool:
    # "derailed" and "the derailment", "meet" and "meeting": compare the stems.
    if not (first and second):
        return False
    shorter, longer = sorted((first, second), key=len)
    return (first[:5] == second[:5] or (len(shorter) >= 4 and longer.startswith(shorter))
            or event_name(first) == event_name(second))


def compare_moments(first: ClaimView, second: ClaimView, similarity: float, read, agree, what: str,
                    ignored: frozenset[str] = frozenset()) -> Finding | None:
    """The first pair of moments (`read(view)`: clock times, dates) the two claims give of one
    happening, as a finding: they agree (`agree(a, b)`) or they differ ("times differ: ..."); None
    when no moment of one happening is in both. Happenings in `ignored` ("say") are not compared."""
    theirs = [(b, happening_of(second, b)) for b in second.feature(read) if committed(second, b)]
    for a in first.feature(read):
        happening = happening_of(first, a)
        if happening in ignored or not committed(first, a):
            continue
        for b, other in theirs:
            if not _same_event(happening, other):
                continue  # moments of different happenings ("left at 11 p.m." / "derailed at 3:40 a.m.")
            score = round(min(1.0, 0.5 + similarity / 2), 3)
            if agree(a, b):
                return Finding(CORROBORATE, score, f"{what} agree: {a.text} and {b.text}")
            return Finding(CONFLICT, score, f"{what} differ: {a.text} vs {b.text}")
    return None


class TimeSignal(Signal):
    name = "times"

    def __init__(self, min_similarity: float = 0.45) -> None:
        self.min_similarity = min_similarity

    def compare(self, first: ClaimView, second: ClaimView, similarity: float) -> Finding | None:
        if similarity < self.min_similarity:
            return None
        return compare_moments(first, second, similarity, view_clock_times, _overlap, "times")
