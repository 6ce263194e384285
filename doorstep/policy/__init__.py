"""Policy as data: every timescale, target and band a dated, cited, overridable value."""
