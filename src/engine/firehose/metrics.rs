//! The metrics Firehose publishes in the `AWS/Firehose` namespace, each with its unit.

/// One `AWS/Firehose` metric (per delivery stream).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FirehoseMetric {
    DataReadFromKinesisStreamBytes,
    DataReadFromKinesisStreamRecords,
    DeliveryToS3Bytes,
    DeliveryToS3DataFreshness,
    DeliveryToS3Records,
    BackupToS3Bytes,
    BackupToS3Records,
    BackupToS3Success,
    DeliveryToS3Success,
    DeliveryToRedshiftBytes,
    DeliveryToRedshiftRecords,
    DeliveryToRedshiftSuccess,
    DeliveryToSplunkBytes,
    DeliveryToSplunkRecords,
    DeliveryToSplunkSuccess,
    DeliveryToSplunkDataAckLatency,
    DeliveryToSplunkDataFreshness,
    DeliveryToOpenSearchBytes,
    DeliveryToOpenSearchRecords,
    DeliveryToOpenSearchSuccess,
    SucceedConversionRecords,
    SucceedConversionBytes,
    FailedConversionRecords,
    FailedConversionBytes,
    SucceedProcessingRecords,
    SucceedProcessingBytes,
    ExecuteProcessingSuccess,
    ExecuteProcessingDuration,
    IncomingBytes,
    IncomingPutRequests,
    IncomingRecords,
    KinesisMillisBehindLatest,
    PutRecordBytes,
    PutRecordRequests,
    PutRecordBatchBytes,
    PutRecordBatchRecords,
    PutRecordBatchRequests,
    ThrottledDescribeStream,
    ThrottledGetRecords,
    ThrottledGetShardIterator,
    ThrottledRecords,
}

impl FirehoseMetric {
    /// Every metric, by name.
    pub const ALL: &[FirehoseMetric] = &[
        FirehoseMetric::DataReadFromKinesisStreamBytes,
        FirehoseMetric::DataReadFromKinesisStreamRecords,
        FirehoseMetric::DeliveryToS3Bytes,
        FirehoseMetric::DeliveryToS3DataFreshness,
        FirehoseMetric::DeliveryToS3Records,
        FirehoseMetric::BackupToS3Bytes,
        FirehoseMetric::BackupToS3Records,
        FirehoseMetric::BackupToS3Success,
        FirehoseMetric::DeliveryToS3Success,
        FirehoseMetric::DeliveryToRedshiftBytes,
        FirehoseMetric::DeliveryToRedshiftRecords,
        FirehoseMetric::DeliveryToRedshiftSuccess,
        FirehoseMetric::DeliveryToSplunkBytes,
        FirehoseMetric::DeliveryToSplunkRecords,
        FirehoseMetric::DeliveryToSplunkSuccess,
        FirehoseMetric::DeliveryToSplunkDataAckLatency,
        FirehoseMetric::DeliveryToSplunkDataFreshness,
        FirehoseMetric::DeliveryToOpenSearchBytes,
        FirehoseMetric::DeliveryToOpenSearchRecords,
        FirehoseMetric::DeliveryToOpenSearchSuccess,
        FirehoseMetric::SucceedConversionRecords,
        FirehoseMetric::SucceedConversionBytes,
        FirehoseMetric::FailedConversionRecords,
        FirehoseMetric::FailedConversionBytes,
        FirehoseMetric::SucceedProcessingRecords,
        FirehoseMetric::SucceedProcessingBytes,
        FirehoseMetric::ExecuteProcessingSuccess,
        FirehoseMetric::ExecuteProcessingDuration,
        FirehoseMetric::IncomingBytes,
        FirehoseMetric::IncomingPutRequests,
        FirehoseMetric::IncomingRecords,
        FirehoseMetric::KinesisMillisBehindLatest,
        FirehoseMetric::PutRecordBytes,
        FirehoseMetric::PutRecordRequests,
        FirehoseMetric::PutRecordBatchBytes,
        FirehoseMetric::PutRecordBatchRecords,
        FirehoseMetric::PutRecordBatchRequests,
        FirehoseMetric::ThrottledDescribeStream,
        FirehoseMetric::ThrottledGetRecords,
        FirehoseMetric::ThrottledGetShardIterator,
        FirehoseMetric::ThrottledRecords,
    ];

