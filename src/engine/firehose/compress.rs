//! The object formats Firehose writes: UNCOMPRESSED, GZIP, ZIP, Snappy (the framing format)
//! and HADOOP_SNAPPY (Hadoop's block format), each openable with the ordinary tools.

use serde::{Deserialize, Serialize};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Compression {
    Uncompressed,
    Gzip,
    Zip,
    Snappy,
    HadoopSnappy,
}

impl Compression {
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "UNCOMPRESSED" => Compression::Uncompressed,
            "GZIP" => Compression::Gzip,
            "ZIP" => Compression::Zip,
            "Snappy" => Compression::Snappy,
            "HADOOP_SNAPPY" => Compression::HadoopSnappy,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Compression::Uncompressed => "UNCOMPRESSED",
            Compression::Gzip => "GZIP",
            Compression::Zip => "ZIP",
            Compression::Snappy => "Snappy",
            Compression::HadoopSnappy => "HADOOP_SNAPPY",
        }
    }

    /// The object name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Compression::Uncompressed => "",
            Compression::Gzip => ".gz",
            Compression::Zip => ".zip",
            Compression::Snappy | Compression::HadoopSnappy => ".snappy",
        }
    }

    /// The object's bytes. `entry_name` names the one file inside a ZIP archive.
    pub fn apply(self, data: &[u8], entry_name: &str) -> Vec<u8> {
        match self {
            Compression::Uncompressed => data.to_vec(),
            Compression::Gzip => {
                // Level 1: deflate's fast match finder. A day of buffers at level 6 cost most of
                // the simulation's time; the format (and what gunzip gives back) is the same.
                let mut e = flate2::write::GzEncoder::new(
                    Vec::with_capacity(data.len() / 4 + 64),
                    flate2::Compression::fast(),
                );
                e.write_all(data).expect("writing to memory");
                e.finish().expect("writing to memory")
            }
            // ZIP and Snappy are an extension: the engine's clock waits for it (see
            // `Sandbox::missing_extensions`), so it is there whenever a buffer is delivered.
            Compression::Zip => (codecs().zip)(data, entry_name),
            Compression::Snappy => (codecs().snappy)(data),
            Compression::HadoopSnappy => (codecs().hadoop_snappy)(data),
        }
    }
}

fn codecs() -> &'static crate::engine::extension::Codecs {
    crate::engine::extension::codecs()
        .expect("time does not pass while the ZIP and Snappy codecs are missing")
}

/// Whether writing this format needs the ZIP and Snappy extension.
pub fn needs_codecs(compression: Compression) -> bool {
    matches!(
        compression,
        Compression::Zip | Compression::Snappy | Compression::HadoopSnappy
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::process::Command;

    fn sample() -> Vec<u8> {
        (0..5000)
            .flat_map(|i| format!("{{\"ticker\":\"AMZN\",\"n\":{i}}}").into_bytes())
            .collect()
    }

    fn python(script: &str, input: &[u8]) -> Option<Vec<u8>> {
        let dir = std::env::temp_dir().join(format!("fh-compress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok()?;
        let path = dir.join(format!("obj-{}", script.len()));
        std::fs::write(&path, input).ok()?;
        let out = Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(&path)
            .output()
            .ok()?;
        out.status.success().then_some(out.stdout)
    }

    #[test]
    fn gzip_opens_with_pythons_gzip() {
        let data = sample();
        let packed = Compression::Gzip.apply(&data, "x");
        assert!(packed.len() < data.len() / 4);
        if let Some(out) = python(
            "import gzip,sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())",
            &packed,
        ) {
            assert_eq!(out, data);
        }
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, data);
    }

    #[test]
    fn zip_opens_with_pythons_zipfile() {
        let data = sample();
        let packed = Compression::Zip.apply(&data, "f-1-2026");
        assert_eq!(&packed[..4], b"PK\x03\x04");
        if let Some(out) = python(
            "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.namelist()==['f-1-2026']; sys.stdout.buffer.write(z.read('f-1-2026'))",
            &packed,
        ) {
            assert_eq!(out, data);
        }
    }

    #[test]
    fn snappy_framing_format() {
        let data = sample();
        let packed = Compression::Snappy.apply(&data, "x");
        // The stream identifier chunk of the framing format.
        assert_eq!(&packed[..10], b"\xff\x06\x00\x00sNaPpY");
        let mut back = Vec::new();
        snap::read::FrameDecoder::new(&packed[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, data);
    }

    #[test]
    fn hadoop_snappy_blocks() {
        let data: Vec<u8> = sample().repeat(4);
        assert!(data.len() > 256 * 1024);
        let packed = Compression::HadoopSnappy.apply(&data, "x");
        // Read it back by hand, block by block.
        let mut back = Vec::new();
        let mut i = 0;
        while i < packed.len() {
            let raw = u32::from_be_bytes(packed[i..i + 4].try_into().unwrap()) as usize;
            let n = u32::from_be_bytes(packed[i + 4..i + 8].try_into().unwrap()) as usize;
            let block = snap::raw::Decoder::new()
                .decompress_vec(&packed[i + 8..i + 8 + n])
                .unwrap();
            assert_eq!(block.len(), raw);
            back.extend(block);
            i += 8 + n;
        }
        assert_eq!(back, data);
    }
}
