//! jq 1.6 for dynamic partitioning, by the `jaq` crates. An extension
//! (`engine::extension::Jq`): the site fetches it the first time a delivery stream needs it.
//!
//! The filters are jaq's core and standard ones, less anything that reads the outside world
//! (`now`, `env`, `input`), plus jq 1.6's date filters on the engine's own calendar ([`time`]).
//! Compiled programs are kept by query text, so a query compiles once however many records
//! it reads.

mod number;
mod time;

use super::{ExtractionFailure, Keys, PartitionFailure};
use crate::engine::extension::Jq;
use jaq_core::data::JustLut;
use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars};
use jaq_json::Val;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The table the engine calls through.
pub static JQ: Jq = Jq { validate, keys };

type Program = jaq_core::Filter<JustLut<Val>>;

/// Compiled programs kept at most; past that the cache starts again.
const CACHED: usize = 64;

thread_local! {
    static PROGRAMS: RefCell<HashMap<String, Rc<Program>>> = RefCell::new(HashMap::new());
}

fn validate(query: &str) -> Result<(), String> {
    program(query).map(|_| ())
}

fn keys(query: &str, record: &[u8]) -> Result<Keys, PartitionFailure> {
    let failed = PartitionFailure::MetadataExtractionFailed;
    // A query that does not compile was refused when the delivery stream was created; this
    // is a save or a split build that could not check it then.
    let program = program(query).map_err(|why| failed(ExtractionFailure::Query(why)))?;
    let input = single_json(record).ok_or(failed(ExtractionFailure::NonJsonRecord))?;
    let ctx = Ctx::<JustLut<Val>>::new(&program.lut, Vars::new([]));
    let first = program
        .id
        .run((ctx, input))
        .map(jaq_core::unwrap_valr)
        .next();
    match first {
        None => Err(failed(ExtractionFailure::NoResult)),
        Some(Err(e)) => Err(failed(ExtractionFailure::Query(error_text(e)))),
        Some(Ok(value)) => object_keys(value),
    }
}

/// A jq error's message: its text when it is a string, as jq prints it.
fn error_text(e: jaq_core::Error<Val>) -> String {
    match e.into_val() {
        Val::TStr(s) => String::from_utf8_lossy(&s).into_owned(),
        other => format!("{other} (not a string)"),
    }
}

/// The record as one JSON value, or `None` when it is not exactly one.
fn single_json(record: &[u8]) -> Option<Val> {
    let mut values = jaq_json::read::parse_many(record);
    let first = values.next()?.ok()?;
    values.next().is_none().then_some(first)
}

/// The query's result as partition keys: an object whose values are non-empty scalars.
fn object_keys(value: Val) -> Result<Keys, PartitionFailure> {
    let failed = PartitionFailure::MetadataExtractionFailed;
    let Val::Obj(map) = value else {
        return Err(failed(ExtractionFailure::NotAnObject(type_name(&value))));
    };
    let mut keys = Keys::new();
    for (k, v) in map.iter() {
        let key = match k {
            Val::TStr(s) | Val::BStr(s) => String::from_utf8_lossy(s).into_owned(),
            other => other.to_string(),
        };
        let text = match v {
            Val::Null => None,
            Val::TStr(s) | Val::BStr(s) => {
                Some(String::from_utf8_lossy(s).into_owned()).filter(|s| !s.is_empty())
            }
            Val::Bool(b) => Some(b.to_string()),
            // jq 1.6 holds every number as a double and prints it shortest; NaN prints null.
            Val::Num(_) => jaq_std::ValT::as_f64(v).and_then(number::jq_1_6),
            Val::Arr(_) | Val::Obj(_) => {
                return Err(failed(ExtractionFailure::NotScalar { key }));
            }
        };
        let Some(text) = text else {
            return Err(failed(ExtractionFailure::NullOrEmptyKey { key }));
        };
        keys.insert(key, text);
    }
    Ok(keys)
}

