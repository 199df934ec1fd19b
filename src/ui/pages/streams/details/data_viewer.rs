//! The Data viewer tab.

use super::StreamProps;
use crate::forms::stream_details::{read_request, Viewer, ViewerAction};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

reducible!(Viewer);

/// The Data viewer: reads a shard with GetShardIterator and GetRecords, like the console.
#[component]
pub(super) fn DataViewer(props: &StreamProps) -> Html {
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
