//! A two-class averaged perceptron read as one score, class 1's over class 0's: the source
//! chooser ([`super::source_model`]) ranks candidates by it, and the filter
//! ([`super::keep_model`]) keeps what scores at least 0. It holds the weights and the epoch
//! loop both train with; the features and the update rule are its users'.

use newsgraph_nlp::perceptron::{BestEpoch, Model, Rng, TrainConfig, Trainer};
use newsgraph_nlp::Error;

/// The weights of one margin model.
pub struct MarginModel {
    /// Two classes; the score is class 1's over class 0's.
    pub model: Model,
}

impl Default for MarginModel {
    /// No weights: what was trained without a parse. [`super::AttributionModel`] does not
    /// use it.
    fn default() -> Self {
        MarginModel { model: Trainer::new(2).average(0.0) }
    }
}

impl std::fmt::Debug for MarginModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} rows", self.model.rows())
    }
}

impl MarginModel {
    /// The score of `feats` (`scratch` holds the class scores).
    pub(super) fn score(&self, feats: &[u64], scratch: &mut Vec<f32>) -> f32 {
        self.model.scores(feats, scratch);
        margin_of(scratch)
    }

    /// Was it trained (does it have weights)?
    pub(super) fn is_trained(&self) -> bool {
        self.model.rows() > 0
    }
}

/// Class 1's score over class 0's.
pub(super) fn margin_of(scores: &[f32]) -> f32 {
    scores.get(1).copied().unwrap_or(0.0) - scores.first().copied().unwrap_or(0.0)
}

/// The epoch loop both margin models train with: each epoch shuffles the `n` training
/// examples (seeded), lets `step` score and update example `i` (true when it was right),
/// averages the weights, and hands `epoch_done` the epoch, the training accuracy and the
/// averaged model; it returns the epoch's dev score and the model to keep. The best-scoring
/// epoch is kept, with early stopping after `cfg.patience` epochs without a gain.
pub(super) fn train_epochs<T>(n: usize, cfg: &TrainConfig, mut step: impl FnMut(&mut Trainer, usize) -> bool, mut epoch_done: impl FnMut(usize, f64, MarginModel) -> (f64, T)) -> Result<T, Error> {
    let mut trainer = Trainer::new(2);
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = Rng::new(cfg.seed);
    let mut best = BestEpoch::new(cfg.patience);
    for epoch in 1..=cfg.epochs {
        rng.shuffle(&mut order);
        let mut hits = 0usize;
        for &i in &order {
            hits += usize::from(step(&mut trainer, i));
            trainer.tick();
        }
        let (score, model) = epoch_done(epoch, hits as f64 / n.max(1) as f64, MarginModel { model: trainer.average(cfg.min_weight) });
        if best.record(score, model) {
            break;
        }
    }
    best.into_best()
}
