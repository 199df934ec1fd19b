//! The console's Firehose blueprints (placeholder: the general processing one).

use serde_json::{json, Value};

pub struct HandlerError {
    pub error_type: String,
    pub error_message: String,
}

pub struct Blueprint {
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub file_name: &'static str,
    pub handler: &'static str,
    pub source: &'static str,
    pub run: fn(&Value, &mut Vec<String>) -> Result<Value, HandlerError>,
}

const PROCESS_RECORD: &str = "export const handler = async (event) => {\n  const output = event.records.map((record) => ({ recordId: record.recordId, result: 'Ok', data: record.data }));\n  console.log(`Processing completed.  Successful records ${output.length}.`);\n  return { records: output };\n};\n";

fn process_record(event: &Value, logs: &mut Vec<String>) -> Result<Value, HandlerError> {
    let records: Vec<Value> = event["records"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| json!({"recordId": r["recordId"], "result": "Ok", "data": r["data"]}))
        .collect();
    logs.push(format!(
        "Processing completed.  Successful records {}.",
        records.len()
    ));
    Ok(json!({ "records": records }))
}

pub const BLUEPRINTS: &[Blueprint] = &[Blueprint {
    id: "kinesis-firehose-process-record",
    title: "Process records sent to a Data Firehose stream",
    description: "An Amazon Data Firehose stream processor that accesses the records in the input and returns them with a processing status.",
    file_name: "index.mjs",
    handler: "index.handler",
    source: PROCESS_RECORD,
    run: process_record,
}];

pub fn by_id(id: &str) -> Option<&'static Blueprint> {
    BLUEPRINTS.iter().find(|b| b.id == id)
}

pub fn by_source(source: &str) -> Option<&'static Blueprint> {
    BLUEPRINTS.iter().find(|b| b.source == source)
}
