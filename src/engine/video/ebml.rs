//! A small EBML reader and writer: just enough Matroska/WebM to cut a producer's byte stream
//! into fragments (one Cluster each) the way PutMedia does, to write the MKV tags GetMedia
//! adds, and to retime a cluster for GetClip's file.
//!
//! Why not a crate: the Matroska demuxers on crates.io (`matroska-demuxer`, `webm-iterable`
//! over `ebml-iterable`) hand out frames or parsed tags, not the raw bytes of each Cluster,
//! and want the whole file (`Read + Seek`) up front. PutMedia needs the opposite: bytes that
//! arrive in pieces (a browser's `MediaRecorder` gives a chunk every few hundred
//! milliseconds, split anywhere, with a Segment and Clusters of *unknown size*), each Cluster
//! kept byte for byte, and the reason a stream is refused. The format needed for that is a
//! handful of element ids and two variable-length integer codings, so it is read here.

use serde::{Deserialize, Serialize};

/// Element ids (with their length marker bits, as written in the stream).
pub mod id {
    pub const EBML: u32 = 0x1A45_DFA3;
    pub const DOC_TYPE: u32 = 0x4282;
    pub const SEGMENT: u32 = 0x1853_8067;
    pub const SEEK_HEAD: u32 = 0x114D_9B74;
    pub const INFO: u32 = 0x1549_A966;
    pub const TIMECODE_SCALE: u32 = 0x2A_D7B1;
    pub const TRACKS: u32 = 0x1654_AE6B;
    pub const TRACK_ENTRY: u32 = 0xAE;
    pub const TRACK_NUMBER: u32 = 0xD7;
    pub const CODEC_ID: u32 = 0x86;
    pub const CODEC_PRIVATE: u32 = 0x63A2;
    pub const CLUSTER: u32 = 0x1F43_B675;
    pub const TIMECODE: u32 = 0xE7;
    pub const POSITION: u32 = 0xA7;
    pub const PREV_SIZE: u32 = 0xAB;
    pub const SIMPLE_BLOCK: u32 = 0xA3;
    pub const BLOCK_GROUP: u32 = 0xA0;
    pub const BLOCK: u32 = 0xA1;
    pub const BLOCK_DURATION: u32 = 0x9B;
    pub const REFERENCE_BLOCK: u32 = 0xFB;
    pub const CUES: u32 = 0x1C53_BB6B;
    pub const CHAPTERS: u32 = 0x1043_A770;
    pub const ATTACHMENTS: u32 = 0x1941_A469;
    pub const TAGS: u32 = 0x1254_C367;
    pub const TAG: u32 = 0x7373;
    pub const TARGETS: u32 = 0x63C0;
    pub const SIMPLE_TAG: u32 = 0x67C8;
    pub const TAG_NAME: u32 = 0x45A3;
    pub const TAG_STRING: u32 = 0x4487;
    pub const VOID: u32 = 0xEC;
    pub const CRC32: u32 = 0xBF;
}

/// An element size of all ones: "unknown", the element runs until something that cannot be
/// its child begins (live producers write Segments and Clusters this way).
const UNKNOWN: u64 = u64::MAX;

/// Why bytes are not the Matroska a PutMedia takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub String);

/// An element's id and size as read from its start, and how many bytes they took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ElementHead {
    id: u32,
    /// [`UNKNOWN`] for an unknown size.
    size: u64,
    len: usize,
}

/// Reads an element id (1–4 bytes, marker bits kept). `Ok(None)`: more bytes are needed.
fn read_id(bytes: &[u8]) -> Result<Option<(u32, usize)>, Invalid> {
    let Some(&first) = bytes.first() else {
        return Ok(None);
    };
    let len = first.leading_zeros() as usize + 1;
    if len > 4 {
        return Err(Invalid(format!("byte 0x{first:02X} starts no element id")));
    }
    if bytes.len() < len {
        return Ok(None);
    }
    let id = bytes[..len]
        .iter()
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    Ok(Some((id, len)))
}

