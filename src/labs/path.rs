//! The little query language lab goals use to pick a value out of an API answer: a subset of
//! JMESPath, the language of the AWS CLI's `--query`.
//!
//! - `StreamDescriptionSummary.OpenShardCount`: fields, dot-separated;
//! - `Shards[0].ShardId`, `Shards[-1]`: an element (negative counts from the end);
//! - `Shards[*].ShardId`: every element (a projection, giving a list);
//! - `Tags[?Key=='Project'].Value`: the elements whose field equals a literal (`'text'`, a
//!   number, `true`, `false`), also a projection;
//! - `length(Contents)`: the length of a list, a string or an object.

use serde_json::Value;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Field(String),
    Index(i64),
    Every,
    Filter { field: String, equals: Value },
}

/// A parsed path.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    segments: Vec<Segment>,
    length: bool,
}

/// Why a path does not parse: the text and what is wrong at which character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub position: usize,
    pub message: String,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.position + 1)
    }
}

fn is_field_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: impl Into<String>) -> PathError {
        PathError {
            position: self.pos,
            message: message.into(),
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn field(&mut self) -> Result<String, PathError> {
        let len = self
            .rest()
            .find(|c: char| !is_field_char(c))
            .unwrap_or(self.rest().len());
        if len == 0 {
            return Err(self.error("expected a field name"));
        }
        let name = self.rest()[..len].to_string();
        self.pos += len;
        Ok(name)
    }

    fn literal(&mut self) -> Result<Value, PathError> {
        if self.eat("'") {
            let end = self
                .rest()
                .find('\'')
                .ok_or_else(|| self.error("a quoted text is not closed with '"))?;
            let text = self.rest()[..end].to_string();
            self.pos += end + 1;
            return Ok(Value::String(text));
        }
        if self.eat("true") {
            return Ok(Value::Bool(true));
        }
        if self.eat("false") {
            return Ok(Value::Bool(false));
        }
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.'))
            .unwrap_or(self.rest().len());
        let number: serde_json::Number = self.rest()[..len]
            .parse()
            .map_err(|_| self.error("expected 'text', a number, true or false"))?;
        self.pos += len;
        Ok(Value::Number(number))
    }

    fn bracket(&mut self) -> Result<Segment, PathError> {
        if self.eat("*]") {
            return Ok(Segment::Every);
        }
        if self.eat("?") {
            let field = self.field()?;
            if !self.eat("==") {
                return Err(self.error("expected == in a filter"));
            }
            let equals = self.literal()?;
            if !self.eat("]") {
                return Err(self.error("expected ] to close the filter"));
            }
            return Ok(Segment::Filter { field, equals });
        }
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_digit() || c == '-'))
            .unwrap_or(self.rest().len());
        let index: i64 = self.rest()[..len]
            .parse()
            .map_err(|_| self.error("expected an index, * or ?field=='value'"))?;
        self.pos += len;
        if !self.eat("]") {
            return Err(self.error("expected ]"));
        }
        Ok(Segment::Index(index))
    }
}

impl Path {
    pub fn parse(text: &str) -> Result<Path, PathError> {
        let (inner, length, offset) = match text
            .strip_prefix("length(")
            .and_then(|t| t.strip_suffix(')'))
        {
            Some(inner) => (inner, true, "length(".len()),
            None => (text, false, 0),
        };
        let mut p = Parser {
            text: inner,
            pos: 0,
        };
        let mut segments = vec![Segment::Field(p.field().map_err(|e| PathError {
            position: e.position + offset,
            ..e
        })?)];
        while p.pos < inner.len() {
            let segment = if p.eat(".") {
                p.field().map(Segment::Field)
            } else if p.eat("[") {
                p.bracket()
            } else {
                Err(p.error("expected . or ["))
            };
            segments.push(segment.map_err(|e| PathError {
                position: e.position + offset,
                ..e
            })?);
        }
        Ok(Path { segments, length })
    }

