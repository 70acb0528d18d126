import pytest

from reconcile.errors import InputError
from reconcile.load import ARTICLE_COLUMNS, load_corpus

from conftest import write_article


def test_front_matter_gives_metadata_and_files_without_it_use_the_stem(tmp_path):
    write_article(tmp_path, "b.md", "Body one.", source="Channel 12", title="T", date="2024-02-13",
                  url="https://example.com/x")
    write_article(tmp_path, "Plain Notes.txt", "Body two.")
    (tmp_path / "README.md").write_text("Not an article.", encoding="utf-8")
    articles = load_corpus(tmp_path)
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert articles["id"].tolist() == ["b", "plain-notes"]
    first, second = articles.to_dict("records")
    assert (first["outlet"], first["title"], first["date"], first["url"]) == (
        "Channel 12", "T", "2024-02-13", "https://example.com/x")
    assert first["text"] == "Body one."
    assert second["outlet"] == "Plain Notes" and second["title"] is None


def test_jsonl_and_csv_corpora(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        '{"id": "x1", "source": "Kan", "text": "One."}\n\n{"source": "Axios", "text": "Two.", "date": "2024-02-12"}\n',
        encoding="utf-8")
    (tmp_path / "b.csv").write_text('source,title,text\nCairo News,Hi,"Three, with a comma."\n', encoding="utf-8")
    articles = load_corpus(tmp_path)
    assert articles["id"].tolist() == ["a-3", "b-2", "x1"]
    assert articles.set_index("id").loc["b-2", "text"] == "Three, with a comma."
    assert load_corpus(tmp_path / "a.jsonl")["outlet"].tolist() == ["Axios", "Kan"]


@pytest.mark.parametrize("name, content, problem", [
    ("bad.md", b"\xff\xfe caf\xe9", "not UTF-8"),
    ("bad.md", b"---\nsource: [unclosed\n---\nText.", "invalid YAML front matter"),
    ("bad.md", b"---\nsource: X\nText without a closing line.", "no closing '---'"),
    ("bad.md", b"---\n- a list\n---\nText.", "expected 'key: value'"),
    ("bad.md", b"---\nsource: X\ndate: yesterday\n---\nText.", "not ISO 8601"),
    ("bad.md", b"---\nsource: X\n---\n   \n", "no text"),
    ("bad.csv", b"source,body\nX,hello\n", "no 'text' column"),
    ("bad.jsonl", b'{"source": "X", "text": "ok"}\n{not json}\n', "invalid JSON"),
    ("bad.jsonl", b'{"text": "no outlet"}\n', "missing 'source'"),
])
def test_bad_input_names_the_file_and_the_problem(tmp_path, name, content, problem):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_corpus(tmp_path)
    message = str(caught.value)
    assert name in message and problem in message and "\n" not in message


def test_empty_corpus_and_missing_path(tmp_path):
    with pytest.raises(InputError, match="empty corpus"):
        load_corpus(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        load_corpus(tmp_path / "nope")


def test_duplicate_ids_are_refused(tmp_path):
    write_article(tmp_path, "same.md", "One.")
    (tmp_path / "rows.jsonl").write_text('{"id": "same", "source": "X", "text": "Two."}\n', encoding="utf-8")
    with pytest.raises(InputError, match="duplicate article id 'same'"):
        load_corpus(tmp_path)


def test_a_colon_in_a_title_is_read_as_a_reader_would(tmp_path):
    # strict YAML rejects an unquoted ": " inside a value; headlines have them all the time
    (tmp_path / "a.md").write_text("---\nsource: Wire\ntitle: Hospital cyberattack: what we know\n"
                                   "date: 2024-11-15\n---\nSystems went down on Monday.\n", encoding="utf-8")
    article = load_corpus(tmp_path).iloc[0]
    assert (article["outlet"], article["title"], str(article["date"])[:10]) == (
        "Wire", "Hospital cyberattack: what we know", "2024-11-15")
    # anything beyond our four fields as plain lines is still an error
    (tmp_path / "a.md").write_text("---\nsource: Wire\nauthor: A: B\n---\nText.\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid YAML front matter"):
        load_corpus(tmp_path)
