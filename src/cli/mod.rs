//! The AWS CLI terminal: `aws kinesis …` command lines to `(target, JSON body)`, and answers
//! printed the way AWS CLI v2 prints them.
//!
//! Pure Rust, no browser: the terminal page feeds lines to [`run`] (or [`parse`] and
//! [`format_result`]) and offers [`complete`] on Tab.
//!
//! Differences from the real CLI, on purpose: no automatic pagination (the API's own paging
//! options are offered instead: `--limit`, `--next-token`, `--max-results`), `--output json`
//! only, and no `file://` arguments.

pub mod commands;
mod format;
mod shorthand;

use crate::engine::registry;
use crate::engine::Sandbox;
pub use commands::{CliService, Command, Kind, Opt, GLOBAL_OPTIONS};
pub use format::{format_error, format_result};
use serde_json::{Map, Value};
use std::fmt;

/// What a command line asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// Help text to print.
    Help(String),
    /// An API call.
    Call {
        /// The CLI command, e.g. `put-record`.
        command: &'static str,
        /// The API operation, e.g. `PutRecord`.
        operation: &'static str,
        /// `Kinesis_20131202.PutRecord`.
        target: String,
        body: Value,
    },
}

/// A command line the CLI itself rejects (before any call), with the CLI's wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError(pub String);

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CliError {}

/// What the terminal prints for one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliOutput {
    pub text: String,
    /// The CLI's exit status: 0, 252 (command line error) or 254 (the service said no).
    pub exit_code: i32,
}

const USAGE: &str = "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n\
To see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help";

/// Splits a command line like a POSIX shell: whitespace separates words, single quotes keep
/// everything, double quotes keep everything but `\"` and `\\`, a backslash outside quotes
/// escapes the next character.
pub fn tokenize(line: &str) -> Result<Vec<String>, CliError> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => word.push(ch),
                        None => return Err(CliError("Unterminated single quote.".into())),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(ch @ ('"' | '\\' | '$' | '`')) => word.push(ch),
                            Some(ch) => {
                                word.push('\\');
                                word.push(ch);
                            }
                            None => return Err(CliError("Unterminated double quote.".into())),
                        },
                        Some(ch) => word.push(ch),
                        None => return Err(CliError("Unterminated double quote.".into())),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(ch) = chars.next() {
                    word.push(ch);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

fn is_global(flag: &str) -> bool {
    GLOBAL_OPTIONS.contains(&flag)
}

fn takes_no_value(flag: &str) -> bool {
    matches!(flag, "--no-cli-pager" | "--debug")
}

/// Parses one command line.
pub fn parse(line: &str) -> Result<Parsed, CliError> {
    let mut words = tokenize(line)?;
    if words.first().map(String::as_str) == Some("aws") {
        words.remove(0);
    }
    // Global options may come before the service too.
    let mut binary_raw = false;
    let mut rest = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if is_global(w) {
            if takes_no_value(w) {
                i += 1;
                continue;
            }
            let value = words.get(i + 1).ok_or_else(|| {
                CliError(format!("aws: error: argument {w}: expected one argument"))
            })?;
            match (w.as_str(), value.as_str()) {
                ("--cli-binary-format", "raw-in-base64-out") => binary_raw = true,
                ("--cli-binary-format", "base64") => binary_raw = false,
                ("--cli-binary-format", other) => {
                    return Err(CliError(format!(
                        "aws: error: argument --cli-binary-format: Invalid choice, valid choices are:\n\nbase64 | raw-in-base64-out\n\nInvalid choice: '{other}'"
                    )))
                }
                ("--output", "json") => {}
                ("--output", other) => {
                    return Err(CliError(format!(
                        "This terminal prints JSON only; --output {other} is not available."
                    )))
                }
                _ => {}
            }
            i += 2;
            continue;
        }
        rest.push(w.clone());
        i += 1;
    }
    let service = match rest.first() {
        None => return Err(CliError(USAGE.into())),
        Some(s) if s == "help" => return Ok(Parsed::Help(help_top())),
        Some(s) => s.as_str(),
    };
    let Some((api, cli)) = registry::cli_service(service) else {
        return Err(CliError(format!(
            "{USAGE}\n\naws: error: argument command: Invalid choice, valid choices are:\n\n{}\n\nInvalid choice: '{service}'",
            cli_names().join(" | ")
        )));
    };
    let name = match rest.get(1) {
        None => {
            return Err(CliError(format!(
                "{USAGE}\n\naws: error: the following arguments are required: operation"
            )))
        }
        Some(n) if n == "help" => return Ok(Parsed::Help(help_service(cli))),
        Some(n) => n.as_str(),
    };
    let command = commands::find(cli, name).ok_or_else(|| {
        let names: Vec<&str> = cli.commands.iter().map(|c| c.name).collect();
        CliError(format!(
            "{USAGE}\n\naws: error: argument operation: Invalid choice, valid choices are:\n\n{}\n\nInvalid choice: '{name}'",
            names.join(" | ")
        ))
    })?;
    let args = &rest[2..];
    if args.first().map(String::as_str) == Some("help") {
        return Ok(Parsed::Help(help_command(command)));
    }
    let body = parse_args(command, args, binary_raw)?;
    Ok(Parsed::Call {
        command: command.name,
        operation: command.operation,
        target: api.target(command.operation).to_string(),
        body,
    })
}

