"""What the standard C and C++ libraries (and POSIX) say about owning things.

One table per idea: which calls hand out something that must be released (an allocation, a
`FILE *`, a descriptor, a directory stream...), which calls release it, and which library calls
only read or write through a pointer without keeping it. Wrappers written in the analysed code
are not listed here: the engine discovers them by following calls into their definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from redline.analysis.repomodel.releases import RELEASES


class ResourceKind(StrEnum):
    """Families of owned things; each has its own releasers and failure value."""

    MEMORY = "memory"
    NEW = "new"
    NEW_ARRAY = "new[]"
    FILE = "FILE stream"
    DESCRIPTOR = "file descriptor"
    DIRECTORY = "directory stream"
    PIPE = "pipe stream"
    ADDRINFO = "address list"
    HANDLE = "handle"

    @property
    def is_memory(self) -> bool:
        """True for heap memory (CWE-401), False for other resources (CWE-775)."""
        return self in (ResourceKind.MEMORY, ResourceKind.NEW, ResourceKind.NEW_ARRAY)

    @property
    def failure_value(self) -> int:
        """What the acquiring call returns when it fails (-1 for descriptors, else NULL)."""
        return -1 if self is ResourceKind.DESCRIPTOR else 0

    @property
    def releaser(self) -> str:
        """The call that releases one of these, as a patch writes it."""
        return _PREFERRED_RELEASER[self]


_PREFERRED_RELEASER = {
    ResourceKind.MEMORY: "free",
    ResourceKind.NEW: "delete",
    ResourceKind.NEW_ARRAY: "delete[]",
    ResourceKind.FILE: "fclose",
    ResourceKind.DESCRIPTOR: "close",
    ResourceKind.DIRECTORY: "closedir",
    ResourceKind.PIPE: "pclose",
    ResourceKind.ADDRINFO: "freeaddrinfo",
    ResourceKind.HANDLE: "CloseHandle",
}


@dataclass(frozen=True)
class Acquirer:
    """A call that hands out an owned resource, by return value or through an out-argument."""

    kind: ResourceKind
    out_argument: int | None = None  # index of the `T **` argument that receives it
    reallocates: int | None = None  # index of the argument it resizes (realloc)
    can_fail: bool = True


_M = ResourceKind.MEMORY
ACQUIRERS: dict[str, Acquirer] = {
    **{
        name: Acquirer(_M)
        for name in (
            "malloc",
            "calloc",
            "strdup",
            "strndup",
            "wcsdup",
            "_strdup",
            "_wcsdup",
            "aligned_alloc",
            "memalign",
            "valloc",
            "pvalloc",
            "g_malloc",
            "g_malloc0",
            "g_strdup",
            "xmalloc",
            "xcalloc",
            "xstrdup",
        )
    },
    "realloc": Acquirer(_M, reallocates=0),
    "reallocf": Acquirer(_M, reallocates=0),
    "reallocarray": Acquirer(_M, reallocates=0),
    "asprintf": Acquirer(_M, out_argument=0),
    "vasprintf": Acquirer(_M, out_argument=0),
    "posix_memalign": Acquirer(_M, out_argument=0),
    "fopen": Acquirer(ResourceKind.FILE),
    "fopen64": Acquirer(ResourceKind.FILE),
    "_wfopen": Acquirer(ResourceKind.FILE),
    "fdopen": Acquirer(ResourceKind.FILE),
    "tmpfile": Acquirer(ResourceKind.FILE),
    "fmemopen": Acquirer(ResourceKind.FILE),
    "open_memstream": Acquirer(ResourceKind.FILE),
    "freopen": Acquirer(ResourceKind.FILE),
    "open": Acquirer(ResourceKind.DESCRIPTOR),
    "open64": Acquirer(ResourceKind.DESCRIPTOR),
    "openat": Acquirer(ResourceKind.DESCRIPTOR),
    "_open": Acquirer(ResourceKind.DESCRIPTOR),
    "_wopen": Acquirer(ResourceKind.DESCRIPTOR),
    "creat": Acquirer(ResourceKind.DESCRIPTOR),
    "socket": Acquirer(ResourceKind.DESCRIPTOR),
    "accept": Acquirer(ResourceKind.DESCRIPTOR),
    "accept4": Acquirer(ResourceKind.DESCRIPTOR),
    "dup": Acquirer(ResourceKind.DESCRIPTOR),
    "epoll_create": Acquirer(ResourceKind.DESCRIPTOR),
    "epoll_create1": Acquirer(ResourceKind.DESCRIPTOR),
    "eventfd": Acquirer(ResourceKind.DESCRIPTOR),
    "timerfd_create": Acquirer(ResourceKind.DESCRIPTOR),
    "inotify_init": Acquirer(ResourceKind.DESCRIPTOR),
    "memfd_create": Acquirer(ResourceKind.DESCRIPTOR),
    "opendir": Acquirer(ResourceKind.DIRECTORY),
    "fdopendir": Acquirer(ResourceKind.DIRECTORY),
    "popen": Acquirer(ResourceKind.PIPE),
    "getaddrinfo": Acquirer(ResourceKind.ADDRINFO, out_argument=3),
    "CreateFileA": Acquirer(ResourceKind.HANDLE),
    "CreateFileW": Acquirer(ResourceKind.HANDLE),
    "CreateFile": Acquirer(ResourceKind.HANDLE),
}

# Which kinds each release function releases, read from the table the repository model uses.
RELEASERS: dict[str, frozenset[ResourceKind]] = {
    name: frozenset(ResourceKind(family) for family in release.families)
    for name, release in RELEASES.items()
    if release.families
}

# Library calls that read or write the memory their pointer arguments point to without keeping
# the pointer, so that a freed pointer handed to them is a use after free.
DEREFERENCING: frozenset[str] = frozenset(
    [
        "strcpy",
        "strncpy",
        "strcat",
        "strncat",
        "strcmp",
        "strncmp",
        "strlen",
        "strnlen",
        "strchr",
        "strrchr",
        "strstr",
        "strspn",
        "strcspn",
        "strpbrk",
        "strtok",
        "strtok_r",
        "strcasecmp",
        "strncasecmp",
        "strcoll",
        "strxfrm",
        "strerror_r",
        "wcscpy",
        "wcsncpy",
        "wcscat",
        "wcsncat",
        "wcscmp",
        "wcsncmp",
        "wcslen",
        "wcschr",
        "wcsrchr",
        "wcsstr",
        "memcpy",
        "memmove",
        "memset",
        "memcmp",
        "memchr",
        "wmemset",
        "wmemcpy",
        "wmemmove",
        "bzero",
        "explicit_bzero",
        "printf",
        "fprintf",
        "sprintf",
        "snprintf",
        "vprintf",
        "vfprintf",
        "vsprintf",
        "vsnprintf",
        "wprintf",
        "fwprintf",
        "swprintf",
        "vswprintf",
        "puts",
        "fputs",
        "fputc",
        "putc",
        "fputws",
        "putwc",
        "fwrite",
        "fread",
        "fgets",
        "fgetws",
        "fgetc",
        "getc",
        "fscanf",
        "sscanf",
        "scanf",
        "swscanf",
        "fgetpos",
        "fsetpos",
        "setvbuf",
        "setbuf",
        "ungetc",
        "read",
        "write",
        "pread",
        "pwrite",
        "send",
        "recv",
        "sendto",
        "recvfrom",
        "bind",
        "connect",
        "listen",
        "setsockopt",
        "getsockopt",
        "getsockname",
        "getpeername",
        "select",
        "poll",
        "atoi",
        "atol",
        "atoll",
        "atof",
        "strtol",
        "strtoul",
        "strtoll",
        "strtoull",
        "strtod",
        "strtof",
        "wcstol",
        "qsort",
        "bsearch",
        "isalpha",
        "isdigit",
        "isspace",
        "toupper",
        "tolower",
    ]
)

# Library calls that take a handle (a stream, descriptor or path) without keeping it and without
# reading memory through it.
_HANDLE_ONLY: frozenset[str] = frozenset(
    [
        "fseek",
        "ftell",
        "rewind",
        "fflush",
        "feof",
        "ferror",
        "clearerr",
        "fileno",
        "lseek",
        "fstat",
        "fsync",
        "ftruncate",
        "fcntl",
        "ioctl",
        "shutdown",
        "dirfd",
        "readdir",
        "rewinddir",
        "telldir",
        "seekdir",
        "access",
        "unlink",
        "remove",
        "rename",
        "mkdir",
        "rmdir",
        "chmod",
        "stat",
        "lstat",
    ]
)

# Library calls that never keep what they are given. Anything else that is not defined in the
# analysed code is assumed to keep what it is given.
NON_RETAINING: frozenset[str] = DEREFERENCING | _HANDLE_ONLY

# Calls that never return: paths through them end without leaking (the process is gone).
NO_RETURN: frozenset[str] = frozenset(
    [
        "exit",
        "_exit",
        "_Exit",
        "abort",
        "quick_exit",
        "err",
        "errx",
        "verr",
        "verrx",
        "__assert_fail",
        "longjmp",
        "siglongjmp",
        "pthread_exit",
    ]
)
