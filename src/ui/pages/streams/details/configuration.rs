//! The Details tab: summary, stream capacity, retention, encryption, shard-level metrics,
//! shards, delete.

use super::super::list::{mode_text, status_text};
use super::{input_value, StreamProps};
use crate::engine::streams::{StreamMode, SHARD_METRICS};
use crate::forms::stream_details::{
    capacity_note, capacity_rows, delete_request, encryption_request, metrics_request,
    observations, time_text, Settings, SettingsAction,
};
use crate::forms::Request;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use crate::ui::study::use_observations;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

reducible!(Settings);

#[component]
pub(super) fn Configuration(props: &StreamProps) -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let s = &props.stream;
    let form = {
        let s = s.clone();
        use_reducer(move || Settings::new(&s))
    };
    use_observations(observations(s));
    let metrics_on = sandbox.read(|sb| {
        sb.streams
            .get(&s.name)
            .map(|st| {
                st.shard_level_metrics
                    .iter()
                    .map(|m| m.name())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    // Sends a request and keeps its error (or clears it); true when it succeeded.
    let send = sandbox.sender(form.dispatcher(), SettingsAction::Answered);
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

            <div class="panel" role="group" aria-labelledby="stream-capacity-title">
                <h2 id="stream-capacity-title">{ "Stream capacity" }</h2>
                <dl class="summary">
                    { for capacity_rows(s.mode, s.open_shards).into_iter().map(|(label, value)| html! {
                        <><dt>{ label }</dt><dd>{ value }</dd></>
                    }) }
                </dl>
                <p class="help">{ capacity_note(s.mode) }</p>
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
                        <th scope="col">{ "Starting hash key (decimal, hex)" }</th><th scope="col">{ "Ending hash key (decimal, hex)" }</th>
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
                                <td class="hash"><code>{ sh.range.start.to_string() }</code><br /><code class="hex">{ format!("0x{:032x}", sh.range.start) }</code></td>
                                <td class="hash"><code>{ sh.range.end.to_string() }</code><br /><code class="hex">{ format!("0x{:032x}", sh.range.end) }</code></td>
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
