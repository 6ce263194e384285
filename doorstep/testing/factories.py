"""Factories for the record. Each builds through the services, so the timeline is written
exactly as in production: a factory-made household has its `household.created` event."""

from __future__ import annotations

import datetime as dt

import factory

from doorstep.cases.models import Case
from doorstep.cases.services import case_open
from doorstep.properties.models import Property
from doorstep.properties.services import property_create
from doorstep.residents.models import Household, Person
from doorstep.residents.services import household_create, household_member_add, person_create
from doorstep.staff.models import User
from doorstep.staff.roles import Role
from doorstep.staff.services import staff_create
from doorstep.timeline.when import LONDON

MOMENT = dt.datetime(2024, 6, 3, 10, 30, tzinfo=LONDON)


class ServiceFactory(factory.Factory):
    """A factory whose `_create` calls a service instead of `Model.objects.create`."""

    class Meta:
        abstract = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("Build these through the services: use .create().")


class PropertyFactory(ServiceFactory):
    """A flat in a block on an estate, unless told otherwise."""

    class Meta:
        model = Property

    kind = "flat"
    address_line_1 = factory.Sequence(lambda n: f"{n + 1} Elm Court")
    town = "Birmingham"
    postcode = "B1 1AA"
    created_at = MOMENT
    part_of = factory.LazyFunction(
        lambda: property_create(kind="block", address_line_1="Elm Court", created_at=MOMENT)
    )

    @classmethod
    def _create(cls, model_class, **kwargs):
        return property_create(**kwargs)


class PersonFactory(ServiceFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Resident {n + 1}")
    at = MOMENT

    @classmethod
    def _create(cls, model_class, **kwargs):
        return person_create(**kwargs)


class HouseholdFactory(ServiceFactory):
    """A household with one tenant member, in a flat."""

    class Meta:
        model = Household

    property = factory.SubFactory(PropertyFactory)
    at = MOMENT
    actor = None

    @classmethod
    def _create(cls, model_class, **kwargs):
        household = household_create(**kwargs)
        household_member_add(
            actor=kwargs["actor"],
            household=household,
            person=PersonFactory.create(),
            relationship="tenant",
            at=kwargs["at"],
        )
        return household


class CaseFactory(ServiceFactory):
    class Meta:
        model = Case

    household = factory.SubFactory(HouseholdFactory)
    case_type = "repair"
    title = factory.Sequence(lambda n: f"Repair {n + 1}")
    at = MOMENT
    actor = None

    @classmethod
    def _create(cls, model_class, **kwargs):
        return case_open(**kwargs)


class StaffFactory(ServiceFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"staff{n + 1}")
    password = "correct horse battery staple"
    role = Role.HOUSING_OFFICER

    @classmethod
    def _create(cls, model_class, **kwargs):
        return staff_create(**kwargs)
