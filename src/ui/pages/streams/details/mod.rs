//! One data stream: its details and shards, the Data viewer, Monitoring, Enhanced fan-out and
//! Tags, as tabs like the console's. Each tab with fields keeps them in a reducer over its pure
//! form in `crate::forms::stream_details`.

mod configuration;
mod data_viewer;
mod fan_out;
mod monitoring;
mod tags;

use super::list::status_text;
use crate::engine::streams::StreamView;
use crate::forms::stream_details::{tab, TABS};
use crate::ui::context::use_sandbox;
use crate::ui::Route;
use configuration::Configuration;
use data_viewer::DataViewer;
use fan_out::FanOut;
use monitoring::Monitoring;
use tags::Tags;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

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
    pub stream: StreamView,
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
