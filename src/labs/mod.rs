//! Guided labs: the notes' labs as data files under `static/labs/` (TOML), checked live
//! against the sandbox.
//!
//! A lab is a starting state (calls on a fresh sandbox), then steps. A step has Markdown
//! instructions, hints, a "Show me" (the calls that do it) and a goal: checks over API answers,
//! the event log and what the learner looked at in the console ([`observe`]), and a question
//! about what the learner sees. Pure logic like the engine, tested natively; the lab panel in
//! `ui/` only shows it, and the console's pages only record observations.

pub mod goal;
pub mod markdown;
pub mod observe;
pub mod path;
pub mod progress;
pub mod start_plan;

pub use goal::{
    check_step, observations_in, run_actions, start, start_at, ActionError, CheckOutcome,
};
pub use observe::{Observation, Observations};
pub use path::{Path, PathError};
pub use progress::{LabProgress, LabState};

use crate::engine::{events::Caller, is_known_target, is_read_only, ErrorKind};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt;

/// The lab files shipped with the page, in the order the lab list shows them.
pub const LAB_FILES: &[(&str, &str)] = &[
    (
        "01-create-stream.toml",
        include_str!("../../static/labs/01-create-stream.toml"),
    ),
    (
        "02-generator.toml",
        include_str!("../../static/labs/02-generator.toml"),
    ),
    (
        "03-firehose.toml",
        include_str!("../../static/labs/03-firehose.toml"),
    ),
    (
        "04-s3-and-iam.toml",
        include_str!("../../static/labs/04-s3-and-iam.toml"),
    ),
    (
        "05-exam-tips.toml",
        include_str!("../../static/labs/05-exam-tips.toml"),
    ),
    (
        "06-transform-lambda.toml",
        include_str!("../../static/labs/06-transform-lambda.toml"),
    ),
    (
        "07-parquet.toml",
        include_str!("../../static/labs/07-parquet.toml"),
    ),
    (
        "08-explore-sensor-data.toml",
        include_str!("../../static/labs/08-explore-sensor-data.toml"),
    ),
    (
        "09-video-for-ml.toml",
        include_str!("../../static/labs/09-video-for-ml.toml"),
    ),
    (
        "10-http-endpoint.toml",
        include_str!("../../static/labs/10-http-endpoint.toml"),
    ),
    (
        "11-redshift.toml",
        include_str!("../../static/labs/11-redshift.toml"),
    ),
    (
        "12-opensearch.toml",
        include_str!("../../static/labs/12-opensearch.toml"),
    ),
    (
        "13-splunk.toml",
        include_str!("../../static/labs/13-splunk.toml"),
    ),
];

/// One lab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lab {
    /// The lab's id in links: `#/labs/<id>/step/<n>`.
    pub id: String,
    pub title: String,
    /// One or two sentences for the lab list.
    pub summary: String,
    /// About how long it takes, in minutes.
    pub minutes: u32,
    /// Labs to do first (their ids); advisory.
    #[serde(default)]
    pub prerequisites: Vec<String>,
    /// Exam-prep topics (ids from the question bank) the recap links to.
    #[serde(default)]
    pub quiz: Vec<String>,
    /// Markdown shown when the lab is done.
    pub recap: String,
    /// The starting state: actions run on a fresh sandbox before step 1.
    #[serde(default)]
    pub setup: Vec<Action>,
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
}

/// One step of a lab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub title: String,
    /// The instructions, in Markdown.
    pub text: String,
    /// The page the step happens on (`#/streams/create`), offered as a link.
    #[serde(default)]
    pub page: Option<String>,
    /// Hints, shown one at a time.
    #[serde(default)]
    pub hints: Vec<String>,
    /// The actions that perform the step.
    #[serde(default)]
    pub show_me: Vec<Action>,
    /// Every check must pass for the step to be done.
    #[serde(default)]
    pub goal: Vec<Check>,
    /// A question about what the learner sees; answering it right is part of the goal.
    #[serde(default)]
    pub question: Option<StepQuestion>,
}

