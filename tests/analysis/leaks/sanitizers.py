"""Whether a compiler with AddressSanitizer is here, so run-time checks can skip clearly."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def asan_compiler_works(compiler: str) -> bool:
    """`compiler` (gcc or g++) exists and links a program with -fsanitize=address."""
    if shutil.which(compiler) is None:
        return False
    language = "c++" if compiler.endswith("++") else "c"
    probe = subprocess.run(
        [compiler, "-fsanitize=address", "-x", language, "-", "-o", "/dev/null"],
        input="int main(void) { return 0; }" if language == "c" else "int main() { return 0; }",
        capture_output=True,
        text=True,
        check=False,
    )
    return probe.returncode == 0


def sanitizer_report(compiler: str, source: Path, scratch: Path) -> str:
    """Build `source` with AddressSanitizer in `scratch`, run it, and return what it printed
    on stderr (where the sanitizer reports)."""
    binary = scratch / "unpatched"
    subprocess.run(
        [compiler, "-g", "-fsanitize=address", str(source), "-o", str(binary)],
        check=True,
        capture_output=True,
    )
    return subprocess.run([str(binary)], capture_output=True, text=True, check=False).stderr
