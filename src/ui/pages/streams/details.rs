//! One data stream: its details and shards, the Data viewer, Monitoring, Enhanced fan-out and
//! Tags, as tabs like the console's. Each tab with fields keeps them in a reducer over its pure
//! form in `crate::forms::stream_details`.

use super::list::{mode_text, status_text};
use crate::engine::streams::{StreamMode, StreamView, SHARD_METRICS};
use crate::forms::stream_details::{
    delete_request, deregister_request, encryption_request, metrics_request, read_request,
    remove_tag_request, tab, time_text, Consumers, ConsumersAction, Settings, SettingsAction,
    Tags as TagForm, TagsAction, Viewer, ViewerAction, TABS,
};
use crate::forms::Request;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::components::chart::LineChart;
use crate::ui::context::use_sandbox;
use crate::ui::Route;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

reducible!(Settings, Viewer, Consumers, TagForm);

#[derive(Properties, PartialEq)]
pub struct StreamDetailsProps {
    pub name: AttrValue,
    #[prop_or_else(|| AttrValue::from("details"))]
    pub tab: AttrValue,
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

#[component]
pub fn StreamDetails(props: &StreamDetailsProps) -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let view = sandbox.read(|sb| sb.stream(&props.name));
    let Some(view) = view else {
        return html! {
            <section class="page" aria-labelledby="missing-title">
                <h1 id="missing-title">{ "Data stream not found" }</h1>
                <p>{ format!("Stream {} under account {} not found.", props.name, sandbox.read(|sb| sb.config().account_id.clone())) }</p>
                <p><Link<Route> to={Route::Streams}>{ "Back to data streams" }</Link<Route>></p>
            </section>
        };
    };
    let tab = tab(&props.tab);

    let tabs = TABS.iter().map(|(slug, label)| {
        let selected = *slug == tab;
        let onclick = {
            let navigator = navigator.clone();
            let name = view.name.clone();
            let slug = slug.to_string();
            Callback::from(move |_| {
                if let Some(nav) = &navigator {
                    nav.push(&Route::StreamTab { name: name.clone(), tab: slug.clone() });
                }
            })
        };
        html! {
            <button type="button" role="tab" id={format!("tab-{slug}")} aria-selected={selected.to_string()}
                aria-controls="tab-panel" tabindex={if selected { "0" } else { "-1" }} {onclick}>{ *label }</button>
        }
    });

    let body = match tab {
        "data-viewer" => html! { <DataViewer stream={view.clone()} /> },
        "monitoring" => html! { <Monitoring stream={view.clone()} /> },
        "enhanced-fan-out" => html! { <FanOut stream={view.clone()} /> },
        "tags" => html! { <Tags stream={view.clone()} /> },
        _ => html! { <Configuration stream={view.clone()} /> },
    };

