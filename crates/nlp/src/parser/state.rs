//! The arc-hybrid transition system (Kuhlmann et al. 2011) with a single-root constraint,
//! and its dynamic oracle (Goldberg & Nivre 2013): the cost of a transition is the number of
//! gold arcs it makes unreachable. Words are numbered from 1; 0 is the artificial root,
//! which starts on the stack and takes exactly one dependent, attached last.
//! The oracle is exact for projective trees; on non-projective ones it still gives a
//! usable (approximate) cost, which is how the parser is trained on all sentences.

/// No head (yet).
pub const NONE: u32 = u32::MAX;

/// Unlabelled transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Push the first buffer word onto the stack.
    Shift,
    /// Make the stack top a dependent of the first buffer word, and pop it.
    Left,
    /// Make the stack top a dependent of the word below it, and pop it.
    Right,
}

/// A parser configuration over one sentence of `n` words.
#[derive(Debug, Default)]
pub struct State {
    n: u32,
    /// The stack, bottom first; starts as `[0]`.
    pub stack: Vec<u32>,
    /// The first buffer word (1-based); the buffer is empty when it exceeds `n`.
    pub buffer: u32,
    /// Head of each word (index 0 unused), `NONE` while unattached.
    pub heads: Vec<u32>,
    /// Relation label id of each word.
    pub labels: Vec<u8>,
    /// The two leftmost dependents of each word (0 = none), leftmost first.
    pub lefts: Vec<[u32; 2]>,
    /// The two rightmost dependents of each word (0 = none), rightmost first.
    pub rights: Vec<[u32; 2]>,
    /// Number of left and right dependents.
    pub valency: Vec<[u8; 2]>,
}

impl State {
    /// Reset for a sentence of `n` words, reusing the buffers.
    pub fn reset(&mut self, n: usize) {
        self.n = n as u32;
        self.stack.clear();
        self.stack.push(0);
        self.buffer = 1;
        for v in [&mut self.heads] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.labels.clear();
        self.labels.resize(n + 1, 0);
        self.lefts.clear();
        self.lefts.resize(n + 1, [0; 2]);
        self.rights.clear();
        self.rights.resize(n + 1, [0; 2]);
        self.valency.clear();
        self.valency.resize(n + 1, [0; 2]);
    }

    /// Become a copy of `other`, reusing this state's buffers (a beam copies states at every
    /// step; `clone` would allocate).
    pub fn copy_from(&mut self, other: &State) {
        self.n = other.n;
        self.stack.clone_from(&other.stack);
        self.buffer = other.buffer;
        self.heads.clone_from(&other.heads);
        self.labels.clone_from(&other.labels);
        self.lefts.clone_from(&other.lefts);
        self.rights.clone_from(&other.rights);
        self.valency.clone_from(&other.valency);
    }

    /// True when parsing is over.
    pub fn is_final(&self) -> bool {
        self.buffer > self.n && self.stack.len() <= 1
    }

    fn buffer_empty(&self) -> bool {
        self.buffer > self.n
    }

    /// The stack word `i` from the top (0 = top), or `None`.
    pub fn s(&self, i: usize) -> Option<u32> {
        self.stack.len().checked_sub(i + 1).map(|k| self.stack[k])
    }

    /// The buffer word `i` from the front, or `None`.
    pub fn b(&self, i: u32) -> Option<u32> {
        let w = self.buffer + i;
        (w <= self.n).then_some(w)
    }

    /// Can `m` be applied?
    pub fn valid(&self, m: Move) -> bool {
        match m {
            Move::Shift => !self.buffer_empty(),
            Move::Left => !self.buffer_empty() && self.stack.len() > 1,
            Move::Right => {
                self.stack.len() > 2 || (self.stack.len() == 2 && self.buffer_empty())
            }
        }
    }

