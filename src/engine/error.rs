//! AWS-shaped errors: `{"__type": "...", "message": "..."}` on the wire.

use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;

/// Every kind of error the simulated services answer with. `Display` (and [`ErrorKind::as_str`])
/// is AWS's `__type`, the name SDKs and the CLI show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The caller may not do this.
    AccessDeniedException,
    /// Glue: a database or table of that name exists.
    AlreadyExistsException,
    /// S3: the bucket exists and is yours.
    BucketAlreadyOwnedByYou,
    /// Kinesis Video Streams: too many calls; try again later.
    ClientLimitExceededException,
    /// Firehose: the version id given is not the current one.
    ConcurrentModificationException,
    /// IAM: the role still has policies.
    DeleteConflict,
    /// IAM: a role of that name exists.
    EntityAlreadyExists,
    /// Glue: no database, table or table version of that name.
    EntityNotFoundException,
    /// Kinesis: the shard iterator is older than five minutes.
    ExpiredIteratorException,
    /// Kinesis: the pagination token has expired.
    ExpiredNextTokenException,
    /// The service failed.
    InternalFailure,
    /// S3: an argument is invalid.
    InvalidArgument,
    /// Kinesis, Firehose: an argument is invalid.
    InvalidArgumentException,
    /// S3: the bucket name breaks the naming rules.
    InvalidBucketName,
    /// IAM: the input is invalid.
    InvalidInput,
    /// Glue: the input is invalid (a column type that is not a Hive type, a bad token).
    InvalidInputException,
    /// S3: the object's body is not available.
    InvalidObjectState,
    /// CloudWatch: parameters that can't go together.
    InvalidParameterCombination,
    /// CloudWatch Logs: a parameter is invalid.
    InvalidParameterException,
    /// CloudWatch: a parameter value is invalid.
    InvalidParameterValue,
    /// Lambda: a parameter's value is not valid (a role Lambda cannot assume, a package that is not a ZIP file).
    InvalidParameterValueException,
    /// Lambda: the request body (an Invoke payload) is not JSON.
    InvalidRequestContentException,
    /// Firehose: with CloudWatch Logs decompression on, a put that is not from CloudWatch Logs.
    InvalidSourceException,
    /// Kinesis Data Generator: the template does not compile.
    InvalidTemplateException,
    /// S3: the object key is over 1,024 bytes.
    KeyTooLongError,
    /// A limit of the account or resource is reached.
    LimitExceededException,
    /// IAM: the policy document is not valid.
    MalformedPolicyDocument,
    /// CloudWatch: a required parameter is missing.
    MissingParameter,
    /// Kinesis Video Streams: the stream keeps no data (retention 0) for archived media.
    NoDataRetentionException,
    /// Kinesis Video Streams: the account has as many signaling channels as it may.
    AccountChannelLimitExceededException,
    /// Kinesis Video Streams: the stream's media is not a codec playback or clips take.
    UnsupportedStreamMediaTypeException,
    /// Kinesis Video Streams: the stream's track has no codec private data.
    MissingCodecPrivateDataException,
    /// Kinesis Video Streams: the stream's codec private data cannot be read.
    InvalidCodecPrivateDataException,
    /// Kinesis Video Streams: the caller may not, or its session token has expired.
    NotAuthorizedException,
    /// Redshift: a cluster of that identifier exists.
    ClusterAlreadyExists,
    /// Redshift: no cluster of that identifier.
    ClusterNotFound,
    /// Redshift: the cluster's state does not allow it (still creating, being deleted).
    InvalidClusterState,
    /// S3: no bucket of that name.
    NoSuchBucket,
    /// IAM: no role or policy of that name.
    NoSuchEntity,
    /// S3: no object with that key.
    NoSuchKey,
    /// S3 HeadObject: no such object (HEAD has no body, so only the status).
    NotFound,
    /// A request the SDK itself would refuse.
    ParamValidationError,
    /// Lambda: the RevisionId given is not the function's latest.
    PreconditionFailedException,
    /// Kinesis: a shard's read or write limit is exceeded.
    ProvisionedThroughputExceededException,
    /// Lambda: the request payload is over the 6 MB limit.
    RequestTooLargeException,
    /// CloudWatch Logs: the group or stream exists.
    ResourceAlreadyExistsException,
    /// Lambda: a function of that name exists.
    ResourceConflictException,
    /// The resource is not in a state that allows this.
    ResourceInUseException,
    /// No resource of that name.
    ResourceNotFoundException,
    /// The body is not the JSON structure the operation takes.
    SerializationException,
    /// Lambda: the service could not do it.
    ServiceException,
    /// Firehose: throughput exceeded; back off and retry.
    ServiceUnavailableException,
    /// Kinesis Video Streams: more than 50 tags on a stream.
    TagsPerResourceExceededLimitException,
    /// The target names no operation.
    UnknownOperationException,
    /// A member fails its constraints.
    ValidationException,
    /// Kinesis Video Streams: the version given is not the stream's current version.
    VersionMismatchException,
}

