//! What the blueprints' JavaScript does with text, in Rust: Node's `Buffer` encodings, the
//! character classes of a JavaScript regular expression without the `u` flag, template-literal
//! and `JSON.stringify` output, and the `TypeError`s a missing property gives.

use serde_json::Value;

use super::HandlerError;

/// `Buffer.from(text, 'base64')`: Node's forgiving decoder. Both alphabets (`+/` and `-_`),
/// anything else skipped, decoding stops at the first `=`, and a last partial group gives
/// the whole bytes it holds.
pub fn base64_decode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut acc, mut held) = (0u32, 0u32);
    for ch in text.chars() {
        let sextet = match ch {
            'A'..='Z' => ch as u32 - 'A' as u32,
            'a'..='z' => ch as u32 - 'a' as u32 + 26,
            '0'..='9' => ch as u32 - '0' as u32 + 52,
            '+' | '-' => 62,
            '/' | '_' => 63,
            '=' => break,
            _ => continue,
        };
        acc = (acc << 6) | sextet;
        held += 1;
        if held == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            (acc, held) = (0, 0);
        }
    }
    match held {
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => {}
    }
    out
}

/// `buffer.toString('base64')`: the standard alphabet, padded.
pub fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `buffer.toString('utf8')`: each ill-formed sequence becomes U+FFFD.
pub fn utf8(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `buffer.toString('ascii')`: Node clears each byte's high bit.
pub fn ascii(bytes: &[u8]) -> String {
    bytes.iter().map(|b| char::from(b & 0x7f)).collect()
}

/// `\s` in a JavaScript regular expression: white space and line terminators.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// What `.` does not match.
pub fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// `\w`: ASCII letters, digits and `_`.
pub fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A number as JavaScript prints it (`String(n)`, `${n}`).
pub fn number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if n == 0.0 {
        return "0".into();
    }
    let abs = n.abs();
    if (1e-6..1e21).contains(&abs) {
        return format!("{n}");
    }
    // Exponent form: Rust writes `1.5e-7` and `1e21`, JavaScript `1.5e-7` and `1e+21`.
    let text = format!("{n:e}");
    match text.split_once('e') {
        Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
        _ => text,
    }
}

/// A JSON number as JavaScript holds it (a double).
pub fn json_number(n: &serde_json::Number) -> f64 {
    n.as_f64().unwrap_or(f64::NAN)
}

/// `${value}` in a template literal, for a value read from JSON (`None`: `undefined`).
pub fn template(value: Option<&Value>) -> String {
    match value {
        None => "undefined".into(),
        Some(Value::Null) => "null".into(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => number(json_number(n)),
        Some(Value::String(s)) => s.clone(),
        // Array.prototype.toString: the elements joined with commas, null and undefined empty.
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::Null => String::new(),
                other => template(Some(other)),
            })
            .collect::<Vec<_>>()
            .join(","),
        Some(Value::Object(_)) => "[object Object]".into(),
    }
}

/// `JSON.stringify` of a string.
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serialises")
}

/// `JSON.stringify` of a number: `null` for NaN and the infinities.
pub fn json_number_text(n: f64) -> String {
    if n.is_finite() {
        number(n)
    } else {
        "null".into()
    }
}

/// `Number(digits)` for a string of ASCII digits.
pub fn digits_to_number(digits: &str) -> f64 {
    digits.parse::<f64>().unwrap_or(f64::NAN)
}

/// `value.key` where JavaScript would read it: `Ok(None)` is `undefined`; reading a property of
/// `null` throws the `TypeError` V8 gives (a JSON value is never `undefined` itself).
pub fn property<'a>(value: &'a Value, key: &str) -> Result<Option<&'a Value>, HandlerError> {
    match value {
        Value::Null => Err(HandlerError::type_error(format!(
            "Cannot read properties of null (reading '{key}')"
        ))),
        Value::Object(map) => Ok(map.get(key)),
        _ => Ok(None),
    }
}

/// `value.key` on something that may itself be `undefined`.
pub fn property_of<'a>(
    value: Option<&'a Value>,
    key: &str,
) -> Result<Option<&'a Value>, HandlerError> {
    match value {
        None => Err(HandlerError::type_error(format!(
            "Cannot read properties of undefined (reading '{key}')"
        ))),
        Some(v) => property(v, key),
    }
}

/// JavaScript truthiness of a value read from JSON.
pub fn truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => {
            let n = json_number(n);
            n != 0.0 && !n.is_nan()
        }
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(_) | Value::Object(_)) => true,
    }
}

/// `event.records.map(…)`: the records, or the `TypeError` the call gives.
pub fn records(event: &Value) -> Result<&[Value], HandlerError> {
    match property(event, "records")? {
        Some(Value::Array(items)) => Ok(items),
        None => Err(HandlerError::type_error(
            "Cannot read properties of undefined (reading 'map')",
        )),
        Some(Value::Null) => Err(HandlerError::type_error(
            "Cannot read properties of null (reading 'map')",
        )),
        Some(_) => Err(HandlerError::type_error(
            "event.records.map is not a function",
        )),
    }
}

/// `Buffer.from(value, encoding)` where the value must be a string: the string, or the
/// `TypeError` Node gives.
pub fn buffer_source(value: Option<&Value>) -> Result<&str, HandlerError> {
    let received = match value {
        Some(Value::String(s)) => return Ok(s),
        None => "undefined".to_string(),
        Some(Value::Null) => "null".to_string(),
        Some(Value::Bool(b)) => format!("type boolean ({b})"),
        Some(Value::Number(n)) => format!("type number ({})", number(json_number(n))),
        Some(Value::Array(_)) => "an instance of Array".to_string(),
        Some(Value::Object(_)) => "an instance of Object".to_string(),
    };
    Err(HandlerError::type_error(format!(
        "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or \
         Array or an Array-like Object. Received {received}"
    )))
}

/// An output record, as `JSON.stringify` writes `{recordId: record.recordId, result, data}`:
/// an `undefined` recordId or data is left out.
pub fn output_record(record_id: Option<&Value>, result: &str, data: Option<Value>) -> Value {
    let mut out = serde_json::Map::new();
    if let Some(id) = record_id {
        out.insert("recordId".into(), id.clone());
    }
    out.insert("result".into(), Value::String(result.into()));
    if let Some(data) = data {
        out.insert("data".into(), data);
    }
    Value::Object(out)
}

/// Reads a line the way the blueprints' regular expressions do: a position in the text and
/// the steps that move it.
pub struct Cursor<'a> {
    pub text: &'a str,
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Cursor { text, pos: 0 }
    }

    pub fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    /// The next character, if it passes the test.
    pub fn next_if(&mut self, test: impl Fn(char) -> bool) -> Option<char> {
        let c = self.peek().filter(|&c| test(c))?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// The character `c`.
    pub fn eat(&mut self, c: char) -> Option<()> {
        self.next_if(|x| x == c).map(|_| ())
    }

    /// As many characters as pass the test (at least one).
    pub fn many(&mut self, test: impl Fn(char) -> bool) -> Option<&'a str> {
        let start = self.pos;
        while self.next_if(&test).is_some() {}
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    /// Exactly `n` characters that pass the test.
    pub fn exactly(&mut self, n: usize, test: impl Fn(char) -> bool) -> Option<&'a str> {
        let start = self.pos;
        for _ in 0..n {
            self.next_if(&test)?;
        }
        Some(&self.text[start..self.pos])
    }
}
