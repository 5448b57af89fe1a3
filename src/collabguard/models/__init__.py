"""pydantic models at collabguard's boundaries: proposals in, reports out."""
