"""The gateway's configuration: one TOML file, then environment variables, then flags.

Everything has an embedded default, so `redline serve` with no file and no flags starts a
working server (the built-in `redline-analyst`, a SQLite audit log in the working directory).
Validation happens at start; an error names the file, the line and the key.

```toml
[server]
host = "127.0.0.1"
port = 8000
max_body_bytes = 1048576   # larger request bodies get 413
fail_open = false          # true serves unchecked when the guard itself fails (logged each time)
inline_guard_chars = 2048  # requests up to this many characters are judged on the event loop
                           # (a few ms); longer ones on a guard thread
remember_verdicts = 4096   # verdicts on requests kept for an agent loop's later steps (0: none)
access_log = false         # a line per HTTP request on stderr (the audit log has every decision)

[upstream]
url = "http://127.0.0.1:8080/v1"   # any OpenAI-compatible API; unset = redline-analyst only
key_env = "OPENAI_API_KEY"          # the environment variable holding its API key
connect_timeout = 5.0
read_timeout = 60.0                 # longest wait for the next byte from the upstream
overlap_guard = false               # true: call the upstream while the guard judges, hiding
                                    # the guard's time; a refusal cancels the call, but the
                                    # upstream will have seen the refused request

[audit]
db = "redline-audit.db"    # a file, sqlite:///path or postgresql://...
text = false               # true keeps full texts; otherwise only their SHA-256
require = true             # refuse to serve while the audit store is failing

[analyst]
root = "."                 # file paths named in a conversation must lie under this folder

[output]
holdback_chars = 1024      # code judged but held back; unset: the monitor's default
prose_holdback_chars = 0   # plain prose held back the same way; unset: the monitor's default
max_holdback_chars = 4096  # how far the code holdback grows once a block looks suspect;
                           # unset: 4 x holdback_chars
```
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from redline.audit import DEFAULT_AUDIT_DB
from redline.constitution.locate import KeyLines
from redline.errors import InputError


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ServerSettings(_Section):
    """Where to listen, how big a request may be, and what to do when the guard fails."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    max_body_bytes: int = Field(default=1024 * 1024, ge=1)
    fail_open: bool = False
    inline_guard_chars: int = Field(default=2048, ge=0)
    remember_verdicts: int = Field(default=4096, ge=0)
    access_log: bool = False


class UpstreamSettings(_Section):
    """The OpenAI-compatible API requests are forwarded to; none means redline-analyst only."""

    url: str | None = None
    key_env: str | None = None
    connect_timeout: float = Field(default=5.0, gt=0)
    read_timeout: float = Field(default=60.0, gt=0)
    overlap_guard: bool = False

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is None or url == "":
            return None
        if not url.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return url.rstrip("/")

    def api_key(self) -> str | None:
        """The upstream API key, read from the environment variable `key_env` names."""
        return os.environ.get(self.key_env) if self.key_env else None


class AuditSettings(_Section):
    """Where decisions are recorded and how much of each text is kept."""

    db: str = DEFAULT_AUDIT_DB
    text: bool = False
    require: bool = True


class AnalystSettings(_Section):
    """The built-in `redline-analyst` model."""

    root: Path = Path()


class OutputSettings(_Section):
    """The output monitor that watches every streamed answer."""

    holdback_chars: int | None = Field(default=None, ge=0)
    prose_holdback_chars: int | None = Field(default=None, ge=0)
    max_holdback_chars: int | None = Field(default=None, ge=0)
    constitution: Path | None = None


class GatewayConfig(_Section):
    """The whole configuration of `redline serve`."""

    server: ServerSettings = ServerSettings()
    upstream: UpstreamSettings = UpstreamSettings()
    audit: AuditSettings = AuditSettings()
    analyst: AnalystSettings = AnalystSettings()
    output: OutputSettings = OutputSettings()


# Environment variables, each setting one key.
ENVIRONMENT: dict[str, tuple[str, str]] = {
    "REDLINE_HOST": ("server", "host"),
    "REDLINE_PORT": ("server", "port"),
    "REDLINE_MAX_BODY_BYTES": ("server", "max_body_bytes"),
    "REDLINE_FAIL_OPEN": ("server", "fail_open"),
    "REDLINE_ACCESS_LOG": ("server", "access_log"),
    "REDLINE_UPSTREAM": ("upstream", "url"),
    "REDLINE_UPSTREAM_KEY_ENV": ("upstream", "key_env"),
    "REDLINE_UPSTREAM_READ_TIMEOUT": ("upstream", "read_timeout"),
    "REDLINE_OVERLAP_GUARD": ("upstream", "overlap_guard"),
    "REDLINE_AUDIT_DB": ("audit", "db"),
    "REDLINE_AUDIT_TEXT": ("audit", "text"),
    "REDLINE_ANALYST_ROOT": ("analyst", "root"),
}


def load_config(
    path: Path | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    environ: Mapping[str, str] | None = None,
) -> GatewayConfig:
    """Read the TOML file (if any), apply environment variables, then `overrides` (the flags).

    Raises InputError naming the source, line and key of the first problem.
    """
    data: dict[str, dict[str, Any]] = {}
    lines: KeyLines | None = None
    source = "<defaults>"
    if path is not None:
        source = str(path)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{path}: cannot read the configuration: {error}") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise InputError(f"{path}: not valid TOML: {error}") from None
        lines = KeyLines(text)
    environment = os.environ if environ is None else environ
    for variable, (section, key) in ENVIRONMENT.items():
        if environment.get(variable) not in (None, ""):
            data.setdefault(section, {})[key] = environment[variable]
    for section, values in (overrides or {}).items():
        for key, value in values.items():
            if value is not None:
                data.setdefault(section, {})[key] = value
    try:
        return GatewayConfig.model_validate(data)
    except ValidationError as error:
        item = error.errors()[0]
        location = tuple(item["loc"])
        key = ".".join(str(part) for part in location)
        line = lines.line_of(location) if lines is not None else None
        where = f"{source}:{line}" if line else source
        problem = "unknown key" if item["type"] == "extra_forbidden" else item["msg"]
        origin = _environment_origin(location)
        hint = f" (from ${origin})" if origin and origin in environment else ""
        raise InputError(f"{where}: {key}: {problem}{hint}") from None


def _environment_origin(location: tuple[Any, ...]) -> str | None:
    for variable, place in ENVIRONMENT.items():
        if place == location[:2]:
            return variable
    return None
