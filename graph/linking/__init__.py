"""Linking the graph to Wikidata: the bundled Wikidata slice, and the matcher that scores candidates."""
