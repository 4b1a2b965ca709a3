"""From RDF to a served knowledge graph: validate, reason, store, query, serve, link and export.

This wing knows nothing of how text was read; it takes RDF graphs in.
"""
