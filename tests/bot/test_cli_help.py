"""Every sub-command documents itself with an example, as a busy case worker would need."""

from __future__ import annotations

import pytest

from bot.cli import COMMAND_MODULES, build_parser


@pytest.mark.parametrize("name", COMMAND_MODULES)
def test_every_command_help_shows_an_example(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args([name, "--help"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    assert "example" in help_text
    assert f"tsunagu {name}" in help_text
