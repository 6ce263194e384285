"""Deadlines: every clock of the live record, as of any date, where staff work.

The case page's "Clocks" section (with its "replay as of" form and the replay's JSON), the
household page's summary of running clocks, the work queue (`/queue/`), and the API's
`/cases/{reference}/clocks` and `/queue`. The clocks come from the pure engine
(`doorstep.clocks`), fed the live record through the chronology format (`interchange`), so a
case in the database and the same case in a file can never disagree about a clock.

The app sits above `cases`, `contacts` and `interchange`: nothing below imports it
(`pyproject.toml`). The case page and the household page are served by `cases` and `contacts`
(ADR 6); this app adds its sections to them through their page-section registries
(`cases.views.CASE_PAGE_SECTIONS`, `contacts.views.HOUSEHOLD_PAGE_SECTIONS`), as each app adds
its search to the home page, registered when the app is ready.
"""
