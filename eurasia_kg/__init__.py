"""eurasia-kg: analysis texts on China, Russia and Central Asia in, a validated RDF knowledge graph out."""

__version__ = "0.1.0"
