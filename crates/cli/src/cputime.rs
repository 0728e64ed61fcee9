//! CPU time of the current thread, for benchmarks: on a shared machine wall-clock speed says
//! more about the neighbours than about the code.

/// CPU seconds used by the current thread (Linux `/proc`; `None` elsewhere). The scheduler's
/// nanosecond count (`schedstat`) is preferred: the tick count of `stat` has a 10 ms
/// resolution, too coarse for passes that take a tenth of a second.
pub fn thread_cpu() -> Option<f64> {
    if let Some(ns) = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
    {
        return Some(ns as f64 / 1e9);
    }
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn thread_cpu_advances_with_work() {
        let Some(a) = super::thread_cpu() else { return };
        let mut x = 0u64;
        for i in 0..20_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(std::hint::black_box(i));
        }
        std::hint::black_box(x);
        let b = super::thread_cpu().expect("available once");
        assert!(b > a, "{a} -> {b}");
    }
}
