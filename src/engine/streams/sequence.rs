//! Sequence numbers: 56-digit decimal strings, unique in a stream, increasing per shard.
//!
//! AWS calls them opaque, but their layout is public through peer emulators, and AWS's own
//! errors depend on it ("Invalid StartingSequenceNumber. It encodes shardId-…"). A shard's
//! numbers follow one of two [`Layout`]s:
//!
//! - [`Layout::Aws`], what AWS issues today (version 2): 47 hexadecimal digits
//!   `2` | shard creation, epoch seconds (9) | the shard index's last hex digit (1) | per-shard
//!   counter (16, below 2⁶³) | `00` | arrival, epoch seconds (9) | shard index (8) | `2`,
//!   written in decimal. Every such number lies between 2¹⁸⁵ and 1.5 × 2¹⁸⁵, so it has 56
//!   digits, and shards made since 2020 give numbers starting `49…` as AWS's do.
//! - [`Layout::Sandbox`], the decimal layout of saves made before this one (format version 1),
//!   kept so the numbers a learner saved stay valid: `49` | shard creation, epoch seconds (10)
//!   | shard index (8) | per-shard counter (22) | arrival, epoch milliseconds (13) | `2`.
//!
//! In both, the counter comes before the arrival time, so within one shard numbers increase
//! with the counter, as integers and as strings.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The digits of every sequence number.
pub const DIGITS: usize = 56;

/// The counter a closed shard's `EndingSequenceNumber` carries.
pub const ENDING_COUNTER: u64 = i64::MAX as u64;

/// How a shard writes its sequence numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// AWS's version-2 layout (every shard made by this release).
    Aws,
    /// The decimal layout of format-version-1 saves.
    Sandbox,
}

/// A decoded sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SequenceNumber {
    pub layout: Layout,
    pub shard_created_secs: u64,
    pub shard: u32,
    pub counter: u64,
    /// Arrival, epoch milliseconds ([`Layout::Aws`] keeps whole seconds: parsing one gives a
    /// multiple of 1000).
    pub arrival_ms: u64,
}

/// A 192-bit unsigned number as six 32-bit limbs, most significant first: enough for the
/// 188 bits of AWS's layout.
type Wide = [u32; 6];

/// `hex`'s digits (at most 48) as a [`Wide`].
fn wide_from_hex(hex: &[u8]) -> Wide {
    let mut w = [0u32; 6];
    for &h in hex {
        let d = (h as char).to_digit(16).expect("hex digit");
        let mut carry = d;
        for limb in w.iter_mut().rev() {
            let v = (u64::from(*limb) << 4) | u64::from(carry);
            *limb = v as u32;
            carry = (v >> 32) as u32;
        }
    }
    w
}

/// The 48 hex digits of `w`.
fn wide_to_hex(w: &Wide) -> [u8; 48] {
    let mut out = [b'0'; 48];
    for (i, limb) in w.iter().enumerate() {
        for j in 0..8 {
            let d = (limb >> (28 - 4 * j)) & 0xf;
            out[i * 8 + j] = b"0123456789abcdef"[d as usize];
        }
    }
    out
}

/// Decimal text (any length) as a [`Wide`]; `None` when it doesn't fit in 192 bits.
fn wide_from_decimal(text: &[u8]) -> Option<Wide> {
    let mut w = [0u32; 6];
    for &c in text {
        let mut carry = u64::from(c - b'0');
        for limb in w.iter_mut().rev() {
            let v = u64::from(*limb) * 10 + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            return None;
        }
    }
    Some(w)
}

/// `w` in decimal, without leading zeros.
fn wide_to_decimal(mut w: Wide) -> Vec<u8> {
    // Nine digits at a time: divide by 10⁹ until nothing is left.
    let mut groups = Vec::with_capacity(7);
    while w.iter().any(|&l| l != 0) {
        let mut rem = 0u64;
        for limb in w.iter_mut() {
            let v = (rem << 32) | u64::from(*limb);
            *limb = (v / 1_000_000_000) as u32;
            rem = v % 1_000_000_000;
        }
        groups.push(rem as u32);
    }
    let mut out = Vec::with_capacity(DIGITS);
    for (i, g) in groups.iter().rev().enumerate() {
        if i == 0 {
            out.extend_from_slice(g.to_string().as_bytes());
        } else {
            out.extend_from_slice(format!("{g:09}").as_bytes());
        }
    }
    if out.is_empty() {
        out.push(b'0');
    }
    out
}

fn hex_value(hex: &[u8]) -> u64 {
    hex.iter().fold(0, |v, &h| {
        (v << 4) | u64::from((h as char).to_digit(16).unwrap_or(0))
    })
}

impl SequenceNumber {
    /// Parses a number of the given layout; `None` for anything else.
    pub fn parse_as(text: &str, layout: Layout) -> Option<Self> {
        if text.len() != DIGITS || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match layout {
            Layout::Aws => Self::parse_aws(text),
            Layout::Sandbox => Self::parse_sandbox(text),
        }
    }

    /// Parses a number of either layout (AWS's first); `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        Self::parse_as(text, Layout::Aws).or_else(|| Self::parse_as(text, Layout::Sandbox))
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

