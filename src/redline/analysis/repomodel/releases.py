"""The release functions Redline knows: which call frees or closes which argument.

Declared once here so that the repository model (argument effects) and the leak finder agree.
`RELEASE_FUNCTIONS` maps a callee name to what it does and to which argument (0-based).
`CONTAINER_INSERTS` are method names that store their argument in a container.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from redline.analysis.repomodel._types import ArgumentEffect

FREES = ArgumentEffect.FREES
CLOSES = ArgumentEffect.CLOSES


@dataclass(frozen=True)
class Release:
    """What a release function does: its effect, on which argument (0-based), and which
    families of owned things it releases (the leak finder's resource kinds, by value)."""

    effect: ArgumentEffect
    argument: int
    families: frozenset[str] = frozenset()


_MEMORY = frozenset({"memory"})
_STREAMS = frozenset({"FILE stream", "pipe stream"})
_DESCRIPTOR = frozenset({"file descriptor"})

#: C library and POSIX functions that release the resource passed as one argument: the one
#: table both the repository model (argument effects) and the leak finder (releasers) read.
RELEASES: Final = MappingProxyType(
    {
        # memory
        "free": Release(FREES, 0, _MEMORY),
        "cfree": Release(FREES, 0, _MEMORY),
        "g_free": Release(FREES, 0, _MEMORY),
        "xfree": Release(FREES, 0, _MEMORY),
        "munmap": Release(FREES, 0),
        "freeaddrinfo": Release(FREES, 0, frozenset({"address list"})),
        "freeifaddrs": Release(FREES, 0),
        "globfree": Release(FREES, 0),
        "regfree": Release(FREES, 0),
        "XFree": Release(FREES, 0),
        "OPENSSL_free": Release(FREES, 0),
        "BIO_free": Release(FREES, 0),
        # files, streams, descriptors, directories, processes, libraries
        "fclose": Release(CLOSES, 0, _STREAMS),
        "pclose": Release(CLOSES, 0, _STREAMS),
        "close": Release(CLOSES, 0, _DESCRIPTOR),
        "_close": Release(CLOSES, 0, _DESCRIPTOR),
        "closedir": Release(CLOSES, 0, frozenset({"directory stream"})),
        "closesocket": Release(CLOSES, 0, _DESCRIPTOR),
        "gzclose": Release(CLOSES, 0),
        "dlclose": Release(CLOSES, 0),
        "iconv_close": Release(CLOSES, 0),
        "mq_close": Release(CLOSES, 0),
        "sem_close": Release(CLOSES, 0),
        "shutdown": Release(CLOSES, 0),
        "CloseHandle": Release(CLOSES, 0, frozenset({"handle"})),
    }
)

#: The same table as (effect, argument index) pairs.
RELEASE_FUNCTIONS: Final = MappingProxyType(
    {name: (release.effect, release.argument) for name, release in RELEASES.items()}
)

#: C++ operators that free their operand (`delete p`, `delete[] p`).
RELEASE_OPERATORS: Final = frozenset({"delete"})

#: Method names that close their receiver (`f.close()` in Python, `stream.close()` in C++).
CLOSING_METHODS: Final = frozenset({"close", "release", "shutdown", "disconnect"})

#: Method names that store their argument in a container or another object.
CONTAINER_INSERTS: Final = frozenset(
    {
        "append",
        "add",
        "extend",
        "insert",
        "appendleft",
        "put",
        "put_nowait",
        "push",
        "setdefault",
        "push_back",
        "push_front",
        "emplace",
        "emplace_back",
        "emplace_front",
        "register",
    }
)

#: Python functions that close their argument (`os.close(fd)`).
PYTHON_RELEASE_FUNCTIONS: Final = MappingProxyType(
    {"os.close": (CLOSES, 0), "os.closerange": (CLOSES, 0)}
)


def release_effect(name: str) -> tuple[ArgumentEffect, int] | None:
    """What calling `name` does to which argument, when `name` is a known release function."""
    return RELEASE_FUNCTIONS.get(name) or PYTHON_RELEASE_FUNCTIONS.get(name)
