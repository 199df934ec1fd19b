//! Rows to an ORC file, written here from the format's specification (the `orc-rust` crate
//! needs a C compiler for WebAssembly, through zstd, so it can't be in the page).
//!
//! Every column uses the DIRECT encodings of ORC 0.11 (run-length encoding version 1), which
//! every ORC reader reads, in stripes cut at `StripeSizeBytes`; no row index is written
//! (`rowIndexStride` 0). Streams are compressed in 256 KiB chunks with ZLIB (raw deflate) or
//! Snappy, each chunk kept as it was when compressing would not make it smaller. Timestamps
//! are seconds from ORC's epoch (2015-01-01 UTC) and nanoseconds, written in UTC.
//!
//! The SerDe's settings for a file system's blocks and for readers' shortcuts (`BlockSizeBytes`,
//! `EnablePadding`, `PaddingTolerance`, `RowIndexStride`, `BloomFilterColumns`,
//! `DictionaryKeyThreshold`) are kept and described but change nothing in the bytes.

use super::config::{OrcCompression, OrcFormatVersion, OrcSerDe};
use super::value::{Cell, Row};
use crate::engine::glue::{Column, HiveType};
use std::io::Write;

/// The chunk size of compressed streams.
pub const COMPRESSION_BLOCK: usize = 256 * 1024;
/// 2015-01-01T00:00:00Z, the zero of ORC's timestamps, in Unix seconds.
pub const ORC_EPOCH_SECONDS: i64 = 1_420_070_400;

/// Protocol Buffers, the few wire forms ORC's metadata uses.
#[derive(Default)]
pub(super) struct Proto(pub Vec<u8>);

pub(super) fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

impl Proto {
    fn uint(&mut self, field: u32, v: u64) -> &mut Self {
        varint(&mut self.0, u64::from(field) << 3);
        varint(&mut self.0, v);
        self
    }

    fn bytes(&mut self, field: u32, data: &[u8]) -> &mut Self {
        varint(&mut self.0, (u64::from(field) << 3) | 2);
        varint(&mut self.0, data.len() as u64);
        self.0.extend_from_slice(data);
        self
    }

    fn packed(&mut self, field: u32, values: &[u32]) -> &mut Self {
        if values.is_empty() {
            return self;
        }
        let mut data = Vec::new();
        for &v in values {
            varint(&mut data, v.into());
        }
        self.bytes(field, &data)
    }

    fn message(&mut self, field: u32, m: &Proto) -> &mut Self {
        self.bytes(field, &m.0)
    }
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

/// Byte run-length encoding: runs of 3–130 equal bytes, or up to 128 literal bytes.
fn byte_rle(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let run = data[i..]
            .iter()
            .take(130)
            .take_while(|&&b| b == data[i])
            .count();
        if run >= 3 {
            out.push((run - 3) as u8);
            out.push(data[i]);
            i += run;
            continue;
        }
        // Literals up to the next run of three.
        let start = i;
        while i < data.len() && i - start < 128 {
            if i + 2 < data.len() && data[i] == data[i + 1] && data[i] == data[i + 2] {
                break;
            }
            i += 1;
        }
        out.push((-((i - start) as i32)) as u8);
        out.extend_from_slice(&data[start..i]);
    }
    out
}

/// Booleans as bits, most significant first, then byte run-length encoded.
fn bool_rle(bits: &[bool]) -> Vec<u8> {
    let bytes: Vec<u8> = bits
        .chunks(8)
        .map(|c| {
            c.iter()
                .enumerate()
                .fold(0u8, |b, (i, &bit)| b | (u8::from(bit) << (7 - i)))
        })
        .collect();
    byte_rle(&bytes)
}

