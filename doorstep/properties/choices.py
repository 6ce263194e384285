from django.db import models


class PropertyKind(models.TextChoices):
    ESTATE = "estate", "Estate"
    BLOCK = "block", "Block"
    FLAT = "flat", "Flat"
    MAISONETTE = "maisonette", "Maisonette"
    HOUSE = "house", "House"
    BUNGALOW = "bungalow", "Bungalow"
    COMMUNAL_AREA = "communal_area", "Communal area"


# Which kinds may sit inside which: a flat is in a block; a block and a house on an estate.
ALLOWED_PARENTS: dict[str, set[str | None]] = {
    PropertyKind.ESTATE: {None},
    PropertyKind.BLOCK: {None, PropertyKind.ESTATE},
    PropertyKind.FLAT: {None, PropertyKind.BLOCK},
    PropertyKind.MAISONETTE: {None, PropertyKind.BLOCK},
    PropertyKind.HOUSE: {None, PropertyKind.ESTATE},
    PropertyKind.BUNGALOW: {None, PropertyKind.ESTATE},
    PropertyKind.COMMUNAL_AREA: {PropertyKind.BLOCK, PropertyKind.ESTATE},
}

# Kinds a household can live in.
DWELLING_KINDS = {
    PropertyKind.FLAT,
    PropertyKind.MAISONETTE,
    PropertyKind.HOUSE,
    PropertyKind.BUNGALOW,
}
