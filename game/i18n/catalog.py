"""Refresh and check the translation catalogs: ``python -m game.i18n.catalog update``.

``update`` extracts every message from the code and the level files (settings in
``[tool.babel.*]`` of pyproject.toml), merges them into ``locales/<lang>/LC_MESSAGES/game.po``,
fills the English catalog (msgstr = msgid), and compiles every ``.mo``.
``check`` lists what a translator still has to do and exits non-zero while anything is left.
Run both from a clone of the project (the catalogs live beside the package).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from game.i18n import DOMAIN, LANGUAGES
from game.paths import locales_dir

__all__ = ["po_path", "mo_path", "pot_path", "read_catalog", "placeholders", "problems", "main"]

#: The language whose catalog mirrors the source strings.
SOURCE_LANGUAGE = "en"
#: Width of the .po files (pyproject's settings say the same to pybabel).
PO_WIDTH = 100

# str.format fields ("{amount}", "{0}", "{value:.1f}") and printf conversions ("%s", "%(n)d");
# no space flag, so prose such as "below 3% in every year" holds no placeholder.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0+]*\d*(?:\.\d+)?[sdifgeExXr%]")


def pot_path() -> Path:
    return locales_dir() / f"{DOMAIN}.pot"


def po_path(lang: str) -> Path:
    return locales_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fileobj:
        return read_po(fileobj, locale=lang, domain=DOMAIN)


def placeholders(text: str) -> list[str]:
    """The placeholders of a message, sorted (order may change in a translation)."""
    return sorted(m.group(0) for m in _PLACEHOLDER.finditer(text) if m.group(0) != "%%")


def _strings(message: Message) -> tuple[list[str], list[str]]:
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    strs = list(message.string) if isinstance(message.string, tuple | list) else [message.string]
    return ids, strs


def problems(catalog: Catalog) -> list[str]:
    """What is wrong with a catalog: untranslated, fuzzy, or placeholders that differ."""
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids, strs = _strings(message)
        label = ids[0].splitlines()[0][:70] if ids[0] else ""
        if message.fuzzy:
            found.append(f"fuzzy: {label!r}")
        if not all(strs):
            found.append(f"untranslated: {label!r}")
            continue
        expected = placeholders(ids[0])
        for text in strs:
            if placeholders(text) != expected:
                found.append(f"placeholders {placeholders(text)} ≠ {expected}: {label!r}")
    return found


@contextlib.contextmanager
def _in_project_root() -> Iterator[Path]:
    """pybabel reads pyproject.toml and resolves paths from the working directory."""
    root = locales_dir().parent
    if not (root / "pyproject.toml").is_file():
        raise FileNotFoundError(
            f"no pyproject.toml beside {locales_dir()}: run this from a clone of the project"
        )
    before = Path.cwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(before)


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "--quiet", *args])


def extract(output: Path | None = None) -> Path:
    """Write the template (default locales/game.pot) from the code and the level files."""
    target = Path(output).resolve() if output else pot_path()
    with _in_project_root():
        _pybabel("extract", "--output-file", str(target))
    return target


def _mirror_source(path: Path) -> None:
    """English is the source language: every msgstr equals its msgid."""
    catalog = read_catalog(path, SOURCE_LANGUAGE)
    for message in catalog:
        if message.id:
            message.string = message.id
            message.flags.discard("fuzzy")
    with path.open("wb") as fileobj:
        write_po(fileobj, catalog, width=PO_WIDTH, sort_output=True, include_lineno=False)


def merge() -> None:
    """Bring every language's .po in line with the template (new catalogs are created)."""
    with _in_project_root():
        for lang in LANGUAGES:
            command = "update" if po_path(lang).exists() else "init"
            _pybabel(command, "--locale", lang)
            if lang == SOURCE_LANGUAGE:
                _mirror_source(po_path(lang))


def compile_all() -> list[Path]:
    """Compile every .po to its .mo, fuzzy entries left out."""
    written = []
    for lang in LANGUAGES:
        catalog = read_catalog(po_path(lang), lang)
        with mo_path(lang).open("wb") as fileobj:
            write_mo(fileobj, catalog, use_fuzzy=False)
        written.append(mo_path(lang))
    return written


@dataclass
class Stats:
    lang: str
    total: int
    translated: int
    issues: list[str]


def stats(lang: str) -> Stats:
    catalog = read_catalog(po_path(lang), lang)
    messages = [m for m in catalog if m.id]
    translated = sum(1 for m in messages if all(_strings(m)[1]) and not m.fuzzy)
    return Stats(lang, len(messages), translated, problems(catalog))


def _report(out) -> int:
    status = 0
    for lang in LANGUAGES:
        result = stats(lang)
        print(f"{lang}: {result.translated}/{result.total} translated", file=out)
        for issue in result.issues:
            print(f"  {issue}", file=out)
        status |= bool(result.issues)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.i18n.catalog",
        description="Extract, merge and compile the game's translation catalogs.",
    )
    parser.add_argument(
        "command",
        choices=["update", "compile", "check"],
        help="update: extract, merge and compile; compile: only compile; check: list what is left",
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "update":
            extract()
            merge()
        if args.command in ("update", "compile"):
            compile_all()
        if args.command == "compile":
            return 0
        status = _report(sys.stdout)
        return status if args.command == "check" else 0
    except (OSError, ValueError) as error:
        # A broken level file or a missing folder: one clear line, no traceback.
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
