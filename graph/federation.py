"""Which Wikidata SPARQL endpoint federated queries and the slice refresh ask.

A named query that reaches Wikidata declares an `endpoint (iri, optional)` parameter and uses
`SERVICE ?endpoint { … }`; the endpoint is bound as an IRI term like any other parameter, so a
configured address can never change what the query does. Unless the user gives one, it is
$EURASIA_KG_WIKIDATA_ENDPOINT, else the Wikidata Query Service.
"""

from __future__ import annotations

import os

from eurasia_kg.graph.query import NamedQuery
from eurasia_kg.namespaces import WIKIDATA_ENDPOINT

ENDPOINT_ENV = "EURASIA_KG_WIKIDATA_ENDPOINT"
ENDPOINT_PARAMETER = "endpoint"


def wikidata_endpoint() -> str:
    """The configured Wikidata SPARQL endpoint."""
    return os.environ.get(ENDPOINT_ENV) or WIKIDATA_ENDPOINT


def with_endpoint(query: NamedQuery, values: dict[str, str]) -> dict[str, str]:
    """The parameter values, with the configured endpoint added when the query needs one and none was given."""
    declared = any(parameter.name == ENDPOINT_PARAMETER for parameter in query.parameters)
    if declared and not values.get(ENDPOINT_PARAMETER, "").strip():  # a blank form field counts as not given
        return {**values, ENDPOINT_PARAMETER: wikidata_endpoint()}
    return values