impl ErrorKind {
    /// Every kind, for look-ups by name.
    pub const ALL: &[ErrorKind] = &[
        ErrorKind::AccessDeniedException,
        ErrorKind::AlreadyExistsException,
        ErrorKind::BucketAlreadyOwnedByYou,
        ErrorKind::ClientLimitExceededException,
        ErrorKind::ConcurrentModificationException,
        ErrorKind::DeleteConflict,
        ErrorKind::EntityAlreadyExists,
        ErrorKind::EntityNotFoundException,
        ErrorKind::ExpiredIteratorException,
        ErrorKind::ExpiredNextTokenException,
        ErrorKind::InternalFailure,
        ErrorKind::InvalidArgument,
        ErrorKind::InvalidArgumentException,
        ErrorKind::InvalidBucketName,
        ErrorKind::InvalidInput,
        ErrorKind::InvalidInputException,
        ErrorKind::InvalidObjectState,
        ErrorKind::InvalidParameterCombination,
        ErrorKind::InvalidParameterException,
        ErrorKind::InvalidParameterValue,
        ErrorKind::InvalidParameterValueException,
        ErrorKind::InvalidRequestContentException,
        ErrorKind::InvalidSourceException,
        ErrorKind::InvalidTemplateException,
        ErrorKind::KeyTooLongError,
        ErrorKind::LimitExceededException,
        ErrorKind::MalformedPolicyDocument,
        ErrorKind::MissingParameter,
        ErrorKind::NoDataRetentionException,
        ErrorKind::AccountChannelLimitExceededException,
        ErrorKind::UnsupportedStreamMediaTypeException,
        ErrorKind::MissingCodecPrivateDataException,
        ErrorKind::InvalidCodecPrivateDataException,
        ErrorKind::NotAuthorizedException,
        ErrorKind::ClusterAlreadyExists,
        ErrorKind::ClusterNotFound,
        ErrorKind::InvalidClusterState,
        ErrorKind::NoSuchBucket,
        ErrorKind::NoSuchEntity,
        ErrorKind::NoSuchKey,
        ErrorKind::NotFound,
        ErrorKind::ParamValidationError,
        ErrorKind::PreconditionFailedException,
        ErrorKind::ProvisionedThroughputExceededException,
        ErrorKind::RequestTooLargeException,
        ErrorKind::ResourceAlreadyExistsException,
        ErrorKind::ResourceConflictException,
        ErrorKind::ResourceInUseException,
        ErrorKind::ResourceNotFoundException,
        ErrorKind::SerializationException,
        ErrorKind::ServiceException,
        ErrorKind::ServiceUnavailableException,
        ErrorKind::TagsPerResourceExceededLimitException,
        ErrorKind::UnknownOperationException,
        ErrorKind::ValidationException,
        ErrorKind::VersionMismatchException,
    ];

