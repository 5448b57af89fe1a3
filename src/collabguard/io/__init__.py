"""Reading input files (YAML, JSON) safely."""
