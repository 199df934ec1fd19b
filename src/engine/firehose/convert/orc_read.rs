//! Reading an ORC file back for the S3 browser: the postscript, the footer (schema, stripes,
//! rows) and, for columns in the DIRECT encodings this sandbox writes, the first rows.
//! Files from other writers (run-length encoding version 2, dictionaries, LZO/LZ4/ZSTD)
//! show their schema and stripes, and say why their rows are not shown.

use super::orc_write::ORC_EPOCH_SECONDS;
use super::preview::{Preview, PREVIEW_ROWS};
use std::io::Read;

/// A Protocol Buffers field: its number and its value.
enum Wire<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
}

fn read_varint(data: &[u8], pos: &mut usize) -> Result<u64, String> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *data.get(*pos).ok_or("a number runs past the end")?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err("a number is too long".into())
}

/// The fields of a message, in order.
fn fields(data: &[u8]) -> Result<Vec<(u64, Wire<'_>)>, String> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < data.len() {
        let key = read_varint(data, &mut pos)?;
        let value = match key & 7 {
            0 => Wire::Varint(read_varint(data, &mut pos)?),
            2 => {
                let len = read_varint(data, &mut pos)? as usize;
                let end = pos.checked_add(len).filter(|&e| e <= data.len());
                let end = end.ok_or("a field runs past the end")?;
                let bytes = &data[pos..end];
                pos = end;
                Wire::Bytes(bytes)
            }
            1 => {
                pos += 8;
                continue;
            }
            5 => {
                pos += 4;
                continue;
            }
            other => return Err(format!("unknown wire type {other}")),
        };
        out.push((key >> 3, value));
    }
    Ok(out)
}

fn uint(fields: &[(u64, Wire)], field: u64) -> Option<u64> {
    fields.iter().find_map(|(f, w)| match w {
        Wire::Varint(v) if *f == field => Some(*v),
        _ => None,
    })
}

/// A repeated integer field, packed or not.
fn uints(fields: &[(u64, Wire)], field: u64) -> Result<Vec<u64>, String> {
    let mut out = Vec::new();
    for (f, w) in fields {
        if *f != field {
            continue;
        }
        match w {
            Wire::Varint(v) => out.push(*v),
            Wire::Bytes(b) => {
                let mut pos = 0;
                while pos < b.len() {
                    out.push(read_varint(b, &mut pos)?);
                }
            }
        }
    }
    Ok(out)
}

