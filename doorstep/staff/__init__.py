"""Staff, teams, contractors, roles and API tokens."""
