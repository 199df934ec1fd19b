//! Reading a Parquet or ORC object back for the S3 browser: its schema, its row groups (or
//! stripes), its compression and its first rows, all decoded from the object's bytes.

use parquet::basic::{LogicalType, Type as Physical};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use parquet::schema::types::Type;

/// How many rows the preview decodes.
pub const PREVIEW_ROWS: usize = 100;

/// A columnar object, as the S3 browser shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// `Parquet` or `ORC`.
    pub format: &'static str,
    /// Each top-level column's name and Hive type (`array<string>`, `decimal(10,2)`, …).
    pub columns: Vec<(String, String)>,
    /// What the groups are called in this format: row groups or stripes.
    pub group_noun: &'static str,
    /// The row count of each row group or stripe.
    pub groups: Vec<u64>,
    /// The codec of the column chunks (`SNAPPY`, `GZIP`, `UNCOMPRESSED`…).
    pub compression: String,
    pub total_rows: u64,
    /// What wrote the file, as it says.
    pub created_by: Option<String>,
    /// The first [`PREVIEW_ROWS`] rows, one text per column.
    pub rows: Vec<Vec<String>>,
    /// Why no rows are shown, when the file's rows could not be decoded.
    pub note: Option<String>,
}

/// Whether the bytes are a Parquet file (`PAR1` at both ends).
pub fn is_parquet(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1")
}

/// Whether the bytes are an ORC file (`ORC` first).
pub fn is_orc(bytes: &[u8]) -> bool {
    bytes.starts_with(b"ORC")
}

/// Every row of an ORC object (for analysis, where the preview's first rows are not enough).
pub fn orc_rows(bytes: &[u8]) -> Result<Preview, String> {
    super::orc_read::read(bytes, usize::MAX).map_err(|e| format!("Not a readable ORC file: {e}"))
}

/// The preview of a Parquet or ORC object, or why it can't be read.
pub fn preview(bytes: &[u8]) -> Result<Preview, String> {
    if is_parquet(bytes) {
        parquet_preview(bytes).map_err(|e| format!("Not a readable Parquet file: {e}"))
    } else if is_orc(bytes) {
        super::orc_read::preview(bytes).map_err(|e| format!("Not a readable ORC file: {e}"))
    } else {
        Err("Neither a Parquet nor an ORC file.".into())
    }
}

fn parquet_preview(bytes: &[u8]) -> Result<Preview, parquet::errors::ParquetError> {
    let reader = SerializedFileReader::new(bytes::Bytes::copy_from_slice(bytes))?;
    let meta = reader.metadata();
    let file = meta.file_metadata();
    let columns = file
        .schema()
        .get_fields()
        .iter()
        .map(|f| (f.name().to_string(), hive_name(f)))
        .collect();
    let groups: Vec<u64> = meta
        .row_groups()
        .iter()
        .map(|g| g.num_rows().max(0) as u64)
        .collect();
    let compression = meta
        .row_groups()
        .first()
        .and_then(|g| g.columns().first())
        .map_or_else(|| "–".to_string(), |c| c.compression().to_string());
    let mut rows = Vec::new();
    for row in reader.get_row_iter(None)?.take(PREVIEW_ROWS) {
        let row = row?;
        rows.push(row.get_column_iter().map(|(_, f)| text(f)).collect());
    }
    Ok(Preview {
        format: "Parquet",
        columns,
        group_noun: "row groups",
        total_rows: file.num_rows().max(0) as u64,
        groups,
        compression,
        created_by: file.created_by().map(str::to_string),
        rows,
        note: None,
    })
}

/// A top-level value as the preview shows it: strings bare, timestamps as Athena prints them.
fn text(field: &Field) -> String {
    match field {
        Field::Str(s) => s.clone(),
        Field::Bytes(b) => String::from_utf8_lossy(b.data()).into_owned(),
        Field::TimestampMicros(us) => micros_text(*us),
        Field::TimestampMillis(ms) => micros_text(ms.saturating_mul(1000)),
        other => other.to_string(),
    }
}

fn micros_text(us: i64) -> String {
    match chrono::DateTime::from_timestamp_micros(us) {
        Some(t) => t.format("%Y-%m-%d %H:%M:%S%.3f").to_string(),
        None => us.to_string(),
    }
}

/// The Hive type a Parquet field stands for.
pub fn hive_name(t: &Type) -> String {
    if t.is_primitive() {
        let info = t.get_basic_info();
        return match (t.get_physical_type(), info.logical_type_ref()) {
            (Physical::BYTE_ARRAY, Some(LogicalType::String)) => "string".into(),
            (Physical::BYTE_ARRAY, _) => "binary".into(),
            (Physical::INT32, Some(LogicalType::Integer(i))) if i.bit_width == 8 => {
                "tinyint".into()
            }
            (Physical::INT32, Some(LogicalType::Integer(i))) if i.bit_width == 16 => {
                "smallint".into()
            }
            (Physical::INT32, Some(LogicalType::Date)) => "date".into(),
            (Physical::INT64 | Physical::INT96, Some(LogicalType::Timestamp(_))) => {
                "timestamp".into()
            }
            (Physical::INT96, _) => "timestamp".into(),
            (_, Some(LogicalType::Decimal(d))) => format!("decimal({},{})", d.precision, d.scale),
            (Physical::INT32, _) => "int".into(),
            (Physical::INT64, _) => "bigint".into(),
            (Physical::FLOAT, _) => "float".into(),
            (Physical::DOUBLE, _) => "double".into(),
            (Physical::BOOLEAN, _) => "boolean".into(),
            (p, _) => p.to_string(),
        };
    }
    let fields = t.get_fields();
    let inner = |t: &Type| -> Vec<std::sync::Arc<Type>> {
        if t.is_primitive() {
            vec![]
        } else {
            t.get_fields().to_vec()
        }
    };
    match t.get_basic_info().logical_type_ref() {
        Some(LogicalType::List) if fields.len() == 1 => {
            let repeated = &fields[0];
            let item = inner(repeated);
            let element = if item.len() == 1 { &item[0] } else { repeated };
            format!("array<{}>", hive_name(element))
        }
        Some(LogicalType::Map) if fields.len() == 1 && inner(&fields[0]).len() == 2 => {
            let kv = inner(&fields[0]);
            format!("map<{},{}>", hive_name(&kv[0]), hive_name(&kv[1]))
        }
        _ => {
            let parts: Vec<String> = fields
                .iter()
                .map(|f| format!("{}:{}", f.name(), hive_name(f)))
                .collect();
            format!("struct<{}>", parts.join(","))
        }
    }
}
