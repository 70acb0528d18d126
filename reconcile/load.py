"""Stage 1, load: a corpus on disk -> a table of articles.

A corpus may also name its own aliases in `aliases.yaml` (see `load_aliases`).

A corpus is a directory holding either one file per article (`.md` / `.txt`,
with optional YAML front matter) or `.jsonl` / `.csv` files with one article
per record; a single such file may also be given directly. Subdirectories are
read too (hidden ones, starting with '.', are not). `README.md` files are
documentation and are not read as articles. An article written as HTML is
reduced to its text by an HTML parser, one paragraph per block element.

Output: a pandas DataFrame with one row per article, sorted by `id`, columns
`ARTICLE_COLUMNS`. Every problem raises `InputError` naming the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import json
import re
from pathlib import Path

import pandas as pd
import yaml

from reconcile import progress
from reconcile.errors import InputError
from reconcile.tables import frame

ARTICLE_COLUMNS = ["id", "outlet", "title", "date", "url", "path", "text"]
TEXT_SUFFIXES = {".md", ".txt"}
TABLE_SUFFIXES = {".jsonl", ".csv"}
METADATA_FIELDS = ("source", "title", "date", "url")

# Longest article text accepted: far beyond any article, short of what would exhaust memory downstream.
MAX_ARTICLE_CHARACTERS = 5_000_000
# Control characters no text editor writes into prose (tab, newlines, form feed are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# An HTML element a writer of plain text or markdown would not type by accident.
_HTML_TAG = re.compile(r"</?(?:html|head|body|p|div|br|span|a|h[1-6]|ul|ol|li|table|tr|td|th|em|strong|b|i|"
                       r"blockquote|article|section|header|footer|figure|figcaption|img|script|style)\b[^>]*>",
                       re.IGNORECASE)


class _TextLoader(yaml.SafeLoader):
    """YAML's safe loader without its timestamp type: `date: 2024-02-30` stays text, so the date check
    below names the problem instead of the YAML library raising on an impossible day."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def load_corpus(path: Path | str) -> pd.DataFrame:
    """Read every article under `path` (a directory or one .md/.txt/.jsonl/.csv file)."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file or directory")
    if path.is_dir():
        files = sorted(
            (p for p in path.rglob("*")
             if p.is_file()
             and p.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES
             and p.name.lower() != "readme.md"
             and not any(part.startswith(".") for part in p.relative_to(path).parts)),
            key=lambda p: p.relative_to(path).parts,
        )
    else:
        if path.suffix.lower() not in TEXT_SUFFIXES | TABLE_SUFFIXES:
            raise InputError(path, "not a corpus: expected a directory or a .md, .txt, .jsonl or .csv file")
        files = [path]

    records: list[dict] = []
    progress.start("articles", len(files))
    for file in files:
        progress.advance("articles")
        if file.suffix.lower() in TEXT_SUFFIXES:
            records.append(_read_text_article(file))
        elif file.suffix.lower() == ".jsonl":
            records.extend(_read_jsonl(file))
        else:
            records.extend(_read_csv(file))
    if not records:
        raise InputError(path, "empty corpus: no articles found (.md, .txt, .jsonl or .csv)")

    seen: dict[str, str] = {}
    for record in records:
        if record["id"] in seen:
            raise InputError(record["path"], f"duplicate article id {record['id']!r} (also in {seen[record['id']]})")
        seen[record["id"]] = record["path"]

    articles = frame(records, ARTICLE_COLUMNS)
    return articles.sort_values("id", kind="stable").reset_index(drop=True)


ALIASES_FILE = "aliases.yaml"


def load_aliases(path: Path | str) -> dict[str, str]:
    """The corpus's aliases: `aliases.yaml` in the corpus directory, if there is one.

    Format: each canonical name with the other names it goes by:

        Dana Ortiz: [the fire chief, Chief Ortiz]
        Channel 12: [N12, Israel's Channel 12]

    Returns {alias: canonical name}, the canonical names included as their own aliases.
    """
    file = Path(path) / ALIASES_FILE
    if not file.is_file():
        return {}
    try:
        data = yaml.load(_read_utf8(file), Loader=_TextLoader) or {}
    except yaml.YAMLError as error:
        raise InputError(file, f"invalid YAML: {getattr(error, 'problem', None) or 'cannot parse'}") from None
    if not isinstance(data, dict):
        raise InputError(file, "expected 'Canonical name: [alias, ...]' lines")
    aliases: dict[str, str] = {}
    for canonical, others in data.items():
        if isinstance(others, str):
            others = [others]
        if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
            raise InputError(file, f"aliases of {canonical!r} must be a list of names")
        for name in [str(canonical), *others]:
            aliases[name] = str(canonical)
    return aliases


def _read_utf8(file: Path, table: bool = False) -> str:
    """The file's text, checked as one text; a table of articles (JSON Lines, CSV) is not held to an
    article's length here (each of its articles is, on its own, in `_article_record`), so that a
    corpus of thousands of articles in one file is no "giant article"."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise InputError(file, f"cannot read: {error.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(file, f"not UTF-8 text (invalid byte at offset {error.start})") from None
    check_text(text, str(file), max_characters=None if table else MAX_ARTICLE_CHARACTERS)
    return clean_text(text)


#: stray control characters tolerated in one text (scraped news has a few); more is no plain text
MAX_CONTROL_CHARACTERS = 10


def check_text(text: str, where: str, max_characters: int | None = MAX_ARTICLE_CHARACTERS) -> None:
    """Text that no writer of articles produces stops the run: NUL bytes, many control characters,
    a giant file. (A few stray control characters, as scraped news has, are turned into spaces by
    `clean_text`.)"""
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(where, f"NUL byte (binary data?) on line {text.count(chr(10), 0, nul) + 1}: not plain text")
    controls = _CONTROL.findall(text)
    if len(controls) > MAX_CONTROL_CHARACTERS:
        first = _CONTROL.search(text)
        raise InputError(where, f"{len(controls)} control characters (the first U+{ord(first.group()):04X} on line "
                                f"{text.count(chr(10), 0, first.start()) + 1}): not plain text")
    if max_characters is not None and len(text) > max_characters:
        raise InputError(where, f"{len(text):,} characters; an article may have at most {max_characters:,}")


def clean_text(text: str) -> str:
    """A stray control character (U+001C in a scraped article) becomes a space."""
    return _CONTROL.sub(" ", text)


def html_to_text(markup: str) -> str:
    """HTML -> plain text with one paragraph (blank-line separated) per block element; scripts dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for element in soup(["script", "style", "head", "template", "noscript"]):
        element.decompose()
    for element in soup.find_all("br"):
        element.replace_with("\n")
    for element in soup.find_all(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr",
                                  "article", "section", "header", "footer", "figure", "figcaption", "table"]):
        element.insert_before("\n\n")
        element.insert_after("\n\n")
    paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n", soup.get_text()))
    return "\n\n".join(p for p in paragraphs if p)


def _read_text_article(file: Path) -> dict:
    content = _read_utf8(file)
    metadata: dict = {}
    body = content
    match = _FRONT_MATTER.match(content)
    if match:
        try:
            metadata = yaml.load(match.group(1), Loader=_TextLoader) or {}
        except yaml.YAMLError as error:
            metadata = _plain_fields(match.group(1))
            if metadata is None:
                mark = getattr(error, "problem_mark", None)
                where = f" (line {mark.line + 2})" if mark is not None else ""
                problem = getattr(error, "problem", None) or "cannot parse"
                raise InputError(file, f"invalid YAML front matter{where}: {problem}") from None
        if not isinstance(metadata, dict):
            raise InputError(file, "invalid YAML front matter: expected 'key: value' lines")
        body = content[match.end():]
    elif content.startswith("---"):
        raise InputError(file, "invalid front matter: opening '---' has no closing '---' line")
    return _article_record(file, file.stem, metadata, body, front_matter=True)


# A plain value: not one YAML would read as a list, mapping, block or alias. A value may open with a
# quotation mark ('"No warning": residents describe the night'): YAML read it as a quoted string and
# failed on what follows, so the whole line is the headline.
_PLAIN_FIELD = re.compile(rf"^({'|'.join(METADATA_FIELDS)}):[ \t]*([^\s\[{{|>&*!%@`].*?)[ \t]*$")


def _plain_fields(front_matter: str) -> dict | None:
    """Front matter YAML rejects but a reader would not: "title: Cyberattack: what we know".

    Accepted only when every line is one of our four fields as `key: text`; anything else stays an error.
    """
    fields = {}
    for line in front_matter.splitlines():
        if not line.strip():
            continue
        match = _PLAIN_FIELD.match(line)
        if match is None or match.group(1) in fields:
            return None
        fields[match.group(1)] = match.group(2)
    return fields or None


def _read_jsonl(file: Path) -> list[dict]:
    records = []
    for line_number, line in enumerate(_read_utf8(file, table=True).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{file}:{line_number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(where, f"invalid JSON: {error.msg}") from None
        if not isinstance(row, dict):
            raise InputError(where, "expected a JSON object per line")
        records.append(_table_record(file, where, line_number, row))
    return records


def _read_csv(file: Path) -> list[dict]:
    """Strict CSV: a quote left open (it would swallow the rows after it), text after a closing quote or a
    row with more fields than the header is an error naming the line."""
    lines = _read_utf8(file, table=True).splitlines(keepends=True)
    reader = csv.DictReader(lines, strict=True)
    records, start = [], 1
    try:
        fields = reader.fieldnames or []
        if "text" not in fields:
            raise InputError(file, f"no 'text' column (columns: {', '.join(fields) or 'none'})")
        if len(set(fields)) != len(fields):
            raise InputError(file, "a column name appears twice in the header")
        start = reader.line_num + 1
        for row in reader:
            where = f"{file}:{start}"
            if None in row:
                raise InputError(where, f"{len(fields) + len(row[None])} fields, the header has {len(fields)}")
            records.append(_table_record(file, where, start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"{file}:{start}", f"invalid CSV in the record starting here: {error}") from None
    return records



def _table_record(file: Path, where: str, row_number: int, row: dict) -> dict:
    if not isinstance(row.get("text"), str):
        raise InputError(where, "missing 'text' field")
    if not row.get("source"):
        raise InputError(where, "missing 'source' field (the outlet)")
    article_id = str(row.get("id") or f"{file.stem}-{row_number}")
    metadata = {key: row.get(key) for key in METADATA_FIELDS if row.get(key) not in (None, "")}
    return _article_record(file, article_id, metadata, row["text"], where=where)


def _article_record(file: Path, article_id: str, metadata: dict, body: str, where: str | None = None,
                    front_matter: bool = False) -> dict:
    where = where or str(file)
    # "Source:" is our "source": keys are read case-insensitively.
    metadata = {str(key).lower() if str(key).lower() in METADATA_FIELDS else key: value for key, value in metadata.items()}
    if front_matter:
        _check_keys(metadata, where)
    fields = {key: _field_text(metadata.get(key), key, where) for key in METADATA_FIELDS}
    check_text(body, where)
    body = clean_text(body)
    text = (html_to_text(body) if _HTML_TAG.search(body) else body).strip()
    if not text:
        raise InputError(where, "article has no text")
    return {
        "id": _slug(article_id),
        "outlet": fields["source"] or file.stem,
        "title": fields["title"],
        "date": _iso_date(fields["date"], where),
        "url": fields["url"],
        "path": str(file),
        "text": text,
    }


def _check_keys(metadata: dict, where: str) -> None:
    """Other keys are allowed (author, tags...), but one that is nearly ours is a typo, not a choice."""
    for key in metadata:
        if str(key) in METADATA_FIELDS:
            continue
        near = difflib.get_close_matches(str(key).lower(), METADATA_FIELDS, n=1, cutoff=0.75)
        if near:
            raise InputError(where, f"unknown front-matter field {str(key)!r}: did you mean {near[0]!r}?")


def _field_text(value, key: str, where: str) -> str | None:
    """A metadata value as one line of text; a list or mapping is an error, not its Python spelling."""
    if value is None or value == "":
        return None
    if isinstance(value, (list, dict, set, tuple)):
        kind = "mapping" if isinstance(value, dict) else "list"
        raise InputError(where, f"field {key!r} must be text, not a {kind}")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = " ".join(str(value).split())
    return text or None


def _iso_date(text: str | None, where: str) -> str | None:
    if text is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(where, f"date {text!r} is not ISO 8601 (a real date such as 2024-02-13)") from None
    return parsed.date().isoformat() if len(text) == 10 else parsed.isoformat()


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", text.strip()).strip("-").lower()
    return slug or "article"