    html! {
        <section class="page" aria-labelledby="stream-title">
            <p class="breadcrumb"><Link<Route> to={Route::Streams}>{ "Data streams" }</Link<Route>>{ format!(" › {}", view.name) }</p>
            <div class="page-header">
                <h1 id="stream-title">{ &view.name }</h1>
                <span class={classes!("status", status_text(view.status).to_lowercase())}>{ status_text(view.status) }</span>
                <Link<Route> to={Route::FirehoseCreateFrom { source: view.name.clone() }} classes="button-link">{ "Connect Kinesis consumers" }</Link<Route>>
            </div>
            <HotShards stream={view.clone()} />
            <div role="tablist" aria-label="Data stream" class="tabs">{ for tabs }</div>
            <div id="tab-panel" role="tabpanel" aria-labelledby={format!("tab-{tab}")}>{ body }</div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct StreamProps {
    stream: StreamView,
}

/// Which shard is hot right now and why, when any is.
#[component]
fn HotShards(props: &StreamProps) -> Html {
    let hot: Vec<Html> = props
        .stream
        .shards
        .iter()
        .filter(|s| s.is_throttling())
        .map(|s| {
            let l = s.recent();
            let mut why = Vec::new();
            if l.write_throttled > 0 {
                why.push(format!(
                    "{} writes refused in the last second ({} records, {} bytes accepted; the limit is 1,000 records and 1 MiB per second)",
                    l.write_throttled, l.incoming_records, l.incoming_bytes
                ));
            }
            if l.read_throttled > 0 {
                why.push(format!(
                    "{} reads refused (the shared limit is 5 GetRecords calls and 2 MiB per second)",
                    l.read_throttled
                ));
            }
            html! { <li><strong>{ &s.id }</strong>{ ": " }{ why.join("; ") }</li> }
        })
        .collect();
    if hot.is_empty() {
        return html! {};
    }
    html! {
        <div class="hot-shards" role="status" aria-label="Throttled shards">
            <strong>{ "Hot shard: over its limit" }</strong>
            <ul>{ for hot }</ul>
            <p class="help">{ "Spread partition keys more evenly, add shards (Edit provisioned shards), or slow the producer down." }</p>
        </div>
    }
}

#[component]
fn Configuration(props: &StreamProps) -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let s = &props.stream;
    let form = {
        let s = s.clone();
        use_reducer(move || Settings::new(&s))
    };
    let metrics_on = sandbox.read(|sb| {
        sb.streams
            .get(&s.name)
            .map(|st| st.shard_level_metrics.iter().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    });
    // Sends a request and keeps its error (or clears it); true when it succeeded.
    let send = {
        let (sandbox, dispatch) = (sandbox.clone(), form.dispatcher());
        move |request: Request| {
            let answer = sandbox.send(request);
            let ok = answer.is_ok();
            dispatch.dispatch(SettingsAction::Answered(answer.err()));
            ok
        }
    };
    let on = |request: Request| {
        let send = send.clone();
        Callback::from(move |_| {
            send(request.clone());
        })
    };
    let save_retention = on(form.retention_request(&s.name, s.retention_hours));
    let toggle_encryption = on(encryption_request(&s.name, s.encryption_key.as_deref()));
    let toggle_metrics = on(metrics_request(&s.name, !metrics_on.is_empty()));
    let update_shards = on(form.shard_count_request(&s.name));
    let delete = {
        let request = delete_request(&s.name);
        Callback::from(move |_| {
            if send(request.clone()) {
                if let Some(nav) = &navigator {
                    nav.push(&Route::Streams);
                }
            }
        })
    };
    let text = |action: fn(String) -> SettingsAction| {
        let dispatch = form.dispatcher();
        Callback::from(move |e: InputEvent| dispatch.dispatch(action(input_value(&e))))
    };

    html! {
        <div class="tab-body">
            if let Some(e) = &form.error { <ApiErrorAlert error={e.clone()} /> }
            <div class="panel">
                <h2>{ "Data stream summary" }</h2>
                <dl class="summary">
                    <dt>{ "Status" }</dt><dd>{ status_text(s.status) }</dd>
                    <dt>{ "Capacity mode" }</dt><dd>{ mode_text(s.mode) }</dd>
                    <dt>{ "ARN" }</dt><dd><code>{ &s.arn }</code></dd>
                    <dt>{ "Data stream creation time" }</dt><dd>{ time_text(s.created_ms) }</dd>
                    <dt>{ "Open shards" }</dt><dd>{ s.open_shards }</dd>
                    <dt>{ "Records held" }</dt><dd>{ format!("{} ({} bytes)", s.records_held, s.bytes_held) }</dd>
                </dl>
            </div>

            <div class="panel">
                <h2>{ "Data retention period" }</h2>
                <p>{ format!("Records are kept for {} hours.", s.retention_hours) }</p>
                <p class="help">{ "Today: 24 hours to 8760 hours (365 days). Exam-era material (before November 2020): up to 168 hours (7 days). Increasing retention does not bring back records already trimmed." }</p>
                <label for="retention">{ "Data retention period (hours)" }</label>
                <input id="retention" type="number" min="24" max="8760" value={form.retention.clone()} oninput={text(SettingsAction::Retention)} />
                <button type="button" onclick={save_retention}>{ "Save retention period" }</button>
            </div>

            <div class="panel">
                <h2>{ "Server-side encryption" }</h2>
                <p>{ match &s.encryption_key {
                    Some(k) => format!("Enabled, with the AWS KMS key {k}. New records are encrypted (EncryptionType KMS)."),
                    None => "Disabled. Records are stored unencrypted (EncryptionType NONE).".to_string(),
                } }</p>
                <button type="button" onclick={toggle_encryption}>
                    { if s.encryption_key.is_some() { "Disable server-side encryption" } else { "Enable server-side encryption" } }
                </button>
            </div>

            <div class="panel">
                <h2>{ "Shard-level metrics" }</h2>
                <p>{ if metrics_on.is_empty() { "No shard-level metrics enabled.".to_string() } else { format!("Enabled: {}", metrics_on.join(", ")) } }</p>
                <p class="help">{ format!("Shard-level (enhanced) metrics, per minute, for an additional cost: {}.", SHARD_METRICS.join(", ")) }</p>
                <button type="button" onclick={toggle_metrics}>
                    { if metrics_on.is_empty() { "Enable all shard-level metrics" } else { "Disable shard-level metrics" } }
                </button>
            </div>

            <div class="panel">
                <h2>{ "Shards" }</h2>
                if s.mode == StreamMode::Provisioned {
                    <div class="inline-form">
                        <label for="target-shards">{ "Number of open shards" }</label>
                        <input id="target-shards" type="number" min="1" value={form.target_shards.clone()} oninput={text(SettingsAction::TargetShards)} />
                        <button type="button" onclick={update_shards}>{ "Edit provisioned shards" }</button>
                    </div>
                    <p class="help">{ "UpdateShardCount: at most double or half the open shards, 10 times in 24 hours." }</p>
                }
                <table class="resource-table shard-table">
                    <caption class="visually-hidden">{ "Shards of this stream" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Shard ID" }</th><th scope="col">{ "Status" }</th>
                        <th scope="col">{ "Parent shards" }</th>
                        <th scope="col">{ "Starting hash key" }</th><th scope="col">{ "Ending hash key" }</th>
                        <th scope="col">{ "Records" }</th><th scope="col">{ "Write load (last second)" }</th>
                    </tr></thead>
                    <tbody>
                        if s.shards.is_empty() {
                            <tr><td colspan="7" class="empty">{ "No shards yet: the stream is being created." }</td></tr>
                        }
                        { for s.shards.iter().map(|sh| html! {
                            <tr class={classes!(sh.is_throttling().then_some("hot"))}>
                                <td><code>{ &sh.id }</code></td>
                                <td>{ if sh.open { "Open" } else { "Closed" } }</td>
                                <td>{ [sh.parent, sh.adjacent_parent].iter().flatten().map(|p| format!("shardId-{p:012}")).collect::<Vec<_>>().join(", ") }</td>
                                <td class="hash"><code>{ sh.range.start.to_string() }</code></td>
                                <td class="hash"><code>{ sh.range.end.to_string() }</code></td>
                                <td>{ sh.records_held }</td>
                                <td>
                                    { {
                                        let r = sh.recent();
                                        let load = (r.incoming_records as f64 / 1000.0).max(r.incoming_bytes as f64 / 1_048_576.0);
                                        format!("{:.0}% ({} rec/s)", load * 100.0, r.incoming_records)
                                    } }
                                    if sh.is_throttling() { <span class="badge hot">{ "Throttled" }</span> }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>

            <div class="panel danger-zone">
                <h2>{ "Delete data stream" }</h2>
                <p>{ "Deleting the stream deletes its records and its enhanced fan-out consumers. To confirm, type the stream's name." }</p>
                <label for="confirm-delete">{ "Type the data stream name to confirm" }</label>
                <input id="confirm-delete" type="text" value={form.confirm_delete.clone()} oninput={text(SettingsAction::ConfirmDelete)} />
                <button type="button" class="danger" onclick={delete} disabled={!form.can_delete(&s.name)}>{ "Delete data stream" }</button>
            </div>
        </div>
    }
}

/// The Data viewer: reads a shard with GetShardIterator and GetRecords, like the console.
#[component]
fn DataViewer(props: &StreamProps) -> Html {
    let sandbox = use_sandbox();
    let s = &props.stream;
    let form = {
        let s = s.clone();
        use_reducer(move || Viewer::new(&s))
    };
    let dispatch = form.dispatcher();

    // GetRecords from `iterator`, then the records (or the error) into the form.
    let read = {
        let (sandbox, dispatch) = (sandbox.clone(), dispatch.clone());
        move |iterator: &str| match sandbox.send(read_request(iterator)) {
            Ok(out) => dispatch.dispatch(ViewerAction::Read(out)),
            Err(e) => dispatch.dispatch(ViewerAction::Answered(Some(e))),
        }
    };
    let get = {
        let (sandbox, dispatch, read) = (sandbox.clone(), dispatch.clone(), read.clone());
        let request = form.iterator_request(&s.name);
        Callback::from(move |_| match sandbox.send(request.clone()) {
            Ok(out) => {
                dispatch.dispatch(ViewerAction::Answered(None));
                if let Some(it) = out["ShardIterator"].as_str() {
                    read(it);
                }
            }
            Err(e) => dispatch.dispatch(ViewerAction::Answered(Some(e))),
        })
    };
    let more = {
        let next = form.next.clone();
        Callback::from(move |_| {
            if let Some(it) = &next {
                read(it);
            }
        })
    };
    let pick = |action: fn(String) -> ViewerAction| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            dispatch.dispatch(action(
                e.target_unchecked_into::<HtmlSelectElement>().value(),
            ))
        })
    };
    let pick_shard = pick(ViewerAction::Shard);
    let pick_position = pick(ViewerAction::Position);

    html! {
        <div class="tab-body">
            <div class="panel">
                <h2>{ "Data viewer" }</h2>
                <p class="help">{ "Reads a shard with GetShardIterator and GetRecords, so the reads count against the shard's shared read limits (5 calls and 2 MiB per second)." }</p>
                <div class="inline-form">
                    <label for="viewer-shard">{ "Shard" }</label>
                    <select id="viewer-shard" onchange={pick_shard}>
                        { for s.shards.iter().map(|sh| html! {
                            <option value={sh.id.clone()} selected={form.shard == sh.id}>
                                { format!("{}{}", sh.id, if sh.open { "" } else { " (closed)" }) }
                            </option>
                        }) }
                    </select>
                    <label for="viewer-position">{ "Starting position" }</label>
                    <select id="viewer-position" onchange={pick_position}>
                        <option value="TRIM_HORIZON" selected={form.position == "TRIM_HORIZON"}>{ "Trim horizon" }</option>
                        <option value="LATEST" selected={form.position == "LATEST"}>{ "Latest" }</option>
                    </select>
                    <button type="button" class="primary" onclick={get}>{ "Get records" }</button>
                    <button type="button" onclick={more} disabled={form.next.is_none()}>{ "Next records" }</button>
                </div>
            </div>
            if let Some(e) = &form.error { <ApiErrorAlert error={e.clone()} /> }
            if form.fetched {
                <p>{ format!("{} records. ", form.records.len()) }
                    { form.behind.map(|ms| format!("MillisBehindLatest: {ms}")).unwrap_or_default() }</p>
                <table class="resource-table records">
                    <caption class="visually-hidden">{ "Records read from the shard" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Partition key" }</th><th scope="col">{ "Data" }</th>
                        <th scope="col">{ "Approximate arrival timestamp" }</th><th scope="col">{ "Sequence number" }</th>
                    </tr></thead>
                    <tbody>
                        if form.records.is_empty() {
                            <tr><td colspan="4" class="empty">{ "No records at this position. Put some, or start from Trim horizon." }</td></tr>
                        }
                        { for form.records.iter().map(|r| html! {
                            <tr>
                                <td>{ &r.partition_key }</td>
                                <td><pre class="record-data">{ &r.data }</pre></td>
                                <td>{ &r.arrival }</td>
                                <td class="hash"><code>{ &r.sequence_number }</code></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </div>
    }
}

/// A metric chart: AWS's metric name, its unit, whether to plot the maximum (else the sum),
/// and an optional limit line.
type ChartSpec = (
    &'static str,
    &'static str,
    bool,
    Option<(f64, &'static str)>,
);

/// Monitoring: the stream's metrics for the last hour, and per shard when shard-level
/// metrics are on.
#[component]
fn Monitoring(props: &StreamProps) -> Html {
    let sandbox = use_sandbox();
    let s = &props.stream;
    let now = sandbox.read(|sb| sb.now().epoch_millis());
    let to = (now.div_euclid(60_000) + 1) * 60_000;
    let from = to - 60 * 60_000;
    let shards = f64::from(s.open_shards.max(1));
    let series = |metric: &str, shard: Option<u32>, max: bool| -> Vec<(i64, f64)> {
        sandbox.read(|sb| {
            sb.stream_metric(&s.name, metric, shard, from, to)
                .into_iter()
                .map(|p| (p.at_ms, if max { p.stat.maximum } else { p.stat.sum }))
                .collect()
        })
    };
    let charts: Vec<ChartSpec> = vec![
        (
            "IncomingRecords",
            "Count, per minute",
            false,
            Some((shards * 60_000.0, "write limit")),
        ),
        (
            "IncomingBytes",
            "Bytes, per minute",
            false,
            Some((shards * 60.0 * 1_048_576.0, "write limit")),
        ),
        ("WriteProvisionedThroughputExceeded", "Count", false, None),
        ("PutRecords.ThrottledRecords", "Count", false, None),
        ("GetRecords.Records", "Count", false, None),
        ("ReadProvisionedThroughputExceeded", "Count", false, None),
        (
            "GetRecords.IteratorAgeMilliseconds",
            "Milliseconds, maximum",
            true,
            None,
        ),
    ];
    let metrics_on = sandbox.read(|sb| {
        sb.streams
            .get(&s.name)
            .map(|st| !st.shard_level_metrics.is_empty())
            .unwrap_or(false)
    });
    html! {
        <div class="tab-body">
            <p class="help">{ "CloudWatch metrics (namespace AWS/Kinesis), one point per minute, for the last hour of simulated time." }</p>
            <div class="charts">
                { for charts.into_iter().map(|(m, unit, max, limit)| html! {
                    <LineChart title={m.to_string()} unit={unit.to_string()} points={series(m, None, max)} from_ms={from} to_ms={to}
                        limit={limit.map(|(v, l)| (v, AttrValue::from(l.to_string())))} />
                }) }
            </div>
            <h2>{ "Shard-level metrics" }</h2>
            if metrics_on {
                <div class="charts">
                    { for s.shards.iter().filter(|sh| sh.open).map(|sh| html! {
                        <LineChart title={format!("IncomingRecords · {}", sh.id)} unit="Count, per minute"
                            points={series("IncomingRecords", Some(sh.index), false)} from_ms={from} to_ms={to}
                            limit={Some((60_000.0, AttrValue::from("1,000 records/s")))} />
                    }) }
                </div>
            } else {
                <p>{ "Shard-level metrics are off. Turn them on in the Details tab to see which shard is hot." }</p>
            }
        </div>
    }
}

#[component]
fn FanOut(props: &StreamProps) -> Html {
    let sandbox = use_sandbox();
    let s = &props.stream;
    let form = use_reducer(Consumers::default);
    let consumers: Vec<(String, String, i64)> = sandbox.read(|sb| {
        sb.streams
            .get(&s.name)
            .map(|st| {
                st.consumers
                    .values()
                    .map(|c| (c.name.clone(), c.status.as_str().to_string(), c.created_ms))
                    .collect()
            })
            .unwrap_or_default()
    });
    // Sends a request and keeps its error (or clears it); true when it succeeded.
    let send = {
        let (sandbox, dispatch) = (sandbox.clone(), form.dispatcher());
        move |request: Request| {
            let answer = sandbox.send(request);
            let ok = answer.is_ok();
            dispatch.dispatch(ConsumersAction::Answered(answer.err()));
            ok
        }
    };
    let register = {
        let (send, dispatch) = (send.clone(), form.dispatcher());
        let request = form.register_request(&s.arn);
        Callback::from(move |_| {
            if send(request.clone()) {
                dispatch.dispatch(ConsumersAction::Registered);
            }
        })
    };
    let oninput = {
        let dispatch = form.dispatcher();
        Callback::from(move |e: InputEvent| {
            dispatch.dispatch(ConsumersAction::Name(input_value(&e)))
        })
    };
    html! {
        <div class="tab-body">
            <p>{ "Each consumer registered for enhanced fan-out receives its own 2 MB/sec of read throughput per shard, pushed over SubscribeToShard. Without it, all consumers share 2 MB/sec and 5 GetRecords calls per second per shard. Up to 20 consumers per stream." }</p>
            if let Some(e) = &form.error { <ApiErrorAlert error={e.clone()} /> }
            <div class="inline-form">
                <label for="consumer-name">{ "Consumer name" }</label>
                <input id="consumer-name" type="text" value={form.name.clone()} {oninput} />
                <button type="button" onclick={register}>{ "Register consumer" }</button>
            </div>
            <table class="resource-table">
                <caption class="visually-hidden">{ "Enhanced fan-out consumers" }</caption>
                <thead><tr><th scope="col">{ "Consumer name" }</th><th scope="col">{ "Registration status" }</th>
                    <th scope="col">{ "Registration date" }</th><th scope="col">{ "Actions" }</th></tr></thead>
                <tbody>
                    if consumers.is_empty() {
                        <tr><td colspan="4" class="empty">{ "No consumers of this data stream are using enhanced fan-out" }</td></tr>
                    }
                    { for consumers.iter().map(|(name, status, created)| {
                        let deregister = {
                            let send = send.clone();
                            let request = deregister_request(&s.arn, name);
                            Callback::from(move |_| {
                                send(request.clone());
                            })
                        };
                        html! {
                            <tr><td>{ name }</td><td>{ status }</td><td>{ time_text(*created) }</td>
                                <td><button type="button" onclick={deregister} aria-label={format!("Deregister {name}")}>{ "Deregister" }</button></td></tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Tags(props: &StreamProps) -> Html {
    let sandbox = use_sandbox();
    let s = &props.stream;
    let form = use_reducer(TagForm::default);
    let tags: Vec<(String, String)> = sandbox.read(|sb| {
        sb.streams
            .get(&s.name)
            .map(|st| {
                st.tags
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default()
    });
    // Sends a request and keeps its error (or clears it); true when it succeeded.
    let send = {
        let (sandbox, dispatch) = (sandbox.clone(), form.dispatcher());
        move |request: Request| {
            let answer = sandbox.send(request);
            let ok = answer.is_ok();
            dispatch.dispatch(TagsAction::Answered(answer.err()));
            ok
        }
    };
    let add = {
        let (send, dispatch) = (send.clone(), form.dispatcher());
        let request = form.add_request(&s.name);
        Callback::from(move |_| {
            if send(request.clone()) {
                dispatch.dispatch(TagsAction::Added);
            }
        })
    };
    let text = |action: fn(String) -> TagsAction| {
        let dispatch = form.dispatcher();
        Callback::from(move |e: InputEvent| dispatch.dispatch(action(input_value(&e))))
    };
    html! {
        <div class="tab-body">
            <p>{ "Tags help organise and identify your streams. A tag is a case-sensitive key-value pair, for example Department = Marketing. Up to 50 tags per stream." }</p>
            if let Some(e) = &form.error { <ApiErrorAlert error={e.clone()} /> }
            <div class="inline-form">
                <label for="tag-key">{ "Key" }</label>
                <input id="tag-key" type="text" value={form.key.clone()} oninput={text(TagsAction::Key)} />
                <label for="tag-value">{ "Value" }</label>
                <input id="tag-value" type="text" value={form.value.clone()} oninput={text(TagsAction::Value)} />
                <button type="button" onclick={add}>{ "Add tag" }</button>
            </div>
            <table class="resource-table">
                <caption class="visually-hidden">{ "Tags" }</caption>
                <thead><tr><th scope="col">{ "Key" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Actions" }</th></tr></thead>
                <tbody>
                    if tags.is_empty() { <tr><td colspan="3" class="empty">{ "No tags" }</td></tr> }
                    { for tags.iter().map(|(k, v)| {
                        let remove = {
                            let send = send.clone();
                            let request = remove_tag_request(&s.name, k);
                            Callback::from(move |_| {
                                send(request.clone());
                            })
                        };
                        html! { <tr><td>{ k }</td><td>{ v }</td>
                            <td><button type="button" onclick={remove} aria-label={format!("Remove tag {k}")}>{ "Remove" }</button></td></tr> }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
