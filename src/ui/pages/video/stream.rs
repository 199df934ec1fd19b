//! One video stream: its details, Edit data retention, Delete, the Media producer, its
//! fragments (ListFragments) and Media playback (GetMediaForFragmentList into a `<video>`).

use super::file_producer::FileProducer;
use super::input_value;
use super::producer::MediaProducer;
use crate::engine::{ApiError, SimTime};
use crate::forms::integer_or_text;
use crate::forms::video::{
    playable, retention_meaning, retention_text, short_number, update_retention_request,
};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::components::confirm::{set_to, Confirm};
use crate::ui::context::{use_sandbox, SandboxHandle};
use crate::ui::pages::firehose::time_text;
use crate::ui::Route;
use base64::Engine as _;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use yew::prelude::*;
use yew_router::prelude::*;

/// The most fragments Media playback asks for (the newest ones).
const PLAY_FRAGMENTS: usize = 120;
/// How far back from the newest fragment Media playback lists fragments: (seconds, label).
const PLAY_WINDOWS: [(u32, &str); 4] = [
    (60, "Last minute"),
    (300, "Last 5 minutes"),
    (3600, "Last hour"),
    (86_400, "Last 24 hours"),
];

#[derive(Clone, PartialEq)]
struct Details {
    name: String,
    arn: String,
    status: &'static str,
    version: String,
    retention: i64,
    media_type: Option<String>,
    kms_key_id: String,
    created: SimTime,
    tags: BTreeMap<String, String>,
    receiving: bool,
}

#[derive(Properties, PartialEq)]
pub struct VideoStreamPageProps {
    pub name: AttrValue,
}

