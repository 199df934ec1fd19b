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