/// Reads a variable-length integer (1–8 bytes, marker bit removed); all value bits set is
/// [`UNKNOWN`]. `Ok(None)`: more bytes are needed.
fn read_vint(bytes: &[u8]) -> Result<Option<(u64, usize)>, Invalid> {
    let Some(&first) = bytes.first() else {
        return Ok(None);
    };
    if first == 0 {
        return Err(Invalid("an element size longer than 8 bytes".into()));
    }
    let len = first.leading_zeros() as usize + 1;
    if bytes.len() < len {
        return Ok(None);
    }
    let mask = 0xFFu64 >> len;
    let mut value = u64::from(first) & mask;
    let mut all_ones = value == mask;
    for &b in &bytes[1..len] {
        value = (value << 8) | u64::from(b);
        all_ones &= b == 0xFF;
    }
    Ok(Some((if all_ones { UNKNOWN } else { value }, len)))
}

fn read_head(bytes: &[u8]) -> Result<Option<ElementHead>, Invalid> {
    let Some((id, id_len)) = read_id(bytes)? else {
        return Ok(None);
    };
    let Some((size, size_len)) = read_vint(&bytes[id_len..])? else {
        return Ok(None);
    };
    Ok(Some(ElementHead {
        id,
        size,
        len: id_len + size_len,
    }))
}

/// The children of a complete element's body, each as its id and body.
fn children(body: &[u8]) -> Result<Vec<(u32, &[u8])>, Invalid> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < body.len() {
        let head = read_head(&body[pos..])?
            .ok_or_else(|| Invalid("an element cut off inside its parent".into()))?;
        let start = pos + head.len;
        if head.size == UNKNOWN || start as u64 + head.size > body.len() as u64 {
            return Err(Invalid(format!(
                "element 0x{:X} runs past the end of its parent",
                head.id
            )));
        }
        let end = start + head.size as usize;
        out.push((head.id, &body[start..end]));
        pos = end;
    }
    Ok(out)
}

fn uint(body: &[u8]) -> Result<u64, Invalid> {
    if body.len() > 8 {
        return Err(Invalid("an unsigned integer of more than 8 bytes".into()));
    }
    Ok(body.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
}

/// A track of the stream's Tracks element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Track {
    pub number: u64,
    pub codec_id: Option<String>,
    /// The track's CodecPrivate (for H.264, the AVC decoder configuration record), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codec_private: Option<Vec<u8>>,
}

/// What every fragment of one MKV segment shares: its EBML header, Info and Tracks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The EBML header element, a Segment start of unknown size, Info and Tracks, as
    /// received: what GetMedia puts before each fragment it returns.
    #[serde(with = "crate::engine::s3::b64")]
    pub bytes: Vec<u8>,
    /// Nanoseconds per timecode unit (Info's TimecodeScale, 1,000,000 unless given).
    pub timecode_scale_ns: u64,
    pub tracks: Vec<Track>,
}

impl Header {
    /// A timecode in this segment's units, in milliseconds.
    pub fn millis(&self, timecode: i64) -> i64 {
        (i128::from(timecode) * i128::from(self.timecode_scale_ns) / 1_000_000) as i64
    }
}

/// A frame of a cluster: its track and its timecode range in segment units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub track: u64,
    pub timecode: i64,
    /// The timecode it ends at: its start plus its BlockDuration if given.
    pub end: i64,
}

/// One complete cluster: its bytes as received and what was read from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub bytes: Vec<u8>,
    /// The cluster's Timecode (segment units), if it had one.
    pub timecode: Option<u64>,
    pub frames: Vec<Frame>,
}

/// What the reader found in the bytes fed to it, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A segment's header is complete (it applies to the clusters that follow).
    Header(Header),
    /// A cluster's first bytes and its timecode arrived (PutMedia's `BUFFERING`).
    ClusterStarted { timecode: u64 },
    /// A cluster is complete.
    Cluster(Cluster),
    /// A Tags element between clusters: the producer's fragment metadata (name, value), for
    /// the fragment that follows.
    Metadata(Vec<(String, String)>),
    /// The bytes are not Matroska; the reader stops.
    Invalid(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Stage {
    /// Waiting for an EBML header.
    Start,
    /// After the EBML header, waiting for the Segment.
    Segment,
    /// Inside a segment: its header elements, then clusters.
    Body,
    /// Invalid bytes were seen.
    Failed,
}

/// A Matroska reader fed a byte stream in pieces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reader {
    /// Bytes received and not consumed yet: the start of an element still arriving.
    #[serde(with = "crate::engine::s3::b64")]
    pending: Vec<u8>,
    stage: Stage,
    /// The header being gathered (EBML header and Segment start; then Info, Tracks).
    #[serde(with = "crate::engine::s3::b64")]
    ebml: Vec<u8>,
    #[serde(with = "crate::engine::s3::b64")]
    info: Vec<u8>,
    #[serde(with = "crate::engine::s3::b64")]
    tracks_bytes: Vec<u8>,
    timecode_scale_ns: u64,
    tracks: Option<Vec<Track>>,
    /// Whether the segment's header was handed out already.
    header_sent: bool,
    /// Whether the cluster at the start of `pending` was announced.
    announced: bool,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            pending: Vec::new(),
            stage: Stage::Start,
            ebml: Vec::new(),
            info: Vec::new(),
            tracks_bytes: Vec::new(),
            timecode_scale_ns: 1_000_000,
            tracks: None,
            header_sent: false,
            announced: false,
        }
    }
}

