"""The intent guard: tell defensive work from offensive work, offline, in milliseconds.

`Guard().check(text_or_messages)` returns a `redline.results.Verdict` citing the constitution.

`Guard` is imported on first use (PEP 562), so that the light modules of this package (the
disguise decoder `normalise`, which the output redlines read disguised prose through) can be
imported without loading the encoder's runtime and numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redline.guard.guard import Guard

__all__ = ["Guard"]


def __getattr__(name: str) -> object:
    if name == "Guard":
        from redline.guard.guard import Guard

        return Guard
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
