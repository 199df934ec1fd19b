//! AWS-shaped errors: `{"__type": "...", "message": "..."}` on the wire.

use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;

/// An error as an AWS JSON-protocol service returns it.
///
/// On the wire it is `{"__type": "<ErrorType>", "message": "<text>"}`. Two details follow AWS:
/// a `SerializationException` spells its text `Message` (capital M, Coral's Java wording), and
/// an error without text (an unknown operation) has only `__type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    error_type: String,
    message: Option<String>,
}

impl ApiError {
    /// An error of `error_type` with the given message.
    pub fn new(error_type: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error_type: error_type.into(),
            message: Some(message.into()),
        }
    }

    /// An error that carries only its type, as AWS sends for unknown operations.
    pub fn bare(error_type: impl Into<String>) -> Self {
        Self {
            error_type: error_type.into(),
            message: None,
        }
    }

    /// The target names no operation this service has.
    pub fn unknown_operation() -> Self {
        Self::bare("UnknownOperationException")
    }

    /// The body is not the JSON structure the operation takes. AWS sends no text for a body
    /// that is not a JSON object.
    pub fn serialization(message: Option<String>) -> Self {
        Self {
            error_type: "SerializationException".into(),
            message,
        }
    }

    /// `ValidationException` with AWS's joined wording, built by [`crate::engine::Validation`].
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new("ValidationException", message)
    }

    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new("InvalidArgumentException", message)
    }

    pub fn resource_not_found(message: impl Into<String>) -> Self {
        Self::new("ResourceNotFoundException", message)
    }

    pub fn resource_in_use(message: impl Into<String>) -> Self {
        Self::new("ResourceInUseException", message)
    }

    pub fn limit_exceeded(message: impl Into<String>) -> Self {
        Self::new("LimitExceededException", message)
    }

    /// The AWS error type, e.g. `ResourceNotFoundException`.
    pub fn error_type(&self) -> &str {
        &self.error_type
    }

    /// The message AWS sends, if it sends one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status AWS answers this error with.
    pub fn http_status(&self) -> u16 {
        match self.error_type.as_str() {
            "InternalFailure" | "InternalFailureException" => 500,
            "ServiceUnavailableException" => 503,
            _ => 400,
        }
    }

    /// The wire body as a JSON value.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

impl Serialize for ApiError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("__type", &self.error_type)?;
        if let Some(message) = &self.message {
            let key = if self.error_type == "SerializationException" {
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
            Some(message) => write!(f, "{}: {}", self.error_type, message),
            None => f.write_str(&self.error_type),
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
        assert_eq!(ApiError::bare("InternalFailure").http_status(), 500);
    }
}
