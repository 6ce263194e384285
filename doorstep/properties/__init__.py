"""Homes and the buildings they sit in: estates, blocks, flats, houses and communal areas."""
