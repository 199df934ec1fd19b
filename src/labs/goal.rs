//! Running a lab's actions and checking its goals against a sandbox and what the learner
//! looked at in the console.

use super::observe::{known, Observation, Observations};
use super::path::{same, Path};
use super::{Action, Check, Lab, Step};
use crate::engine::lambda::blueprints;
use crate::engine::{Sandbox, SandboxConfig};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// An action that failed: which one (from 0) and what the sandbox said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionError {
    pub index: usize,
    pub message: String,
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "action {} failed: {}", self.index + 1, self.message)
    }
}

/// Runs actions in order as the learner (`Caller::User`); stops at the first that fails. An
/// observation changes nothing in the sandbox (see [`observations_in`]).
pub fn run_actions(sb: &mut Sandbox, actions: &[Action]) -> Result<(), ActionError> {
    let mut saved = BTreeMap::new();
    for (index, action) in actions.iter().enumerate() {
        let failed = |message: String| ActionError { index, message };
        if let Some(target) = &action.call {
            let body = action.body.clone().unwrap_or(Value::Null);
            let mut names = builtins(sb);
            names.extend(saved.clone());
            let body = substitute(&body, &names);
            match (sb.call(target, body), &action.error) {
                (Ok(answer), None) => {
                    if let (Some(name), Some(path)) = (&action.save, &action.path) {
                        let found = Path::parse(path)
                            .ok()
                            .and_then(|p| p.find(&answer))
                            .map(|v| show(&v))
                            .ok_or_else(|| failed(format!("nothing at `{path}` in {answer}")))?;
                        saved.insert(name.clone(), found);
                    }
                }
                (Err(e), None) => return Err(failed(e.to_string())),
                (Err(e), Some(wanted)) if e.error_type() == wanted => {}
                (Err(e), Some(wanted)) => {
                    return Err(failed(format!("expected {wanted}, got {e}")))
                }
                (Ok(_), Some(wanted)) => {
                    return Err(failed(format!("expected {wanted}, but the call succeeded")))
                }
            }
        } else if let Some(line) = &action.cli {
            let out = crate::cli::run(sb, line);
            if out.exit_code != 0 {
                return Err(failed(out.text));
            }
        } else if let Some(seconds) = action.advance_seconds {
            sb.advance(Duration::from_secs(seconds));
        }
    }
    Ok(())
}

/// The observations a "Show me" counts as seen, in order.
pub fn observations_in(actions: &[Action]) -> Vec<Observation> {
    actions
        .iter()
        .filter_map(|a| {
            a.observe
                .as_deref()
                .map(|name| Observation::from_lab(name, a.with.as_ref()))
        })
        .collect()
}

/// A fresh sandbox with the lab's starting state.
pub fn start(lab: &Lab, config: SandboxConfig) -> Result<Sandbox, ActionError> {
    let mut sb = Sandbox::new(config);
    run_actions(&mut sb, &lab.setup)?;
    Ok(sb)
}

/// A fresh sandbox as it is at the start of step `step` (from 0): the starting state, then the
/// "Show me" of every step before it. Deep links to a later step start here.
pub fn start_at(lab: &Lab, config: SandboxConfig, step: usize) -> Result<Sandbox, ActionError> {
    let mut sb = start(lab, config)?;
    for earlier in lab.steps.iter().take(step) {
        run_actions(&mut sb, &earlier.show_me)?;
    }
    Ok(sb)
}

/// How one check came out, with what was found when it failed ("CREATING").
#[derive(Debug, Clone, PartialEq)]
pub struct CheckOutcome {
    pub says: String,
    pub passed: bool,
    pub found: Option<String>,
}

