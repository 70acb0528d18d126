"""Stage 1, load: a corpus on disk -> a table of articles.

A corpus may also name its own aliases in `aliases.yaml` (see `load_aliases`).

A corpus is a directory holding either one file per article (`.md` / `.txt`,
with optional YAML front matter) or `.jsonl` / `.csv` files with one article
per record; a single such file may also be given directly. `README.md` files
inside a corpus directory are documentation and are not read as articles.

Output: a pandas DataFrame with one row per article, sorted by `id`, columns
`ARTICLE_COLUMNS`. Every problem raises `InputError` naming the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import yaml

from reconcile.errors import InputError
from reconcile.tables import frame

ARTICLE_COLUMNS = ["id", "outlet", "title", "date", "url", "path", "text"]
TEXT_SUFFIXES = {".md", ".txt"}
TABLE_SUFFIXES = {".jsonl", ".csv"}
METADATA_FIELDS = ("source", "title", "date", "url")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def load_corpus(path: Path | str) -> pd.DataFrame:
    """Read every article under `path` (a directory or one .md/.txt/.jsonl/.csv file)."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file or directory")
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir()
            if p.is_file()
            and p.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES
            and p.name.lower() != "readme.md"
        )
    else:
        if path.suffix.lower() not in TEXT_SUFFIXES | TABLE_SUFFIXES:
            raise InputError(path, "not a corpus: expected a directory or a .md, .txt, .jsonl or .csv file")
        files = [path]

    records: list[dict] = []
    for file in files:
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
        data = yaml.safe_load(_read_utf8(file)) or {}
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


def _read_utf8(file: Path) -> str:
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise InputError(file, f"cannot read: {error.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(file, f"not UTF-8 text (invalid byte at offset {error.start})") from None


def _read_text_article(file: Path) -> dict:
    content = _read_utf8(file)
    metadata: dict = {}
    body = content
    match = _FRONT_MATTER.match(content)
    if match:
        try:
            metadata = yaml.safe_load(match.group(1)) or {}
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
    return _article_record(file, file.stem, metadata, body)


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
    for line_number, line in enumerate(_read_utf8(file).splitlines(), start=1):
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
    lines = _read_utf8(file).splitlines(keepends=True)
    try:
        reader = csv.DictReader(lines)
        fields = reader.fieldnames or []
        if "text" not in fields:
            raise InputError(file, f"no 'text' column (columns: {', '.join(fields) or 'none'})")
        rows = list(reader)
    except csv.Error as error:
        raise InputError(file, f"invalid CSV: {error}") from None
    return [
        _table_record(file, f"{file}:{row_number}", row_number, row)
        for row_number, row in enumerate(rows, start=2)
    ]


def _table_record(file: Path, where: str, row_number: int, row: dict) -> dict:
    if not isinstance(row.get("text"), str):
        raise InputError(where, "missing 'text' field")
    if not row.get("source"):
        raise InputError(where, "missing 'source' field (the outlet)")
    article_id = str(row.get("id") or f"{file.stem}-{row_number}")
    metadata = {key: row.get(key) for key in METADATA_FIELDS if row.get(key) not in (None, "")}
    return _article_record(file, article_id, metadata, row["text"], where=where)


def _article_record(file: Path, article_id: str, metadata: dict, body: str, where: str | None = None) -> dict:
    where = where or str(file)
    text = body.strip()
    if not text:
        raise InputError(where, "article has no text")
    outlet = metadata.get("source") or file.stem
    return {
        "id": _slug(article_id),
        "outlet": str(outlet).strip(),
        "title": str(metadata["title"]).strip() if metadata.get("title") else None,
        "date": _iso_date(metadata.get("date"), where),
        "url": str(metadata["url"]).strip() if metadata.get("url") else None,
        "path": str(file),
        "text": text,
    }


def _iso_date(value, where: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(where, f"date {text!r} is not ISO 8601 (e.g. 2024-02-13)") from None
    return parsed.date().isoformat() if len(text) == 10 else parsed.isoformat()


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", text.strip()).strip("-").lower()
    return slug or "article"