/// Whether `id` may appear inside a cluster.
fn is_cluster_child(id: u32) -> bool {
    matches!(
        id,
        id::TIMECODE
            | id::POSITION
            | id::PREV_SIZE
            | id::SIMPLE_BLOCK
            | id::BLOCK_GROUP
            | id::VOID
            | id::CRC32
            | 0x5854 // SilentTracks
            | 0xAF // EncryptedBlock
    )
}

/// A Block's or SimpleBlock's track number and timecode relative to its cluster.
fn block(body: &[u8]) -> Result<(u64, i16), Invalid> {
    let bad = || Invalid("a block too short for its track number and timecode".into());
    let (track, len) = read_vint(body)?.ok_or_else(bad)?;
    let tc = body.get(len..len + 2).ok_or_else(bad)?;
    Ok((track, i16::from_be_bytes([tc[0], tc[1]])))
}

/// Reads a complete cluster's body.
fn parse_cluster(bytes: Vec<u8>, body_start: usize) -> Result<Cluster, Invalid> {
    let mut timecode = None;
    let mut raw = Vec::new();
    for (child, body) in children(&bytes[body_start..])? {
        match child {
            id::TIMECODE => timecode = Some(uint(body)?),
            id::SIMPLE_BLOCK => {
                let (track, rel) = block(body)?;
                raw.push((track, rel, 0));
            }
            id::BLOCK_GROUP => {
                let mut found = None;
                let mut duration = 0;
                for (g, gb) in children(body)? {
                    match g {
                        id::BLOCK => found = Some(block(gb)?),
                        id::BLOCK_DURATION => duration = uint(gb)?.min(i64::MAX as u64) as i64,
                        _ => {}
                    }
                }
                let (track, rel) =
                    found.ok_or_else(|| Invalid("a BlockGroup without a Block".into()))?;
                raw.push((track, rel, duration));
            }
            _ => {}
        }
    }
    let base = timecode.unwrap_or(0).min(i64::MAX as u64 / 2) as i64;
    let frames = raw
        .into_iter()
        .map(|(track, rel, duration)| {
            let timecode = base + i64::from(rel);
            Frame {
                track,
                timecode,
                end: timecode.saturating_add(duration),
            }
        })
        .collect();
    Ok(Cluster {
        bytes,
        timecode,
        frames,
    })
}

fn parse_tracks(body: &[u8]) -> Result<Vec<Track>, Invalid> {
    let mut tracks = Vec::new();
    for (child, entry) in children(body)? {
        if child != id::TRACK_ENTRY {
            continue;
        }
        let mut number = None;
        let mut codec_id = None;
        let mut codec_private = None;
        for (field, value) in children(entry)? {
            match field {
                id::TRACK_NUMBER => number = Some(uint(value)?),
                id::CODEC_ID => codec_id = Some(String::from_utf8_lossy(value).into_owned()),
                id::CODEC_PRIVATE => codec_private = Some(value.to_vec()),
                _ => {}
            }
        }
        let number = number.ok_or_else(|| Invalid("a TrackEntry without a TrackNumber".into()))?;
        tracks.push(Track {
            number,
            codec_id,
            codec_private,
        });
    }
    Ok(tracks)
}

/// The top-level SimpleTags of a Tags element's body, as (name, value).
fn parse_tags(body: &[u8]) -> Result<Vec<(String, String)>, Invalid> {
    let mut items = Vec::new();
    for (child, tag) in children(body)? {
        if child != id::TAG {
            continue;
        }
        for (field, simple) in children(tag)? {
            if field != id::SIMPLE_TAG {
                continue;
            }
            let (mut name, mut value) = (String::new(), String::new());
            for (part, text) in children(simple)? {
                match part {
                    id::TAG_NAME => name = String::from_utf8_lossy(text).into_owned(),
                    id::TAG_STRING => value = String::from_utf8_lossy(text).into_owned(),
                    _ => {}
                }
            }
            items.push((name, value));
        }
    }
    Ok(items)
}

