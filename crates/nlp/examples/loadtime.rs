//! Development driver: time model loading (`loadtime N TAGGER [NER]`: N loads in a row, one
//! after the other on this thread). Prints the thread CPU time of each load (min and median
//! over the N loads) and the wall time; `/usr/bin/time` gives the process totals.
use newsgraph_nlp::ModelFile;

/// Thread CPU time in milliseconds.
fn cpu_ms() -> f64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid timespec to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let n: usize = a[1].parse().unwrap_or(1);
    let (mut tag, mut ner, mut wall) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..n {
        let t = std::time::Instant::now();
        let c = cpu_ms();
        let m = newsgraph_nlp::Tagger::load(std::path::Path::new(&a[2])).unwrap_or_else(|e| panic!("{e}"));
        let c1 = cpu_ms();
        tag.push(c1 - c);
        if let Some(p) = a.get(3) {
            let x = newsgraph_nlp::Ner::load(std::path::Path::new(p)).unwrap_or_else(|e| panic!("{e}"));
            ner.push(cpu_ms() - c1);
            drop(x);
        }
        wall.push(t.elapsed().as_secs_f64() * 1e3);
        drop(m);
    }
    let stat = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        (v.first().copied().unwrap_or(0.0), v.get(v.len() / 2).copied().unwrap_or(0.0))
    };
    let (t, nr, w) = (stat(&mut tag), stat(&mut ner), stat(&mut wall));
    println!("{n} loads, CPU ms min/median: tagger {:.1}/{:.1}, ner {:.1}/{:.1}, both {:.1}/{:.1}; wall ms both {:.1}/{:.1}", t.0, t.1, nr.0, nr.1, t.0 + nr.0, t.1 + nr.1, w.0, w.1);
}
