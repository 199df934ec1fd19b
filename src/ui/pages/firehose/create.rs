//! Create delivery stream: the console's five steps (name and source, process records with
//! the Lambda transformation and record format conversion, destination with its S3 bucket,
//! prefixes and new line delimiter, settings, review), ending in `CreateDeliveryStream`. The
//! wizard is a reducer
//! over [`Wizard`] (pure, in `crate::forms::firehose_create`); each step is a small component.

use crate::engine::iam::delivery_role::{self, DeliveryRoleParams};
use crate::engine::ApiError;
use crate::forms::firehose_create::{
    create_role_request, role_policy_request, Deserializer, OutputFormat, Wizard,
    WizardAction as A, COMPRESSIONS, CONVERSION_BUFFER_RULE, CONVERSION_COMPRESSION_RULE,
    DESTINATION, PROCESS, REVIEW, SETTINGS, STEPS, TRANSFORM_BLUEPRINT,
};
use crate::forms::firehose_http::HttpAction as H;
use crate::forms::firehose_opensearch::{OpenSearchAction as O, ROTATIONS};
use crate::forms::firehose_partitioning::PartitioningAction as P;
use crate::forms::firehose_redshift::RedshiftAction as R;
use crate::forms::firehose_splunk::SplunkAction as Sp;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::{use_sandbox, SandboxHandle};
use crate::ui::Route;
use std::cell::RefCell;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

thread_local! {
    /// The wizard as it was when "Create function" took the learner to AWS Lambda, and the
    /// account's functions then: the next wizard opened takes it back, so the learner goes on
    /// where they left off, with the function made meanwhile.
    static PARKED: RefCell<Option<(Wizard, Vec<String>)>> = const { RefCell::new(None) };
}

/// Where "Create function" goes: AWS Lambda's create page with the Firehose blueprint.
pub fn create_function_href() -> String {
    format!("#/lambda/create?blueprint={TRANSFORM_BLUEPRINT}")
}

/// A function's page in AWS Lambda.
pub fn function_href(name: &str) -> String {
    format!("#/lambda/functions/{name}")
}

pub use crate::forms::firehose_create::new_role_name;

reducible!(Wizard);

type Dispatch = UseReducerDispatcher<Wizard>;

#[derive(Properties, PartialEq)]
pub struct FirehoseCreateProps {
    /// The data stream chosen as the source (from "Connect Kinesis consumers").
    #[prop_or_default]
    pub source: Option<AttrValue>,
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// A text field's callback: the action made from its new value.
fn edit(dispatch: &Dispatch, action: fn(String) -> A) -> Callback<InputEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: InputEvent| dispatch.dispatch(action(input_value(&e))))
}

/// A select's callback: the action made from the chosen value.
fn choose(dispatch: &Dispatch, action: fn(String) -> A) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| dispatch.dispatch(action(select_value(&e))))
}

/// A radio button's callback: its action.
fn flag(dispatch: &Dispatch, action: A) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: Event| dispatch.dispatch(action.clone()))
}

/// The delivery role's parameters in this sandbox's region and account.
fn role_params(sandbox: &SandboxHandle, f: &Wizard) -> DeliveryRoleParams {
    let (region, account_id) =
        sandbox.read(|sb| (sb.config().region.clone(), sb.config().account_id.clone()));
    f.role_params(region, account_id)
}

/// The name "Create new" gives the role: from the simulated time the wizard opened at, so
/// that Configure settings, Review and the role created all show the same name.
fn role_name(opened_at: i64, params: &DeliveryRoleParams) -> String {
    new_role_name(params, opened_at)
}

/// Makes the calls the console makes on "Create delivery stream": the new bucket, the new
/// role (or the existing one's ARN) and its policy, then `CreateDeliveryStream`.
fn create(sandbox: &SandboxHandle, f: &Wizard, opened_at: i64) -> Result<(), ApiError> {
    let bucket = f.bucket.trim().to_string();
    if let Some(request) = f.bucket_request(sandbox.read(|sb| sb.s3().has_bucket(&bucket))) {
        sandbox.send(request)?;
    }
    let role_arn = if f.new_role {
        let params = role_params(sandbox, f);
        let role_name = role_name(opened_at, &params);
        let existing = sandbox.read(|sb| sb.iam().role(&role_name).map(|r| r.arn.clone()));
        let arn = match existing {
            Some(arn) => arn,
            None => {
                let out = sandbox.send(create_role_request(&params, &role_name))?;
                out["Role"]["Arn"].as_str().unwrap_or_default().to_string()
            }
        };
        sandbox.send(role_policy_request(&params, &role_name))?;
        arn
    } else {
        sandbox
            .read(|sb| sb.iam().role(&f.role).map(|r| r.arn.clone()))
            .unwrap_or_default()
    };
    let source_arn = f
        .kinesis_source
        .then(|| sandbox.read(|sb| sb.arn("kinesis", &format!("stream/{}", f.stream))));
    let (region, account_id) =
        sandbox.read(|sb| (sb.config().region.clone(), sb.config().account_id.clone()));
    sandbox
        .send(f.create_request(&role_arn, source_arn.as_deref(), &region, &account_id))
        .map(|_| ())
}

