"""A trainable baseline: ``bench train`` and the ``sklearn-ner:DIR`` backend.

A token-level sequence labeller over Arabic word features (:mod:`.features`), either a
linear classifier (scikit-learn's ``FeatureHasher`` + ``SGDClassifier``) or a
linear-chain CRF (``sklearn-crfsuite``), trained on any entity corpus the project
reads; spans come back at exact character offsets with the clitic conventions of
``gold/GUIDELINES.md`` (:mod:`.spans`). Models are saved without pickle (:mod:`.store`).
"""
