"""Policy as data: every timescale, target and band a dated, cited, overridable value.

- `defaults.py`: Doorstep's default for each key, with the date it took effect and its source.
  A key may derive from another (`derived_from`: ASB risk assessment defaults to the landlord's
  first-response time) or shorten another for a vulnerable household (`shortens`: none set by
  default; the landlord's policy may set it).
- `resolve.py`: which value is in force on a date (pure; the clocks call it directly).
- `awaab.py`: Awaab's Law's scope by hazard and phase (pure; later phases stay unapplied until
  their commencement dates are confirmed).
- `models.py`: the landlord's own values (`PolicyOverride`) and the days off announced after
  the published bank holidays (`CalendarDay`), both append-only; `services.py` records them,
  `selectors.py` reads them, and `/policy/` shows the policy in force on any date.
"""
