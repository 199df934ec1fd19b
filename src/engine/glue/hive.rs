//! Hive column types, as a Glue table's columns give them (`int`, `decimal(10,2)`,
//! `array<struct<id:bigint,tags:map<string,string>>>`), parsed once into [`HiveType`].
//!
//! Keywords are case-insensitive and spaces between parts are allowed, as in Hive DDL;
//! [`HiveType`]'s `Display` is the canonical lower-case form, which parses back to the same
//! value.

use std::fmt;

/// Hive's limits on `decimal`, `char` and `varchar`.
pub const MAX_DECIMAL_PRECISION: u8 = 38;
pub const MAX_CHAR_LENGTH: u32 = 255;
pub const MAX_VARCHAR_LENGTH: u32 = 65_535;
/// `decimal` without arguments is `decimal(10,0)` in Hive.
pub const DEFAULT_DECIMAL_PRECISION: u8 = 10;

/// A Hive column type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HiveType {
    String,
    Int,
    BigInt,
    SmallInt,
    TinyInt,
    Double,
    Float,
    Boolean,
    Timestamp,
    Date,
    Binary,
    /// `decimal(precision, scale)`: 1 ≤ precision ≤ 38, 0 ≤ scale ≤ precision.
    Decimal {
        precision: u8,
        scale: u8,
    },
    /// `char(n)`, 1 ≤ n ≤ 255.
    Char(u32),
    /// `varchar(n)`, 1 ≤ n ≤ 65,535.
    Varchar(u32),
    Array(Box<HiveType>),
    /// `map<K,V>`: the key is a primitive type.
    Map(Box<HiveType>, Box<HiveType>),
    /// `struct<name:T,…>`: at least one field, names unique (ignoring case).
    Struct(Vec<(String, HiveType)>),
}

impl HiveType {
    /// Parses a Hive type string.
    pub fn parse(text: &str) -> Result<HiveType, HiveTypeError> {
        let mut p = Parser { text, pos: 0 };
        let t = p.parse_type()?;
        p.skip_spaces();
        if p.pos < text.len() {
            return Err(p.error(format!("unexpected '{}' after the type", p.rest_char())));
        }
        Ok(t)
    }

    /// Whether the type is neither an array, a map nor a struct.
    pub fn is_primitive(&self) -> bool {
        !matches!(
            self,
            HiveType::Array(_) | HiveType::Map(..) | HiveType::Struct(_)
        )
    }
}

impl fmt::Display for HiveType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HiveType::String => f.write_str("string"),
            HiveType::Int => f.write_str("int"),
            HiveType::BigInt => f.write_str("bigint"),
            HiveType::SmallInt => f.write_str("smallint"),
            HiveType::TinyInt => f.write_str("tinyint"),
            HiveType::Double => f.write_str("double"),
            HiveType::Float => f.write_str("float"),
            HiveType::Boolean => f.write_str("boolean"),
            HiveType::Timestamp => f.write_str("timestamp"),
            HiveType::Date => f.write_str("date"),
            HiveType::Binary => f.write_str("binary"),
            HiveType::Decimal { precision, scale } => write!(f, "decimal({precision},{scale})"),
            HiveType::Char(n) => write!(f, "char({n})"),
            HiveType::Varchar(n) => write!(f, "varchar({n})"),
            HiveType::Array(t) => write!(f, "array<{t}>"),
            HiveType::Map(k, v) => write!(f, "map<{k},{v}>"),
            HiveType::Struct(fields) => {
                f.write_str("struct<")?;
                for (i, (name, t)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{name}:{t}")?;
                }
                f.write_str(">")
            }
        }
    }
}

/// Why a type string is not a Hive type, and where (a byte offset into it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiveTypeError {
    pub message: String,
    pub position: usize,
}

impl fmt::Display for HiveTypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at position {}", self.message, self.position)
    }
}

