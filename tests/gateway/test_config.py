"""Configuration: embedded defaults, one TOML file, environment variables, then flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.errors import InputError
from redline.gateway.config import load_config
from tests.conftest import RunRedline


def test_defaults_need_nothing() -> None:
    config = load_config(environ={})
    assert config.server.host == "127.0.0.1" and config.server.port == 8000
    assert config.upstream.url is None  # redline-analyst only
    assert config.audit.db == "redline-audit.db" and not config.audit.text
    assert config.audit.require and not config.server.fail_open


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    path = tmp_path / "gateway.toml"
    path.write_text(
        '[server]\nport = 9000\nhost = "0.0.0.0"\n'
        '[upstream]\nurl = "http://127.0.0.1:8080/v1/"\nkey_env = "MY_KEY"\n'
        "[audit]\ntext = true\n"
    )
    config = load_config(
        path,
        overrides={"server": {"port": 9100, "host": None}},
        environ={"REDLINE_PORT": "9050", "REDLINE_AUDIT_DB": "other.db", "MY_KEY": "k"},
    )
    assert config.server.port == 9100  # the flag wins
    assert config.server.host == "0.0.0.0"  # an unset flag does not override
    assert config.audit.db == "other.db" and config.audit.text
    assert config.upstream.url == "http://127.0.0.1:8080/v1"


def test_upstream_key_is_read_from_the_named_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_TEST_KEY", "secret-123")
    config = load_config(overrides={"upstream": {"key_env": "GATEWAY_TEST_KEY"}}, environ={})
    assert config.upstream.api_key() == "secret-123"


@pytest.mark.parametrize(("text", "message"), [
    ("[server]\nport = 8000\nfail_opne = true\n", "gateway.toml:3: server.fail_opne: unknown key"),
    ('[server]\n\nport = "high"\n', "gateway.toml:3: server.port: Input should be a valid integer"),
    ('[upstream]\nurl = "ftp://x"\n', "gateway.toml:2: upstream.url: Value error, must start"),
    ("[server\n", "not valid TOML"),
])  # fmt: skip
def test_errors_name_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "gateway.toml"
    path.write_text(text)
    with pytest.raises(InputError) as raised:
        load_config(path, environ={})
    assert message in str(raised.value).replace(str(tmp_path) + "/", "")


def test_environment_errors_name_the_variable() -> None:
    with pytest.raises(InputError, match=r"server.port: .* \(from \$REDLINE_PORT\)"):
        load_config(environ={"REDLINE_PORT": "eighty"})


def test_serve_rejects_a_bad_configuration_with_exit_2(
    run_redline: RunRedline, tmp_path: Path
) -> None:
    path = tmp_path / "gateway.toml"
    path.write_text("[audit]\nrequire = true\ntext = 'sometimes'\n")
    result = run_redline("serve", "--config", str(path))
    assert result.returncode == 2
    assert f"{path}:3: audit.text:" in result.stderr


def test_prose_holdback_reaches_the_output_monitor(tmp_path: Path) -> None:
    from redline.gateway.parts import load_monitor_factory

    path = tmp_path / "gateway.toml"
    path.write_text("[output]\nholdback_chars = 16\nprose_holdback_chars = 7\n")
    output = load_config(path).output
    assert (output.holdback_chars, output.prose_holdback_chars) == (16, 7)
    monitor = load_monitor_factory(
        output.holdback_chars, prose_holdback_chars=output.prose_holdback_chars
    )(None)
    assert getattr(monitor, "prose_holdback_chars", None) == 7
    assert getattr(monitor, "holdback_chars", None) == 16
    path.write_text("[output]\nprose_holdback_chars = -1\n")
    with pytest.raises(InputError, match=r"output\.prose_holdback_chars"):
        load_config(path)


def test_max_holdback_reaches_the_output_monitor(tmp_path: Path) -> None:
    from redline.gateway.parts import load_monitor_factory

    path = tmp_path / "gateway.toml"
    path.write_text("[output]\nholdback_chars = 16\nmax_holdback_chars = 48\n")
    output = load_config(path).output
    monitor = load_monitor_factory(
        output.holdback_chars, max_holdback_chars=output.max_holdback_chars
    )(None)
    assert getattr(monitor, "max_holdback_chars", None) == 48
    unset = load_monitor_factory(16)(None)
    assert getattr(unset, "max_holdback_chars", None) == 64  # four times the holdback
    path.write_text("[output]\nmax_holdback_chars = -1\n")
    with pytest.raises(InputError, match=r"output\.max_holdback_chars"):
        load_config(path)
