"""Publication exports (Web of Science, Scopus, OpenAlex, plain CSV) read into one table of works."""
