//! Timing and the units the report prints numbers in.

use std::time::{Duration, Instant};

/// Runs `work` `runs` times (at least once) and gives the median time and the last result.
pub fn median<T>(runs: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let start = Instant::now();
    let mut result = work();
    let mut times = vec![start.elapsed()];
    for _ in 1..runs {
        // The previous result is dropped before the clock starts: freeing the 100,000 records
        // loaded before took 50-160 ms, which had been counted in the next load's time.
        drop(result);
        let start = Instant::now();
        result = work();
        times.push(start.elapsed());
    }
    (Spread::of(times).median, result)
}

/// Runs each of `works` `runs` times (at least once), in rounds that run every work once, each
/// round starting one work later than the one before, and gives each work's median time. A
/// slow spell of the shared machine then falls on every work alike, so that the ratios between
/// them (scaling, engine ÷ yardstick) hold; measured one after the other, a spell could fall on
/// one side of a ratio only.
///
/// A work marked `warm` runs once more, unmeasured, right before each measured run: on this
/// VM a pool of 2 threads that has been idle for 50 ms (while the 1-thread runs ran, or asleep)
/// took up to 27 ms longer to decide the example city than back to back (27-54 ms against
/// 27-30), whether the runs between were 1-thread runs, a sleep or a spin on one core.
pub fn interleaved(runs: usize, works: &mut [(Warm, &mut dyn FnMut())]) -> Vec<Duration> {
    let count = works.len();
    let mut times = vec![Vec::with_capacity(runs); count];
    for round in 0..runs.max(1) {
        for offset in 0..count {
            let index = (round + offset) % count;
            let (warm, work) = &mut works[index];
            if *warm == Warm::First {
                work();
            }
            let start = Instant::now();
            work();
            times[index].push(start.elapsed());
        }
    }
    times
        .into_iter()
        .map(|times| Spread::of(times).median)
        .collect()
}

/// Whether an [`interleaved`] work runs once unmeasured before each measured run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warm {
    First,
    No,
}

/// Minimum, median and maximum of several times.
#[derive(Debug, Clone, Copy)]
pub struct Spread {
    pub min: Duration,
    pub median: Duration,
    pub max: Duration,
}

impl Spread {
    pub fn of(mut times: Vec<Duration>) -> Spread {
        times.sort();
        Spread {
            min: times.first().copied().unwrap_or_default(),
            median: times.get(times.len() / 2).copied().unwrap_or_default(),
            max: times.last().copied().unwrap_or_default(),
        }
    }
}

/// `2.41 s`, `318 ms`, `4.2 ms`, `95 µs`.
pub fn time(duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else if seconds >= 0.1 {
        format!("{:.0} ms", seconds * 1e3)
    } else if seconds >= 0.001 {
        format!("{:.1} ms", seconds * 1e3)
    } else {
        format!("{:.0} µs", seconds * 1e6)
    }
}

/// Time per item: `412 ns`, `38.5 µs`.
pub fn per_item(duration: Duration, items: u64) -> String {
    if items == 0 {
        return "-".to_owned();
    }
    let nanos = duration.as_secs_f64() * 1e9 / items as f64;
    if nanos >= 1e6 {
        format!("{:.1} ms", nanos / 1e6)
    } else if nanos >= 1e3 {
        format!("{:.1} µs", nanos / 1e3)
    } else if nanos >= 100.0 {
        format!("{nanos:.0} ns")
    } else {
        format!("{nanos:.1} ns")
    }
}

/// Items a second: `1.85 M/s`, `912 k/s`.
pub fn rate(items: u64, duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds == 0.0 {
        return "-".to_owned();
    }
    let per_second = items as f64 / seconds;
    if per_second >= 1e6 {
        format!("{:.2} M/s", per_second / 1e6)
    } else if per_second >= 1e3 {
        format!("{:.0} k/s", per_second / 1e3)
    } else {
        format!("{per_second:.0} /s")
    }
}

/// `24.5 MB` (10^6 bytes).
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// `18.3 MB/s`.
pub fn megabytes_per_second(bytes: u64, duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds == 0.0 {
        return "-".to_owned();
    }
    format!("{:.1} MB/s", bytes as f64 / 1e6 / seconds)
}

/// `a / b` as `3.41×`.
pub fn ratio(a: Duration, b: Duration) -> String {
    if b.is_zero() {
        return "-".to_owned();
    }
    format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64())
}

/// `1,234,567`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
