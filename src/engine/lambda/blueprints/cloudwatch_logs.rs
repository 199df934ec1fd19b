//! `kinesis-firehose-cloudwatch-logs-processor`: gzipped CloudWatch Logs subscription batches
//! into their messages, one per line.

use std::io::Read as _;

use serde_json::{json, Value};

use super::js::{self, property};
use super::HandlerError;

/// What one record becomes.
enum Outcome {
    Messages(String),
    Control,
    /// Not gzipped JSON of the expected shape: whatever the JavaScript's `try` catches.
    Unreadable,
}

fn read(data: Option<&Value>) -> Outcome {
    let Ok(text) = js::buffer_source(data) else {
        return Outcome::Unreadable;
    };
    let mut unzipped = Vec::new();
    let gz = flate2::read::GzDecoder::new(&js::base64_decode(text)[..]).read_to_end(&mut unzipped);
    if gz.is_err() {
        return Outcome::Unreadable;
    }
    let Ok(batch) = serde_json::from_str::<Value>(&js::utf8(&unzipped)) else {
        return Outcome::Unreadable;
    };
    let Ok(kind) = property(&batch, "messageType") else {
        return Outcome::Unreadable;
    };
    if kind.and_then(Value::as_str) != Some("DATA_MESSAGE") {
        return Outcome::Control;
    }
    let Ok(Some(Value::Array(events))) = property(&batch, "logEvents") else {
        return Outcome::Unreadable;
    };
    let mut text = String::new();
    for event in events {
        let Ok(message) = property(event, "message") else {
            return Outcome::Unreadable;
        };
        text.push_str(&js::template(message));
        text.push('\n');
    }
    Outcome::Messages(text)
}

pub fn run(event: &Value, logs: &mut Vec<String>) -> Result<Value, HandlerError> {
    let (mut succeeded, mut failed) = (0, 0);
    let mut output = Vec::new();
    for record in js::records(event)? {
        let data = property(record, "data");
        let outcome = match data {
            Ok(data) => read(data),
            // `record.data` threw: the `catch` reads `record.recordId` and throws the same way.
            Err(_) => Outcome::Unreadable,
        };
        let id = property(record, "recordId")?;
        output.push(match outcome {
            Outcome::Messages(text) => {
                succeeded += 1;
                js::output_record(
                    id,
                    "Ok",
                    Some(Value::String(js::base64_encode(text.as_bytes()))),
                )
            }
            Outcome::Control => {
                failed += 1;
                js::output_record(id, "ProcessingFailed", None)
            }
            Outcome::Unreadable => {
                failed += 1;
                logs.push(format!(
                    "Record {} is not a gzipped batch from CloudWatch Logs.",
                    js::template(id)
                ));
                js::output_record(id, "ProcessingFailed", data.ok().flatten().cloned())
            }
        });
    }
    logs.push(format!(
        "Processing completed.  Successful records {succeeded}, Failed records {failed}."
    ));
    Ok(json!({ "records": output }))
}
