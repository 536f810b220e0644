"""A trainable baseline: ``bench train`` and the ``sklearn-ner:DIR`` backend.

A token-level sequence labeller over Arabic word features (:mod:`.features`: base
features and the groups ``ngrams``, ``names`` and ``clusters``, the last learned from
unlabelled text by :mod:`.clusters`), either a linear classifier (scikit-learn's
``FeatureHasher`` + ``SGDClassifier``) or a linear-chain CRF (trained by
``sklearn-crfsuite``, tagged by :class:`.model.Decoder`): :class:`.model.ModelKind`,
always named by the caller. :mod:`.model` trains, saves (without pickle), loads and
applies a tagger;
:mod:`.train` trains one on any entity corpus the project reads and gives spans back at
exact character offsets with the clitic conventions of ``gold/GUIDELINES.md``.
Cross-validation, which scores with the scorer, is :mod:`bench.crossval`.
"""