fn builtins(sb: &Sandbox) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    names.insert("account".to_string(), sb.config().account_id.clone());
    names.insert("region".to_string(), sb.config().region.clone());
    // `${package:<id>}`: a blueprint's (or a lab function's) deployment package, a ZIP in
    // base64, for a "Show me" that creates or updates a function.
    if let Some(packages) = packages() {
        names.extend(packages.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    // `${media:test-pattern}`: the recorded test pattern (WebM) in base64, for a "Show me"
    // that starts the media producer.
    names.insert(
        "media:test-pattern".to_string(),
        test_pattern_base64().to_string(),
    );
    names
}

fn test_pattern_base64() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .encode(crate::engine::video::producer::TEST_PATTERN_WEBM)
    })
}

/// `package:<id>` → base64 ZIP, made once (the ZIP writer is an extension: `None` until it
/// is there).
fn packages() -> Option<&'static BTreeMap<String, String>> {
    static PACKAGES: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();
    if let Some(p) = PACKAGES.get() {
        return Some(p);
    }
    let codecs = crate::engine::extension::codecs()?;
    use base64::Engine as _;
    let made = blueprints::BLUEPRINTS
        .iter()
        .chain(blueprints::EXAMPLES)
        .map(|b| {
            let zip = (codecs.zip)(b.source.as_bytes(), b.file_name);
            let text = base64::engine::general_purpose::STANDARD.encode(zip);
            (format!("package:{}", b.id), text)
        })
        .collect();
    Some(PACKAGES.get_or_init(|| made))
}