    fn attach(&mut self, head: u32, dep: u32, label: u8) {
        self.heads[dep as usize] = head;
        self.labels[dep as usize] = label;
        let h = head as usize;
        if dep < head {
            self.lefts[h] = [dep, self.lefts[h][0]];
            self.valency[h][0] = self.valency[h][0].saturating_add(1);
        } else {
            self.rights[h] = [dep, self.rights[h][0]];
            self.valency[h][1] = self.valency[h][1].saturating_add(1);
        }
    }

    /// The arc `(dependent, head)` that `m` would make, or `None` for shift. `m` must be valid.
    pub fn arc(&self, m: Move) -> Option<(u32, u32)> {
        let top = self.stack.len().checked_sub(1)?;
        match m {
            Move::Shift => None,
            Move::Left => Some((self.stack[top], self.buffer)),
            Move::Right => Some((self.stack[top], self.stack[top.checked_sub(1)?])),
        }
    }

    /// Apply `m` with relation `label` (ignored for shift). `m` must be valid.
    pub fn apply(&mut self, m: Move, label: u8) {
        match m {
            Move::Shift => {
                self.stack.push(self.buffer);
                self.buffer += 1;
            }
            Move::Left => {
                let s0 = self.stack.pop().unwrap_or(0);
                self.attach(self.buffer, s0, label);
            }
            Move::Right => {
                let s0 = self.stack.pop().unwrap_or(0);
                let s1 = *self.stack.last().unwrap_or(&0);
                self.attach(s1, s0, label);
            }
        }
    }

    /// Gold arcs lost by applying `m` (unlabelled), given gold heads (`gold[w]`, 0 = root).
    pub fn cost(&self, m: Move, gold: &[u32]) -> u32 {
        let in_buffer = |w: u32| w >= self.buffer && w <= self.n;
        let children_in_buffer = |h: u32| (self.buffer..=self.n).filter(|&k| gold[k as usize] == h).count() as u32;
        match m {
            Move::Shift => {
                let b = self.buffer;
                let top = self.stack.len() - 1;
                let mut c = 0;
                for (i, &k) in self.stack.iter().enumerate() {
                    if gold[k as usize] == b && k != 0 {
                        c += 1;
                    }
                    if i != top && gold[b as usize] == k {
                        c += 1;
                    }
                }
                c
            }
            Move::Left => {
                let s0 = self.stack[self.stack.len() - 1];
                let g = gold[s0 as usize];
                let s1 = self.s(1);
                let lost_head = g != self.buffer && (Some(g) == s1 || (in_buffer(g) && g != self.buffer));
                lost_head as u32 + children_in_buffer(s0)
            }
            Move::Right => {
                let s0 = self.stack[self.stack.len() - 1];
                let g = gold[s0 as usize];
                let lost_head = Some(g) != self.s(1) && in_buffer(g);
                lost_head as u32 + children_in_buffer(s0)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follow the zero-cost moves (the beam's gold sequence) and return the tree they make.
    fn oracle_parse(gold: &[u32]) -> Vec<u32> {
        let (mut s, mut moves) = (State::default(), Vec::new());
        crate::parser::beam::oracle_sequence(gold.len() - 1, gold, &vec![1; gold.len()], &mut s, &mut moves);
        s.heads
    }

    #[test]
    fn oracle_reproduces_projective_trees() {
        // "Lukashenko invited Wagner to Belarus ." heads: invited=root.
        let gold = [NONE, 2, 0, 2, 5, 2, 2];
        let heads = oracle_parse(&gold);
        assert_eq!(&heads[1..], &gold[1..]);
        // A longer chain with left and right dependents.
        let gold = [NONE, 3, 3, 0, 5, 3, 7, 5, 3];
        assert_eq!(&oracle_parse(&gold)[1..], &gold[1..]);
    }

    #[test]
    fn single_root() {
        let mut s = State::default();
        s.reset(2);
        s.apply(Move::Shift, 0);
        assert!(!s.valid(Move::Right), "root only takes a dependent once the buffer is empty");
        s.apply(Move::Shift, 0);
        assert!(s.valid(Move::Right));
    }
}
