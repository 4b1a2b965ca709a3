"""eurasia-kg: analysis texts on China, Russia and Central Asia in, a validated RDF knowledge graph out.

From Python, `ask(question, store=…, **parameters)` answers a named query of the library and
`questions()` lists them (see eurasia_kg.answers); `eurasia_kg.build.build` makes a store.

    >>> from eurasia_kg import questions
    >>> "claims-about" in questions()
    True
"""

__version__ = "0.1.0"
__all__ = ["ask", "questions", "__version__"]


def __getattr__(name: str):
    # Loaded on first use, so that the pipeline's workers, which import this package, need not load the store.
    if name in ("ask", "questions"):
        from eurasia_kg import answers

        return getattr(answers, name)
    raise AttributeError(f"module 'eurasia_kg' has no attribute {name!r}")
