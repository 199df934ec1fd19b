//! The AWS CLI terminal: a panel on every page that takes `aws kinesis …` commands.
//!
//! Parsing, calling and formatting are `crate::cli`'s; this is only the terminal around it:
//! the scrollback, history on the arrow keys and completion on Tab. `aws lambda invoke` of a
//! function waits for its run in the browser's worker, as the Test tab does, and prints the
//! answer when it comes.

use super::context::{use_sandbox, SandboxHandle};
use crate::cli::{format_result, Parsed};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Lines of scrollback kept.
const SCROLLBACK: usize = 200;

#[derive(Clone, PartialEq)]
struct Entry {
    /// Tells entries apart while an invoke's answer is on its way.
    id: u64,
    command: String,
    output: String,
    failed: bool,
}

type Entries = Rc<RefCell<Vec<Entry>>>;

/// The body of a line that invokes a function and waits for its answer (not `Event`, which
/// the engine queues, nor `DryRun`, which runs nothing), or `None`.
fn waiting_invoke(line: &str) -> Option<Value> {
    match crate::cli::parse(line) {
        Ok(Parsed::Call { target, body, .. }) if target == "Lambda.Invoke" => {
            match body.get("InvocationType").and_then(Value::as_str) {
                Some("Event") | Some("DryRun") => None,
                _ => Some(body),
            }
        }
        _ => None,
    }
}

/// Runs the invoke in the worker; its entry shows the answer when it comes.
fn invoke_later(
    sandbox: SandboxHandle,
    body: Value,
    id: u64,
    entries: Entries,
    redraw: UseForceUpdateHandle,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = super::lambda_runs::invoke(&sandbox, body).await;
        if let Some(e) = entries.borrow_mut().iter_mut().find(|e| e.id == id) {
            e.output = format_result("Invoke", &result);
            e.failed = result.is_err();
        }
        redraw.force_update();
    });
}

#[component]
pub fn Terminal() -> Html {
    let sandbox = use_sandbox();
    let open = use_state(|| false);
    let entries: Entries = use_mut_ref(Vec::new);
    let next_id = use_mut_ref(|| 0u64);
    let redraw = use_force_update();
    let count = entries.borrow().len() as u64 + *next_id.borrow();
    let history = use_mut_ref(Vec::<String>::new);
    let cursor = use_mut_ref(|| 0usize);
    let input = use_node_ref();
    let log = use_node_ref();

    // Keep the newest output in view.
    {
        let log = log.clone();
        use_effect_with(count, move |_| {
            if let Some(el) = log.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }

    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };

    let onkeydown = {
        let sandbox = sandbox.clone();
        let entries = entries.clone();
        let next_id = next_id.clone();
        let redraw = redraw.clone();
        let history = history.clone();
        let cursor = cursor.clone();
        Callback::from(move |e: KeyboardEvent| {
            let field: HtmlInputElement = e.target_unchecked_into();
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    let line = field.value();
                    let trimmed = line.trim();
                    if trimmed.is_empty() {
                        return;
                    }
                    let id = {
                        let mut n = next_id.borrow_mut();
                        *n += 1;
                        *n
                    };
                    if trimmed == "clear" {
                        entries.borrow_mut().clear();
                    } else if let Some(body) = waiting_invoke(trimmed) {
                        entries.borrow_mut().push(Entry {
                            id,
                            command: trimmed.to_string(),
                            output: "Running the function…".into(),
                            failed: false,
                        });
                        invoke_later(sandbox.clone(), body, id, entries.clone(), redraw.clone());
                    } else {
                        let out = sandbox.run_cli(trimmed);
                        entries.borrow_mut().push(Entry {
                            id,
                            command: trimmed.to_string(),
                            output: out.text,
                            failed: out.exit_code != 0,
                        });
                    }
                    {
                        let mut list = entries.borrow_mut();
                        let excess = list.len().saturating_sub(SCROLLBACK);
                        list.drain(..excess);
                    }
                    redraw.force_update();
                    let mut h = history.borrow_mut();
                    if h.last().map(String::as_str) != Some(trimmed) {
                        h.push(trimmed.to_string());
                    }
                    *cursor.borrow_mut() = h.len();
                    field.set_value("");
                }
                "ArrowUp" | "ArrowDown" => {
                    e.prevent_default();
                    let h = history.borrow();
                    let mut c = cursor.borrow_mut();
                    if e.key() == "ArrowUp" {
                        *c = c.saturating_sub(1);
                    } else {
                        *c = (*c + 1).min(h.len());
                    }
                    field.set_value(h.get(*c).map(String::as_str).unwrap_or(""));
                }
                "Tab" => {
                    e.prevent_default();
                    let line = field.value();
                    let options = crate::cli::complete(&line);
                    match options.as_slice() {
                        [] => {}
                        [only] => field.set_value(&complete_line(&line, only)),
                        many => {
                            let id = {
                                let mut n = next_id.borrow_mut();
                                *n += 1;
                                *n
                            };
                            entries.borrow_mut().push(Entry {
                                id,
                                command: line.clone(),
                                output: many.join("  "),
                                failed: false,
                            });
                            redraw.force_update();
                        }
                    }
                }
                _ => {}
            }
        })
    };

    let focus_input = {
        let input = input.clone();
        Callback::from(move |_| {
            if let Some(field) = input.cast::<HtmlInputElement>() {
                let _ = field.focus();
            }
        })
    };

    html! {
        <section class={classes!("terminal", open.then_some("open"))} aria-label="AWS CLI">
            <button type="button" class="terminal-toggle" aria-expanded={open.to_string()}
                aria-controls="terminal-body" onclick={toggle}>
                { if *open { "Hide AWS CLI" } else { "AWS CLI" } }
            </button>
            if *open {
                <div id="terminal-body" class="terminal-body" onclick={focus_input}>
                    <div class="terminal-log" role="log" aria-label="AWS CLI output" ref={log}>
                        if entries.borrow().is_empty() {
                            <p class="terminal-hint">{ "Type an AWS CLI command, e.g. " }
                                <code>{ "aws kinesis list-streams" }</code>
                                { ". Tab completes, ↑ and ↓ recall earlier commands, " }
                                <code>{ "aws kinesis help" }</code>{ " lists the commands." }</p>
                        }
                        { for entries.borrow().iter().map(|e| html! {
                            <div class="terminal-entry">
                                <div class="terminal-command">{ "$ " }{ &e.command }</div>
                                <pre class={classes!("terminal-output", e.failed.then_some("failed"))}>{ &e.output }</pre>
                            </div>
                        }) }
                    </div>
                    <div class="terminal-prompt">
                        <span aria-hidden="true">{ "$" }</span>
                        <input ref={input} type="text" aria-label="AWS CLI command" spellcheck="false"
                            autocomplete="off" autocapitalize="off" placeholder="aws kinesis list-streams" {onkeydown} />
                    </div>
                </div>
            }
        </section>
    }
}

/// `line` with its last (partial) word replaced by `word` and a space after it.
fn complete_line(line: &str, word: &str) -> String {
    let keep = if line.ends_with(char::is_whitespace) {
        line
    } else {
        line.trim_end_matches(|c: char| !c.is_whitespace())
    };
    format!("{keep}{word} ")
}
