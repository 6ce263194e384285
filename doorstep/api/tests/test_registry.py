"""Every operation declares the permission it needs, and every create honours idempotency."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from doorstep.api.api import api
from doorstep.api.auth import operation_permissions, operations


def _operations():
    return operations(api).values()


def test_there_are_operations_to_check():
    assert len(operation_permissions(api)) >= 20


@pytest.mark.parametrize("op_id", sorted(operation_permissions(api)))
def test_every_operation_declares_exactly_one_permission(op_id):
    assert operation_permissions(api)[op_id], (
        f"Operation {op_id} declares no permission: give it auth=requires('app.codename')."
    )


@pytest.mark.django_db
def test_every_declared_permission_exists():
    declared = {p for p in operation_permissions(api).values() if p}
    existing = {
        f"{app}.{code}"
        for app, code in Permission.objects.values_list("content_type__app_label", "codename")
    }
    assert declared <= existing, declared - existing


def test_every_write_is_idempotent():
    writes = [op for op in _operations() if "POST" in op.methods]
    assert writes
    for op in writes:
        assert getattr(op.view_func, "idempotent", False), (
            f"{op.view_func.__name__} accepts writes without @idempotent(...)"
        )


def test_every_operation_is_kept_by_the_intake_log():
    for op in _operations():
        assert getattr(op.run, "intake", False), f"{op.view_func.__name__} is not logged"