fn messages<'a>(fields: &[(u64, Wire<'a>)], field: u64) -> Vec<&'a [u8]> {
    fields
        .iter()
        .filter_map(|(f, w)| match w {
            Wire::Bytes(b) if *f == field => Some(*b),
            _ => None,
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Codec {
    None,
    Zlib,
    Snappy,
    Other(u64),
}

impl Codec {
    fn name(self) -> String {
        match self {
            Codec::None => "NONE".into(),
            Codec::Zlib => "ZLIB".into(),
            Codec::Snappy => "SNAPPY".into(),
            Codec::Other(3) => "LZO".into(),
            Codec::Other(4) => "LZ4".into(),
            Codec::Other(5) => "ZSTD".into(),
            Codec::Other(n) => format!("compression {n}"),
        }
    }
}

fn decompress(data: &[u8], codec: Codec) -> Result<Vec<u8>, String> {
    if codec == Codec::None {
        return Ok(data.to_vec());
    }
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < data.len() {
        let h = data
            .get(pos..pos + 3)
            .ok_or("a chunk header is cut short")?;
        let header = u32::from(h[0]) | u32::from(h[1]) << 8 | u32::from(h[2]) << 16;
        pos += 3;
        let len = (header >> 1) as usize;
        let chunk = data
            .get(pos..pos + len)
            .ok_or("a chunk runs past the end")?;
        pos += len;
        if header & 1 == 1 {
            out.extend_from_slice(chunk);
            continue;
        }
        match codec {
            Codec::Zlib => {
                flate2::read::DeflateDecoder::new(chunk)
                    .take(64 << 20)
                    .read_to_end(&mut out)
                    .map_err(|e| format!("not valid ZLIB: {e}"))?;
            }
            Codec::Snappy => {
                let plain = snap::raw::Decoder::new()
                    .decompress_vec(chunk)
                    .map_err(|e| format!("not valid Snappy: {e}"))?;
                out.extend_from_slice(&plain);
            }
            other => return Err(format!("{} is not read here", other.name())),
        }
    }
    Ok(out)
}

/// A type from the footer.
struct Type {
    kind: u64,
    subtypes: Vec<usize>,
    names: Vec<String>,
    max_length: u64,
    precision: u64,
    scale: u64,
}

fn type_name(types: &[Type], id: usize, depth: usize) -> String {
    let Some(t) = types.get(id).filter(|_| depth < 64) else {
        return "?".into();
    };
    let child = |i: usize| {
        t.subtypes
            .get(i)
            .map_or("?".to_string(), |&c| type_name(types, c, depth + 1))
    };
    match t.kind {
        0 => "boolean".into(),
        1 => "tinyint".into(),
        2 => "smallint".into(),
        3 => "int".into(),
        4 => "bigint".into(),
        5 => "float".into(),
        6 => "double".into(),
        7 => "string".into(),
        8 => "binary".into(),
        9 | 18 => "timestamp".into(),
        10 => format!("array<{}>", child(0)),
        11 => format!("map<{},{}>", child(0), child(1)),
        12 => {
            let parts: Vec<String> = t
                .names
                .iter()
                .enumerate()
                .map(|(i, n)| format!("{n}:{}", child(i)))
                .collect();
            format!("struct<{}>", parts.join(","))
        }
        13 => {
            let parts: Vec<String> = (0..t.subtypes.len()).map(child).collect();
            format!("uniontype<{}>", parts.join(","))
        }
        14 => format!("decimal({},{})", t.precision, t.scale),
        15 => "date".into(),
        16 => format!("varchar({})", t.max_length),
        17 => format!("char({})", t.max_length),
        other => format!("type {other}"),
    }
}

/// The preview of an ORC file: its first [`PREVIEW_ROWS`] rows.
pub fn preview(bytes: &[u8]) -> Result<Preview, String> {
    read(bytes, PREVIEW_ROWS)
}

/// An ORC file's schema, stripes and its first `limit` rows (`usize::MAX`: every row).
pub fn read(bytes: &[u8], limit: usize) -> Result<Preview, String> {
    let ps_len = *bytes.last().ok_or("empty")? as usize;
    let ps_start = bytes
        .len()
        .checked_sub(1 + ps_len)
        .filter(|&s| s >= 3)
        .ok_or("the postscript runs past the start")?;
    let ps = fields(&bytes[ps_start..bytes.len() - 1])?;
    if messages(&ps, 8000).first() != Some(&&b"ORC"[..]) {
        return Err("the postscript has no ORC magic".into());
    }
    let codec = match uint(&ps, 2).unwrap_or(0) {
        0 => Codec::None,
        1 => Codec::Zlib,
        2 => Codec::Snappy,
        n => Codec::Other(n),
    };
    let footer_len = uint(&ps, 1).ok_or("no footer length")? as usize;
    let footer_start = ps_start
        .checked_sub(footer_len)
        .ok_or("the footer runs past the start")?;
    let footer_bytes = decompress(&bytes[footer_start..ps_start], codec)?;
    let footer = fields(&footer_bytes)?;
    let mut types = Vec::new();
    for t in messages(&footer, 4) {
        let f = fields(t)?;
        types.push(Type {
            kind: uint(&f, 1).unwrap_or(0),
            subtypes: uints(&f, 2)?.into_iter().map(|s| s as usize).collect(),
            names: messages(&f, 3)
                .iter()
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .collect(),
            max_length: uint(&f, 4).unwrap_or(0),
            precision: uint(&f, 5).unwrap_or(0),
            scale: uint(&f, 6).unwrap_or(0),
        });
    }
    let root = types.first().ok_or("no schema")?;
    let columns: Vec<(String, String)> = root
        .names
        .iter()
        .zip(&root.subtypes)
        .map(|(n, &id)| (n.clone(), type_name(&types, id, 0)))
        .collect();
    let mut stripes = Vec::new();
    for s in messages(&footer, 3) {
        let f = fields(s)?;
        stripes.push([1, 2, 3, 4, 5].map(|i| uint(&f, i).unwrap_or(0)));
    }
    let version = uints(&ps, 4)?;
    let mut rows = Vec::new();
    let mut note = None;
    for &[offset, index, data, footer_length, count] in &stripes {
        if rows.len() >= limit {
            break;
        }
        match stripe_rows(
            bytes,
            codec,
            &types,
            [offset, index, data, footer_length],
            count,
            limit - rows.len(),
        ) {
            Ok(mut r) => rows.append(&mut r),
            Err(why) => {
                note = Some(format!("Rows are not shown: {why}."));
                rows.clear();
                break;
            }
        }
    }
    rows.truncate(limit);
    Ok(Preview {
        format: "ORC",
        columns,
        group_noun: "stripes",
        groups: stripes.iter().map(|s| s[4]).collect(),
        compression: codec.name(),
        total_rows: uint(&footer, 6).unwrap_or(0),
        created_by: (version.len() == 2).then(|| format!("ORC {}.{}", version[0], version[1])),
        rows,
        note,
    })
}

/// A decoded value, before it is shown.
enum Val {
    Str(String),
    Plain(String),
    List(Vec<Option<Val>>),
    Map(Vec<(Option<Val>, Option<Val>)>),
    Struct(Vec<(String, Option<Val>)>),
}

fn show(v: &Option<Val>, top: bool) -> String {
    match v {
        None => "null".into(),
        Some(Val::Str(s)) if top => s.clone(),
        Some(Val::Str(s)) => format!("{s:?}"),
        Some(Val::Plain(s)) => s.clone(),
        Some(Val::List(items)) => {
            let parts: Vec<String> = items.iter().map(|i| show(i, false)).collect();
            format!("[{}]", parts.join(", "))
        }
        Some(Val::Map(entries)) => {
            let parts: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{} -> {}", show(k, false), show(v, false)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Some(Val::Struct(fields)) => {
            let parts: Vec<String> = fields
                .iter()
                .map(|(n, v)| format!("{n}: {}", show(v, false)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// One stripe's streams by column and kind.
struct Streams {
    list: Vec<(u64, u64, Vec<u8>)>,
    direct: Vec<bool>,
}

impl Streams {
    fn get(&self, column: usize, kind: u64) -> Option<&[u8]> {
        self.list
            .iter()
            .find(|(k, c, _)| *k == kind && *c == column as u64)
            .map(|(_, _, d)| d.as_slice())
    }
}

fn stripe_rows(
    bytes: &[u8],
    codec: Codec,
    types: &[Type],
    [offset, index, data, footer_length]: [u64; 4],
    count: u64,
    limit: usize,
) -> Result<Vec<Vec<String>>, String> {
    let at = |from: u64, len: u64| {
        let from = usize::try_from(from).ok()?;
        bytes.get(from..from.checked_add(usize::try_from(len).ok()?)?)
    };
    let footer_at = offset.saturating_add(index).saturating_add(data);
    let footer = decompress(
        at(footer_at, footer_length).ok_or("a stripe runs past the end")?,
        codec,
    )?;
    let footer = fields(&footer)?;
    let mut pos = offset;
    let mut list = Vec::new();
    for s in messages(&footer, 1) {
        let f = fields(s)?;
        let (kind, column, len) = (
            uint(&f, 1).unwrap_or(0),
            uint(&f, 2).unwrap_or(0),
            uint(&f, 3).unwrap_or(0),
        );
        let raw = at(pos, len).ok_or("a stream runs past the end")?;
        pos = pos.saturating_add(len);
        if matches!(kind, 0 | 1 | 2 | 5) {
            list.push((kind, column, decompress(raw, codec)?));
        }
    }
    let mut direct = Vec::new();
    for e in messages(&footer, 2) {
        direct.push(uint(&fields(e)?, 1).unwrap_or(0) == 0);
    }
    let streams = Streams { list, direct };
    let root = types.first().ok_or("no schema")?;
    let n = usize::try_from(count).map_err(|_| "too many rows")?;
    let n = n.min(limit);
    let mut columns = Vec::new();
    for &id in &root.subtypes {
        columns.push(column(&streams, types, id, n, 0)?);
    }
    Ok((0..n)
        .map(|r| columns.iter().map(|c| show(&c[r], true)).collect())
        .collect())
}

/// Reads the values of column `id` for `slots` parent values (which may be fewer than the
/// stripe's rows: only the first rows are decoded).
fn column(
    s: &Streams,
    types: &[Type],
    id: usize,
    slots: usize,
    depth: usize,
) -> Result<Vec<Option<Val>>, String> {
    let t = types.get(id).ok_or("a column the schema does not have")?;
    if depth > 32 {
        return Err("the schema nests too deeply".into());
    }
    if !s.direct.get(id).copied().unwrap_or(true) {
        return Err(format!(
            "column {id} uses an encoding other than DIRECT (version 1)"
        ));
    }
    let present = match s.get(id, 0) {
        Some(p) => bools(p, slots)?,
        None => vec![true; slots],
    };
    let n = present.iter().filter(|&&p| p).count();
    let data = || s.get(id, 1).ok_or(format!("column {id} has no data"));
    let values: Vec<Val> = match t.kind {
        0 => bools(data()?, n)?
            .into_iter()
            .map(|b| Val::Plain(b.to_string()))
            .collect(),
        1 => byte_rle(data()?, n)?
            .into_iter()
            .map(|b| Val::Plain((b as i8).to_string()))
            .collect(),
        2..=4 => ints(data()?, n, true)?
            .into_iter()
            .map(|v| Val::Plain(v.to_string()))
            .collect(),
        15 => ints(data()?, n, true)?
            .into_iter()
            .map(|d| Val::Plain(date_text(d)))
            .collect(),
        5 => floats::<4>(data()?, n)?
            .into_iter()
            .map(|b| Val::Plain(f32::from_le_bytes(b).to_string()))
            .collect(),
        6 => floats::<8>(data()?, n)?
            .into_iter()
            .map(|b| Val::Plain(f64::from_le_bytes(b).to_string()))
            .collect(),
        7 | 8 | 16 | 17 => {
            let lengths = ints(s.get(id, 2).ok_or("no lengths")?, n, false)?;
            let data = data()?;
            let mut pos = 0usize;
            let mut out = Vec::new();
            for len in lengths {
                let len = usize::try_from(len).map_err(|_| "a negative length")?;
                let end = pos.checked_add(len).filter(|&e| e <= data.len());
                let end = end.ok_or("a value runs past its stream")?;
                out.push(Val::Str(
                    String::from_utf8_lossy(&data[pos..end]).into_owned(),
                ));
                pos = end;
            }
            out
        }
        9 => {
            let seconds = ints(data()?, n, true)?;
            let nanos = ints(s.get(id, 5).ok_or("no nanoseconds")?, n, false)?;
            seconds
                .into_iter()
                .zip(nanos)
                .map(|(sec, code)| Val::Plain(timestamp_text(sec, code)))
                .collect()
        }
        14 => {
            let data = data()?;
            let scales = ints(s.get(id, 5).ok_or("no scales")?, n, true)?;
            let mut pos = 0;
            let mut out = Vec::new();
            for scale in scales {
                let mut z = 0u128;
                for shift in (0..128).step_by(7) {
                    let b = *data.get(pos).ok_or("a decimal runs past its stream")?;
                    pos += 1;
                    z |= u128::from(b & 0x7f) << shift;
                    if b & 0x80 == 0 {
                        break;
                    }
                }
                let v = (z >> 1) as i128 ^ -((z & 1) as i128);
                out.push(Val::Plain(decimal_text(v, scale)));
            }
            out
        }
        10 | 11 => {
            let lengths = ints(s.get(id, 2).ok_or("no lengths")?, n, false)?;
            let total = lengths.iter().try_fold(0usize, |a, &l| {
                usize::try_from(l).ok().and_then(|l| a.checked_add(l))
            });
            let total = total.filter(|&t| t <= 1 << 20).ok_or("lengths too large")?;
            let child = |i: usize| -> Result<Vec<Option<Val>>, String> {
                let c = *t.subtypes.get(i).ok_or("a list or map without its type")?;
                column(s, types, c, total, depth + 1)
            };
            let mut out = Vec::new();
            if t.kind == 10 {
                let mut items = child(0)?.into_iter();
                for len in lengths {
                    out.push(Val::List(items.by_ref().take(len as usize).collect()));
                }
            } else {
                let mut keys = child(0)?.into_iter();
                let mut values = child(1)?.into_iter();
                for len in lengths {
                    let entries = keys.by_ref().zip(values.by_ref()).take(len as usize);
                    out.push(Val::Map(entries.collect()));
                }
            }
            out
        }
        12 => {
            let mut children = Vec::new();
            for &c in &t.subtypes {
                children.push(column(s, types, c, n, depth + 1)?.into_iter());
            }
            (0..n)
                .map(|_| {
                    Val::Struct(
                        t.names
                            .iter()
                            .zip(children.iter_mut())
                            .map(|(name, c)| (name.clone(), c.next().flatten()))
                            .collect(),
                    )
                })
                .collect()
        }
        other => return Err(format!("type {other} is not read here")),
    };
    if values.len() < n {
        return Err(format!("column {id} has fewer values than rows"));
    }
    let mut values = values.into_iter();
    Ok(present
        .into_iter()
        .map(|p| if p { values.next() } else { None })
        .collect())
}

fn byte_rle(data: &[u8], n: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(n.min(4096));
    let mut pos = 0;
    while out.len() < n {
        let control = *data.get(pos).ok_or("a byte run is cut short")? as i8;
        pos += 1;
        if control >= 0 {
            let b = *data.get(pos).ok_or("a byte run is cut short")?;
            pos += 1;
            out.extend(std::iter::repeat_n(b, control as usize + 3));
        } else {
            let len = usize::from(control.unsigned_abs());
            let lit = data.get(pos..pos + len).ok_or("literal bytes cut short")?;
            out.extend_from_slice(lit);
            pos += len;
        }
    }
    out.truncate(n);
    Ok(out)
}

fn bools(data: &[u8], n: usize) -> Result<Vec<bool>, String> {
    let bytes = byte_rle(data, n.div_ceil(8))?;
    Ok((0..n)
        .map(|i| bytes[i / 8] & (0x80 >> (i % 8)) != 0)
        .collect())
}

fn ints(data: &[u8], n: usize, signed: bool) -> Result<Vec<i64>, String> {
    let decode = |v: u64| {
        if signed {
            (v >> 1) as i64 ^ -((v & 1) as i64)
        } else {
            v as i64
        }
    };
    let mut out = Vec::with_capacity(n.min(4096));
    let mut pos = 0;
    while out.len() < n {
        let control = *data.get(pos).ok_or("an integer run is cut short")? as i8;
        pos += 1;
        if control >= 0 {
            let delta = *data.get(pos).ok_or("an integer run is cut short")? as i8;
            pos += 1;
            let base = decode(read_varint(data, &mut pos)?);
            for i in 0..control as i64 + 3 {
                out.push(base.wrapping_add(i * i64::from(delta)));
            }
        } else {
            for _ in 0..control.unsigned_abs() {
                out.push(decode(read_varint(data, &mut pos)?));
            }
        }
    }
    out.truncate(n);
    Ok(out)
}

fn floats<const N: usize>(data: &[u8], n: usize) -> Result<Vec<[u8; N]>, String> {
    let need = n.checked_mul(N).filter(|&need| need <= data.len());
    need.ok_or("floating-point values cut short")?;
    Ok(data
        .chunks_exact(N)
        .take(n)
        .map(|c| c.try_into().expect("N bytes"))
        .collect())
}

fn date_text(days: i64) -> String {
    chrono::DateTime::from_timestamp(days.saturating_mul(86_400), 0)
        .map_or_else(|| days.to_string(), |t| t.format("%Y-%m-%d").to_string())
}

fn timestamp_text(seconds: i64, code: i64) -> String {
    let zeros = code & 7;
    let mut nanos = code >> 3;
    if zeros != 0 {
        nanos = nanos.saturating_mul(10i64.pow(zeros as u32 + 1));
    }
    let mut unix = seconds.saturating_add(ORC_EPOCH_SECONDS);
    if unix < 0 && nanos > 999_999 {
        unix -= 1;
    }
    let nanos = u32::try_from(nanos).unwrap_or(0).min(999_999_999);
    chrono::DateTime::from_timestamp(unix, nanos).map_or_else(
        || format!("{unix}s"),
        |t| t.format("%Y-%m-%d %H:%M:%S%.3f").to_string(),
    )
}

fn decimal_text(v: i128, scale: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let scale = usize::try_from(scale).unwrap_or(0);
    let sign = if v < 0 { "-" } else { "" };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (whole, frac) = padded.split_at(padded.len() - scale);
    format!("{sign}{whole}.{frac}")
}
