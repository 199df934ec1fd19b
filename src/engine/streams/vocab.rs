//! Kinesis Data Streams' enumerations, each parsed once from its wire name.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a shard iterator (or an enhanced fan-out subscription) starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ShardIteratorType {
    AtSequenceNumber,
    AfterSequenceNumber,
    TrimHorizon,
    Latest,
    AtTimestamp,
}

impl ShardIteratorType {
    /// Every type, in the API reference's order.
    pub const ALL: [ShardIteratorType; 5] = [
        ShardIteratorType::AtSequenceNumber,
        ShardIteratorType::AfterSequenceNumber,
        ShardIteratorType::TrimHorizon,
        ShardIteratorType::Latest,
        ShardIteratorType::AtTimestamp,
    ];
    /// The wire names, in the same order (for the CLI's completion).
    pub const NAMES: &[&str] = &[
        "AT_SEQUENCE_NUMBER",
        "AFTER_SEQUENCE_NUMBER",
        "TRIM_HORIZON",
        "LATEST",
        "AT_TIMESTAMP",
    ];

    pub const fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// Whether the type needs a starting sequence number.
    pub fn needs_sequence(self) -> bool {
        matches!(
            self,
            ShardIteratorType::AtSequenceNumber | ShardIteratorType::AfterSequenceNumber
        )
    }
}

impl fmt::Display for ShardIteratorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_serialise_as_on_the_wire() {
        for t in ShardIteratorType::ALL {
            assert_eq!(ShardIteratorType::parse(t.as_str()), Some(t));
            assert_eq!(
                serde_json::to_value(t).unwrap(),
                serde_json::json!(t.as_str())
            );
        }
        assert_eq!(ShardIteratorType::parse("latest"), None);
    }
}
