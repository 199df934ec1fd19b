//! The console's shard calculator and the "Total stream capacity" panel.

/// Capacity of a provisioned stream with a number of shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamCapacity {
    pub shards: u32,
    /// Write: 1 MiB/s per shard.
    pub write_mib_per_sec: u64,
    /// Write: 1,000 records/s per shard.
    pub write_records_per_sec: u64,
    /// Read (shared): 2 MiB/s per shard.
    pub read_mib_per_sec: u64,
    /// Read (shared): 5 GetRecords calls/s per shard.
    pub read_calls_per_sec: u64,
}

/// The capacity `shards` shards give.
pub fn stream_capacity(shards: u32) -> StreamCapacity {
    let n = u64::from(shards);
    StreamCapacity {
        shards,
        write_mib_per_sec: n,
        write_records_per_sec: 1_000 * n,
        read_mib_per_sec: 2 * n,
        read_calls_per_sec: 5 * n,
    }
}

/// The shard calculator of the Developer Guide: the record size rounded up to a whole KiB,
/// `incoming = size × records/s`, `outgoing = incoming × consumers`, shards =
/// `max(incoming / 1024, outgoing / 2048)`, and also at least `records/s / 1000` (the
/// per-shard record limit), rounded up; at least 1.
pub fn estimate_shards(avg_record_kib: f64, records_per_sec: f64, consumers: u32) -> u32 {
    let size = avg_record_kib.max(0.0).ceil();
    let rps = records_per_sec.max(0.0);
    let incoming = size * rps;
    let outgoing = incoming * f64::from(consumers);
    let shards = (incoming / 1024.0)
        .max(outgoing / 2048.0)
        .max(rps / 1000.0)
        .ceil();
    if shards.is_finite() {
        (shards as u32).max(1)
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calculator() {
        // 1 KiB × 1000/s = 1 MiB/s in; 1 consumer reads 1 MiB/s: one shard.
        assert_eq!(estimate_shards(1.0, 1000.0, 1), 1);
        // Sizes round up to whole KiB: 1.2 KiB counts as 2.
        assert_eq!(estimate_shards(1.2, 1000.0, 1), 2);
        // Five consumers of 2 MiB/s in need 5 shards for reads.
        assert_eq!(estimate_shards(2.0, 1024.0, 5), 5);
        // Tiny records, many of them: the record limit decides.
        assert_eq!(estimate_shards(0.1, 4500.0, 1), 5);
        assert_eq!(estimate_shards(0.0, 0.0, 0), 1);
    }

    #[test]
    fn capacity() {
        let c = stream_capacity(2);
        assert_eq!(
            (
                c.write_mib_per_sec,
                c.write_records_per_sec,
                c.read_mib_per_sec
            ),
            (2, 2_000, 4)
        );
    }
}
