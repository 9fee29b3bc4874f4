"""A package given a name one slip away from a well-known package's (PACKAGE_NAME_BORROWED).

Typosquatting publishes a package under a near miss of a popular name (`reqeusts` for
`requests`, `colourama` for `colorama`, `crossenv` for `cross-env`), so that whoever mistypes
an install gets the squatter's code. A name is read where a manifest is given one: `name =
"..."`, `name="..."` inside a `sed` substitution of `setup.py` or `pyproject.toml`,
`"name": "..."` in `package.json`, `npm pkg set name=...`, jq's `.name = "..."`. It is borrowed
when, compared as the registries compare names (case folded, `-`, `_` and `.` runs as one
`-`), it differs from a well-known package's by a single edit (a letter added, dropped,
replaced, or two neighbours swapped) and is not that name itself. Well-known names shorter
than five characters are left out: too many honest names lie one letter from them.

Only text that also publishes (`publish`, `upload`, `gem push`) is read: a name alone is no
act. `ACT-POISONED-PUBLISH` refuses the name borrowed with the publish beside it.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit, lowered_once

WELL_KNOWN_PACKAGES = frozenset(
    {
        # PyPI
        "requests", "urllib3", "numpy", "pandas", "django", "flask", "boto3", "botocore",
        "setuptools", "python-dateutil", "pyyaml", "colorama", "cryptography", "pillow",
        "scipy", "matplotlib", "tensorflow", "torch", "beautifulsoup4", "selenium", "jinja2",
        "certifi", "charset-normalizer", "pytest", "click", "sqlalchemy", "psycopg2",
        "pymongo", "paramiko", "openai", "scikit-learn", "fastapi", "uvicorn", "pydantic",
        "aiohttp", "httpx", "tqdm", "pyjwt", "bcrypt", "pycryptodome", "keras", "opencv-python",
        "websocket-client", "google-auth", "protobuf", "grpcio", "kubernetes", "docker",
        # npm
        "lodash", "express", "react", "react-dom", "axios", "chalk", "commander", "moment",
        "request", "debug", "underscore", "jquery", "webpack", "typescript", "eslint",
        "cross-env", "dotenv", "body-parser", "mongoose", "socket.io", "electron", "angular",
        "yargs", "ua-parser-js", "node-fetch", "event-stream", "colors", "discord.js",
        "bootstrap", "prettier", "nodemon", "jsonwebtoken", "minimist", "semver", "rimraf",
        "fs-extra", "inquirer", "puppeteer", "babel-cli", "coffee-script", "node-sass",
        "mysql2", "sqlite3", "nodemailer", "passport", "cookie-parser", "classnames",
        "tailwindcss", "vite", "esbuild",
    }
)  # fmt: skip
"""Packages among the most installed from PyPI and npm, by the name users type."""
_SHORTEST_READ = 5
"""Well-known names shorter than this are not compared (`six`, `vue`, `next`)."""

_PUBLISHING = ("publish", "upload", "gem push")
_NAME_GIVEN = re.compile(
    r"""(?<![\w-])(?:\.?name['"]?\s*[=:]\s*['"]?|\bpkg\s+set\s+['"]?name=['"]?)"""
    r"""(?P<name>@?[A-Za-z0-9][\w.-]{1,60}(?:/[A-Za-z0-9][\w.-]{1,60})?)""",
)
"""A name given to a package in its manifest (a scope kept, to be dropped)."""
_SEPARATORS = re.compile(r"[-_.]+")


def _normalised(name: str) -> str:
    """`name` as the registries compare it: lower case, separator runs as one `-`, no scope."""
    return _SEPARATORS.sub("-", name.rsplit("/", 1)[-1].lower())


_KNOWN = frozenset(_normalised(n) for n in WELL_KNOWN_PACKAGES if len(n) >= _SHORTEST_READ)


def one_slip_apart(first: str, second: str) -> bool:
    """Whether `first` and `second` differ by exactly one added, dropped or replaced
    character, or by two neighbours swapped."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        differ = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
        if len(differ) == 1:
            return True
        return (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and first[differ[0]] == second[differ[1]]
            and first[differ[1]] == second[differ[0]]
        )
    shorter, longer = sorted((first, second), key=len)
    cut = next(
        (i for i, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b), len(shorter)
    )
    return shorter[cut:] == longer[cut + 1 :]


_KNOWN_IN_ORDER = tuple(sorted(_KNOWN))
"""The well-known names in a fixed order, so the first one a name slips from is always the same."""


def borrowed_from(name: str) -> str | None:
    """The well-known package whose name `name` is one slip away from, or None."""
    normal = _normalised(name)
    if normal in _KNOWN:
        return None
    return next((known for known in _KNOWN_IN_ORDER if one_slip_apart(normal, known)), None)


def borrowed_name_hits(code: str, offset: int = 0) -> list[Hit]:
    """Each name a manifest is given that is one slip away from a well-known package's, in
    text that also publishes."""
    lowered = lowered_once(code)
    if "name" not in lowered or not any(word in lowered for word in _PUBLISHING):
        return []
    return [
        Hit(Capability.PACKAGE_NAME_BORROWED, offset + m.start(), offset + m.end(), m.group(0))
        for m in _NAME_GIVEN.finditer(code)
        if borrowed_from(m.group("name")) is not None and not _only_read(code, m.start())
    ]


_COMMAND_START = re.compile(r"(?:^|[;&|\n(]|\$\()\s*(?:sudo\s+)?([\w.-]+)[^;&|\n(]*$")
_READERS = frozenset({"grep", "egrep", "fgrep", "rg", "ag", "cat", "less", "head", "tail", "test"})
"""Programs that only look at a manifest: a name they are handed is checked, not given."""


def _only_read(code: str, start: int) -> bool:
    """Whether the command holding `start` only reads (`grep -q 'name = "scapy"' ...`)."""
    line_start = code.rfind("\n", 0, start) + 1
    command = _COMMAND_START.search(code, line_start, start)
    return command is not None and command.group(1) in _READERS
