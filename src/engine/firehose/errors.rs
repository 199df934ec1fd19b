//! The error codes Firehose writes to a delivery stream's CloudWatch Logs (`errorCode`), as
//! AWS's troubleshooting guide names them: `<Service>.<Error>`.

use crate::engine::ErrorKind;
use std::fmt;

/// Why a delivery stream could not read its source or deliver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryError {
    /// The role may not read the source stream: `Kinesis.AccessDenied`.
    KinesisAccessDenied,
    /// The role may not write to the bucket: `S3.AccessDenied`.
    S3AccessDenied,
    /// The role may not use the bucket's KMS key: `S3.KMS.AccessDeniedException`.
    S3KmsAccessDenied,
    /// The bucket is gone: `S3.NoSuchBucket`.
    S3NoSuchBucket,
    /// S3 refused the object for another reason: `S3.<its error type>`.
    S3(ErrorKind),
    /// Invoking the transformation function failed: `Lambda.<…>`.
    Lambda(LambdaError),
    /// A record found no partition: `DynamicPartitioning.<…>` (the code).
    Partitioning(&'static str),
    /// A record could not be decompressed, its messages extracted, or split: the code.
    Unpacking(&'static str),
    /// An HTTP endpoint delivery's code (`HttpEndpoint.DestinationException`, …).
    Http(&'static str),
    /// A COPY into Amazon Redshift failed: its code (`Redshift.TableNotFound`, …).
    Redshift(&'static str),
    /// A Splunk delivery's code (`Splunk.AckTimeout`, …).
    Splunk(&'static str),
}

/// Why a transformation failed, with the message Firehose logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LambdaError {
    AssumeRoleAccessDenied,
    InvokeAccessDenied,
    JsonProcessingException,
    InvokeLimitExceeded,
    DuplicatedRecordId,
    MissingRecordId,
    ResourceNotFound,
    /// The function ran and ended with an error (or ran out of time).
    FunctionError,
    /// The function returned `ProcessingFailed` for the record.
    ProcessingFailed,
}

impl LambdaError {
    pub fn code(self) -> &'static str {
        match self {
            LambdaError::AssumeRoleAccessDenied => "Lambda.AssumeRoleAccessDenied",
            LambdaError::InvokeAccessDenied => "Lambda.InvokeAccessDenied",
            LambdaError::JsonProcessingException => "Lambda.JsonProcessingException",
            LambdaError::InvokeLimitExceeded => "Lambda.InvokeLimitExceeded",
            LambdaError::DuplicatedRecordId => "Lambda.DuplicatedRecordId",
            LambdaError::MissingRecordId => "Lambda.MissingRecordId",
            LambdaError::ResourceNotFound => "Lambda.ResourceNotFound",
            LambdaError::FunctionError => "Lambda.FunctionError",
            LambdaError::ProcessingFailed => "Lambda.ProcessingFailed",
        }
    }

    /// The message Firehose logs with the code (AWS's troubleshooting guide's wording;
    /// `FunctionError` and `ProcessingFailed` are the sandbox's own).
    pub fn message(self) -> &'static str {
        match self {
            LambdaError::AssumeRoleAccessDenied => "Access was denied. Ensure that the trust policy for the provided IAM role allows Kinesis Data Firehose to assume the role.",
            LambdaError::InvokeAccessDenied => "Access was denied. Ensure that the access policy allows access to the Lambda function.",
            LambdaError::JsonProcessingException => "There was an error parsing returned records from the Lambda function. Ensure that the returned records follow the status model required by Kinesis Data Firehose.",
            LambdaError::InvokeLimitExceeded => "The Lambda concurrent execution limit is exceeded. Increase the concurrent execution limit.",
            LambdaError::DuplicatedRecordId => "Multiple records were returned with the same record ID. Ensure that the Lambda function returns unique record IDs for each record.",
            LambdaError::MissingRecordId => "One or more record IDs were not returned. Ensure that the Lambda function returns all received record IDs.",
            LambdaError::ResourceNotFound => "The specified Lambda function does not exist. Use a different function that does exist.",
            LambdaError::FunctionError => "The Lambda function was successfully invoked but it returned an error result.",
            LambdaError::ProcessingFailed => "The Lambda function returned ProcessingFailed for this record.",
        }
    }
}

impl DeliveryError {
    /// The code as Firehose logs it.
    pub fn code(self) -> String {
        match self {
            DeliveryError::KinesisAccessDenied => "Kinesis.AccessDenied".into(),
            DeliveryError::S3AccessDenied => "S3.AccessDenied".into(),
            DeliveryError::S3KmsAccessDenied => "S3.KMS.AccessDeniedException".into(),
            DeliveryError::S3NoSuchBucket => "S3.NoSuchBucket".into(),
            DeliveryError::S3(kind) => format!("S3.{kind}"),
            DeliveryError::Lambda(e) => e.code().to_string(),
            DeliveryError::Partitioning(code)
            | DeliveryError::Unpacking(code)
            | DeliveryError::Http(code)
            | DeliveryError::Redshift(code)
            | DeliveryError::Splunk(code) => code.to_string(),
        }
    }
}

impl fmt::Display for DeliveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_firehose_logs_them() {
        assert_eq!(
            DeliveryError::KinesisAccessDenied.code(),
            "Kinesis.AccessDenied"
        );
        assert_eq!(
            DeliveryError::S3(ErrorKind::KeyTooLongError).to_string(),
            "S3.KeyTooLongError"
        );
    }
}
