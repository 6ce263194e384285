"""Cases: the thread that ties a household's events about one matter together."""
