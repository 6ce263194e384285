"""Demo data: a small estate with households, cases and staff logins."""
