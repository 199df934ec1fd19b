//! The rules that tie dynamic partitioning to the rest of a destination: the processors that
//! give its keys, the prefixes that name them, the buffering, and that it is chosen once.

use super::{invalid, DynamicPartitioning, Processing, Processor};
use crate::engine::firehose::prefix;
use crate::engine::ApiError;

/// What the dynamic partitioning rules look at in one S3 destination.
#[derive(Debug, Clone, Copy)]
pub struct Destination<'a> {
    /// An `ExtendedS3` destination (the only kind that partitions).
    pub extended_s3: bool,
    pub processing: &'a Processing,
    pub dynamic_partitioning: DynamicPartitioning,
    pub prefix: Option<&'a str>,
    pub error_output_prefix: Option<&'a str>,
    /// `BufferingHints.IntervalInSeconds`.
    pub buffer_interval_s: u32,
}

/// The rules that tie a destination's parts together (create and update alike):
/// - the processors that only dynamic partitioning uses need it on;
/// - with it on: an Extended S3 destination, a buffer interval above zero, a
///   `MetadataExtraction` or `Lambda` processor to give keys, and prefixes that pass
///   [`prefix::validate_partitioned`];
/// - with it off: prefixes that pass [`prefix::validate`].
pub fn check(d: &Destination) -> Result<(), ApiError> {
    let on = d.dynamic_partitioning.enabled;
    if on && !d.extended_s3 {
        return Err(invalid(
            "Dynamic partitioning is only supported for Amazon S3 destinations (ExtendedS3DestinationConfiguration).",
        ));
    }
    for p in d.processing.active() {
        if !on
            && matches!(
                p,
                Processor::MetadataExtraction { .. } | Processor::RecordDeAggregation { .. }
            )
        {
            return Err(invalid(format!(
                "The {} processor needs dynamic partitioning to be enabled.",
                p.type_name()
            )));
        }
    }
    let active = d.processing.active();
    if active
        .iter()
        .any(|p| matches!(p, Processor::CloudWatchLogProcessing { .. }))
        && !active
            .iter()
            .any(|p| matches!(p, Processor::Decompression { .. }))
    {
        return Err(invalid(
            "The CloudWatchLogProcessing processor needs the Decompression processor: messages are extracted from decompressed CloudWatch Logs records.",
        ));
    }
    if !on {
        return prefix::validate(d.prefix, d.error_output_prefix).map_err(invalid);
    }
    if d.buffer_interval_s == 0 {
        return Err(invalid(
            "BufferingHints.IntervalInSeconds must be greater than 0 when dynamic partitioning is enabled.",
        ));
    }
    let sources = d.processing.key_sources();
    if !sources.query && !sources.lambda {
        return Err(invalid(
            "Dynamic partitioning needs partition keys: enable ProcessingConfiguration with a MetadataExtraction or Lambda processor.",
        ));
    }
    prefix::validate_partitioned(d.prefix, d.error_output_prefix, &sources).map_err(invalid)
}

/// UpdateDestination's rule: dynamic partitioning is chosen when the delivery stream is
/// created and stays as it was. `requested` is the update's `DynamicPartitioningConfiguration`,
/// if it has one.
pub fn check_update(
    was_enabled: bool,
    requested: Option<&DynamicPartitioning>,
) -> Result<(), ApiError> {
    match requested.map(|r| r.enabled) {
        Some(false) if was_enabled => Err(invalid(
            "Dynamic partitioning cannot be disabled once it is enabled.",
        )),
        Some(true) if !was_enabled => Err(invalid(
            "Dynamic partitioning can only be enabled when the delivery stream is created.",
        )),
        _ => Ok(()),
    }
}
