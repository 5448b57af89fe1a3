"""Rule packs: schema, loading with file:line:col errors, the condition language, evaluation."""
