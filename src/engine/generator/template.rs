//! Record templates in the Kinesis Data Generator's syntax, compiled once and rendered many
//! times.
//!
//! As KDG does before generating, the template is trimmed and every `\n` is removed, so a tag
//! may be spread over several lines. A tag is `{{module.method}}` or
//! `{{module.method(args)}}`; the arguments are parsed as JSON when they are JSON, otherwise
//! passed on as raw text. `{{current.timestamp}}` is the legacy spelling of `{{date.now}}`.
//!
//! Two differences from KDG, both accepting templates KDG would reject and never the other way
//! round: a JSON argument may contain `)` and `}}` (KDG cuts it at the first `)`), and spaces
//! just inside the braces are allowed. A helper's output is not scanned for further tags.

use super::helpers::{self, Arg, Helper, ResolveError};
use crate::engine::{SandboxRng, SimTime};
use std::fmt;

/// The clocks a template reads while rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderContext {
    /// The sandbox clock: `{{date.now}}`, `{{date.utc}}`, `{{date.past}}`, ….
    pub now: SimTime,
    /// The generator's simulated time: `{{date.simTime}}`. Equal to `now` unless a Periodic
    /// sender runs ahead of the clock.
    pub sim_time: SimTime,
}

impl RenderContext {
    pub fn at(now: SimTime) -> Self {
        Self { now, sim_time: now }
    }
}

/// A template that does not compile, located in the text the learner typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// What is wrong, in KDG's words where KDG has them (`Invalid module: x`).
    pub message: String,
    /// 1-based line in the original template.
    pub line: usize,
    /// 1-based column (in characters) in the original template.
    pub column: usize,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (line {}, column {})",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for TemplateError {}

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Literal(String),
    Call(Helper),
}

/// A compiled template: literal text and helper calls, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    parts: Vec<Part>,
    /// A guess at one record's length, to size buffers.
    size_hint: usize,
}

/// JavaScript's `String.prototype.trim` whitespace.
fn js_space(c: char) -> bool {
    (c.is_whitespace() && c != '\u{85}') || c == '\u{FEFF}'
}

/// The template as KDG cleans it, with each byte's offset in the original.
struct Cleaned {
    text: String,
    origin: Vec<usize>,
}

fn clean(source: &str) -> Cleaned {
    let trimmed_start = source.len() - source.trim_start_matches(js_space).len();
    let trimmed_end = source.trim_end_matches(js_space).len();
    let mut text = String::with_capacity(source.len());
    let mut origin = Vec::with_capacity(source.len() + 1);
    if trimmed_start < trimmed_end {
        for (i, c) in source[trimmed_start..trimmed_end].char_indices() {
            if c == '\n' {
                continue;
            }
            text.push(c);
            origin.extend(std::iter::repeat_n(trimmed_start + i, c.len_utf8()));
        }
    }
    origin.push(trimmed_end.max(trimmed_start));
    Cleaned { text, origin }
}

struct Locator<'a> {
    source: &'a str,
    cleaned: &'a Cleaned,
}