/// Integer run-length encoding version 1: runs of 3–130 equal values, or up to 128 literal
/// varints (zigzag-encoded when `signed`).
fn int_rle(values: &[i64], signed: bool) -> Vec<u8> {
    let encode = |out: &mut Vec<u8>, v: i64| varint(out, if signed { zigzag(v) } else { v as u64 });
    let mut out = Vec::new();
    let mut i = 0;
    while i < values.len() {
        let run = values[i..]
            .iter()
            .take(130)
            .take_while(|&&v| v == values[i])
            .count();
        if run >= 3 {
            out.push((run - 3) as u8);
            out.push(0); // delta
            encode(&mut out, values[i]);
            i += run;
            continue;
        }
        let start = i;
        while i < values.len() && i - start < 128 {
            if i + 2 < values.len() && values[i] == values[i + 1] && values[i] == values[i + 2] {
                break;
            }
            i += 1;
        }
        out.push((-((i - start) as i32)) as u8);
        for &v in &values[start..i] {
            encode(&mut out, v);
        }
    }
    out
}

/// Nanoseconds as ORC stores them: trailing zeros counted in the low three bits.
fn nanos_code(nanos: u32) -> i64 {
    let mut n = i64::from(nanos);
    if n == 0 || n % 100 != 0 {
        return n << 3;
    }
    n /= 100;
    let mut zeros = 1;
    while n % 10 == 0 && zeros < 7 {
        n /= 10;
        zeros += 1;
    }
    (n << 3) | zeros
}

/// A timestamp's seconds from ORC's epoch and its nanoseconds, with the writers' convention
/// for times before 1970 (ORC-763): such seconds are rounded up when there are nanoseconds.
fn orc_timestamp(micros: i64) -> (i64, u32) {
    let mut seconds = micros.div_euclid(1_000_000);
    let nanos = (micros.rem_euclid(1_000_000) * 1000) as u32;
    if seconds < 0 && nanos > 999_999 {
        seconds += 1;
    }
    (seconds - ORC_EPOCH_SECONDS, nanos)
}

/// ORC's type kinds.
fn kind(t: &HiveType) -> u64 {
    match t {
        HiveType::Boolean => 0,
        HiveType::TinyInt => 1,
        HiveType::SmallInt => 2,
        HiveType::Int => 3,
        HiveType::BigInt => 4,
        HiveType::Float => 5,
        HiveType::Double => 6,
        HiveType::String => 7,
        HiveType::Binary => 8,
        HiveType::Timestamp => 9,
        HiveType::Array(_) => 10,
        HiveType::Map(..) => 11,
        HiveType::Struct(_) => 12,
        HiveType::Decimal { .. } => 14,
        HiveType::Date => 15,
        HiveType::Varchar(_) => 16,
        HiveType::Char(_) => 17,
    }
}

/// The footer's type list, in pre-order (column ids): `t`'s entry and its subtree's.
fn add_type(t: &HiveType, types: &mut Vec<Proto>) -> u32 {
    let id = types.len() as u32;
    types.push(Proto::default());
    let (children, names): (Vec<&HiveType>, Vec<&str>) = match t {
        HiveType::Array(item) => (vec![item], vec![]),
        HiveType::Map(k, v) => (vec![k, v], vec![]),
        HiveType::Struct(fields) => fields.iter().map(|(n, t)| (t, n.as_str())).unzip(),
        _ => (vec![], vec![]),
    };
    let subtypes: Vec<u32> = children.iter().map(|c| add_type(c, types)).collect();
    let mut p = Proto::default();
    p.uint(1, kind(t)).packed(2, &subtypes);
    for name in names {
        p.bytes(3, name.as_bytes());
    }
    match t {
        HiveType::Varchar(n) | HiveType::Char(n) => {
            p.uint(4, u64::from(*n));
        }
        HiveType::Decimal { precision, scale } => {
            p.uint(5, u64::from(*precision)).uint(6, u64::from(*scale));
        }
        _ => {}
    }
    types[id as usize] = p;
    id
}

/// One stream of a stripe: its kind (PRESENT 0, DATA 1, LENGTH 2, SECONDARY 5), column and
/// bytes before compression.
struct Stream {
    kind: u64,
    column: u32,
    data: Vec<u8>,
}

