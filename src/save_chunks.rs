//! The sandbox's save for a store of many values (the page's IndexedDB), kept up to date by
//! small writes. What grows without bound is saved apart from the document, in values of its
//! own (see [`state::apart`] for the stubs the document holds instead):
//!
//! - each shard's records, in chunks under `records/<stream>/<created ms>/<shard>/<first
//!   counter>`: at most [`RECORDS_PER_CHUNK`] records and [`CHUNK_BYTES`] of keys and data
//!   each. Records never change once written, so a full chunk is written once; only a shard's
//!   last chunk grows, and is rewritten as it does. A chunk goes once retention has trimmed
//!   all its records.
//! - each S3 object body, under `s3/<bucket>/<serial>` (a new serial for every put): written
//!   once, removed with its object.
//!
//! The rest — the document without them, in sections (`sandbox/<name>`, [`save_parts`]) and
//! a head (`head`) — is written section by section when a section's text changed.
//!
//! [`plan`] says what one save puts and removes, given what the store holds ([`Written`]);
//! [`Loading`] reads it back: the head and sections first, then the values their stubs name.
//! Neither ever holds the whole sandbox as one text.
//!
//! Chunk values are `KSR1` and the gzip of: first counter (u64), record count (u32), then per
//! record its arrival (i64 ms), flags (u8, bit 0: encrypted), key length (u16), data length
//! (u32), key, data; all little-endian. Body values are `KSB0` and the bytes, or `KSB1` and
//! their gzip.

use crate::engine::state::{self, apart, LoadError};
use crate::engine::streams::shard::RecordLog;
use crate::engine::Sandbox;
use crate::save_parts;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Records a chunk holds at most.
pub const RECORDS_PER_CHUNK: u64 = 4096;
/// Bytes of keys and data a chunk holds at most (a larger record gets a chunk of its own).
pub const CHUNK_BYTES: u64 = 1 << 20;
/// Section texts longer than this are stored gzipped.
pub const GZIP_ABOVE: usize = 64 * 1024;
/// The key of the save's head.
pub const HEAD: &str = "head";

const RECORDS_MAGIC: &[u8; 4] = b"KSR1";
const BODY_PLAIN: &[u8; 4] = b"KSB0";
const BODY_GZIP: &[u8; 4] = b"KSB1";

/// The key of a section's text.
pub fn section_key(name: &str) -> String {
    format!("sandbox/{name}")
}

fn chunk_key(log: &str, start: u64) -> String {
    format!("{log}/{start}")
}

/// A value in the store: a text, or bytes (a gzipped section, a chunk, a body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    Text(String),
    Bytes(Vec<u8>),
}

impl Stored {
    /// Bytes it takes.
    pub fn len(&self) -> usize {
        match self {
            Stored::Text(t) => t.len(),
            Stored::Bytes(b) => b.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One chunk the store holds: records `start..end`; `trusted` unless it may differ from the
/// sandbox's records (after the sandbox was replaced), so that the next save rewrites it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Chunk {
    start: u64,
    end: u64,
    trusted: bool,
}

/// What the store holds, as far as the saves of this page know.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Each section's digest.
    sections: BTreeMap<String, u64>,
    /// Each record log's chunks, ascending, by key prefix.
    logs: BTreeMap<String, Vec<Chunk>>,
    /// Each body's key, and whether it is trusted.
    bodies: BTreeMap<String, bool>,
    /// Keys found in the store that no save describes: the next save removes them.
    strays: BTreeSet<String>,
}

impl Written {
    /// Nothing is known to be in the store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The sandbox was replaced (Undo, an import, a reset): what the store holds under a
    /// chunk's or body's key may no longer be what the sandbox has there, so the next save
    /// rewrites every one it still needs (and removes the rest, as ever).
    pub fn distrust(&mut self) {
        for chunk in self.logs.values_mut().flatten() {
            chunk.trusted = false;
        }
        for trusted in self.bodies.values_mut() {
            *trusted = false;
        }
    }

