//! Extract images, in Media playback: GetImages for the newest seconds of the stream, its
//! frames decoded by the browser (`host::video_frames`), shown as a grid with their
//! timestamps, and saved to an S3 bucket with PutObject so they open in the S3 browser.

use super::input_value;
use crate::engine::video::images::ImageFormat;
use crate::engine::ApiError;
use crate::forms::video::{image_key, image_time_text, ExtractImages};
use crate::host::video_frames;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::{use_sandbox, SandboxHandle};
use crate::ui::Route;
use base64::Engine as _;
use serde_json::{json, Value};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// How far back Extract images may look: (seconds, label). GetImages takes at most 300 s.
const WINDOWS: [(i64, &str); 4] = [
    (10, "Last 10 seconds"),
    (30, "Last 30 seconds"),
    (60, "Last minute"),
    (300, "Last 5 minutes"),
];
/// The most images one extraction shows (MaxResults; four pages of 25).
const MAX_IMAGES: usize = 100;

/// One sampled timestamp: its image (an object URL and the bytes), or GetImages' error.
#[derive(Clone, PartialEq)]
struct Shot {
    timestamp_ms: i64,
    image: Option<(String, Vec<u8>)>,
    error: Option<String>,
}

#[derive(Clone, PartialEq)]
enum Extracted {
    Working,
    Done {
        shots: Rc<Vec<Shot>>,
        format: ImageFormat,
    },
    Error(ApiError),
}

/// What Save to S3 did.
#[derive(Clone, PartialEq)]
enum Saved {
    Done { bucket: String, count: usize },
    Error(ApiError),
}

