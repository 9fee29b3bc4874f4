"""Variables written out where a script builds a string from them (`powershell.interpolated`):
the literal each holds at its use, its cast or scope allowed, nothing once it is added to."""

from redline.redlines.powershell import interpolated


def test_a_cast_and_scoped_variable_is_written_out() -> None:
    code = '[string]$script:part = "Scan"\nWrite-Output "$script:part-Job"'
    assert interpolated(code).endswith('"Scan-Job"')


def test_the_last_literal_before_the_use_is_the_one_written() -> None:
    code = '$label = ""\n$label = "Weekly"\nWrite-Output "${label}Report"'
    assert interpolated(code).endswith('"WeeklyReport"')


def test_a_variable_appended_to_is_left_as_written() -> None:
    code = "<?php\n$suffix = 'log';\n$suffix .= '.old';\necho \"rotate $suffix\";"
    assert interpolated(code).endswith('echo "rotate $suffix";')


def test_a_variable_counted_up_is_left_as_written() -> None:
    code = "$n = '1'\n$n++\nWrite-Output \"run $n\""
    assert interpolated(code).endswith('"run $n"')