    /// Whether the path gives a list of every match rather than one value.
    pub fn projects(&self) -> bool {
        !self.length
            && self
                .segments
                .iter()
                .any(|s| matches!(s, Segment::Every | Segment::Filter { .. }))
    }

    /// The value at the path, `None` when there is none. A projection gives a list (maybe
    /// empty) of the matches.
    pub fn find(&self, root: &Value) -> Option<Value> {
        let found = walk(&self.segments, root);
        if self.length {
            let v = found?;
            let n = match &v {
                Value::Array(a) => a.len(),
                Value::String(s) => s.chars().count(),
                Value::Object(o) => o.len(),
                _ => return None,
            };
            return Some(Value::from(n));
        }
        found
    }
}

fn walk(segments: &[Segment], value: &Value) -> Option<Value> {
    let Some((first, rest)) = segments.split_first() else {
        return Some(value.clone());
    };
    match first {
        Segment::Field(name) => walk(rest, value.get(name)?),
        Segment::Index(i) => {
            let list = value.as_array()?;
            let at = if *i < 0 {
                list.len().checked_sub(i.unsigned_abs() as usize)?
            } else {
                *i as usize
            };
            walk(rest, list.get(at)?)
        }
        Segment::Every | Segment::Filter { .. } => {
            let list = value.as_array()?;
            let kept = list.iter().filter(|item| match first {
                Segment::Filter { field, equals } => {
                    item.get(field).is_some_and(|v| same(v, equals))
                }
                _ => true,
            });
            let mut out = Vec::new();
            for item in kept {
                match walk(rest, item)? {
                    // A projection of a projection flattens, like JMESPath's.
                    Value::Array(inner)
                        if rest
                            .iter()
                            .any(|s| matches!(s, Segment::Every | Segment::Filter { .. })) =>
                    {
                        out.extend(inner)
                    }
                    v => out.push(v),
                }
            }
            Some(Value::Array(out))
        }
    }
}

/// Equality where numbers compare by value (`2` equals `2.0`).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(path: &str, v: &Value) -> Option<Value> {
        Path::parse(path).unwrap().find(v)
    }

    #[test]
    fn fields_indexes_projections_filters_and_length() {
        let v = json!({
            "S": {"Status": "ACTIVE", "Open": 2},
            "Shards": [{"Id": "a", "R": {"S": "0"}}, {"Id": "b", "R": {"S": "9"}}],
            "Tags": [{"Key": "Project", "Value": "ml"}, {"Key": "Env", "Value": "dev"}],
        });
        assert_eq!(q("S.Status", &v), Some(json!("ACTIVE")));
        assert_eq!(q("S.Nope", &v), None);
        assert_eq!(q("Shards[1].Id", &v), Some(json!("b")));
        assert_eq!(q("Shards[-1].R.S", &v), Some(json!("9")));
        assert_eq!(q("Shards[5]", &v), None);
        assert_eq!(q("Shards[*].Id", &v), Some(json!(["a", "b"])));
        assert_eq!(q("Tags[?Key=='Env'].Value", &v), Some(json!(["dev"])));
        assert_eq!(q("Tags[?Key=='None'].Value", &v), Some(json!([])));
        assert_eq!(q("length(Shards)", &v), Some(json!(2)));
        assert_eq!(q("length(S.Status)", &v), Some(json!(6)));
        assert!(Path::parse("Shards[*].Id").unwrap().projects());
        assert!(!Path::parse("length(Shards[*])").unwrap().projects());
    }

    #[test]
    fn bad_paths_say_where() {
        let e = Path::parse("S..Status").unwrap_err();
        assert_eq!(e.position, 2);
        assert_eq!(e.message, "expected a field name");
        assert!(Path::parse("Shards[x]").is_err());
        assert!(Path::parse("Tags[?Key='x']").is_err());
        assert!(Path::parse("Tags[?Key=='x]").is_err());
        assert_eq!(Path::parse("length(a b)").unwrap_err().position, 8);
    }
}
