"""The hazards tests' record (homes, staff, the Adeyemi household's damp and mould case) serves
the inspections tests too."""

from doorstep.hazards.tests.conftest import homes, mould, now  # noqa: F401
