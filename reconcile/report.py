"""Stage 6, report: a `Result` -> the markdown briefing and the JSON export.

Both are built in memory as text; `reconcile.outputs` writes them, all or none.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from reconcile.facts import disputed_slots
from reconcile.pipeline import Result

CLAIM_FIELDS = ["id", "article", "outlet", "speaker", "description", "via", "source", "text", "content", "sentence",
                "story", "cluster", "asserted", "background"]
ARTICLE_FIELDS = ["id", "outlet", "title", "date", "url", "path"]


def _records(table: pd.DataFrame, fields: list[str]) -> list[dict]:
    # Stage tables are built by `reconcile.tables.frame`: missing values are already None.
    return table[fields].to_dict("records")


def to_json(result: Result) -> dict:
    """The JSON export, a stable contract (see README, "The JSON export")."""
    claims = _records(result.claims, CLAIM_FIELDS)
    for claim in claims:
        claim["sentence"] = int(claim["sentence"])
    return {
        "articles": _records(result.articles, ARTICLE_FIELDS),
        "stories": [{"id": s["id"], "label": s["label"], "articles": list(s["articles"]), "claims": list(s["claims"])}
                    for s in result.stories.to_dict("records")],
        "claims": claims,
        "facts": _records(result.facts, list(result.facts.columns)),
        "clusters": [{"id": c["id"], "label": c["label"], "claims": list(c["claims"])}
                     for c in result.clusters.to_dict("records")],
        "pairs": [{**p, "score": float(p["score"])} for p in result.pairs.to_dict("records")],
        "skipped": [{**s, "sentence": int(s["sentence"])} for s in _records(result.skipped, list(result.skipped.columns))],
    }


class _Briefing:
    def __init__(self, result: Result) -> None:
        self.result = result
        self.claims = {c["id"]: c for c in _records(result.claims, CLAIM_FIELDS)}
        self.articles = {a["id"]: a for a in _records(result.articles, ARTICLE_FIELDS)}
        self.pairs = result.pairs.to_dict("records")
        self.outlets = sorted({a["outlet"] for a in self.articles.values()})
        self.outlets_by_point: dict[str, set[str]] = defaultdict(set)
        for claim in self.claims.values():
            self.outlets_by_point[claim["cluster"]].add(claim["outlet"])

    # -- pieces -----------------------------------------------------------
    def who(self, claim: dict) -> str:
        """'speaker (description) via relay, outlet' or the outlet alone."""
        if not claim["speaker"]:
            return f"**{_escape(claim['outlet'])}**"
        described = f" ({_escape(claim['description'])})" if claim["description"] else ""
        via = ", ".join(claim["via"])
        return f"**{_escape(claim['speaker'])}**{described}" + (f" via {_escape(via)}" if via else "")

    def where(self, claim: dict) -> str:
        article = self.articles[claim["article"]]
        title = _escape(article["title"] or article["id"])
        title = f"[{title}]({article['url']})" if article["url"] else f"*{title}*"
        date = f", {article['date']}" if article["date"] else ""
        return f"{article['outlet']}: {title}{date}, sentence {claim['sentence']} (`{claim['id']}`)"

    def quote(self, claim: dict) -> str:
        return f"“{_escape(claim['text'])}”"

    # -- sections ---------------------------------------------------------
    def header(self) -> list[str]:
        articles, claims = self.result.articles, self.result.claims
        dates = sorted(d for d in articles["date"] if isinstance(d, str))
        outlets = sorted(set(articles["outlet"]))
        relation_counts = Counter(p["relation"] for p in self.pairs)
        date_range = f"{dates[0][:10]} to {dates[-1][:10]}" if dates else "not given"
        return [
            f"# Briefing: {self.result.corpus}",
            "",
            "| | |",
            "|---|---|",
            f"| Outlets | {len(outlets)}: {', '.join(_escape(o) for o in outlets)} |",
            f"| Articles | {len(articles)} |",
            f"| Claims | {len(claims)} ({len(self.result.skipped)} sentences skipped, see appendix) |",
            f"| Sources | {claims['source'].nunique()} |",
            f"| Dates | {date_range} |",
            f"| Stories | {len(self.result.stories)} |",
            f"| Findings | {relation_counts['conflict']} conflicting pairs, {relation_counts['corroborate']} corroborating pairs, "
            f"{relation_counts['revision']} revisions |",
            "",
        ]

    def disagreements(self) -> list[str]:
        conflicts = [p for p in self.pairs if p["relation"] == "conflict"]
        lines = ["## Disagreements", ""]
        if not conflicts:
            return lines + ["No conflicting claims were found between different sources.", ""]
        lines += ["Each point below gathers claims that contradict each other, most-disputed first. "
                  "Claims are numbered within the point; each flagged pair gives the reason.", ""]
        for number, group in enumerate(_groups(conflicts, self.order), start=1):
            members = sorted({c for p in group for c in (p["a"], p["b"])}, key=self.order)
            label = self.point_label(members, group)
            lines += [f"### {number}. {_escape(label)}", "",
                      f"{len(group)} conflicting pair{'s' * (len(group) != 1)} among {len(members)} claims.", ""]
            index = {claim_id: position for position, claim_id in enumerate(members, start=1)}
            sides = _sides(group, members)
            for claim_id in members:
                claim = self.claims[claim_id]
                side = f"[{sides[claim_id]}] " if sides else ""
                lines += [f"{index[claim_id]}. {side}{self.who(claim)}: {self.quote(claim)}  ",
                          f"   {self.where(claim)}"]
            lines.append("")
            for pair in group:
                a, b = self.claims[pair["a"]], self.claims[pair["b"]]
                lines.append(f"- **{index[pair['a']]} vs {index[pair['b']]}** ({_escape(a['source'])} vs "
                             f"{_escape(b['source'])}): {_escape(pair['reason'])} (score {pair['score']:.2f})")
            lines += ["", "Where each outlet stands:", ""]
            lines += [f"- {line}" for line in self.outlet_stances(members, sides, index)]
            lines.append("")
        return lines

    def outlet_stances(self, members: list[str], sides: dict[str, str], index: dict[str, int]) -> list[str]:
        """One line per outlet: which side its articles carry, and whether in its own voice or relayed."""
        discussing = {outlet for c in members for outlet in self.outlets_by_point[self.claims[c]["cluster"]]}
        lines = []
        for outlet in self.outlets:
            carried = [c for c in members if self.claims[c]["outlet"] == outlet]
            if carried:
                parts = []
                for claim_id in carried:
                    claim = self.claims[claim_id]
                    voice = "in its own voice" if not claim["speaker"] else f"relaying {claim['speaker']}"
                    side = f"side {sides[claim_id]}" if sides else "one side"
                    parts.append(f"{side} ({index[claim_id]}, {voice})")
                carried_sides = {sides.get(c) for c in carried}
                verdict = "carries both sides" if len(carried_sides) > 1 else "carries one side"
                lines.append(f"**{_escape(outlet)}** {verdict}: {'; '.join(parts)}")
            elif outlet in discussing:
                lines.append(f"**{_escape(outlet)}** discusses the point without taking a side")
            else:
                lines.append(f"**{_escape(outlet)}** does not address it")
        return lines

    def point_label(self, members: list[str], group: list[dict]) -> str:
        """The point in dispute, told by the claim most involved in it."""
        involvement = Counter(c for p in group for c in (p["a"], p["b"]))
        central = min(members, key=lambda c: (-involvement[c], self.order(c)))
        label = self.claims[central]["text"]
        return label if len(label) <= 110 else label[:109] + "…"

    def corroborated(self) -> list[str]:
        agreements = [p for p in self.pairs if p["relation"] == "corroborate"]
        lines = ["## Corroborated points", ""]
        if not agreements:
            return lines + ["No point is made by more than one independent source.", ""]
        lines += ["Points made by two or more independent sources. Sources are origins, not outlets: "
                  "two outlets relaying Channel 12 are one source, Channel 12, and are never counted as "
                  "corroborating each other.", ""]
        labels = dict(zip(self.result.clusters["id"], self.result.clusters["label"]))
        by_point: dict[str, set[str]] = defaultdict(set)
        for pair in agreements:
            by_point[self.claims[pair["a"]]["cluster"]].update((pair["a"], pair["b"]))
        ranked = sorted(by_point.items(), key=lambda kv: (-len({self.claims[c]["source"] for c in kv[1]}),
                                                           min(self.order(c) for c in kv[1])))
        for cluster, members in ranked:
            members = sorted(members, key=self.order)
            sources = sorted({self.claims[c]["source"] for c in members})
            lines.append(f"- “{_escape(labels[cluster])}”  ")
            lines.append(f"  backed by {len(sources)} independent sources: {', '.join(_escape(s) for s in sources)}")
            for claim_id in members:
                claim = self.claims[claim_id]
                lines.append(f"  - {self.who(claim)}: {self.quote(claim)} ({self.where(claim)})")
        return lines + [""]

    def single_source(self) -> list[str]:
        paired = {c for p in self.pairs for c in (p["a"], p["b"])}
        worth = [c for c in self.claims.values() if c["id"] not in paired and _worth_checking(c)]
        lines = ["## Single-source claims worth checking", ""]
        if not worth:
            return lines + ["None.", ""]
        lines += ["Claims no other source repeats or contests that carry a figure or come from a named or "
                  "anonymous speaker other than the outlet.", ""]
        for claim in worth:
            lines.append(f"- {self.who(claim)}: {self.quote(claim)} ({self.where(claim)})")
        return lines + [""]

    def source_table(self) -> list[str]:
        counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for pair in self.pairs:
            key = tuple(sorted((self.claims[pair["a"]]["source"], self.claims[pair["b"]]["source"])))
            counts[key][pair["relation"]] += 1
        lines = ["## Source by source", ""]
        if not counts:
            return lines + ["No pairs of sources were related.", ""]
        lines += ["| Source | Source | Agree | Conflict |", "|---|---|---:|---:|"]
        for (first, second), counter in sorted(counts.items(), key=lambda kv: (-kv[1]["conflict"],
                                                                                -kv[1]["corroborate"], kv[0])):
            lines.append(f"| {_escape(first)} | {_escape(second)} | {counter['corroborate']} | {counter['conflict']} |")
        return lines + [""]

    def appendix(self) -> list[str]:
        lines = ["## Appendix: articles", "", "| Article | Outlet | Date | Title |", "|---|---|---|---|"]
        for article in self.articles.values():
            title = _escape(article["title"] or "")
            title = f"[{title or article['url']}]({article['url']})" if article["url"] else title
            lines.append(f"| `{article['id']}` | {_escape(article['outlet'])} | {article['date'] or ''} | {title} |")
        lines += ["", "## Appendix: skipped sentences", ""]
        skipped = _records(self.result.skipped, list(self.result.skipped.columns))
        if not skipped:
            return lines + ["None.", ""]
        lines += ["| Article | Sentence | Text | Why |", "|---|---:|---|---|"]
        for row in skipped:
            lines.append(f"| `{row['article']}` | {row['sentence']} | {_escape(row['text'])} | {row['why']} |")
        return lines + [""]

    def order(self, claim_id: str) -> tuple:
        claim = self.claims[claim_id]
        return claim["article"], claim["sentence"]

    def story_sections(self) -> list[str]:
        """The findings of each story under its own heading; a corpus of one story needs no heading."""
        stories = self.result.stories.to_dict("records")
        if len(stories) <= 1:
            return self.findings()
        lines = []
        for story in stories:
            part = _Briefing(_story_result(self.result, story))
            lines += [f"## Story {story['id']}: {_escape(_shorten(story['label']))}", "",
                      f"{len(story['articles'])} articles, {len(story['claims'])} claims. Its claims are "
                      "compared only with each other.", ""]
            lines += [("#" + line) if line.startswith("##") else line for line in part.findings()]
        return lines

    def revisions(self) -> list[str]:
        revised = [p for p in self.pairs if p["relation"] == "revision"]
        if not revised:
            return []
        lines = ["## Revisions", "", "Figures a later report updates, in its own words (\"the toll has risen to\"): "
                 "shown as revisions, not as contradictions.", ""]
        for pair in revised:
            a, b = self.claims[pair["a"]], self.claims[pair["b"]]
            lines += [f"- {_escape(pair['reason'])}", f"  - {self.who(a)}: {self.quote(a)} ({self.where(a)})",
                      f"  - {self.who(b)}: {self.quote(b)} ({self.where(b)})"]
        return lines + [""]

    def key_facts(self) -> list[str]:
        """One row per slot, one column per source that gives a fact; disputed rows marked."""
        facts = self.result.facts
        if not len(facts):
            return []
        disputed = disputed_slots(facts, self.result.pairs)
        sources = list(dict.fromkeys(facts["source"]))
        lines = ["## Key facts", "", "What each independent source gives for each fact of the story, with the claim "
                 "ids; **disputed** rows hold two claims that conflict.", "",
                 "| Fact | " + " | ".join(_escape(s) for s in sources) + " |",
                 "|---|" + "---|" * len(sources)]
        for slot, group in facts.groupby("slot", sort=False):
            cells = []
            for source in sources:
                given = group[group["source"] == source]
                cells.append("; ".join(f"{_escape(v)} (`{c}`)" for v, c in dict.fromkeys(zip(given["value"], given["claim"]))))
            story = group["story"].iat[0]
            mark = " **disputed**" if (story, slot) in disputed else ""
            lines.append(f"| {_escape(slot)}{mark} | " + " | ".join(cells) + " |")
        return lines + [""]

    def findings(self) -> list[str]:
        return self.key_facts() + self.disagreements() + self.revisions() + self.corroborated() + self.single_source()

    def render(self) -> str:
        sections = [self.header(), self.story_sections(), self.source_table(), self.appendix()]
        return "\n".join(line for section in sections for line in section).rstrip() + "\n"


def _story_result(result: Result, story: dict) -> Result:
    """The part of a result that belongs to one story: its claims, the pairs among them, their points."""
    members = set(story["claims"])
    claims = result.claims[result.claims["id"].isin(members)]
    pairs = result.pairs[result.pairs["a"].isin(members)] if len(result.pairs) else result.pairs
    clusters = result.clusters[result.clusters["id"].isin(set(claims["cluster"]))]
    facts = result.facts[result.facts["story"] == story["id"]] if len(result.facts) else result.facts
    return Result(result.corpus, result.articles, claims, clusters, pairs, result.skipped, [], result.stories, facts)


def _shorten(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_markdown(result: Result) -> str:
    return _Briefing(result).render()


def _groups(pairs: list[dict], order) -> list[list[dict]]:
    """Pairs joined into connected groups of claims, largest first, then by first claim."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        parent[find(pair["a"])] = find(pair["b"])
    grouped: dict[str, list[dict]] = defaultdict(list)
    for pair in pairs:
        grouped[find(pair["a"])].append(pair)
    groups = list(grouped.values())
    return sorted(groups, key=lambda g: (-len(g), min(order(c) for p in g for c in (p["a"], p["b"]))))


def _sides(pairs: list[dict], members: list[str]) -> dict[str, str]:
    """Split a dispute's claims into side A and side B so every conflict crosses sides; {} if impossible.

    `members` gives the reading order: the first claim read is on side A.
    """
    neighbours: dict[str, list[str]] = defaultdict(list)
    for pair in pairs:
        neighbours[pair["a"]].append(pair["b"])
        neighbours[pair["b"]].append(pair["a"])
    sides: dict[str, str] = {}
    for start in members:
        if start in sides:
            continue
        sides[start] = "A"
        queue = [start]
        while queue:
            claim = queue.pop()
            for other in neighbours[claim]:
                expected = "B" if sides[claim] == "A" else "A"
                if other not in sides:
                    sides[other] = expected
                    queue.append(other)
                elif sides[other] != expected:
                    return {}  # three-way dispute: no two sides
    return sides


def _worth_checking(claim: dict) -> bool:
    has_figure = any(ch.isdigit() for ch in claim["text"])
    return has_figure or bool(claim["speaker"])


def _escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_json(result: Result) -> str:
    return json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"
