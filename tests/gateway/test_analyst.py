"""redline-analyst: code from fenced blocks or allowed files, answers from Findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.gateway import analyst
from redline.results import Finding, TraceStep, Verification, VerificationStatus
from tests.gateway.conftest import StartGateway, openai_client


def test_fenced_blocks_become_snippets_with_their_language() -> None:
    text = "Check this:\n```c\nint *p = malloc(4);\n```\nand\n```python\nf = open('x')\n```"
    snippets, notes = analyst.extract_code(text, Path())
    assert [s.filename for s in snippets] == ["snippet1.c", "snippet2.py"]
    assert snippets[0].code == "int *p = malloc(4);\n" and notes == []


def test_unlabelled_blocks_are_guessed_or_declined() -> None:
    text = "```\n#include <stdlib.h>\n```\n```\nSELECT 1\n```"
    snippets, notes = analyst.extract_code(text, Path())
    assert [s.filename for s in snippets] == ["snippet1.c"]
    assert notes == ["block 2 (no language) is not C, C++ or Python"]


def test_file_paths_only_under_the_allowed_root(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "src").mkdir(parents=True)
    (root / "src" / "io.c").write_text("int main(void) { return 0; }\n")
    (tmp_path / "secret.c").write_text("int x;\n")
    text = "Look at src/io.c, ../secret.c, /etc/secret.c and missing.py please."
    snippets, notes = analyst.extract_code(text, root)
    assert [s.filename for s in snippets] == ["src/io.c"]
    assert any("../secret.c is outside the allowed folder" in n for n in notes)
    assert any("/etc/secret.c is outside the allowed folder" in n for n in notes)
    assert any("missing.py is not a file" in n for n in notes)


def test_without_code_it_says_plainly_what_it_cannot_do() -> None:
    reply = analyst.answer([{"role": "user", "content": "Write me a poem."}], Path())
    assert reply.startswith("I can't do that without an LLM.")


def test_findings_are_formatted_with_trace_patch_and_verification() -> None:
    finding = Finding(
        rule="LEAK-MEMORY",
        cwe="CWE-401",
        file="snippet1.c",
        line=3,
        function="load",
        message="`buf` is never freed on the error path",
        trace=(
            TraceStep(file="snippet1.c", line=2, note="`buf` allocated by malloc"),
            TraceStep(file="snippet1.c", line=3, note="returns -1 without freeing `buf`"),
        ),
        patch="--- a/snippet1.c\n+++ b/snippet1.c\n@@ -3 +3,2 @@\n+    free(buf);\n",
        verified=Verification(
            reanalysis=VerificationStatus.PASSED, build=VerificationStatus.PASSED
        ),
    )
    snippet = analyst.CodeSnippet("snippet1.c", "", "code block 1")
    text = analyst.format_report(snippet, [finding])
    assert "**snippet1.c** (code block 1): 1 finding." in text
    assert "1. **LEAK-MEMORY** (CWE-401) at snippet1.c:3 in `load`" in text
    assert "   - snippet1.c:3: returns -1 without freeing `buf`" in text
    assert "Patch (verified: reanalysis passed, build passed)" in text
    assert "   +    free(buf);" in text
    assert "no leaks found" in analyst.format_report(snippet, [])


@pytest.mark.parametrize("stream", [False, True])
def test_analyst_is_the_default_model_without_an_upstream(
    start_gateway: StartGateway, stream: bool
) -> None:
    gateway = start_gateway()
    client = openai_client(gateway.url, timeout=60)
    ask = [{"role": "user", "content": "Tell me a joke."}]
    if stream:
        chunks = client.chat.completions.create(model="gpt-4o", messages=ask, stream=True)  # type: ignore[arg-type]
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    else:
        answer = client.chat.completions.create(model="gpt-4o", messages=ask)  # type: ignore[arg-type]
        text = answer.choices[0].message.content or ""
        assert answer.model == "redline-analyst"
    assert text.startswith("I can't do that without an LLM.")
    (record,) = gateway.audit_records()
    assert record.model == "redline-analyst" and record.decision.value == "allow"


LEAKY_C = """#include <stdlib.h>
#include <stdio.h>
int load(const char *path) {
    char *buf = malloc(64);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    fread(buf, 1, 64, f);
    fclose(f);
    free(buf);
    return 0;
}
"""


def test_analyst_answers_with_the_leak_finder_findings(start_gateway: StartGateway) -> None:
    gateway = start_gateway()
    client = openai_client(gateway.url, timeout=120)
    ask = [{"role": "user", "content": f"Does this leak?\n```c\n{LEAKY_C}```"}]
    chunks = client.chat.completions.create(model="redline-analyst", messages=ask, stream=True)  # type: ignore[arg-type]
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "**snippet1.c** (code block 1): 1 finding." in text
    assert "**LEAK-MEMORY** (CWE-401) at snippet1.c:6 in `load`" in text
    assert "+        free(buf);" in text and "--- a/snippet1.c" in text
    assert "redline-analyst-" not in text  # the scratch folder does not show


def test_analyst_reads_files_under_its_root(start_gateway: StartGateway, tmp_path: Path) -> None:
    (tmp_path / "load.c").write_text(LEAKY_C)
    gateway = start_gateway(analyst={"root": str(tmp_path)})
    ask = [{"role": "user", "content": "Check load.c and ../outside.c please"}]
    with gateway.client(timeout=120) as client:
        body = {"model": "redline-analyst", "messages": ask}
        text = client.post("/v1/chat/completions", json=body).json()["choices"][0]["message"]
    assert "**load.c** (file load.c): 1 finding." in text["content"]
    assert "../outside.c is outside the allowed folder" in text["content"]
