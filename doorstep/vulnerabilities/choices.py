from django.db import models


class Category(models.TextChoices):
    """The categories of the chronology format (shared/domain/chronology.md)."""

    DISABILITY = "disability", "Disability"
    MOBILITY = "mobility", "Mobility"
    PREGNANCY = "pregnancy", "Pregnancy"
    INFANT = "infant", "Infant in the household"
    CHILD = "child", "Child in the household"
    MENTAL_HEALTH = "mental_health", "Mental health"
    PHYSICAL_HEALTH = "physical_health", "Physical health"
    AGE = "age", "Age"
    LANGUAGE = "language", "Language or communication"
    OTHER = "other", "Other"


class Source(models.TextChoices):
    SELF = "self", "The resident told us"
    THIRD_PARTY = "third_party", "A third party told us"
    STAFF = "staff", "Staff observed it"


# The UK Housing Data Standards (HACT) person alert type each category maps to, where one
# fits. The standard's code list could not be consulted offline when this was written; the
# mapping uses the alert types' names, and ADR 0004 records that the codes are to be confirmed
# against the published list before any data exchange relies on them.
HDS_PERSON_ALERT: dict[str, str | None] = {
    Category.DISABILITY: "Disability",
    Category.MOBILITY: "Mobility impairment",
    Category.PREGNANCY: "Pregnancy",
    Category.INFANT: "Child under 5",
    Category.CHILD: "Child in household",
    Category.MENTAL_HEALTH: "Mental health",
    Category.PHYSICAL_HEALTH: "Medical condition",
    Category.AGE: "Older person",
    Category.LANGUAGE: "Communication need",
    Category.OTHER: None,
}
