"""One router per domain. Each operation declares the permission it needs (`auth=requires`).

No `from __future__ import annotations` here: ninja reads the handlers' annotations, and a
decorated handler's string annotations would be resolved in the decorator's module.
"""