/// The CLI names of the services that have commands (`kinesis`, …).
fn cli_names() -> Vec<&'static str> {
    registry::services()
        .filter_map(|s| s.cli.as_ref().map(|c| c.name))
        .collect()
}

fn parse_args(command: &Command, args: &[String], binary_raw: bool) -> Result<Value, CliError> {
    let mut body = Map::new();
    let mut unknown = Vec::new();
    // A positional argument (an option whose name has no dashes, e.g. `invoke`'s outfile):
    // taken and not sent (the terminal prints what the CLI would write to the file).
    let positional = command.opts.iter().find(|o| o.is_positional());
    let mut positional_given = false;
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        i += 1;
        if !flag.starts_with("--") && positional.is_some() && !positional_given {
            positional_given = true;
            continue;
        }
        let (opt, negated) = match command.opts.iter().find(|o| o.flag == flag) {
            Some(o) => (o, false),
            None => match flag
                .strip_prefix("--no-")
                .and_then(|f| command.opts.iter().find(|o| o.flag[2..] == *f))
            {
                Some(o) if o.kind == Kind::Bool => (o, true),
                _ => {
                    unknown.push(flag.to_string());
                    continue;
                }
            },
        };
        if opt.kind == Kind::Bool {
            body.insert(opt.field.into(), Value::Bool(!negated));
            continue;
        }
        let many = matches!(
            opt.kind,
            Kind::StrList | Kind::Records | Kind::StructList(_)
        );
        let mut values = Vec::new();
        while i < args.len() && !(args[i].starts_with("--") && args[i].len() > 2) {
            values.push(args[i].clone());
            i += 1;
            if !many {
                break;
            }
        }
        if values.is_empty() {
            return Err(CliError(format!(
                "aws: error: argument {flag}: expected one argument"
            )));
        }
        let value = shorthand::value(opt, &values, binary_raw)?;
        body.insert(opt.field.into(), value);
    }
    if !unknown.is_empty() {
        return Err(CliError(format!("Unknown options: {}", unknown.join(", "))));
    }
    let missing: Vec<&str> = command
        .opts
        .iter()
        .filter(|o| {
            if o.is_positional() {
                !positional_given
            } else {
                o.required && !body.contains_key(o.field)
            }
        })
        .map(|o| o.flag)
        .collect();
    if !missing.is_empty() {
        return Err(CliError(format!(
            "aws: error: the following arguments are required: {}",
            missing.join(", ")
        )));
    }
    Ok(Value::Object(body))
}

/// Parses, calls and formats one line, as the terminal shows it.
pub fn run(sb: &mut Sandbox, line: &str) -> CliOutput {
    match parse(line) {
        Ok(Parsed::Help(text)) => CliOutput { text, exit_code: 0 },
        Ok(Parsed::Call {
            operation,
            target,
            body,
            ..
        }) => {
            let result = sb.call(&target, body);
            CliOutput {
                exit_code: if result.is_ok() { 0 } else { 254 },
                text: format_result(operation, &result),
            }
        }
        Err(e) => CliOutput {
            text: e.0,
            exit_code: 252,
        },
    }
}

