"""graphbuild: news articles in, a knowledge graph of organisations and products out.

Offline, deterministic, with evidence for every edge. The stages, each a module:
``documents`` (reading) -> ``nlp`` (spaCy pipeline) -> ``rules`` (relations) ->
``canonical`` (names) -> ``graph`` (NetworkX) -> exporters (``html``, ``cypher`` ...).
"""

from __future__ import annotations

__version__ = "0.1.0"
