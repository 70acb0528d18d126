"""Stage 5, relate: pairs of claims from different sources -> conflict or corroborate, with a reason.

Input: the claims table (needs `id`, `text`, `source`), their unit vectors
(n, dim) and the `Clustering`. Output: a pairs table, columns `PAIR_COLUMNS`,
one row per related pair (`a` before `b` in claim order), conflicts first.

Candidate pairs are claims of one point (cluster) with different sources,
plus claims carrying an assessment within one topic block, so the work grows
with the sizes of clusters and blocks, never with the corpus squared.
Every signal in `signals` may flag a conflict; the strongest one wins and
its reason is kept. A pair no signal flags corroborates when its similarity
reaches `corroborate_similarity`; otherwise it is left out.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
from spacy.tokens import Doc

from reconcile import progress
from reconcile.cluster import Clustering
from reconcile.defaults import CORROBORATE_SIMILARITY
from reconcile.ordering import stable_max
from reconcile.relate.assessment import AssessmentSignal, has_assessment
from reconcile.relate.base import (
    CONFLICT,
    CORROBORATE,
    REVISION,
    ClaimView,
    Finding,
    Signal,
    phrase_similarity,
    words_in,
)
from reconcile.judge.model import SHIPPED_JUDGE
from reconcile.lexicons import kin
from reconcile.relate.causes import CauseSignal
from reconcile.relate.dates import DateSignal, might_state_date
from reconcile.relate.denials import DenialSignal
from reconcile.relate.events import EventSignal, event_verbs
from reconcile.relate.forecasts import ForecastSignal, might_forecast
from reconcile.relate.judged import JudgeSignal
from reconcile.relate.negation import NegationSignal
from reconcile.relate.numbers import NumberSignal, figures_apart, might_measure_event
from reconcile.relate.quotes import SharedQuoteSignal
from reconcile.relate.revisions import same_source_revisions
from reconcile.relate.stance import SHIPPED_MODEL, RelationModelSignal
from reconcile.relate.times import TimeSignal, might_state_time
from reconcile.parses import contents_of, current_rows, parse_missing, parse_rows
from reconcile.stories import rows_by_story
from reconcile.tables import column, frame
from reconcile.versions import digest_of
from reconcile.workers import LocalRunner, Runner, chunks

PAIR_COLUMNS = ["a", "b", "relation", "score", "reason"]


def default_signals(relation_model: Path | str | None = SHIPPED_MODEL, nli_model: str | None = None,
                    judge: Path | str | None = None, cache=None) -> list[Signal]:
    """The rule signals, the trained relation model (None to leave it out) and, if named, the learned
    judge (a directory such as `SHIPPED_JUDGE`; the CLI names it with --judge; `cache` keeps its
    verdicts) and an NLI cross-encoder."""
    # EntitySignal is not among them: on 300 real FNC-1 bodies a third of the false alarms were its
    # ("September 11" vs "Sept. 11", "Pam" vs "Pamela"), and on our corpora it found no conflict.
    signals: list[Signal] = [NumberSignal(), NegationSignal(), EventSignal(), AssessmentSignal(), TimeSignal(),
                             DateSignal(), ForecastSignal(), CauseSignal(), SharedQuoteSignal(), DenialSignal()]
    if relation_model is not None:
        signals.append(RelationModelSignal(relation_model))
    if judge is not None:
        signals.append(JudgeSignal(judge, cache=cache))
    if nli_model is not None:
        from reconcile.relate.nli import (
            NLISignal,  # loads sentence-transformers' CrossEncoder only when asked
        )

        signals.append(NLISignal(nli_model))
    return signals


def candidate_pairs(claims: pd.DataFrame, clustering: Clustering,
                    event_keys: list[set[tuple[str, bool]]] | None = None) -> list[tuple[int, int]]:
    """Row-index pairs (i < j) worth judging: same point; both assessing, measuring the event,
    timing it or forecasting within one topic of a story; or one negating a happening (a verb) that the other gives, in that
    verb or one of its family (lexicon `happening_kin`), within one story (`event_keys`: each
    claim's (verb, negated) pairs).

    Only claims of one story (`claims["story"]`, where the stories stage has run) are ever paired,
    and never a claim about another or an earlier event (`claims["background"]`).
    """
    sources = claims["source"].tolist()
    background = column(claims, "background", False)
    stories = column(claims, "story")
    groups: dict[tuple, list[int]] = defaultdict(list)
    for row, point in enumerate(clustering.points):
        groups[("point", int(point), stories[row])].append(row)
    for row, text in enumerate(contents_of(claims)):
        # Assessments, event measures (tolls, speed), clock times, dates and forecasts are compared across a
        # topic of the story.
        if (has_assessment(words_in(text)) or might_measure_event(text) or might_state_time(text)
                or might_state_date(text) or might_forecast(text)):
            groups[("story", int(clustering.topics[row]), stories[row])].append(row)
    if event_keys is not None:
        negated = {(stories[row], verb) for row, keys in enumerate(event_keys) for verb, negative in keys if negative}
        families = kin("happening_kin")
        for row, keys in enumerate(event_keys):
            # the negated verb, or one of its family ("no tear gas was used" / "fired tear gas")
            kindred = {word for verb, _ in keys for word in families.get(verb, {verb})}
            for verb in sorted(word for word in kindred if (stories[row], word) in negated):
                groups[("event", verb, stories[row])].append(row)
    pairs = {(i, j) for members in groups.values() for i, j in combinations(members, 2)
             if sources[i] != sources[j] and not background[i] and not background[j]}
    return sorted(pairs)


def similar_story_pairs(claims: pd.DataFrame, embeddings: np.ndarray, min_similarity: float) -> set[tuple[int, int]]:
    """Row-index pairs (i < j) of one story, from different sources, none of them background, whose
    cosine (rounded to 1e-6, so a cosine at the bar falls the same way on any CPU) reaches `min_similarity`."""
    sources = claims["source"].tolist()
    pairs = set()
    for members in rows_by_story(claims).values():
        rows = np.array(members)
        near = np.round(embeddings[rows] @ embeddings[rows].T, 6) >= min_similarity
        for a, b in zip(*np.nonzero(np.triu(near, k=1))):
            i, j = int(rows[a]), int(rows[b])
            if sources[i] != sources[j]:
                pairs.add((i, j))
    return pairs


def story_pairs(claims: pd.DataFrame, readings: dict[int, list[str]], related=None) -> set[tuple[int, int]]:
    """Row-index pairs (i < j) of one story, from different sources, none of them background, that
    both have a reading (`readings`: row -> its phrases, empty for none) and, if given, whose
    readings `related(first, second)` says are of one thing."""
    sources = claims["source"].tolist()
    pairs = set()
    for members in rows_by_story(claims).values():  # (no background claim)
        rows = [row for row in members if readings.get(row)]
        pairs |= {(i, j) for a, i in enumerate(rows) for j in rows[a + 1:]
                  if sources[i] != sources[j] and (related is None or related(readings[i], readings[j]))}
    return pairs


def figure_pairs(claims: pd.DataFrame, clauses: dict[int, list[str]], vectors: dict[str, np.ndarray],
                 min_similarity: float) -> set[tuple[int, int]]:
    """`story_pairs` with a figure each whose clauses (`clauses`: row -> its figures' clauses;
    `vectors`: clause -> unit vector) have a cosine (`phrase_similarity`) of at least
    `min_similarity`: figures that may be of one thing, however unlike the sentences."""
    def alike(first: list[str], second: list[str]) -> bool:
        return any((phrase_similarity(vectors, u, v) or 0.0) >= min_similarity for u in first for v in second)

    return story_pairs(claims, clauses, alike)


def relate(claims: pd.DataFrame, embeddings: np.ndarray, clustering: Clustering,
           signals: list[Signal] | None = None, corroborate_similarity: float = CORROBORATE_SIMILARITY,
           docs: dict[int, Doc] | None = None, events: dict[int, set[tuple[str, bool]]] | None = None,
           cache=None, runner: Runner | None = None, denials: set[tuple[int, int]] | None = None,
           measures: dict | None = None, clauses: dict[int, list[str]] | None = None,
           phrases: dict[str, np.ndarray] | None = None, causes: dict[int, list[str]] | None = None) -> pd.DataFrame:
    """`events`: each claim's happenings (`reconcile.readings`), else read from the parses; `docs`:
    parses already made (`Readings.docs`), the rest parsed here when a pair needs
    them. `cache`: an `EmbeddingCache`; each pair's finding is kept there under both claims, their
    similarity, the signals that read it and the code version (not the point they fall in: a pair
    whose point changed is decided again from its cached findings), so a rerun reads only new pairs.
    `runner`: where the pairs the cache lacks are judged, a few stories per task (`reconcile.workers`;
    here by default). `denials`: the pairs of a denial and the claims it answers
    (`relate.denials.denial_pairs`), read only by the signals that ask for them (`Signal.reads_pairs`).
    `measures`: each claim's measures of the event (`Readings.measures`), for a source's own revisions
    (`relate.revisions`); else read from the parses. `clauses`: row -> its figures' clauses
    (`Readings.clauses`); `phrases`: phrase -> unit vector (`pipeline.phrase_vectors`: those clauses
    and the causes claims give), handed to every signal (`Signal.use_phrase_vectors`). The pairs of a
    story whose figures' clauses are alike (`figure_pairs`) go to the signals that read them
    (`Signal.also_reads`: the number signal); without them figures are compared by what they count
    alone. `causes`: row -> the causes its claim gives (`Readings.causes`): the pairs of a story that
    both give one (`story_pairs`) go to the cause signal."""
    signals = default_signals() if signals is None else signals
    denials = set(denials or ())
    docs = {} if docs is None else docs
    if events is None:
        events = {row: event_verbs(doc) for row, doc in parse_rows(claims, current_rows(claims), docs).items()}
    verbs = [events.get(row, set()) for row in range(len(claims))]
    sentences = claims["text"].tolist()
    texts = contents_of(claims)  # compared on content, not frame
    # The rules read the pairs they pick; a signal with a `story_similarity` (the judge) also reads
    # every pair of a story at least that alike, and it alone reads those.
    ruled = set(candidate_pairs(claims, clustering, verbs))
    wanted = [s.story_similarity for s in signals if s.story_similarity is not None]
    phrases = phrases or {}
    clause_bar = min((s.min_clause_similarity for s in signals if "figures" in s.also_reads), default=None)
    extra = {"figures": figure_pairs(claims, clauses, phrases, clause_bar) if clauses and clause_bar is not None else set(),
             "causes": story_pairs(claims, causes) if causes else set()}
    for signal in signals:
        signal.use_phrase_vectors(phrases)
    pairs = sorted(ruled | denials | {pair for name in sorted(extra) for pair in extra[name]}
                   | (similar_story_pairs(claims, embeddings, min(wanted)) if wanted else set()))
    ids, sources = claims["id"].tolist(), claims["source"].tolist()
    asserted = column(claims, "asserted", True)
    dates = column(claims, "date")
    articles = column(claims, "article", "")
    numbers = claims["sentence"].tolist() if "sentence" in claims else list(range(len(claims)))
    when = [(date or "", article, int(number)) for date, article, number in zip(dates, articles, numbers)]
    similarities = {(i, j): float(np.clip(embeddings[i] @ embeddings[j], -1.0, 1.0)) for i, j in pairs}

    def reads(signal: Signal, pair: tuple[int, int]) -> bool:
        if signal.reads_pairs == "denials":
            return pair in denials
        if any(pair in extra[name] for name in signal.also_reads):
            return True
        return pair in ruled or (signal.story_similarity is not None
                                 and round(similarities[pair], 6) >= signal.story_similarity)

    identities = [signal.identity() for signal in signals]

    def claim_of(row: int) -> tuple:
        """What the signals see of a claim, its parse aside (made again from the content)."""
        return ids[row], texts[row], sentences[row], sources[row], bool(asserted[row]), when[row]

    def key(pair: tuple[int, int]) -> str:
        i, j = pair
        return digest_of("pair", [name for name, s in zip(identities, signals) if reads(s, pair)], claim_of(i),
                         claim_of(j), round(similarities[pair], 6))

    keys = {pair: key(pair) for pair in pairs} if cache is not None else {}
    stored = cache.get_records("pair", list(keys.values())) if cache is not None else {}
    unjudged = [pair for pair in pairs if keys.get(pair) not in stored]

    def task(batch: list[tuple[int, int]], with_docs: bool) -> dict:
        rows = sorted({row for pair in batch for row in pair})
        return {"claims": {row: claim_of(row) for row in rows},
                "docs": {row: docs[row] for row in rows if row in docs} if with_docs else {},
                "pairs": [(i, j, similarities[i, j], [n for n, s in enumerate(signals) if reads(s, (i, j))])
                          for i, j in batch],
                "signals": signals}

    runner = runner or LocalRunner()
    progress.start("relate", len(unjudged))
    findings: dict[tuple[int, int], tuple[list[Finding], bool]] = {}
    if runner.workers == 1:
        findings.update(judge_pairs(task(unjudged, with_docs=True)))
    else:  # a few stories per task, a few tasks per worker; each worker parses its own claims
        stories = column(claims, "story")
        by_story: dict = defaultdict(list)
        for pair in unjudged:
            by_story[stories[pair[0]]].append(pair)
        batches = [[pair for story in group for pair in by_story[story]]
                   for group in chunks(list(by_story), 4 * runner.workers)]
        for found in runner.map(judge_pairs, [task(batch, with_docs=False) for batch in batches]):
            findings.update(found)
    progress.advance("relate", len(unjudged))
    if cache is not None:
        cache.put_records("pair", {keys[pair]: {"findings": [[f.relation, f.score, f.reason, f.learned] for f in found],
                                                "apart": apart} for pair, (found, apart) in findings.items()})
    for pair in pairs:
        if pair not in findings:
            record = stored[keys[pair]]
            findings[pair] = ([Finding(r[0], r[1], r[2], bool(r[3])) for r in record["findings"]], bool(record["apart"]))
    rows = []
    for i, j in pairs:
        found, apart = findings[i, j]
        finding = decide(found, apart, similarities[i, j], bool(clustering.points[i] == clustering.points[j]),
                         corroborate_similarity, bool(asserted[i]) and bool(asserted[j]))
        if finding is not None:
            rows.append({"a": ids[i], "b": ids[j], "relation": finding.relation,
                         "score": round(finding.score, 3), "reason": finding.reason})
    # A source's own figures are never a conflict, but a later one may revise an earlier one.
    rows.extend(same_source_revisions(claims, measures, docs))
    table = frame(rows, PAIR_COLUMNS)
    order = {claim_id: position for position, claim_id in enumerate(claims["id"])}
    if len(table):
        table = table.assign(_conflict=table["relation"].map({CONFLICT: 0, REVISION: 1, CORROBORATE: 2}),
                             _a=table["a"].map(order), _b=table["b"].map(order))
        table = table.sort_values(["_conflict", "_a", "_b"], kind="stable").drop(columns=["_conflict", "_a", "_b"])
    return table.reset_index(drop=True)


def judge_pairs(task: dict) -> dict[tuple[int, int], tuple[list[Finding], bool]]:
    """One batch of pairs -> {(i, j): (what the signals found, are all their figures apart)}.
    `task`: "claims" (row -> id, content, sentence, source, asserted, when), "docs" (row -> parse
    of the content, where already made; the rest parsed here), "pairs" ((i, j, similarity, indices
    of the signals that read it)), "signals". Plain data in and out, so it runs as well on a worker
    (`reconcile.workers`) as here; `decide` turns the result into the pair's relation."""
    docs = parse_missing({row: claim[1] for row, claim in task["claims"].items()}, dict(task["docs"]))
    views = {row: ClaimView(claim_id, text, source, docs[row], asserted, when, sentence)
             for row, (claim_id, text, sentence, source, asserted, when) in task["claims"].items()}
    signals = task["signals"]
    for index, signal in enumerate(signals):
        signal.prepare([(views[i], views[j], similarity) for i, j, similarity, readers in task["pairs"]
                        if index in readers])
    return {(i, j): ([f for n in readers if (f := signals[n].compare(views[i], views[j], similarity))],
                     figures_apart(views[i], views[j]))
            for i, j, similarity, readers in task["pairs"]}


def judge(first: ClaimView, second: ClaimView, similarity: float, signals: list[Signal],
          same_point: bool, corroborate_similarity: float) -> Finding | None:
    """The relation of one pair: the strongest conflict finding, else corroboration, else None.

    A signal may also vouch for agreement (times that match); otherwise a
    corroboration needs both claims in one point and `corroborate_similarity`.
    """
    findings = [f for s in signals if (f := s.compare(first, second, similarity))]
    return decide(findings, figures_apart(first, second), similarity, same_point, corroborate_similarity,
                  first.asserted and second.asserted)


def decide(findings: list[Finding], apart: bool, similarity: float, same_point: bool,
           corroborate_similarity: float, both_asserted: bool) -> Finding | None:
    """`judge`'s verdict from what the signals found (`findings`) and whether the two claims' figures
    all disagree (`apart`): kept apart from the signals so that a pair whose point changed is
    decided again from its cached findings, without being read again."""
    revisions = [f for f in findings if f.relation == REVISION]
    if revisions:  # an explicit update explains the difference: not a contradiction
        return revisions[0]
    conflicts = [f for f in findings if f.relation == CONFLICT]
    if conflicts:
        # A rule's reason names what differs ("14 people vs at least 17"); the judge's only quotes, so
        # it speaks when no rule does.
        named = [f for f in conflicts if not f.learned] or conflicts
        return stable_max(named, score=lambda finding: finding.score)  # ties: signal order
    agreements = [f for f in findings if f.relation == CORROBORATE]
    if agreements:
        agreement = stable_max(agreements, score=lambda finding: finding.score)
    elif same_point and similarity >= corroborate_similarity and not apart:
        agreement = Finding(CORROBORATE, round(similarity, 3), f"same point in other words (similarity {similarity:.2f})")
    else:
        return None
    if both_asserted:
        return agreement
    # Passing on a rumour is weak backing: halve the score and say why.
    return Finding(CORROBORATE, round(agreement.score / 2, 3), f"{agreement.reason}; weak: one side only reports it")
