//! `kinesis-firehose-process-record` and its streams-as-source variant: every record back
//! unchanged.

use serde_json::{json, Value};

use super::js::{self, property, template};
use super::HandlerError;

pub fn run(event: &Value, logs: &mut Vec<String>) -> Result<Value, HandlerError> {
    let mut output = Vec::new();
    for record in js::records(event)? {
        output.push(pass_on(record)?);
    }
    logs.push(format!(
        "Processing completed.  Successful records {}.",
        output.len()
    ));
    Ok(json!({ "records": output }))
}

pub fn run_streams_as_source(event: &Value, logs: &mut Vec<String>) -> Result<Value, HandlerError> {
    let mut output = Vec::new();
    for record in js::records(event)? {
        let meta = property(record, "kinesisRecordMetadata")?;
        let id = template(property(record, "recordId")?);
        if js::truthy(meta) {
            let field = |key| js::property_of(meta, key).map(template);
            logs.push(format!(
                "Record {id}: shardId {}, partitionKey {}, sequenceNumber {}, subsequenceNumber {}, \
                 approximateArrivalTimestamp {}",
                field("shardId")?,
                field("partitionKey")?,
                field("sequenceNumber")?,
                field("subsequenceNumber")?,
                field("approximateArrivalTimestamp")?,
            ));
        } else {
            logs.push(format!(
                "Record {id} has no kinesisRecordMetadata: its source is not a Kinesis data stream."
            ));
        }
        output.push(pass_on(record)?);
    }
    logs.push(format!(
        "Processing completed.  Successful records {}.",
        output.len()
    ));
    Ok(json!({ "records": output }))
}

fn pass_on(record: &Value) -> Result<Value, HandlerError> {
    let id = property(record, "recordId")?;
    let data = property(record, "data")?;
    Ok(js::output_record(id, "Ok", data.cloned()))
}
