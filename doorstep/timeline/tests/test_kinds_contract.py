"""The contract every event kind inherits: declared, documented, validated, and redactable."""

from __future__ import annotations

import pytest

from doorstep.timeline import kinds
from doorstep.timeline.kinds import REDACTED, PayloadInvalid

ALL = kinds.all_kinds()


def test_the_registry_holds_the_foundation_kinds():
    for name in (
        "note",
        "record.corrected",
        "contact.in",
        "contact.out",
        "case.opened",
        "case.closed",
        "document.added",
        "vulnerability.disclosed",
        "vulnerability.recorded",
        "household.created",
        "tenancy.started",
        "tenancy.ended",
        "third_party.authorised",
    ):
        assert name in ALL


@pytest.mark.parametrize("name", ALL)
def test_kind_is_documented(name):
    cls = ALL[name]
    assert cls.__doc__ and len(cls.__doc__.strip()) > 20
    assert cls.label


@pytest.mark.parametrize("name", ALL)
def test_valid_example_is_accepted_and_sentence_renders(name):
    cls = ALL[name]
    data = cls.validate(cls.example)
    sentence = cls.sentence(data, "")
    assert isinstance(sentence, str) and sentence


@pytest.mark.parametrize("name", [n for n, c in ALL.items() if c.invalid_example is not None])
def test_invalid_example_is_refused_naming_the_field(name):
    cls = ALL[name]
    with pytest.raises(PayloadInvalid) as info:
        cls.validate(cls.invalid_example or {})
    assert info.value.errors
    assert all(e["field"].startswith("data") and e["reason"] for e in info.value.errors)
    assert str(info.value).startswith(f"{name}: data")


@pytest.mark.parametrize("name", ALL)
def test_unknown_fields_are_kept(name):
    cls = ALL[name]
    data = cls.validate({**cls.example, "legacy_system_code": "X17"})
    assert data["legacy_system_code"] == "X17"


@pytest.mark.parametrize("name", [n for n, c in ALL.items() if c.special_category_fields])
def test_special_category_fields_are_redacted(name):
    cls = ALL[name]
    data = cls.validate({**cls.example, **dict.fromkeys(cls.special_category_fields, "secret")})
    shown = cls.redact(data)
    for field in cls.special_category_fields:
        assert shown[field] == REDACTED
    assert "secret" not in repr(shown)


def test_an_unknown_kind_is_refused_with_the_known_kinds():
    with pytest.raises(Exception) as info:
        kinds.get("complaint.ticket")
    assert "'complaint.ticket' is not a kind of event Doorstep knows" in str(info.value)
    assert "note" in str(info.value)
