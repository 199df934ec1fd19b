//! Rows to a Parquet file, through the `parquet` crate's column writers (no Arrow).
//!
//! Each Glue column becomes an optional field: nested types in the standard three-level
//! shapes (`LIST` → `repeated group list { element }`, `MAP` → `repeated group key_value
//! { required key; value }`), primitives with their logical types. Hive's old writer stored
//! timestamps as INT96; here they are INT64 `TIMESTAMP(MICROS)` without a zone (Hive's
//! `timestamp` has none), which every current reader (Athena, Spark, pyarrow) reads as a
//! timestamp and which does not depend on a deprecated encoding. Nested values are flattened
//! into definition and repetition levels (Dremel's record shredding).
//!
//! Row groups are cut where the rows' estimated size reaches `BlockSizeBytes`;
//! `MaxPaddingBytes` (padding to a file system's blocks) changes nothing here.

use super::config::{ParquetCompression, ParquetSerDe, ParquetWriterVersion};
use super::value::{Cell, Row};
use crate::engine::glue::{Column, HiveType};
use parquet::basic::{Compression, GzipLevel, LogicalType, Repetition, TimeUnit, Type as Physical};
use parquet::data_type::{
    BoolType, ByteArray, ByteArrayType, DoubleType, FixedLenByteArray, FixedLenByteArrayType,
    FloatType, Int32Type, Int64Type,
};
use parquet::file::properties::{WriterProperties, WriterVersion};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::ops::Range;
use std::sync::Arc;

/// What the file says wrote it (the same bytes for the same rows, every time).
pub const CREATED_BY: &str = "kinesis-sandbox firehose";

/// The schema tree with each node's leaf columns, for shredding.
enum Node {
    Leaf {
        leaf: usize,
        required: bool,
    },
    Struct {
        fields: Vec<Node>,
        leaves: Range<usize>,
    },
    List {
        item: Box<Node>,
        leaves: Range<usize>,
    },
    Map {
        key: Box<Node>,
        value: Box<Node>,
        leaves: Range<usize>,
    },
}

impl Node {
    fn leaves(&self) -> Range<usize> {
        match self {
            Node::Leaf { leaf, .. } => *leaf..*leaf + 1,
            Node::Struct { leaves, .. } | Node::List { leaves, .. } | Node::Map { leaves, .. } => {
                leaves.clone()
            }
        }
    }
}

/// One leaf column's values and levels.
struct Leaf {
    hive: HiveType,
    values: Values,
    defs: Vec<i16>,
    reps: Vec<i16>,
    max_rep: i16,
}