fn help_top() -> String {
    let mut out = String::from("AWS CLI (Kinesis Sandbox)\n\nAVAILABLE SERVICES\n");
    for name in cli_names() {
        out.push_str(&format!("       o {name}\n"));
    }
    out.push_str("\nRun `aws <service> help` for the commands.");
    out
}

fn help_service(cli: &CliService) -> String {
    let mut out = format!("{}\n\nAVAILABLE COMMANDS\n", cli.name.to_uppercase());
    for c in cli.commands {
        out.push_str(&format!("       o {:<34}{}\n", c.name, c.summary));
    }
    out.push_str(&format!(
        "\nRun `aws {} <command> help` for a command's options.",
        cli.name
    ));
    out
}

fn help_command(c: &Command) -> String {
    let mut out = format!(
        "NAME\n       {} -\n\nDESCRIPTION\n       {}\n\n       API operation: {}\n\nSYNOPSIS\n            {}\n",
        c.name, c.summary, c.operation, c.name
    );
    for o in c.opts {
        let arg = match o.kind {
            Kind::Bool => format!("{} | --no-{}", o.flag, &o.flag[2..]),
            Kind::StrList | Kind::Records | Kind::StructList(_) => {
                format!("{} <value> [<value>...]", o.flag)
            }
            _ if o.is_positional() => format!("<{}>", o.flag),
            _ => format!("{} <value>", o.flag),
        };
        if o.required {
            out.push_str(&format!("          {arg}\n"));
        } else {
            out.push_str(&format!("          [{arg}]\n"));
        }
    }
    out.push_str("          [--cli-binary-format <value>]\n");
    let enums: Vec<String> = c
        .opts
        .iter()
        .filter(|o| !o.values.is_empty())
        .map(|o| format!("       {}: {}", o.flag, o.values.join(" | ")))
        .collect();
    if !enums.is_empty() {
        out.push_str("\nPOSSIBLE VALUES\n");
        out.push_str(&enums.join("\n"));
        out.push('\n');
    }
    out
}

/// Completions for the word being typed at the end of `line`: service, command, option or an
/// enum value, each a whole word.
pub fn complete(line: &str) -> Vec<String> {
    let mut words = tokenize(line).unwrap_or_default();
    let partial = if line.ends_with(char::is_whitespace) || words.is_empty() {
        String::new()
    } else {
        words.pop().unwrap_or_default()
    };
    if words.first().map(String::as_str) == Some("aws") {
        words.remove(0);
    } else if words.is_empty() {
        return ["aws"]
            .iter()
            .filter(|w| w.starts_with(&partial))
            .map(|w| w.to_string())
            .collect();
    }
    let matching = |items: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        items
            .filter(|w| w.starts_with(partial.as_str()))
            .map(str::to_string)
            .collect()
    };
    match words.len() {
        0 => return matching(&mut cli_names().into_iter().chain(["help"])),
        1 => {
            return match registry::cli_service(&words[0]) {
                Some((_, cli)) => {
                    matching(&mut cli.commands.iter().map(|c| c.name).chain(["help"]))
                }
                None => Vec::new(),
            }
        }
        _ => {}
    }
    let Some(command) =
        registry::cli_service(&words[0]).and_then(|(_, cli)| commands::find(cli, &words[1]))
    else {
        return Vec::new();
    };
    if let Some(prev) = words.last() {
        if let Some(opt) = command.opts.iter().find(|o| o.flag == prev) {
            if !opt.values.is_empty() {
                return matching(&mut opt.values.iter().copied());
            }
        }
        if prev == "--cli-binary-format" {
            return matching(&mut ["raw-in-base64-out", "base64"].into_iter());
        }
    }
    let used: Vec<&str> = words.iter().map(String::as_str).collect();
    matching(
        &mut command
            .opts
            .iter()
            .map(|o| o.flag)
            .filter(|f| f.starts_with("--") && !used.contains(f))
            .chain(
                ["--cli-binary-format"]
                    .into_iter()
                    .filter(|f| !used.contains(f)),
            ),
    )
}

#[cfg(test)]
mod tests;