    fn parse_aws(text: &str) -> Option<Self> {
        let hex = wide_to_hex(&wide_from_decimal(text.as_bytes())?);
        // 47 significant hex digits: the first of the 48 is 0, the next the version mark.
        let h = &hex[1..];
        if hex[0] != b'0' || h[0] != b'2' || h[46] != b'2' || h[27..29] != *b"00" {
            return None;
        }
        let shard_created_secs = hex_value(&h[1..10]);
        let counter = hex_value(&h[11..27]);
        let arrival_secs = hex_value(&h[29..38]);
        let shard = hex_value(&h[38..46]);
        if counter > ENDING_COUNTER || shard > 0x7fff_ffff || hex_value(&h[10..11]) != shard & 0xf {
            return None;
        }
        Some(Self {
            layout: Layout::Aws,
            shard_created_secs,
            shard: shard as u32,
            counter,
            arrival_ms: arrival_secs * 1000,
        })
    }

    fn parse_sandbox(text: &str) -> Option<Self> {
        if !text.starts_with("49") || !text.ends_with('2') {
            return None;
        }
        let shard_created_secs = text[2..12].parse().ok()?;
        let shard: u64 = text[12..20].parse().ok()?;
        let counter = text[20..42].parse().ok()?;
        let arrival_ms = text[42..55].parse().ok()?;
        Some(Self {
            layout: Layout::Sandbox,
            shard_created_secs,
            shard: u32::try_from(shard).ok()?,
            counter,
            arrival_ms,
        })
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
        match self.layout {
            Layout::Aws => self.aws_digits(),
            Layout::Sandbox => self.sandbox_digits(),
        }
    }

    fn aws_digits(&self) -> [u8; DIGITS] {
        let mut hex = [b'0'; 48];
        let h = &mut hex[1..];
        let mut put = |range: std::ops::Range<usize>, value: u64| {
            let width = range.len();
            for (k, i) in range.enumerate() {
                h[i] = b"0123456789abcdef"[((value >> (4 * (width - 1 - k))) & 0xf) as usize];
            }
        };
        put(0..1, 2);
        put(1..10, self.shard_created_secs);
        put(10..11, u64::from(self.shard) & 0xf);
        put(11..27, self.counter.min(ENDING_COUNTER));
        put(27..29, 0);
        put(29..38, self.arrival_ms / 1000);
        put(38..46, u64::from(self.shard));
        put(46..47, 2);
        let text = wide_to_decimal(wide_from_hex(&hex));
        let mut out = [b'0'; DIGITS];
        out[DIGITS - text.len()..].copy_from_slice(&text);
        out
    }

    fn sandbox_digits(&self) -> [u8; DIGITS] {
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

    fn aws(shard: u32, counter: u64) -> SequenceNumber {
        SequenceNumber {
            layout: Layout::Aws,
            shard_created_secs: 1_767_261_605,
            shard,
            counter,
            arrival_ms: 1_767_261_616_000,
        }
    }

    #[test]
    fn aws_layout_matches_a_number_aws_issued() {
        // From the PutRecord example in the Kinesis API reference.
        let text = "49590338271490256608559692538361571095921575989136588898";
        let s = SequenceNumber::parse_as(text, Layout::Aws).unwrap();
        assert_eq!(s.shard, 6);
        assert_eq!(s.shard_created_secs, 1_542_776_258);
        assert_eq!(s.counter, 1_734_642_199);
        assert_eq!(s.arrival_ms, 1_545_084_650_000);
        assert_eq!(s.to_string(), text);
    }

    #[test]
    fn aws_layout_round_trips_with_56_digits() {
        // The same fields written by hand in hexadecimal, read as one number.
        assert_eq!(
            aws(1, 5).to_string(),
            "49670437319766764575781804382187048279906533597652189202"
        );
        for s in [
            aws(0, 0),
            aws(1, 5),
            aws(4095, 1 << 40),
            aws(17, ENDING_COUNTER),
        ] {
            let text = s.to_string();
            assert_eq!(text.len(), DIGITS);
            assert!(text.starts_with("49") || text.starts_with('5'));
            assert_eq!(SequenceNumber::parse(&text), Some(s));
        }
        assert!(aws(2, 9).to_string() < aws(2, 10).to_string());
        assert!(aws(2, ENDING_COUNTER).to_string() > aws(2, 1 << 62).to_string());
        // Another layout's number, or a damaged one, is not read as AWS's.
        let mut damaged = aws(1, 5).to_string().into_bytes();
        damaged[55] = b'9';
        assert_eq!(
            SequenceNumber::parse_as(std::str::from_utf8(&damaged).unwrap(), Layout::Aws),
            None
        );
        assert_eq!(SequenceNumber::parse("123"), None);
    }

    #[test]
    fn sandbox_layout_round_trips_with_56_digits() {
        let s = SequenceNumber {
            layout: Layout::Sandbox,
            shard_created_secs: 1_767_261_600,
            shard: 3,
            counter: 42,
            arrival_ms: 1_767_261_601_234,
        };
        let text = s.to_string();
        assert_eq!(text.len(), DIGITS);
        assert_eq!(SequenceNumber::parse_as(&text, Layout::Sandbox), Some(s));
        let end = SequenceNumber {
            counter: ENDING_COUNTER,
            ..s
        };
        assert_eq!(end.to_string().len(), DIGITS);
        assert!(end.to_string() > text);
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
        for layout in [Layout::Aws, Layout::Sandbox] {
            let a = SequenceNumber {
                layout,
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
}
