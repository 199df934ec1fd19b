//! One delivery stream: its configuration, its transformation chain with a live gauge of the
//! Lambda processor's buffer, a live buffer gauge, what the delivery role lets it do, and its
//! CloudWatch metrics.

use super::create::function_href;
use super::list::{status_text, time_text};
use crate::engine::cloudwatch::MetricId;
use crate::engine::firehose::processing::StageGauge;
use crate::engine::firehose::processing_config::{Processing, Processor};
use crate::engine::firehose::{AccessCheck, AccessOutcome, BufferGauge};
use crate::engine::iam::{Decision, Verdict};
use crate::engine::lambda::Lambda;
use crate::engine::{ApiError, Sandbox};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::components::chart::LineChart;
use crate::ui::context::use_sandbox;
use crate::ui::Route;
use serde_json::json;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FirehoseDetailsProps {
    pub name: AttrValue,
}

/// A byte count as the console writes it.
pub fn bytes_text(n: u64) -> String {
    crate::text::bytes(n)
}

/// The per-minute points of an AWS/Firehose metric in [from, to).
pub fn firehose_series(
    sb: &Sandbox,
    stream: &str,
    metric: &str,
    from: i64,
    to: i64,
    max: bool,
) -> Vec<(i64, f64)> {
    let id = MetricId::new("AWS/Firehose", metric, &[("DeliveryStreamName", stream)]);
    sb.cloudwatch()
        .series(&id)
        .map(|s| {
            s.points
                .iter()
                .filter(|p| p.minute >= from && p.minute < to)
                .map(|p| (p.minute, if max { p.max } else { p.sum }))
                .collect()
        })
        .unwrap_or_default()
}

/// Which statement decided, in words.
pub fn verdict_text(v: &Verdict) -> String {
    let which = v.statement.as_ref().map(|s| {
        let sid = s
            .sid
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| format!(" (Sid \"{s}\")"))
            .unwrap_or_default();
        format!("statement {} of {}{sid}", s.index + 1, s.policy)
    });
    match (v.decision, which) {
        (Decision::Allow, Some(w)) => format!("Allowed by {w}"),
        (Decision::Allow, None) => "Allowed".into(),
        (Decision::ExplicitDeny, Some(w)) => format!("Denied explicitly by {w}"),
        (Decision::ExplicitDeny, None) => "Denied explicitly".into(),
        (Decision::ImplicitDeny, _) => "Denied: no statement allows it (implicit deny)".into(),
    }
}

