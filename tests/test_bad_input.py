"""The catalogue of bad and unusual input, driven through the real CLI.

Every case builds its input in a fresh directory and runs one command. A case that
is an error must end with exit 2, nothing on stdout, one line on stderr that starts
with "error: " and names the problem, no traceback, and outputs untouched: a briefing
already at the target keeps its bytes and no file is added. A case a reader would
expect to work must exit 0 with what the case says.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from conftest import ROOT

GOOD = "The delegation left Cairo on Tuesday after two days of talks, officials said.\n\n" \
       "Egypt and Qatar will host another round next week, according to a senior Egyptian source.\n"
FRONT = "---\nsource: Daily Wire\ntitle: Talks end\ndate: 2024-02-13\n---\n"


@dataclass
class Case:
    name: str
    files: dict[str, bytes | str] = field(default_factory=dict)  # relative path -> content, in the corpus dir
    args: Callable[[Path], list] | None = None  # extra arguments, given the case's directory
    problem: str = ""  # what the one line must say; empty for a case that must work
    exit_code: int = 2
    command: str = "run"
    check: Callable[[Path, object], None] | None = None  # for cases that work: what must hold


def article(text: str = GOOD, front: str = FRONT) -> str:
    return front + text


def csv_text(*rows: str) -> str:
    return "\n".join(("id,source,title,date,text",) + rows) + "\n"


def jsonl(*records) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


ok = {"id": "one", "source": "Wire", "text": GOOD}


def gold_file(directory: Path, content) -> Path:
    path = directory / "gold.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def run_export(directory: Path) -> Path:
    path = directory / "run.json"
    claim = {"id": "one:1", "article": "one", "text": "The delegation left Cairo on Tuesday.", "speaker": None}
    path.write_text(json.dumps({"articles": [{"id": "one"}], "claims": [claim], "pairs": [], "clusters": [],
                                "skipped": []}), encoding="utf-8")
    return path


def damaged_cache(directory: Path, content: bytes) -> Path:
    cache = directory / "cache"
    cache.mkdir()
    (cache / "embeddings.sqlite").write_bytes(content)
    return cache


def truncated_database(directory: Path) -> bytes:
    path = directory / "real.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x TEXT)")
        connection.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 100)
    data = path.read_bytes()
    path.unlink()
    return data[: len(data) // 3]


def claims_of(out: Path) -> list[dict]:
    return json.loads((out / "brief.json").read_text(encoding="utf-8"))["claims"]


CASES = [
    # -- text files -------------------------------------------------------------------------------
    Case("latin-1 bytes", {"a.md": "Caf\xe9 owners said the march was calm.".encode("latin-1")}, problem="not UTF-8"),
    Case("utf-16", {"a.md": "The march was calm, police said.".encode("utf-16")}, problem="not UTF-8"),
    Case("nul bytes", {"a.md": b"The march \x00\x00 was calm, police said."}, problem="NUL byte"),
    Case("control characters", {"a.md": "The march was calm, police said." + "\x07" * 11},
         problem="11 control characters (the first U+0007"),
    Case("escape sequences", {"a.md": "The march was " + "\x1b[31mcalm\x1b[0m, " * 6 + "police said."},
         problem="12 control characters (the first U+001B"),
    Case("front matter never closed", {"a.md": "---\nsource: Wire\n\nThe march was calm, police said."},
         problem="no closing '---'"),
    Case("front matter broken yaml", {"a.md": "---\nsource: [Wire\n---\n" + GOOD}, problem="invalid YAML front matter"),
    Case("impossible day unquoted", {"a.md": article(front="---\nsource: Wire\ndate: 2024-02-30\n---\n")},
         problem="date '2024-02-30' is not ISO 8601"),
    Case("impossible month unquoted", {"a.md": article(front="---\nsource: Wire\ndate: 2024-13-01\n---\n")},
         problem="date '2024-13-01'"),
    Case("impossible day quoted", {"a.md": article(front="---\nsource: Wire\ndate: \"2024-02-30\"\n---\n")},
         problem="date '2024-02-30'"),
    Case("date in words", {"a.md": article(front="---\nsource: Wire\ndate: yesterday\n---\n")}, problem="'yesterday'"),
    Case("date day first", {"a.md": article(front="---\nsource: Wire\ndate: 13/02/2024\n---\n")}, problem="13/02/2024"),
    Case("typo sourc", {"a.md": article(front="---\nsourc: Wire\n---\n")}, problem="did you mean 'source'"),
    Case("typo titel", {"a.md": article(front="---\nsource: Wire\ntitel: Talks\n---\n")}, problem="did you mean 'title'"),
    Case("typo dat", {"a.md": article(front="---\nsource: Wire\ndat: 2024-02-13\n---\n")}, problem="did you mean 'date'"),
    Case("source a list", {"a.md": article(front="---\nsource: [Gamma, Delta]\n---\n")},
         problem="field 'source' must be text, not a list"),
    Case("source a mapping", {"a.md": article(front="---\nsource: {name: Gamma}\n---\n")},
         problem="field 'source' must be text, not a mapping"),
    Case("title a list", {"a.md": article(front="---\nsource: Wire\ntitle:\n  - one\n  - two\n---\n")},
         problem="field 'title' must be text"),
    Case("front matter a list", {"a.md": article(front="---\n- source\n- Wire\n---\n")}, problem="expected 'key: value'"),
    Case("front matter a sentence", {"a.md": article(front="---\njust words\n---\n")}, problem="expected 'key: value'"),
    Case("no text after front matter", {"a.md": FRONT}, problem="article has no text"),
    Case("whitespace only", {"a.md": " \n\n\t\n"}, problem="article has no text"),
    Case("html without text", {"a.md": article("<div><p></p><br></div>")}, problem="article has no text"),
    Case("empty directory", {}, problem="empty corpus"),
    Case("readme only", {"README.md": "# About this corpus\n"}, problem="empty corpus"),
    Case("duplicate id across folders", {"a.md": article(), "day2/a.md": article()}, problem="duplicate article id 'a'"),
    Case("duplicate id md and txt", {"a.md": article(), "a.txt": article()}, problem="duplicate article id 'a'"),
    Case("giant article", {"a.md": "word " * 1_000_001}, problem="at most 5,000,000"),
    # -- CSV ----------------------------------------------------------------------------------------
    Case("csv without text column", {"a.csv": "id,source,body\n1,Wire,Some words here\n"}, problem="no 'text' column"),
    Case("csv quote left open", {"a.csv": csv_text('1,Wire,Talks,2024-02-13,"The delegation left Cairo.',
                                                   "2,Post,Talks,2024-02-13,Another article entirely.")},
         problem="invalid CSV"),
    Case("csv text after closing quote", {"a.csv": csv_text('1,Wire,Talks,2024-02-13,"The delegation" left Cairo.')},
         problem="invalid CSV"),
    Case("csv extra field", {"a.csv": csv_text("1,Wire,Talks,2024-02-13,The delegation left Cairo.,surplus")},
         problem="6 fields, the header has 5"),
    Case("csv missing source", {"a.csv": csv_text("1,,Talks,2024-02-13,The delegation left Cairo.")},
         problem="missing 'source'"),
    Case("csv empty text", {"a.csv": csv_text("1,Wire,Talks,2024-02-13,")}, problem="article has no text"),
    Case("csv duplicate ids", {"a.csv": csv_text("1,Wire,T,2024-02-13,The delegation left.", "1,Post,T,2024-02-13,It stayed.")},
         problem="duplicate article id '1'"),
    Case("csv bad date", {"a.csv": csv_text("1,Wire,Talks,13 Feb,The delegation left Cairo.")}, problem="'13 Feb'"),
    Case("csv column twice", {"a.csv": "id,source,text,text\n1,Wire,One text,Two\n"}, problem="appears twice"),
    Case("csv not utf-8", {"a.csv": "id,source,text\n1,Wire,Caf\xe9 talk\n".encode("latin-1")}, problem="not UTF-8"),
    # -- JSON Lines ---------------------------------------------------------------------------------
    Case("jsonl broken line", {"a.jsonl": jsonl(ok, '{"source": "Wire", "text": ')}, problem="invalid JSON"),
    Case("jsonl a list", {"a.jsonl": jsonl(["Wire", GOOD])}, problem="expected a JSON object"),
    Case("jsonl no text", {"a.jsonl": jsonl({"source": "Wire"})}, problem="missing 'text'"),
    Case("jsonl number text", {"a.jsonl": jsonl({"source": "Wire", "text": 42})}, problem="missing 'text'"),
    Case("jsonl source list", {"a.jsonl": jsonl({"source": ["Gamma", "Delta"], "text": GOOD})},
         problem="field 'source' must be text, not a list"),
    Case("jsonl no source", {"a.jsonl": jsonl({"text": GOOD})}, problem="missing 'source'"),
    Case("jsonl bad date", {"a.jsonl": jsonl({**ok, "date": "2024-02-30"})}, problem="'2024-02-30'"),
    Case("jsonl duplicate ids", {"a.jsonl": jsonl(ok, ok)}, problem="duplicate article id 'one'"),
    Case("jsonl nul", {"a.jsonl": jsonl({"source": "Wire", "text": "Talks\u0000 ended."})}, problem="NUL byte"),
    # -- aliases.yaml -------------------------------------------------------------------------------
    Case("aliases broken yaml", {"a.md": article(), "aliases.yaml": "Dana Ortiz: [Chief"}, problem="invalid YAML"),
    Case("aliases a list", {"a.md": article(), "aliases.yaml": "- Dana Ortiz\n"}, problem="Canonical name: [alias"),
    Case("aliases not names", {"a.md": article(), "aliases.yaml": "Dana Ortiz: {chief: 1}\n"},
         problem="must be a list of names"),
    # -- the corpus argument and outputs ----------------------------------------------------------------
    Case("no such corpus", args=lambda d: [], problem="no such file or directory"),
    Case("pdf as corpus", args=lambda d: [], problem="not a corpus"),
    Case("report is a directory", {"a.md": article()}, args=lambda d: ["--report", d / "out"], problem="is a directory"),
    Case("json is a directory", {"a.md": article()}, args=lambda d: ["--json", d / "out"], problem="is a directory"),
    Case("report and json one file", {"a.md": article()}, args=lambda d: ["--json", d / "out" / "brief.md"],
         problem="named twice"),
    Case("report under a file", {"a.md": article()}, args=lambda d: ["--report", d / "out" / "brief.md" / "x.md"],
         problem="is a file, not a directory"),
    Case("cache dir a file", {"a.md": article()}, args=lambda d: ["--cache-dir", d / "out" / "brief.md"],
         problem="--cache-dir: not a directory"),
    Case("model not there", {"a.md": article()}, args=lambda d: ["--model", "no-such-org/no-such-model"],
         problem="no such model"),
    Case("model a file", {"a.md": article()}, args=lambda d: ["--model", d / "out" / "brief.md"],
         problem="a model is a directory"),
    Case("model an empty directory", {"a.md": article()}, args=lambda d: ["--model", d / "out"],
         problem="cannot load the model"),
    Case("relation model missing", {"a.md": article()}, args=lambda d: ["--relation-model", d / "none.json"],
         problem="cannot load the model"),
    Case("relation model not json", {"a.md": article()},
         args=lambda d: ["--relation-model", d / "out" / "brief.md"], problem="cannot load the model"),
    Case("nli model not there", {"a.md": article()}, args=lambda d: ["--nli-model", "no-such-nli-model"],
         problem="no such model"),
    Case("judge model not a judge", {"a.md": article()}, args=lambda d: ["--judge-model", d / "out"],
         problem="--judge-model: not a judge directory"),
    Case("report with two corpora", {"a.md": article()}, args=lambda d: [d / "corpus"], problem="single CORPUS"),
    # -- score ------------------------------------------------------------------------------------------
    Case("score swapped", command="score",
         args=lambda d: [gold_file(d, {"conflicts": [], "speakers": []}), run_export(d)], problem="arguments swapped"),
    Case("score run given twice", command="score", args=lambda d: [run_export(d), run_export(d)],
         problem="run export, not a gold file"),
    Case("score gold a list", command="score", args=lambda d: [run_export(d), gold_file(d, [])], problem="not a gold file"),
    Case("score gold empty object", command="score", args=lambda d: [run_export(d), gold_file(d, {})],
         problem="not a gold file"),
    Case("score gold quote a number", command="score",
         args=lambda d: [run_export(d), gold_file(d, {"speakers": [{"article": "one", "quote": 7, "speaker": None}]})],
         problem="speakers[0] needs 'article' and a non-empty 'quote'"),
    Case("score gold conflicts not a list", command="score",
         args=lambda d: [run_export(d), gold_file(d, {"conflicts": {"a": 1}})], problem="'conflicts' must be a list"),
    Case("score gold speaker missing", command="score",
         args=lambda d: [run_export(d), gold_file(d, {"speakers": [{"article": "one", "quote": "left"}]})],
         problem="needs 'speaker'"),
    Case("score gold unknown article", command="score",
         args=lambda d: [run_export(d), gold_file(d, {"conflicts": [{"a": {"article": "elsewhere", "quote": "x"},
                                                                     "b": {"article": "one", "quote": "left"}}]})],
         problem="names articles the run does not have: elsewhere"),
    Case("score gold not json", command="score", args=lambda d: [run_export(d), gold_file(d, "{conflicts")],
         problem="not valid JSON"),
    Case("score run missing", command="score", args=lambda d: [d / "none.json", gold_file(d, {"speakers": []})],
         problem="no such file"),
    Case("score run pair to nowhere", command="score",
         args=lambda d: [gold_file(d, {"articles": [], "claims": [], "pairs": [{"a": "x", "b": "y", "relation": "conflict"}]}),
                         gold_file(d / "out", {"speakers": []})], problem="pairs[0] needs"),
]


def _prepare(case: Case, directory: Path):
    corpus = directory / "corpus"
    corpus.mkdir()
    for name, content in case.files.items():
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    out = directory / "out"
    out.mkdir()
    (out / "brief.md").write_text("previous briefing", encoding="utf-8")
    (out / "brief.json").write_text("{}", encoding="utf-8")
    if case.command == "score":
        return ["score", *case.args(directory)]
    target = {"no such corpus": directory / "missing", "pdf as corpus": directory / "article.pdf"}.get(case.name, corpus)
    if case.name == "pdf as corpus":
        target.write_bytes(b"%PDF-1.4")
    args = ["run", target]
    extra = case.args(directory) if case.args else []
    if "--report" not in extra:
        args += ["--report", out / "brief.md"]
    if "--json" not in extra and "--report" not in extra:
        args += ["--json", out / "brief.json"]
    return args + extra


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_one_line_exit_2_and_touches_nothing(cli, tmp_path, case):
    args = _prepare(case, tmp_path)
    before = _snapshot(tmp_path / "out")
    result = cli(*args)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == case.exit_code, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert case.problem in lines[0], lines[0]
    assert _snapshot(tmp_path / "out") == before


# -- input a reader would expect to work --------------------------------------------------------------

def _works(cli, tmp_path, files: dict, *extra):
    corpus = tmp_path / "corpus"
    for name, content in files.items():
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    result = cli("run", corpus, "--report", out / "brief.md", *extra)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result, out


WORKING = {
    "subdirectory": {"a.md": article(), "day2/b.md": article("Police said the march through the centre was calm "
                                                              "and no arrests were made on Saturday.\n")},
    "html": {"a.md": article("<html><body><h1>Talks end</h1><p>The delegation left <b>Cairo</b> on Tuesday after two "
                             "days of talks, officials said.</p><p>Egypt &amp; Qatar will host another round next "
                             "week, a senior Egyptian source said.</p><script>var x = 1;</script></body></html>")},
    "chinese": {"a.md": article("北京市政府周二表示，双方的会谈取得了积极进展。\n\n" + GOOD)},
    "outlet named The": {"a.md": article(front="---\nsource: The\n---\n")},
    "outlet named A": {"a.md": article(front="---\nsource: A\n---\n"), "b.md": article(front="---\nsource: The\n---\n")},
    "long paragraph": {"a.md": article(GOOD + "\n" + "word " * 250_000 + "\n")},
    "headline with colon": {"a.md": article(front="---\nsource: Wire\ntitle: Talks: what we know\n---\n")},
    "headline opening with a quotation": {"a.md": article(front="---\nsource: Wire\ntitle: \"No deal\": talks end\n---\n")},
    "capitalised keys": {"a.md": article(front="---\nSource: Wire\nTitle: Talks end\n---\n")},
    "other front matter keys": {"a.md": article(front="---\nsource: Wire\nauthor: R. Reporter\ntags: [talks]\n---\n")},
    "crlf": {"a.md": article().replace("\n", "\r\n")},
    "stray control character": {"a.md": article(GOOD.replace("Tuesday", "Tuesday\x1c"))},
    "byte order mark": {"a.md": "\ufeff" + article()},
}


@pytest.mark.parametrize("name", list(WORKING))
def test_unusual_input_a_reader_would_write_is_read_as_meant(cli, tmp_path, name):
    result, out = _works(cli, tmp_path, WORKING[name])
    claims = claims_of(out)
    texts = " ".join(c["text"] for c in claims)
    assert "delegation left" in texts or "march" in texts
    if name == "subdirectory":
        assert {c["article"] for c in claims} == {"a", "b"}
    if name == "html":
        assert "<" not in texts and "Egypt & Qatar" in texts and "var x" not in texts
        assert "The delegation left Cairo on Tuesday" in texts
    if name == "chinese":
        assert any("积极进展" in c["text"] for c in claims)
    if name == "long paragraph":
        skipped = json.loads((out / "brief.json").read_text(encoding="utf-8"))["skipped"]
        assert any("too long to be one sentence" in s["why"] and len(s["text"]) < 300 for s in skipped)
    if name == "stray control character":
        assert "\x1c" not in texts and "Tuesday after two days" in texts
    if name == "capitalised keys":
        assert {c["outlet"] for c in claims} == {"Wire"}
    if name == "headline opening with a quotation":
        articles = json.loads((out / "brief.json").read_text(encoding="utf-8"))["articles"]
        assert articles[0]["title"] == '"No deal": talks end'


@pytest.mark.parametrize("content", [b"this is not a database" * 100, "truncated"])
def test_a_damaged_cache_is_moved_aside_and_rebuilt(cli, tmp_path, content):
    data = truncated_database(tmp_path) if content == "truncated" else content
    cache = damaged_cache(tmp_path, data)
    result, out = _works(cli, tmp_path, {"a.md": article()}, "--cache-dir", cache)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: ") and "moved aside" in lines[0]
    assert (cache / "embeddings.sqlite.damaged").read_bytes() == data
    assert claims_of(out)
    again = _works(cli, tmp_path / "again", {"a.md": article()}, "--cache-dir", cache)[0]
    assert again.stderr == ""  # the rebuilt cache is sound


def test_cached_vectors_of_another_size_are_not_used(cli, tmp_path):
    cache = tmp_path / "cache"
    _works(cli, tmp_path / "first", {"a.md": article()}, "--cache-dir", cache)
    with sqlite3.connect(cache / "embeddings.sqlite") as connection:  # as if another model had written them
        connection.execute("UPDATE embeddings SET vector = ?", [bytes(4 * 8)])
    result, out = _works(cli, tmp_path / "second", {"a.md": article()}, "--cache-dir", cache)
    first = json.loads((tmp_path / "first" / "out" / "brief.json").read_text(encoding="utf-8"))
    assert json.loads((out / "brief.json").read_text(encoding="utf-8"))["clusters"] == first["clusters"]


def test_outputs_get_the_umask_mode(cli, tmp_path):
    previous = os.umask(0o027)
    try:
        _, out = _works(cli, tmp_path, {"a.md": article()})
    finally:
        os.umask(previous)
    assert {oct((out / name).stat().st_mode & 0o777) for name in ("brief.md", "brief.json")} == {oct(0o640)}


def test_version(cli):
    from reconcile import __version__

    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"reconcile {__version__}"


def test_interrupted_run_says_so_keeps_embeddings_and_writes_nothing(tmp_path):
    """Ctrl-C during embedding: exit 130, one line, the finished batches in the cache, no briefing."""
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sentences = [f"Officials in district {n} said that {n * 7} homes had been flooded by the river on Monday."
                 for n in range(3000)]
    (corpus / "a.md").write_text(FRONT + "\n\n".join(sentences), encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "reconcile", "run", corpus, "--report", out / "brief.md",
                                "--cache-dir", tmp_path / "cache", "--no-relation-model"],
                               cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                               # a parent that ignores SIGINT (a background job) would hand that on to the child
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    database = tmp_path / "cache" / "embeddings.sqlite"
    deadline = time.time() + 300
    while time.time() < deadline and process.poll() is None and not _stored(database):
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interrupted: nothing written; "), stderr
    kept = int(lines[0].split("; ")[1].split()[0])
    assert kept >= 1 and kept == _stored(database)
    assert not out.exists() and stdout == ""


def _stored(database: Path) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(database) as connection:
            return connection.execute("SELECT count(*) FROM embeddings").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_an_output_directory_that_cannot_be_written_is_one_line_and_nothing_else(tmp_path):
    """As a user: a directory without write permission. As root, who may write anywhere: a read-only bind
    mount in a private mount namespace (skipped where the sandbox allows none)."""
    import shutil
    import subprocess
    import sys

    corpus, locked = tmp_path / "corpus", tmp_path / "locked"
    corpus.mkdir()
    locked.mkdir()
    (corpus / "a.md").write_text(article(), encoding="utf-8")
    command = [sys.executable, "-m", "reconcile", "run", str(corpus), "--report", str(locked / "brief.md"), "--no-cache"]
    if os.geteuid() != 0:
        locked.chmod(0o555)
        expected = "permission denied"
    else:
        if not shutil.which("unshare"):
            pytest.skip("no unshare to make a read-only file system")
        mount = f"mount --bind {locked} {locked} && mount -o remount,bind,ro {locked}"
        probe = subprocess.run(["unshare", "-m", "sh", "-c", mount], capture_output=True)
        if probe.returncode != 0:
            pytest.skip("this sandbox allows no private mount namespace")
        command = ["unshare", "-m", "sh", "-c", f"{mount} && exec \"$0\" \"$@\"", *command]
        expected = "read-only file system"
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"error: {locked / 'brief.md'}: cannot write in {locked} ({expected})"]
    assert list(locked.iterdir()) == []


def test_a_table_of_many_articles_is_no_giant_article(tmp_path):
    """The per-article length limit holds for each article of a JSON Lines corpus, not for the file."""
    import json

    from reconcile.load import MAX_ARTICLE_CHARACTERS, load_corpus

    article = "The bridge reopened on Monday, the council said. " * 2_000
    rows = [{"id": f"a{n}", "source": f"Outlet {n % 3}", "text": article} for n in range(MAX_ARTICLE_CHARACTERS // len(article) + 2)]
    corpus = tmp_path / "many.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    assert corpus.stat().st_size > MAX_ARTICLE_CHARACTERS
    assert len(load_corpus(corpus)) == len(rows)
