"""The promise ledger: every commitment tracked until completion is verified."""