    /// Every key this describes.
    fn keys(&self) -> BTreeSet<String> {
        let mut keys: BTreeSet<String> = self.sections.keys().map(|n| section_key(n)).collect();
        for (log, chunks) in &self.logs {
            keys.extend(chunks.iter().map(|c| chunk_key(log, c.start)));
        }
        keys.extend(self.bodies.keys().cloned());
        keys.extend(self.strays.iter().cloned());
        keys
    }

    /// Takes note of the keys the store holds (all of them): the save's values this does not
    /// describe are left from an earlier save, and the next save removes them.
    pub fn adopt_strays(&mut self, in_store: impl IntoIterator<Item = String>) {
        let known = self.keys();
        self.strays.extend(in_store.into_iter().filter(|k| {
            !known.contains(k)
                && (k.starts_with("sandbox/") || k.starts_with("records/") || k.starts_with("s3/"))
        }));
    }

    /// How many chunks and bodies the store holds.
    pub fn values(&self) -> (usize, usize) {
        (self.logs.values().map(Vec::len).sum(), self.bodies.len())
    }
}

/// One save: the values to put and the keys to remove, in one transaction, and what the store
/// holds once it is written.
#[derive(Debug)]
pub struct Plan {
    pub puts: Vec<(String, Stored)>,
    pub deletes: Vec<String>,
    pub written: Written,
}

impl Plan {
    /// Bytes handed to the store.
    pub fn bytes(&self) -> usize {
        self.puts.iter().map(|(_, v)| v.len()).sum()
    }
}

/// Where a log's chunks go, given those the store holds: the ones still needed are kept
/// (trusted ones need no write), the last grows while it has room, then new ones follow.
fn layout(old: &[Chunk], first: u64, next: u64, size_of: impl Fn(u64) -> u64) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut at = first;
    for c in old.iter().filter(|c| c.end > first) {
        let fits = match out.last() {
            None => c.start <= first,
            Some(_) => c.start == at,
        };
        if !fits || c.start >= next {
            break;
        }
        let mut c = c.clone();
        if c.end > next {
            // The log went back (the sandbox was replaced): this chunk is rewritten shorter.
            c.end = next;
            c.trusted = false;
        }
        at = c.end;
        out.push(c);
    }
    let mut tail_bytes = match out.last() {
        Some(c) => (c.start.max(first)..c.end).map(&size_of).sum(),
        None => 0,
    };
    while at < next {
        let room = out.last().is_some_and(|c| {
            c.end == at
                && c.end - c.start < RECORDS_PER_CHUNK
                && tail_bytes + size_of(at) <= CHUNK_BYTES
        });
        if !room {
            out.push(Chunk {
                start: at,
                end: at,
                trusted: false,
            });
            tail_bytes = 0;
        }
        let tail = out.last_mut().expect("a tail chunk");
        // At least one record: a record larger than a chunk gets one of its own.
        while at < next && tail.end - tail.start < RECORDS_PER_CHUNK {
            let size = size_of(at);
            if tail.end > tail.start && tail_bytes + size > CHUNK_BYTES {
                break;
            }
            tail_bytes += size;
            tail.end += 1;
            at += 1;
        }
        tail.trusted = false;
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes)
        .and_then(|_| gz.finish())
        .expect("gzip into memory does not fail")
}

fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// The value of a chunk: the records `from..end` of `log`.
fn encode_chunk(log: &RecordLog, from: u64, end: u64) -> Stored {
    let mut raw = Vec::new();
    raw.extend_from_slice(&from.to_le_bytes());
    raw.extend_from_slice(&((end - from) as u32).to_le_bytes());
    log.scan(from, |r| {
        if r.counter >= end {
            return false;
        }
        raw.extend_from_slice(&r.arrival_ms.to_le_bytes());
        raw.push(u8::from(r.encrypted));
        raw.extend_from_slice(&(r.partition_key.len() as u16).to_le_bytes());
        raw.extend_from_slice(&(r.data.len() as u32).to_le_bytes());
        raw.extend_from_slice(r.partition_key);
        raw.extend_from_slice(r.data);
        true
    });
    let mut out = RECORDS_MAGIC.to_vec();
    out.extend_from_slice(&gzip(&raw));
    Stored::Bytes(out)
}