#[component]
pub fn VideoStreamPage(props: &VideoStreamPageProps) -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let asking = use_state(|| false);
    let delete_error = use_state(|| None::<ApiError>);
    let found = sandbox.read(|sb| {
        sb.video().stream(&props.name).map(|s| Details {
            name: s.name.clone(),
            arn: s.arn.clone(),
            status: s.status.as_str(),
            version: s.version.clone(),
            retention: s.retention_hours,
            media_type: s.media_type.clone(),
            kms_key_id: s.kms_key_id.clone(),
            created: s.created,
            tags: s.tags.clone(),
            receiving: s.is_receiving(),
        })
    });
    let Some(d) = found else {
        return html! {
            <section class="page" aria-labelledby="missing-title">
                <p class="breadcrumb"><Link<Route> to={Route::VideoStreams}>{ "Video streams" }</Link<Route>></p>
                <h1 id="missing-title">{ "Video stream not found" }</h1>
                <p>{ format!("The video stream {} does not exist (or was deleted).", props.name) }</p>
                <p><Link<Route> to={Route::VideoStreams}>{ "Back to video streams" }</Link<Route>></p>
            </section>
        };
    };
    let confirm_delete = {
        let (sandbox, asking, delete_error) =
            (sandbox.clone(), asking.clone(), delete_error.clone());
        let (arn, version, navigator) = (d.arn.clone(), d.version.clone(), navigator.clone());
        Callback::from(move |_: MouseEvent| {
            asking.set(false);
            let body = json!({ "StreamARN": arn, "CurrentVersion": version });
            match sandbox.call("KinesisVideo.DeleteStream", body) {
                Ok(_) => {
                    if let Some(nav) = &navigator {
                        nav.push(&Route::VideoStreams);
                    }
                }
                Err(e) => delete_error.set(Some(e)),
            }
        })
    };
    let active = matches!(d.status, "ACTIVE" | "UPDATING");
    html! {
        <section class="page" aria-labelledby="video-stream-title">
            <p class="breadcrumb">
                { "Kinesis Video Streams › " }
                <Link<Route> to={Route::VideoStreams}>{ "Video streams" }</Link<Route>>{ format!(" › {}", d.name) }
            </p>
            <div class="page-header">
                <h1 id="video-stream-title">{ &d.name }</h1>
                <button type="button" class="danger" onclick={set_to(&asking, true)}>{ "Delete video stream" }</button>
            </div>
            if let Some(e) = &*delete_error { <ApiErrorAlert error={e.clone()} /> }
            if *asking {
                <Confirm id="video-delete-title" title={format!("Delete {}?", d.name)}
                    text="Deleting a video stream deletes all its media: its fragments can no longer be listed or played back. A producer still sending to it gets error 4008."
                    confirm="Delete" danger=true
                    on_cancel={set_to(&asking, false)} on_confirm={confirm_delete} />
            }
            <div class="panel" role="region" aria-label="Video stream info">
                <h2>{ "Video stream info" }</h2>
                <dl class="details">
                    <dt>{ "Video stream ARN" }</dt><dd><code class="arn">{ &d.arn }</code></dd>
                    <dt>{ "Status" }</dt>
                    <dd><span class={classes!("status", d.status.to_lowercase())}>{ d.status }</span></dd>
                    <dt>{ "Version" }</dt><dd><code>{ &d.version }</code></dd>
                    <dt>{ "Data retention period" }</dt><dd>{ retention_text(d.retention) }</dd>
                    <dt>{ "Media type" }</dt><dd>{ d.media_type.clone().unwrap_or_else(|| "-".to_string()) }</dd>
                    <dt>{ "KMS key" }</dt><dd><code class="arn">{ &d.kms_key_id }</code></dd>
                    <dt>{ "Creation time" }</dt><dd>{ time_text(d.created) }</dd>
                    <dt>{ "Tags" }</dt>
                    <dd>
                        if d.tags.is_empty() { { "-" } }
                        { for d.tags.iter().map(|(k, v)| html! { <><code>{ format!("{k}={v}") }</code>{ " " }</> }) }
                    </dd>
                </dl>
                <p class="help">{ retention_meaning(d.retention) }</p>
                if !active {
                    <p class="info" role="status">{ format!("The stream is {}: it takes media once it is ACTIVE.", d.status) }</p>
                }
            </div>
            <EditRetention name={d.name.clone()} version={d.version.clone()} current={d.retention} />
            <MediaProducer name={d.name.clone()} {active} />
            <FileProducer name={d.name.clone()} {active} />
            <Fragments name={d.name.clone()} {active} receiving={d.receiving} />
            <Playback name={d.name.clone()} />
            <super::images::ImageGenerationPanel name={d.name.clone()} />
            <StreamingSessions name={d.name.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct EditRetentionProps {
    name: String,
    version: String,
    current: i64,
}

/// Edit data retention: the new period; UpdateDataRetention gets the change.
#[component]
fn EditRetention(props: &EditRetentionProps) -> Html {
    let sandbox = use_sandbox();
    let hours = use_state(|| props.current.to_string());
    let answer = use_state(|| None::<Result<String, ApiError>>);
    let oninput = {
        let hours = hours.clone();
        Callback::from(move |e: InputEvent| hours.set(input_value(&e)))
    };
    let onsubmit = {
        let (sandbox, hours, answer) = (sandbox.clone(), hours.clone(), answer.clone());
        let (name, version, current) = (props.name.clone(), props.version.clone(), props.current);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let target = integer_or_text(&hours);
            let Some(request) = update_retention_request(&name, &version, current, target) else {
                answer.set(Some(Ok(
                    "The data retention period is unchanged.".to_string()
                )));
                return;
            };
            let change = format!(
                "{} by {} hours",
                request.body["Operation"].as_str().unwrap_or_default(),
                request.body["DataRetentionChangeInHours"]
            );
            answer.set(Some(
                sandbox
                    .send(request)
                    .map(|_| format!("UpdateDataRetention: {change}.")),
            ));
        })
    };
    html! {
        <form class="panel" aria-labelledby="video-retention-title" {onsubmit}>
            <h2 id="video-retention-title">{ "Edit data retention" }</h2>
            <p class="help">{ "The API changes retention relatively: UpdateDataRetention takes INCREASE_DATA_RETENTION or DECREASE_DATA_RETENTION and a change in hours, with the stream's current version. A decrease applies to fragments already stored too. 0 means no data retention; the maximum is 87,600 hours (10 years)." }</p>
            <div class="inline-form">
                <label for="video-edit-retention">{ "Data retention period (hours)" }</label>
                <input id="video-edit-retention" type="number" min="0" max="87600" value={(*hours).clone()} {oninput} />
                <button type="submit" class="primary">{ "Save changes" }</button>
            </div>
            if let Some(Ok(text)) = &*answer { <p class="info" role="status">{ text }</p> }
            if let Some(Err(e)) = &*answer { <ApiErrorAlert error={e.clone()} /> }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct FragmentsProps {
    name: String,
    active: bool,
    receiving: bool,
}

/// The newest fragments shown in the table.
const SHOWN_FRAGMENTS: usize = 100;

/// One row of the fragments table: what ListFragments says of a fragment.
#[derive(Clone, PartialEq)]
struct FragmentRow {
    number: String,
    producer_ms: i64,
    server: SimTime,
    size: usize,
    duration_ms: i64,
}

/// The stream's fragments, newest first, with ListFragments' fields, read again whenever the
/// sandbox changes. With no data retention ListFragments is refused: its error is shown.
#[component]
fn Fragments(props: &FragmentsProps) -> Html {
    let sandbox = use_sandbox();
    if !props.active {
        return html! {};
    }
    // Whether ListFragments answers (read-only, and not a learner's call: no entry in the
    // event history). The rows come from the same fragments, newest first.
    let refused = sandbox
        .inspect(|sb| {
            sb.inspect(
                "KinesisVideoArchivedMedia.ListFragments",
                json!({ "StreamName": props.name, "MaxResults": 1 }),
            )
        })
        .err();
    let (count, rows): (usize, Vec<FragmentRow>) = sandbox.read(|sb| {
        sb.video().stream(&props.name).map_or((0, Vec::new()), |s| {
            let rows = s
                .newest_fragments(SHOWN_FRAGMENTS)
                .map(|f| FragmentRow {
                    number: f.number.clone(),
                    producer_ms: f.producer_ms,
                    server: f.server,
                    size: f.size(),
                    duration_ms: f.duration_ms,
                })
                .collect();
            (s.fragment_count(), rows)
        })
    });
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let open = if props.receiving {
        " · a PutMedia connection is open"
    } else {
        ""
    };
    let body = match refused {
        Some(e) => html! {
            <>
            <ApiErrorAlert error={e} />
            <p class="help" role="status">{ format!("{count} fragment{} in the 5-minute buffer, readable live with GetMedia only{open}", plural(count)) }</p>
            </>
        },
        None => html! {
            <>
            <p class="help" role="status">{ format!("{count} fragment{}{}{open}", plural(count),
                if count > SHOWN_FRAGMENTS { format!(" (the newest {SHOWN_FRAGMENTS} shown)") } else { String::new() }) }</p>
            <div class="video-scroll">
            <table class="resource-table">
                <caption class="visually-hidden">{ "Fragments of this video stream, newest first" }</caption>
                <thead><tr>
                    <th scope="col">{ "Fragment number" }</th>
                    <th scope="col">{ "Producer timestamp" }</th>
                    <th scope="col">{ "Server timestamp" }</th>
                    <th scope="col">{ "Size (bytes)" }</th>
                    <th scope="col">{ "Duration (ms)" }</th>
                </tr></thead>
                <tbody>
                    if rows.is_empty() {
                        <tr><td colspan="5" class="empty">{ "No fragments yet: start the webcam or send the test pattern." }</td></tr>
                    }
                    { for rows.iter().map(|f| html! {
                        <tr>
                            <td><code title={f.number.clone()}>{ short_number(&f.number) }</code></td>
                            <td>{ millis_text(f.producer_ms) }</td>
                            <td>{ millis_text(f.server.epoch_millis()) }</td>
                            <td>{ f.size }</td>
                            <td>{ f.duration_ms }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            </>
        },
    };
    html! {
        <div class="panel" role="region" aria-labelledby="video-fragments-title">
            <h2 id="video-fragments-title">{ "Fragments" }</h2>
            <p class="help">{ "Each fragment is one Matroska cluster the producer sent: a self-contained piece of media with a fragment number, the producer's and the service's timestamps. ListFragments lists them (oldest first, 1,000 at most per call)." }</p>
            { body }
        </div>
    }
}

/// A timestamp (epoch milliseconds) as the console shows it, to the millisecond.
fn millis_text(ms: i64) -> String {
    SimTime::from_millis(ms)
        .to_datetime()
        .format("%Y-%m-%d %H:%M:%S%.3f UTC")
        .to_string()
}

/// What Media playback shows: a video's object URL, or AWS's error.
#[derive(Clone, PartialEq)]
enum Played {
    Video {
        url: String,
        fragments: usize,
        api: &'static str,
    },
    Error(ApiError),
    Empty,
}

/// The server-timestamp range from `window_s` seconds before the newest fragment's arrival to
/// now, in epoch seconds, as the playback and clip selectors take it.
fn window_before_newest(sandbox: &SandboxHandle, name: &str, window_s: u32) -> (f64, f64) {
    let (newest, now) = sandbox.read(|sb| {
        let newest = sb
            .video()
            .stream(name)
            .and_then(|s| s.newest_fragments(1).next().map(|f| f.server));
        (newest, sb.now())
    });
    let end = now.epoch_seconds();
    (
        newest.map_or(end, |t| t.epoch_seconds()) - f64::from(window_s),
        end,
    )
}

/// ListFragments, then GetMediaForFragmentList for the newest fragments, as one WebM file.
fn fetch_media(sandbox: &SandboxHandle, name: &str, window_s: u32) -> Played {
    // The fragments received in the PLAY_WINDOW before the newest one.
    let (start, end) = window_before_newest(sandbox, name, window_s);
    let list = match sandbox.call(
        "KinesisVideoArchivedMedia.ListFragments",
        json!({
            "StreamName": name,
            "MaxResults": 1000,
            "FragmentSelector": {
                "FragmentSelectorType": "SERVER_TIMESTAMP",
                "TimestampRange": { "StartTimestamp": start, "EndTimestamp": end },
            },
        }),
    ) {
        Ok(list) => list,
        Err(e) => return Played::Error(e),
    };
    let numbers: Vec<Value> = list["Fragments"]
        .as_array()
        .map(|fs| fs.iter().map(|f| f["FragmentNumber"].clone()).collect())
        .unwrap_or_default();
    let numbers = numbers[numbers.len().saturating_sub(PLAY_FRAGMENTS)..].to_vec();
    if numbers.is_empty() {
        return Played::Empty;
    }
    let media = match sandbox.call(
        "KinesisVideoArchivedMedia.GetMediaForFragmentList",
        json!({ "StreamName": name, "Fragments": numbers }),
    ) {
        Ok(media) => media,
        Err(e) => return Played::Error(e),
    };
    let payload = base64::engine::general_purpose::STANDARD
        .decode(media["Payload"].as_str().unwrap_or_default())
        .unwrap_or_default();
    video_of(&payload, "GetMediaForFragmentList")
}

/// GetMedia from the earliest fragment the stream holds: with no data retention, the
/// 5-minute buffer is still readable this way, live.
fn fetch_live(sandbox: &SandboxHandle, name: &str, _window_s: u32) -> Played {
    let media = match sandbox.call(
        "KinesisVideoMedia.GetMedia",
        json!({ "StreamName": name, "StartSelector": { "StartSelectorType": "EARLIEST" } }),
    ) {
        Ok(media) => media,
        Err(e) => return Played::Error(e),
    };
    let payload = base64::engine::general_purpose::STANDARD
        .decode(media["Payload"].as_str().unwrap_or_default())
        .unwrap_or_default();
    video_of(&payload, "GetMedia")
}

/// Revokes an object URL once another replaces it or the page goes.
#[hook]
fn use_revoked_when_replaced(url: Option<String>) {
    use_effect_with(url, |url| {
        let url = url.clone();
        move || {
            if let Some(u) = url {
                let _ = web_sys::Url::revoke_object_url(&u);
            }
        }
    });
}

/// A payload of chunks as a video to play.
fn video_of(payload: &[u8], api: &'static str) -> Played {
    let Some((file, fragments)) = playable(payload) else {
        return Played::Empty;
    };
    match webm_url(&file) {
        Some(url) => Played::Video {
            url,
            fragments,
            api,
        },
        None => Played::Empty,
    }
}

/// An object URL for `bytes` as a `video/webm` Blob.
fn webm_url(bytes: &[u8]) -> Option<String> {
    blob_url(bytes, "video/webm")
}

/// An object URL for `bytes` as a Blob of `content_type`.
fn blob_url(bytes: &[u8], content_type: &str) -> Option<String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// A clip GetClip answered, ready to save.
#[derive(Clone, PartialEq)]
enum Clipped {
    File {
        url: String,
        file_name: String,
        bytes: usize,
        content_type: String,
    },
    Error(ApiError),
}

/// GetClip for the fragments received in the `window_s` seconds before the newest one.
fn fetch_clip(sandbox: &SandboxHandle, name: &str, window_s: u32) -> Clipped {
    let (start, end) = window_before_newest(sandbox, name, window_s);
    let answer = match sandbox.call(
        "KinesisVideoArchivedMedia.GetClip",
        json!({
            "StreamName": name,
            "ClipFragmentSelector": {
                "FragmentSelectorType": "SERVER_TIMESTAMP",
                "TimestampRange": { "StartTimestamp": start, "EndTimestamp": end },
            },
        }),
    ) {
        Ok(a) => a,
        Err(e) => return Clipped::Error(e),
    };
    let content_type = answer["ContentType"]
        .as_str()
        .unwrap_or("video/webm")
        .to_string();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(answer["Payload"].as_str().unwrap_or_default())
        .unwrap_or_default();
    let extension = if content_type == "video/webm" {
        "webm"
    } else {
        "mkv"
    };
    match blob_url(&bytes, &content_type) {
        Some(url) => Clipped::File {
            url,
            file_name: format!("{name}-clip.{extension}"),
            bytes: bytes.len(),
            content_type,
        },
        None => Clipped::Error(ApiError::invalid_argument(
            "The browser could not hold the clip.",
        )),
    }
}

#[derive(Properties, PartialEq)]
struct PlaybackProps {
    name: String,
}

/// Media playback: the stream's archived fragments played in the page.
#[component]
fn Playback(props: &PlaybackProps) -> Html {
    let sandbox = use_sandbox();
    let played = use_state(|| None::<Played>);
    let clipped = use_state(|| None::<Clipped>);
    let window = use_state(|| 300u32);
    use_revoked_when_replaced(match &*clipped {
        Some(Clipped::File { url, .. }) => Some(url.clone()),
        _ => None,
    });
    let download = {
        let (sandbox, clipped, name) = (sandbox.clone(), clipped.clone(), props.name.clone());
        let window_s = *window;
        Callback::from(move |_: MouseEvent| {
            clipped.set(Some(fetch_clip(&sandbox, &name, window_s)))
        })
    };
    // The object URL goes when the page does or another replaces it.
    use_revoked_when_replaced(match &*played {
        Some(Played::Video { url, .. }) => Some(url.clone()),
        _ => None,
    });
    let play = |fetch: fn(&SandboxHandle, &str, u32) -> Played| {
        let (sandbox, played, name) = (sandbox.clone(), played.clone(), props.name.clone());
        let window_s = *window;
        Callback::from(move |_: MouseEvent| played.set(Some(fetch(&sandbox, &name, window_s))))
    };
    let choose_window = {
        let window = window.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            window.set(value.parse().unwrap_or(300));
        })
    };
    html! {
        <div class="panel" role="region" aria-labelledby="video-playback-title">
            <h2 id="video-playback-title">{ "Media playback" }</h2>
            <p class="help">{ format!("Plays the newest {PLAY_FRAGMENTS} fragments at most, within the time range before the newest fragment: ListFragments by server timestamp, then GetMediaForFragmentList, whose chunks the page joins into one WebM file. On AWS the console plays H.264 media through an HLS streaming session; both need data retention above 0.") }</p>
            <div class="inline-form">
                <label for="video-play-range">{ "Time range" }</label>
                <select id="video-play-range" onchange={choose_window}>
                    { for PLAY_WINDOWS.iter().map(|(s, label)| html! {
                        <option value={s.to_string()} selected={*s == *window}>{ *label }</option>
                    }) }
                </select>
            </div>
            <div class="form-actions video-actions">
                <button type="button" class="primary" onclick={play(fetch_media)}>{ "Play back media" }</button>
                <button type="button" onclick={play(fetch_live)}>{ "Read live with GetMedia" }</button>
                <button type="button" onclick={download}>{ "Download clip" }</button>
            </div>
            { match &*clipped {
                None => html! {},
                Some(Clipped::Error(e)) => html! { <ApiErrorAlert error={e.clone()} /> },
                Some(Clipped::File { url, file_name, bytes, content_type }) => html! {
                    <p class="info" role="status">
                        { format!("GetClip answered {} KB of {content_type}. ", bytes.div_ceil(1024)) }
                        <a href={url.clone()} download={file_name.clone()}>{ format!("Save {file_name}") }</a>
                    </p>
                },
            } }
            <p class="help">{ "Download clip calls GetClip for the fragments that started in the chosen time range (at most the first 200 fragments or 100 MB). On AWS the clip is an MP4 file and the stream must be H.264 or H.265 (with AAC audio): a VP8 stream gets UnsupportedStreamMediaTypeException. This sandbox keeps the browser's WebM fragments, so it answers a WebM file of them instead — it plays in a browser or VLC — and checks H.264 streams as AWS does. Like playback, a clip needs data retention above 0." }</p>
            <super::images::ExtractImagesPanel name={props.name.clone()} />
            <p class="help">{ "GetMedia is how a consumer reads a stream live, from a start selector (here EARLIEST): it works with no data retention too, on the 5-minute buffer." }</p>
            { match &*played {
                None => html! {},
                Some(Played::Error(e)) => html! { <ApiErrorAlert error={e.clone()} /> },
                Some(Played::Empty) => html! { <p class="info" role="status">{ "There is no media to play yet: the stream has no fragments." }</p> },
                Some(Played::Video { url, fragments, api }) => html! {
                    <>
                    <p class="help" role="status">{ format!("{fragments} fragment{} loaded with {api}.", if *fragments == 1 { "" } else { "s" }) }</p>
                    <video class="video-player" controls=true src={url.clone()} title="Played back media"></video>
                    </>
                },
            } }
        </div>
    }
}

/// What asking for a streaming session answered: the URL, or AWS's error.
#[derive(Clone, PartialEq)]
enum SessionAnswer {
    Url(&'static str, String),
    Error(&'static str, ApiError),
}

/// HLS and DASH streaming sessions: what AWS's players use, and why the browser's VP8 is
/// refused.
#[component]
fn StreamingSessions(props: &PlaybackProps) -> Html {
    let sandbox = use_sandbox();
    let answer = use_state(|| None::<SessionAnswer>);
    let ask = |protocol: &'static str| {
        let (sandbox, answer, name) = (sandbox.clone(), answer.clone(), props.name.clone());
        Callback::from(move |_: MouseEvent| {
            let (op, field) = if protocol == "HLS" {
                ("GetHLSStreamingSessionURL", "HLSStreamingSessionURL")
            } else {
                ("GetDASHStreamingSessionURL", "DASHStreamingSessionURL")
            };
            let result = sandbox.call(
                &format!("KinesisVideoArchivedMedia.{op}"),
                json!({ "StreamName": name, "PlaybackMode": "LIVE", "Expires": 300 }),
            );
            answer.set(Some(match result {
                Ok(v) => SessionAnswer::Url(protocol, v[field].as_str().unwrap_or("").to_string()),
                Err(e) => SessionAnswer::Error(protocol, e),
            }));
        })
    };
    html! {
        <div class="panel" role="region" aria-labelledby="video-sessions-title">
            <h2 id="video-sessions-title">{ "HLS and DASH streaming sessions" }</h2>
            <p class="help">{ "Players outside AWS (a web page with hls.js, Safari, an Android app) watch a stream through a streaming session: GetHLSStreamingSessionURL or GetDASHStreamingSessionURL gives a URL with a session token, valid for 5 minutes to 12 hours (Expires), with the modes LIVE, LIVE_REPLAY and ON_DEMAND. Live HLS or DASH runs about 3 to 5 seconds behind the camera; for sub-second, two-way video use WebRTC and a signaling channel instead. A stream has at most 10 active sessions of each kind." }</p>
            <p class="help">{ "AWS serves these sessions as fragmented MP4 or MPEG-TS, so the stream needs data retention above 0 and H.264 or H.265 video (track 1, V_MPEG/ISO/AVC or V_MPEG/ISO/HEVC, with codec private data), optionally AAC audio. This page's producer records with the browser's MediaRecorder, which writes VP8 or VP9: AWS refuses such a stream with UnsupportedStreamMediaTypeException, and so does the sandbox. Media playback above plays those fragments with the sandbox's own WebM playback instead. A real camera would send H.264 through the Producer SDK or GStreamer's kvssink." }</p>
            <div class="form-actions video-actions">
                <button type="button" onclick={ask("HLS")}>{ "Get HLS streaming session URL" }</button>
                <button type="button" onclick={ask("DASH")}>{ "Get DASH streaming session URL" }</button>
            </div>
            { match &*answer {
                None => html! {},
                Some(SessionAnswer::Url(protocol, url)) => html! {
                    <p class="info" role="status">
                        { format!("{protocol} session URL (LIVE, expires in 300 seconds): ") }
                        <code style="word-break: break-all">{ url }</code>
                    </p>
                },
                Some(SessionAnswer::Error(protocol, e)) => html! {
                    <>
                    <p class="help" role="status">{ format!("The {protocol} session was refused:") }</p>
                    <ApiErrorAlert error={e.clone()} />
                    </>
                },
            } }
        </div>
    }
}
