//! Reading request bodies the way AWS's JSON protocol does: a field of the wrong JSON type is a
//! `SerializationException` in Coral's wording, before any validation runs.

use super::ApiError;
use serde_json::{Map, Value};

/// A request body that is known to be a JSON object.
#[derive(Debug, Clone, Copy)]
pub struct Body<'a>(pub &'a Map<String, Value>);

fn token(v: &Value) -> &'static str {
    match v {
        Value::Bool(true) => "TRUE_VALUE",
        Value::Bool(false) => "FALSE_VALUE",
        Value::String(_) => "STRING_VALUE",
        Value::Number(n) if n.is_f64() => "DECIMAL_VALUE",
        Value::Number(_) => "NUMBER_VALUE",
        Value::Array(_) => "Start of list",
        Value::Object(_) => "Start of structure or map",
        Value::Null => "null",
    }
}

/// The `SerializationException` for value `v` where a `wanted` was expected, one wording per
/// case as Coral words it today: a scalar of the wrong type "can not be converted to a String"
/// (or "an Integer"), a list or structure "found where not expected", and anything but a list
/// or a map where one is expected "Expected list or null" / "Expected map or null".
fn mismatch(v: &Value, wanted: &str) -> ApiError {
    let text = match (v, wanted) {
        (Value::Array(_), "List") | (Value::Object(_), "Map") => {
            unreachable!("the right type is not a mismatch")
        }
        (_, "List") => "Expected list or null".to_string(),
        (_, "Map") => "Expected map or null".to_string(),
        (Value::Array(_), _) => "Start of list found where not expected".to_string(),
        (Value::Object(_), _) => "Start of structure or map found where not expected.".to_string(),
        _ => {
            let article = if wanted.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "an"
            } else {
                "a"
            };
            format!("{} can not be converted to {article} {wanted}", token(v))
        }
    };
    ApiError::serialization(Some(text))
}

/// A list element or map value that must be a string, type-checked the way a string field is
/// (`None` for JSON null).
pub fn string_item(v: &Value) -> Result<Option<&str>, ApiError> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        other => Err(mismatch(other, "String")),
    }
}

impl<'a> Body<'a> {
    /// The body as an object, or the `SerializationException` AWS gives for anything else.
    pub fn of(value: &'a Value) -> Result<Self, ApiError> {
        match value {
            Value::Object(map) => Ok(Body(map)),
            _ => Err(ApiError::serialization(None)),
        }
    }

    fn field(&self, name: &str) -> Option<&'a Value> {
        match self.0.get(name) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// A member as it was sent, whatever its type (a search body, read as a whole).
    pub fn raw(&self, name: &str) -> Option<&'a Value> {
        self.field(name)
    }

    pub fn has(&self, name: &str) -> bool {
        self.field(name).is_some()
    }

    pub fn string(&self, name: &str) -> Result<Option<&'a str>, ApiError> {
        match self.field(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(mismatch(other, "String")),
        }
    }

    /// An `Integer` member: 32 bits, as in AWS's models. Coral truncates decimals and clamps
    /// a number beyond the range to its end, so "ShardCount": 99999999999 is checked (and
    /// printed in a validation message) as 2147483647.
    pub fn integer(&self, name: &str) -> Result<Option<i64>, ApiError> {
        let clamp = |i: i64| i.clamp(i64::from(i32::MIN), i64::from(i32::MAX));
        match self.field(name) {
            None => Ok(None),
            Some(Value::Number(n)) => match n.as_i64() {
                Some(i) => Ok(Some(clamp(i))),
                None => Ok(n.as_f64().map(|f| clamp(f as i64))),
            },
            Some(other) => Err(mismatch(other, "Integer")),
        }
    }

    pub fn boolean(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.field(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(mismatch(other, "Boolean")),
        }
    }

    /// A timestamp, sent as epoch seconds (a number) as the JSON protocol does.
    pub fn timestamp_millis(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.field(name) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64().map(|s| (s * 1000.0).round() as i64)),
            Some(other) => Err(mismatch(other, "Date")),
        }
    }

    pub fn list(&self, name: &str) -> Result<Option<&'a Vec<Value>>, ApiError> {
        match self.field(name) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(other) => Err(mismatch(other, "List")),
        }
    }

    pub fn object(&self, name: &str) -> Result<Option<Body<'a>>, ApiError> {
        match self.field(name) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(Body(map))),
            Some(other) => Err(mismatch(other, "Map")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_fields_and_rejects_wrong_types() {
        let v = json!({"Name": "s", "Count": 2, "Flag": true, "Bad": [1], "Nothing": null});
        let b = Body::of(&v).unwrap();
        assert_eq!(b.string("Name").unwrap(), Some("s"));
        assert_eq!(b.integer("Count").unwrap(), Some(2));
        assert_eq!(b.boolean("Flag").unwrap(), Some(true));
        assert_eq!(b.string("Nothing").unwrap(), None);
        assert_eq!(b.string("Missing").unwrap(), None);
        let e = b.string("Flag").unwrap_err();
        assert_eq!(
            e.to_json(),
            json!({"__type": "SerializationException",
                   "Message": "TRUE_VALUE can not be converted to a String"})
        );
        assert_eq!(
            b.integer("Name").unwrap_err().message(),
            Some("STRING_VALUE can not be converted to an Integer")
        );
        assert_eq!(
            b.string("Bad").unwrap_err().message(),
            Some("Start of list found where not expected")
        );
    }

    #[test]
    fn list_items_are_type_checked_like_fields() {
        assert_eq!(string_item(&json!("k")).unwrap(), Some("k"));
        assert_eq!(string_item(&json!(null)).unwrap(), None);
        assert_eq!(
            string_item(&json!(5)).unwrap_err().message(),
            Some("NUMBER_VALUE can not be converted to a String")
        );
        assert_eq!(
            string_item(&json!(["k"])).unwrap_err().message(),
            Some("Start of list found where not expected")
        );
    }

    #[test]
    fn lists_and_maps_name_what_they_expected() {
        let v = json!({"Tags": "k=v", "Keys": {"a": 1}, "N": 1.5, "B": false});
        let b = Body::of(&v).unwrap();
        assert_eq!(
            b.object("Tags").unwrap_err().message(),
            Some("Expected map or null")
        );
        assert_eq!(
            b.list("Keys").unwrap_err().message(),
            Some("Expected list or null")
        );
        assert_eq!(
            b.string("N").unwrap_err().message(),
            Some("DECIMAL_VALUE can not be converted to a String")
        );
        assert_eq!(
            b.integer("B").unwrap_err().message(),
            Some("FALSE_VALUE can not be converted to an Integer")
        );
        assert_eq!(
            b.boolean("N").unwrap_err().message(),
            Some("DECIMAL_VALUE can not be converted to a Boolean")
        );
    }

    #[test]
    fn non_objects_are_serialization_errors() {
        for v in [json!([]), json!("x"), json!(3), json!(null)] {
            let e = Body::of(&v).unwrap_err();
            assert_eq!(e.error_type(), "SerializationException");
            assert_eq!(e.message(), None);
        }
    }
}
