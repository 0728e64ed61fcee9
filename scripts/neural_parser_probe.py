"""Feasibility probe for a neural parser (session 22, 2026-11-28); not part of the engine.

A spaCy-style design in JAX: hashed-vocabulary embeddings of the word, its prefix, suffix
and shape; a CNN encoder (window 3, maxout, layer norm, residual); a greedy arc-hybrid
parser whose state is 13 encoder vectors (stack, buffer, leftmost and rightmost children)
fed to one hidden layer; an auxiliary UPOS loss. Static oracle on projective training
trees (EWT + GUM train), no POS input, Adam with cosine decay. It prints EWT dev UAS/LAS
(labels compared without subtypes) every epoch and GUM dev every third.

    python3 -m venv /tmp/jaxenv && /tmp/jaxenv/bin/pip install "jax[cpu]" optax
    /tmp/jaxenv/bin/python scripts/neural_parser_probe.py WIDTH LAYERS HIDDEN EPOCHS PIECES

Data is read from ../shared/data. Results are in models/MODELS.md (parser.bin).
"""
import gzip, glob, os, sys, random, time, collections, re
import numpy as np
import jax, jax.numpy as jnp, optax

DATA = os.environ.get('NEWSGRAPH_DATA', '../shared/data')
W = int(sys.argv[1]) if len(sys.argv) > 1 else 128
LAYERS = int(sys.argv[2]) if len(sys.argv) > 2 else 4
HID = int(sys.argv[3]) if len(sys.argv) > 3 else 256
EPOCHS = int(sys.argv[4]) if len(sys.argv) > 4 else 12
PIECES = int(sys.argv[5]) if len(sys.argv) > 5 else 3
random.seed(1); np.random.seed(1)