impl std::error::Error for HiveTypeError {}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: impl Into<String>) -> HiveTypeError {
        HiveTypeError {
            message: message.into(),
            position: self.pos,
        }
    }

    fn rest_char(&self) -> char {
        self.text[self.pos..].chars().next().unwrap_or(' ')
    }

    fn skip_spaces(&mut self) {
        while self.text[self.pos..].starts_with(|c: char| c.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn word(&mut self) -> &str {
        self.skip_spaces();
        let start = self.pos;
        let len = self.text[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(self.text.len() - start);
        self.pos += len;
        &self.text[start..self.pos]
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_spaces();
        if self.text[self.pos..].starts_with(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), HiveTypeError> {
        if self.eat(c) {
            return Ok(());
        }
        if self.pos >= self.text.len() {
            Err(self.error(format!("expected '{c}' but the type ended")))
        } else {
            Err(self.error(format!("expected '{c}' but found '{}'", self.rest_char())))
        }
    }

    fn number(&mut self, what: &str) -> Result<(u32, usize), HiveTypeError> {
        self.skip_spaces();
        let at = self.pos;
        let digits = self.word().to_string();
        match digits.parse::<u32>() {
            Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => Ok((n, at)),
            _ => {
                self.pos = at;
                Err(self.error(format!("expected the {what} as a number")))
            }
        }
    }

    fn length(&mut self, name: &str, max: u32) -> Result<u32, HiveTypeError> {
        self.expect('(')?;
        let (n, at) = self.number("length")?;
        if !(1..=max).contains(&n) {
            return Err(HiveTypeError {
                message: format!("{name} length must be between 1 and {max}, not {n}"),
                position: at,
            });
        }
        self.expect(')')?;
        Ok(n)
    }

    fn decimal(&mut self) -> Result<HiveType, HiveTypeError> {
        if !self.eat('(') {
            return Ok(HiveType::Decimal {
                precision: DEFAULT_DECIMAL_PRECISION,
                scale: 0,
            });
        }
        let (precision, at) = self.number("precision")?;
        if !(1..=u32::from(MAX_DECIMAL_PRECISION)).contains(&precision) {
            return Err(HiveTypeError {
                message: format!(
                    "decimal precision must be between 1 and {MAX_DECIMAL_PRECISION}, not {precision}"
                ),
                position: at,
            });
        }
        let scale = if self.eat(',') {
            let (scale, at) = self.number("scale")?;
            if scale > precision {
                return Err(HiveTypeError {
                    message: format!(
                        "decimal scale must be between 0 and the precision ({precision}), not {scale}"
                    ),
                    position: at,
                });
            }
            scale
        } else {
            0
        };
        self.expect(')')?;
        Ok(HiveType::Decimal {
            precision: precision as u8,
            scale: scale as u8,
        })
    }

    fn parse_type(&mut self) -> Result<HiveType, HiveTypeError> {
        self.skip_spaces();
        let at = self.pos;
        let word = self.word().to_ascii_lowercase();
        Ok(match word.as_str() {
            "string" => HiveType::String,
            "int" => HiveType::Int,
            "bigint" => HiveType::BigInt,
            "smallint" => HiveType::SmallInt,
            "tinyint" => HiveType::TinyInt,
            "double" => HiveType::Double,
            "float" => HiveType::Float,
            "boolean" => HiveType::Boolean,
            "timestamp" => HiveType::Timestamp,
            "date" => HiveType::Date,
            "binary" => HiveType::Binary,
            "decimal" => self.decimal()?,
            "char" => HiveType::Char(self.length("char", MAX_CHAR_LENGTH)?),
            "varchar" => HiveType::Varchar(self.length("varchar", MAX_VARCHAR_LENGTH)?),
            "array" => {
                self.expect('<')?;
                let t = self.parse_type()?;
                self.expect('>')?;
                HiveType::Array(Box::new(t))
            }
            "map" => {
                self.expect('<')?;
                self.skip_spaces();
                let key_at = self.pos;
                let k = self.parse_type()?;
                if !k.is_primitive() {
                    return Err(HiveTypeError {
                        message: format!("a map key must be a primitive type, not {k}"),
                        position: key_at,
                    });
                }
                self.expect(',')?;
                let v = self.parse_type()?;
                self.expect('>')?;
                HiveType::Map(Box::new(k), Box::new(v))
            }
            "struct" => self.structure()?,
            "" => {
                self.pos = at;
                return Err(if at >= self.text.len() {
                    self.error("expected a type but the text ended")
                } else {
                    self.error(format!("expected a type but found '{}'", self.rest_char()))
                });
            }
            _ => {
                self.pos = at;
                let shown = &self.text[at..at + word.len()];
                return Err(self.error(format!("unknown type '{shown}'")));
            }
        })
    }

    fn structure(&mut self) -> Result<HiveType, HiveTypeError> {
        self.expect('<')?;
        let mut fields: Vec<(String, HiveType)> = Vec::new();
        loop {
            self.skip_spaces();
            let at = self.pos;
            let name = self.word().to_string();
            if name.is_empty() {
                return Err(self.error("expected a struct field name"));
            }
            if fields.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                return Err(HiveTypeError {
                    message: format!("duplicate struct field '{name}'"),
                    position: at,
                });
            }
            self.expect(':')?;
            let t = self.parse_type()?;
            fields.push((name, t));
            if self.eat('>') {
                return Ok(HiveType::Struct(fields));
            }
            self.expect(',')?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> HiveType {
        HiveType::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn primitives() {
        for (text, t) in [
            ("string", HiveType::String),
            ("INT", HiveType::Int),
            ("bigint", HiveType::BigInt),
            ("smallint", HiveType::SmallInt),
            ("tinyint", HiveType::TinyInt),
            ("double", HiveType::Double),
            ("Float", HiveType::Float),
            ("boolean", HiveType::Boolean),
            ("timestamp", HiveType::Timestamp),
            ("date", HiveType::Date),
            ("binary", HiveType::Binary),
            ("  string  ", HiveType::String),
        ] {
            assert_eq!(p(text), t, "{text}");
        }
    }

    #[test]
    fn parameterised() {
        assert_eq!(
            p("decimal(10,2)"),
            HiveType::Decimal {
                precision: 10,
                scale: 2
            }
        );
        assert_eq!(
            p("decimal"),
            HiveType::Decimal {
                precision: 10,
                scale: 0
            }
        );
        assert_eq!(
            p("DECIMAL ( 38 )"),
            HiveType::Decimal {
                precision: 38,
                scale: 0
            }
        );
        assert_eq!(p("char(1)"), HiveType::Char(1));
        assert_eq!(p("varchar(65535)"), HiveType::Varchar(65535));
    }

    #[test]
    fn nested() {
        let t = p("array<struct<id:bigint, tags:map<string,array<int>>, price:decimal(8,2)>>");
        assert_eq!(
            t,
            HiveType::Array(Box::new(HiveType::Struct(vec![
                ("id".into(), HiveType::BigInt),
                (
                    "tags".into(),
                    HiveType::Map(
                        Box::new(HiveType::String),
                        Box::new(HiveType::Array(Box::new(HiveType::Int)))
                    )
                ),
                (
                    "price".into(),
                    HiveType::Decimal {
                        precision: 8,
                        scale: 2
                    }
                ),
            ])))
        );
        assert_eq!(
            t.to_string(),
            "array<struct<id:bigint,tags:map<string,array<int>>,price:decimal(8,2)>>"
        );
        assert_eq!(p(&t.to_string()), t);
        assert_eq!(
            p("map<int,map<string,struct<a:boolean>>>").to_string(),
            "map<int,map<string,struct<a:boolean>>>"
        );
        // Field names may be keywords: the colon tells them apart.
        assert_eq!(
            p("struct<int:int>"),
            HiveType::Struct(vec![("int".into(), HiveType::Int)])
        );
    }

    #[test]
    fn bad_types_say_what_and_where() {
        for (text, message, position) in [
            ("", "expected a type but the text ended", 0),
            ("strng", "unknown type 'strng'", 0),
            ("array<foo>", "unknown type 'foo'", 6),
            ("array<int", "expected '>' but the type ended", 9),
            ("array<int>>", "unexpected '>' after the type", 10),
            (
                "map<array<int>,string>",
                "a map key must be a primitive type, not array<int>",
                4,
            ),
            ("map<string>", "expected ',' but found '>'", 10),
            ("struct<>", "expected a struct field name", 7),
            ("struct<a int>", "expected ':' but found 'i'", 9),
            ("struct<a:int,A:string>", "duplicate struct field 'A'", 13),
            (
                "decimal(39,0)",
                "decimal precision must be between 1 and 38, not 39",
                8,
            ),
            (
                "decimal(5,6)",
                "decimal scale must be between 0 and the precision (5), not 6",
                10,
            ),
            ("decimal(x)", "expected the precision as a number", 8),
            ("char(0)", "char length must be between 1 and 255, not 0", 5),
            ("char", "expected '(' but the type ended", 4),
            (
                "varchar(70000)",
                "varchar length must be between 1 and 65535, not 70000",
                8,
            ),
            ("int int", "unexpected 'i' after the type", 4),
            ("<int>", "expected a type but found '<'", 0),
        ] {
            let e = HiveType::parse(text).unwrap_err();
            assert_eq!(e.message, message, "{text}");
            assert_eq!(e.position, position, "{text}");
        }
    }
}