/// Reads a chunk's records, handing each with its counter to `f`.
fn decode_chunk(
    value: &Stored,
    mut f: impl FnMut(u64, i64, &str, &[u8], bool) -> Result<(), String>,
) -> Result<(), String> {
    let bad = || "a chunk of records is damaged".to_string();
    let Stored::Bytes(bytes) = value else {
        return Err(bad());
    };
    let body = bytes.strip_prefix(RECORDS_MAGIC).ok_or_else(bad)?;
    let raw = gunzip(body).ok_or_else(bad)?;
    let mut at = 0usize;
    let mut take = |n: usize| -> Result<&[u8], String> {
        let s = raw.get(at..at + n).ok_or_else(bad)?;
        at += n;
        Ok(s)
    };
    let first = u64::from_le_bytes(take(8)?.try_into().expect("8 bytes"));
    let count = u32::from_le_bytes(take(4)?.try_into().expect("4 bytes"));
    for i in 0..u64::from(count) {
        let arrival = i64::from_le_bytes(take(8)?.try_into().expect("8 bytes"));
        let flags = take(1)?[0];
        let key_len = u16::from_le_bytes(take(2)?.try_into().expect("2 bytes"));
        let data_len = u32::from_le_bytes(take(4)?.try_into().expect("4 bytes"));
        let key = std::str::from_utf8(take(usize::from(key_len))?).map_err(|_| bad())?;
        let data = take(data_len as usize)?;
        f(first + i, arrival, key, data, flags & 1 != 0)?;
    }
    Ok(())
}

fn encode_body(body: &[u8]) -> Stored {
    let already_gzip = body.starts_with(&[0x1f, 0x8b]);
    if body.len() > 1024 && !already_gzip {
        let packed = gzip(body);
        if packed.len() < body.len() {
            let mut out = BODY_GZIP.to_vec();
            out.extend_from_slice(&packed);
            return Stored::Bytes(out);
        }
    }
    let mut out = BODY_PLAIN.to_vec();
    out.extend_from_slice(body);
    Stored::Bytes(out)
}

fn decode_body(value: &Stored) -> Option<Vec<u8>> {
    let Stored::Bytes(bytes) = value else {
        return None;
    };
    if let Some(plain) = bytes.strip_prefix(BODY_PLAIN) {
        return Some(plain.to_vec());
    }
    gunzip(bytes.strip_prefix(BODY_GZIP)?)
}

/// The record logs a save keeps apart: each non-empty shard's, with its key prefix.
fn logs(sandbox: &Sandbox) -> Vec<(String, &RecordLog)> {
    let mut out = Vec::new();
    for name in sandbox.streams.names() {
        let Some(stream) = sandbox.streams.get(name) else {
            continue;
        };
        for shard in &stream.shards {
            if !shard.records.is_empty() {
                out.push((
                    format!("records/{name}/{}/{}", stream.created_ms, shard.index),
                    &shard.records,
                ));
            }
        }
    }
    out
}

