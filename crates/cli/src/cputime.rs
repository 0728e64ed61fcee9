//! CPU time of the current thread, for benchmarks: on a shared machine wall-clock speed says
//! more about the neighbours than about the code.

/// CPU seconds used by the current thread (Linux `/proc`; `None` elsewhere).
pub fn thread_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
