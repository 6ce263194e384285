"""People, households, tenancies, contact preferences, adjustments and authorised third parties."""
