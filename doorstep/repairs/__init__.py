"""Repairs: reports, jobs (work orders) and their items, priorities and targets."""