impl Locator<'_> {
    fn error(&self, cleaned_at: usize, message: String) -> TemplateError {
        let at = self.cleaned.origin[cleaned_at.min(self.cleaned.origin.len() - 1)];
        let before = &self.source[..at.min(self.source.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        TemplateError {
            message,
            line,
            column,
        }
    }
}

/// Where the arguments that start at `from` end: just past a JSON value when one starts there
/// and is followed by `)`, else at the first `)` as KDG's `/\(([^)]+)\)/` has it.
fn argument_end(text: &str, from: usize) -> Option<usize> {
    let rest = &text[from..];
    let lead = rest.len() - rest.trim_start().len();
    if matches!(rest[lead..].chars().next(), Some('[' | '{' | '"')) {
        let mut stream =
            serde_json::Deserializer::from_str(&rest[lead..]).into_iter::<serde_json::Value>();
        if let Some(Ok(_)) = stream.next() {
            let end = from + lead + stream.byte_offset();
            let after = &text[end..];
            let spaces = after.len() - after.trim_start().len();
            if after[spaces..].starts_with(')') {
                return Some(end + spaces);
            }
        }
    }
    rest.find(')').map(|i| from + i)
}

impl Template {
    /// Compiles `source`, checking every tag and its arguments.
    pub fn compile(source: &str) -> Result<Template, TemplateError> {
        let cleaned = clean(source);
        let loc = Locator {
            source,
            cleaned: &cleaned,
        };
        let text = cleaned.text.as_str();
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut i = 0;
        while let Some(found) = text[i..].find("{{") {
            let open = i + found;
            literal.push_str(&text[i..open]);
            let name_start = open + 2;
            let paren = text[name_start..].find('(').map(|p| name_start + p);
            let close = text[name_start..].find("}}").map(|p| name_start + p);
            let (name_end, arg, arg_at, after) = match (paren, close) {
                (Some(p), c) if c.is_none_or(|c| p < c) => {
                    let Some(end) = argument_end(text, p + 1) else {
                        return Err(loc.error(
                            p,
                            "Unclosed \"(\": the arguments have no closing \")\"".into(),
                        ));
                    };
                    let arg_text = &text[p + 1..end];
                    let lead = arg_text.len() - arg_text.trim_start().len();
                    (p, Arg::parse(arg_text), p + 1 + lead, end + 1)
                }
                (_, Some(c)) => (c, Arg::None, c, c),
                (_, None) => {
                    return Err(loc.error(open, "Unclosed \"{{\": no matching \"}}\"".into()));
                }
            };
            let rest = &text[after..];
            let spaces = rest.len() - rest.trim_start().len();
            if !rest[spaces..].starts_with("}}") {
                let message = if rest.contains("}}") {
                    "Expected \"}}\" right after the arguments' closing \")\"".into()
                } else {
                    "Unclosed \"{{\": no matching \"}}\"".into()
                };
                let at = if rest.contains("}}") {
                    after + spaces
                } else {
                    open
                };
                return Err(loc.error(at, message));
            }
            let tag_end = after + spaces + 2;

            let raw_name = &text[name_start..name_end];
            let name_lead = raw_name.len() - raw_name.trim_start().len();
            let name = raw_name.trim();
            let mut pieces = name.split('.');
            let module = pieces.next().unwrap_or("");
            let method = pieces.next();
            let module_at = name_start + name_lead;
            let method_at = module_at + module.len() + 1;
            let helper = match helpers::resolve(module, method.unwrap_or(""), &arg) {
                Ok(h) => h,
                Err(ResolveError::Module) => {
                    return Err(loc.error(module_at, format!("Invalid module: {module}")))
                }
                Err(ResolveError::Method) => {
                    let method = method.unwrap_or("undefined");
                    return Err(loc.error(
                        method_at.min(name_start + name_lead + name.len()),
                        format!("Invalid method: {module}.{method}"),
                    ));
                }
                Err(ResolveError::Arguments(why)) => {
                    return Err(loc.error(
                        arg_at,
                        format!(
                            "Invalid arguments for {module}.{}: {why}",
                            method.unwrap_or("")
                        ),
                    ))
                }
            };
            if !literal.is_empty() {
                parts.push(Part::Literal(std::mem::take(&mut literal)));
            }
            parts.push(Part::Call(helper));
            i = tag_end;
        }
        literal.push_str(&text[i..]);
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        let size_hint = parts
            .iter()
            .map(|p| match p {
                Part::Literal(s) => s.len(),
                Part::Call(_) => 12,
            })
            .sum();
        Ok(Template { parts, size_hint })
    }

    /// Appends one record to `out`.
    pub fn render_into(&self, ctx: &RenderContext, rng: &mut SandboxRng, out: &mut String) {
        for part in &self.parts {
            match part {
                Part::Literal(s) => out.push_str(s),
                Part::Call(h) => h.render(ctx, rng, out),
            }
        }
    }

    /// One record.
    pub fn render(&self, ctx: &RenderContext, rng: &mut SandboxRng) -> String {
        let mut out = String::with_capacity(self.size_hint);
        self.render_into(ctx, rng, &mut out);
        out
    }

    /// How many helper calls the template makes per record.
    pub fn calls(&self) -> usize {
        self.parts
            .iter()
            .filter(|p| matches!(p, Part::Call(_)))
            .count()
    }
}