fn type_name(value: &Val) -> String {
    match value {
        Val::Null => "null",
        Val::Bool(_) => "boolean",
        Val::Num(_) => "number",
        Val::TStr(_) | Val::BStr(_) => "string",
        Val::Arr(_) => "array",
        Val::Obj(_) => "object",
    }
    .into()
}

/// The compiled program for `query`, from the cache or compiled now.
fn program(query: &str) -> Result<Rc<Program>, String> {
    if let Some(p) = PROGRAMS.with(|c| c.borrow().get(query).cloned()) {
        return Ok(p);
    }
    let compiled = Rc::new(compile(query)?);
    PROGRAMS.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CACHED {
            cache.clear();
        }
        cache.insert(query.to_string(), compiled.clone());
    });
    Ok(compiled)
}

/// jaq's standard definitions that need native filters the sandbox leaves out (regular
/// expressions, the C maths library, URI/HTML/base64 formats, `halt`), by name and arity: a
/// query using one fails to compile with jq's "is not defined".
const LEFT_OUT: &[(&str, usize)] = &[
    ("halt", 0),
    ("halt_error", 0),
    ("halt_error", 1),
    ("logb", 0),
    ("significand", 0),
    ("pow10", 0),
    ("drem", 2),
    ("nexttoward", 2),
    ("scalb", 2),
    ("gamma", 0),
    ("capture_of_match", 0),
    ("test", 1),
    ("test", 2),
    ("scan_", 2),
    ("scan", 1),
    ("scan", 2),
    ("match", 1),
    ("match", 2),
    ("capture", 1),
    ("capture", 2),
    ("split", 2),
    ("splits", 1),
    ("splits", 2),
    ("sub", 2),
    ("sub", 3),
    ("gsub", 2),
    ("gsub", 3),
    ("@html", 0),
    ("@htmld", 0),
    ("@uri", 0),
    ("@urid", 0),
    ("@base64", 0),
    ("@base64d", 0),
];

fn compile(query: &str) -> Result<Program, String> {
    let defs = jaq_core::defs()
        .chain(jaq_std::defs().filter(|d| !LEFT_OUT.contains(&(d.name, d.args.len()))))
        .chain(jaq_json::defs())
        .chain(time::defs());
    // The standard library's base filters have no `now`, `env` or `input`: nothing that reads
    // the world outside the sandbox.
    let funs = jaq_core::funs()
        .chain(jaq_std::base_funs())
        .chain(jaq_json::funs())
        .chain(time::funs());
    let arena = Arena::default();
    let modules = Loader::new(defs)
        .load(
            &arena,
            File {
                code: query,
                path: (),
            },
        )
        .map_err(|errors| {
            let mut why = Vec::new();
            for (_, e) in errors {
                match e {
                    jaq_core::load::Error::Io(items) => {
                        why.extend(items.into_iter().map(|(_, m)| m))
                    }
                    jaq_core::load::Error::Lex(items) => why.extend(
                        items
                            .into_iter()
                            .map(|(expect, at)| syntax(expect.as_str(), at)),
                    ),
                    jaq_core::load::Error::Parse(items) => why.extend(
                        items
                            .into_iter()
                            .map(|(expect, at)| syntax(expect.as_str(), at)),
                    ),
                }
            }
            why.join("; ")
        })?;
    Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .map_err(|errors| {
            let why: Vec<String> = errors
                .into_iter()
                .flat_map(|(_, undefined)| undefined)
                .map(|(name, what)| match what {
                    jaq_core::compile::Undefined::Filter(arity) => {
                        format!("{name}/{arity} is not defined")
                    }
                    other => format!("{} {name} is not defined", other.as_str()),
                })
                .collect();
            why.join("; ")
        })
}

/// A syntax error as jq words it, with where the query stops making sense.
fn syntax(expected: &str, at: &str) -> String {
    let near: String = at.chars().take(20).collect();
    if near.is_empty() {
        format!("syntax error, expected {expected} at the end of the query")
    } else {
        format!("syntax error, expected {expected} before '{near}'")
    }
}

#[cfg(test)]
mod tests;
