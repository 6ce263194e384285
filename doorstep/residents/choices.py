from django.db import models


class Tenure(models.TextChoices):
    ASSURED = "assured", "Assured"
    SECURE = "secure", "Secure"
    STARTER = "starter", "Starter (introductory)"
    LICENCE = "licence", "Licence"
    SHARED_OWNERSHIP = "shared_ownership", "Shared ownership"
    LEASEHOLD = "leasehold", "Leasehold"


class Relationship(models.TextChoices):
    TENANT = "tenant", "Tenant"
    JOINT_TENANT = "joint_tenant", "Joint tenant"
    PARTNER = "partner", "Partner"
    CHILD = "child", "Child"
    PARENT = "parent", "Parent"
    OTHER_RELATIVE = "other_relative", "Other relative"
    LODGER = "lodger", "Lodger"
    CARER = "carer", "Live-in carer"
    OTHER = "other", "Other household member"


class ContactChannel(models.TextChoices):
    PHONE = "phone", "Phone"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    VISIT = "visit", "Home visit"


class AdjustmentKind(models.TextChoices):
    LARGE_PRINT = "large_print", "Large print"
    EASY_READ = "easy_read", "Easy read"
    BRAILLE = "braille", "Braille"
    INTERPRETER = "interpreter", "Interpreter"
    BSL = "bsl", "British Sign Language"
    CALL_TIMES = "call_times", "Contact only at certain times"
    NAMED_CONTACT = "named_contact", "Contact through a named person"
    ACCESS = "access", "Access needs for visits"
    OTHER = "other", "Other"


class ThirdPartyScope(models.TextChoices):
    """What an authorised third party may discuss or act on for the household."""

    ALL = "all", "Everything"
    REPAIRS = "repairs", "Repairs and hazards"
    COMPLAINTS = "complaints", "Complaints"
    ASB = "asb", "Anti-social behaviour"
    MOVES = "moves", "Moves and transfers"
    RENT = "rent", "Rent and money"
