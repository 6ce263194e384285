"""Settings split as base, dev, test and production; DATABASE_URL chooses the database."""
