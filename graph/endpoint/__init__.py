"""The HTTP endpoint: SPARQL 1.1 Protocol, query page, Linked Data, service description and VoID.

`graph/serve.py` is the door; `server` runs the processes, `http` reads and writes HTTP, `app`
routes a request, `sparql` speaks the protocol, `negotiate` picks formats, `pages` describes
resources, `service` describes the endpoint and its dataset.
"""
