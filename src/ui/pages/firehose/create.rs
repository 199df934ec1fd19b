//! Create delivery stream: the console's five steps (name and source, process records,
//! destination, settings, review), ending in `CreateDeliveryStream`.

use crate::engine::iam::delivery_role::{self, DeliveryRoleParams};
use crate::engine::ApiError;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::{use_sandbox, SandboxHandle};
use crate::ui::Route;
use serde_json::{json, Value};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

const STEPS: [&str; 5] = [
    "Name and source",
    "Process records",
    "Choose a destination",
    "Configure settings",
    "Review",
];

const COMPRESSIONS: [(&str, &str); 5] = [
    ("UNCOMPRESSED", "Disabled"),
    ("GZIP", "GZIP"),
    ("Snappy", "Snappy"),
    ("ZIP", "Zip"),
    ("HADOOP_SNAPPY", "Hadoop-compatible Snappy"),
];

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

/// A whole number in `lo..=hi`, or the sentence the console shows.
fn in_range(text: &str, lo: i64, hi: i64, what: &str, unit: &str) -> Result<i64, String> {
    match text.trim().parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => Err(format!("Enter a {what} between {lo}-{hi} {unit}")),
    }
}

fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// The role name "Create new" gives: the engine's console name, with the delivery stream's
/// part shortened (as the console does) so the whole stays within IAM's 64 characters.
pub fn new_role_name(p: &DeliveryRoleParams, now_ms: i64) -> String {
    let full = delivery_role::role_name(p, now_ms);
    let over = full.chars().count().saturating_sub(64);
    if over == 0 {
        return full;
    }
    let keep = p.delivery_stream.chars().count().saturating_sub(over);
    let short = DeliveryRoleParams {
        delivery_stream: p.delivery_stream.chars().take(keep).collect(),
        ..p.clone()
    };
    delivery_role::role_name(&short, now_ms)
}

/// Everything the wizard collects.
#[derive(Clone, PartialEq)]
struct Form {
    name: String,
    kinesis_source: bool,
    stream: String,
    new_bucket: bool,
    bucket: String,
    prefix: String,
    error_prefix: String,
    size_mb: String,
    interval_s: String,
    compression: String,
    encrypt: bool,
    kms_key: String,
    logging: bool,
    new_role: bool,
    role: String,
}

impl Form {
    fn key_id(&self) -> Option<String> {
        if !self.encrypt {
            return None;
        }
        let k = self.kms_key.trim();
        Some(
            k.rsplit_once("key/")
                .map(|(_, id)| id)
                .unwrap_or(k)
                .to_string(),
        )
    }

    fn role_params(&self, sandbox: &SandboxHandle) -> DeliveryRoleParams {
        let (region, account_id) =
            sandbox.read(|sb| (sb.config().region.clone(), sb.config().account_id.clone()));
        DeliveryRoleParams {
            region,
            account_id,
            delivery_stream: self.name.trim().to_string(),
            bucket: Some(self.bucket.trim().to_string()).filter(|b| !b.is_empty()),
            source_stream: self.kinesis_source.then(|| self.stream.clone()),
            kms_key_id: self.key_id(),
            ..Default::default()
        }
    }