enum Values {
    Bool(Vec<bool>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    F32(Vec<f32>),
    F64(Vec<f64>),
    Bytes(Vec<ByteArray>),
    Fixed(Vec<FixedLenByteArray>, usize),
}

/// Bytes a `decimal(p,s)` takes as a fixed-length two's complement integer.
pub fn decimal_bytes(precision: u8) -> usize {
    (1..=16)
        .find(|&n| {
            let max = if n == 16 {
                i128::MAX
            } else {
                (1i128 << (8 * n - 1)) - 1
            };
            max >= 10i128.pow(u32::from(precision)) - 1
        })
        .unwrap_or(16)
}

fn leaf_type(name: &str, t: &HiveType, repetition: Repetition) -> Type {
    let (physical, logical, length) = match t {
        HiveType::Boolean => (Physical::BOOLEAN, None, None),
        HiveType::TinyInt => (Physical::INT32, Some(LogicalType::integer(8, true)), None),
        HiveType::SmallInt => (Physical::INT32, Some(LogicalType::integer(16, true)), None),
        HiveType::Int => (Physical::INT32, None, None),
        HiveType::BigInt => (Physical::INT64, None, None),
        HiveType::Float => (Physical::FLOAT, None, None),
        HiveType::Double => (Physical::DOUBLE, None, None),
        HiveType::String | HiveType::Char(_) | HiveType::Varchar(_) => {
            (Physical::BYTE_ARRAY, Some(LogicalType::String), None)
        }
        HiveType::Binary => (Physical::BYTE_ARRAY, None, None),
        HiveType::Timestamp => (
            Physical::INT64,
            Some(LogicalType::timestamp(false, TimeUnit::MICROS)),
            None,
        ),
        HiveType::Date => (Physical::INT32, Some(LogicalType::Date), None),
        HiveType::Decimal { precision, scale } => (
            Physical::FIXED_LEN_BYTE_ARRAY,
            Some(LogicalType::decimal(
                i32::from(*scale),
                i32::from(*precision),
            )),
            Some(decimal_bytes(*precision) as i32),
        ),
        HiveType::Array(_) | HiveType::Map(..) | HiveType::Struct(_) => {
            unreachable!("nested types are groups")
        }
    };
    let mut b = Type::primitive_type_builder(name, physical)
        .with_repetition(repetition)
        .with_logical_type(logical);
    if let HiveType::Decimal { precision, scale } = t {
        b = b
            .with_precision(i32::from(*precision))
            .with_scale(i32::from(*scale));
    }
    if let Some(length) = length {
        b = b.with_length(length);
    }
    b.build().expect("a valid primitive type")
}

/// Builds the Parquet type of a field of Hive type `t`, and its shredding node.
fn build(
    name: &str,
    t: &HiveType,
    repetition: Repetition,
    max_rep: i16,
    leaves: &mut Vec<Leaf>,
) -> (Type, Node) {
    let group = |name: &str, fields: Vec<Arc<Type>>, logical: Option<LogicalType>, r| {
        Type::group_type_builder(name)
            .with_repetition(r)
            .with_logical_type(logical)
            .with_fields(fields)
            .build()
            .expect("a valid group type")
    };
    let start = leaves.len();
    match t {
        HiveType::Array(item) => {
            let (item_type, item_node) =
                build("element", item, Repetition::OPTIONAL, max_rep + 1, leaves);
            let list = group(
                "list",
                vec![Arc::new(item_type)],
                None,
                Repetition::REPEATED,
            );
            let ty = group(
                name,
                vec![Arc::new(list)],
                Some(LogicalType::List),
                repetition,
            );
            let leaves = start..leaves.len();
            let node = Node::List {
                item: Box::new(item_node),
                leaves,
            };
            (ty, node)
        }
        HiveType::Map(key, value) => {
            let (key_type, key_node) = build("key", key, Repetition::REQUIRED, max_rep + 1, leaves);
            let (value_type, value_node) =
                build("value", value, Repetition::OPTIONAL, max_rep + 1, leaves);
            let entries = group(
                "key_value",
                vec![Arc::new(key_type), Arc::new(value_type)],
                None,
                Repetition::REPEATED,
            );
            let ty = group(
                name,
                vec![Arc::new(entries)],
                Some(LogicalType::Map),
                repetition,
            );
            let node = Node::Map {
                key: Box::new(key_node),
                value: Box::new(value_node),
                leaves: start..leaves.len(),
            };
            (ty, node)
        }
        HiveType::Struct(fields) => {
            let mut types = Vec::new();
            let mut nodes = Vec::new();
            for (field, ft) in fields {
                let (ty, node) = build(field, ft, Repetition::OPTIONAL, max_rep, leaves);
                types.push(Arc::new(ty));
                nodes.push(node);
            }
            let ty = group(name, types, None, repetition);
            let node = Node::Struct {
                fields: nodes,
                leaves: start..leaves.len(),
            };
            (ty, node)
        }
        primitive => {
            let values = match primitive {
                HiveType::Boolean => Values::Bool(Vec::new()),
                HiveType::TinyInt | HiveType::SmallInt | HiveType::Int | HiveType::Date => {
                    Values::I32(Vec::new())
                }
                HiveType::BigInt | HiveType::Timestamp => Values::I64(Vec::new()),
                HiveType::Float => Values::F32(Vec::new()),
                HiveType::Double => Values::F64(Vec::new()),
                HiveType::Decimal { precision, .. } => {
                    Values::Fixed(Vec::new(), decimal_bytes(*precision))
                }
                _ => Values::Bytes(Vec::new()),
            };
            leaves.push(Leaf {
                hive: primitive.clone(),
                values,
                defs: Vec::new(),
                reps: Vec::new(),
                max_rep,
            });
            let node = Node::Leaf {
                leaf: start,
                required: repetition == Repetition::REQUIRED,
            };
            (leaf_type(name, primitive, repetition), node)
        }
    }
}

/// Records `value` (at repetition level `rep`, under `def` defined ancestors) into the
/// leaves of `node`. `depth` is how many repeated ancestors `node` has.
fn shred(node: &Node, value: Option<&Cell>, rep: i16, def: i16, depth: i16, leaves: &mut [Leaf]) {
    let absent = |leaves: &mut [Leaf], range: Range<usize>, def: i16| {
        for leaf in &mut leaves[range] {
            leaf.defs.push(def);
            leaf.reps.push(rep);
        }
    };
    match (node, value) {
        (Node::Leaf { leaf, required }, value) => {
            let leaf = &mut leaves[*leaf];
            let own = i16::from(!*required);
            leaf.reps.push(rep);
            match value {
                None => leaf.defs.push(def),
                Some(v) => {
                    leaf.defs.push(def + own);
                    push(&mut leaf.values, &leaf.hive, v);
                }
            }
        }
        (Node::Struct { fields, .. }, Some(Cell::Struct(values))) => {
            for (i, field) in fields.iter().enumerate() {
                let v = values.get(i).and_then(Option::as_ref);
                shred(field, v, rep, def + 1, depth, leaves);
            }
        }
        (
            Node::List {
                item,
                leaves: range,
            },
            Some(Cell::Array(items)),
        ) => {
            if items.is_empty() {
                return absent(leaves, range.clone(), def + 1);
            }
            for (i, v) in items.iter().enumerate() {
                let r = if i == 0 { rep } else { depth + 1 };
                shred(item, v.as_ref(), r, def + 2, depth + 1, leaves);
            }
        }
        (
            Node::Map {
                key,
                value,
                leaves: range,
            },
            Some(Cell::Map(entries)),
        ) => {
            if entries.is_empty() {
                return absent(leaves, range.clone(), def + 1);
            }
            for (i, (k, v)) in entries.iter().enumerate() {
                let r = if i == 0 { rep } else { depth + 1 };
                shred(key, Some(k), r, def + 2, depth + 1, leaves);
                shred(value, v.as_ref(), r, def + 2, depth + 1, leaves);
            }
        }
        (node, _) => absent(leaves, node.leaves(), def),
    }
}

fn push(values: &mut Values, hive: &HiveType, v: &Cell) {
    match (values, v) {
        (Values::Bool(out), Cell::Boolean(b)) => out.push(*b),
        (Values::I32(out), Cell::Integer(n)) => out.push(*n as i32),
        (Values::I32(out), Cell::Date(d)) => out.push(*d),
        (Values::I64(out), Cell::Integer(n) | Cell::Timestamp(n)) => out.push(*n),
        (Values::F32(out), Cell::Float(f)) => out.push(*f),
        (Values::F64(out), Cell::Double(f)) => out.push(*f),
        (Values::Bytes(out), Cell::Text(s)) => out.push(ByteArray::from(s.as_bytes().to_vec())),
        (Values::Bytes(out), Cell::Binary(b)) => out.push(ByteArray::from(b.clone())),
        (Values::Fixed(out, len), Cell::Decimal(d)) => {
            let bytes = d.to_be_bytes();
            out.push(FixedLenByteArray::from(bytes[16 - *len..].to_vec()));
        }
        (_, v) => unreachable!("a {v:?} read for a {hive} column"),
    }
}

/// The writer's settings from the SerDe's.
fn properties(serde: &ParquetSerDe) -> WriterProperties {
    let compression = match serde.compression() {
        ParquetCompression::Uncompressed => Compression::UNCOMPRESSED,
        ParquetCompression::Snappy => Compression::SNAPPY,
        ParquetCompression::Gzip => Compression::GZIP(GzipLevel::default()),
    };
    let version = match serde.writer_version() {
        ParquetWriterVersion::V1 => WriterVersion::PARQUET_1_0,
        ParquetWriterVersion::V2 => WriterVersion::PARQUET_2_0,
    };
    WriterProperties::builder()
        .set_created_by(CREATED_BY.to_string())
        .set_compression(compression)
        .set_writer_version(version)
        .set_dictionary_enabled(serde.dictionary())
        .set_data_page_size_limit(usize::try_from(serde.page_size()).unwrap_or(usize::MAX))
        .build()
}

/// A rough size of a row as written, to cut row groups at `BlockSizeBytes`.
fn size_of(row: &Row) -> usize {
    fn cell(c: &Cell) -> usize {
        match c {
            Cell::Text(s) => s.len() + 4,
            Cell::Binary(b) => b.len() + 4,
            Cell::Decimal(_) => 16,
            Cell::Array(items) | Cell::Struct(items) => items.iter().flatten().map(cell).sum(),
            Cell::Map(entries) => entries
                .iter()
                .map(|(k, v)| cell(k) + v.as_ref().map_or(0, cell))
                .sum(),
            _ => 8,
        }
    }
    row.iter().flatten().map(cell).sum::<usize>() + row.len()
}

/// `rows` cut where their estimated size reaches `limit` bytes (row groups, stripes).
pub(super) fn groups(rows: &[Row], limit: usize) -> Vec<&[Row]> {
    let mut groups: Vec<&[Row]> = Vec::new();
    let (mut from, mut size) = (0, 0);
    for (i, row) in rows.iter().enumerate() {
        size += size_of(row);
        if size >= limit {
            groups.push(&rows[from..=i]);
            (from, size) = (i + 1, 0);
        }
    }
    if from < rows.len() {
        groups.push(&rows[from..]);
    }
    groups
}

/// The Parquet file of `rows` (one cell per column of `table`), with `serde`'s settings.
pub fn write_parquet(table: &[Column], rows: &[Row], serde: &ParquetSerDe) -> Vec<u8> {
    let mut leaves = Vec::new();
    let mut fields = Vec::new();
    let mut nodes = Vec::new();
    for c in table {
        let (ty, node) = build(&c.name, &c.hive_type, Repetition::OPTIONAL, 0, &mut leaves);
        fields.push(Arc::new(ty));
        nodes.push(node);
    }
    let schema = Type::group_type_builder("schema")
        .with_fields(fields)
        .build()
        .expect("a valid schema");
    let mut writer =
        SerializedFileWriter::new(Vec::new(), Arc::new(schema), Arc::new(properties(serde)))
            .expect("writing to memory");
    let block = usize::try_from(serde.block_size()).unwrap_or(usize::MAX);
    let groups = groups(rows, block);
    for group in groups {
        let mut leaves: Vec<Leaf> = leaves
            .iter()
            .map(|l| Leaf {
                hive: l.hive.clone(),
                values: match &l.values {
                    Values::Bool(_) => Values::Bool(Vec::new()),
                    Values::I32(_) => Values::I32(Vec::new()),
                    Values::I64(_) => Values::I64(Vec::new()),
                    Values::F32(_) => Values::F32(Vec::new()),
                    Values::F64(_) => Values::F64(Vec::new()),
                    Values::Bytes(_) => Values::Bytes(Vec::new()),
                    Values::Fixed(_, n) => Values::Fixed(Vec::new(), *n),
                },
                defs: Vec::new(),
                reps: Vec::new(),
                max_rep: l.max_rep,
            })
            .collect();
        for row in group {
            for (node, value) in nodes.iter().zip(row) {
                shred(node, value.as_ref(), 0, 0, 0, &mut leaves);
            }
        }
        let mut rg = writer.next_row_group().expect("writing to memory");
        for leaf in &leaves {
            let mut col = rg
                .next_column()
                .expect("writing to memory")
                .expect("one column per leaf");
            let defs = Some(leaf.defs.as_slice());
            let reps = (leaf.max_rep > 0).then_some(leaf.reps.as_slice());
            let written = match &leaf.values {
                Values::Bool(v) => col.typed::<BoolType>().write_batch(v, defs, reps),
                Values::I32(v) => col.typed::<Int32Type>().write_batch(v, defs, reps),
                Values::I64(v) => col.typed::<Int64Type>().write_batch(v, defs, reps),
                Values::F32(v) => col.typed::<FloatType>().write_batch(v, defs, reps),
                Values::F64(v) => col.typed::<DoubleType>().write_batch(v, defs, reps),
                Values::Bytes(v) => col.typed::<ByteArrayType>().write_batch(v, defs, reps),
                Values::Fixed(v, _) => col
                    .typed::<FixedLenByteArrayType>()
                    .write_batch(v, defs, reps),
            };
            written.expect("levels match the schema");
            col.close().expect("writing to memory");
        }
        rg.close().expect("writing to memory");
    }
    writer.into_inner().expect("writing to memory")
}
