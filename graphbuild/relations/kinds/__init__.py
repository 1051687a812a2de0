"""One role finder per rule kind; each module documents the roles it fills."""
