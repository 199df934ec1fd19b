//! `kinesis-firehose-apachelog-to-json` and `-to-csv`: Apache access-log lines (Common Log
//! Format) into JSON documents or CSV rows.

use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};

use super::js::{self, property, Cursor};
use super::HandlerError;

/// The groups of `^([\d.]+) (\S+) (\S+) \[([\w:/]+)(\s[\+\-]\d{4}){0,1}\] "(.+?)" (\d{3}) (\d+)`
/// (the JSON blueprint's pattern; the CSV one's requires the zone and makes time and zone
/// one group).
struct Line<'a> {
    host: &'a str,
    ident: &'a str,
    authuser: &'a str,
    time: &'a str,
    /// The zone with the white-space character before it, as the JSON pattern captures it.
    zone: Option<&'a str>,
    /// Time and zone, as the CSV pattern captures them.
    time_and_zone: &'a str,
    request: &'a str,
    status: &'a str,
    bytes: &'a str,
}

/// Matches a line from its start; every step but the request's lazy `(.+?)` has one way to
/// match, so only that one is searched.
fn parse(line: &str, zone_required: bool) -> Option<Line<'_>> {
    let mut c = Cursor::new(line);
    let host = c.many(|ch| ch.is_ascii_digit() || ch == '.')?;
    c.eat(' ')?;
    let ident = c.many(|ch| !js::is_space(ch))?;
    c.eat(' ')?;
    let authuser = c.many(|ch| !js::is_space(ch))?;
    c.eat(' ')?;
    c.eat('[')?;
    let time_start = c.pos;
    let time = c.many(|ch| js::is_word(ch) || ch == ':' || ch == '/')?;
    let zone_start = c.pos;
    let zone = (|| {
        c.next_if(js::is_space)?;
        c.next_if(|ch| ch == '+' || ch == '-')?;
        c.exactly(4, |ch| ch.is_ascii_digit())
    })()
    .map(|_| &line[zone_start..c.pos]);
    if zone.is_none() {
        if zone_required {
            return None;
        }
        c.pos = zone_start;
    }
    let time_and_zone = &line[time_start..c.pos];
    c.eat(']')?;
    c.eat(' ')?;
    c.eat('"')?;
    let request_start = c.pos;
    loop {
        c.next_if(|ch| !js::is_line_terminator(ch))?;
        let request_end = c.pos;
        let tail = (|| {
            c.eat('"')?;
            c.eat(' ')?;
            let status = c.exactly(3, |ch| ch.is_ascii_digit())?;
            c.eat(' ')?;
            let bytes = c.many(|ch| ch.is_ascii_digit())?;
            Some((status, bytes))
        })();
        if let Some((status, bytes)) = tail {
            return Some(Line {
                host,
                ident,
                authuser,
                time,
                zone,
                time_and_zone,
                request: &line[request_start..request_end],
                status,
                bytes,
            });
        }
        c.pos = request_end;
    }
}

pub fn run_json(event: &Value, logs: &mut Vec<String>) -> Result<Value, HandlerError> {
    let (mut succeeded, mut failed) = (0, 0);
    let mut output = Vec::new();
    for record in js::records(event)? {
        let id = property(record, "recordId")?;
        let data = property(record, "data")?;
        let line = js::utf8(&js::base64_decode(js::buffer_source(data)?));
        let doc = parse(&line, false).and_then(|m| {
            // Without an offset in the line, the time is taken to be UTC.
            let zone = m.zone.map_or("+0000", |z| {
                &z[z.chars().next().map_or(0, char::len_utf8)..]
            });
            let (local, utc) = timestamps(m.time, zone)?;
            let fields = [
                ("host", js::json_string(m.host)),
                ("ident", js::json_string(m.ident)),
                ("authuser", js::json_string(m.authuser)),
                ("@timestamp", js::json_string(&local)),
                ("@timestamp_utc", js::json_string(&utc)),
                ("timezone", js::json_string(zone)),
                (
                    "verb",
                    js::json_string(m.request.split(' ').next().unwrap_or("")),
                ),
                ("request", js::json_string(m.request)),
                (
                    "response",
                    js::json_number_text(js::digits_to_number(m.status)),
                ),
                ("bytes", js::json_number_text(js::digits_to_number(m.bytes))),
            ];
            let body: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{}:{v}", js::json_string(k)))
                .collect();
            Some(format!("{{{}}}", body.join(",")))
        });
        output.push(match doc {
            Some(doc) => {
                succeeded += 1;
                js::output_record(
                    id,
                    "Ok",
                    Some(Value::String(js::base64_encode(doc.as_bytes()))),
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

pub fn run_csv(event: &Value, logs: &mut Vec<String>) -> Result<Value, HandlerError> {
    let (mut succeeded, mut failed) = (0, 0);
    let mut output = Vec::new();
    for record in js::records(event)? {
        let id = property(record, "recordId")?;
        let data = property(record, "data")?;
        let line = js::utf8(&js::base64_decode(js::buffer_source(data)?));
        output.push(match parse(&line, true) {
            Some(m) => {
                succeeded += 1;
                let row = format!(
                    "{},{},{},{},{},{},{}\n",
                    m.host, m.ident, m.authuser, m.time_and_zone, m.request, m.status, m.bytes
                );
                js::output_record(
                    id,
                    "Ok",
                    Some(Value::String(js::base64_encode(row.as_bytes()))),
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

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `10/Oct/2000:13:55:36` at `-0700` → (`2000-10-10T13:55:36-07:00`,
/// `2000-10-10T20:55:36.000Z`); `None` when it is no real date, or the UTC year is outside
/// 0–9999.
fn timestamps(time: &str, zone: &str) -> Option<(String, String)> {
    fn digits<'a>(c: &mut Cursor<'a>, n: usize) -> Option<&'a str> {
        c.exactly(n, |ch| ch.is_ascii_digit())
    }
    let mut c = Cursor::new(time);
    let dd = digits(&mut c, 2)?;
    c.eat('/')?;
    let mon = c.exactly(3, |ch| ch.is_ascii_alphabetic())?;
    c.eat('/')?;
    let yyyy = digits(&mut c, 4)?;
    c.eat(':')?;
    let hh = digits(&mut c, 2)?;
    c.eat(':')?;
    let mi = digits(&mut c, 2)?;
    c.eat(':')?;
    let ss = digits(&mut c, 2)?;
    if c.pos != time.len() {
        return None;
    }
    let month = MONTHS.iter().position(|m| *m == mon)?;
    let num = |s: &str| s.parse::<u32>().ok();
    let written = NaiveDate::from_ymd_opt(num(yyyy)? as i32, month as u32 + 1, num(dd)?)?
        .and_hms_opt(num(hh)?, num(mi)?, num(ss)?)?;
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let offset_minutes = sign * i64::from(num(&zone[1..3])? * 60 + num(&zone[3..5])?);
    let utc = written - Duration::minutes(offset_minutes);
    if !(0..=9999).contains(&chrono::Datelike::year(&utc)) {
        return None;
    }
    Some((
        format!(
            "{yyyy}-{:02}-{dd}T{hh}:{mi}:{ss}{}:{}",
            month + 1,
            &zone[..3],
            &zone[3..]
        ),
        utc.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
    ))
}