    /// Why the learner can't leave `step` yet.
    fn check(&self, step: usize) -> Result<(), String> {
        match step {
            0 => {
                if !valid_name(self.name.trim()) {
                    return Err("Enter a delivery stream name of 1–64 letters, numbers, underscores, hyphens and periods.".into());
                }
                if self.kinesis_source && self.stream.is_empty() {
                    return Err("Choose a Kinesis data stream.".into());
                }
                Ok(())
            }
            3 => {
                if self.bucket.trim().is_empty() {
                    return Err("Choose an S3 bucket or create one.".into());
                }
                in_range(&self.size_mb, 1, 128, "buffer size", "MiB")?;
                in_range(&self.interval_s, 0, 900, "buffer interval", "seconds")?;
                if self.encrypt && self.kms_key.trim().is_empty() {
                    return Err("Enter the ARN of the KMS key to encrypt with.".into());
                }
                if !self.new_role && self.role.is_empty() {
                    return Err("Choose an IAM role.".into());
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// Runs the calls the console makes on "Create delivery stream".
fn create(sandbox: &SandboxHandle, f: &Form) -> Result<(), ApiError> {
    let name = f.name.trim().to_string();
    let bucket = f.bucket.trim().to_string();
    if f.new_bucket && !sandbox.read(|sb| sb.s3().has_bucket(&bucket)) {
        sandbox.call("S3.CreateBucket", json!({ "Bucket": bucket }))?;
    }
    let role_arn = if f.new_role {
        let params = f.role_params(sandbox);
        let now = sandbox.read(|sb| sb.now().epoch_millis());
        let role_name = new_role_name(&params, now);
        let existing = sandbox.read(|sb| sb.iam().role(&role_name).map(|r| r.arn.clone()));
        let arn = match existing {
            Some(arn) => arn,
            None => {
                let out = sandbox.call(
                    "IAM.CreateRole",
                    json!({
                        "RoleName": role_name,
                        "Path": delivery_role::ROLE_PATH,
                        "AssumeRolePolicyDocument": delivery_role::trust_policy(&params),
                    }),
                )?;
                out["Role"]["Arn"].as_str().unwrap_or_default().to_string()
            }
        };
        sandbox.call(
            "IAM.PutRolePolicy",
            json!({
                "RoleName": role_name,
                "PolicyName": delivery_role::policy_name(&params),
                "PolicyDocument": delivery_role::permissions_policy(&params),
            }),
        )?;
        arn
    } else {
        sandbox
            .read(|sb| sb.iam().role(&f.role).map(|r| r.arn.clone()))
            .unwrap_or_default()
    };
    let size: i64 = f.size_mb.trim().parse().unwrap_or(5);
    let interval: i64 = f.interval_s.trim().parse().unwrap_or(300);
    let mut dest = json!({
        "RoleARN": role_arn,
        "BucketARN": format!("arn:aws:s3:::{bucket}"),
        "BufferingHints": { "SizeInMBs": size, "IntervalInSeconds": interval },
        "CompressionFormat": f.compression,
        "EncryptionConfiguration": { "NoEncryptionConfig": "NoEncryption" },
        "CloudWatchLoggingOptions": {
            "Enabled": f.logging,
            "LogGroupName": format!("/aws/kinesisfirehose/{name}"),
            "LogStreamName": "DestinationDelivery",
        },
        "ProcessingConfiguration": { "Enabled": false },
        "DataFormatConversionConfiguration": { "Enabled": false },
    });
    if !f.prefix.is_empty() {
        dest["Prefix"] = json!(f.prefix);
    }
    if !f.error_prefix.is_empty() {
        dest["ErrorOutputPrefix"] = json!(f.error_prefix);
    }
    if f.encrypt {
        dest["EncryptionConfiguration"] =
            json!({ "KMSEncryptionConfig": { "AWSKMSKeyARN": f.kms_key.trim() } });
    }
    let mut body = json!({
        "DeliveryStreamName": name,
        "ExtendedS3DestinationConfiguration": dest,
    });
    if f.kinesis_source {
        let arn = sandbox.read(|sb| sb.arn("kinesis", &format!("stream/{}", f.stream)));
        body["DeliveryStreamType"] = json!("KinesisStreamAsSource");
        body["KinesisStreamSourceConfiguration"] =
            json!({ "KinesisStreamARN": arn, "RoleARN": role_arn });
    } else {
        body["DeliveryStreamType"] = json!("DirectPut");
    }
    sandbox
        .call("Firehose_20150804.CreateDeliveryStream", body)
        .map(|_: Value| ())
}

#[component]
pub fn FirehoseCreate(props: &FirehoseCreateProps) -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
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
    let preset = props.source.as_ref().map(|s| s.to_string());
    let form = {
        let preset = preset.clone();
        let first_bucket = buckets.first().cloned();
        use_state(move || Form {
            name: String::new(),
            kinesis_source: preset.is_some(),
            stream: preset.unwrap_or_default(),
            new_bucket: first_bucket.is_none(),
            bucket: first_bucket.unwrap_or_default(),
            prefix: String::new(),
            error_prefix: String::new(),
            size_mb: "5".into(),
            interval_s: "300".into(),
            compression: "UNCOMPRESSED".into(),
            encrypt: false,
            kms_key: String::new(),
            logging: true,
            new_role: true,
            role: String::new(),
        })
    };
    let step = use_state(|| 0usize);
    let problem = use_state(|| None::<String>);
    let error = use_state(|| None::<ApiError>);

    // Field editors: each returns a callback that changes one field of the form.
    let edit = |apply: fn(&mut Form, String)| {
        let (form, problem) = (form.clone(), problem.clone());
        Callback::from(move |e: InputEvent| {
            problem.set(None);
            let mut f = (*form).clone();
            apply(&mut f, input_value(&e));
            form.set(f);
        })
    };
    let choose = |apply: fn(&mut Form, String)| {
        let (form, problem) = (form.clone(), problem.clone());
        Callback::from(move |e: Event| {
            problem.set(None);
            let mut f = (*form).clone();
            apply(&mut f, select_value(&e));
            form.set(f);
        })
    };
    let flag = |apply: fn(&mut Form, bool), value: bool| {
        let (form, problem) = (form.clone(), problem.clone());
        Callback::from(move |_: Event| {
            problem.set(None);
            let mut f = (*form).clone();
            apply(&mut f, value);
            form.set(f);
        })
    };

    let go = |to: usize| {
        let (step, form, problem) = (step.clone(), form.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| {
            if to > *step {
                if let Err(p) = form.check(*step) {
                    problem.set(Some(p));
                    return;
                }
            }
            problem.set(None);
            step.set(to);
        })
    };
    let submit = {
        let (sandbox, form, error) = (sandbox.clone(), form.clone(), error.clone());
        Callback::from(move |_: MouseEvent| match create(&sandbox, &form) {
            Ok(()) => {
                error.set(None);
                if let Some(nav) = &navigator {
                    nav.push(&Route::FirehoseDetails {
                        name: form.name.trim().to_string(),
                    });
                }
            }
            Err(e) => error.set(Some(e)),
        })
    };

    let f = &*form;
    let body = match *step {
        0 => html! {
            <>
            <fieldset class="panel">
                <legend>{ "New delivery stream" }</legend>
                <p class="help">{ "Delivery streams load data, automatically and continuously, to the destinations that you specify." }</p>
                <label for="fh-name">{ "Delivery stream name" }</label>
                <input id="fh-name" type="text" value={f.name.clone()} oninput={edit(|f, v| f.name = v)}
                    aria-describedby="fh-name-help" autocomplete="off" />
                <p class="help" id="fh-name-help">{ "Acceptable characters are uppercase and lowercase letters, numbers, underscores, hyphens, and periods." }</p>
            </fieldset>
            <fieldset class="panel">
                <legend>{ "Choose a source" }</legend>
                <p class="help">{ "Choose how you would prefer to send records to the delivery stream." }</p>
                <div role="radiogroup" aria-label="Source" class="choices">
                    <label class="choice">
                        <input type="radio" name="fh-source" checked={!f.kinesis_source} onchange={flag(|f, v| f.kinesis_source = v, false)} />
                        <span><strong>{ "Direct PUT or other sources" }</strong>
                        { " — send records directly to the delivery stream (PutRecord, PutRecordBatch)." }</span>
                    </label>
                    <label class="choice">
                        <input type="radio" name="fh-source" checked={f.kinesis_source} onchange={flag(|f, v| f.kinesis_source = v, true)} />
                        <span><strong>{ "Kinesis Data Stream" }</strong>
                        { " — Firehose reads the data stream's shards, sharing their read limits with other consumers." }</span>
                    </label>
                </div>
                if f.kinesis_source {
                    if let Some(p) = &preset {
                        <p class="info" role="note">{ format!("You chose {p} in Kinesis Data Streams to be the source for this delivery stream. To use a different Kinesis Data Stream source, update your choice below.") }</p>
                    }
                    <label for="fh-stream">{ "Kinesis data stream" }</label>
                    <select id="fh-stream" onchange={choose(|f, v| f.stream = v)}>
                        <option value="" selected={f.stream.is_empty()}>{ "Choose a Kinesis data stream" }</option>
                        { for streams.iter().map(|s| html! {
                            <option value={s.clone()} selected={*s == f.stream}>{ s }</option>
                        }) }
                    </select>
                    <p class="help">{ "Server-side encryption for this source is set on the data stream itself." }</p>
                }
            </fieldset>
            </>
        },
        1 => html! {
            <fieldset class="panel">
                <legend>{ "Process records" }</legend>
                <p class="info" role="note">{ "Transforming records with AWS Lambda and converting their format are not available in the sandbox yet, so both stay disabled here." }</p>
                <h3>{ "Transform source records with AWS Lambda" }</h3>
                <div role="radiogroup" aria-label="Data transformation" class="choices">
                    <label class="choice"><input type="radio" name="fh-transform" checked=true /><span>{ "Disabled" }</span></label>
                    <label class="choice"><input type="radio" name="fh-transform" disabled=true /><span>{ "Enabled (not available yet)" }</span></label>
                </div>
                <h3>{ "Convert record format" }</h3>
                <p class="help">{ "Data in Apache Parquet or Apache ORC format is typically more efficient to query than JSON." }</p>
                <div role="radiogroup" aria-label="Record format conversion" class="choices">
                    <label class="choice"><input type="radio" name="fh-convert" checked=true /><span>{ "Disabled" }</span></label>
                    <label class="choice"><input type="radio" name="fh-convert" disabled=true /><span>{ "Enabled (not available yet)" }</span></label>
                </div>
            </fieldset>
        },
        2 => html! {
            <fieldset class="panel">
                <legend>{ "Destination" }</legend>
                <div role="radiogroup" aria-label="Destination" class="choices">
                    <label class="choice"><input type="radio" name="fh-dest" checked=true />
                        <span><strong>{ "Amazon S3" }</strong>{ " — object storage; Firehose writes one object per buffer delivered." }</span></label>
                    { for ["Amazon Redshift", "Amazon OpenSearch Service", "Splunk"].iter().map(|d| html! {
                        <label class="choice unavailable"><input type="radio" name="fh-dest" disabled=true />
                            <span><strong>{ *d }</strong>{ " — not available in the sandbox yet." }</span></label>
                    }) }
                </div>
            </fieldset>
        },
        3 => settings(f, &buckets, &roles, &sandbox, &edit, &choose, &flag),
        _ => review(f, &sandbox),
    };

    html! {
        <section class="page" aria-labelledby="fh-create-title">
            <p class="breadcrumb"><Link<Route> to={Route::Firehose}>{ "Amazon Data Firehose" }</Link<Route>>{ " › Create delivery stream" }</p>
            <h1 id="fh-create-title">{ "Create delivery stream" }</h1>
            <div class="wizard">
                <ol class="wizard-steps" aria-label="Steps">
                    { for STEPS.iter().enumerate().map(|(i, label)| html! {
                        <li aria-current={(i == *step).then_some("step")} class={classes!((i == *step).then_some("current"))}>
                            <span class="step-number">{ format!("Step {}", i + 1) }</span>{ *label }
                        </li>
                    }) }
                </ol>
                <div class="wizard-body">
                    <h2>{ format!("Step {}: {}", *step + 1, STEPS[*step]) }</h2>
                    { body }
                    if let Some(p) = &*problem {
                        <div class="api-error" role="alert"><p>{ p }</p></div>
                    }
                    if let Some(e) = &*error {
                        <ApiErrorAlert error={e.clone()} />
                    }
                    <div class="form-actions">
                        <Link<Route> to={Route::Firehose} classes="button-link">{ "Cancel" }</Link<Route>>
                        if *step > 0 {
                            <button type="button" onclick={go(*step - 1)}>{ "Previous" }</button>
                        }
                        if *step < 4 {
                            <button type="button" class="primary" onclick={go(*step + 1)}>{ "Next" }</button>
                        } else {
                            <button type="button" class="primary" onclick={submit}>{ "Create delivery stream" }</button>
                        }
                    </div>
                </div>
            </div>
        </section>
    }
}

type Edit<'a> = &'a dyn Fn(fn(&mut Form, String)) -> Callback<InputEvent>;
type Choose<'a> = &'a dyn Fn(fn(&mut Form, String)) -> Callback<Event>;
type Flag<'a> = &'a dyn Fn(fn(&mut Form, bool), bool) -> Callback<Event>;

fn settings(
    f: &Form,
    buckets: &[String],
    roles: &[String],
    sandbox: &SandboxHandle,
    edit: Edit,
    choose: Choose,
    flag: Flag,
) -> Html {
    let size_error = in_range(&f.size_mb, 1, 128, "buffer size", "MiB").err();
    let interval_error = in_range(&f.interval_s, 0, 900, "buffer interval", "seconds").err();
    let params = f.role_params(sandbox);
    let now = sandbox.read(|sb| sb.now().epoch_millis());
    html! {
        <>
        <fieldset class="panel">
            <legend>{ "S3 destination" }</legend>
            <div role="radiogroup" aria-label="S3 bucket" class="choices inline">
                <label class="choice"><input type="radio" name="fh-bucket-mode" checked={!f.new_bucket}
                    disabled={buckets.is_empty()} onchange={flag(|f, v| f.new_bucket = v, false)} /><span>{ "Choose an existing bucket" }</span></label>
                <label class="choice"><input type="radio" name="fh-bucket-mode" checked={f.new_bucket}
                    onchange={flag(|f, v| f.new_bucket = v, true)} /><span>{ "Create new" }</span></label>
            </div>
            if f.new_bucket {
                <label for="fh-new-bucket">{ "New bucket name" }</label>
                <input id="fh-new-bucket" type="text" value={f.bucket.clone()} oninput={edit(|f, v| f.bucket = v)}
                    aria-describedby="fh-new-bucket-help" autocomplete="off" />
                <p class="help" id="fh-new-bucket-help">{ "3–63 lowercase letters, numbers, periods and hyphens; created when you create the delivery stream." }</p>
            } else {
                <label for="fh-bucket">{ "S3 bucket" }</label>
                <select id="fh-bucket" onchange={choose(|f, v| f.bucket = v)}>
                    { for buckets.iter().map(|b| html! { <option value={b.clone()} selected={*b == f.bucket}>{ b }</option> }) }
                </select>
            }
            <label for="fh-prefix">{ "S3 bucket prefix - optional" }</label>
            <input id="fh-prefix" type="text" value={f.prefix.clone()} oninput={edit(|f, v| f.prefix = v)} aria-describedby="fh-prefix-help" />
            <p class="help" id="fh-prefix-help">{ "Left empty, objects go under YYYY/MM/DD/HH/ (UTC). Expressions like !{timestamp:yyyy/MM/dd/} are allowed; a prefix with expressions needs an error prefix too." }</p>
            <label for="fh-error-prefix">{ "S3 bucket error output prefix - optional" }</label>
            <input id="fh-error-prefix" type="text" value={f.error_prefix.clone()} oninput={edit(|f, v| f.error_prefix = v)} />
        </fieldset>
        <fieldset class="panel">
            <legend>{ "Buffer hints" }</legend>
            <p class="help">{ "Firehose buffers incoming records before delivering them to your S3 bucket. Record delivery is triggered once either of these conditions has been satisfied." }</p>
            <label for="fh-size">{ "Buffer size (MiB)" }</label>
            <input id="fh-size" type="number" min="1" max="128" value={f.size_mb.clone()} oninput={edit(|f, v| f.size_mb = v)}
                aria-describedby="fh-size-help" aria-invalid={size_error.is_some().to_string()} />
            <p class={classes!("help", size_error.is_some().then_some("invalid"))} id="fh-size-help">{ size_error.clone().unwrap_or_else(|| "Enter a buffer size between 1-128 MiB".into()) }</p>
            <label for="fh-interval">{ "Buffer interval (seconds)" }</label>
            <input id="fh-interval" type="number" min="0" max="900" value={f.interval_s.clone()} oninput={edit(|f, v| f.interval_s = v)}
                aria-describedby="fh-interval-help" aria-invalid={interval_error.is_some().to_string()} />
            <p class={classes!("help", interval_error.is_some().then_some("invalid"))} id="fh-interval-help">{ interval_error.clone().unwrap_or_else(|| "Enter a buffer interval between 0-900 seconds".into()) }</p>
            <p class="era-note">{ "Exam-era (2020) console: 60–900 seconds. Today: 0–900 seconds (0 delivers as soon as possible)." }</p>
        </fieldset>
        <fieldset class="panel">
            <legend>{ "S3 compression and encryption" }</legend>
            <label for="fh-compression">{ "S3 compression" }</label>
            <select id="fh-compression" onchange={choose(|f, v| f.compression = v)}>
                { for COMPRESSIONS.iter().map(|(v, label)| html! { <option value={*v} selected={f.compression == *v}>{ *label }</option> }) }
            </select>
            <div role="radiogroup" aria-label="S3 encryption" class="choices inline">
                <label class="choice"><input type="radio" name="fh-encrypt" checked={!f.encrypt} onchange={flag(|f, v| f.encrypt = v, false)} /><span>{ "Disabled" }</span></label>
                <label class="choice"><input type="radio" name="fh-encrypt" checked={f.encrypt} onchange={flag(|f, v| f.encrypt = v, true)} /><span>{ "Enabled (AWS KMS key)" }</span></label>
            </div>
            if f.encrypt {
                <label for="fh-kms">{ "KMS key ARN" }</label>
                <input id="fh-kms" type="text" value={f.kms_key.clone()} oninput={edit(|f, v| f.kms_key = v)} />
            }
            <p class="help">{ "Without a KMS key, S3 still encrypts every new object with S3-managed keys (SSE-S3), its default since January 2023." }</p>
        </fieldset>
        <fieldset class="panel">
            <legend>{ "Error logging" }</legend>
            <p class="help">{ "Firehose can log record delivery errors to CloudWatch Logs, in the log group /aws/kinesisfirehose/<name>." }</p>
            <div role="radiogroup" aria-label="Error logging" class="choices inline">
                <label class="choice"><input type="radio" name="fh-logging" checked={!f.logging} onchange={flag(|f, v| f.logging = v, false)} /><span>{ "Disabled" }</span></label>
                <label class="choice"><input type="radio" name="fh-logging" checked={f.logging} onchange={flag(|f, v| f.logging = v, true)} /><span>{ "Enabled" }</span></label>
            </div>
        </fieldset>
        <fieldset class="panel">
            <legend>{ "Permissions" }</legend>
            <div role="radiogroup" aria-label="IAM role" class="choices inline">
                <label class="choice"><input type="radio" name="fh-role" checked={f.new_role} onchange={flag(|f, v| f.new_role = v, true)} /><span>{ "Create new" }</span></label>
                <label class="choice"><input type="radio" name="fh-role" checked={!f.new_role} disabled={roles.is_empty()} onchange={flag(|f, v| f.new_role = v, false)} /><span>{ "Choose existing role" }</span></label>
            </div>
            if f.new_role {
                <p>{ "Role name: " }<code>{ new_role_name(&params, now) }</code></p>
                <p class="help">{ format!("Firehose assumes this role (path {}) to read the source and write to the bucket. Its inline policy is {}.", delivery_role::ROLE_PATH, delivery_role::policy_name(&params)) }</p>
                <details class="policy-document">
                    <summary>{ "View policy document" }</summary>
                    <pre aria-label="Policy document">{ delivery_role::permissions_policy(&params) }</pre>
                </details>
            } else {
                <label for="fh-role-existing">{ "Existing IAM role" }</label>
                <select id="fh-role-existing" onchange={choose(|f, v| f.role = v)}>
                    <option value="" selected={f.role.is_empty()}>{ "Choose a role" }</option>
                    { for roles.iter().map(|r| html! { <option value={r.clone()} selected={*r == f.role}>{ r }</option> }) }
                </select>
            }
        </fieldset>
        </>
    }
}

fn review(f: &Form, sandbox: &SandboxHandle) -> Html {
    let params = f.role_params(sandbox);
    let now = sandbox.read(|sb| sb.now().epoch_millis());
    let rows: Vec<(&str, String)> = vec![
        ("Delivery stream name", f.name.trim().to_string()),
        (
            "Source",
            if f.kinesis_source {
                format!("Kinesis data stream {}", f.stream)
            } else {
                "Direct PUT".into()
            },
        ),
        ("Data transformation", "Disabled".into()),
        ("Record format conversion", "Disabled".into()),
        ("Destination", "Amazon S3".into()),
        (
            "S3 bucket",
            format!(
                "{}{}",
                f.bucket.trim(),
                if f.new_bucket { " (new)" } else { "" }
            ),
        ),
        (
            "Prefix",
            if f.prefix.is_empty() {
                "YYYY/MM/DD/HH/ (default)".into()
            } else {
                f.prefix.clone()
            },
        ),
        ("Buffer size", format!("{} MiB", f.size_mb.trim())),
        (
            "Buffer interval",
            format!("{} seconds", f.interval_s.trim()),
        ),
        (
            "S3 compression",
            COMPRESSIONS
                .iter()
                .find(|c| c.0 == f.compression)
                .map(|c| c.1)
                .unwrap_or("Disabled")
                .to_string(),
        ),
        (
            "S3 encryption",
            if f.encrypt {
                format!("AWS KMS key {}", f.kms_key.trim())
            } else {
                "Disabled".into()
            },
        ),
        (
            "Error logging",
            if f.logging { "Enabled" } else { "Disabled" }.into(),
        ),
        (
            "IAM role",
            if f.new_role {
                format!("{} (new)", new_role_name(&params, now))
            } else {
                f.role.clone()
            },
        ),
    ];
    html! {
        <div class="panel">
            <dl class="review">
                { for rows.into_iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }
            </dl>
        </div>
    }
}
