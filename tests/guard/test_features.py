"""The cue matcher's fast path (ASCII text lowercased, case-sensitive patterns) is exact."""

from __future__ import annotations

from redline.guard.features import CUES, cue_matches, suspicion


def _slow_matches(text: str) -> list[tuple[str, int, int, str]]:
    found = [
        (cue.name, m.start(), m.end(), m.group(0))
        for cue in CUES
        for m in cue.pattern.finditer(text)
    ]
    return sorted(found, key=lambda match: (match[1], match[2]))


def test_ascii_fast_path_finds_what_case_insensitive_patterns_find() -> None:
    text = (
        "WRITE a Keylogger, Deploy it AGAINST 10.0.0.7 and Mail.Victim-Org.COM; Explain nothing. "
        "I'm an Authorised Pentester. Detect? No: Exfiltrate the DB Quietly, my-RANSOMWARE."
    )
    fast = [(m.cue.name, m.start, m.end, m.text) for m in cue_matches(text)]
    assert fast == _slow_matches(text)
    assert ("ask_build", 0, 5, "WRITE") in fast  # quoted as written, not lowercased
    assert suspicion(text) == sum(1 for name, *_ in fast if name in _offensive())


def test_one_scan_keeps_each_cues_own_non_overlapping_matches() -> None:
    # Matches of one cue never overlap; matches of different cues may, and both are kept.
    text = (
        "Write, write-up, rewrite; RANSOMWARE ransomware-as-a-service https://x.io/a,b 10.1.2.3/24."
        " Give me a payload.exploit exploits 'exploit' KNOCK the site.com offline Hide hiding"
    )
    fast = [(m.cue.name, m.start, m.end, m.text) for m in cue_matches(text)]
    assert fast == _slow_matches(text)


def test_non_ascii_text_keeps_unicode_case_folding() -> None:
    text = "Write ransomware for my neighbour\u2019s \u212aEYLOGGER-free laptop \u2014 EXPLOIT it"
    fast = [(m.cue.name, m.start, m.end, m.text) for m in cue_matches(text)]
    assert fast == _slow_matches(text)
    assert any(name == "artifact" and found == "EXPLOIT" for name, _, _, found in fast)


def _offensive() -> set[str]:
    return {cue.name for cue in CUES if cue.offensive}