/// What one step of the reader did.
enum Step {
    /// Consumed this many bytes of `pending`.
    Consumed(usize),
    /// Needs more bytes.
    More,
}

impl Reader {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the reader gave up on invalid bytes.
    pub fn failed(&self) -> bool {
        self.stage == Stage::Failed
    }

    /// Bytes received that do not form a complete element yet.
    pub fn pending_len(&self) -> usize {
        self.pending.len()
    }

    /// Whether no bytes at all have been read yet.
    pub fn at_start(&self) -> bool {
        self.stage == Stage::Start && self.pending.is_empty()
    }

    /// Feeds the next bytes of the stream; `end` says no more will come (an unknown-size
    /// cluster then ends with the bytes, and anything cut off is invalid).
    pub fn feed(&mut self, bytes: &[u8], end: bool) -> Vec<Event> {
        let mut events = Vec::new();
        if self.failed() {
            return events;
        }
        self.pending.extend_from_slice(bytes);
        loop {
            if self.pending.is_empty() {
                break;
            }
            match self.step(end, &mut events) {
                Ok(Step::Consumed(n)) => {
                    self.pending.drain(..n);
                }
                Ok(Step::More) if end => {
                    self.fail(&mut events, "the stream ends inside an element".into());
                    break;
                }
                Ok(Step::More) => break,
                Err(Invalid(why)) => {
                    self.fail(&mut events, why);
                    break;
                }
            }
        }
        events
    }

    fn fail(&mut self, events: &mut Vec<Event>, why: String) {
        self.stage = Stage::Failed;
        self.pending.clear();
        events.push(Event::Invalid(why));
    }

