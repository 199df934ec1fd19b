//! Token buckets for the per-shard limits, refilled continuously in virtual time.
//!
//! Levels are kept in thousandths of a unit so a bucket of `rate` units per second gains
//! exactly `rate` thousandths per millisecond: integer arithmetic, no drift, same result on
//! every platform.

use serde::{Deserialize, Serialize};

/// One MiB.
pub const MIB: u64 = 1024 * 1024;
/// Records per second one shard accepts.
pub const WRITE_RECORDS_PER_SEC: u64 = 1_000;
/// Bytes (data plus partition key) per second one shard accepts.
pub const WRITE_BYTES_PER_SEC: u64 = MIB;
/// Shared-throughput GetRecords calls per second per shard.
pub const READ_CALLS_PER_SEC: u64 = 5;
/// Shared-throughput bytes per second per shard, and per consumer per shard with fan-out.
pub const READ_BYTES_PER_SEC: u64 = 2 * MIB;

/// A bucket holding up to one second of `rate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenBucket {
    rate: u64,
    milli_level: u64,
    at_ms: i64,
}

impl TokenBucket {
    /// A full bucket of `rate` units per second at time `now_ms`.
    pub fn full(rate: u64, now_ms: i64) -> Self {
        Self {
            rate,
            milli_level: rate * 1000,
            at_ms: now_ms,
        }
    }

    fn refill(&mut self, now_ms: i64) {
        if now_ms > self.at_ms {
            let gained = (now_ms - self.at_ms) as u64 * self.rate;
            self.milli_level = (self.milli_level + gained).min(self.rate * 1000);
            self.at_ms = now_ms;
        }
    }

    /// The whole units available at `now_ms`.
    pub fn available(&mut self, now_ms: i64) -> u64 {
        self.refill(now_ms);
        self.milli_level / 1000
    }

    /// Takes `n` units if they are all there.
    pub fn try_take(&mut self, now_ms: i64, n: u64) -> bool {
        self.refill(now_ms);
        if self.milli_level >= n * 1000 {
            self.milli_level -= n * 1000;
            true
        } else {
            false
        }
    }

    /// Takes up to `n` units, as many as there are.
    pub fn drain(&mut self, now_ms: i64, n: u64) {
        self.refill(now_ms);
        self.milli_level = self.milli_level.saturating_sub(n * 1000);
    }
}

/// The write side of one shard: 1,000 records/s and 1 MiB/s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteLimit {
    records: TokenBucket,
    bytes: TokenBucket,
}

impl WriteLimit {
    pub fn new(now_ms: i64) -> Self {
        Self {
            records: TokenBucket::full(WRITE_RECORDS_PER_SEC, now_ms),
            bytes: TokenBucket::full(WRITE_BYTES_PER_SEC, now_ms),
        }
    }

    /// Admits one record of `bytes` (data plus key), or refuses it without charging.
    pub fn admit(&mut self, now_ms: i64, bytes: u64) -> bool {
        if self.records.available(now_ms) >= 1 && self.bytes.available(now_ms) >= bytes {
            self.records.try_take(now_ms, 1);
            self.bytes.try_take(now_ms, bytes);
            true
        } else {
            false
        }
    }
}

/// The shared read side of one shard: 5 calls/s and 2 MiB/s. A call that returns more than
/// the bytes available blocks the shard's readers for as long as those bytes take at 2 MiB/s,
/// which is AWS's documented rule: after a 10 MiB response the next 5 seconds throttle, and
/// when throughput runs short the next second does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadLimit {
    calls: TokenBucket,
    bytes: TokenBucket,
    blocked_until_ms: i64,
}

impl ReadLimit {
    pub fn new(now_ms: i64) -> Self {
        Self {
            calls: TokenBucket::full(READ_CALLS_PER_SEC, now_ms),
            bytes: TokenBucket::full(READ_BYTES_PER_SEC, now_ms),
            blocked_until_ms: i64::MIN,
        }
    }

    /// Whether a call may start now; takes one call token if so.
    pub fn begin_call(&mut self, now_ms: i64) -> bool {
        now_ms >= self.blocked_until_ms && self.calls.try_take(now_ms, 1)
    }

    /// Charges the bytes a call returned.
    pub fn charge(&mut self, now_ms: i64, bytes: u64) {
        let available = self.bytes.available(now_ms);
        if bytes > available {
            let ms = (bytes * 1000).div_ceil(READ_BYTES_PER_SEC) as i64;
            self.blocked_until_ms = now_ms + ms;
            self.bytes = TokenBucket {
                milli_level: 0,
                ..TokenBucket::full(READ_BYTES_PER_SEC, now_ms + ms)
            };
        } else {
            self.bytes.drain(now_ms, bytes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_refills_per_millisecond() {
        let mut b = TokenBucket::full(1_000, 0);
        assert!(b.try_take(0, 1_000));
        assert!(!b.try_take(0, 1));
        assert!(b.try_take(1, 1));
        assert_eq!(b.available(500), 499);
        assert_eq!(b.available(10_000), 1_000);
    }

    #[test]
    fn write_limit_is_per_record_and_byte() {
        let mut w = WriteLimit::new(0);
        assert!(w.admit(0, MIB));
        assert!(!w.admit(0, 1));
        assert!(w.admit(1_000, 10));
        let mut w = WriteLimit::new(0);
        for _ in 0..1_000 {
            assert!(w.admit(0, 1));
        }
        assert!(!w.admit(0, 1));
    }

    #[test]
    fn ten_mib_read_blocks_five_seconds() {
        let mut r = ReadLimit::new(0);
        assert!(r.begin_call(0));
        r.charge(0, 10 * MIB);
        assert!(!r.begin_call(4_999));
        assert!(r.begin_call(5_000));
    }

    #[test]
    fn five_calls_per_second() {
        let mut r = ReadLimit::new(0);
        for _ in 0..5 {
            assert!(r.begin_call(0));
        }
        assert!(!r.begin_call(0));
        assert!(r.begin_call(200));
    }
}
