"""The roles and what each may do: one table, read by the sync command and the tests.

A role is a Django group holding model permissions. Views and API operations check a
permission, never a role name, so a landlord can adjust the table without touching code.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    HOUSING_OFFICER = "Housing officer"
    REPAIRS_COORDINATOR = "Repairs coordinator"
    COMPLAINTS_OFFICER = "Complaints officer"
    ASB_OFFICER = "ASB officer"
    MANAGER = "Manager"
    AUDITOR = "Auditor (read only)"
    CONTRACTOR = "Contractor"


READ_RECORD = [
    # Every staff role but the contractor reads the policy in force (timescales, announced
    # days off): it is what their cases are judged by.
    "policy.view_policyoverride",
    "properties.view_property",
    "residents.view_household",
    "residents.view_person",
    "cases.view_case",
    "timeline.view_event",
    "documents.view_document",
    "vulnerabilities.view_vulnerability",
]
WRITE_RECORD = [
    "cases.add_case",
    "cases.change_case",
    "timeline.add_event",
    "documents.add_document",
]
PEOPLE_AND_PLACES = [
    "properties.add_property",
    "residents.add_household",
    "residents.add_person",
    "residents.change_household",
]
SPECIAL_CATEGORY = [
    "vulnerabilities.view_vulnerability_detail",
    "vulnerabilities.add_vulnerability",
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.HOUSING_OFFICER: READ_RECORD + WRITE_RECORD + PEOPLE_AND_PLACES + SPECIAL_CATEGORY,
    # Repairs staff need to know a home is vulnerable to prioritise, not the medical detail.
    Role.REPAIRS_COORDINATOR: READ_RECORD + WRITE_RECORD + ["vulnerabilities.add_vulnerability"],
    Role.COMPLAINTS_OFFICER: READ_RECORD + WRITE_RECORD + SPECIAL_CATEGORY,
    Role.ASB_OFFICER: READ_RECORD + WRITE_RECORD + SPECIAL_CATEGORY,
    Role.MANAGER: READ_RECORD
    + WRITE_RECORD
    + PEOPLE_AND_PLACES
    + SPECIAL_CATEGORY
    + ["vulnerabilities.view_specialcategoryaccess", "policy.add_policyoverride"],
    # An Ombudsman investigator reads everything the landlord holds, and writes nothing.
    Role.AUDITOR: [
        *READ_RECORD,
        "vulnerabilities.view_vulnerability_detail",
        "vulnerabilities.view_specialcategoryaccess",
    ],
    # A contractor sees its own cases (filtered by `cases_visible_to`) and may add to them.
    Role.CONTRACTOR: [
        "cases.view_case",
        "timeline.view_event",
        "timeline.add_event",
        "documents.view_document",
        "documents.add_document",
    ],
}
