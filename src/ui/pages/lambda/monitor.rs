//! The Monitor tab: the function's log group in CloudWatch Logs, and its latest log events.

use crate::engine::lambda::Function;
use crate::engine::SimTime;
use crate::ui::context::use_sandbox;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// How many of the latest events are shown.
const SHOWN: usize = 50;

#[derive(Properties, PartialEq)]
pub struct MonitorTabProps {
    pub function: Function,
}

fn ms_text(ms: i64) -> String {
    SimTime::from_millis(ms)
        .to_datetime()
        .format("%Y-%m-%d %H:%M:%S%.3f UTC")
        .to_string()
}

#[component]
pub fn MonitorTab(props: &MonitorTabProps) -> Html {
    let sandbox = use_sandbox();
    let group = props.function.log_group();
    // The latest events of every stream, oldest first (a run's lines in their order).
    let events: Vec<(i64, String, String)> = sandbox.read(|sb| {
        let mut all: Vec<(i64, u64, String, String)> = sb
            .cloudwatch()
            .log_group(&group)
            .into_iter()
            .flat_map(|g| g.streams.values())
            .flat_map(|s| {
                s.events
                    .iter()
                    .map(|e| (e.timestamp, e.id, s.name.clone(), e.message.clone()))
            })
            .collect();
        all.sort_by_key(|(t, id, _, _)| (*t, *id));
        let skip = all.len().saturating_sub(SHOWN);
        all.into_iter()
            .skip(skip)
            .map(|(t, _, s, m)| (t, s, m))
            .collect()
    });
    html! {
        <div class="panel" role="region" aria-labelledby="lambda-logs-title">
            <div class="page-header">
                <h2 id="lambda-logs-title">{ "Logs" }</h2>
                <Link<Route> to={Route::CloudWatch} classes="button-link">{ "View CloudWatch logs" }</Link<Route>>
            </div>
            <p class="help">
                { "Lambda writes each run's START, END and REPORT lines and what the handler logs (console.log) to the log group " }
                <code>{ &group }</code>{ ", one log stream per execution environment." }
            </p>
            if events.is_empty() {
                <p class="empty">{ "No log events yet: test the function to see its logs." }</p>
            } else {
                <h3>{ format!("Latest log events ({})", events.len()) }</h3>
                <ol class="log-events" aria-label="Latest log events">
                    { for events.iter().map(|(t, s, m)| html! {
                        <li><time>{ ms_text(*t) }</time>{ " " }<span class="help">{ s }</span><pre>{ m }</pre></li>
                    }) }
                </ol>
            }
        </div>
    }
}