/// The access checks as a table.
pub fn access_table(checks: &[AccessCheck]) -> Html {
    html! {
        <table class="resource-table access">
            <caption>{ "What the delivery role allows Firehose to do" }</caption>
            <thead><tr>
                <th scope="col">{ "Action" }</th>
                <th scope="col">{ "Resource" }</th>
                <th scope="col">{ "Result" }</th>
            </tr></thead>
            <tbody>
                { for checks.iter().map(|c| {
                    let (ok, text) = match &c.outcome {
                        AccessOutcome::Allowed(v) => (true, verdict_text(v)),
                        AccessOutcome::Denied(v) => (false, verdict_text(v)),
                        AccessOutcome::NoSuchRole => (false, "Denied: the role does not exist".to_string()),
                        AccessOutcome::NotAssumable => (false, "Denied: the trust policy doesn't let firehose.amazonaws.com assume the role".to_string()),
                    };
                    html! {
                        <tr class={classes!(if ok { "allowed" } else { "denied" })}>
                            <td><code>{ &c.action }</code></td>
                            <td><code class="arn">{ &c.resource }</code></td>
                            <td>{ text }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// The function's name and qualifier in a processor's `LambdaArn` (`$LATEST` when it has none).
pub fn function_of(arn: &str) -> (String, String) {
    let name = Lambda::name_of(arn).to_string();
    let qualifier = arn
        .rsplit_once(&format!("function:{name}:"))
        .map(|(_, q)| q.to_string())
        .filter(|q| !q.is_empty())
        .unwrap_or_else(|| "$LATEST".into());
    (name, qualifier)
}

/// "Transform and convert records": the processing chain, in order.
fn processing_section(processing: Option<&Processing>) -> Html {
    let enabled = processing.filter(|p| p.enabled);
    let lambda = enabled.and_then(Processing::lambda);
    let delimiter = enabled.is_some_and(Processing::appends_delimiter);
    let chain: Vec<Html> = enabled
        .map(|p| {
            p.processors
                .iter()
                .map(|step| match step {
                    Processor::Lambda(l) => {
                        let (name, _) = function_of(&l.arn);
                        html! { <li>{ "AWS Lambda function " }<a href={function_href(&name)}>{ name }</a></li> }
                    }
                    Processor::AppendDelimiterToRecord => {
                        html! { <li>{ "New line delimiter (AppendDelimiterToRecord)" }</li> }
                    }
                    Processor::MetadataExtraction { query, .. } => {
                        html! { <li>{ "Inline parsing for JSON (jq): " }<code>{ query.text() }</code></li> }
                    }
                    Processor::Decompression { compression_format } => {
                        html! { <li>{ format!("Decompress source records from Amazon CloudWatch Logs ({compression_format})") }</li> }
                    }
                    Processor::CloudWatchLogProcessing { data_message_extraction } => {
                        let state = if *data_message_extraction { "enabled" } else { "disabled" };
                        html! { <li>{ format!("Message extraction {state} (CloudWatchLogProcessing)") }</li> }
                    }
                    Processor::RecordDeAggregation { sub_record_type, .. } => {
                        html! { <li>{ format!("Multi record deaggregation: {} (RecordDeAggregation)", sub_record_type.as_str()) }</li> }
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    html! {
        <div class="panel" role="group" aria-labelledby="fh-processing-title">
            <h2 id="fh-processing-title">{ "Transform and convert records" }</h2>
            if !chain.is_empty() {
                <ol class="processing-chain" aria-label="Processing chain">{ for chain }</ol>
            }
            <dl class="details">
                <dt>{ "Data transformation" }</dt>
                <dd>{ if lambda.is_some() { "Enabled" } else { "Disabled" } }</dd>
                if let Some(l) = lambda {
                    <dt>{ "AWS Lambda function" }</dt>
                    <dd>{ {
                        let (name, qualifier) = function_of(&l.arn);
                        html! { <><a href={function_href(&name)}>{ name.clone() }</a>{ format!(" (version {qualifier})") }</> }
                    } }</dd>
                    <dt>{ "Lambda buffer hints" }</dt>
                    <dd>{ format!("{} MiB or {} seconds", crate::forms::firehose_create::number_text(l.buffer_size_mb), l.buffer_interval_s) }</dd>
                    <dt>{ "Number of retries" }</dt><dd>{ l.retries }</dd>
                }
                <dt>{ "New line delimiter" }</dt>
                <dd>{ if delimiter { "Enabled" } else { "Disabled" } }</dd>
                <dt>{ "Record format conversion" }</dt><dd>{ "Disabled" }</dd>
            </dl>
        </div>
    }
}

/// The Lambda processor's buffer: what waits for the function, and the batches it has.
fn stage_gauge(g: &StageGauge) -> Html {
    let next = match g.seconds_until_invoke {
        Some(s) => format!("{s} s until the buffer interval invokes the function"),
        None => "Buffer empty: the interval starts with the next record".into(),
    };
    html! {
        <div class="panel buffer-gauge" role="group" aria-label="Transformation buffer">
            <h2>{ "Transformation buffer" }</h2>
            <label for="stage-meter">{ format!("Bytes waiting for the function: {} of {} ({} records)", bytes_text(g.buffered_bytes), bytes_text(g.size_limit_bytes), g.buffered_records) }</label>
            <meter id="stage-meter" min="0" max={g.size_limit_bytes.to_string()} value={g.buffered_bytes.to_string()}></meter>
            <p aria-label="Seconds until the function is invoked">{ next }</p>
            <p class="help">{ format!("Firehose invokes the function when this buffer reaches {} or {} seconds after its oldest record arrived, whichever comes first; what it returns goes into the delivery buffer.", bytes_text(g.size_limit_bytes), g.interval_s) }</p>
            <dl class="ledger" aria-label="Batches">
                <dt>{ "Batches with the function" }</dt><dd>{ g.batches_running }</dd>
                <dt>{ "Batches waiting to be retried" }</dt><dd>{ g.batches_waiting_retry }</dd>
            </dl>
        </div>
    }
}

fn gauge(g: &BufferGauge) -> Html {
    let where_to = match g.destination {
        "Amazon S3" => "S3",
        other => other.trim_start_matches("the "),
    };
    let pct = if g.size_limit_bytes == 0 {
        0.0
    } else {
        (g.bytes as f64 / g.size_limit_bytes as f64 * 100.0).min(100.0)
    };
    let next = match g.seconds_until_delivery {
        Some(s) => format!("{s} s until the buffer interval delivers it"),
        None => "Buffer empty: the interval starts with the next record".into(),
    };
    html! {
        <div class="panel buffer-gauge" role="group" aria-label="Buffer">
            <h2>{ "Buffer" }</h2>
            <label for="buffer-meter">{ format!("Bytes buffered: {} of {} ({} records)", bytes_text(g.bytes), bytes_text(g.size_limit_bytes), g.records) }</label>
            <meter id="buffer-meter" min="0" max={g.size_limit_bytes.to_string()} value={g.bytes.to_string()}>{ format!("{pct:.0}%") }</meter>
            <p aria-label="Seconds until the next delivery">{ next }</p>
            <p class="help">{ format!("Delivery happens when the buffer reaches {} or {} seconds after its oldest record arrived, whichever comes first.", bytes_text(g.size_limit_bytes), g.interval_s) }</p>
            if g.batches_awaiting_retry > 0 {
                <p class="warning" role="status">
                    { match g.destination {
                        "Amazon Redshift" => format!("{} object(s) with {} records are waiting for their COPY into Amazon Redshift; a failed COPY is retried", g.batches_awaiting_retry, g.records_awaiting_retry),
                        "Splunk" => format!("{} batch(es) with {} records are waiting for Splunk: an indexer acknowledgement, or a retry; the next step is", g.batches_awaiting_retry, g.records_awaiting_retry),
                        "the HTTP endpoint" => format!("{} batch(es) with {} records are waiting for the HTTP endpoint; the next attempt is", g.batches_awaiting_retry, g.records_awaiting_retry),
                        _ => format!("{} object(s) with {} records are waiting: S3 delivery failed and is retried", g.batches_awaiting_retry, g.records_awaiting_retry),
                    } }
                    { g.next_retry_in_s.map(|s| format!(" in {s} s.")).unwrap_or_else(|| ".".into()) }
                    { " See the delivery errors in CloudWatch Logs." }
                </p>
            }
            <dl class="ledger" aria-label="Records">
                <dt>{ "Accepted" }</dt><dd>{ g.ledger.accepted }</dd>
                <dt>{ "In transformation" }</dt><dd>{ g.ledger.processing }</dd>
                <dt>{ "Dropped by the function" }</dt><dd>{ g.ledger.dropped }</dd>
                <dt>{ "Buffered" }</dt><dd>{ g.ledger.buffered }</dd>
                <dt>{ "Awaiting retry" }</dt><dd>{ g.ledger.awaiting_retry }</dd>
                <dt>{ format!("Delivered to {where_to}") }</dt><dd aria-label={format!("Records delivered to {where_to}")}>{ g.ledger.delivered }</dd>
                <dt>{ "Error output" }</dt><dd>{ g.ledger.error_output }</dd>
                <dt>{ "Dropped after 24 h of retries" }</dt><dd>{ g.ledger.expired }</dd>
            </dl>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DeleteProps {
    name: AttrValue,
}

/// "Delete": a confirmation that names the delivery stream and wants its name typed, as the
/// console does, then `DeleteDeliveryStream` and back to the list.
#[component]
fn DeleteDeliveryStream(props: &DeleteProps) -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let open = use_state(|| false);
    let typed = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let input = use_node_ref();
    {
        // Opening the confirmation puts the keyboard in its field.
        let input = input.clone();
        use_effect_with(*open, move |open| {
            if *open {
                if let Some(field) = input.cast::<HtmlInputElement>() {
                    let _ = field.focus();
                }
            }
        });
    }
    let show = |to: bool| {
        let (open, typed, error) = (open.clone(), typed.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(to);
            typed.set(String::new());
            error.set(None);
        })
    };
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            typed.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let delete = {
        let (sandbox, error, name) = (sandbox.clone(), error.clone(), props.name.to_string());
        Callback::from(move |_: MouseEvent| {
            match sandbox.call(
                "Firehose_20150804.DeleteDeliveryStream",
                json!({ "DeliveryStreamName": name }),
            ) {
                Ok(_) => {
                    if let Some(nav) = &navigator {
                        nav.push(&Route::Firehose);
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let name = &props.name;
    html! {
        <>
            <button type="button" class="danger" onclick={show(true)}>{ "Delete" }</button>
            if *open {
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="delete-fh-title">
                    <h2 id="delete-fh-title">{ format!("Delete {name}?") }</h2>
                    <p>{ format!("Deleting {name} stops it reading its source and delivering to Amazon S3. Data still in its buffer is not guaranteed to be delivered; objects it already delivered stay in the bucket.") }</p>
                    if let Some(e) = &*error { <ApiErrorAlert error={e.clone()} /> }
                    <label for="delete-fh-confirm">{ format!("To confirm deletion, type {name} in the field.") }</label>
                    <input ref={input} id="delete-fh-confirm" type="text" value={(*typed).clone()} {oninput} autocomplete="off" />
                    <div class="dialog-actions">
                        <button type="button" onclick={show(false)}>{ "Cancel" }</button>
                        <button type="button" class="danger" onclick={delete} disabled={typed.as_str() != name.as_str()}>{ "Delete" }</button>
                    </div>
                </div>
            }
        </>
    }
}

#[component]
pub fn FirehoseDetails(props: &FirehoseDetailsProps) -> Html {
    let sandbox = use_sandbox();
    let found = sandbox.read(|sb| {
        let d = sb.firehose().get(&props.name)?.clone();
        let role = sb
            .iam()
            .role_by_arn(&d.destination.role_arn)
            .map(|r| r.name.clone());
        Some((
            d,
            role,
            sb.firehose_buffer(&props.name),
            sb.firehose_stage(&props.name),
            sb.firehose_access(&props.name),
            sb.now().epoch_millis(),
        ))
    });
    let Some((d, role, buffer, stage, access, now)) = found else {
        return html! {
            <section class="page" aria-labelledby="missing-title">
                <h1 id="missing-title">{ "Delivery stream not found" }</h1>
                <p><Link<Route> to={Route::Firehose}>{ "Back to delivery streams" }</Link<Route>></p>
            </section>
        };
    };
    let dest = &d.destination;
    let bucket = dest.bucket().to_string();
    let to = (now.div_euclid(60_000) + 1) * 60_000;
    let from = to - 60 * 60_000;
    let charts: [(&str, &str, bool); 6] = if d.redshift.is_some() {
        [
            ("IncomingRecords", "Count, per minute", false),
            ("DeliveryToS3.Records", "Count, per minute", false),
            ("DeliveryToRedshift.Records", "Count, per minute", false),
            ("DeliveryToRedshift.Bytes", "Bytes, per minute", false),
            (
                "DeliveryToRedshift.Success",
                "Successful COPYs over all COPYs, per minute",
                false,
            ),
            ("DeliveryToS3.DataFreshness", "Seconds, maximum", true),
        ]
    } else {
        [
            ("IncomingRecords", "Count, per minute", false),
            ("IncomingBytes", "Bytes, per minute", false),
            ("DeliveryToS3.Records", "Count, per minute", false),
            ("DeliveryToS3.Bytes", "Bytes, per minute", false),
            (
                "DeliveryToS3.Success",
                "Successful attempts, per minute",
                false,
            ),
            ("DeliveryToS3.DataFreshness", "Seconds, maximum", true),
        ]
    };
    html! {
        <section class="page" aria-labelledby="fh-title">
            <p class="breadcrumb"><Link<Route> to={Route::Firehose}>{ "Amazon Data Firehose" }</Link<Route>>{ format!(" › {}", d.name) }</p>
            <div class="page-header">
                <h1 id="fh-title">{ &d.name }</h1>
                <span class={classes!("status", status_text(d.status).to_lowercase())}>{ status_text(d.status) }</span>
                <DeleteDeliveryStream name={d.name.clone()} />
            </div>
            <div class="panel">
                <h2>{ "Delivery stream details" }</h2>
                <dl class="details">
                    <dt>{ "ARN" }</dt><dd><code class="arn">{ &d.arn }</code></dd>
                    <dt>{ "Creation time" }</dt><dd>{ time_text(d.created) }</dd>
                    <dt>{ "Source" }</dt>
                    <dd>{ match &d.source {
                        Some(s) => html! { <>{ "Kinesis data stream " }<Link<Route> to={Route::StreamDetails { name: s.consumer.stream_name.clone() }}>{ &s.consumer.stream_name }</Link<Route>></> },
                        None => html! { "Direct PUT" },
                    } }</dd>
                    <dt>{ "Data transformation" }</dt>
                    <dd>{ match dest.processing.as_ref().and_then(Processing::lambda) {
                        Some(l) => html! { <>{ "Enabled: AWS Lambda function " }<a href={function_href(&function_of(&l.arn).0)}>{ function_of(&l.arn).0 }</a></> },
                        None => html! { "Disabled" },
                    } }</dd>
                    <dt>{ "Destination" }</dt>
                    if let Some(r) = &d.redshift {
                        <dd>{ format!("Amazon Redshift {} ", r.jdbc_url) }<Link<Route> to={Route::Redshift}>{ "Query editor" }</Link<Route>></dd>
                        <dt>{ "COPY command" }</dt><dd><code>{ r.copy_statement(&bucket, "manifests/…") }</code></dd>
                        <dt>{ "Retry duration" }</dt><dd>{ format!("{} seconds", r.retry_s) }</dd>
                        <dt>{ "Intermediate S3 bucket" }</dt>
                        <dd><Link<Route> to={Route::S3Bucket { bucket: bucket.clone() }}>{ &bucket }</Link<Route>></dd>
                        if let Some(j) = d.redshift_pending.front() {
                            <dt>{ "Waiting for COPY" }</dt>
                            <dd>{ format!("{} objects; ", d.redshift_pending.len()) }{ match &j.last_error {
                                Some((code, _)) => format!("last attempt failed with {code}, {} attempts", j.attempts),
                                None => "next attempt now".to_string(),
                            } }</dd>
                        }
                    } else if let Some(h) = &d.http {
                        <dd>{ format!("HTTP endpoint {} ", h.url) }<Link<Route> to={Route::HttpEndpoints}>{ "See what it received" }</Link<Route>></dd>
                        <dt>{ "Retry duration" }</dt><dd>{ format!("{} seconds", h.retry_s) }</dd>
                        <dt>{ if h.all_data { "S3 backup (all data)" } else { "S3 backup (failed data only)" } }</dt>
                        <dd><Link<Route> to={Route::S3Bucket { bucket: bucket.clone() }}>{ &bucket }</Link<Route>></dd>
                    } else if let Some(s) = &d.splunk {
                        <dd>{ format!("Splunk {} ({} endpoint) ", s.hec_endpoint, s.endpoint_type.as_str()) }<Link<Route> to={Route::Splunk}>{ "Search what was indexed" }</Link<Route>></dd>
                        <dt>{ "HEC acknowledgement timeout" }</dt><dd>{ format!("{} seconds", s.ack_timeout_s) }</dd>
                        <dt>{ "Retry duration" }</dt><dd>{ format!("{} seconds", s.retry_s) }</dd>
                        <dt>{ "Waiting" }</dt><dd>{ {
                            let (acks, retries) = crate::engine::firehose::splunk::waiting(&d);
                            format!("{acks} batch(es) for an acknowledgement, {retries} for a retry")
                        } }</dd>
                        <dt>{ if s.all_events { "S3 backup (all events)" } else { "S3 backup (failed events only)" } }</dt>
                        <dd><Link<Route> to={Route::S3Bucket { bucket: bucket.clone() }}>{ &bucket }</Link<Route>></dd>
                    } else if let Some(o) = &d.opensearch {
                        <dd>{ "Amazon OpenSearch Service domain " }{ {
                            let name = o.domain_arn.as_deref().and_then(|a| a.rsplit_once(":domain/")).map(|(_, n)| n.to_string())
                                .or_else(|| o.cluster_endpoint.clone()).unwrap_or_default();
                            html! { <Link<Route> to={Route::OpenSearchDomain { domain: name.clone() }}>{ name }</Link<Route>> }
                        } }</dd>
                        <dt>{ "Index" }</dt><dd>{ &o.index_name }</dd>
                        <dt>{ "Index rotation" }</dt><dd>{ o.rotation.as_str() }</dd>
                        if let Some(t) = &o.type_name { <dt>{ "Type" }</dt><dd>{ t }</dd> }
                        <dt>{ "Retry duration" }</dt><dd>{ format!("{} seconds", o.retry_s) }</dd>
                        <dt>{ "Document ID" }</dt><dd>{ if o.no_document_id { "OpenSearch Service generated (NO_DOCUMENT_ID)" } else { "Firehose default (FIREHOSE_DEFAULT)" } }</dd>
                        <dt>{ if o.all_documents { "S3 backup (all data)" } else { "S3 backup (failed data only)" } }</dt>
                        <dd><Link<Route> to={Route::S3Bucket { bucket: bucket.clone() }}>{ &bucket }</Link<Route>></dd>
                    } else {
                        <dd>{ "Amazon S3 bucket " }<Link<Route> to={Route::S3Bucket { bucket: bucket.clone() }}>{ &bucket }</Link<Route>></dd>
                    }
                    <dt>{ "Prefix" }</dt><dd>{ dest.prefix.clone().unwrap_or_else(|| "YYYY/MM/DD/HH/ (default)".into()) }</dd>
                    <dt>{ "Error output prefix" }</dt><dd>{ dest.error_output_prefix.clone().unwrap_or_else(|| "–".into()) }</dd>
                    <dt>{ "Buffer conditions" }</dt><dd>{ {
                        let hints = d.http.as_ref().map(|h| h.buffering)
                            .or(d.splunk.as_ref().map(|s| s.buffering))
                            .or(d.opensearch.as_ref().map(|o| o.buffering))
                            .unwrap_or(dest.buffering);
                        format!("{} MiB or {} seconds", hints.size_mb, hints.interval_s)
                    } }</dd>
                    <dt>{ "S3 compression" }</dt><dd>{ dest.compression.as_str() }</dd>
                    <dt>{ "S3 encryption" }</dt><dd>{ dest.kms_key_arn.clone().map(|k| format!("AWS KMS key {k}")).unwrap_or_else(|| "Disabled (S3-managed keys)".into()) }</dd>
                    <dt>{ "Error logging" }</dt>
                    <dd>{ if dest.logging.enabled {
                        html! { <>{ format!("Enabled: {} / {} ", dest.logging.log_group, dest.logging.log_stream) }<Link<Route> to={Route::CloudWatch}>{ "View in CloudWatch" }</Link<Route>></> }
                    } else { html! { "Disabled" } } }</dd>
                    <dt>{ "IAM role" }</dt>
                    <dd>{ match role {
                        Some(r) => html! { <Link<Route> to={Route::IamRole { role: r.clone() }}>{ r }</Link<Route>> },
                        None => html! { <>{ &dest.role_arn }{ " (does not exist)" }</> },
                    } }</dd>
                </dl>
            </div>
            { processing_section(dest.processing.as_ref()) }
            <div class="gauges">
                if let Some(g) = &stage { { stage_gauge(g) } }
                if let Some(g) = &buffer { { gauge(g) } }
            </div>
            <div class="panel">
                <h2>{ "Permissions check" }</h2>
                <p class="help">{ "Each action Firehose takes with the delivery role, evaluated against the role's policies right now." }</p>
                { access_table(&access) }
            </div>
            <h2>{ "Monitoring" }</h2>
            <p class="help">{ "CloudWatch metrics (namespace AWS/Firehose), one point per minute, for the last hour of simulated time." }</p>
            <div class="charts">
                { for charts.iter().map(|(m, unit, max)| {
                    let points = sandbox.read(|sb| firehose_series(sb, &d.name, m, from, to, *max));
                    html! { <LineChart title={m.to_string()} unit={unit.to_string()} {points} from_ms={from} to_ms={to} /> }
                }) }
            </div>
        </section>
    }
}