    /// AWS's `__type` for this kind.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::PreconditionFailedException => "PreconditionFailedException",
            ErrorKind::ServiceException => "ServiceException",
            ErrorKind::ResourceConflictException => "ResourceConflictException",
            ErrorKind::RequestTooLargeException => "RequestTooLargeException",
            ErrorKind::InvalidRequestContentException => "InvalidRequestContentException",
            ErrorKind::InvalidSourceException => "InvalidSourceException",
            ErrorKind::InvalidParameterValueException => "InvalidParameterValueException",
            ErrorKind::AccessDeniedException => "AccessDeniedException",
            ErrorKind::AlreadyExistsException => "AlreadyExistsException",
            ErrorKind::BucketAlreadyOwnedByYou => "BucketAlreadyOwnedByYou",
            ErrorKind::ConcurrentModificationException => "ConcurrentModificationException",
            ErrorKind::DeleteConflict => "DeleteConflict",
            ErrorKind::EntityAlreadyExists => "EntityAlreadyExists",
            ErrorKind::EntityNotFoundException => "EntityNotFoundException",
            ErrorKind::ExpiredIteratorException => "ExpiredIteratorException",
            ErrorKind::ExpiredNextTokenException => "ExpiredNextTokenException",
            ErrorKind::InternalFailure => "InternalFailure",
            ErrorKind::InvalidArgument => "InvalidArgument",
            ErrorKind::InvalidArgumentException => "InvalidArgumentException",
            ErrorKind::InvalidBucketName => "InvalidBucketName",
            ErrorKind::InvalidInput => "InvalidInput",
            ErrorKind::InvalidInputException => "InvalidInputException",
            ErrorKind::InvalidObjectState => "InvalidObjectState",
            ErrorKind::InvalidParameterCombination => "InvalidParameterCombination",
            ErrorKind::InvalidParameterException => "InvalidParameterException",
            ErrorKind::InvalidParameterValue => "InvalidParameterValue",
            ErrorKind::InvalidTemplateException => "InvalidTemplateException",
            ErrorKind::KeyTooLongError => "KeyTooLongError",
            ErrorKind::LimitExceededException => "LimitExceededException",
            ErrorKind::MalformedPolicyDocument => "MalformedPolicyDocument",
            ErrorKind::MissingParameter => "MissingParameter",
            ErrorKind::NoSuchBucket => "NoSuchBucket",
            ErrorKind::NoSuchEntity => "NoSuchEntity",
            ErrorKind::NoSuchKey => "NoSuchKey",
            ErrorKind::NotFound => "404",
            ErrorKind::ParamValidationError => "ParamValidationError",
            ErrorKind::ProvisionedThroughputExceededException => {
                "ProvisionedThroughputExceededException"
            }
            ErrorKind::ResourceAlreadyExistsException => "ResourceAlreadyExistsException",
            ErrorKind::ResourceInUseException => "ResourceInUseException",
            ErrorKind::ResourceNotFoundException => "ResourceNotFoundException",
            ErrorKind::SerializationException => "SerializationException",
            ErrorKind::ServiceUnavailableException => "ServiceUnavailableException",
            ErrorKind::UnknownOperationException => "UnknownOperationException",
            ErrorKind::ValidationException => "ValidationException",
            ErrorKind::VersionMismatchException => "VersionMismatchException",
            ErrorKind::TagsPerResourceExceededLimitException => {
                "TagsPerResourceExceededLimitException"
            }
            ErrorKind::NoDataRetentionException => "NoDataRetentionException",
            ErrorKind::ClientLimitExceededException => "ClientLimitExceededException",
            ErrorKind::AccountChannelLimitExceededException => {
                "AccountChannelLimitExceededException"
            }
            ErrorKind::UnsupportedStreamMediaTypeException => "UnsupportedStreamMediaTypeException",
            ErrorKind::MissingCodecPrivateDataException => "MissingCodecPrivateDataException",
            ErrorKind::InvalidCodecPrivateDataException => "InvalidCodecPrivateDataException",
            ErrorKind::NotAuthorizedException => "NotAuthorizedException",
            ErrorKind::ClusterAlreadyExists => "ClusterAlreadyExists",
            ErrorKind::ClusterNotFound => "ClusterNotFound",
            ErrorKind::InvalidClusterState => "InvalidClusterState",
        }
    }

    /// The kind whose `__type` is `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == name)
    }

    /// The HTTP status AWS answers this kind with.
    pub const fn http_status(self) -> u16 {
        match self {
            ErrorKind::InternalFailure => 500,
            ErrorKind::ServiceUnavailableException => 503,
            ErrorKind::ServiceException => 500,
            ErrorKind::ResourceConflictException => 409,
            ErrorKind::PreconditionFailedException => 412,
            ErrorKind::RequestTooLargeException => 413,
            ErrorKind::NotAuthorizedException => 401,
            _ => 400,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error as an AWS JSON-protocol service returns it.
///
/// On the wire it is `{"__type": "<ErrorType>", "message": "<text>"}`. Two details follow AWS:
/// a `SerializationException` spells its text `Message` (capital M, Coral's Java wording), and
/// an error without text (an unknown operation) has only `__type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    kind: ErrorKind,
    message: Option<String>,
}

impl ApiError {
    /// An error of `error_type` with the given message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: Some(message.into()),
        }
    }

    /// An error that carries only its type, as AWS sends for unknown operations.
    pub fn bare(kind: ErrorKind) -> Self {
        Self {
            kind,
            message: None,
        }
    }

    /// The target names no operation this service has.
    pub fn unknown_operation() -> Self {
        Self::bare(ErrorKind::UnknownOperationException)
    }

    /// The body is not the JSON structure the operation takes. AWS sends no text for a body
    /// that is not a JSON object.
    pub fn serialization(message: Option<String>) -> Self {
        Self {
            kind: ErrorKind::SerializationException,
            message,
        }
    }

    /// `ValidationException` with AWS's joined wording, built by [`crate::engine::Validation`].
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ValidationException, message)
    }

    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidArgumentException, message)
    }

    pub fn resource_not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ResourceNotFoundException, message)
    }

    pub fn resource_in_use(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ResourceInUseException, message)
    }

    pub fn limit_exceeded(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::LimitExceededException, message)
    }

    /// The AWS error type, e.g. `ResourceNotFoundException`.
    pub fn error_type(&self) -> &'static str {
        self.kind.as_str()
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message AWS sends, if it sends one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status AWS answers this error with.
    pub fn http_status(&self) -> u16 {
        self.kind.http_status()
    }

    /// The wire body as a JSON value.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

