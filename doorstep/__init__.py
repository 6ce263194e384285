"""Doorstep: a system of record for social housing landlords in England."""

__version__ = "0.1.0"
