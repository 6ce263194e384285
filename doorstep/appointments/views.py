"""Appointment pages (coming in the next slice)."""
