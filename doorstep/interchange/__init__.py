"""The public chronology format (doorstep-chronology/1): schema, import, export, replay."""
