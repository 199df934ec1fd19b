//! New dataset: from the objects under an S3 prefix or a snapshot of a data stream's records;
//! then what was read, and each object or record refused with why.

use super::state::{Action, SourceKind, Workspace};
use crate::analysis::source::{self, Loaded, Source};
use crate::engine::extension::{self, Extension};
use crate::labs::observe::{self, Observation};
use crate::ui::context::{use_sandbox, SandboxHandle};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// What a lab is told about a dataset made.
pub fn observation(l: &Loaded) -> Observation {
    let o = Observation::new(observe::DATASET_LOADED).with("source", l.source.kind());
    let o = match &l.source {
        Source::S3 { bucket, prefix } => o
            .with("bucket", bucket.as_str())
            .with("prefix", prefix.as_str()),
        Source::Stream { name } => o.with("stream", name.as_str()),
    };
    o.with("rows", l.dataset.rows as u64)
}

fn load(sandbox: &SandboxHandle, ws: &UseReducerHandle<Workspace>) {
    let outcome = sandbox.read(|sb| match ws.source {
        SourceKind::S3 if ws.bucket.is_empty() => Err("Choose an S3 bucket.".to_string()),
        SourceKind::S3 => source::from_s3(sb, &ws.bucket, &ws.prefix),
        SourceKind::Stream if ws.stream.is_empty() => Err("Choose a data stream.".to_string()),
        SourceKind::Stream => source::from_stream(sb, &ws.stream),
    });
    if let Ok(l) = &outcome {
        let o = observation(l);
        // Only a lab under way keeps observations.
        if !sandbox.read_labs(|p| p.has_observed(&o)) {
            sandbox.update_labs(|p| p.observe(o));
        }
    }
    ws.dispatch(Action::Loaded(outcome));
}

#[derive(Properties, PartialEq)]
pub struct DatasetPanelProps {
    pub workspace: UseReducerHandle<Workspace>,
}

