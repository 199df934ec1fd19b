//! Sequence numbers: 56-digit decimal strings, unique in a stream, increasing per shard.
//!
//! The sandbox's layout (AWS's own is private) is, in decimal digits:
//! `49` | shard creation, epoch seconds (10) | shard index (8) | per-shard counter (22) |
//! arrival, epoch milliseconds (13) | `2`. Within one shard the prefix is fixed and the counter
//! grows, so numbers increase as integers and as strings; the shard index makes them unique
//! across the stream and lets a number say which shard it came from.

use std::fmt;

/// The digits of every sequence number.
pub const DIGITS: usize = 56;

/// The counter a closed shard's `EndingSequenceNumber` carries.
pub const ENDING_COUNTER: u64 = i64::MAX as u64;

/// A decoded sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SequenceNumber {
    pub shard_created_secs: u64,
    pub shard: u32,
    pub counter: u64,
    pub arrival_ms: u64,
}

impl SequenceNumber {
    /// Parses a number this sandbox issued; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        if text.len() != DIGITS
            || !text.starts_with("49")
            || !text.ends_with('2')
            || !text.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let shard_created_secs = text[2..12].parse().ok()?;
        let shard: u64 = text[12..20].parse().ok()?;
        let counter = text[20..42].parse().ok()?;
        let arrival_ms = text[42..55].parse().ok()?;
        Some(Self {
            shard_created_secs,
            shard: u32::try_from(shard).ok()?,
            counter,
            arrival_ms,
        })
    }

    /// Whether `text` matches the model's pattern `0|([1-9]\d{0,128})`.
    pub fn is_valid_text(text: &str) -> bool {
        let b = text.as_bytes();
        match b.first() {
            Some(b'0') => b.len() == 1,
            Some(b'1'..=b'9') => b.len() <= 129 && b.iter().all(u8::is_ascii_digit),
            _ => false,
        }
    }
}

impl fmt::Display for SequenceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "49{:010}{:08}{:022}{:013}2",
            self.shard_created_secs % 10_000_000_000,
            self.shard % 100_000_000,
            self.counter,
            self.arrival_ms % 10_000_000_000_000
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_56_digits() {
        let s = SequenceNumber {
            shard_created_secs: 1_767_261_600,
            shard: 3,
            counter: 42,
            arrival_ms: 1_767_261_601_234,
        };
        let text = s.to_string();
        assert_eq!(text.len(), DIGITS);
        assert_eq!(SequenceNumber::parse(&text), Some(s));
        let end = SequenceNumber {
            counter: ENDING_COUNTER,
            ..s
        };
        assert_eq!(end.to_string().len(), DIGITS);
        assert!(end.to_string() > text);
        assert_eq!(SequenceNumber::parse("123"), None);
    }

    #[test]
    fn increase_with_the_counter() {
        let a = SequenceNumber {
            shard_created_secs: 1,
            shard: 0,
            counter: 9,
            arrival_ms: 9_000,
        };
        let b = SequenceNumber {
            counter: 10,
            arrival_ms: 1,
            ..a
        };
        assert!(a.to_string() < b.to_string());
    }
}
