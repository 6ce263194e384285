"""Shared machinery: errors, request ids, page furniture. Knows nothing of housing."""
