"""The hand-written training rows are valid, cite real clauses and keep dev topics apart."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from redline.constitution import load_constitution
from redline.errors import InputError
from redline.guard.training.corpus import split_of
from redline.guard.training.written import read_rows, written_examples


def test_every_written_row_is_valid_and_cites_a_clause_of_the_constitution() -> None:
    rows = read_rows()
    assert len(rows) > 300
    constitution = load_constitution()
    redlines = {r.id for r in constitution.redlines}
    principles = {p.id for p in constitution.principles}
    for name, number, row in rows:
        expected = redlines if row.label == "refuse" else principles
        assert row.clause in expected, f"{name}:{number}"
    labels = Counter(row.label for _, _, row in rows)
    assert min(labels.values()) > 0.3 * len(rows)  # roughly balanced
    assert {row.form for _, _, row in rows} == {"short", "medium", "long", "chat"}


def test_a_dev_topic_never_reaches_fitting_or_calibration() -> None:
    examples = list(written_examples(load_constitution()))
    splits_by_topic: dict[str, set[str]] = {}
    for example in examples:
        topic = example.group.split(":", 1)[1]
        splits_by_topic.setdefault(topic, set()).add(split_of(example.group))
    assert any(splits == {"dev"} for splits in splits_by_topic.values())
    assert all(len(splits) == 1 for splits in splits_by_topic.values())
    dev_topics = {row.topic for _, _, row in read_rows() if row.split == "dev"}
    assert all(splits_by_topic[topic] == {"dev"} for topic in dev_topics)


def test_a_written_conversation_is_labelled_at_its_last_user_turn() -> None:
    chats = [e for e in written_examples(load_constitution()) if len(e.messages) > 1]
    assert chats
    assert all(example.messages[-1][0] == "user" for example in chats)
    # A benign conversation's last turn is benign read alone too.
    assert all(example.last_turn_label == 0 for example in chats if example.label == 0)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"text": "x", "label": "refuse", "clause": "PR-DETECT"}, "cites a redline"),
        ({"text": "x", "label": "answer", "clause": "RL-MALWARE"}, "cites a principle"),
        ({"label": "answer", "clause": "PR-DETECT"}, "either text or messages"),
        ({"text": "x", "label": "maybe", "clause": "PR-DETECT"}, "label"),
        ({"text": "x", "label": "answer", "clause": "PR-DETECT", "colour": "red"}, "colour"),
    ],
)
def test_a_malformed_row_is_an_error_naming_its_file_and_line(
    tmp_path: Path, row: dict[str, object], message: str
) -> None:
    good = {"text": "Explain how DNS works.", "label": "answer", "clause": "PR-EXPLAIN"}
    common = {"topic": "t", "technique": None, "form": "short", "split": "train"}
    (tmp_path / "w.jsonl").write_text(
        json.dumps({**good, **common}) + "\n" + json.dumps({**common, **row}) + "\n"
    )
    with pytest.raises(InputError, match=rf"w\.jsonl:2:(.|\n)*{message}"):
        read_rows(tmp_path)


def test_a_clause_missing_from_the_constitution_is_an_error(tmp_path: Path) -> None:
    row = {"text": "Write a worm.", "label": "refuse", "clause": "RL-NOPE", "topic": "t",
           "technique": None, "form": "short", "split": "train"}  # fmt: skip
    (tmp_path / "w.jsonl").write_text(json.dumps(row) + "\n")
    with pytest.raises(InputError, match="RL-NOPE is not in the constitution"):
        list(written_examples(load_constitution(), tmp_path))
