"""Factories and helpers shared by every app's tests. Not imported by application code."""