/// What the footer says of a column over the whole file.
#[derive(Default, Clone)]
struct Stats {
    values: u64,
    has_null: bool,
}

/// Writes the streams of column `t` (id `*next`, then its children) for `values`.
fn write_column(
    t: &HiveType,
    values: &[Option<&Cell>],
    next: &mut u32,
    streams: &mut Vec<Stream>,
    stats: &mut [Stats],
) {
    let id = *next;
    *next += 1;
    let present: Vec<&Cell> = values.iter().flatten().copied().collect();
    let s = &mut stats[id as usize];
    s.values += present.len() as u64;
    s.has_null |= present.len() < values.len();
    if present.len() < values.len() {
        let bits: Vec<bool> = values.iter().map(Option::is_some).collect();
        streams.push(Stream {
            kind: 0,
            column: id,
            data: bool_rle(&bits),
        });
    }
    let mut stream = |kind, data| {
        streams.push(Stream {
            kind,
            column: id,
            data,
        })
    };
    let ints = |f: fn(&Cell) -> i64| present.iter().map(|c| f(c)).collect::<Vec<i64>>();
    match t {
        HiveType::Boolean => {
            let bits: Vec<bool> = present
                .iter()
                .map(|c| matches!(c, Cell::Boolean(true)))
                .collect();
            stream(1, bool_rle(&bits));
        }
        HiveType::TinyInt => {
            let bytes: Vec<u8> = ints(integer).iter().map(|&n| n as i8 as u8).collect();
            stream(1, byte_rle(&bytes));
        }
        HiveType::SmallInt | HiveType::Int | HiveType::BigInt | HiveType::Date => {
            stream(1, int_rle(&ints(integer), true));
        }
        HiveType::Float => {
            let mut data = Vec::new();
            for c in &present {
                if let Cell::Float(f) = c {
                    data.extend_from_slice(&f.to_le_bytes());
                }
            }
            stream(1, data);
        }
        HiveType::Double => {
            let mut data = Vec::new();
            for c in &present {
                if let Cell::Double(f) = c {
                    data.extend_from_slice(&f.to_le_bytes());
                }
            }
            stream(1, data);
        }
        HiveType::String | HiveType::Varchar(_) | HiveType::Char(_) | HiveType::Binary => {
            let mut data = Vec::new();
            let mut lengths = Vec::new();
            for c in &present {
                let bytes: &[u8] = match c {
                    Cell::Text(s) => s.as_bytes(),
                    Cell::Binary(b) => b,
                    _ => &[],
                };
                data.extend_from_slice(bytes);
                lengths.push(bytes.len() as i64);
            }
            stream(1, data);
            stream(2, int_rle(&lengths, false));
        }
        HiveType::Timestamp => {
            let (seconds, nanos): (Vec<i64>, Vec<i64>) = present
                .iter()
                .map(|c| {
                    let (s, n) = orc_timestamp(integer(c));
                    (s, nanos_code(n))
                })
                .unzip();
            stream(1, int_rle(&seconds, true));
            stream(5, int_rle(&nanos, false));
        }
        HiveType::Decimal { scale, .. } => {
            let mut data = Vec::new();
            for c in &present {
                let d = if let Cell::Decimal(d) = c { *d } else { 0 };
                let mut z = ((d << 1) ^ (d >> 127)) as u128;
                while z >= 0x80 {
                    data.push((z as u8) | 0x80);
                    z >>= 7;
                }
                data.push(z as u8);
            }
            stream(1, data);
            let scales = vec![i64::from(*scale); present.len()];
            stream(5, int_rle(&scales, true));
        }
        HiveType::Array(item) => {
            let mut lengths = Vec::new();
            let mut items = Vec::new();
            for c in &present {
                if let Cell::Array(v) = c {
                    lengths.push(v.len() as i64);
                    items.extend(v.iter().map(Option::as_ref));
                }
            }
            stream(2, int_rle(&lengths, false));
            write_column(item, &items, next, streams, stats);
        }
        HiveType::Map(key, value) => {
            let mut lengths = Vec::new();
            let (mut keys, mut vals) = (Vec::new(), Vec::new());
            for c in &present {
                if let Cell::Map(entries) = c {
                    lengths.push(entries.len() as i64);
                    for (k, v) in entries {
                        keys.push(Some(k));
                        vals.push(v.as_ref());
                    }
                }
            }
            stream(2, int_rle(&lengths, false));
            write_column(key, &keys, next, streams, stats);
            write_column(value, &vals, next, streams, stats);
        }
        HiveType::Struct(fields) => {
            for (i, (_, ft)) in fields.iter().enumerate() {
                let column: Vec<Option<&Cell>> = present
                    .iter()
                    .map(|c| match c {
                        Cell::Struct(v) => v.get(i).and_then(Option::as_ref),
                        _ => None,
                    })
                    .collect();
                write_column(ft, &column, next, streams, stats);
            }
        }
    }
}

