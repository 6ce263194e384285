"""Clocks: every deadline Doorstep watches, computed from the record as of any date.

Pure Python (no Django, no database), so a chronology file, the database and the test suite all
feed it the same way: `facts_from_chronology(doc)` (or facts built from the timeline) ->
`compute_clocks(facts, as_of=..., overrides=..., calendar=...)` -> `ClockResult`s;
`replay_clocks(doc, as_of=...)` gives the chronology format's "Replay output" JSON. The clocks
and their rules are declared in `doorstep.clocks.definitions`.
"""

from doorstep.clocks.engine import ClockResult, compute_clocks
from doorstep.clocks.facts import Fact, Facts, facts_from_chronology

__all__ = ["ClockResult", "Fact", "Facts", "compute_clocks", "facts_from_chronology"]
