//! Partition keys to hash keys (MD5, read as a 128-bit big-endian integer) and the even split
//! of the hash-key space AWS gives a new stream.

use md5::{Digest, Md5};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The largest hash key, 2^128 − 1.
pub const MAX_HASH_KEY: u128 = u128::MAX;

/// The hash key Kinesis derives from a partition key: MD5 of its UTF-8 bytes as a big-endian
/// 128-bit unsigned integer.
pub fn hash_key(partition_key: &str) -> u128 {
    let digest: [u8; 16] = Md5::digest(partition_key.as_bytes()).into();
    u128::from_be_bytes(digest)
}

/// An inclusive range of hash keys, as in `HashKeyRange{StartingHashKey, EndingHashKey}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct HashKeyRange {
    #[serde(with = "u128_text")]
    pub start: u128,
    #[serde(with = "u128_text")]
    pub end: u128,
}

impl HashKeyRange {
    pub const ALL: HashKeyRange = HashKeyRange {
        start: 0,
        end: MAX_HASH_KEY,
    };

    pub fn contains(&self, key: u128) -> bool {
        self.start <= key && key <= self.end
    }

    /// `{"StartingHashKey": "…", "EndingHashKey": "…"}` as AWS returns it.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "StartingHashKey": self.start.to_string(),
            "EndingHashKey": self.end.to_string(),
        })
    }
}

/// AWS's even split of the hash-key space into `n` shards: shard `i` starts at
/// `floor(2^128 / n) · i` and ends one before the next start; the last shard ends at 2^128 − 1.
pub fn even_split(n: u32) -> Vec<HashKeyRange> {
    let n = n.max(1);
    let width = step(n);
    (0..n)
        .map(|i| {
            let start = width * u128::from(i);
            let end = if i + 1 == n {
                MAX_HASH_KEY
            } else {
                width * u128::from(i + 1) - 1
            };
            HashKeyRange { start, end }
        })
        .collect()
}

/// `floor(2^128 / n)` without overflowing: 2^128 = (2^128 − 1) + 1.
fn step(n: u32) -> u128 {
    if n == 1 {
        // 2^128 itself does not fit; one shard covers everything anyway.
        return MAX_HASH_KEY;
    }
    let n = u128::from(n);
    let q = MAX_HASH_KEY / n;
    if MAX_HASH_KEY % n == n - 1 {
        q + 1
    } else {
        q
    }
}

/// The index of the shard a partition key lands on in a freshly created stream of `n_shards`
/// shards (AWS's even split).
pub fn shard_for_key(partition_key: &str, n_shards: u32) -> u32 {
    shard_for_hash(hash_key(partition_key), n_shards)
}

/// The index of the shard a hash key lands on among `n_shards` evenly split shards.
pub fn shard_for_hash(hash: u128, n_shards: u32) -> u32 {
    let n = n_shards.max(1);
    let i = hash / step(n);
    i.min(u128::from(n - 1)) as u32
}

/// Parses a decimal hash key (`ExplicitHashKey`, `NewStartingHashKey`); `None` when it is not
/// a number in [0, 2^128 − 1].
pub fn parse_hash_key(text: &str) -> Option<u128> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u128>().ok()
}

/// Whether `text` matches the model's `HashKey` pattern `0|([1-9]\d{0,38})`.
pub fn is_hash_key_text(text: &str) -> bool {
    let b = text.as_bytes();
    match b.first() {
        Some(b'0') => b.len() == 1,
        Some(b'1'..=b'9') => b.len() <= 39 && b.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// Serialises a `u128` as a decimal string (JSON numbers cannot hold 128 bits).
pub(crate) mod u128_text {
    use super::*;

    pub fn serialize<S: Serializer>(v: &u128, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(n: u32) -> Vec<(String, String)> {
        even_split(n)
            .iter()
            .map(|r| (r.start.to_string(), r.end.to_string()))
            .collect()
    }

    #[test]
    fn even_split_matches_the_fact_sheet() {
        assert_eq!(
            ranges(1),
            [("0".into(), "340282366920938463463374607431768211455".into())]
        );
        assert_eq!(
            ranges(3),
            [
                ("0".into(), "113427455640312821154458202477256070484".into()),
                (
                    "113427455640312821154458202477256070485".into(),
                    "226854911280625642308916404954512140969".into()
                ),
                (
                    "226854911280625642308916404954512140970".into(),
                    "340282366920938463463374607431768211455".into()
                ),
            ]
        );
        let four = ranges(4);
        assert_eq!(four[1].0, "85070591730234615865843651857942052864");
        assert_eq!(four[2].1, "255211775190703847597530955573826158591");
        let two = ranges(2);
        assert_eq!(two[0].1, "170141183460469231731687303715884105727");
        assert_eq!(two[1].0, "170141183460469231731687303715884105728");
    }

    #[test]
    fn md5_table_from_the_fact_sheet() {
        let table = [
            ("a", "0cc175b9c0f1b6a831c399e269772661", [0, 0, 0]),
            ("b", "92eb5ffee6ae2fec3ad71c777531578f", [1, 1, 2]),
            ("e", "e1671797c52e15f763380b45e841ec32", [1, 2, 3]),
            ("f", "8fa14cdd754f91cc6554c9e71929cce7", [1, 1, 2]),
            ("hello", "5d41402abc4b2a76b9719d911017c592", [0, 1, 1]),
            (
                "partitionKey-0",
                "d593fc2c1c22ffb3f0109b2c4a73d4df",
                [1, 2, 3],
            ),
        ];
        for (key, hex, shards) in table {
            assert_eq!(format!("{:032x}", hash_key(key)), hex, "{key}");
            for (n, want) in [2, 3, 4].into_iter().zip(shards) {
                assert_eq!(shard_for_key(key, n), want, "{key} on {n} shards");
                let r = even_split(n)[want as usize];
                assert!(r.contains(hash_key(key)));
            }
        }
    }

    #[test]
    fn splits_partition_the_space() {
        for n in [1, 2, 3, 7, 500, 10_000] {
            let rs = even_split(n);
            assert_eq!(rs[0].start, 0);
            assert_eq!(rs.last().unwrap().end, MAX_HASH_KEY);
            for w in rs.windows(2) {
                assert_eq!(w[0].end + 1, w[1].start);
            }
            for (i, r) in rs.iter().enumerate() {
                assert_eq!(shard_for_hash(r.start, n), i as u32);
                assert_eq!(shard_for_hash(r.end, n), i as u32);
            }
        }
    }

    #[test]
    fn hash_key_text() {
        assert!(is_hash_key_text("0"));
        assert!(is_hash_key_text("340282366920938463463374607431768211456"));
        assert!(!is_hash_key_text("01"));
        assert!(!is_hash_key_text("-1"));
        assert!(!is_hash_key_text(""));
        assert_eq!(
            parse_hash_key("340282366920938463463374607431768211456"),
            None
        );
        assert_eq!(
            parse_hash_key("340282366920938463463374607431768211455"),
            Some(u128::MAX)
        );
    }
}
