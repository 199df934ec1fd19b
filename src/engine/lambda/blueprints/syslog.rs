//! `kinesis-firehose-syslog-to-json` and `-to-csv`: RFC 3164 syslog lines into JSON documents
//! or CSV rows.

use serde_json::{json, Value};

use super::js::{self, property, Cursor};
use super::HandlerError;

/// The groups of
/// `^([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) (\S+) ([^\s:\[]+)(?:\[(\d+)\])?: (.*)`.
struct Line<'a> {
    timestamp: &'a str,
    hostname: &'a str,
    program: &'a str,
    processid: Option<&'a str>,
    message: &'a str,
}

/// Matches a line from its start. Each step has one way to match: the program stops at
/// white space, `:` or `[`, and only `[digits]` or `:` may follow it.
fn parse(line: &str) -> Option<Line<'_>> {
    let mut c = Cursor::new(line);
    let digit = |ch: char| ch.is_ascii_digit();
    c.next_if(|ch| ch.is_ascii_uppercase())?;
    c.exactly(2, |ch| ch.is_ascii_lowercase())?;
    c.eat(' ')?;
    c.next_if(|ch| ch == ' ' || digit(ch))?;
    c.next_if(digit)?;
    c.eat(' ')?;
    c.exactly(2, digit)?;
    c.eat(':')?;
    c.exactly(2, digit)?;
    c.eat(':')?;
    c.exactly(2, digit)?;
    let timestamp = &line[..c.pos];
    c.eat(' ')?;
    let hostname = c.many(|ch| !js::is_space(ch))?;
    c.eat(' ')?;
    let program = c.many(|ch| !js::is_space(ch) && ch != ':' && ch != '[')?;
    let processid = if c.peek() == Some('[') {
        c.eat('[')?;
        let pid = c.many(digit)?;
        c.eat(']')?;
        Some(pid)
    } else {
        None
    };
    c.eat(':')?;
    c.eat(' ')?;
    let start = c.pos;
    let message = c
        .many(|ch| !js::is_line_terminator(ch))
        .unwrap_or(&line[start..start]);
    Some(Line {
        timestamp,
        hostname,
        program,
        processid,
        message,
    })
}

fn run(
    event: &Value,
    logs: &mut Vec<String>,
    format: fn(&Line<'_>) -> String,
) -> Result<Value, HandlerError> {
    let (mut succeeded, mut failed) = (0, 0);
    let mut output = Vec::new();
    for record in js::records(event)? {
        let id = property(record, "recordId")?;
        let data = property(record, "data")?;
        let line = js::ascii(&js::base64_decode(js::buffer_source(data)?));
        output.push(match parse(&line) {
            Some(m) => {
                succeeded += 1;
                let text = format(&m);
                js::output_record(
                    id,
                    "Ok",
                    Some(Value::String(js::base64_encode(text.as_bytes()))),
                )
            }
            None => {
                failed += 1;
                js::output_record(id, "ProcessingFailed", data.cloned())
            }
        });
    }
    logs.push(format!(
        "Processing completed.  Successful records {succeeded}, Failed records {failed}."
    ));
    Ok(json!({ "records": output }))
}

pub fn run_json(event: &Value, logs: &mut Vec<String>) -> Result<Value, HandlerError> {
    run(event, logs, |m| {
        format!(
            "{{\"timestamp\":{},\"hostname\":{},\"program\":{},\"processid\":{},\"message\":{}}}",
            js::json_string(m.timestamp),
            js::json_string(m.hostname),
            js::json_string(m.program),
            m.processid.map_or("null".into(), js::json_string),
            js::json_string(m.message),
        )
    })
}

pub fn run_csv(event: &Value, logs: &mut Vec<String>) -> Result<Value, HandlerError> {
    run(event, logs, |m| {
        format!(
            "{},{},{},{},{}\n",
            m.timestamp,
            m.hostname,
            m.program,
            m.processid.unwrap_or(""),
            m.message
        )
    })
}
