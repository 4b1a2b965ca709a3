"""From text to RDF: ingest, segment, recognise entities, read relations, claims and quantities, assemble.

This wing knows nothing of stores or servers; it hands one rdflib Graph per document to the caller.
"""
