"""Inspection pages (filled in below)."""
