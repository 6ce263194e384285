"""Documents: surveys, inspection reports, photos, letters, medical evidence, call records."""
