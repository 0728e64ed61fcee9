//! A two-class averaged perceptron read as one score, class 1's over class 0's: the source
//! chooser ([`super::source_model`]) ranks candidates by it, and the filter
//! ([`super::keep_model`]) keeps what scores at least 0. It holds the weights only; the
//! features and the training are its users'.

use newsgraph_nlp::perceptron::{Model, Trainer};

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