/// Works out one save: the sections whose text changed, the head, the chunks that are new or
/// grew, the bodies that are new; and removes what the sandbox no longer has.
pub fn plan(sandbox: &Sandbox, settings: &Value, before: &Written) -> Plan {
    let mut puts = Vec::new();
    let mut written = Written::new();
    let mut stubs = apart::SaveApart::default();

    for (key, log) in logs(sandbox) {
        let old = before.logs.get(&key).map(Vec::as_slice).unwrap_or(&[]);
        let (first, next) = (log.first_counter(), log.next_counter());
        let chunks = layout(old, first, next, |c| log.size_of(c).unwrap_or(0));
        for c in chunks.iter().filter(|c| !c.trusted) {
            puts.push((
                chunk_key(&key, c.start),
                encode_chunk(log, c.start.max(first), c.end),
            ));
        }
        stubs.records.insert(
            log as *const RecordLog as usize,
            apart::RecordsApart {
                key: key.clone(),
                next,
                chunks: chunks.iter().map(|c| c.start).collect(),
            },
        );
        written.logs.insert(
            key,
            chunks
                .into_iter()
                .map(|c| Chunk { trusted: true, ..c })
                .collect(),
        );
    }

    let s3 = sandbox.s3();
    for bucket in s3.bucket_names() {
        let Some(b) = s3.bucket(bucket) else { continue };
        for object in b.objects.values() {
            let Some(body) = &object.body else { continue };
            let key = format!("s3/{bucket}/{}", object.serial());
            if before.bodies.get(&key) != Some(&true) {
                puts.push((key.clone(), encode_body(body)));
            }
            stubs
                .bodies
                .insert(&object.body as *const Option<Vec<u8>> as usize, key.clone());
            written.bodies.insert(key, true);
        }
    }

    let parts = apart::with_saving(stubs, || save_parts::split(sandbox, settings));
    for (name, text) in &parts.sections {
        let digest = save_parts::digest(text);
        if before.sections.get(name) != Some(&digest) {
            let value = if text.len() > GZIP_ABOVE {
                Stored::Bytes(gzip(text.as_bytes()))
            } else {
                Stored::Text(text.clone())
            };
            puts.push((section_key(name), value));
        }
        written.sections.insert(name.clone(), digest);
    }
    puts.push((HEAD.to_string(), Stored::Text(parts.head)));

    let now = written.keys();
    let put: BTreeSet<&str> = puts.iter().map(|(k, _)| k.as_str()).collect();
    let deletes = before
        .keys()
        .into_iter()
        .filter(|k| !now.contains(k) && !put.contains(k.as_str()))
        .collect();
    Plan {
        puts,
        deletes,
        written,
    }
}

/// A section's text from its stored value (gzipped when long).
pub fn section_text(value: Stored) -> Option<String> {
    match value {
        Stored::Text(text) => Some(text),
        Stored::Bytes(bytes) => String::from_utf8(gunzip(&bytes)?).ok(),
    }
}

/// A save being read: its document is parsed (and migrated), its parts kept apart are still
/// to be fetched ([`Loading::keys`]).
pub struct Loading {
    parsed: state::Parsed,
    records: Vec<apart::RecordsApart>,
    bodies: Vec<String>,
    sections: BTreeMap<String, u64>,
}

impl Loading {
    /// Reads the head and its sections (`section` gives a section's stored text by name).
    pub fn start(
        head: &str,
        mut section: impl FnMut(&str) -> Option<String>,
    ) -> Result<Self, LoadError> {
        let mut digests = Vec::new();
        let doc = save_parts::join(head, |name| {
            let text = section(name)?;
            digests.push((name.to_string(), save_parts::digest(&text)));
            Some(text)
        })?;
        Self::parse(&doc, digests)
    }

    /// Reads the document [`save_parts::join`] made of a head and its sections, given each
    /// section's digest.
    pub fn parse(
        doc: &str,
        digests: impl IntoIterator<Item = (String, u64)>,
    ) -> Result<Self, LoadError> {
        let parsed = state::parse(doc)?;
        let (records, bodies) = parsed.apart();
        Ok(Loading {
            parsed,
            records,
            bodies,
            sections: digests.into_iter().collect(),
        })
    }

    /// The keys of the values kept apart, to fetch before [`Loading::finish`].
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .records
            .iter()
            .flat_map(|r| r.chunks.iter().map(move |&s| chunk_key(&r.key, s)))
            .collect();
        keys.extend(self.bodies.iter().cloned());
        keys
    }

    /// The sandbox, its settings and what the store holds; `values` are the values under
    /// [`Loading::keys`], in order (`None` where nothing is stored).
    pub fn finish(
        self,
        values: Vec<Option<Stored>>,
    ) -> Result<(Sandbox, Value, Written), LoadError> {
        let keys = self.keys();
        let values: HashMap<String, Stored> = keys
            .into_iter()
            .zip(values)
            .filter_map(|(k, v)| Some((k, v?)))
            .collect();
        let mut written = Written {
            sections: self.sections,
            ..Written::default()
        };
        for r in &self.records {
            let chunks = r
                .chunks
                .iter()
                .enumerate()
                .map(|(i, &start)| Chunk {
                    start,
                    end: r.chunks.get(i + 1).copied().unwrap_or(r.next),
                    trusted: true,
                })
                .collect();
            written.logs.insert(r.key.clone(), chunks);
        }
        for key in &self.bodies {
            written.bodies.insert(key.clone(), true);
        }
        let (sandbox, settings) = self.parsed.finish(Some(Box::new(Fetched(values))))?;
        Ok((sandbox, settings, written))
    }
}

