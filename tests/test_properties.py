"""Property-based tests: whatever bytes a loader or the sentence splitter is given, the answer is a
result or an InputError (a one-line message), never another exception."""

from __future__ import annotations

import json
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconcile.claims import _sentence_units
from reconcile.errors import InputError
from reconcile.load import ARTICLE_COLUMNS, load_corpus

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a loader may meet: prose, YAML and CSV punctuation, quotes, control characters, other scripts.
pieces = st.sampled_from(["---", "\n", "\r\n", ":", ": ", "- ", "[", "]", "{", "}", '"', "'", ",", "|", ">", "&", "*",
                          "!", "#", "source", "title", "date", "url", "2024-02-30", "2024-02-13", "<p>", "</p>", "<br>",
                          "\x00", "\x07", "\ufeff", "。", "said", "Police", " ", "\t", "text", "id", "?", "."])
texts = st.lists(st.one_of(pieces, st.text(string.printable + "éü中文—“”", max_size=12)), max_size=40).map("".join)


def load_text(name: str, data: bytes):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(data)
        try:
            articles = load_corpus(Path(directory))
        except InputError as error:
            assert "\n" not in str(error) and str(error).startswith(directory)  # names the file or the corpus
            return None
        assert list(articles.columns) == ARTICLE_COLUMNS and len(articles) >= 1
        assert all(isinstance(text, str) and text.strip() for text in articles["text"])
        return articles


@SETTINGS
@given(texts)
def test_any_markdown_article_loads_or_is_a_one_line_error(text):
    load_text("article.md", text.encode("utf-8"))


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_load_or_are_a_one_line_error(data):
    load_text("article.txt", data)


@SETTINGS
@given(texts)
def test_any_csv_loads_or_is_a_one_line_error(text):
    load_text("articles.csv", ("id,source,text\n" + text).encode("utf-8"))


@SETTINGS
@given(st.lists(st.one_of(texts, st.dictionaries(st.sampled_from(["id", "source", "text", "date", "title", "url"]),
                                                 st.one_of(texts, st.integers(), st.none(), st.lists(texts, max_size=2)),
                                                 max_size=6).map(json.dumps)), max_size=5))
def test_any_jsonl_loads_or_is_a_one_line_error(lines):
    load_text("articles.jsonl", "\n".join(lines).encode("utf-8"))


@SETTINGS
@given(texts)
def test_the_sentence_splitter_takes_any_text(text):
    units = list(_sentence_units(text))
    for paragraph, sentence, why in units:
        assert isinstance(paragraph, int) and isinstance(sentence, str) and sentence
        assert why is None or isinstance(why, str)