/// Something done to the sandbox: an API call, an AWS CLI command line, or time passing; or,
/// in a "Show me", something looked at in the console (an [`observe`] name with its facts).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// An `X-Amz-Target`, with `body` its JSON request.
    #[serde(default)]
    pub call: Option<String>,
    #[serde(default)]
    pub body: Option<Value>,
    /// The call must fail with this error type (a "Show me" that shows a refusal).
    #[serde(default)]
    pub error: Option<String>,
    /// Keeps the text found at `path` in the call's answer as `${<save>}` for the later
    /// actions of the same list (a stream's `CurrentVersion`, a fragment number).
    #[serde(default)]
    pub save: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    /// An `aws …` command line, as typed in the terminal.
    #[serde(default)]
    pub cli: Option<String>,
    /// Simulated seconds to let pass.
    #[serde(default)]
    pub advance_seconds: Option<u64>,
    /// An observation "Show me" counts as seen for the learner (see [`observe::KNOWN`]), with
    /// its facts in `with`. It changes nothing in the sandbox.
    #[serde(default)]
    pub observe: Option<String>,
    #[serde(default)]
    pub with: Option<Value>,
}

/// One check of a goal: an API answer (looked at with [`crate::engine::Sandbox::inspect`], so
/// not logged), a count in the event log, compared one way, or something the learner looked at
/// in the console (`observed`, with the facts it must have shown in `with`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// What the check means, in the learner's words: "machinelearning is ACTIVE".
    pub says: String,
    /// A read-only `X-Amz-Target` and its request. Text in the body may use `${account}`,
    /// `${region}` and names saved by earlier checks of the step.
    #[serde(default)]
    pub call: Option<String>,
    #[serde(default)]
    pub body: Option<Value>,
    /// Where in the answer to look (see [`path`]).
    #[serde(default)]
    pub path: Option<String>,
    /// Calls in the event log.
    #[serde(default)]
    pub events: Option<EventCount>,
    #[serde(default)]
    pub equals: Option<Value>,
    #[serde(default)]
    pub at_least: Option<f64>,
    #[serde(default)]
    pub at_most: Option<f64>,
    #[serde(default)]
    pub contains: Option<Value>,
    #[serde(default)]
    pub exists: Option<bool>,
    /// The call must fail with this error type.
    #[serde(default)]
    pub error: Option<String>,
    /// Keeps the text found at `path` as `${<name>}` for the step's later checks.
    #[serde(default)]
    pub save: Option<String>,
    /// An observation the console records ([`observe::KNOWN`]): the check passes once the
    /// learner saw it during the lab…
    #[serde(default)]
    pub observed: Option<String>,
    /// …with these facts (a table; any facts when absent).
    #[serde(default)]
    pub with: Option<Value>,
}

/// "`target` by `caller` ended with `outcome` at least `at_least` times."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventCount {
    pub target: String,
    /// `User`, `Generator` or `Firehose`; any caller when absent.
    #[serde(default)]
    pub caller: Option<String>,
    /// `ok` (the default) or an error type.
    #[serde(default)]
    pub outcome: Option<String>,
    pub at_least: u64,
}

/// A multiple-choice question inside a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepQuestion {
    pub prompt: String,
    pub options: Vec<String>,
    /// The index of the right option, from 0.
    pub answer: usize,
    /// Shown once answered.
    pub explain: String,
}

impl EventCount {
    pub fn caller(&self) -> Option<Caller> {
        match self.caller.as_deref() {
            Some("User") => Some(Caller::User),
            Some("Generator") => Some(Caller::Generator),
            Some("Firehose") => Some(Caller::Firehose),
            Some("Logs") => Some(Caller::Logs),
            Some("Producer") => Some(Caller::Producer),
            _ => None,
        }
    }
}