#[component]
pub fn FirehoseCreate(props: &FirehoseCreateProps) -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let clusters = sandbox.read(|sb| {
        sb.redshift()
            .clusters
            .values()
            .map(|c| {
                (
                    c.identifier.clone(),
                    format!("{}:{}", c.endpoint, c.port),
                    c.db_name.clone(),
                    c.master_username.clone(),
                )
            })
            .collect::<Vec<_>>()
    });
    let (streams, buckets, roles) = sandbox.read(|sb| {
        (
            sb.streams().into_iter().map(|s| s.name).collect::<Vec<_>>(),
            sb.s3()
                .bucket_names()
                .map(str::to_string)
                .collect::<Vec<_>>(),
            sb.iam().roles().map(|r| r.name.clone()).collect::<Vec<_>>(),
        )
    });
    let domains = sandbox.read(|sb| {
        sb.opensearch()
            .domains()
            .filter(|d| d.deleting_until.is_none())
            .map(|d| d.name.clone())
            .collect::<Vec<_>>()
    });
    let preset = props.source.as_ref().map(|s| s.to_string());
    let form = {
        let preset = preset.clone();
        let first_bucket = buckets.first().cloned();
        let functions = sandbox.read(|sb| {
            sb.lambda()
                .functions()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
        });
        use_reducer(move || {
            let parked = PARKED
                .with(|p| p.borrow_mut().take())
                .filter(|(w, _)| preset.is_none() || preset.as_ref() == Some(&w.stream));
            match parked {
                Some((w, before)) => w.resumed(&before, &functions),
                None => Wizard::new(preset, first_bucket),
            }
        })
    };
    let dispatch = form.dispatcher();
    let opened_at = *use_state(|| sandbox.read(|sb| sb.now().epoch_millis()));

    let go = |to: usize| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(A::Go(to)))
    };
    let submit = {
        let (sandbox, form, dispatch) = (sandbox.clone(), form.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let created = create(&sandbox, &form, opened_at);
            let ok = created.is_ok();
            dispatch.dispatch(A::Created(created));
            if ok {
                if let Some(nav) = &navigator {
                    nav.push(&Route::FirehoseDetails {
                        name: form.name.trim().to_string(),
                    });
                }
            }
        })
    };

    let f = &*form;
    let body = match f.step {
        0 => {
            html! { <NameAndSource form={f.clone()} dispatch={dispatch.clone()} preset={preset.clone()} streams={streams} /> }
        }
        PROCESS => {
            let (functions, catalog, region) = sandbox.read(|sb| {
                (
                    sb.lambda()
                        .functions()
                        .map(|f| f.name.clone())
                        .collect::<Vec<_>>(),
                    sb.glue()
                        .databases()
                        .map(|d| (d.name.clone(), d.tables().map(|t| t.name.clone()).collect()))
                        .collect::<Vec<_>>(),
                    sb.config().region.clone(),
                )
            });
            html! { <ProcessRecords form={f.clone()} dispatch={dispatch.clone()} {functions} {catalog} {region} /> }
        }
        DESTINATION => {
            html! { <ChooseDestination form={f.clone()} dispatch={dispatch.clone()} buckets={buckets} clusters={clusters} domains={domains.clone()} /> }
        }
        SETTINGS => {
            let params = role_params(&sandbox, f);
            let role_name = role_name(opened_at, &params);
            html! { <ConfigureSettings form={f.clone()} dispatch={dispatch.clone()} roles={roles} {params} {role_name} /> }
        }
        _ => {
            let role_name = role_name(opened_at, &role_params(&sandbox, f));
            html! { <Review rows={f.review(&role_name)} /> }
        }
    };

    html! {
        <section class="page" aria-labelledby="fh-create-title">
            <p class="breadcrumb"><Link<Route> to={Route::Firehose}>{ "Amazon Data Firehose" }</Link<Route>>{ " › Create delivery stream" }</p>
            <h1 id="fh-create-title">{ "Create delivery stream" }</h1>
            <div class="wizard">
                <ol class="wizard-steps" aria-label="Steps">
                    { for STEPS.iter().enumerate().map(|(i, label)| html! {
                        <li aria-current={(i == f.step).then_some("step")} class={classes!((i == f.step).then_some("current"))}>
                            <span class="step-number">{ format!("Step {}", i + 1) }</span>{ *label }
                        </li>
                    }) }
                </ol>
                <div class="wizard-body">
                    <h2>{ format!("Step {}: {}", f.step + 1, STEPS[f.step]) }</h2>
                    { body }
                    if let Some(p) = &f.problem {
                        <div class="api-error" role="alert"><p>{ p }</p></div>
                    }
                    if let Some(e) = &f.error {
                        <ApiErrorAlert error={e.clone()} />
                    }
                    <div class="form-actions">
                        <Link<Route> to={Route::Firehose} classes="button-link secondary">{ "Cancel" }</Link<Route>>
                        if f.step > 0 {
                            <button type="button" onclick={go(f.step - 1)}>{ "Previous" }</button>
                        }
                        if f.step < REVIEW {
                            <button type="button" class="primary" onclick={go(f.step + 1)}>{ "Next" }</button>
                        } else {
                            <button type="button" class="primary" onclick={submit}>{ "Create delivery stream" }</button>
                        }
                    </div>
                </div>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct NameAndSourceProps {
    form: Wizard,
    dispatch: Dispatch,
    preset: Option<String>,
    streams: Vec<String>,
}

/// Step 1: the name, and Direct PUT or a Kinesis data stream.
#[component]
fn NameAndSource(props: &NameAndSourceProps) -> Html {
    let f = &props.form;
    let edit = |action| edit(&props.dispatch, action);
    let choose = |action| choose(&props.dispatch, action);
    let flag = |action| flag(&props.dispatch, action);
    html! {
    <>
    <fieldset class="panel">
        <legend>{ "New delivery stream" }</legend>
        <p class="help">{ "Delivery streams load data, automatically and continuously, to the destinations that you specify." }</p>
        <label for="fh-name">{ "Delivery stream name" }</label>
        <input id="fh-name" type="text" value={f.name.clone()} oninput={edit(A::Name)}
            aria-describedby="fh-name-help" autocomplete="off" />
        <p class="help" id="fh-name-help">{ "Acceptable characters are uppercase and lowercase letters, numbers, underscores, hyphens, and periods." }</p>
    </fieldset>
    <fieldset class="panel">
        <legend>{ "Choose a source" }</legend>
        <p class="help">{ "Choose how you would prefer to send records to the delivery stream." }</p>
        <div role="radiogroup" aria-label="Source" class="choices">
            <label class="choice">
                <input type="radio" name="fh-source" checked={!f.kinesis_source} onchange={flag(A::KinesisSource(false))} />
                <span><strong>{ "Direct PUT or other sources" }</strong>
                { " — send records directly to the delivery stream (PutRecord, PutRecordBatch)." }</span>
            </label>
            <label class="choice">
                <input type="radio" name="fh-source" checked={f.kinesis_source} onchange={flag(A::KinesisSource(true))} />
                <span><strong>{ "Kinesis Data Stream" }</strong>
                { " — Firehose reads the data stream's shards, sharing their read limits with other consumers." }</span>
            </label>
        </div>
        if f.kinesis_source {
            if let Some(p) = &props.preset {
                <p class="info" role="note">{ format!("You chose {p} in Kinesis Data Streams to be the source for this delivery stream. To use a different Kinesis Data Stream source, update your choice below.") }</p>
            }
            <label for="fh-stream">{ "Kinesis data stream" }</label>
            <select id="fh-stream" onchange={choose(A::Stream)}>
                <option value="" selected={f.stream.is_empty()}>{ "Choose a Kinesis data stream" }</option>
                { for props.streams.iter().map(|s| html! {
                    <option value={s.clone()} selected={*s == f.stream}>{ s }</option>
                }) }
            </select>
            <p class="help">{ "Server-side encryption for this source is set on the data stream itself." }</p>
        }
    </fieldset>
    </>
    }
}

#[derive(Properties, PartialEq)]
struct ProcessRecordsProps {
    form: Wizard,
    dispatch: Dispatch,
    /// The account's Lambda functions, by name.
    functions: Vec<String>,
    /// The Glue databases and their tables.
    catalog: Vec<(String, Vec<String>)>,
    region: String,
}

/// Step 2: transform source records with AWS Lambda, and convert their format with a Glue
/// table's schema.
#[component]
fn ProcessRecords(props: &ProcessRecordsProps) -> Html {
    let f = &props.form;
    let edit = |action| edit(&props.dispatch, action);
    let choose = |action| choose(&props.dispatch, action);
    let flag = |action| flag(&props.dispatch, action);
    let park = {
        let (form, functions) = (f.clone(), props.functions.clone());
        Callback::from(move |_: MouseEvent| {
            PARKED.with(|p| *p.borrow_mut() = Some((form.clone(), functions.clone())));
        })
    };
    let size_error = f.proc_size_error();
    let interval_error = f.proc_interval_error();
    let tables = props
        .catalog
        .iter()
        .find(|(db, _)| *db == f.glue_database)
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    html! {
    <>
    <p class="help">{ "Transform and convert records: Firehose can transform each record with an AWS Lambda function, and convert JSON records to Apache Parquet or Apache ORC, before it delivers them." }</p>
    <fieldset class="panel">
        <legend>{ "Decompress source records from Amazon CloudWatch Logs" }</legend>
        <p class="help" id="fh-decompress-help">{ "A CloudWatch Logs subscription filter sends log events gzip'd, wrapped in a JSON envelope. Firehose can decompress them before it does anything else; a record that isn't gzip goes to the error output under decompression-failed/. With decompression on, only CloudWatch Logs may put records into this stream (PutRecord from anyone else: InvalidSourceException)." }</p>
        <label class="choice"><input type="checkbox" id="fh-decompress" checked={f.decompress} aria-describedby="fh-decompress-help"
            onchange={flag(A::Decompress(!f.decompress))} /><span>{ "Turn on decompression" }</span></label>
        <label class="choice"><input type="checkbox" id="fh-extract" checked={f.extract_messages} disabled={!f.decompress} aria-describedby="fh-extract-help"
            onchange={flag(A::ExtractMessages(!f.extract_messages))} /><span>{ "Turn on message extraction" }</span></label>
        <p class="help" id="fh-extract-help">{ "Message extraction keeps only each log event's message (owner, log group, log stream and the rest are dropped), each its own record, and drops CloudWatch Logs' control message. Add the new line delimiter (destination settings) to get one message per line." }</p>
        <p class="era-note">{ "Exam-era (2020): no such option; the CloudWatch Logs processor Lambda blueprint did this (gunzip, skip CONTROL_MESSAGE, join the messages). Since 2023: the Decompression and CloudWatchLogProcessing processors." }</p>
    </fieldset>
    <fieldset class="panel">
        <legend>{ "Transform source records with AWS Lambda" }</legend>
        <p class="help">{ "Firehose invokes your Lambda function with a batch of records; the function returns each record with its recordId, a result (Ok, Dropped or ProcessingFailed) and the transformed data." }</p>
        <div role="radiogroup" aria-label="Data transformation" class="choices inline">
            <label class="choice"><input type="radio" name="fh-transform" checked={!f.transform} onchange={flag(A::Transform(false))} /><span>{ "Disabled" }</span></label>
            <label class="choice"><input type="radio" name="fh-transform" checked={f.transform} onchange={flag(A::Transform(true))} /><span>{ "Enabled" }</span></label>
        </div>
        if f.transform {
            <label for="fh-function">{ "AWS Lambda function" }</label>
            <select id="fh-function" onchange={choose(A::Function)} aria-describedby="fh-function-help">
                <option value="" selected={f.function.is_empty()}>{ "Choose an AWS Lambda function" }</option>
                { for props.functions.iter().map(|n| html! {
                    <option value={n.clone()} selected={*n == f.function}>{ n }</option>
                }) }
            </select>
            <p class="help" id="fh-function-help">
                if props.functions.is_empty() { { "There are no functions in this account yet. " } }
                <a href={create_function_href()} onclick={park}>{ "Create function" }</a>
                { " opens AWS Lambda with the blueprint General Firehose processing (kinesis-firehose-process-record), which returns every record unchanged: a start to edit. The other Firehose blueprints start from a ready transformation: Apache log to JSON, Apache log to CSV, Syslog to JSON, Syslog to CSV, CloudWatch Logs processor. This wizard keeps your choices, and chooses the new function, when you come back." }
            </p>
            if !f.function.is_empty() && props.functions.contains(&f.function) {
                <p class="help"><a href={function_href(&f.function)}>{ format!("View {} in AWS Lambda", f.function) }</a></p>
            }
            <label for="fh-function-version">{ "Function version" }</label>
            <select id="fh-function-version">
                <option value="$LATEST" selected=true>{ "$LATEST" }</option>
            </select>
            <h3>{ "Buffer hints" }</h3>
            <p class="help">{ "Firehose buffers incoming data before invoking the function. It invokes it when either of these conditions has been satisfied." }</p>
            <label for="fh-proc-size">{ "Buffer size (MiB)" }</label>
            <input id="fh-proc-size" type="number" min="0.2" max="3" step="0.1" value={f.proc_size_mb.clone()} oninput={edit(A::ProcSizeMb)}
                aria-describedby="fh-proc-size-help" aria-invalid={size_error.is_some().to_string()} />
            <p class={classes!("help", size_error.is_some().then_some("invalid"))} id="fh-proc-size-help">{ size_error.clone().unwrap_or_else(|| "Enter a buffer size between 0.2-3 MiB".into()) }</p>
            <p class="era-note">{ "Default 1 MB (older docs: 3 MB)." }</p>
            <label for="fh-proc-interval">{ "Buffer interval (seconds)" }</label>
            <input id="fh-proc-interval" type="number" min="0" max="900" value={f.proc_interval_s.clone()} oninput={edit(A::ProcIntervalS)}
                aria-describedby="fh-proc-interval-help" aria-invalid={interval_error.is_some().to_string()} />
            <p class={classes!("help", interval_error.is_some().then_some("invalid"))} id="fh-proc-interval-help">{ interval_error.clone().unwrap_or_else(|| "Enter a buffer interval between 0-900 seconds".into()) }</p>
            <p class="help">{ "A failed invocation is retried 3 times (NumberOfRetries), then its records go to the error output prefix under processing-failed/. The delivery role gets lambda:InvokeFunction on the function." }</p>
        }
    </fieldset>
    <fieldset class="panel">
        <legend>{ "Convert record format" }</legend>
        <p class="help">{ "Data in Apache Parquet or Apache ORC format is typically more efficient to query than JSON. Firehose converts JSON only: CSV or log lines need a Lambda transformation to JSON first." }</p>
        <div role="radiogroup" aria-label="Record format conversion" class="choices inline">
            <label class="choice"><input type="radio" name="fh-convert" checked={!f.convert} onchange={flag(A::Convert(false))} /><span>{ "Disabled" }</span></label>
            <label class="choice"><input type="radio" name="fh-convert" checked={f.convert} onchange={flag(A::Convert(true))} /><span>{ "Enabled" }</span></label>
        </div>
        if f.convert {
            <h3 id="fh-output-format-title">{ "Output format" }</h3>
            <div role="radiogroup" aria-labelledby="fh-output-format-title" class="choices inline">
                { for OutputFormat::ALL.iter().map(|o| html! {
                    <label class="choice"><input type="radio" name="fh-output-format" checked={f.output_format == *o} onchange={flag(A::OutputFormat(*o))} /><span>{ o.label() }</span></label>
                }) }
            </div>
            <p class="info" role="note">{ CONVERSION_BUFFER_RULE }</p>
            <p class="info" role="note">{ CONVERSION_COMPRESSION_RULE }</p>
            <h3>{ "Schema for source records" }</h3>
            <label for="fh-glue-region">{ "AWS Glue region" }</label>
            <input id="fh-glue-region" type="text" readonly=true value={props.region.clone()} />
            <label for="fh-glue-database">{ "AWS Glue database" }</label>
            <select id="fh-glue-database" onchange={choose(A::GlueDatabase)}>
                <option value="" selected={f.glue_database.is_empty()}>{ "Choose an AWS Glue database" }</option>
                { for props.catalog.iter().map(|(db, _)| html! {
                    <option value={db.clone()} selected={*db == f.glue_database}>{ db }</option>
                }) }
            </select>
            if props.catalog.is_empty() {
                <p class="help">{ "There are no databases in the Data Catalog yet. " }<Link<Route> to={Route::Glue}>{ "Create one in AWS Glue" }</Link<Route>></p>
            }
            <label for="fh-glue-table">{ "AWS Glue table" }</label>
            <select id="fh-glue-table" onchange={choose(A::GlueTable)} disabled={f.glue_database.is_empty()}>
                <option value="" selected={f.glue_table.is_empty()}>{ "Choose an AWS Glue table" }</option>
                { for tables.iter().map(|t| html! {
                    <option value={t.clone()} selected={*t == f.glue_table}>{ t }</option>
                }) }
            </select>
            <label for="fh-glue-version">{ "AWS Glue table version" }</label>
            <select id="fh-glue-version">
                <option value="LATEST" selected=true>{ "Latest" }</option>
            </select>
            <p class="help">{ "Latest: Firehose reads the table's newest version, so schema changes are picked up. The delivery role gets glue:GetTable, glue:GetTableVersion and glue:GetTableVersions on the table." }</p>
            <h3 id="fh-deserializer-title">{ "Deserializer" }</h3>
            <div role="radiogroup" aria-labelledby="fh-deserializer-title" class="choices inline">
                { for Deserializer::ALL.iter().map(|d| html! {
                    <label class="choice"><input type="radio" name="fh-deserializer" checked={f.deserializer == *d} onchange={flag(A::Deserializer(*d))} /><span>{ d.label() }</span></label>
                }) }
            </div>
            <p class="help">{ "If you're not sure which deserializer to choose, use the OpenX JSON SerDe. The Apache Hive JSON SerDe is for timestamps in formats of your own (Joda-Time patterns)." }</p>
        }
    </fieldset>
    </>
    }
}

#[derive(Properties, PartialEq)]
struct ChooseDestinationProps {
    form: Wizard,
    dispatch: Dispatch,
    buckets: Vec<String>,
    /// Redshift clusters: identifier, `host:port`, database, master user.
    clusters: Vec<(String, String, String, String)>,
    /// The account's OpenSearch domains.
    domains: Vec<String>,
}

/// Step 3: Amazon S3 or an HTTP endpoint, and the bucket and prefixes (for an HTTP endpoint,
/// its backup bucket), on the same page as in the console.
#[component]
fn ChooseDestination(props: &ChooseDestinationProps) -> Html {
    let f = &props.form;
    let edit = |action| edit(&props.dispatch, action);
    let choose = |action| choose(&props.dispatch, action);
    let flag = |action| flag(&props.dispatch, action);
    html! {
    <>
    <fieldset class="panel">
        <legend>{ "Destination" }</legend>
        <div role="radiogroup" aria-label="Destination" class="choices">
            <label class="choice"><input type="radio" name="fh-dest" checked={!f.http.enabled && !f.redshift.enabled && !f.splunk.enabled && !f.opensearch.enabled} onchange={{
                    let d = props.dispatch.clone();
                    Callback::from(move |_: Event| {
                        d.dispatch(A::Http(H::Enabled(false)));
                        d.dispatch(A::Redshift(R::Enabled(false)));
                        d.dispatch(A::OpenSearch(O::Enabled(false)));
                    })
                }} />
                <span><strong>{ "Amazon S3" }</strong>{ " — object storage; Firehose writes one object per buffer delivered." }</span></label>
            <label class="choice"><input type="radio" name="fh-dest" checked={f.http.enabled} onchange={flag(A::Http(H::Enabled(true)))} />
                <span><strong>{ "HTTP Endpoint" }</strong>{ " — any HTTPS endpoint: Firehose POSTs each buffer as JSON and retries until it answers 200." }</span></label>
            <label class="choice"><input type="radio" name="fh-dest" checked={f.redshift.enabled} onchange={flag(A::Redshift(R::Enabled(true)))} />
                <span><strong>{ "Amazon Redshift" }</strong>{ " — a data warehouse: Firehose delivers to an intermediate S3 bucket, then loads each object with a COPY command." }</span></label>
            <label class="choice"><input type="radio" name="fh-dest" checked={f.splunk.enabled} onchange={flag(A::Splunk(Sp::Enabled(true)))} />
                <span><strong>{ "Splunk" }</strong>{ " — a Splunk HTTP Event Collector: Firehose posts each buffer and waits for the indexer acknowledgement." }</span></label>
            <label class="choice"><input type="radio" name="fh-dest" checked={f.opensearch.enabled} onchange={{
                    let d = props.dispatch.clone();
                    let first = props.domains.first().cloned();
                    let chosen = f.opensearch.domain.clone();
                    Callback::from(move |_: Event| {
                        d.dispatch(A::OpenSearch(O::Enabled(true)));
                        if let (true, Some(first)) = (chosen.is_empty(), first.clone()) {
                            d.dispatch(A::OpenSearch(O::Domain(first)));
                        }
                    })
                }} />
                <span><strong>{ "Amazon OpenSearch Service" }</strong>{ " — a search domain: Firehose indexes each buffer with one bulk request." }</span></label>
        </div>
    </fieldset>
    if f.http.enabled {
        { http_section(f, &props.dispatch) }
    }
    if f.redshift.enabled {
        { redshift_section(f, &props.dispatch, &props.clusters) }
    }
    if f.splunk.enabled {
        { splunk_section(f, &props.dispatch) }
    }
    if f.opensearch.enabled {
        { opensearch_section(f, &props.dispatch, &props.domains) }
    }
    <fieldset class="panel">
        if f.redshift.enabled {
            <legend>{ "Intermediate S3 destination" }</legend>
            <p class="help">{ "Firehose delivers your data to this bucket first, then issues a COPY command to load it into the table. It doesn't delete the objects afterwards; a COPY that keeps failing is skipped after the retry duration, and the skipped objects are listed in a manifest under errors/." }</p>
        } else if f.splunk.enabled {
            <legend>{ "Backup settings" }</legend>
            <p class="help">{ "Events Splunk never acknowledged (after the retry duration) go to this bucket under splunk-failed/, each as a JSON document with the error; with All events, every delivered batch goes here too." }</p>
        } else if f.opensearch.enabled {
            <legend>{ "Backup settings" }</legend>
            <p class="help">{ "Documents the domain refused, or that could not be delivered within the retry duration, go to this bucket under AmazonOpenSearchService-failed/, each as a JSON document with the error; with All data, every record goes here too." }</p>
        } else if f.http.enabled {
            <legend>{ "Backup settings" }</legend>
            <p class="help">{ "Records the endpoint never accepted (after the retry duration) go to this bucket under http-endpoint-failed/, each as a JSON document with the error; with All data, every delivered batch goes here too." }</p>
        } else {
            <legend>{ "S3 destination" }</legend>
            <p class="help">{ "Choose a destination in Amazon S3 where your data will be stored." }</p>
        }
        <h3 id="fh-bucket-title">{ "S3 bucket" }</h3>
        <div role="radiogroup" aria-labelledby="fh-bucket-title" class="choices inline">
            <label class="choice"><input type="radio" name="fh-bucket-mode" checked={!f.new_bucket}
                disabled={props.buckets.is_empty()} onchange={flag(A::NewBucket(false))} /><span>{ "Choose an existing bucket" }</span></label>
            <label class="choice"><input type="radio" name="fh-bucket-mode" checked={f.new_bucket}
                onchange={flag(A::NewBucket(true))} /><span>{ "Create new" }</span></label>
        </div>
        if f.new_bucket {
            <label for="fh-new-bucket">{ "New bucket name" }</label>
            <input id="fh-new-bucket" type="text" value={f.bucket.clone()} oninput={edit(A::Bucket)}
                aria-describedby="fh-new-bucket-help" autocomplete="off" />
            <p class="help" id="fh-new-bucket-help">{ "3–63 lowercase letters, numbers, periods and hyphens; created when you create the delivery stream." }</p>
        } else {
            <label for="fh-bucket">{ "Existing bucket" }</label>
            <select id="fh-bucket" onchange={choose(A::Bucket)}>
                { for props.buckets.iter().map(|b| html! { <option value={b.clone()} selected={*b == f.bucket}>{ b }</option> }) }
            </select>
        }
        if !f.http.enabled && !f.redshift.enabled && !f.splunk.enabled && !f.opensearch.enabled {
            { partitioning_section(f, &props.dispatch) }
        }
        <label for="fh-prefix">{ "S3 bucket prefix - optional" }</label>
        <input id="fh-prefix" type="text" value={f.prefix.clone()} oninput={edit(A::Prefix)} aria-describedby="fh-prefix-help" />
        <p class="help" id="fh-prefix-help">{ "Left empty, objects go under YYYY/MM/DD/HH/ (UTC). Expressions like !{timestamp:yyyy/MM/dd/} are allowed; a prefix with expressions needs an error prefix too." }</p>
        if !f.redshift.enabled {
        <label for="fh-error-prefix">{ "S3 bucket error output prefix - optional" }</label>
        <input id="fh-error-prefix" type="text" value={f.error_prefix.clone()} oninput={edit(A::ErrorPrefix)} />
        }
        if !f.http.enabled && !f.redshift.enabled && !f.splunk.enabled && !f.opensearch.enabled {
        <h3 id="fh-delimiter-title">{ "New line delimiter" }</h3>
        <p class="help" id="fh-delimiter-help">{ "Add a new line delimiter between records in objects delivered to Amazon S3." }</p>
        <div role="radiogroup" aria-labelledby="fh-delimiter-title" aria-describedby="fh-delimiter-help" class="choices inline">
            <label class="choice"><input type="radio" name="fh-delimiter" checked={!f.delimiter} onchange={flag(A::Delimiter(false))} /><span>{ "Disabled" }</span></label>
            <label class="choice"><input type="radio" name="fh-delimiter" checked={f.delimiter} onchange={flag(A::Delimiter(true))} /><span>{ "Enabled" }</span></label>
        </div>
        <p class="era-note">{ "Exam-era (2020) console: no such option; Firehose put records back to back, and a Lambda function had to append the newline. Since 2021: the AppendDelimiterToRecord processor." }</p>
        }
    </fieldset>
    </>
    }
}

/// "Dynamic partitioning": on or off, multi record deaggregation, inline parsing for JSON and
/// its keys, and "Apply dynamic partitioning keys", which writes the prefix.
fn partitioning_section(f: &Wizard, dispatch: &Dispatch) -> Html {
    let p = &f.partitioning;
    let set = |action: P| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| dispatch.dispatch(A::Partitioning(action.clone())))
    };
    let delimiter = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            dispatch.dispatch(A::Partitioning(P::Delimiter(input_value(&e))))
        })
    };
    let add = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(A::Partitioning(P::AddKey)))
    };
    let apply = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(A::ApplyKeys))
    };
    let rows = p.keys.iter().enumerate().map(|(i, k)| {
        let name = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: InputEvent| {
                dispatch.dispatch(A::Partitioning(P::KeyName(i, input_value(&e))))
            })
        };
        let query = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: InputEvent| {
                dispatch.dispatch(A::Partitioning(P::KeyQuery(i, input_value(&e))))
            })
        };
        let remove = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.dispatch(A::Partitioning(P::RemoveKey(i))))
        };
        let n = i + 1;
        html! {
            <div class="key-row" role="group" aria-label={format!("Dynamic partitioning key {n}")}>
                <label for={format!("fh-key-name-{i}")}>{ format!("Key name {n}") }</label>
                <input id={format!("fh-key-name-{i}")} type="text" value={k.name.clone()} oninput={name} autocomplete="off" />
                <label for={format!("fh-key-query-{i}")}>{ format!("JQ expression {n}") }</label>
                <input id={format!("fh-key-query-{i}")} type="text" value={k.query.clone()} oninput={query} autocomplete="off"
                    placeholder=".customer_id" spellcheck="false" />
                if p.keys.len() > 1 {
                    <button type="button" class="secondary" onclick={remove}>{ format!("Remove key {n}") }</button>
                }
            </div>
        }
    });
    html! {
    <>
        <h3 id="fh-dp-title">{ "Dynamic partitioning" }</h3>
        <p class="help" id="fh-dp-help">{ "Partition records by keys in the data (inline parsing with jq) or keys your Lambda function returns (partitionKeys), one S3 prefix per key value. Once enabled, it can't be disabled. Buffer size 64–128 MiB, no zero buffering; at most 500 active partitions; an error output prefix is required." }</p>
        <div role="radiogroup" aria-labelledby="fh-dp-title" aria-describedby="fh-dp-help" class="choices inline">
            <label class="choice"><input type="radio" name="fh-dp" checked={!p.enabled} onchange={set(P::Enabled(false))} /><span>{ "Not enabled" }</span></label>
            <label class="choice"><input type="radio" name="fh-dp" checked={p.enabled} onchange={set(P::Enabled(true))} /><span>{ "Enabled" }</span></label>
        </div>
        <p class="era-note">{ "Exam-era (2020): no dynamic partitioning; prefixes had only timestamps. Since 2021: keys from the data." }</p>
        if p.enabled {
            <h3 id="fh-deagg-title">{ "Multi record deaggregation" }</h3>
            <p class="help" id="fh-deagg-help">{ "Split a record holding several JSON objects (one after another, not an array) or delimited records into one record each, before partitioning. At most 500 per record." }</p>
            <div role="radiogroup" aria-labelledby="fh-deagg-title" aria-describedby="fh-deagg-help" class="choices inline">
                <label class="choice"><input type="radio" name="fh-deagg" checked={!p.deaggregate} onchange={set(P::Deaggregate(false))} /><span>{ "Not enabled" }</span></label>
                <label class="choice"><input type="radio" name="fh-deagg" checked={p.deaggregate} onchange={set(P::Deaggregate(true))} /><span>{ "Enabled" }</span></label>
            </div>
            if p.deaggregate {
                <div role="radiogroup" aria-label="Multi record deaggregation type" class="choices inline">
                    <label class="choice"><input type="radio" name="fh-deagg-type" checked={p.deaggregate_json} onchange={set(P::DeaggregateJson(true))} /><span>{ "JSON" }</span></label>
                    <label class="choice"><input type="radio" name="fh-deagg-type" checked={!p.deaggregate_json} onchange={set(P::DeaggregateJson(false))} /><span>{ "Delimited" }</span></label>
                </div>
                if !p.deaggregate_json {
                    <label for="fh-deagg-delimiter">{ "Delimiter" }</label>
                    <input id="fh-deagg-delimiter" type="text" value={p.delimiter.clone()} oninput={delimiter} autocomplete="off" />
                    <p class="help">{ "Sent base64-encoded: #### becomes IyMjIw==." }</p>
                }
            }
            <h3 id="fh-inline-title">{ "Inline parsing for JSON" }</h3>
            <div role="radiogroup" aria-labelledby="fh-inline-title" class="choices inline">
                <label class="choice"><input type="radio" name="fh-inline" checked={!p.inline_parsing} onchange={set(P::InlineParsing(false))} /><span>{ "Not enabled" }</span></label>
                <label class="choice"><input type="radio" name="fh-inline" checked={p.inline_parsing} onchange={set(P::InlineParsing(true))} /><span>{ "Enabled" }</span></label>
            </div>
            if p.inline_parsing {
                <p class="help">{ "Each key's value is read from the record with a jq 1.6 expression, e.g. .customer_id or .event_timestamp|strftime(\"%Y\")." }</p>
                { for rows }
                <button type="button" class="secondary" onclick={add}>{ "Add dynamic partitioning key" }</button>
                <button type="button" class="secondary" onclick={apply}>{ "Apply dynamic partitioning keys" }</button>
            }
        }
    </>
    }
}