#[component]
pub fn DatasetPanel(props: &DatasetPanelProps) -> Html {
    let sandbox = use_sandbox();
    let ws = &props.workspace;
    let fetching = use_state(|| false);
    let buckets: Vec<String> =
        sandbox.read(|sb| sb.s3().bucket_names().map(str::to_string).collect());
    let streams: Vec<String> =
        sandbox.read(|sb| sb.streams().into_iter().map(|s| s.name).collect());
    // The folders of the bucket chosen, to pick a prefix from.
    let folders: Vec<String> = sandbox.read(|sb| {
        sb.s3()
            .browse(&ws.bucket, &ws.prefix)
            .map(|l| l.folders)
            .unwrap_or_default()
    });
    let create = {
        let sandbox = sandbox.clone();
        let ws = ws.clone();
        let fetching = fetching.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // ZIP and Snappy objects need their extension first (the S3 browser fetches it the same way).
            let needs = ws.source == SourceKind::S3
                && !extension::present(Extension::Codecs)
                && sandbox.read(|sb| source::s3_needs_codecs(sb, &ws.bucket, &ws.prefix));
            if needs {
                fetching.set(true);
                let (sandbox, ws, fetching) = (sandbox.clone(), ws.clone(), fetching.clone());
                crate::host::extensions::fetch_in_background(
                    &[Extension::Codecs],
                    move |_, outcome| {
                        fetching.set(false);
                        match outcome {
                        Ok(()) => load(&sandbox, &ws),
                        Err(e) => ws.dispatch(Action::Loaded(Err(format!(
                            "ZIP and Snappy could not load ({e}). Check the connection and try again."
                        )))),
                    }
                    },
                );
            } else {
                load(&sandbox, &ws);
            }
        })
    };
    let kind = |k: SourceKind| {
        let ws = ws.clone();
        Callback::from(move |_: Event| ws.dispatch(Action::Source(k)))
    };
    let select = |f: fn(String) -> Action| {
        let ws = ws.clone();
        Callback::from(move |e: Event| {
            ws.dispatch(f(e.target_unchecked_into::<HtmlSelectElement>().value()))
        })
    };
    let prefix = {
        let ws = ws.clone();
        Callback::from(move |e: InputEvent| {
            ws.dispatch(Action::Prefix(
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        })
    };
    let pick_folder = |folder: String| {
        let ws = ws.clone();
        Callback::from(move |_: MouseEvent| ws.dispatch(Action::Prefix(folder.clone())))
    };
    html! {
        <section class="panel" aria-labelledby="dataset-title">
            <h2 id="dataset-title">{ "Datasets" }</h2>
            <form class="new-dataset" aria-label="New dataset" onsubmit={create}>
                <fieldset class="field">
                    <legend>{ "Data source" }</legend>
                    <label class="radio">
                        <input type="radio" name="dataset-source" value="s3" checked={ws.source == SourceKind::S3} onchange={kind(SourceKind::S3)} />
                        { " Amazon S3" }
                    </label>
                    <label class="radio">
                        <input type="radio" name="dataset-source" value="kinesis" checked={ws.source == SourceKind::Stream} onchange={kind(SourceKind::Stream)} />
                        { " Kinesis Data Streams (a snapshot of its records)" }
                    </label>
                </fieldset>
                if ws.source == SourceKind::S3 {
                    <div class="field">
                        <label for="dataset-bucket">{ "S3 bucket" }</label>
                        <select id="dataset-bucket" onchange={select(Action::Bucket)}>
                            <option value="" selected={ws.bucket.is_empty()}>{ "Choose a bucket" }</option>
                            { for buckets.iter().map(|b| html! {
                                <option value={b.clone()} selected={*b == ws.bucket}>{ b }</option>
                            }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="dataset-prefix">{ "S3 prefix" }</label>
                        <input id="dataset-prefix" type="text" value={ws.prefix.clone()} oninput={prefix}
                            placeholder="2026/01/15/" aria-describedby="dataset-prefix-help" />
                        <p class="help" id="dataset-prefix-help">{ "Every object whose key starts with the prefix is read: JSON, CSV, Parquet or ORC, compressed or not. Empty reads the whole bucket." }</p>
                        if !folders.is_empty() {
                            <p class="help">
                                { "Folders: " }
                                { for folders.iter().map(|f| html! {
                                    <button type="button" class="link" onclick={pick_folder(f.clone())}>{ f }</button>
                                }) }
                            </p>
                        }
                    </div>
                } else {
                    <div class="field">
                        <label for="dataset-stream">{ "Kinesis data stream" }</label>
                        <select id="dataset-stream" onchange={select(Action::Stream)}>
                            <option value="" selected={ws.stream.is_empty()}>{ "Choose a data stream" }</option>
                            { for streams.iter().map(|s| html! {
                                <option value={s.clone()} selected={*s == ws.stream}>{ s }</option>
                            }) }
                        </select>
                        <p class="help">{ "Reads every record the stream holds, from TRIM_HORIZON on each shard, as it is now." }</p>
                    </div>
                }
                <button type="submit" class="primary" disabled={*fetching}>{ "Create dataset" }</button>
                if *fetching {
                    <p class="lazy-loading" role="status">{ "Loading ZIP and Snappy…" }</p>
                }
            </form>
            if let Some(e) = &ws.error {
                <div class="api-error" role="alert"><p>{ e }</p></div>
            }
            if let Some(l) = &ws.loaded {
                { loaded_view(l) }
            }
        </section>
    }
}

fn loaded_view(l: &Loaded) -> Html {
    let refused: Vec<_> = l.parts.iter().filter(|p| p.refused.is_some()).collect();
    html! {
        <div class="dataset-summary">
            <p role="status">
                <strong>{ l.source.location() }</strong>{ ": " }{ l.dataset.summary() }
            </p>
            { for l.notes.iter().chain(&l.dataset.notes).map(|n| html! { <p class="help">{ n }</p> }) }
            <details open={!refused.is_empty()}>
                <summary>{ format!("Read from {} {} ({} with refusals)", l.parts.len(),
                    if l.parts.len() == 1 { "part" } else { "parts" }, refused.len()) }</summary>
                <div class="table-scroll" role="region" aria-label="Objects read" tabindex="0">
                    <table class="resource-table">
                        <caption>{ "Objects and records read" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Object" }</th>
                            <th scope="col">{ "Rows read" }</th>
                            <th scope="col">{ "Refused" }</th>
                        </tr></thead>
                        <tbody>
                            { for l.parts.iter().map(|p| html! {
                                <tr>
                                    <td>{ &p.name }</td>
                                    <td>{ p.rows }</td>
                                    <td>{ p.refused.clone().unwrap_or_else(|| "None".into()) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </details>
        </div>
    }
}
