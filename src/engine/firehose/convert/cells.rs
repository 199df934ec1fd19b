//! Every row of a Parquet object as plain typed cells, for analysis: a struct's fields become
//! dotted names, lists and maps stay whole as text. The `parquet` crate stays inside this
//! extension; callers see only [`Cell`]s.

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

/// One value, typed for analysis.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Missing,
    Bool(bool),
    Number(f64),
    Text(String),
    /// Epoch milliseconds.
    Time(i64),
}

/// A file's rows, and where reading stopped if a page was broken.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rows {
    pub rows: Vec<Vec<(String, Cell)>>,
    /// The row count the footer states.
    pub total: usize,
    /// The row (0-based) where the reader stopped, and why: it can't go on past a broken page.
    pub stopped: Option<(usize, String)>,
}

/// Every row of a Parquet file, or why the file can't be opened.
pub fn parquet_rows(bytes: &[u8]) -> Result<Rows, String> {
    let reader = SerializedFileReader::new(bytes::Bytes::copy_from_slice(bytes))
        .map_err(|e| e.to_string())?;
    let total = reader.metadata().file_metadata().num_rows().max(0) as usize;
    let iter = reader.get_row_iter(None).map_err(|e| e.to_string())?;
    let mut out = Rows {
        total,
        ..Rows::default()
    };
    for (i, row) in iter.enumerate() {
        match row {
            Ok(row) => {
                let mut cells = Vec::new();
                for (name, field) in row.get_column_iter() {
                    put(&mut cells, name, field);
                }
                out.rows.push(cells);
            }
            Err(e) => {
                out.stopped = Some((i, e.to_string()));
                break;
            }
        }
    }
    Ok(out)
}

/// A float as a number; `NaN` and infinities as their text, so a column counts them as
/// invalid numbers rather than computing with them.
fn number(x: f64) -> Cell {
    if x.is_finite() {
        Cell::Number(x)
    } else {
        Cell::Text(x.to_string())
    }
}

fn put(cells: &mut Vec<(String, Cell)>, name: &str, field: &Field) {
    let v = match field {
        Field::Null => Cell::Missing,
        Field::Bool(x) => Cell::Bool(*x),
        Field::Byte(x) => Cell::Number(f64::from(*x)),
        Field::Short(x) => Cell::Number(f64::from(*x)),
        Field::Int(x) => Cell::Number(f64::from(*x)),
        Field::Long(x) => Cell::Number(*x as f64),
        Field::UByte(x) => Cell::Number(f64::from(*x)),
        Field::UShort(x) => Cell::Number(f64::from(*x)),
        Field::UInt(x) => Cell::Number(f64::from(*x)),
        Field::ULong(x) => Cell::Number(*x as f64),
        Field::Float(x) => number(f64::from(*x)),
        Field::Double(x) => number(*x),
        Field::Str(s) => Cell::Text(s.clone()),
        Field::Bytes(x) => Cell::Text(String::from_utf8_lossy(x.data()).into_owned()),
        Field::Date(days) => Cell::Time(i64::from(*days) * 86_400_000),
        Field::TimestampMillis(ms) => Cell::Time(*ms),
        Field::TimestampMicros(us) => Cell::Time(us.div_euclid(1000)),
        Field::Group(row) => {
            for (inner, f) in row.get_column_iter() {
                put(cells, &format!("{name}.{inner}"), f);
            }
            return;
        }
        // Decimals, half floats, times of day: their text, read as a number when it is one.
        other => {
            let text = other.to_string();
            match text.parse::<f64>() {
                Ok(n) if n.is_finite() => Cell::Number(n),
                _ => Cell::Text(text),
            }
        }
    };
    cells.push((name.to_string(), v));
}
