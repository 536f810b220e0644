"""Tiny models built by the tests (no download): a BERT token classifier and a spaCy
pipeline, trained for seconds on text written here or on the seed article."""

from __future__ import annotations

from pathlib import Path

HF_LABELS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
TO_MODEL = {"PERSON": "PERS", "LOC": "LOC", "ORG": "ORG", "NORP": "MISC"}


def build_hf_model(folder: Path, text: str, spans: list[tuple[int, int, str]]) -> Path:
    """A 2-layer BERT with a WordPiece tokenizer trained on ``text``, its classifier
    trained a few steps on ``spans``. Position embeddings and the attention output are
    zero and frozen, so each token's tag depends on the token alone: a document cut in
    windows must then give exactly the spans of one pass (any difference is the
    windowing's)."""
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers
    from tokenizers.processors import TemplateProcessing
    from transformers import BertConfig, BertForTokenClassification, PreTrainedTokenizerFast

    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator([text], trainers.WordPieceTrainer(vocab_size=400,
                                                              special_tokens=special))
    tok.post_processor = TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[(t, tok.token_to_id(t)) for t in
                                                 ("[CLS]", "[SEP]")])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]",
                                   cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]",
                                   model_max_length=512)
    config = BertConfig(vocab_size=fast.vocab_size, hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64,
                        max_position_embeddings=512, num_labels=len(HF_LABELS),
                        id2label=dict(enumerate(HF_LABELS)),
                        label2id={t: i for i, t in enumerate(HF_LABELS)})
    torch.manual_seed(0)
    model = BertForTokenClassification(config)
    frozen = [model.bert.embeddings.position_embeddings.weight]
    for layer in model.bert.encoder.layer:
        frozen += [layer.attention.output.dense.weight, layer.attention.output.dense.bias]
    for p in frozen:
        p.data.zero_()
        p.requires_grad_(False)
    enc = fast(text, return_offsets_mapping=True, truncation=True, max_length=128, stride=16,
               return_overflowing_tokens=True, padding=True, return_tensors="pt")
    labels = []
    for offsets in enc["offset_mapping"].tolist():
        row = []
        for s, e in offsets:
            tag = "O" if e > s else None
            for gs, ge, lab in spans:
                if gs <= s and e <= ge:
                    tag = ("B-" if s == gs else "I-") + TO_MODEL[lab]
            row.append(-100 if tag is None else HF_LABELS.index(tag))
        labels.append(row)
    target = torch.tensor(labels)
    optim = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=0.02)
    model.train()
    for _ in range(60):
        optim.zero_grad()
        out = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                    labels=target)
        out.loss.backward()
        optim.step()
    model.eval()
    model.save_pretrained(folder)
    fast.save_pretrained(folder)
    return folder


SENTENCES = [  # (text, [(phrase, spaCy label)]) written for the tests, ANERcorp-like
    ("زار الرئيس محمد علي مدينة بغداد امس", [("محمد علي", "PER"), ("بغداد", "LOC")]),
    ("قالت وزارة الخارجية في القاهرة ان الوفد وصل", [("وزارة الخارجية", "ORG"),
                                                     ("القاهرة", "LOC")]),
    ("التقى احمد حسن وفدا من الامم المتحدة في دمشق", [("احمد حسن", "PER"),
                                                      ("الامم المتحدة", "ORG"), ("دمشق", "LOC")]),
    ("وصل الوزير خالد سعيد الى عمان قادما من بيروت", [("خالد سعيد", "PER"), ("عمان", "LOC"),
                                                       ("بيروت", "LOC")]),
    ("اعلنت جامعة الدول العربية عن اجتماع في الرياض", [("جامعة الدول العربية", "ORG"),
                                                       ("الرياض", "LOC")]),
    ("شارك لاعبون عراقيون في بطولة الخليج", [("عراقيون", "MISC")]),
]


def build_spacy_model(folder: Path) -> Path:
    """A blank Arabic pipeline with an ``ner`` component trained for a few iterations on
    :data:`SENTENCES`, saved to ``folder``."""
    import random

    import spacy
    from spacy.training import Example

    nlp = spacy.blank("ar")
    ner = nlp.add_pipe("ner")
    examples = []
    for text, ents in SENTENCES:
        spans = [(text.index(p), text.index(p) + len(p), lab) for p, lab in ents]
        for _, _, lab in spans:
            ner.add_label(lab)
        examples.append(Example.from_dict(nlp.make_doc(text), {"entities": spans}))
    random.seed(0)
    spacy.util.fix_random_seed(0)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
    nlp.to_disk(folder)
    return folder
