//! ZIP and Snappy (the framing format and Hadoop's block format), both ways: what Firehose
//! writes and what the S3 browser opens. An extension (`engine::extension::Codecs`): the site
//! fetches it the first time a delivery stream or an object needs it.

use crate::engine::extension::Codecs;
use std::io::{Read, Write};

/// The table the engine and the S3 browser call through.
pub static CODECS: Codecs = Codecs {
    zip,
    snappy,
    hadoop_snappy,
    unzip,
    unzip_all,
    unsnappy,
    unhadoop_snappy,
};

fn zip(data: &[u8], entry_name: &str) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file(entry_name, options)
        .expect("writing to memory");
    w.write_all(data).expect("writing to memory");
    w.finish().expect("writing to memory").into_inner()
}

fn snappy(data: &[u8]) -> Vec<u8> {
    let mut e = snap::write::FrameEncoder::new(Vec::new());
    e.write_all(data).expect("writing to memory");
    e.into_inner().expect("writing to memory")
}

/// Hadoop's `SnappyCodec` block stream: per block of up to 256 KiB, the uncompressed length
/// (4 bytes, big-endian), then the compressed chunk's length and the raw Snappy chunk.
fn hadoop_snappy(data: &[u8]) -> Vec<u8> {
    const BLOCK: usize = 256 * 1024;
    let mut out = Vec::new();
    let mut enc = snap::raw::Encoder::new();
    for block in data.chunks(BLOCK) {
        let packed = enc
            .compress_vec(block)
            .expect("snappy accepts any block of 256 KiB");
        out.extend_from_slice(&(block.len() as u32).to_be_bytes());
        out.extend_from_slice(&(packed.len() as u32).to_be_bytes());
        out.extend_from_slice(&packed);
    }
    out
}

fn unzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("Not a valid ZIP archive: {e}"))?;
    let mut entry = archive
        .by_index(0)
        .map_err(|e| format!("The ZIP archive is empty: {e}"))?;
    entry
        .read_to_end(&mut out)
        .map_err(|e| format!("The ZIP entry could not be read: {e}"))?;
    Ok(out)
}

/// Every file of a ZIP archive (folders left out), in the archive's order.
fn unzip_all(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("Not a valid ZIP archive: {e}"))?;
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| format!("The ZIP entry could not be read: {e}"))?;
        if entry.is_dir() {
            continue;
        }
        let mut out = Vec::new();
        entry
            .read_to_end(&mut out)
            .map_err(|e| format!("The ZIP entry could not be read: {e}"))?;
        files.push((entry.name().to_string(), out));
    }
    Ok(files)
}

fn unsnappy(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    snap::read::FrameDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| format!("Not valid Snappy: {e}"))?;
    Ok(out)
}

/// Hadoop's block format: [u32 raw length][u32 compressed length][raw snappy]…
fn unhadoop_snappy(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let mut raw_left =
            u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as usize;
        at += 4;
        while raw_left > 0 && at + 4 <= bytes.len() {
            let n = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as usize;
            at += 4;
            let chunk = bytes
                .get(at..at + n)
                .ok_or("The Hadoop Snappy block is cut short.")?;
            let plain = snap::raw::Decoder::new()
                .decompress_vec(chunk)
                .map_err(|e| format!("Not valid Snappy: {e}"))?;
            raw_left = raw_left.saturating_sub(plain.len());
            out.extend(plain);
            at += n;
        }
    }
    Ok(out)
}
