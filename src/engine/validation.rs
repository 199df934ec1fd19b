//! AWS's `ValidationException` wording: `1 validation error detected: Value 'x' at 'streamName'
//! failed to satisfy constraint: Member must ...`, several errors joined with `; `.

use super::ApiError;

/// A `pattern` constraint: the regular expression as AWS prints it, and the test for it.
pub type Pattern<'a> = (&'a str, fn(&str) -> bool);

/// Collects constraint failures for one request and turns them into one `ValidationException`.
#[derive(Debug, Default)]
pub struct Validation {
    errors: Vec<String>,
}

/// AWS reports at most this many constraint failures in one message.
const MAX_REPORTED: usize = 10;

impl Validation {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `value` (rendered as AWS renders it, `None` for null) at the camelCase
    /// `path` failed `constraint`.
    pub fn fail(&mut self, value: Option<&str>, path: &str, constraint: &str) {
        let shown = match value {
            Some(v) => format!("'{v}'"),
            None => "null".to_string(),
        };
        self.errors.push(format!(
            "Value {shown} at '{path}' failed to satisfy constraint: {constraint}"
        ));
    }

    /// `Member must not be null` when `value` is missing.
    pub fn required<T>(&mut self, value: Option<T>, path: &str) -> Option<T> {
        if value.is_none() {
            self.fail(None, path, "Member must not be null");
        }
        value
    }

    /// The length and pattern rules AWS applies to names such as `StreamName`.
    pub fn name(
        &mut self,
        value: &str,
        path: &str,
        max_len: usize,
        pattern: &str,
        allowed: fn(char) -> bool,
    ) {
        let len = value.chars().count();
        if len < 1 {
            self.fail(
                Some(value),
                path,
                "Member must have length greater than or equal to 1",
            );
        }
        if len > max_len {
            self.fail(
                Some(value),
                path,
                &format!("Member must have length less than or equal to {max_len}"),
            );
        }
        if !value.chars().all(allowed) {
            self.fail(
                Some(value),
                path,
                &format!("Member must satisfy regular expression pattern: {pattern}"),
            );
        }
    }

    /// A string member with an optional `pattern` and `min..=max` length, checked in the order
    /// Coral prints the failures: the pattern, then the minimum length, then the maximum. An
    /// empty value breaks a `+` pattern and a minimum of 1, and AWS reports both.
    /// [`Validation::string`] for a member that may be absent.
    pub fn optional_string(
        &mut self,
        value: Option<&str>,
        path: &str,
        pattern: Option<Pattern<'_>>,
        min: usize,
        max: usize,
    ) {
        if let Some(value) = value {
            self.string(value, path, pattern, min, max);
        }
    }

    pub fn string(
        &mut self,
        value: &str,
        path: &str,
        pattern: Option<Pattern<'_>>,
        min: usize,
        max: usize,
    ) {
        if let Some((shown, matches)) = pattern {
            if !matches(value) {
                self.fail(
                    Some(value),
                    path,
                    &format!("Member must satisfy regular expression pattern: {shown}"),
                );
            }
        }
        let len = value.chars().count();
        if len < min {
            self.fail(
                Some(value),
                path,
                &format!("Member must have length greater than or equal to {min}"),
            );
        }
        if len > max {
            self.fail(
                Some(value),
                path,
                &format!("Member must have length less than or equal to {max}"),
            );
        }
    }

    /// A number that must lie in `min..=max`.
    pub fn range(&mut self, value: i64, path: &str, min: i64, max: i64) {
        if value < min {
            self.fail(
                Some(&value.to_string()),
                path,
                &format!("Member must have value greater than or equal to {min}"),
            );
        }
        if value > max {
            self.fail(
                Some(&value.to_string()),
                path,
                &format!("Member must have value less than or equal to {max}"),
            );
        }
    }

    /// A member that must be one of `values`, in Coral's words; `value` when given.
    pub fn one_of<'a>(
        &mut self,
        value: Option<&'a str>,
        path: &str,
        values: &[&str],
    ) -> Option<&'a str> {
        if let Some(x) = value.filter(|x| !values.contains(x)) {
            self.fail(
                Some(x),
                path,
                &format!(
                    "Member must satisfy enum value set: [{}]",
                    values.join(", ")
                ),
            );
        }
        value
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok(())` when nothing failed, otherwise the `ValidationException`.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            return Ok(());
        }
        // Coral stops at ten: the count says 10 even when more members failed.
        let n = self.errors.len().min(MAX_REPORTED);
        let noun = if n == 1 { "error" } else { "errors" };
        let shown: Vec<&str> = self
            .errors
            .iter()
            .take(MAX_REPORTED)
            .map(String::as_str)
            .collect();
        Err(ApiError::validation(format!(
            "{n} validation {noun} detected: {}",
            shown.join("; ")
        )))
    }
}

/// Whether `value` matches `[a-zA-Z0-9_.-]+`: one or more name characters.
pub fn is_name(value: &str) -> bool {
    !value.is_empty() && value.chars().all(is_name_char)
}

/// Characters AWS allows in stream, consumer and delivery stream names: `[a-zA-Z0-9_.-]`.
pub fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_error_reads_like_aws() {
        let mut v = Validation::new();
        v.name(
            "bad name!",
            "streamName",
            128,
            "[a-zA-Z0-9_.-]+",
            is_name_char,
        );
        let e = v.finish().unwrap_err();
        assert_eq!(e.error_type(), "ValidationException");
        assert_eq!(
            e.message().unwrap(),
            "1 validation error detected: Value 'bad name!' at 'streamName' failed to satisfy \
             constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
        );
    }

    #[test]
    fn an_empty_value_breaks_the_pattern_and_the_minimum_length() {
        let mut v = Validation::new();
        v.string("", "streamName", Some(("[a-zA-Z0-9_.-]+", is_name)), 1, 128);
        assert_eq!(
            v.finish().unwrap_err().message().unwrap(),
            "2 validation errors detected: Value '' at 'streamName' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at \
             'streamName' failed to satisfy constraint: Member must have length greater than or \
             equal to 1"
        );
    }

    #[test]
    fn several_errors_are_joined() {
        let mut v = Validation::new();
        v.required(None::<&str>, "streamName");
        v.range(0, "shardCount", 1, 100_000);
        let msg = v.finish().unwrap_err().message().unwrap().to_string();
        assert!(msg.starts_with("2 validation errors detected: Value null at 'streamName'"));
        assert!(msg.contains("; Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1"));
    }
}