/// Replaces `${name}` in every text of `value`.
fn substitute(value: &Value, names: &BTreeMap<String, String>) -> Value {
    match value {
        Value::String(s) if s.contains("${") => {
            let mut out = s.clone();
            for (name, text) in names {
                out = out.replace(&format!("${{{name}}}"), text);
            }
            Value::String(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(|v| substitute(v, names)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), substitute(v, names)))
                .collect(),
        ),
        v => v.clone(),
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Checks a step's goal. `answered` says whether its question (if any) was answered right, and
/// `seen` is what the learner looked at in the console during the lab. Every check of the goal
/// is looked at, so the panel can tick each one.
pub fn check_step(
    sb: &mut Sandbox,
    step: &Step,
    answered: bool,
    seen: &Observations,
) -> Vec<CheckOutcome> {
    let mut names = builtins(sb);
    let mut out: Vec<CheckOutcome> = step
        .goal
        .iter()
        .map(|c| match &c.observed {
            Some(name) => check_seen(c, name, seen),
            None => check(sb, c, &mut names),
        })
        .collect();
    if let Some(q) = &step.question {
        out.push(CheckOutcome {
            says: format!("Answer: {}", q.prompt),
            passed: answered,
            found: None,
        });
    }
    out
}

/// An `observed` check: met once an observation with its facts was seen; else it says what was
/// seen of that kind last ("seen with capacity mode: PROVISIONED, shards: 1, …"), if anything.
fn check_seen(c: &Check, name: &str, seen: &Observations) -> CheckOutcome {
    let passed = seen.find(name, c.with.as_ref()).is_some();
    let found = (!passed).then(|| match seen.latest(name) {
        Some(o) => format!("seen with {o}"),
        None => format!("not seen yet: {}", known(name).map_or(name, |k| k.shows)),
    });
    CheckOutcome {
        says: c.says.clone(),
        passed,
        found,
    }
}

fn check(sb: &mut Sandbox, c: &Check, names: &mut BTreeMap<String, String>) -> CheckOutcome {
    let outcome = |passed: bool, found: Option<String>| CheckOutcome {
        says: c.says.clone(),
        passed,
        found,
    };
    if let Some(ev) = &c.events {
        let n = sb.events().count(
            ev.caller(),
            &ev.target,
            Some(ev.outcome.as_deref().unwrap_or("ok")),
        );
        return outcome(n >= ev.at_least, Some(format!("{n} so far")));
    }
    let Some(target) = &c.call else {
        return outcome(false, None);
    };
    let body = substitute(c.body.as_ref().unwrap_or(&Value::Null), names);
    let answer = sb.inspect(target, body);
    if let Some(want) = &c.error {
        return match answer {
            Err(e) if e.error_type() == want => outcome(true, None),
            Err(e) => outcome(false, Some(e.error_type().to_string())),
            Ok(_) => outcome(false, Some("no error".into())),
        };
    }
    let answer = match answer {
        Ok(v) => v,
        Err(e) => return outcome(false, Some(e.error_type().to_string())),
    };
    let Some(path) = c.path.as_deref().and_then(|p| Path::parse(p).ok()) else {
        return outcome(false, None);
    };
    let found = path.find(&answer);
    if let (Some(name), Some(Value::String(text))) = (&c.save, &found) {
        names.insert(name.clone(), text.clone());
    }
    let expected = Check {
        equals: c.equals.as_ref().map(|v| substitute(v, names)),
        contains: c.contains.as_ref().map(|v| substitute(v, names)),
        ..c.clone()
    };
    let passed = compare(&expected, found.as_ref(), path.projects());
    let shown = match &found {
        None => "nothing".to_string(),
        Some(v) => show(v),
    };
    outcome(passed, Some(shown))
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn compare(c: &Check, found: Option<&Value>, projects: bool) -> bool {
    if let Some(want) = c.exists {
        let there = match found {
            Some(Value::Array(a)) if projects => !a.is_empty(),
            Some(Value::Null) | None => false,
            Some(_) => true,
        };
        return there == want;
    }
    let Some(found) = found else {
        return false;
    };
    // A projection must match in every element, and have at least one.
    let each: Vec<&Value> = match found {
        Value::Array(a) if projects => a.iter().collect(),
        v => vec![v],
    };
    if each.is_empty() {
        return false;
    }
    if let Some(want) = &c.contains {
        return each.iter().any(|v| match v {
            Value::String(s) => want.as_str().is_some_and(|w| s.contains(w)),
            Value::Array(a) => a.iter().any(|x| same(x, want)),
            other => same(other, want),
        });
    }
    each.iter().all(|v| {
        if let Some(want) = &c.equals {
            return same(v, want);
        }
        let Some(n) = number(v) else {
            return false;
        };
        c.at_least.is_none_or(|min| n >= min) && c.at_most.is_none_or(|max| n <= max)
    })
}

#[cfg(test)]
mod tests {
    use super::super::Labs;
    use super::*;

    const LAB: &str = r#"
id = "x"
title = "X"
summary = "A lab."
minutes = 5
recap = "Done."
setup = [{ call = "Kinesis_20131202.CreateStream", body = { StreamName = "s", ShardCount = 1 } }]

[[step]]
title = "Wait and tag"
text = "Tag it."
show_me = [
  { advance_seconds = 60 },
  { call = "Kinesis_20131202.AddTagsToStream", body = { StreamName = "s", Tags = { Project = "ml" } } },
]

[[step.goal]]
says = "s is ACTIVE"
call = "Kinesis_20131202.DescribeStreamSummary"
body = { StreamName = "s" }
path = "StreamDescriptionSummary.StreamStatus"
equals = "ACTIVE"

[[step.goal]]
says = "the ARN"
call = "Kinesis_20131202.DescribeStreamSummary"
body = { StreamName = "s" }
path = "StreamDescriptionSummary.StreamARN"
save = "arn"
contains = "arn:aws:kinesis"

[[step.goal]]
says = "tagged Project=ml"
call = "Kinesis_20131202.ListTagsForStream"
body = { StreamARN = "${arn}" }
path = "Tags[?Key=='Project'].Value"
equals = "ml"

[[step.goal]]
says = "tagged by the learner"
events = { caller = "User", target = "Kinesis_20131202.AddTagsToStream", at_least = 1 }

[[step.goal]]
says = "no stream t"
call = "Kinesis_20131202.DescribeStreamSummary"
body = { StreamName = "t" }
error = "ResourceNotFoundException"
"#;

    #[test]
    fn goals_fail_before_and_pass_after_show_me() {
        let labs = Labs::parse(&[("x.toml", LAB)]).unwrap();
        let lab = &labs.all()[0];
        let mut sb = start(lab, SandboxConfig::default()).unwrap();
        let before = check_step(&mut sb, &lab.steps[0], false, &Observations::default());
        let events_before = sb.events().total();
        assert!(!before[0].passed, "{before:?}");
        assert_eq!(before[0].found.as_deref(), Some("CREATING"));
        assert!(!before[2].passed && !before[3].passed);
        assert!(before[4].passed);
        run_actions(&mut sb, &lab.steps[0].show_me).unwrap();
        assert_eq!(
            sb.events().total(),
            events_before + 1,
            "checks are not logged"
        );
        let after = check_step(&mut sb, &lab.steps[0], false, &Observations::default());
        assert!(after.iter().all(|c| c.passed), "{after:?}");
    }

    const LOOK: &str = r#"
id = "look"
title = "Look"
summary = "A lab."
minutes = 5
recap = "Done."

[[step]]
title = "Read the capacity"
text = "Look at it for 2 shards."
show_me = [{ observe = "streams.capacity_viewed", with = { mode = "PROVISIONED", shards = 2 } }]

[[step.goal]]
says = "You looked at the capacity of 2 provisioned shards"
observed = "streams.capacity_viewed"
with = { mode = "PROVISIONED", shards = 2 }

[step.question]
prompt = "What does it give?"
options = ["a", "b"]
answer = 1
explain = "b."
"#;

    #[test]
    fn an_observed_goal_ticks_from_what_the_console_showed_and_the_answer_is_still_asked() {
        let labs = Labs::parse(&[("look.toml", LOOK)]).unwrap();
        let lab = &labs.all()[0];
        let step = &lab.steps[0];
        let mut sb = start(lab, SandboxConfig::default()).unwrap();
        let mut seen = Observations::default();

        // The right answer alone no longer does it.
        let out = check_step(&mut sb, step, true, &seen);
        assert_eq!(out.len(), 2, "the observation, then the question");
        assert!(!out[0].passed && out[1].passed, "{out:?}");
        assert_eq!(
            out[0].found.as_deref(),
            Some("not seen yet: the capacity of a stream's shards")
        );

        // The panel at the default 1 shard is not 2 shards: the check says what was seen.
        let one = Observation::new("streams.capacity_viewed")
            .with("mode", "PROVISIONED")
            .with("shards", 1)
            .with("page", "create");
        seen.record(one);
        let out = check_step(&mut sb, step, true, &seen);
        assert!(!out[0].passed);
        assert_eq!(
            out[0].found.as_deref(),
            Some("seen with capacity mode: PROVISIONED, shards: 1, page: create")
        );

        // Seen with 2 shards (on any page): met, and stays met when the learner looks on.
        seen.record(
            Observation::new("streams.capacity_viewed")
                .with("mode", "PROVISIONED")
                .with("shards", 2)
                .with("page", "details")
                .with("stream", "machinelearning"),
        );
        seen.record(Observation::new("streams.shards_viewed").with("stream", "x"));
        let out = check_step(&mut sb, step, false, &seen);
        assert!(
            out[0].passed && !out[1].passed,
            "the question is still asked"
        );
        assert!(check_step(&mut sb, step, true, &seen)
            .iter()
            .all(|c| c.passed));

        // "Show me" counts the same observation as seen, and changes nothing in the sandbox.
        let events = sb.events().total();
        run_actions(&mut sb, &step.show_me).unwrap();
        assert_eq!(sb.events().total(), events);
        let shown: Observations = observations_in(&step.show_me).into_iter().collect();
        assert!(check_step(&mut sb, step, true, &shown)
            .iter()
            .all(|c| c.passed));
    }
}
