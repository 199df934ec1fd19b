//! The AWS CLI terminal: a panel on every page that takes `aws kinesis …` commands.
//!
//! Parsing, calling and formatting are `crate::cli`'s; this is only the terminal around it:
//! the scrollback, history on the arrow keys and completion on Tab.

use super::context::use_sandbox;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Lines of scrollback kept.
const SCROLLBACK: usize = 200;

#[derive(Clone, PartialEq)]
struct Entry {
    command: String,
    output: String,
    failed: bool,
}

#[component]
pub fn Terminal() -> Html {
    let sandbox = use_sandbox();
    let open = use_state(|| false);
    let entries = use_state(Vec::<Entry>::new);
    let history = use_mut_ref(Vec::<String>::new);
    let cursor = use_mut_ref(|| 0usize);
    let input = use_node_ref();
    let log = use_node_ref();

    // Keep the newest output in view.
    {
        let log = log.clone();
        use_effect_with(entries.len(), move |_| {
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
                    let mut next = (*entries).clone();
                    if trimmed == "clear" {
                        next.clear();
                    } else {
                        let out = sandbox.run_cli(trimmed);
                        next.push(Entry {
                            command: trimmed.to_string(),
                            output: out.text,
                            failed: out.exit_code != 0,
                        });
                        let excess = next.len().saturating_sub(SCROLLBACK);
                        next.drain(..excess);
                    }
                    entries.set(next);
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
                            let mut next = (*entries).clone();
                            next.push(Entry {
                                command: line.clone(),
                                output: many.join("  "),
                                failed: false,
                            });
                            entries.set(next);
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
                        if entries.is_empty() {
                            <p class="terminal-hint">{ "Type an AWS CLI command, e.g. " }
                                <code>{ "aws kinesis list-streams" }</code>
                                { ". Tab completes, ↑ and ↓ recall earlier commands, " }
                                <code>{ "aws kinesis help" }</code>{ " lists the commands." }</p>
                        }
                        { for entries.iter().map(|e| html! {
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