fn integer(c: &Cell) -> i64 {
    match c {
        Cell::Integer(n) | Cell::Timestamp(n) => *n,
        Cell::Date(d) => i64::from(*d),
        _ => 0,
    }
}

/// `data` in compressed chunks, each with its 3-byte header (length × 2, plus 1 when kept
/// as it was).
fn compress(data: &[u8], codec: OrcCompression) -> Vec<u8> {
    if codec == OrcCompression::None {
        return data.to_vec();
    }
    let mut out = Vec::new();
    for chunk in data.chunks(COMPRESSION_BLOCK) {
        let packed = match codec {
            OrcCompression::Zlib => {
                let mut e =
                    flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
                e.write_all(chunk).expect("writing to memory");
                e.finish().expect("writing to memory")
            }
            OrcCompression::Snappy => snap::raw::Encoder::new()
                .compress_vec(chunk)
                .expect("a chunk within Snappy's limits"),
            OrcCompression::None => unreachable!(),
        };
        let (body, header) = if packed.len() < chunk.len() {
            (packed.as_slice(), packed.len() << 1)
        } else {
            (chunk, (chunk.len() << 1) | 1)
        };
        out.extend_from_slice(&(header as u32).to_le_bytes()[..3]);
        out.extend_from_slice(body);
    }
    out
}

