//! The `Stage` trait and the `Pipeline` that runs stages in order over one document.
//! A stage adds its own layer to the `Doc`; it does not own I/O or error reporting.

use crate::Doc;

/// One step of the analysis: reads the `Doc` and adds its own layer.
pub trait Stage: Send + Sync {
    /// A short stable name, used in timings and `--help`.
    fn name(&self) -> &'static str;
    /// Add this stage's layer to `doc`.
    fn process(&self, doc: &mut Doc);
}

/// An ordered list of stages, run one after another on each document.
#[derive(Default)]
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// An empty pipeline.
    pub fn new() -> Self {
        Self::default()
    }

    /// Append a stage.
    pub fn push(&mut self, stage: impl Stage + 'static) -> &mut Self {
        self.stages.push(Box::new(stage));
        self
    }

    /// The names of the stages, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Run every stage on `doc`.
    pub fn run(&self, doc: &mut Doc) {
        for stage in &self.stages {
            stage.process(doc);
        }
    }

    /// Run every stage on `doc`, adding each stage's wall time (seconds) to `seconds[i]`
    /// (`seconds` has one slot per stage; `newsgraph bench stages` reports the shares).
    pub fn run_timed(&self, doc: &mut Doc, seconds: &mut [f64]) {
        for (stage, slot) in self.stages.iter().zip(seconds.iter_mut()) {
            let started = std::time::Instant::now();
            stage.process(doc);
            *slot += started.elapsed().as_secs_f64();
        }
    }
}
