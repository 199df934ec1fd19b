//! Record format conversion at delivery: a sealed buffer's records are read with the Glue
//! table's schema (looked up with the schema configuration's role, at the version it names)
//! and written as one Parquet or ORC object; a record that can't be converted goes under
//! `format-conversion-failed` with the documented error document.

use super::convert::value::ConversionFailure;
use super::convert::{self, DataFormatConversionConfiguration};
use super::metrics::FirehoseMetric;
use super::processing::{self, ErrorDoc, Failed};
use super::{metric, Buffer, DeliveryStream};
use crate::engine::glue::Column;
use crate::engine::iam::policy::Request;
use crate::engine::{extension, Sandbox};
use serde_json::{json, Value};

pub(crate) fn is_on(d: &DeliveryStream) -> bool {
    d.destination
        .conversion
        .as_ref()
        .is_some_and(DataFormatConversionConfiguration::is_enabled)
}

/// The buffer's records, one slice each (the buffer keeps their lengths while converting).
pub(crate) fn records(buffer: &Buffer) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(buffer.lengths.len());
    let mut at = 0usize;
    for len in &buffer.lengths {
        let end = (at + *len as usize).min(buffer.data.len());
        out.push(&buffer.data[at..end]);
        at = end;
    }
    out
}

/// `dataCatalogTable` of the error document.
fn catalog_table(sb: &Sandbox, conf: &DataFormatConversionConfiguration) -> Value {
    let s = conf.schema.clone().unwrap_or_default();
    let catalog = s
        .catalog_id
        .clone()
        .unwrap_or_else(|| sb.config.account_id.clone());
    let region = s.region.clone().unwrap_or_else(|| sb.config.region.clone());
    json!({
        "catalogId": catalog,
        "databaseName": s.database_name,
        "tableName": s.table_name,
        "region": region,
        "versionId": s.version_id.unwrap_or_else(|| "LATEST".into()),
        "catalogArn": format!("arn:aws:glue:{region}:{catalog}:catalog"),
    })
}

/// The table's columns, as the schema configuration's role may read them.
fn columns(
    sb: &Sandbox,
    conf: &DataFormatConversionConfiguration,
) -> Result<Vec<Column>, ConversionFailure> {
    let s = conf.schema.clone().unwrap_or_default();
    let (db, table) = (
        s.database_name.unwrap_or_default(),
        s.table_name.unwrap_or_default(),
    );
    let role = s.role_arn.unwrap_or_default();
    let arn = format!(
        "arn:aws:glue:{}:{}:table/{db}/{table}",
        sb.config.region, sb.config.account_id
    );
    let account = &sb.config.account_id;
    for action in [
        "glue:GetTable",
        "glue:GetTableVersion",
        "glue:GetTableVersions",
    ] {
        if sb
            .iam
            .authorize(
                &role,
                "firehose.amazonaws.com",
                account,
                &Request::new(action, &arn),
            )
            .is_err()
        {
            return Err(ConversionFailure {
                code: convert::value::FailureCode::EntityNotFound,
                message: format!(
                    "Access was denied when calling {action} on {arn}. Ensure that the role in the schema configuration allows it."
                ),
            });
        }
    }
    let version = s.version_id.filter(|v| v != "LATEST");
    let found = match version.and_then(|v| v.parse::<u64>().ok()) {
        Some(v) => sb.glue.table_version(&db, &table, v),
        None => sb.glue.table(&db, &table),
    };
    found
        .map(|t| t.columns().to_vec())
        .ok_or_else(ConversionFailure::table_not_found)
}

/// Converts a sealed buffer: the object's bytes and how many records it holds, or `None`
/// when no record converted. Failed records are written to the error output here (they leave
/// the buffer's count in the ledger).
pub(crate) fn convert_buffer(
    sb: &mut Sandbox,
    name: &str,
    buffer: &Buffer,
) -> Option<(Vec<u8>, u64)> {
    let d = sb.firehose.get(name)?;
    let conf = d.destination.conversion.clone()?;
    let conversion = conf.conversion()?;
    let records = records(buffer);
    let table = catalog_table(sb, &conf);
    let converted = match columns(sb, &conf) {
        Ok(cols) => {
            let columnar = extension::columnar().expect("time does not pass without it");
            (columnar.convert)(&records, &cols, &conversion)
        }
        Err(failure) => convert::Converted {
            object: None,
            failures: (0..records.len()).map(|i| (i, failure.clone())).collect(),
            rows: 0,
        },
    };
    let failed_bytes: usize = converted
        .failures
        .iter()
        .map(|(i, _)| records[*i].len())
        .sum();
    let ok_records = (records.len() - converted.failures.len()) as u64;
    let ok_bytes = buffer.data.len() - failed_bytes;
    let arrival = buffer
        .oldest_arrival
        .map_or(sb.now.epoch_millis(), |t| t.epoch_millis());
    if !converted.failures.is_empty() {
        metric(
            sb,
            name,
            FirehoseMetric::FailedConversionRecords,
            converted.failures.len() as f64,
        );
        metric(
            sb,
            name,
            FirehoseMetric::FailedConversionBytes,
            failed_bytes as f64,
        );
        // One error object per reason, each with its records.
        let mut by_reason: Vec<(ConversionFailure, Vec<Failed>)> = Vec::new();
        for (i, failure) in &converted.failures {
            let record = Failed {
                arrival_ms: arrival,
                data: records[*i].to_vec(),
            };
            match by_reason.iter_mut().find(|(f, _)| f == failure) {
                Some((_, list)) => list.push(record),
                None => by_reason.push((failure.clone(), vec![record])),
            }
        }
        for (failure, list) in by_reason {
            processing::error_object(
                sb,
                name,
                list,
                1,
                failure.code.wire(),
                &failure.message,
                "format-conversion-failed",
                ErrorDoc::Conversion {
                    table: table.clone(),
                },
                processing::Held::Buffer,
            );
        }
    }
    if ok_records > 0 {
        metric(
            sb,
            name,
            FirehoseMetric::SucceedConversionRecords,
            ok_records as f64,
        );
        metric(
            sb,
            name,
            FirehoseMetric::SucceedConversionBytes,
            ok_bytes as f64,
        );
    }
    converted.object.map(|o| (o, ok_records))
}