fn object_url(bytes: &[u8], content_type: &str) -> Option<String> {
    let array = js_sys::Uint8Array::from(bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(
        &js_sys::Array::of1(&array),
        &options,
    )
    .ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// The shots of one GetImages answer.
fn shots_of(answer: &Value, format: ImageFormat) -> Vec<Shot> {
    let b64 = base64::engine::general_purpose::STANDARD;
    answer["Images"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|i| {
            let timestamp_ms =
                (i["TimeStamp"].as_f64().unwrap_or_default() * 1000.0).round() as i64;
            let image = i["ImageContent"]
                .as_str()
                .and_then(|c| b64.decode(c).ok())
                .and_then(|bytes| object_url(&bytes, format.media_type()).map(|u| (u, bytes)));
            Shot {
                timestamp_ms,
                error: image
                    .is_none()
                    .then(|| i["Error"].as_str().unwrap_or("MEDIA_ERROR").to_string()),
                image,
            }
        })
        .collect()
}

/// GetImages page after page (up to [`MAX_IMAGES`]), each page's frames decoded in turn.
async fn extract(sandbox: SandboxHandle, mut body: Value) -> Extracted {
    let mut shots = Vec::new();
    let mut format;
    loop {
        let prepared = sandbox.inspect(|sb| sb.video_prepare_images(body.clone()));
        let plan = match prepared {
            Ok(plan) => plan,
            Err(e) => {
                sandbox.update(|_| {});
                return Extracted::Error(e);
            }
        };
        format = plan.spec.format;
        let wanted: Vec<_> = plan
            .wanted()
            .map(|(_, file, offset)| (file.clone(), offset))
            .collect();
        let mut frames = Vec::with_capacity(wanted.len());
        for (file, offset) in &wanted {
            frames.push(video_frames::decode(file, *offset, &plan.spec).await);
        }
        let mut answer = Value::Null;
        sandbox.update(|sb| answer = sb.video_finish_images(&plan, &frames));
        shots.extend(shots_of(&answer, format));
        match answer["NextToken"].as_str() {
            Some(token) if shots.len() < MAX_IMAGES => body["NextToken"] = json!(token),
            _ => break,
        }
    }
    Extracted::Done {
        shots: Rc::new(shots),
        format,
    }
}

/// Each image as an object of `bucket`, through PutObject.
fn save(
    sandbox: &SandboxHandle,
    bucket: &str,
    prefix: &str,
    stream: &str,
    shots: &[Shot],
    format: ImageFormat,
) -> Saved {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut count = 0;
    for shot in shots {
        let Some((_, bytes)) = &shot.image else {
            continue;
        };
        let body = json!({
            "Bucket": bucket,
            "Key": image_key(prefix, stream, shot.timestamp_ms, format.extension()),
            "Body": b64.encode(bytes),
            "ContentType": format.media_type(),
        });
        if let Err(e) = sandbox.call("S3.PutObject", body) {
            return Saved::Error(e);
        }
        count += 1;
    }
    Saved::Done {
        bucket: bucket.to_string(),
        count,
    }
}

#[derive(Properties, PartialEq)]
pub struct ExtractImagesPanelProps {
    pub name: String,
}

/// The Extract images part of Media playback.
#[component]
pub fn ExtractImagesPanel(props: &ExtractImagesPanelProps) -> Html {
    let sandbox = use_sandbox();
    let form = use_state(ExtractImages::default);
    let extracted = use_state(|| None::<Extracted>);
    let saved = use_state(|| None::<Saved>);
    let buckets: Vec<String> =
        sandbox.read(|sb| sb.s3().bucket_names().map(str::to_string).collect());
    let bucket = use_state(String::new);
    let prefix = use_state(|| "images/".to_string());
    // The object URLs go when the images do.
    {
        let urls: Vec<String> = match &*extracted {
            Some(Extracted::Done { shots, .. }) => shots
                .iter()
                .filter_map(|s| s.image.as_ref().map(|(u, _)| u.clone()))
                .collect(),
            _ => Vec::new(),
        };
        use_effect_with(urls, |urls| {
            let urls = urls.clone();
            move || {
                for u in urls {
                    let _ = web_sys::Url::revoke_object_url(&u);
                }
            }
        });
    }
    let newest_end = sandbox.read(|sb| {
        sb.video().stream(&props.name).and_then(|s| {
            s.newest_fragments(1)
                .next()
                .map(|f| f.producer_ms + f.duration_ms)
        })
    });
    let run = {
        let (sandbox, form, extracted, saved) = (
            sandbox.clone(),
            form.clone(),
            extracted.clone(),
            saved.clone(),
        );
        let name = props.name.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(end) = newest_end else {
                return;
            };
            let body = form.request(&name, end);
            extracted.set(Some(Extracted::Working));
            saved.set(None);
            let (sandbox, extracted) = (sandbox.clone(), extracted.clone());
            wasm_bindgen_futures::spawn_local(async move {
                extracted.set(Some(extract(sandbox, body).await));
            });
        })
    };
    let edit = |change: fn(&mut ExtractImages, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            change(&mut next, input_value(&e));
            form.set(next);
        })
    };
    let choose = |change: fn(&mut ExtractImages, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            change(
                &mut next,
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            );
            form.set(next);
        })
    };
    let chosen_bucket = if bucket.is_empty() {
        buckets.first().cloned().unwrap_or_default()
    } else {
        (*bucket).clone()
    };
    let save_click = {
        let (sandbox, extracted, saved) = (sandbox.clone(), extracted.clone(), saved.clone());
        let (bucket, prefix, name) = (chosen_bucket.clone(), (*prefix).clone(), props.name.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(Extracted::Done { shots, format }) = &*extracted {
                saved.set(Some(save(
                    &sandbox, &bucket, &prefix, &name, shots, *format,
                )));
            }
        })
    };
    let pick_bucket = {
        let bucket = bucket.clone();
        Callback::from(move |e: Event| {
            bucket.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    let edit_prefix = {
        let prefix = prefix.clone();
        Callback::from(move |e: InputEvent| prefix.set(input_value(&e)))
    };
    let working = matches!(&*extracted, Some(Extracted::Working));
    html! {
        <div role="group" aria-labelledby="video-images-title">
            <h3 id="video-images-title">{ "Extract images" }</h3>
            <p class="help">{ "Extract images calls GetImages: one image every sampling interval (at least 200 ms) in a range of at most 300 seconds, as JPEG or PNG, at the size you choose (with one side given, the other keeps the frame's aspect ratio). A timestamp no fragment holds answers NO_MEDIA. On AWS the stream must be H.264 or H.265; here the browser decodes the WebM fragments itself. Images for machine learning usually go to S3, as a training set or for a model to read." }</p>
            <div class="inline-form">
                <label for="video-images-range">{ "Time range" }</label>
                <select id="video-images-range" onchange={choose(|f, v| f.window_s = v.parse().unwrap_or(10))}>
                    { for WINDOWS.iter().map(|(s, label)| html! {
                        <option value={s.to_string()} selected={*s == form.window_s}>{ *label }</option>
                    }) }
                </select>
                <label for="video-images-interval">{ "Sampling interval (ms)" }</label>
                <input id="video-images-interval" type="number" min="200" step="100" value={form.interval.clone()}
                    oninput={edit(|f, v| f.interval = v)} />
                <label for="video-images-format">{ "Image format" }</label>
                <select id="video-images-format" onchange={choose(|f, v| f.format = v)}>
                    <option value="JPEG" selected={form.format == "JPEG"}>{ "JPEG" }</option>
                    <option value="PNG" selected={form.format == "PNG"}>{ "PNG" }</option>
                </select>
                if form.format == "JPEG" {
                    <label for="video-images-quality">{ "JPEG quality" }</label>
                    <input id="video-images-quality" type="number" min="1" max="100" value={form.quality.clone()}
                        oninput={edit(|f, v| f.quality = v)} />
                }
                <label for="video-images-width">{ "Width (pixels)" }</label>
                <input id="video-images-width" type="number" min="1" max="3840" value={form.width.clone()}
                    oninput={edit(|f, v| f.width = v)} />
                <label for="video-images-height">{ "Height (pixels)" }</label>
                <input id="video-images-height" type="number" min="1" max="2160" value={form.height.clone()}
                    oninput={edit(|f, v| f.height = v)} />
            </div>
            <div class="form-actions">
                <button type="button" onclick={run} disabled={working || newest_end.is_none()}>{ "Extract images" }</button>
            </div>
            if newest_end.is_none() {
                <p class="info" role="status">{ "There are no fragments to take images from yet." }</p>
            }
            { match &*extracted {
                None => html! {},
                Some(Extracted::Working) => html! { <p role="status">{ "Decoding frames…" }</p> },
                Some(Extracted::Error(e)) => html! { <ApiErrorAlert error={e.clone()} /> },
                Some(Extracted::Done { shots, .. }) => {
                    let made = shots.iter().filter(|s| s.image.is_some()).count();
                    html! {
                    <>
                    <p role="status">{ format!("GetImages answered {} timestamp{}: {made} image{}.",
                        shots.len(), if shots.len() == 1 { "" } else { "s" }, if made == 1 { "" } else { "s" }) }</p>
                    <ul aria-label="Extracted images" style="display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:0.5rem;list-style:none;padding:0">
                        { for shots.iter().map(|s| {
                            let time = image_time_text(s.timestamp_ms);
                            html! {
                                <li>
                                    <figure style="margin:0">
                                        { match (&s.image, &s.error) {
                                            (Some((url, _)), _) => html! { <img src={url.clone()} alt={time.clone()} style="max-width:100%;height:auto;display:block" /> },
                                            (None, e) => html! { <div class="help" style="border:1px dashed;padding:1rem;text-align:center">{ e.clone().unwrap_or_default() }</div> },
                                        } }
                                        <figcaption class="help">{ time }</figcaption>
                                    </figure>
                                </li>
                            }
                        }) }
                    </ul>
                    if made > 0 {
                        if buckets.is_empty() {
                            <p class="info">{ "Create an S3 bucket to save the images to." }</p>
                        } else {
                            <div class="inline-form">
                                <label for="video-images-bucket">{ "S3 bucket" }</label>
                                <select id="video-images-bucket" onchange={pick_bucket}>
                                    { for buckets.iter().map(|b| html! {
                                        <option value={b.clone()} selected={*b == chosen_bucket}>{ b }</option>
                                    }) }
                                </select>
                                <label for="video-images-prefix">{ "Key prefix" }</label>
                                <input id="video-images-prefix" value={(*prefix).clone()} oninput={edit_prefix} />
                            </div>
                            <div class="form-actions">
                                <button type="button" onclick={save_click}>{ "Save to S3" }</button>
                            </div>
                        }
                    }
                    </>
                    }
                }
            } }
            { match &*saved {
                None => html! {},
                Some(Saved::Error(e)) => html! { <ApiErrorAlert error={e.clone()} /> },
                Some(Saved::Done { bucket, count }) => html! {
                    <p class="info" role="status">
                        { format!("PutObject saved {count} image{} in ", if *count == 1 { "" } else { "s" }) }
                        <Link<Route> to={Route::S3Bucket { bucket: bucket.clone() }}>{ bucket }</Link<Route>>
                        { "." }
                    </p>
                },
            } }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ImageGenerationPanelProps {
    pub name: String,
}

/// Image generation: the stream's configuration (DescribeImageGenerationConfiguration), and
/// a form to set, turn off or delete it (UpdateImageGenerationConfiguration).
#[component]
pub fn ImageGenerationPanel(props: &ImageGenerationPanelProps) -> Html {
    let sandbox = use_sandbox();
    let error = use_state(|| None::<ApiError>);
    let uri = use_state(|| "s3://".to_string());
    let interval = use_state(|| "3000".to_string());
    let format = use_state(|| "JPEG".to_string());
    let current = sandbox.read(|sb| {
        sb.video()
            .stream(&props.name)
            .and_then(|s| s.image_generation().cloned())
    });
    let region = sandbox.read(|sb| sb.config().region.clone());
    let send = |status: Option<&'static str>| {
        let (sandbox, error, name) = (sandbox.clone(), error.clone(), props.name.clone());
        let (uri, interval, format, region) = (
            (*uri).clone(),
            (*interval).clone(),
            (*format).clone(),
            region.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let mut body = json!({ "StreamName": name });
            if let Some(status) = status {
                body["ImageGenerationConfiguration"] = json!({
                    "Status": status,
                    "ImageSelectorType": "PRODUCER_TIMESTAMP",
                    "DestinationConfig": { "Uri": uri, "DestinationRegion": region },
                    "SamplingInterval": crate::forms::integer_or_text(&interval),
                    "Format": format,
                });
            }
            error.set(
                sandbox
                    .call("KinesisVideo.UpdateImageGenerationConfiguration", body)
                    .err(),
            );
        })
    };
    let edit = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(input_value(&e)))
    };
    let pick_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            format.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    html! {
        <div class="panel" role="region" aria-labelledby="video-image-generation-title">
            <h2 id="video-image-generation-title">{ "Image generation" }</h2>
            <p class="help">{ "With image generation ENABLED, Kinesis Video Streams takes an image from the stream every sampling interval (3,000 to 20,000 ms) and puts it in an S3 bucket of the stream's Region. On AWS only fragments the Producer SDK tagged for image generation are used; the browser's producer sends no tags, so here every new fragment is. The page decodes the images as time passes, whichever page is open." }</p>
            { match &current {
                None => html! { <p>{ "Image generation is not configured." }</p> },
                Some(c) => html! {
                    <dl class="details">
                        <dt>{ "Status" }</dt><dd>{ if c.enabled { "ENABLED" } else { "DISABLED" } }</dd>
                        <dt>{ "Destination" }</dt><dd><code>{ &c.uri }</code>{ format!(" ({})", c.region) }</dd>
                        <dt>{ "Sampling interval" }</dt><dd>{ format!("{} ms", c.interval_ms) }</dd>
                        <dt>{ "Image format" }</dt><dd>{ &c.format }</dd>
                    </dl>
                },
            } }
            <div class="inline-form">
                <label for="video-gen-uri">{ "Destination S3 URI" }</label>
                <input id="video-gen-uri" value={(*uri).clone()} oninput={edit(&uri)} placeholder="s3://bucket/prefix" />
                <label for="video-gen-interval">{ "Sampling interval (ms)" }</label>
                <input id="video-gen-interval" type="number" min="3000" max="20000" value={(*interval).clone()} oninput={edit(&interval)} />
                <label for="video-gen-format">{ "Image format" }</label>
                <select id="video-gen-format" onchange={pick_format}>
                    <option value="JPEG" selected={*format == "JPEG"}>{ "JPEG" }</option>
                    <option value="PNG" selected={*format == "PNG"}>{ "PNG" }</option>
                </select>
            </div>
            <div class="form-actions">
                <button type="button" onclick={send(Some("ENABLED"))}>{ "Turn on image generation" }</button>
                <button type="button" onclick={send(Some("DISABLED"))}>{ "Turn off" }</button>
                <button type="button" onclick={send(None)}>{ "Delete configuration" }</button>
            </div>
            if let Some(e) = &*error { <ApiErrorAlert error={e.clone()} /> }
        </div>
    }
}
