"""The record: one append-only, hash-chained history of dated, attributed events."""
