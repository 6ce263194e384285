"""The vulnerability register: special category data, seen in detail only by roles that need it."""
