"""Stories: a folder holding two unrelated events is two stories, a digest of both belongs to both,
and no claim of one is ever paired with a claim of the other."""

import json

from reconcile.stories import names_in

from conftest import read_json, write_article

QUARRY = [
    ("Dunmere Post", "Seven workers were killed when a rock face collapsed at the Vessard quarry near Dunmere "
     "on Monday morning, the regional labour inspectorate said.\n\nThe collapse happened shortly after 7 a.m., "
     "when a blasting crew was clearing loose stone at the Vessard pit, according to Aldo Brenn of the inspectorate."),
    ("Kelby Radio", "Nine people died in the Vessard quarry collapse outside Dunmere, a spokesman for Tarrow "
     "Aggregates, which runs the pit, told Kelby Radio.\n\nTarrow Aggregates said the rock face at Vessard had "
     "been inspected in March and declared safe."),
    ("Dunmere Evening News", "Rescuers with dogs searched the rubble at the Vessard quarry through the night, and "
     "Dunmere hospital said four injured workers were in a stable condition.\n\nUnion organiser Petra Lusk said "
     "Tarrow Aggregates had ignored repeated warnings about cracks above the Vessard pit."),
]
FERRY = [
    ("Ostric Wire", "At least twelve passengers drowned when the ferry Marit Solen capsized on Lake Orvane late on "
     "Tuesday, the Orvane coastguard said.\n\nThe Marit Solen was carrying about 80 people from Halden Point to "
     "the island of Sarra when a squall hit, according to coastguard commander Ines Rauk."),
    ("Halden Times", "Fifteen bodies have been recovered from Lake Orvane after the sinking of the Marit Solen, "
     "Halden Point harbour master Jens Vall said.\n\nSurvivors told the Halden Times the Marit Solen had left "
     "Halden Point overloaded and was listing before the squall struck."),
    ("Sarra Community Radio", "Families gathered at the Sarra jetty waiting for news of relatives missing since "
     "the Marit Solen went down on Lake Orvane.\n\nThe operator of the Marit Solen, Orvane Lines, denied that the "
     "vessel had been overloaded."),
]
DIGEST = ("World Digest", "Seven workers were killed at the Vessard quarry near Dunmere when a rock face gave way, "
          "the Dunmere inspectorate said.\n\nTarrow Aggregates, which runs the Vessard pit, has suspended blasting.\n\n"
          "On Lake Orvane, the ferry Marit Solen capsized in a squall with about 80 people aboard.\n\n"
          "Orvane Lines said the Marit Solen had not been overloaded when it left Halden Point.")


def test_two_unrelated_events_are_two_stories_and_never_compared(cli, tmp_path):
    corpus = tmp_path / "two-events"
    for n, (outlet, text) in enumerate(QUARRY + FERRY + [DIGEST]):
        write_article(corpus, f"article-{n}.md", text, source=outlet, date=f"2025-05-0{n % 3 + 1}")
    result = cli("run", corpus, "--report", tmp_path / "out.md")
    assert result.exit_code == 0, result.stderr
    export = read_json(tmp_path / "out.json")
    stories = {s["id"]: set(s["articles"]) for s in export["stories"]}
    quarry = {f"article-{n}" for n in range(3)}
    ferry = {f"article-{n}" for n in range(3, 6)}
    assert len(stories) == 2
    assert sorted(map(sorted, stories.values())) == sorted([sorted(quarry | {"article-6"}), sorted(ferry | {"article-6"})])
    claims = {c["id"]: c for c in export["claims"]}
    story_of = {c["id"]: c["story"] for c in export["claims"]}
    digest = [c for c in export["claims"] if c["article"] == "article-6"]
    assert {story_of[c["id"]] for c in digest if "Vessard" in c["text"] or "Tarrow" in c["text"]} == {
        next(s for s, members in stories.items() if "article-0" in members)}
    assert all(story_of[p["a"]] == story_of[p["b"]] for p in export["pairs"])
    # the two tolls (seven or nine dead in the quarry; twelve or fifteen in the lake) are never set against each other
    assert not [p for p in export["pairs"] if {claims[p["a"]]["article"], claims[p["b"]]["article"]} & quarry
                and {claims[p["a"]]["article"], claims[p["b"]]["article"]} & ferry]
    briefing = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert briefing.count("\n## Story ") == 2


def test_names_are_capitalised_words_that_do_not_open_a_sentence():
    assert names_in("Rescuers searched the Vessard quarry on Monday, Aldo Brenn of the inspectorate said.") == [
        "vessard", "aldo", "brenn"]


def test_a_roundup_sentence_naming_little_of_another_story_joins_it_with_the_rest_of_its_section():
    """A roundup mostly about the ferry opens with three sentences on the quarry: two name it clearly,
    the third only a union organiser named once elsewhere. All three belong to the quarry."""
    import numpy as np
    import pandas as pd

    from reconcile.stories import StoryFinder

    quarry = [text for _, text in QUARRY]
    ferry = [text for _, text in FERRY]
    roundup = ["Seven workers were killed at the Vessard quarry near Dunmere.",
               "Tarrow Aggregates has suspended blasting at the Vessard pit.",
               "Organiser Petra Lusk called for an inquiry.",
               "The ferry Marit Solen capsized on Lake Orvane with about 80 people aboard.",
               "Orvane Lines said the Marit Solen had not been overloaded at Halden Point.",
               "Coastguard commander Ines Rauk said the search of Lake Orvane would go on.",
               "Harbour master Jens Vall said fifteen bodies had been recovered from Lake Orvane.",
               "Families waited at the Sarra jetty for news of the Marit Solen.",
               "Survivors said the Marit Solen was listing before the squall on Lake Orvane.",
               "Orvane Lines runs the Halden Point to Sarra crossing."]
    texts, article_of = [], []
    for n, text in enumerate(quarry + ferry):
        for sentence in text.split("\n\n"):
            texts.append(sentence)
            article_of.append(f"a{n}")
    texts += roundup
    article_of += ["roundup"] * len(roundup)
    claims = pd.DataFrame({"id": [f"c{n}" for n in range(len(texts))], "article": article_of, "text": texts})
    articles = pd.DataFrame({"id": [f"a{n}" for n in range(6)] + ["roundup"], "title": [""] * 7})
    # what the articles say: the quarry's near one axis, the ferry's and the roundup's near the other
    embeddings = np.array([[1.0, 0.0] if a in ("a0", "a1", "a2") else [0.0, 1.0] for a in article_of])
    stories = StoryFinder().fit_predict(claims, embeddings, articles).of_claims
    of = dict(zip(range(len(texts)), stories))
    first_quarry, first_ferry = of[0], of[article_of.index("a3")]
    start = article_of.index("roundup")
    assert first_quarry != first_ferry
    assert [of[start + k] for k in range(len(roundup))] == [first_quarry] * 3 + [first_ferry] * 7