    /// The metric's name in CloudWatch, e.g. `DeliveryToS3.DataFreshness`.
    pub const fn name(self) -> &'static str {
        match self {
            FirehoseMetric::DataReadFromKinesisStreamBytes => "DataReadFromKinesisStream.Bytes",
            FirehoseMetric::DataReadFromKinesisStreamRecords => "DataReadFromKinesisStream.Records",
            FirehoseMetric::DeliveryToS3Bytes => "DeliveryToS3.Bytes",
            FirehoseMetric::DeliveryToS3DataFreshness => "DeliveryToS3.DataFreshness",
            FirehoseMetric::DeliveryToS3Records => "DeliveryToS3.Records",
            FirehoseMetric::BackupToS3Bytes => "BackupToS3.Bytes",
            FirehoseMetric::BackupToS3Records => "BackupToS3.Records",
            FirehoseMetric::BackupToS3Success => "BackupToS3.Success",
            FirehoseMetric::DeliveryToS3Success => "DeliveryToS3.Success",
            FirehoseMetric::DeliveryToRedshiftBytes => "DeliveryToRedshift.Bytes",
            FirehoseMetric::DeliveryToRedshiftRecords => "DeliveryToRedshift.Records",
            FirehoseMetric::DeliveryToRedshiftSuccess => "DeliveryToRedshift.Success",
            FirehoseMetric::DeliveryToSplunkBytes => "DeliveryToSplunk.Bytes",
            FirehoseMetric::DeliveryToSplunkRecords => "DeliveryToSplunk.Records",
            FirehoseMetric::DeliveryToSplunkSuccess => "DeliveryToSplunk.Success",
            FirehoseMetric::DeliveryToSplunkDataAckLatency => "DeliveryToSplunk.DataAckLatency",
            FirehoseMetric::DeliveryToSplunkDataFreshness => "DeliveryToSplunk.DataFreshness",
            FirehoseMetric::DeliveryToOpenSearchBytes => "DeliveryToAmazonOpenSearchService.Bytes",
            FirehoseMetric::DeliveryToOpenSearchRecords => {
                "DeliveryToAmazonOpenSearchService.Records"
            }
            FirehoseMetric::DeliveryToOpenSearchSuccess => {
                "DeliveryToAmazonOpenSearchService.Success"
            }
            FirehoseMetric::SucceedConversionRecords => "SucceedConversion.Records",
            FirehoseMetric::SucceedConversionBytes => "SucceedConversion.Bytes",
            FirehoseMetric::FailedConversionRecords => "FailedConversion.Records",
            FirehoseMetric::FailedConversionBytes => "FailedConversion.Bytes",
            FirehoseMetric::SucceedProcessingRecords => "SucceedProcessing.Records",
            FirehoseMetric::SucceedProcessingBytes => "SucceedProcessing.Bytes",
            FirehoseMetric::ExecuteProcessingSuccess => "ExecuteProcessing.Success",
            FirehoseMetric::ExecuteProcessingDuration => "ExecuteProcessing.Duration",
            FirehoseMetric::IncomingBytes => "IncomingBytes",
            FirehoseMetric::IncomingPutRequests => "IncomingPutRequests",
            FirehoseMetric::IncomingRecords => "IncomingRecords",
            FirehoseMetric::KinesisMillisBehindLatest => "KinesisMillisBehindLatest",
            FirehoseMetric::PutRecordBytes => "PutRecord.Bytes",
            FirehoseMetric::PutRecordRequests => "PutRecord.Requests",
            FirehoseMetric::PutRecordBatchBytes => "PutRecordBatch.Bytes",
            FirehoseMetric::PutRecordBatchRecords => "PutRecordBatch.Records",
            FirehoseMetric::PutRecordBatchRequests => "PutRecordBatch.Requests",
            FirehoseMetric::ThrottledDescribeStream => "ThrottledDescribeStream",
            FirehoseMetric::ThrottledGetRecords => "ThrottledGetRecords",
            FirehoseMetric::ThrottledGetShardIterator => "ThrottledGetShardIterator",
            FirehoseMetric::ThrottledRecords => "ThrottledRecords",
        }
    }

    /// The CloudWatch unit it is published in.
    pub const fn unit(self) -> &'static str {
        match self {
            FirehoseMetric::DataReadFromKinesisStreamBytes => "Bytes",
            FirehoseMetric::DataReadFromKinesisStreamRecords => "Count",
            FirehoseMetric::DeliveryToS3Bytes => "Bytes",
            FirehoseMetric::DeliveryToS3DataFreshness => "Seconds",
            FirehoseMetric::DeliveryToS3Records => "Count",
            FirehoseMetric::BackupToS3Bytes => "Bytes",
            FirehoseMetric::BackupToS3Records => "Count",
            FirehoseMetric::BackupToS3Success => "None",
            FirehoseMetric::DeliveryToS3Success => "None",
            FirehoseMetric::DeliveryToRedshiftBytes => "Bytes",
            FirehoseMetric::DeliveryToRedshiftRecords => "Count",
            FirehoseMetric::DeliveryToRedshiftSuccess => "None",
            FirehoseMetric::DeliveryToSplunkBytes => "Bytes",
            FirehoseMetric::DeliveryToSplunkRecords => "Count",
            FirehoseMetric::DeliveryToSplunkSuccess => "None",
            FirehoseMetric::DeliveryToSplunkDataAckLatency => "Seconds",
            FirehoseMetric::DeliveryToSplunkDataFreshness => "Seconds",
            FirehoseMetric::DeliveryToOpenSearchBytes => "Bytes",
            FirehoseMetric::DeliveryToOpenSearchRecords => "Count",
            FirehoseMetric::DeliveryToOpenSearchSuccess => "None",
            FirehoseMetric::SucceedConversionRecords => "Count",
            FirehoseMetric::SucceedConversionBytes => "Bytes",
            FirehoseMetric::FailedConversionRecords => "Count",
            FirehoseMetric::FailedConversionBytes => "Bytes",
            FirehoseMetric::SucceedProcessingRecords => "Count",
            FirehoseMetric::SucceedProcessingBytes => "Bytes",
            FirehoseMetric::ExecuteProcessingSuccess => "None",
            FirehoseMetric::ExecuteProcessingDuration => "Milliseconds",
            FirehoseMetric::IncomingBytes => "Bytes",
            FirehoseMetric::IncomingPutRequests => "Count",
            FirehoseMetric::IncomingRecords => "Count",
            FirehoseMetric::KinesisMillisBehindLatest => "Milliseconds",
            FirehoseMetric::PutRecordBytes => "Bytes",
            FirehoseMetric::PutRecordRequests => "Count",
            FirehoseMetric::PutRecordBatchBytes => "Bytes",
            FirehoseMetric::PutRecordBatchRecords => "Count",
            FirehoseMetric::PutRecordBatchRequests => "Count",
            FirehoseMetric::ThrottledDescribeStream => "Count",
            FirehoseMetric::ThrottledGetRecords => "Count",
            FirehoseMetric::ThrottledGetShardIterator => "Count",
            FirehoseMetric::ThrottledRecords => "Count",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = FirehoseMetric::ALL.iter().map(|m| m.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), FirehoseMetric::ALL.len());
    }
}
