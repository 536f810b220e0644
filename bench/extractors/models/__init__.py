"""Model-based backends, named ``KIND:ARG`` (:data:`bench.extractors.registry.MODEL_KINDS`).

``hf`` (transformers token classification), ``spacy``, ``llm`` (OpenAI-compatible chat
servers) and thin adapters for ``stanza``, ``camel`` (CAMeL Tools) and ``gliner``. They
share :mod:`.common`: the mapping of model labels to the canonical ones and the
decoding of BIO tags over words. Their libraries are the ``models`` extra.
"""