/// The ORC file of `rows` (one cell per column of `table`), with `serde`'s settings.
pub fn write_orc(table: &[Column], rows: &[Row], serde: &OrcSerDe) -> Vec<u8> {
    let codec = serde.compression();
    let root = HiveType::Struct(
        table
            .iter()
            .map(|c| (c.name.clone(), c.hive_type.clone()))
            .collect(),
    );
    let mut types = Vec::new();
    add_type(&root, &mut types);
    let mut stats = vec![Stats::default(); types.len()];
    let mut file = b"ORC".to_vec();
    let mut stripes = Vec::new();
    let limit = usize::try_from(serde.stripe_size()).unwrap_or(usize::MAX);
    for stripe in super::parquet_write::groups(rows, limit) {
        let offset = file.len() as u64;
        let cells: Vec<Cell> = stripe.iter().map(|r| Cell::Struct(r.clone())).collect();
        let values: Vec<Option<&Cell>> = cells.iter().map(Some).collect();
        let mut streams = Vec::new();
        write_column(&root, &values, &mut 0, &mut streams, &mut stats);
        let mut footer = Proto::default();
        let mut data_length = 0u64;
        for s in &streams {
            let packed = compress(&s.data, codec);
            data_length += packed.len() as u64;
            file.extend_from_slice(&packed);
            let mut p = Proto::default();
            p.uint(1, s.kind)
                .uint(2, s.column.into())
                .uint(3, packed.len() as u64);
            footer.message(1, &p);
        }
        for _ in 0..types.len() {
            let mut direct = Proto::default();
            direct.uint(1, 0);
            footer.message(2, &direct);
        }
        footer.bytes(3, b"UTC");
        let footer = compress(&footer.0, codec);
        file.extend_from_slice(&footer);
        let mut info = Proto::default();
        info.uint(1, offset)
            .uint(2, 0)
            .uint(3, data_length)
            .uint(4, footer.len() as u64)
            .uint(5, stripe.len() as u64);
        stripes.push(info);
    }
    // The root struct has a value for every row.
    stats[0] = Stats {
        values: rows.len() as u64,
        has_null: false,
    };
    let mut footer = Proto::default();
    footer.uint(1, 3).uint(2, file.len() as u64 - 3);
    for s in &stripes {
        footer.message(3, s);
    }
    for t in &types {
        footer.message(4, t);
    }
    footer.uint(6, rows.len() as u64);
    for s in &stats {
        let mut p = Proto::default();
        p.uint(1, s.values).uint(10, u64::from(s.has_null));
        footer.message(7, &p);
    }
    footer.uint(8, 0);
    let footer = compress(&footer.0, codec);
    file.extend_from_slice(&footer);
    let version: &[u32] = match serde.format_version() {
        OrcFormatVersion::V0_11 => &[0, 11],
        OrcFormatVersion::V0_12 => &[0, 12],
    };
    let mut ps = Proto::default();
    ps.uint(1, footer.len() as u64)
        .uint(
            2,
            match codec {
                OrcCompression::None => 0,
                OrcCompression::Zlib => 1,
                OrcCompression::Snappy => 2,
            },
        )
        .uint(3, COMPRESSION_BLOCK as u64)
        .packed(4, version)
        .uint(5, 0)
        .uint(6, 1)
        .bytes(8000, b"ORC");
    file.extend_from_slice(&ps.0);
    file.push(ps.0.len() as u8);
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_length_encodings_match_the_specification_examples() {
        // ORC's specification: 100 × 0 is [0x61, 0x00]; [0x44, 0x45] is [0xfe, 0x44, 0x45].
        assert_eq!(byte_rle(&[0; 100]), vec![0x61, 0x00]);
        assert_eq!(byte_rle(&[0x44, 0x45]), vec![0xfe, 0x44, 0x45]);
        // 100 × 7 (unsigned) is [0x61, 0x00, 0x07]; [2, 3, 6, 7, 11] is literals.
        assert_eq!(int_rle(&[7; 100], false), vec![0x61, 0x00, 0x07]);
        assert_eq!(
            int_rle(&[2, 3, 6, 7, 11], false),
            vec![0xfb, 0x02, 0x03, 0x06, 0x07, 0x0b]
        );
        assert_eq!(int_rle(&[-1, 1], true), vec![0xfe, 0x01, 0x02]);
        assert_eq!(bool_rle(&[true, false, true]), vec![0xff, 0b1010_0000]);
    }

    #[test]
    fn nanoseconds_keep_their_trailing_zeros_in_three_bits() {
        assert_eq!(nanos_code(0), 0);
        assert_eq!(nanos_code(1), 8);
        assert_eq!(nanos_code(1000), (1 << 3) | 2);
        assert_eq!(nanos_code(500_000_000), (5 << 3) | 7);
        assert_eq!(orc_timestamp(ORC_EPOCH_SECONDS * 1_000_000 + 1), (0, 1000));
        assert_eq!(
            orc_timestamp(-1_500_000),
            (-1 - ORC_EPOCH_SECONDS, 500_000_000)
        );
    }

    #[test]
    fn a_chunk_that_does_not_shrink_is_kept_as_it_was() {
        let packed = compress(b"ab", OrcCompression::Zlib);
        assert_eq!(packed, vec![5, 0, 0, b'a', b'b']);
        let zeros = compress(&[0; 1000], OrcCompression::Snappy);
        assert_eq!(zeros[0] & 1, 0);
        assert!(zeros.len() < 100);
    }
}