/// The values a save kept apart, as fetched, handed out while the document is deserialised.
struct Fetched(HashMap<String, Stored>);

impl apart::Source for Fetched {
    fn records(
        &mut self,
        apart: &apart::RecordsApart,
        first: u64,
        push: &mut apart::Push<'_>,
    ) -> Result<(), String> {
        let mut at = first;
        for (i, &start) in apart.chunks.iter().enumerate() {
            let end = apart.chunks.get(i + 1).copied().unwrap_or(apart.next);
            if end <= at {
                continue;
            }
            let key = chunk_key(&apart.key, start);
            let value = self
                .0
                .remove(&key)
                .ok_or_else(|| format!("the saved records \"{key}\" are missing"))?;
            decode_chunk(&value, |counter, arrival, k, data, encrypted| {
                if counter < at || counter >= end {
                    return Ok(());
                }
                if counter != at {
                    return Err(format!("the saved records \"{key}\" have a gap"));
                }
                push(arrival, k, data, encrypted);
                at += 1;
                Ok(())
            })?;
            if at != end {
                return Err(format!("the saved records \"{key}\" are incomplete"));
            }
        }
        if at != apart.next {
            return Err(format!(
                "the saved records \"{}\" are incomplete",
                apart.key
            ));
        }
        Ok(())
    }

    fn body(&mut self, key: &str) -> Result<Vec<u8>, String> {
        let value = self
            .0
            .remove(key)
            .ok_or_else(|| format!("the saved object body \"{key}\" is missing"))?;
        decode_body(&value).ok_or_else(|| format!("the saved object body \"{key}\" is damaged"))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "save_chunks_tests.rs"]
mod properties;

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(n: u64) -> impl Fn(u64) -> u64 {
        move |c| if c < n { 100 } else { 0 }
    }

    #[test]
    fn a_log_fills_chunks_in_order_and_only_the_tail_grows() {
        let first = layout(&[], 0, 5000, sizes(5000));
        assert_eq!(
            first.iter().map(|c| (c.start, c.end)).collect::<Vec<_>>(),
            [(0, 4096), (4096, 5000)]
        );
        let written: Vec<Chunk> = first
            .into_iter()
            .map(|c| Chunk { trusted: true, ..c })
            .collect();
        let next = layout(&written, 10, 5010, sizes(5010));
        assert_eq!(
            next.iter()
                .map(|c| (c.start, c.end, c.trusted))
                .collect::<Vec<_>>(),
            [(0, 4096, true), (4096, 5010, false)]
        );
        // Trimmed past the first chunk: it goes.
        let later = layout(&written, 4096, 5000, sizes(5000));
        assert_eq!(later.len(), 1);
        assert!(later[0].trusted);
    }

    #[test]
    fn a_chunk_holds_a_mebibyte_at_most_but_always_one_record() {
        let big = |_| CHUNK_BYTES / 2 + 1;
        let chunks = layout(&[], 0, 3, big);
        assert_eq!(
            chunks.iter().map(|c| (c.start, c.end)).collect::<Vec<_>>(),
            [(0, 1), (1, 2), (2, 3)]
        );
    }

    #[test]
    fn bodies_round_trip_compressed_or_not() {
        for body in [
            b"short".to_vec(),
            vec![b'a'; 5000],
            [vec![0x1f, 0x8b], vec![7; 3000]].concat(),
        ] {
            assert_eq!(decode_body(&encode_body(&body)), Some(body));
        }
    }
}
