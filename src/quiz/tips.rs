//! The exam tips: the course's "things to remember for the exam" as cards, each linked to the
//! sandbox route that shows it and to the bank questions that test it.

use super::bank::{Bank, Question};

/// One card of the tips page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tip {
    pub id: &'static str,
    pub title: &'static str,
    pub body: &'static str,
    /// Where the sandbox shows it live (one of [`super::ROUTES`]).
    pub link: &'static str,
    /// Bank questions that test it.
    pub questions: &'static [&'static str],
}

/// The cards, in the order of the course's summary.
pub const TIPS: &[Tip] = &[
    Tip {
        id: "shard-capacity",
        title: "Shard capacity",
        body: "A shard ingests up to 1 MiB/s or 1,000 records/s, whichever comes first, \
               partition keys included, and serves 2 MiB/s of reads (5 GetRecords calls/s) \
               shared by all consumers. A stream's capacity is the sum of its shards.",
        link: "#/streams/create",
        questions: &[
            "kds-capacity-001",
            "kds-capacity-004",
            "kds-capacity-005",
            "kds-capacity-007",
            "kds-capacity-013",
        ],
    },
    Tip {
        id: "shard-calculator",
        title: "Estimating shards",
        body: "Shards = max(write KiB/s ÷ 1,024, write KiB/s × consumers ÷ 2,048, records/s ÷ \
               1,000), rounded up, with the record size rounded up to a whole KiB. Shards can be \
               added or removed later (UpdateShardCount, SplitShard, MergeShards), or on-demand \
               mode can manage them.",
        link: "#/streams/create",
        questions: &[
            "kds-capacity-002",
            "kds-capacity-003",
            "kds-capacity-012",
            "kds-retention-007",
            "kds-retention-010",
        ],
    },
    Tip {
        id: "retention",
        title: "Retention",
        body: "24 hours by default. The course says up to 168 hours (7 days); since November \
               2020 the maximum is 8,760 hours (365 days). The minimum is 24 hours, and raising \
               retention never brings back expired records.",
        link: "#/streams",
        questions: &[
            "kds-retention-001",
            "kds-retention-002",
            "kds-retention-003",
            "kds-retention-004",
        ],
    },
    Tip {
        id: "encryption",
        title: "Encryption",
        body: "Server-side encryption uses an AWS KMS key (alias/aws/kinesis or your own). \
               Producers need kms:GenerateDataKey and consumers kms:Decrypt on a customer \
               managed key. For a Firehose stream reading a data stream, encrypt the data \
               stream; for Direct PUT, encrypt the delivery stream.",
        link: "#/streams",
        questions: &[
            "kds-ops-001",
            "kds-ops-002",
            "kds-ops-003",
            "kds-ops-004",
            "firehose-processing-008",
        ],
    },
    Tip {
        id: "shard-level-metrics",
        title: "Shard-level metrics and monitoring",
        body: "Stream-level metrics are free, every minute. Shard-level metrics (IncomingBytes, \
               IteratorAgeMilliseconds, WriteProvisionedThroughputExceeded, …) are opt-in, cost \
               extra and reveal hot shards. Rising iterator age means a consumer falls behind.",
        link: "#/cloudwatch",
        questions: &[
            "kds-ops-005",
            "kds-ops-006",
            "kds-ops-007",
            "kds-ops-008",
            "kds-keys-011",
        ],
    },
    Tip {
        id: "tags",
        title: "Tags",
        body: "Tags are case-sensitive key-value pairs that organise streams and allocate cost; \
               up to 50 per stream today (10 in older material). Adding an existing key \
               overwrites its value.",
        link: "#/streams",
        questions: &["kds-ops-009", "kds-ops-010"],
    },
    Tip {
        id: "enhanced-fan-out",
        title: "Enhanced fan-out",
        body: "Without it, 2 MiB/s per shard is shared by all consumers. With it, each \
               registered consumer gets its own 2 MiB/s per shard, pushed over HTTP/2 with \
               SubscribeToShard, at extra cost; up to 20 consumers per stream.",
        link: "#/streams",
        questions: &[
            "kds-consumers-001",
            "kds-consumers-002",
            "kds-consumers-003",
            "kds-consumers-012",
            "kds-capacity-012",
        ],
    },
    Tip {
        id: "firehose-buffer",
        title: "Firehose buffering",
        body: "Amazon Data Firehose (formerly Kinesis Data Firehose) delivers when the buffer \
               size (1–128 MB for S3, default 5) or the interval (default 300 s) is reached, \
               whichever comes first. The course console allowed 60–900 s; since December 2023 \
               the interval can be 0–900 s.",
        link: "#/firehose/create",
        questions: &[
            "firehose-delivery-002",
            "firehose-delivery-003",
            "firehose-delivery-004",
        ],
    },
    Tip {
        id: "firehose-destinations",
        title: "Firehose destinations and processing",
        body: "S3, Redshift (staged in S3, then COPY), OpenSearch Service (formerly \
               Elasticsearch), Splunk and HTTP endpoints; not DynamoDB. A Lambda can transform \
               records; JSON can be converted to Parquet or ORC with a Glue table schema (S3 \
               only). Firehose cannot replay delivered data.",
        link: "#/firehose/create",
        questions: &[
            "firehose-delivery-007",
            "firehose-delivery-008",
            "firehose-delivery-009",
            "firehose-processing-001",
            "firehose-processing-004",
            "firehose-processing-011",
        ],
    },
];

impl Tip {
    /// The bank questions linked to this tip, in the tip's order.
    pub fn bank_questions<'a>(&self, bank: &'a Bank) -> Vec<&'a Question> {
        self.questions
            .iter()
            .filter_map(|id| bank.get(id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::is_route;
    use std::collections::BTreeSet;

    #[test]
    fn every_tip_links_real_questions_and_a_route() {
        let bank = Bank::embedded().unwrap();
        let mut ids = BTreeSet::new();
        for tip in TIPS {
            assert!(ids.insert(tip.id), "duplicate tip {}", tip.id);
            assert!(is_route(tip.link), "{}", tip.id);
            assert!(tip.questions.len() >= 2, "{}", tip.id);
            assert_eq!(
                tip.bank_questions(&bank).len(),
                tip.questions.len(),
                "{} names a question the bank lacks",
                tip.id
            );
        }
    }
}
