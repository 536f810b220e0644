"""Data the project ships or builds: label mappings (``labels/*.json``) and lexicons that
several parts use (:mod:`.gazetteer`: the ``gazetteer-ner`` backend's word lists, also
features of the trainable baseline)."""
