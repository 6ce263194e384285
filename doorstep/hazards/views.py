"""Hazard pages (filled in below)."""