/// What is wrong with a lab file, naming the file, the step and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabError {
    pub file: String,
    /// The step's number, from 1, when the problem is in a step.
    pub step: Option<usize>,
    /// The field at fault (`goal[2].path`), when one is.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for LabError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "static/labs/{}", self.file)?;
        if let Some(step) = self.step {
            write!(f, ", step {step}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LabError {}

/// Every lab, in order, with the file each came from.
#[derive(Debug, Clone, Default)]
pub struct Labs {
    labs: Vec<Lab>,
    files: Vec<String>,
}

impl Labs {
    /// The labs shipped with the page.
    pub fn embedded() -> Result<Labs, LabError> {
        Self::parse(LAB_FILES)
    }

    /// Parses `(file name, TOML text)` pairs and checks each lab; the first problem wins.
    pub fn parse(files: &[(&str, &str)]) -> Result<Labs, LabError> {
        let mut labs = Labs::default();
        for (name, text) in files {
            let lab: Lab = toml::from_str(text).map_err(|e| LabError {
                file: name.to_string(),
                step: None,
                field: None,
                message: format!("not a valid lab file: {e}"),
            })?;
            labs.labs.push(lab);
            labs.files.push(name.to_string());
        }
        if let Some(problem) = labs.validate().into_iter().next() {
            return Err(problem);
        }
        Ok(labs)
    }

    pub fn all(&self) -> &[Lab] {
        &self.labs
    }

    pub fn get(&self, id: &str) -> Option<&Lab> {
        self.labs.iter().find(|l| l.id == id)
    }

    /// The lab after `id` in the list.
    pub fn next_after(&self, id: &str) -> Option<&Lab> {
        let i = self.labs.iter().position(|l| l.id == id)?;
        self.labs.get(i + 1)
    }

    /// Every problem in the labs' contents. Empty means they are sound.
    pub fn validate(&self) -> Vec<LabError> {
        let mut problems = Vec::new();
        let mut ids = BTreeSet::new();
        for (lab, file) in self.labs.iter().zip(&self.files) {
            let mut report = |step: Option<usize>, field: &str, message: String| {
                problems.push(LabError {
                    file: file.clone(),
                    step,
                    field: (!field.is_empty()).then(|| field.to_string()),
                    message,
                })
            };
            if lab.id.is_empty()
                || !lab
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                report(
                    None,
                    "id",
                    "an id is lowercase letters, digits and hyphens".into(),
                );
            }
            if !ids.insert(lab.id.clone()) {
                report(None, "id", format!("the id `{}` is used twice", lab.id));
            }
            for (field, text) in [
                ("title", &lab.title),
                ("summary", &lab.summary),
                ("recap", &lab.recap),
            ] {
                if text.trim().is_empty() {
                    report(None, field, "must not be empty".into());
                }
            }
            if lab.minutes == 0 {
                report(None, "minutes", "must be at least 1".into());
            }
            for p in &lab.prerequisites {
                if !self.labs.iter().any(|l| &l.id == p) {
                    report(None, "prerequisites", format!("no lab has the id `{p}`"));
                }
            }
            for t in &lab.quiz {
                if !crate::quiz::TOPICS.iter().any(|topic| topic.id == t) {
                    report(
                        None,
                        "quiz",
                        format!("`{t}` is not a topic of the question bank"),
                    );
                }
            }
            for (i, a) in lab.setup.iter().enumerate() {
                if let Err(m) = validate_action(a) {
                    report(None, &format!("setup[{i}]"), m);
                }
            }
            if lab.steps.is_empty() {
                report(None, "step", "a lab needs at least one step".into());
            }
            for (n, step) in lab.steps.iter().enumerate() {
                let at = Some(n + 1);
                for (field, text) in [("title", &step.title), ("text", &step.text)] {
                    if text.trim().is_empty() {
                        report(at, field, "must not be empty".into());
                    }
                }
                if let Some(page) = &step.page {
                    if !page.starts_with("#/") {
                        report(
                            at,
                            "page",
                            format!("`{page}` is not a route like #/streams"),
                        );
                    }
                }
                for (i, a) in step.show_me.iter().enumerate() {
                    if let Err(m) = validate_action(a) {
                        report(at, &format!("show_me[{i}]"), m);
                    }
                }
                if !step.goal.is_empty() && step.show_me.is_empty() {
                    report(
                        at,
                        "show_me",
                        "a step with a goal needs a \"Show me\" that meets it".into(),
                    );
                }
                let mut saved: BTreeSet<String> = ["account", "region"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                for (i, c) in step.goal.iter().enumerate() {
                    if let Err(m) = validate_check(c, &saved) {
                        report(at, &format!("goal[{i}]"), m);
                    }
                    if let Some(name) = &c.save {
                        saved.insert(name.clone());
                    }
                }
                if let Some(q) = &step.question {
                    if q.options.len() < 2 {
                        report(at, "question.options", "give at least two options".into());
                    }
                    if q.answer >= q.options.len() {
                        report(
                            at,
                            "question.answer",
                            format!(
                                "{} is not an option's index (0 to {})",
                                q.answer,
                                q.options.len().saturating_sub(1)
                            ),
                        );
                    }
                }
            }
        }
        problems
    }
}

fn validate_action(a: &Action) -> Result<(), String> {
    let kinds = [
        a.call.is_some(),
        a.cli.is_some(),
        a.advance_seconds.is_some(),
        a.observe.is_some(),
    ];
    if kinds.iter().filter(|k| **k).count() != 1 {
        return Err("give exactly one of `call`, `cli`, `advance_seconds` or `observe`".into());
    }
    if let Some(name) = &a.observe {
        observe::validate(name, a.with.as_ref())?;
    } else if a.with.is_some() {
        return Err("`with` goes with `observe`".into());
    }
    if let Some(target) = &a.call {
        if !is_known_target(target) {
            return Err(format!("`{target}` is not an operation the sandbox knows"));
        }
        if !matches!(a.body, Some(Value::Object(_))) {
            return Err("a call needs a `body` table (use `body = {}` for none)".into());
        }
    } else if a.body.is_some() || a.error.is_some() || a.save.is_some() {
        return Err("`body`, `error` and `save` go with `call`".into());
    }
    if a.save.is_some() != a.path.is_some() {
        return Err("`save` and `path` go together".into());
    }
    if a.save.is_some() && a.error.is_some() {
        return Err("a call that must fail has no answer to `save` from".into());
    }
    if let Some(p) = &a.path {
        Path::parse(p).map_err(|e| format!("`path`: {e}"))?;
    }
    if let Some(line) = &a.cli {
        if !line.trim_start().starts_with("aws ") {
            return Err("a command line starts with `aws `".into());
        }
    }
    Ok(())
}

fn validate_check(c: &Check, saved: &BTreeSet<String>) -> Result<(), String> {
    if c.says.trim().is_empty() {
        return Err("`says` must say what the check means".into());
    }
    let comparisons = [
        c.equals.is_some(),
        c.at_least.is_some() || c.at_most.is_some(),
        c.contains.is_some(),
        c.exists.is_some(),
        c.error.is_some(),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    if let Some(name) = &c.observed {
        if c.call.is_some() || c.events.is_some() {
            return Err("give exactly one of `call`, `events` or `observed`".into());
        }
        if comparisons != 0 || c.path.is_some() || c.save.is_some() || c.body.is_some() {
            return Err("an `observed` check takes only the facts to look for, in `with`".into());
        }
        return observe::validate(name, c.with.as_ref());
    }
    if c.with.is_some() {
        return Err("`with` goes with `observed`".into());
    }
    match (&c.call, &c.events) {
        (Some(target), None) => {
            if !is_known_target(target) {
                return Err(format!("`{target}` is not an operation the sandbox knows"));
            }
            if !is_read_only(target) {
                return Err(format!(
                    "`{target}` changes the sandbox; a goal may only call Describe, List, Get, \
                     Head and Simulate operations"
                ));
            }
            if !matches!(c.body, Some(Value::Object(_))) {
                return Err("a call needs a `body` table (use `body = {}` for none)".into());
            }
            for name in placeholders(c.body.as_ref().unwrap_or(&Value::Null)) {
                if !saved.contains(&name) {
                    return Err(format!(
                        "`${{{name}}}` is not saved by an earlier check of this step"
                    ));
                }
            }
            if comparisons != 1 {
                return Err("compare exactly one way: `equals`, `at_least`/`at_most`, \
                            `contains`, `exists` or `error`"
                    .into());
            }
            match (&c.path, &c.error) {
                (None, None) => return Err("say where to look with `path`".into()),
                (Some(_), Some(_)) => return Err("`error` checks the call, not a `path`".into()),
                (Some(p), None) => {
                    Path::parse(p).map_err(|e| format!("`path` {p}: {e}"))?;
                }
                (None, Some(kind)) => {
                    if ErrorKind::from_name(kind).is_none() {
                        return Err(format!(
                            "`error` {kind} is not an error the sandbox answers with"
                        ));
                    }
                }
            }
            if c.save.is_some() && c.path.is_none() {
                return Err("`save` keeps the text at `path`; give one".into());
            }
        }
        (None, Some(ev)) => {
            if !is_known_target(&ev.target) {
                return Err(format!(
                    "`{}` is not an operation the sandbox knows",
                    ev.target
                ));
            }
            if ev.caller.is_some() && ev.caller().is_none() {
                return Err("`events.caller` is User, Generator or Firehose".into());
            }
            if comparisons != 0 || c.path.is_some() || c.save.is_some() {
                return Err("an `events` check counts by itself; drop the other fields".into());
            }
        }
        _ => return Err("give exactly one of `call`, `events` or `observed`".into()),
    }
    Ok(())
}

/// The `${name}` placeholders in the text of a JSON value.
pub(crate) fn placeholders(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut visit = vec![value];
    while let Some(v) = visit.pop() {
        match v {
            Value::String(s) => {
                let mut rest = s.as_str();
                while let Some(start) = rest.find("${") {
                    let Some(end) = rest[start..].find('}') else {
                        break;
                    };
                    out.push(rest[start + 2..start + end].to_string());
                    rest = &rest[start + end + 1..];
                }
            }
            Value::Array(a) => visit.extend(a),
            Value::Object(o) => visit.extend(o.values()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
id = "x"
title = "X"
summary = "A lab."
minutes = 5
recap = "Done."

[[step]]
title = "Make a stream"
text = "Create it."
show_me = [{ cli = "aws kinesis create-stream --stream-name s --shard-count 1" }]

[[step.goal]]
says = "s exists"
call = "Kinesis_20131202.DescribeStreamSummary"
body = { StreamName = "s" }
path = "StreamDescriptionSummary.StreamName"
equals = "s"
"#;

    #[test]
    fn a_minimal_lab_parses() {
        let labs = Labs::parse(&[("x.toml", MINIMAL)]).unwrap();
        assert_eq!(labs.all()[0].steps[0].goal.len(), 1);
    }

    #[test]
    fn problems_name_the_file_step_and_field() {
        let bad = MINIMAL.replace("DescribeStreamSummary", "DeleteStream");
        let e = Labs::parse(&[("x.toml", &bad)]).unwrap_err();
        assert_eq!(e.step, Some(1));
        assert_eq!(e.field.as_deref(), Some("goal[0]"));
        assert!(e.to_string().starts_with(
            "static/labs/x.toml, step 1, field `goal[0]`: `Kinesis_20131202.DeleteStream` changes the sandbox"
        ));

        let bad = MINIMAL.replace("StreamDescriptionSummary.StreamName", "Stream..Name");
        let e = Labs::parse(&[("x.toml", &bad)]).unwrap_err();
        assert!(e.message.contains("expected a field name"), "{e}");

        let bad = MINIMAL.replace("StreamName = \"s\" }", "StreamName = \"${nope}\" }");
        let e = Labs::parse(&[("x.toml", &bad)]).unwrap_err();
        assert_eq!(
            e.message,
            "`${nope}` is not saved by an earlier check of this step"
        );

        let bad = MINIMAL.replace("minutes = 5", "minutes = \"five\"");
        let e = Labs::parse(&[("x.toml", &bad)]).unwrap_err();
        assert!(e
            .to_string()
            .starts_with("static/labs/x.toml: not a valid lab file"));
        assert!(e.message.contains("minutes"), "{e}");

        let bad = MINIMAL.replace("show_me = [{ cli", "show_me = [{ advance_seconds = 3, cli");
        let e = Labs::parse(&[("x.toml", &bad)]).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("show_me[0]"));
    }

    const OBSERVED: &str = r#"
id = "x"
title = "X"
summary = "A lab."
minutes = 5
recap = "Done."

[[step]]
title = "Look at the capacity"
text = "Read it."
show_me = [{ observe = "streams.capacity_viewed", with = { mode = "PROVISIONED", shards = 2 } }]

[[step.goal]]
says = "You looked at the capacity of 2 provisioned shards"
observed = "streams.capacity_viewed"
with = { mode = "PROVISIONED", shards = 2 }
"#;

    #[test]
    fn goals_and_show_me_may_name_observations_the_console_records() {
        let labs = Labs::parse(&[("x.toml", OBSERVED)]).unwrap();
        let step = &labs.all()[0].steps[0];
        assert_eq!(
            step.goal[0].observed.as_deref(),
            Some("streams.capacity_viewed")
        );
        assert_eq!(
            observations_in(&step.show_me),
            vec![Observation::new("streams.capacity_viewed")
                .with("mode", "PROVISIONED")
                .with("shards", 2)]
        );

        let bad = OBSERVED.replace(
            "observed = \"streams.capacity_viewed\"",
            "observed = \"streams.nope\"",
        );
        let e = Labs::parse(&[("x.toml", &bad)]).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("goal[0]"));
        assert!(
            e.message.contains("not an observation the console records"),
            "{e}"
        );

        let bad = OBSERVED.replace(
            "with = { mode = \"PROVISIONED\", shards = 2 }\n",
            "with = { colour = 2 }\n",
        );
        let e = Labs::parse(&[("x.toml", &bad)]).unwrap_err();
        assert!(e.message.starts_with("`colour` is not a fact of"), "{e}");

        let bad = OBSERVED.replace("says = \"You", "equals = 2\nsays = \"You");
        let e = Labs::parse(&[("x.toml", &bad)]).unwrap_err();
        assert!(e.message.contains("takes only the facts"), "{e}");

        let bad = OBSERVED.replace(
            "show_me = [{ observe = \"streams.capacity_viewed\"",
            "show_me = [{ observe = \"nope\"",
        );
        let e = Labs::parse(&[("x.toml", &bad)]).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("show_me[0]"));

        let bad = OBSERVED.replace(
            "show_me = [{ observe = \"streams.capacity_viewed\", with",
            "show_me = [{ advance_seconds = 1, with",
        );
        let e = Labs::parse(&[("x.toml", &bad)]).unwrap_err();
        assert_eq!(e.message, "`with` goes with `observe`");
    }

    /// A "Show me" call that must fail, and one whose answer feeds the next call.
    #[test]
    fn show_me_calls_can_expect_an_error_and_save_a_value() {
        use crate::engine::Sandbox;
        let lab = |show_me: &str| {
            format!(
                "id = \"x\"\ntitle = \"X\"\nsummary = \"s\"\nminutes = 1\nrecap = \"r\"\n\
                 [[step]]\ntitle = \"t\"\ntext = \"t\"\nshow_me = [{show_me}]\n"
            )
        };
        let refused = lab(
            "{ call = \"Kinesis_20131202.DescribeStream\", body = { StreamName = \"nope\" }, error = \"ResourceNotFoundException\" }",
        );
        let labs = Labs::parse(&[("x.toml", &refused)]).unwrap();
        let mut sb = Sandbox::default();
        goal::run_actions(&mut sb, &labs.all()[0].steps[0].show_me).unwrap();

        let wrong = refused.replace("ResourceNotFoundException", "LimitExceededException");
        let labs = Labs::parse(&[("x.toml", &wrong)]).unwrap();
        let e = goal::run_actions(&mut sb, &labs.all()[0].steps[0].show_me).unwrap_err();
        assert!(
            e.message
                .starts_with("expected LimitExceededException, got ResourceNotFoundException"),
            "{e}"
        );

        let saved = lab(
            "{ call = \"S3.CreateBucket\", body = { Bucket = \"bkt-one\" } }, \
             { call = \"S3.ListBuckets\", body = {}, save = \"name\", path = \"Buckets[0].Name\" }, \
             { call = \"S3.CreateBucket\", body = { Bucket = \"${name}-copy\" } }",
        );
        let labs = Labs::parse(&[("x.toml", &saved)]).unwrap();
        goal::run_actions(&mut sb, &labs.all()[0].steps[0].show_me).unwrap();
        let names = sb.call("S3.ListBuckets", serde_json::json!({})).unwrap();
        assert!(names.to_string().contains("bkt-one-copy"), "{names}");

        let unpaired = lab("{ call = \"S3.ListBuckets\", body = {}, save = \"name\" }");
        let e = Labs::parse(&[("x.toml", &unpaired)]).unwrap_err();
        assert_eq!(e.message, "`save` and `path` go together");
        let stray = lab("{ advance_seconds = 1, error = \"X\" }");
        let e = Labs::parse(&[("x.toml", &stray)]).unwrap_err();
        assert_eq!(e.message, "`body`, `error` and `save` go with `call`");
    }
}
