"""The contact log: everything received or sent, on any channel, lands on a household."""