impl Serialize for ApiError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("__type", self.kind.as_str())?;
        if let Some(message) = &self.message {
            let key = if self.kind == ErrorKind::SerializationException {
                "Message"
            } else {
                "message"
            };
            map.serialize_entry(key, message)?;
        }
        map.end()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(message) => write!(f, "{}: {}", self.kind, message),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serialises_like_the_json_protocol() {
        let e = ApiError::resource_not_found("Stream x under account 123456789012 not found.");
        assert_eq!(
            e.to_json(),
            json!({"__type": "ResourceNotFoundException",
                   "message": "Stream x under account 123456789012 not found."})
        );
        assert_eq!(
            ApiError::unknown_operation().to_json(),
            json!({"__type": "UnknownOperationException"})
        );
        assert_eq!(
            ApiError::serialization(Some("bad".into())).to_json(),
            json!({"__type": "SerializationException", "Message": "bad"})
        );
    }

    #[test]
    fn status_codes() {
        assert_eq!(ApiError::unknown_operation().http_status(), 400);
        assert_eq!(
            ApiError::bare(ErrorKind::InternalFailure).http_status(),
            500
        );
        for kind in ErrorKind::ALL {
            assert_eq!(ErrorKind::from_name(kind.as_str()), Some(*kind));
        }
        assert_eq!(ErrorKind::from_name("NoSuchThing"), None);
    }
}
