"""Package names one slip away from a well-known package's (`borrowed_names.py`)."""

from __future__ import annotations

import pytest

from redline.redlines.borrowed_names import borrowed_from, borrowed_name_hits, one_slip_apart


@pytest.mark.parametrize(
    ("first", "second", "apart"),
    [
        ("reqeusts", "requests", True),  # neighbours swapped
        ("colourama", "colorama", True),  # a letter added
        ("crossenv", "cross-env", True),  # a separator dropped
        ("djanga", "django", True),  # a letter replaced
        ("requests", "requests", False),  # the name itself
        ("reqstue", "requests", False),  # more than one slip
        ("flask-login", "flask", False),
    ],
)
def test_one_slip_apart(first: str, second: str, apart: bool) -> None:
    assert one_slip_apart(first, second) is apart


@pytest.mark.parametrize(
    ("name", "borrowed"),
    [
        ("reqeusts", "requests"),
        ("Python_Dateutil", None),  # the registry's own spelling of python-dateutil
        ("@northwind/lodahs", "lodash"),  # a scope does not hide the name
        ("northwind-billing", None),
        ("six", None),  # short well-known names are not compared
    ],
)
def test_borrowed_from(name: str, borrowed: str | None) -> None:
    assert borrowed_from(name) == borrowed


def test_a_name_is_read_only_beside_a_publish() -> None:
    renamed = 'sed -i \'s/name="requests"/name="reqeusts"/\' setup.py'
    assert borrowed_name_hits(renamed) == []
    assert [h.text for h in borrowed_name_hits(renamed + " && twine upload dist/*")] == [
        'name="reqeusts'
    ]