    fn step(&mut self, end: bool, events: &mut Vec<Event>) -> Result<Step, Invalid> {
        let Some(head) = read_head(&self.pending)? else {
            return Ok(Step::More);
        };
        let known = head.size != UNKNOWN;
        let total = (head.len as u64).saturating_add(head.size);
        let complete = known && total <= self.pending.len() as u64;
        match (self.stage, head.id) {
            // A new segment may follow in the same stream, as after a producer restarts.
            (_, id::EBML) => {
                if !known {
                    return Err(Invalid("an EBML header of unknown size".into()));
                }
                if !complete {
                    return Ok(Step::More);
                }
                let n = total as usize;
                let doc_type = children(&self.pending[head.len..n])?
                    .into_iter()
                    .find(|(c, _)| *c == id::DOC_TYPE)
                    .map(|(_, v)| String::from_utf8_lossy(v).into_owned());
                if !matches!(doc_type.as_deref(), Some("matroska" | "webm")) {
                    return Err(Invalid(format!(
                        "DocType {} is neither matroska nor webm",
                        doc_type.unwrap_or_else(|| "missing".into())
                    )));
                }
                let ebml = self.pending[..n].to_vec();
                *self = Reader {
                    pending: std::mem::take(&mut self.pending),
                    stage: Stage::Segment,
                    ebml,
                    ..Reader::default()
                };
                Ok(Step::Consumed(n))
            }
            (Stage::Start, other) => Err(Invalid(format!(
                "the stream starts with element 0x{other:X}, not an EBML header"
            ))),
            (Stage::Segment, id::SEGMENT) => {
                // Whatever its size, the segment is read as a flat run of its children.
                self.ebml.extend_from_slice(&[0x18, 0x53, 0x80, 0x67]);
                self.ebml
                    .extend_from_slice(&[0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
                self.stage = Stage::Body;
                Ok(Step::Consumed(head.len))
            }
            (Stage::Segment, other) => Err(Invalid(format!(
                "element 0x{other:X} where a Segment was expected"
            ))),
            (Stage::Body, id::CLUSTER) => self.cluster(head, end, events),
            (Stage::Body, other) => {
                if !known {
                    return Err(Invalid(format!("element 0x{other:X} of unknown size")));
                }
                if !complete {
                    return Ok(Step::More);
                }
                let n = total as usize;
                match other {
                    id::INFO => {
                        for (c, v) in children(&self.pending[head.len..n])? {
                            if c == id::TIMECODE_SCALE {
                                self.timecode_scale_ns = uint(v)?.max(1);
                            }
                        }
                        self.info = self.pending[..n].to_vec();
                        self.header_sent = false;
                    }
                    id::TRACKS => {
                        self.tracks = Some(parse_tracks(&self.pending[head.len..n])?);
                        self.tracks_bytes = self.pending[..n].to_vec();
                        self.header_sent = false;
                    }
                    id::TAGS => {
                        let items = parse_tags(&self.pending[head.len..n])?;
                        if !items.is_empty() {
                            events.push(Event::Metadata(items));
                        }
                    }
                    id::SEEK_HEAD
                    | id::CUES
                    | id::CHAPTERS
                    | id::ATTACHMENTS
                    | id::VOID
                    | id::CRC32 => {}
                    _ => {
                        return Err(Invalid(format!(
                            "element 0x{other:X} is not a Segment child"
                        )))
                    }
                }
                Ok(Step::Consumed(n))
            }
            (Stage::Failed, _) => unreachable!("a failed reader reads nothing"),
        }
    }

    fn cluster(
        &mut self,
        head: ElementHead,
        end: bool,
        events: &mut Vec<Event>,
    ) -> Result<Step, Invalid> {
        let Some(tracks) = &self.tracks else {
            return Err(Invalid("a Cluster before the segment's Tracks".into()));
        };
        if !self.header_sent {
            let mut bytes = self.ebml.clone();
            bytes.extend_from_slice(&self.info);
            bytes.extend_from_slice(&self.tracks_bytes);
            events.push(Event::Header(Header {
                bytes,
                timecode_scale_ns: self.timecode_scale_ns,
                tracks: tracks.clone(),
            }));
            self.header_sent = true;
        }
        // Walk the children that have arrived: the timecode for BUFFERING, and the end of
        // an unknown-size cluster.
        let limit = if head.size == UNKNOWN {
            usize::MAX
        } else {
            head.len.saturating_add(head.size as usize)
        };
        let mut pos = head.len;
        let mut cluster_end = None;
        loop {
            if pos == limit {
                cluster_end = Some(pos);
                break;
            }
            if pos == self.pending.len() {
                if end && head.size == UNKNOWN {
                    cluster_end = Some(pos);
                }
                break;
            }
            let Some(child) = read_head(&self.pending[pos..])? else {
                break;
            };
            if head.size == UNKNOWN && !is_cluster_child(child.id) {
                cluster_end = Some(pos);
                break;
            }
            if child.size == UNKNOWN {
                return Err(Invalid(format!(
                    "cluster element 0x{:X} of unknown size",
                    child.id
                )));
            }
            let child_end = (pos + child.len) as u64 + child.size;
            if child_end > limit as u64 {
                return Err(Invalid(format!(
                    "element 0x{:X} runs past the end of its Cluster",
                    child.id
                )));
            }
            if child_end > self.pending.len() as u64 {
                break;
            }
            if child.id == id::TIMECODE && !self.announced {
                let timecode = uint(&self.pending[pos + child.len..child_end as usize])?;
                events.push(Event::ClusterStarted { timecode });
                self.announced = true;
            }
            pos = child_end as usize;
        }
        let Some(n) = cluster_end else {
            return Ok(Step::More);
        };
        let bytes = self.pending[..n].to_vec();
        let mut cluster = parse_cluster(bytes, head.len)?;
        if head.size == UNKNOWN {
            // Stored with its size written out, so each fragment stands on its own.
            cluster.bytes = element(id::CLUSTER, &cluster.bytes[head.len..]);
        }
        self.announced = false;
        events.push(Event::Cluster(cluster));
        Ok(Step::Consumed(n))
    }
}

// ---- Writing ----

/// `value` as an EBML variable-length size in as few bytes as it fits.
pub fn vint(value: u64) -> Vec<u8> {
    let mut len = 1;
    // All ones is reserved for "unknown".
    while len < 8 && value >= (1u64 << (7 * len)) - 1 {
        len += 1;
    }
    let mut out = vec![0u8; len];
    for (i, b) in out.iter_mut().enumerate() {
        *b = (value >> (8 * (len - 1 - i))) as u8;
    }
    out[0] |= 0x80 >> (len - 1);
    out
}

/// An element's bytes: `id`, the size of `body`, `body`.
pub fn element(id: u32, body: &[u8]) -> Vec<u8> {
    let id_bytes = id.to_be_bytes();
    let skip = id_bytes.iter().take_while(|&&b| b == 0).count().min(3);
    let mut out = id_bytes[skip..].to_vec();
    out.extend(vint(body.len() as u64));
    out.extend_from_slice(body);
    out
}

/// An unsigned integer element's body: big-endian, without leading zero bytes (one byte for 0).
pub fn uint_body(v: u64) -> Vec<u8> {
    let bytes = v.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count().min(7);
    bytes[skip..].to_vec()
}

/// The start of a WebM file as a browser's MediaRecorder writes one: the EBML header (DocType
/// `webm`), a Segment of unknown size, Info with millisecond timecodes and one video track,
/// number 1, of `codec` (`V_VP8`). What tests and computed questions produce with.
pub fn webm_header(codec: &str) -> Vec<u8> {
    let mut out = element(0x1A45_DFA3, &element(0x4282, b"webm"));
    out.extend([
        0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    ]);
    out.extend(element(
        0x1549_A966,
        &element(0x2A_D7B1, &uint_body(1_000_000)),
    ));
    let mut entry = element(0xD7, &uint_body(1));
    entry.extend(element(0x86, codec.as_bytes()));
    out.extend(element(0x1654_AE6B, &element(0xAE, &entry)));
    out
}

/// A Cluster at `timecode` (ms) holding, at each of `offsets` (ms from it), a SimpleBlock
/// keyframe on track 1 carrying `payload`.
pub fn cluster(timecode: u64, offsets: &[i16], payload: &[u8]) -> Vec<u8> {
    let mut body = element(0xE7, &uint_body(timecode));
    for rel in offsets {
        let mut block = vec![0x81];
        block.extend(rel.to_be_bytes());
        block.push(0x80);
        block.extend_from_slice(payload);
        body.extend(element(0xA3, &block));
    }
    element(0x1F43_B675, &body)
}

/// A complete cluster (`bytes`, as a fragment keeps it) with its Timecode set to `timecode`;
/// `None` if the bytes are not a cluster of known size.
pub fn with_timecode(bytes: &[u8], timecode: u64) -> Option<Vec<u8>> {
    let head = read_head(bytes).ok()??;
    if head.id != id::CLUSTER || head.size == UNKNOWN {
        return None;
    }
    let end = head.len.checked_add(usize::try_from(head.size).ok()?)?;
    let body = bytes.get(head.len..end)?;
    let tc = timecode.to_be_bytes();
    let skip = tc.iter().take_while(|&&b| b == 0).count().min(7);
    let mut out = element(id::TIMECODE, &tc[skip..]);
    for (child, child_body) in children(body).ok()? {
        if child != id::TIMECODE {
            out.extend(element(child, child_body));
        }
    }
    Some(element(id::CLUSTER, &out))
}

/// A Tags element holding one Tag of `SimpleTag`s (name, value).
pub fn tags(items: &[(&str, String)]) -> Vec<u8> {
    let mut tag = element(id::TARGETS, &[]);
    for (name, value) in items {
        let mut simple = element(id::TAG_NAME, name.as_bytes());
        simple.extend(element(id::TAG_STRING, value.as_bytes()));
        tag.extend(element(id::SIMPLE_TAG, &simple));
    }
    element(id::TAGS, &element(id::TAG, &tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vints_round_trip() {
        for v in [0u64, 1, 126, 127, 128, 16_382, 16_383, 1 << 40] {
            let bytes = vint(v);
            assert_eq!(read_vint(&bytes).unwrap(), Some((v, bytes.len())), "{v}");
        }
        assert_eq!(
            read_vint(&[0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
                .unwrap()
                .unwrap()
                .0,
            UNKNOWN
        );
        assert_eq!(read_vint(&[0xFF]).unwrap().unwrap().0, UNKNOWN);
        assert!(read_vint(&[0x00]).is_err());
        assert_eq!(read_vint(&[0x40]).unwrap(), None);
    }

    #[test]
    fn ids_keep_their_marker() {
        assert_eq!(
            read_id(&[0x1A, 0x45, 0xDF, 0xA3]).unwrap(),
            Some((id::EBML, 4))
        );
        assert_eq!(element(id::VOID, &[1, 2]), vec![0xEC, 0x82, 1, 2]);
        assert_eq!(&element(id::CLUSTER, &[])[..4], &[0x1F, 0x43, 0xB6, 0x75]);
    }
}