def read_conllu(path):
    op = gzip.open if path.endswith('.gz') else open
    sents, cur = [], []
    with op(path, 'rt', encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line:
                if cur: sents.append(cur); cur = []
                continue
            if line.startswith('#'): continue
            c = line.split('\t')
            if '-' in c[0] or '.' in c[0]: continue
            cur.append((c[1], c[3], int(c[6]) - 1, c[7]))  # head -1 = root
    if cur: sents.append(cur)
    return sents

train = read_conllu(f'{DATA}/ud_english_ewt/en_ewt-ud-train.conllu')
for p in sorted(glob.glob(f'{DATA}/gum/dep/train/*.conllu*')): train += read_conllu(p)
dev = read_conllu(f'{DATA}/ud_english_ewt/en_ewt-ud-dev.conllu')
gumdev = []
for p in sorted(glob.glob(f'{DATA}/gum/dep/dev/*.conllu*')): gumdev += read_conllu(p)
print(len(train), len(dev), len(gumdev), flush=True)

def norm(w):
    return re.sub(r'[0-9]', '0', w.lower())
def shape(w):
    s = re.sub(r'[A-Z]', 'X', w); s = re.sub(r'[a-z]', 'x', s); s = re.sub(r'[0-9]', 'd', s)
    return re.sub(r'(.)\1\1+', r'\1\1', s)[:6]
feats = [lambda w: norm(w), lambda w: norm(w)[:3], lambda w: norm(w)[-3:], shape]
FDIM = [100, 24, 32, 16]
vocabs = []
for fi, f in enumerate(feats):
    c = collections.Counter(f(t[0]) for s in train for t in s)
    v = {'<pad>': 0, '<unk>': 1}
    for k, n in c.items():
        if n >= 2: v[k] = len(v)
    vocabs.append((v, c))
upos = sorted({t[1] for s in train for t in s}); UP = {u: i for i, u in enumerate(upos)}
labels = sorted({t[3] for s in train for t in s}); LB = {l: i for i, l in enumerate(labels)}
NL = len(labels); NM = 1 + 2 * NL
print('labels', NL, 'vocab', [len(v) for v, _ in vocabs], flush=True)

def ids(sent, drop=0.0):
    out = np.zeros((len(sent), len(feats)), np.int32)
    for i, t in enumerate(sent):
        for fi, f in enumerate(feats):
            v, c = vocabs[fi]
            k = f(t[0]); x = v.get(k, 1)
            if drop and fi == 0 and x > 1 and random.random() < drop / (drop + c[k] / 4): x = 1
            out[i, fi] = x
    return out

def projective(sent):
    arcs = [(min(i, h), max(i, h)) for i, (_, _, h, _) in enumerate(sent) if h >= 0]
    for a, b in arcs:
        for c, d in arcs:
            if a < c < b < d: return False
    return True

NS = 13
def slots(stack, buf, n, lc, rc):
    R, P = n, n + 1  # root, pad
    def tok(x): return R if x == -1 else x
    s = [tok(stack[-1 - k]) if len(stack) > k else P for k in range(3)]
    b = [buf + k if buf + k < n else P for k in range(3)]
    def kid(lst, k):
        return lst[k] if len(lst) > k else P
    s0 = stack[-1] if stack else None; s1 = stack[-2] if len(stack) > 1 else None
    def L(x, k): return P if x is None or x == -1 else kid(lc[x], k)
    def Rr(x, k): return P if x is None or x == -1 else kid(rc[x][::-1], k)
    b0 = buf if buf < n else None
    return s + b + [L(s0, 0), L(s0, 1), Rr(s0, 0), Rr(s0, 1), L(s1, 0), Rr(s1, 0), L(b0, 0)]

def oracle(sent):
    n = len(sent)
    heads = [t[2] for t in sent]
    nkids = [0] * n
    for h in heads:
        if h >= 0: nkids[h] += 1
    got = [0] * n
    stack, buf = [-1], 0
    lc = [[] for _ in range(n)]; rc = [[] for _ in range(n)]
    out = []
    while not (buf >= n and len(stack) == 1):
        sl = slots(stack, buf, n, lc, rc)
        s0 = stack[-1]
        if s0 != -1 and buf < n and heads[s0] == buf:
            m = 1 + LB.get(sent[s0][3], 0)
            lc[buf].insert(0, s0); got[buf] += 1; stack.pop()
        elif len(stack) >= 2 and heads[s0] == stack[-2] and got[s0] == nkids[s0] and (stack[-2] != -1 or buf >= n):
            m = 1 + NL + LB.get(sent[s0][3], 0)
            h = stack[-2]
            if h >= 0: rc[h].append(s0); got[h] += 1
            stack.pop()
        else:
            if buf >= n: return None
            m = 0; stack.append(buf); buf += 1
        out.append((sl, m))
    return out

train_o = []
for s in train:
    if not projective(s): continue
    o = oracle(s)
    if o is not None: train_o.append((s, o))
print('oracle sentences', len(train_o), flush=True)

def init(key):
    ks = iter(jax.random.split(key, 64))
    p = {}
    for fi, (v, _) in enumerate(vocabs):
        p[f'emb{fi}'] = jax.random.normal(next(ks), (len(v), FDIM[fi])) * 0.1
    p['inW'] = jax.random.normal(next(ks), (sum(FDIM), W)) * (1 / np.sqrt(sum(FDIM)))
    p['inb'] = jnp.zeros(W)
    for l in range(LAYERS):
        p[f'cW{l}'] = jax.random.normal(next(ks), (3 * W, W * PIECES)) * (1 / np.sqrt(3 * W))
        p[f'cb{l}'] = jnp.zeros(W * PIECES)
        p[f'g{l}'] = jnp.ones(W); p[f'bb{l}'] = jnp.zeros(W)
    p['root'] = jax.random.normal(next(ks), (W,)) * 0.1
    p['pad'] = jax.random.normal(next(ks), (W,)) * 0.1
    p['hW'] = jax.random.normal(next(ks), (NS * W, HID)) * (1 / np.sqrt(NS * W))
    p['hb'] = jnp.zeros(HID)
    p['oW'] = jax.random.normal(next(ks), (HID, NM)) * (1 / np.sqrt(HID))
    p['ob'] = jnp.zeros(NM)
    p['tW'] = jax.random.normal(next(ks), (W, len(upos))) * (1 / np.sqrt(W))
    p['tb'] = jnp.zeros(len(upos))
    return p

def encode(p, x, mask, key=None, rate=0.0):
    e = jnp.concatenate([p[f'emb{fi}'][x[..., fi]] for fi in range(len(feats))], -1)
    if key is not None: key, k = jax.random.split(key); e = e * jax.random.bernoulli(k, 1 - rate, e.shape) / (1 - rate)
    h = jnp.tanh(e @ p['inW'] + p['inb']) * mask[..., None]
    for l in range(LAYERS):
        left = jnp.pad(h, ((0, 0), (1, 0), (0, 0)))[:, :-1]
        right = jnp.pad(h, ((0, 0), (0, 1), (0, 0)))[:, 1:]
        z = jnp.concatenate([left, h, right], -1) @ p[f'cW{l}'] + p[f'cb{l}']
        z = z.reshape(z.shape[:-1] + (W, PIECES)).max(-1)
        mu = z.mean(-1, keepdims=True); var = z.var(-1, keepdims=True)
        z = (z - mu) / jnp.sqrt(var + 1e-5) * p[f'g{l}'] + p[f'bb{l}']
        if key is not None: key, k = jax.random.split(key); z = z * jax.random.bernoulli(k, 1 - rate, z.shape) / (1 - rate)
        h = (h + z) * mask[..., None]
    return h

def extend(p, h):
    B, T, _ = h.shape
    r = jnp.broadcast_to(p['root'], (B, 1, W)); d = jnp.broadcast_to(p['pad'], (B, 1, W))
    return jnp.concatenate([h, r, d], 1)  # index T = root, T+1 = pad

def loss_fn(p, x, mask, tags, sidx, moves, smask, key):
    h = encode(p, x, mask, key, 0.2)
    tl = optax.softmax_cross_entropy_with_integer_labels(h @ p['tW'] + p['tb'], tags)
    tl = (tl * mask).sum() / mask.sum()
    he = extend(p, h).reshape(-1, W)
    g = he[sidx].reshape(-1, NS * W)
    z = jax.nn.relu(g @ p['hW'] + p['hb'])
    logits = z @ p['oW'] + p['ob']
    pl = optax.softmax_cross_entropy_with_integer_labels(logits, moves)
    pl = (pl * smask).sum() / smask.sum()
    return pl + 0.5 * tl

STEPS = EPOCHS * (len(train_o) // 32 + 1)
opt = optax.chain(optax.clip_by_global_norm(5.0), optax.adam(optax.cosine_decay_schedule(2e-3, STEPS, 0.05)))

@jax.jit
def step(p, st, x, mask, tags, sidx, moves, smask, key):
    l, g = jax.value_and_grad(loss_fn)(p, x, mask, tags, sidx, moves, smask, key)
    up, st = opt.update(g, st, p)
    return optax.apply_updates(p, up), st, l

def rup(n, m): return (n + m - 1) // m * m

def batch(items, drop):
    T = rup(max(len(s) for s, _ in items), 16)
    B = len(items)
    x = np.zeros((B, T, len(feats)), np.int32); mask = np.zeros((B, T), np.float32); tags = np.zeros((B, T), np.int32)
    sidx, moves = [], []
    for b, (s, o) in enumerate(items):
        x[b, :len(s)] = ids(s, drop); mask[b, :len(s)] = 1
        tags[b, :len(s)] = [UP.get(t[1], 0) for t in s]
        n = len(s)
        for sl, m in o:
            sidx.append([b * (T + 2) + (T + (i - n) if i >= n else i) for i in sl]); moves.append(m)
    N = rup(len(moves), 512)
    smask = np.zeros(N, np.float32); smask[:len(moves)] = 1
    sidx += [[0] * NS] * (N - len(moves)); moves += [0] * (N - len(moves))
    return x, mask, tags, np.array(sidx, np.int32).reshape(-1), np.array(moves, np.int32), smask

enc_jit = jax.jit(lambda p, x, mask: encode(p, x, mask))

def parse_eval(p, sents):
    hW = np.asarray(p['hW']).reshape(NS, W, HID); hb = np.asarray(p['hb']); oW = np.asarray(p['oW']); ob = np.asarray(p['ob'])
    ua = la = tot = 0
    order = sorted(range(len(sents)), key=lambda i: len(sents[i]))
    for k in range(0, len(order), 64):
        chunk = [sents[i] for i in order[k:k + 64]]
        T = rup(max(len(s) for s in chunk), 16)
        x = np.zeros((len(chunk), T, len(feats)), np.int32); mask = np.zeros((len(chunk), T), np.float32)
        for b, s in enumerate(chunk): x[b, :len(s)] = ids(s); mask[b, :len(s)] = 1
        H = np.asarray(extend(p, enc_jit(p, jnp.array(x), jnp.array(mask))))
        for b, s in enumerate(chunk):
            n = len(s)
            he = np.concatenate([H[b, :n], H[b, T:T + 2]], 0)  # n = root, n+1 = pad
            Q = np.einsum('tw,swh->sth', he, hW)
            heads = [None] * n; labs = [None] * n
            stack, buf = [-1], 0
            lc = [[] for _ in range(n)]; rc = [[] for _ in range(n)]
            while not (buf >= n and len(stack) == 1):
                sl = slots(stack, buf, n, lc, rc)
                z = hb + sum(Q[i, t] for i, t in enumerate(sl))
                sc = np.maximum(z, 0) @ oW + ob
                s0 = stack[-1]
                valid = np.full(NM, False)
                if buf < n: valid[0] = True
                if s0 != -1 and buf < n: valid[1:1 + NL] = True
                if len(stack) >= 2 and (stack[-2] != -1 or buf >= n): valid[1 + NL:] = True
                if len(stack) >= 2 and stack[-2] == -1 and buf >= n: valid[0:1 + NL] = False
                sc = np.where(valid, sc, -1e9); m = int(sc.argmax())
                if m == 0: stack.append(buf); buf += 1
                elif m <= NL:
                    heads[s0] = buf; labs[s0] = labels[m - 1]; lc[buf].insert(0, s0); stack.pop()
                else:
                    h = stack[-2]; heads[s0] = h; labs[s0] = labels[m - 1 - NL]
                    if h >= 0: rc[h].append(s0)
                    stack.pop()
            for i, t in enumerate(s):
                tot += 1
                if heads[i] == t[2]:
                    ua += 1
                    if labs[i].split(':')[0] == t[3].split(':')[0]: la += 1
    return ua / tot, la / tot

p = init(jax.random.PRNGKey(1)); st = opt.init(p)
key = jax.random.PRNGKey(2)
BS = 32
for ep in range(EPOCHS):
    t0 = time.time(); random.shuffle(train_o)
    items = sorted(train_o, key=lambda so: len(so[0]) + random.random() * 6)
    bl = [items[i:i + BS] for i in range(0, len(items), BS)]; random.shuffle(bl)
    tl = 0
    for bi, b in enumerate(bl):
        key, k = jax.random.split(key)
        arrs = batch(b, 0.25)
        p, st, l = step(p, st, *[jnp.array(a) for a in arrs], k)
        tl += float(l) if bi % 50 == 0 else 0
    u, l_ = parse_eval(p, dev)
    msg = f'epoch {ep+1} {time.time()-t0:.0f}s loss~{tl/ (len(bl)/50):.3f} EWT dev UAS {u:.4f} LAS {l_:.4f}'
    if ep % 3 == 2 or ep == EPOCHS - 1:
        gu, gl = parse_eval(p, gumdev); msg += f' GUM {gu:.4f} {gl:.4f}'
    print(msg, flush=True)
