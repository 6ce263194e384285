"""The `doorstep` command lists the operations a person runs, each with its own help."""

from __future__ import annotations

import pytest

from doorstep.cli import OPERATIONS, main


def test_help_lists_every_operation(capsys):
    main(["--help"])
    out = capsys.readouterr().out
    for name, (_, text) in OPERATIONS.items():
        assert f"  {name}" in out and text in out


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_each_operation_has_its_own_help(operation, capsys):
    with pytest.raises(SystemExit) as info:
        main([operation, "--help"])
    assert info.value.code == 0
    assert f"usage: doorstep {OPERATIONS[operation][0]}" in capsys.readouterr().out
