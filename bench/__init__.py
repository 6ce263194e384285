"""Doorstep's benchmarks (issue 8): `bench/run --db sqlite|postgres --homes N --years Y`.

Each benchmark prints its figure and, where it fits, its ratio to the raw database doing the
same work in the same run. See docs/performance.md.
"""
