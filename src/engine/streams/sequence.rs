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

/// Writes `value` as exactly `out.len()` decimal digits (zero-padded, high digits dropped).
fn put_digits(out: &mut [u8], mut value: u64) {
    // Two digits per division; the loop stops once only zeros are left (the array is zeros).
    let mut end = out.len();
    while end >= 2 && value > 0 {
        let pair = (value % 100) as u8;
        value /= 100;
        out[end - 1] = b'0' + pair % 10;
        out[end - 2] = b'0' + pair / 10;
        end -= 2;
    }
    if end == 1 && value > 0 {
        out[0] = b'0' + (value % 10) as u8;
    }
}

impl SequenceNumber {
    /// The 56 ASCII digits.
    pub fn digits(&self) -> [u8; DIGITS] {
        let mut out = [b'0'; DIGITS];
        out[0] = b'4';
        out[1] = b'9';
        put_digits(&mut out[2..12], self.shard_created_secs);
        put_digits(&mut out[12..20], u64::from(self.shard));
        put_digits(&mut out[20..42], self.counter);
        put_digits(&mut out[42..55], self.arrival_ms);
        out[55] = b'2';
        out
    }
}

impl SequenceNumber {
    /// The 56 digits as a `String`, without going through the formatter.
    pub fn text(&self) -> String {
        String::from_utf8(self.digits().to_vec()).expect("ASCII digits")
    }
}

impl fmt::Display for SequenceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.digits();
        f.write_str(std::str::from_utf8(&digits).expect("ASCII digits"))
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
        assert_eq!(
            text,
            format!(
                "49{:010}{:08}{:022}{:013}2",
                s.shard_created_secs, s.shard, s.counter, s.arrival_ms
            )
        );
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
