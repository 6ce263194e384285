from __future__ import annotations

import pytest

from doorstep.core.errors import DomainError
from doorstep.properties.selectors import (
    property_ancestors,
    property_descendant_ids,
    property_search,
)
from doorstep.properties.services import ALIAS_TAKEN, UPRN_TAKEN, property_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def estate(at):
    estate = property_create(kind="estate", address_line_1="Elm Estate", created_at=at)
    block = property_create(
        kind="block", address_line_1="Elm Court", part_of=estate, created_at=at, postcode="b1 1aa"
    )
    flat = property_create(
        kind="flat",
        address_line_1="Flat 1, Elm Court",
        part_of=block,
        created_at=at,
        uprn=100070000001,
        aliases={"housing-system": "EC/01"},
    )
    door = property_create(
        kind="communal_area", address_line_1="Elm Court entrance", part_of=block, created_at=at
    )
    return estate, block, flat, door


def test_a_flat_sits_in_a_block_on_an_estate(estate):
    est, block, flat, door = estate
    assert property_ancestors(property=flat) == [block, est]
    assert set(property_descendant_ids(property=est)) == {block.pk, flat.pk, door.pk}
    assert flat.reference.startswith("PRP-")
    assert block.postcode == "B1 1AA"


def test_uprn_unknown_is_allowed(estate):
    assert not estate[1].uprn_known
    assert estate[2].uprn_known


def test_a_flat_cannot_sit_directly_on_an_estate(estate, at):
    with pytest.raises(DomainError) as info:
        property_create(kind="flat", address_line_1="x", part_of=estate[0], created_at=at)
    assert info.value.message == "A flat cannot be part of an estate."
    assert info.value.field == "part_of"


def test_a_communal_area_must_be_part_of_something(at):
    with pytest.raises(DomainError, match="cannot be part of nothing"):
        property_create(kind="communal_area", address_line_1="Bin store", created_at=at)


def test_a_uprn_belongs_to_one_property(estate, at):
    with pytest.raises(DomainError) as info:
        property_create(kind="house", address_line_1="x", uprn=100070000001, created_at=at)
    assert info.value.message == UPRN_TAKEN.format(uprn=100070000001, reference=estate[2].reference)


def test_an_alias_belongs_to_one_property(estate, at):
    with pytest.raises(DomainError) as info:
        property_create(
            kind="house", address_line_1="x", created_at=at, aliases={"housing-system": "EC/01"}
        )
    assert info.value.message == ALIAS_TAKEN.format(
        scheme="housing-system", value="EC/01", reference=estate[2].reference
    )


@pytest.mark.parametrize("query", ["100070000001", "EC/01", "Flat 1"])
def test_search_finds_by_uprn_alias_or_address(estate, query):
    assert estate[2] in property_search(query=query)
