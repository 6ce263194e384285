"""Reading documents."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from doorstep.cases.selectors import cases_visible_to
from doorstep.documents.models import Document
from doorstep.residents.models import Household


def documents_for_household(*, household: Household) -> QuerySet[Document]:
    """Every document held about the household, its cases' included, newest first."""
    return Document.objects.filter(household=household).select_related("case")


def document_visible(*, reference: str, user: Any) -> Document:
    """The document, if this person may see it. A contractor sees only the documents of its
    own cases; anything else raises `Document.DoesNotExist`, as for a case."""
    documents = Document.objects.all()
    if getattr(user, "contractor_id", None) is not None:
        documents = documents.filter(case__in=cases_visible_to(user=user))
    return documents.get(reference=reference)