#[derive(Properties, PartialEq)]
struct ConfigureSettingsProps {
    form: Wizard,
    dispatch: Dispatch,
    roles: Vec<String>,
    /// The new role's parameters and name.
    params: DeliveryRoleParams,
    role_name: String,
}

/// Step 4: buffer hints, compression and encryption, error logging and the role.
#[component]
fn ConfigureSettings(props: &ConfigureSettingsProps) -> Html {
    let f = &props.form;
    let edit = |action| edit(&props.dispatch, action);
    let choose = |action| choose(&props.dispatch, action);
    let flag = |action| flag(&props.dispatch, action);
    let size_error = f.size_error();
    let interval_error = f.interval_error();
    html! {
        <>
        <fieldset class="panel">
            <legend>{ "Buffer hints" }</legend>
            <p class="help">{ "Firehose buffers incoming records before delivering them to your S3 bucket. Record delivery is triggered once either of these conditions has been satisfied." }</p>
            <label for="fh-size">{ "Buffer size (MiB)" }</label>
            <input id="fh-size" type="number" min={f.min_size_mb().to_string()} max="128" value={f.size_mb.clone()} oninput={edit(A::SizeMb)}
                aria-describedby="fh-size-help" aria-invalid={size_error.is_some().to_string()} />
            <p class={classes!("help", size_error.is_some().then_some("invalid"))} id="fh-size-help">{ size_error.clone().unwrap_or_else(|| format!("Enter a buffer size between {}-128 MiB", f.min_size_mb())) }</p>
            if f.convert {
                <p class="info" role="note">{ CONVERSION_BUFFER_RULE }</p>
            }
            if f.partitioning.enabled {
                <p class="info" role="note">{ "Dynamic partitioning requires a buffer size of at least 64 MiB, and has no zero buffering (an interval of 1 second at least); each active partition has its own buffer." }</p>
            }
            if f.transform {
                <p class="help">{ "With a Lambda transformation this buffer fills with the transformed records: its interval counts from when Firehose gets them back from the function." }</p>
            }
            <label for="fh-interval">{ "Buffer interval (seconds)" }</label>
            <input id="fh-interval" type="number" min={f.min_interval_s().to_string()} max="900" value={f.interval_s.clone()} oninput={edit(A::IntervalS)}
                aria-describedby="fh-interval-help" aria-invalid={interval_error.is_some().to_string()} />
            <p class={classes!("help", interval_error.is_some().then_some("invalid"))} id="fh-interval-help">{ interval_error.clone().unwrap_or_else(|| format!("Enter a buffer interval between {}-900 seconds", f.min_interval_s())) }</p>
            <p class="era-note">{ "Exam-era (2020) console: 60–900 seconds. Today: 0–900 seconds (0 delivers as soon as possible)." }</p>
        </fieldset>
        <fieldset class="panel">
            <legend>{ "S3 compression and encryption" }</legend>
            <label for="fh-compression">{ "S3 compression" }</label>
            <select id="fh-compression" onchange={choose(A::Compression)} aria-describedby={f.convert.then_some("fh-compression-rule")}>
                { for COMPRESSIONS.iter().map(|(v, label)| html! { <option value={*v} selected={f.compression == *v}>{ *label }</option> }) }
            </select>
            if f.convert {
                <p class="info" role="note" id="fh-compression-rule">{ CONVERSION_COMPRESSION_RULE }</p>
            }
            <h3 id="fh-encrypt-title">{ "S3 encryption" }</h3>
            <div role="radiogroup" aria-labelledby="fh-encrypt-title" class="choices inline">
                <label class="choice"><input type="radio" name="fh-encrypt" checked={!f.encrypt} onchange={flag(A::Encrypt(false))} /><span>{ "Disabled" }</span></label>
                <label class="choice"><input type="radio" name="fh-encrypt" checked={f.encrypt} onchange={flag(A::Encrypt(true))} /><span>{ "Enabled (AWS KMS key)" }</span></label>
            </div>
            if f.encrypt {
                <label for="fh-kms">{ "KMS key ARN" }</label>
                <input id="fh-kms" type="text" value={f.kms_key.clone()} oninput={edit(A::KmsKey)} />
            }
            <p class="help">{ "Without a KMS key, S3 still encrypts every new object with S3-managed keys (SSE-S3), its default since January 2023." }</p>
        </fieldset>
        <fieldset class="panel">
            <legend>{ "Error logging" }</legend>
            <p class="help">{ "Firehose can log record delivery errors to CloudWatch Logs, in the log group /aws/kinesisfirehose/<name>." }</p>
            <div role="radiogroup" aria-label="Error logging" class="choices inline">
                <label class="choice"><input type="radio" name="fh-logging" checked={!f.logging} onchange={flag(A::Logging(false))} /><span>{ "Disabled" }</span></label>
                <label class="choice"><input type="radio" name="fh-logging" checked={f.logging} onchange={flag(A::Logging(true))} /><span>{ "Enabled" }</span></label>
            </div>
        </fieldset>
        <fieldset class="panel">
            <legend>{ "Permissions" }</legend>
            <h3 id="fh-role-title">{ "IAM role" }</h3>
            <div role="radiogroup" aria-labelledby="fh-role-title" class="choices inline">
                <label class="choice"><input type="radio" name="fh-role" checked={f.new_role} onchange={flag(A::NewRole(true))} /><span>{ "Create new" }</span></label>
                <label class="choice"><input type="radio" name="fh-role" checked={!f.new_role} disabled={props.roles.is_empty()} onchange={flag(A::NewRole(false))} /><span>{ "Choose existing role" }</span></label>
            </div>
            if f.new_role {
                <p>{ "Role name: " }<code>{ props.role_name.clone() }</code></p>
                <p class="help">{ format!("Firehose assumes this role (path {}) to read the source and write to the bucket. Its inline policy is {}.", delivery_role::ROLE_PATH, delivery_role::policy_name(&props.params)) }</p>
                <details class="policy-document">
                    <summary>{ "View policy document" }</summary>
                    <pre aria-label="Policy document">{ delivery_role::permissions_policy(&props.params) }</pre>
                </details>
            } else {
                <label for="fh-role-existing">{ "Existing IAM role" }</label>
                <select id="fh-role-existing" onchange={choose(A::Role)}>
                    <option value="" selected={f.role.is_empty()}>{ "Choose a role" }</option>
                    { for props.roles.iter().map(|r| html! { <option value={r.clone()} selected={*r == f.role}>{ r }</option> }) }
                </select>
            }
        </fieldset>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ReviewProps {
    rows: Vec<(&'static str, String)>,
}

/// Step 5: everything chosen, before "Create delivery stream".
#[component]
fn Review(props: &ReviewProps) -> Html {
    html! {
        <div class="panel">
            <dl class="review">
                { for props.rows.iter().map(|(k, v)| html! { <><dt>{ *k }</dt><dd>{ v }</dd></> }) }
            </dl>
        </div>
    }
}

/// The Amazon Redshift destination's settings, as the console's "Destination settings".
fn redshift_section(
    f: &Wizard,
    dispatch: &Dispatch,
    clusters: &[(String, String, String, String)],
) -> Html {
    let r = &f.redshift;
    let edit = |action| edit(dispatch, action);
    let chosen = clusters
        .iter()
        .find(|c| c.1 == r.endpoint)
        .map(|c| c.0.clone());
    let pick = {
        let d = dispatch.clone();
        let clusters = clusters.to_vec();
        Callback::from(move |e: Event| {
            let id = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(c) = clusters.iter().find(|c| c.0 == id) {
                d.dispatch(A::Redshift(R::Endpoint(c.1.clone())));
                d.dispatch(A::Redshift(R::Database(c.2.clone())));
                d.dispatch(A::Redshift(R::Username(c.3.clone())));
            }
        })
    };
    html! {
    <fieldset class="panel">
        <legend>{ "Destination settings" }</legend>
        <p class="help">
            { "Firehose connects with the cluster's JDBC URL, user name and password, and loads each object with COPY. It doesn't create the table: create it first in the " }
            <Link<Route> to={Route::Redshift}>{ "Redshift query editor" }</Link<Route>>{ ". The cluster must be publicly accessible." }
        </p>
        <label for="fh-rs-cluster">{ "Provisioned cluster" }</label>
        <select id="fh-rs-cluster" onchange={pick}>
            <option value="" selected={chosen.is_none()}>{ if clusters.is_empty() { "No clusters: create one first" } else { "Choose a cluster" } }</option>
            { for clusters.iter().map(|c| html! { <option value={c.0.clone()} selected={chosen.as_deref() == Some(c.0.as_str())}>{ &c.0 }</option> }) }
        </select>
        <label for="fh-rs-database">{ "Database" }</label>
        <input id="fh-rs-database" type="text" value={r.database.clone()} oninput={edit(|v| A::Redshift(R::Database(v)))} autocomplete="off" />
        <label for="fh-rs-user">{ "User name" }</label>
        <input id="fh-rs-user" type="text" value={r.username.clone()} oninput={edit(|v| A::Redshift(R::Username(v)))} autocomplete="off" />
        <label for="fh-rs-password">{ "Password" }</label>
        <input id="fh-rs-password" type="password" value={r.password.clone()} oninput={edit(|v| A::Redshift(R::Password(v)))} autocomplete="off" />
        <label for="fh-rs-table">{ "Table" }</label>
        <input id="fh-rs-table" type="text" value={r.table.clone()} oninput={edit(|v| A::Redshift(R::Table(v)))} autocomplete="off" />
        <label for="fh-rs-columns">{ "Columns - optional" }</label>
        <input id="fh-rs-columns" type="text" value={r.columns.clone()} oninput={edit(|v| A::Redshift(R::Columns(v)))} autocomplete="off" aria-describedby="fh-rs-columns-help" />
        <p class="help" id="fh-rs-columns-help">{ "Comma-separated; left empty, COPY fills the table's columns in order." }</p>
        <label for="fh-rs-options">{ "COPY command options - optional" }</label>
        <input id="fh-rs-options" type="text" value={r.copy_options.clone()} oninput={edit(|v| A::Redshift(R::CopyOptions(v)))} autocomplete="off" aria-describedby="fh-rs-options-help" />
        <p class="help" id="fh-rs-options-help">{ "For JSON records: json 'auto ignorecase' (json 'auto' only matches lower-case keys to the columns). Add gzip when S3 compression is GZIP; delimiter '|' or csv for text." }</p>
        <label for="fh-rs-retry">{ "Retry duration" }</label>
        <input id="fh-rs-retry" type="number" min="0" max="7200" value={r.retry_s.clone()} oninput={edit(|v| A::Redshift(R::Retry(v)))} aria-describedby="fh-rs-retry-help" />
        <p class="help" id="fh-rs-retry-help">{ "0–7,200 seconds (default 3,600). A failed COPY is retried every 5 minutes until then." }</p>
    </fieldset>
    }
}

/// The HTTP endpoint destination's settings, as the console's "Destination settings".
fn http_section(f: &Wizard, dispatch: &Dispatch) -> Html {
    let h = &f.http;
    let edit = |action| edit(dispatch, action);
    let flag = |action| flag(dispatch, action);
    html! {
    <fieldset class="panel">
        <legend>{ "Destination settings" }</legend>
        <p class="help">
            { "Firehose POSTs each buffer to the URL as JSON: a request id, a timestamp and the records in base64. Only 200 is success; 413 drops the batch; anything else is retried (1 s, then doubling, at most 2 min) until the retry duration ends. Set up what the endpoint answers, and read what it received, under " }
            <Link<Route> to={Route::HttpEndpoints}>{ "HTTP endpoints" }</Link<Route>>{ "." }
        </p>
        <label for="fh-http-url">{ "HTTP endpoint URL" }</label>
        <input id="fh-http-url" type="url" value={h.url.clone()} oninput={edit(|v| A::Http(H::Url(v)))} placeholder="https://" autocomplete="off" />
        <label for="fh-http-name">{ "HTTP endpoint name - optional" }</label>
        <input id="fh-http-name" type="text" value={h.name.clone()} oninput={edit(|v| A::Http(H::Name(v)))} autocomplete="off" />
        <label for="fh-http-key">{ "Access key - optional" }</label>
        <input id="fh-http-key" type="password" value={h.access_key.clone()} oninput={edit(|v| A::Http(H::AccessKey(v)))} autocomplete="off" aria-describedby="fh-http-key-help" />
        <p class="help" id="fh-http-key-help">{ "Sent as the X-Amz-Firehose-Access-Key header, as typed." }</p>
        <h3 id="fh-http-encoding-title">{ "Content encoding" }</h3>
        <div role="radiogroup" aria-labelledby="fh-http-encoding-title" class="choices inline">
            <label class="choice"><input type="radio" name="fh-http-encoding" checked={!h.gzip} onchange={flag(A::Http(H::Gzip(false)))} /><span>{ "Disabled" }</span></label>
            <label class="choice"><input type="radio" name="fh-http-encoding" checked={h.gzip} onchange={flag(A::Http(H::Gzip(true)))} /><span>{ "GZIP" }</span></label>
        </div>
        <label for="fh-http-retry">{ "Retry duration" }</label>
        <input id="fh-http-retry" type="number" min="0" max="7200" value={h.retry_s.clone()} oninput={edit(|v| A::Http(H::Retry(v)))} aria-describedby="fh-http-retry-help" />
        <p class="help" id="fh-http-retry-help">{ "0–7,200 seconds. 0: no retries." }</p>
        <h3 id="fh-http-backup-title">{ "S3 backup mode" }</h3>
        <div role="radiogroup" aria-labelledby="fh-http-backup-title" class="choices inline">
            <label class="choice"><input type="radio" name="fh-http-backup" checked={!h.all_data} onchange={flag(A::Http(H::AllData(false)))} /><span>{ "Failed data only" }</span></label>
            <label class="choice"><input type="radio" name="fh-http-backup" checked={h.all_data} onchange={flag(A::Http(H::AllData(true)))} /><span>{ "All data" }</span></label>
        </div>
    </fieldset>
    }
}

/// The Splunk destination's settings, as the console's "Destination settings".
fn splunk_section(f: &Wizard, dispatch: &Dispatch) -> Html {
    let s = &f.splunk;
    let edit = |action| edit(dispatch, action);
    let flag = |action| flag(dispatch, action);
    html! {
    <fieldset class="panel">
        <legend>{ "Destination settings" }</legend>
        <p class="help">
            { "Firehose concatenates the buffer's records — it adds no delimiter — and posts them to the HEC, then waits for the indexer acknowledgement. Make a token with indexer acknowledgement, copy the endpoint, and search what was indexed under " }
            <Link<Route> to={Route::Splunk}>{ "Splunk (HEC)" }</Link<Route>>{ "." }
        </p>
        <label for="fh-splunk-endpoint">{ "Splunk cluster endpoint" }</label>
        <input id="fh-splunk-endpoint" class="hec-field" type="url" value={s.endpoint.clone()} oninput={edit(|v| A::Splunk(Sp::Endpoint(v)))} placeholder="https://" autocomplete="off" />
        <h3 id="fh-splunk-type-title">{ "Splunk endpoint type" }</h3>
        <div role="radiogroup" aria-labelledby="fh-splunk-type-title" class="choices inline">
            <label class="choice"><input type="radio" name="fh-splunk-type" checked={!s.event} onchange={flag(A::Splunk(Sp::Event(false)))} /><span>{ "Raw endpoint" }</span></label>
            <label class="choice"><input type="radio" name="fh-splunk-type" checked={s.event} onchange={flag(A::Splunk(Sp::Event(true)))} /><span>{ "Event endpoint" }</span></label>
        </div>
        <p class="help">{ "Raw: Splunk breaks the bytes into events at each new line. Event: the bytes must be HEC event JSON objects, {\"event\": …, \"sourcetype\": …}; anything else fails with Splunk.InvalidDataFormat." }</p>
        <label for="fh-splunk-token">{ "Authentication token" }</label>
        <input id="fh-splunk-token" class="hec-field" type="text" value={s.token.clone()} oninput={edit(|v| A::Splunk(Sp::Token(v)))} autocomplete="off" />
        <label for="fh-splunk-ack">{ "HEC acknowledgement timeout" }</label>
        <input id="fh-splunk-ack" type="number" min="180" max="600" value={s.ack_timeout_s.clone()} oninput={edit(|v| A::Splunk(Sp::AckTimeout(v)))} aria-describedby="fh-splunk-ack-help" />
        <p class="help" id="fh-splunk-ack-help">{ "180–600 seconds. No acknowledgement by then: Splunk.AckTimeout, and the retry clock starts." }</p>
        <label for="fh-splunk-retry">{ "Retry duration" }</label>
        <input id="fh-splunk-retry" type="number" min="0" max="7200" value={s.retry_s.clone()} oninput={edit(|v| A::Splunk(Sp::Retry(v)))} aria-describedby="fh-splunk-retry-help" />
        <p class="help" id="fh-splunk-retry-help">{ "0–7,200 seconds, counted from the first failure; an attempt under way when it ends is still waited for." }</p>
        <h3 id="fh-splunk-backup-title">{ "S3 backup mode" }</h3>
        <div role="radiogroup" aria-labelledby="fh-splunk-backup-title" class="choices inline">
            <label class="choice"><input type="radio" name="fh-splunk-backup" checked={!s.all_events} onchange={flag(A::Splunk(Sp::AllEvents(false)))} /><span>{ "Failed events only" }</span></label>
            <label class="choice"><input type="radio" name="fh-splunk-backup" checked={s.all_events} onchange={flag(A::Splunk(Sp::AllEvents(true)))} /><span>{ "All events" }</span></label>
        </div>
        <p class="help">{ "You can change Failed events only to All events later, but not back." }</p>
    </fieldset>
    }
}

/// The Amazon OpenSearch Service destination's settings, as the console's "Destination
/// settings".
fn opensearch_section(f: &Wizard, dispatch: &Dispatch, domains: &[String]) -> Html {
    let o = &f.opensearch;
    let edit = |action| edit(dispatch, action);
    let choose = |action| choose(dispatch, action);
    let flag = |action| flag(dispatch, action);
    html! {
    <fieldset class="panel">
        <legend>{ "Destination settings" }</legend>
        <p class="help">
            { "Firehose indexes each buffer with one bulk request. Each record must be a JSON object on one line; a record the domain refuses goes to the backup bucket. Search the documents in " }
            <Link<Route> to={Route::OpenSearch}>{ "Amazon OpenSearch Service" }</Link<Route>>{ "." }
        </p>
        <label for="fh-os-domain">{ "OpenSearch domain" }</label>
        if domains.is_empty() {
            <p class="help" id="fh-os-domain">{ "This account has no domain yet: create one on the Amazon OpenSearch Service page first." }</p>
        } else {
            <select id="fh-os-domain" onchange={choose(|v| A::OpenSearch(O::Domain(v)))}>
                <option value="" selected={o.domain.is_empty()} disabled=true>{ "Choose a domain" }</option>
                { for domains.iter().map(|d| html! { <option value={d.clone()} selected={*d == o.domain}>{ d }</option> }) }
            </select>
        }
        <label for="fh-os-index">{ "Index" }</label>
        <input id="fh-os-index" type="text" value={o.index.clone()} oninput={edit(|v| A::OpenSearch(O::Index(v)))} autocomplete="off" aria-describedby="fh-os-index-help" />
        <p class="help" id="fh-os-index-help">{ "1–80 characters, lower case." }</p>
        <label for="fh-os-rotation">{ "Index rotation" }</label>
        <select id="fh-os-rotation" onchange={choose(|v| A::OpenSearch(O::Rotation(v)))} aria-describedby="fh-os-rotation-help">
            { for ROTATIONS.iter().map(|(v, label)| html! { <option value={*v} selected={*v == o.rotation}>{ *label }</option> }) }
        </select>
        <p class="help" id="fh-os-rotation-help">{ "Appends the arrival time to the index name: myindex-2016-02-25-13 (hour), myindex-2016-02-25 (day), myindex-2016-w08 (week), myindex-2016-02 (month)." }</p>
        <label for="fh-os-type">{ "Type - optional" }</label>
        <input id="fh-os-type" type="text" value={o.type_name.clone()} oninput={edit(|v| A::OpenSearch(O::TypeName(v)))} autocomplete="off" aria-describedby="fh-os-type-help" />
        <p class="help" id="fh-os-type-help">{ "Elasticsearch 6.x has one type per index; leave it empty for Elasticsearch 7.x and OpenSearch." }</p>
        <label for="fh-os-retry">{ "Retry duration" }</label>
        <input id="fh-os-retry" type="number" min="0" max="7200" value={o.retry_s.clone()} oninput={edit(|v| A::OpenSearch(O::Retry(v)))} aria-describedby="fh-os-retry-help" />
        <p class="help" id="fh-os-retry-help">{ "0–7,200 seconds. A failed request is tried again every 5 minutes while it lasts; 0: no retries." }</p>
        <h3 id="fh-os-ids-title">{ "Document ID" }</h3>
        <div role="radiogroup" aria-labelledby="fh-os-ids-title" class="choices inline">
            <label class="choice"><input type="radio" name="fh-os-ids" checked={!o.no_document_id} onchange={flag(A::OpenSearch(O::NoDocumentId(false)))} /><span>{ "Firehose default" }</span></label>
            <label class="choice"><input type="radio" name="fh-os-ids" checked={o.no_document_id} onchange={flag(A::OpenSearch(O::NoDocumentId(true)))} /><span>{ "OpenSearch Service generated" }</span></label>
        </div>
        <h3 id="fh-os-backup-title">{ "Backup mode" }</h3>
        <div role="radiogroup" aria-labelledby="fh-os-backup-title" class="choices inline">
            <label class="choice"><input type="radio" name="fh-os-backup" checked={!o.all_documents} onchange={flag(A::OpenSearch(O::AllDocuments(false)))} /><span>{ "Failed data only" }</span></label>
            <label class="choice"><input type="radio" name="fh-os-backup" checked={o.all_documents} onchange={flag(A::OpenSearch(O::AllDocuments(true)))} /><span>{ "All data" }</span></label>
        </div>
    </fieldset>
    }
}
