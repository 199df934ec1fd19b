//! The Lambda console's blueprints for Amazon Data Firehose record transformation (Node.js):
//! each one's JavaScript, as a learner sees and edits it, and a Rust port that behaves the same
//! way, so that the engine can run an unedited blueprint itself, deterministically.
//!
//! The ports follow the JavaScript exactly: Node's `Buffer` decoding, the regular expressions'
//! matching (read by hand in [`js::Cursor`]; the patterns need no backtracking engine), the
//! key order and number printing of `JSON.stringify`, and the `TypeError` a malformed event
//! gives. `tests/lambda_blueprints.rs` runs each JavaScript source beside its port.

mod apache;
mod cloudwatch_logs;
pub mod examples;
pub mod js;
mod process_record;
mod syslog;

use serde_json::Value;

/// One blueprint.
pub struct Blueprint {
    /// The console's blueprint name, e.g. `kinesis-firehose-process-record`.
    pub id: &'static str,
    /// The name the console shows.
    pub title: &'static str,
    pub description: &'static str,
    /// `index.mjs` (an ES module) or `index.js` (CommonJS).
    pub file_name: &'static str,
    /// The function's handler setting: `index.handler`.
    pub handler: &'static str,
    /// The JavaScript.
    pub source: &'static str,
    /// The port: the event in, the response out, each `console.log` line's message pushed.
    pub run: fn(&Value, &mut Vec<String>) -> Result<Value, HandlerError>,
}

/// What an invocation that throws gives Lambda: the error's name and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandlerError {
    pub error_type: String,
    pub error_message: String,
}

impl HandlerError {
    pub fn type_error(message: impl Into<String>) -> Self {
        HandlerError {
            error_type: "TypeError".into(),
            error_message: message.into(),
        }
    }
}

impl std::fmt::Display for HandlerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error_type, self.error_message)
    }
}

/// Every blueprint, in the console's order.
pub const BLUEPRINTS: &[Blueprint] = &[
    Blueprint {
        id: "kinesis-firehose-process-record",
        title: "Process records sent to a Data Firehose stream",
        description: "General Firehose processing: an example record transformation that \
                      returns every record unchanged, to start your own from.",
        file_name: "index.mjs",
        handler: "index.handler",
        source: include_str!("kinesis-firehose-process-record/index.mjs"),
        run: process_record::run,
    },
    Blueprint {
        id: "kinesis-firehose-process-record-streams-as-source",
        title: "Process records from a Kinesis data stream sent to a Data Firehose stream",
        description: "General Firehose processing for a stream whose source is a Kinesis data \
                      stream: returns every record unchanged and logs the shard, partition \
                      key and sequence number each came with.",
        file_name: "index.mjs",
        handler: "index.handler",
        source: include_str!("kinesis-firehose-process-record-streams-as-source/index.mjs"),
        run: process_record::run_streams_as_source,
    },
    Blueprint {
        id: "kinesis-firehose-apachelog-to-json",
        title: "Apache Log to JSON",
        description: "Parses Apache access-log lines (Common Log Format) and returns each as a \
                      JSON document; a line that does not parse is ProcessingFailed.",
        file_name: "index.mjs",
        handler: "index.handler",
        source: include_str!("kinesis-firehose-apachelog-to-json/index.mjs"),
        run: apache::run_json,
    },
    Blueprint {
        id: "kinesis-firehose-apachelog-to-csv",
        title: "Apache Log to CSV",
        description: "Parses Apache access-log lines (Common Log Format) and returns each as a \
                      CSV row ending in a newline; a line that does not parse is \
                      ProcessingFailed.",
        file_name: "index.mjs",
        handler: "index.handler",
        source: include_str!("kinesis-firehose-apachelog-to-csv/index.mjs"),
        run: apache::run_csv,
    },
    Blueprint {
        id: "kinesis-firehose-syslog-to-json",
        title: "Syslog to JSON",
        description: "Parses syslog lines (RFC 3164) and returns each as a JSON document; a \
                      line that does not parse is ProcessingFailed.",
        file_name: "index.js",
        handler: "index.handler",
        source: include_str!("kinesis-firehose-syslog-to-json/index.js"),
        run: syslog::run_json,
    },
    Blueprint {
        id: "kinesis-firehose-syslog-to-csv",
        title: "Syslog to CSV",
        description: "Parses syslog lines (RFC 3164) and returns each as a CSV row ending in a \
                      newline; a line that does not parse is ProcessingFailed.",
        file_name: "index.mjs",
        handler: "index.handler",
        source: include_str!("kinesis-firehose-syslog-to-csv/index.mjs"),
        run: syslog::run_csv,
    },
    Blueprint {
        id: "kinesis-firehose-cloudwatch-logs-processor",
        title: "CloudWatch Logs Processor",
        description: "For a CloudWatch Logs subscription: unzips each batch of log events and \
                      returns their messages, one per line; control messages are \
                      ProcessingFailed with no data.",
        file_name: "index.mjs",
        handler: "index.handler",
        source: include_str!("kinesis-firehose-cloudwatch-logs-processor/index.mjs"),
        run: cloudwatch_logs::run,
    },
];

/// The blueprint with this console name.
pub fn by_id(id: &str) -> Option<&'static Blueprint> {
    BLUEPRINTS.iter().find(|b| b.id == id)
}

/// The blueprint whose source is exactly this text: a function still running a blueprint as
/// created, which the engine may run through its port.
pub fn by_source(source: &str) -> Option<&'static Blueprint> {
    BLUEPRINTS
        .iter()
        .chain(EXAMPLES)
        .find(|b| b.source == source)
}

/// The labs' own functions, which the engine runs through their ports too (not offered as
/// blueprints).
pub const EXAMPLES: &[Blueprint] = &[examples::SENSOR_TO_CSV];
