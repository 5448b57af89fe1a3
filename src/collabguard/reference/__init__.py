"""Reference data the engine reads besides the rules: how free-text roles map to the categories
policies turn on, and the home institutions whose country can be recognised from their name.
Each table is a data file in this folder with its source and version."""
