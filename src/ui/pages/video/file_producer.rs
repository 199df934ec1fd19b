//! Sending a video file: the learner's WebM or MKV file, or the recorded test pattern, handed
//! to the sandbox's media producer (`KinesisVideoProducer.StartSending`), which puts each
//! fragment with PutMedia when the simulated clock reaches it. Unlike the webcam, it needs no
//! camera and follows the simulated clock (pause, 60×, Jump +5 min).

use crate::engine::video::producer::TEST_PATTERN_WEBM;
use crate::engine::ApiError;
use crate::forms::video::ack_text;
use crate::host::files;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::{use_sandbox, SandboxHandle};
use base64::Engine as _;
use serde_json::{json, Value};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FileProducerProps {
    pub name: String,
    /// Whether the stream takes media (ACTIVE or UPDATING).
    pub active: bool,
}

/// What the last action said: a file read or refused, or the API's error.
#[derive(Clone, PartialEq)]
enum Said {
    Started(String),
    Problem(String),
    Error(ApiError),
}

fn start(sandbox: &SandboxHandle, stream: &str, what: &str, bytes: &[u8], looping: bool) -> Said {
    let body = json!({
        "StreamName": stream,
        "Media": base64::engine::general_purpose::STANDARD.encode(bytes),
        "Loop": looping,
    });
    match sandbox.call("KinesisVideoProducer.StartSending", body) {
        Ok(answer) => Said::Started(format!(
            "Sending {what}: {} fragment{} a pass of {:.1} s{}.",
            answer["FragmentsPerPass"],
            if answer["FragmentsPerPass"] == 1 {
                ""
            } else {
                "s"
            },
            answer["PassLengthMillis"].as_f64().unwrap_or(0.0) / 1000.0,
            if looping { ", over and over" } else { ", once" }
        )),
        Err(e) => Said::Error(e),
    }
}

/// One line about the producer's state.
fn status_text(p: &Value) -> String {
    let status = p["Status"].as_str().unwrap_or_default();
    let sent = p["FragmentsSent"].as_u64().unwrap_or(0);
    let passes = p["Passes"].as_u64().unwrap_or(0);
    let what = match status {
        "SENDING" => "sending",
        "FINISHED" => "finished: the whole file was sent",
        "STOPPED" => "stopped",
        _ => "failed",
    };
    format!(
        "Producer {what} · {sent} fragment{} sent · {passes} pass{} done",
        if sent == 1 { "" } else { "s" },
        if passes == 1 { "" } else { "es" }
    )
}

#[component]
pub fn FileProducer(props: &FileProducerProps) -> Html {
    let sandbox = use_sandbox();
    let said = use_state(|| None::<Said>);
    let looping = use_state(|| true);
    let file_input = use_node_ref();
    let producer = sandbox.read(|sb| sb.video_producer(&props.name));
    let sending = producer.as_ref().is_some_and(|p| p["Status"] == "SENDING");

    let send_file = {
        let (sandbox, said, looping) = (sandbox.clone(), said.clone(), looping.clone());
        let (file_input, name) = (file_input.clone(), props.name.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(input) = file_input.cast::<HtmlInputElement>() else {
                return;
            };
            if input.files().is_none_or(|f| f.length() == 0) {
                said.set(Some(Said::Problem(
                    "Choose a WebM or MKV file first.".into(),
                )));
                return;
            }
            let (sandbox, said, name, looping) =
                (sandbox.clone(), said.clone(), name.clone(), *looping);
            files::read_chosen_file_bytes(&input, move |read| {
                said.set(Some(match read {
                    Ok((file, bytes)) => start(&sandbox, &name, &file, &bytes, looping),
                    Err(m) => Said::Problem(m),
                }));
            });
        })
    };
    let send_pattern = {
        let (sandbox, said, looping) = (sandbox.clone(), said.clone(), looping.clone());
        let name = props.name.clone();
        Callback::from(move |_: MouseEvent| {
            said.set(Some(start(
                &sandbox,
                &name,
                "the recorded test pattern",
                TEST_PATTERN_WEBM,
                *looping,
            )));
        })
    };
    let stop = {
        let (sandbox, said) = (sandbox.clone(), said.clone());
        let name = props.name.clone();
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = sandbox.call(
                "KinesisVideoProducer.StopSending",
                json!({ "StreamName": name }),
            ) {
                said.set(Some(Said::Error(e)));
            }
        })
    };
    let toggle_loop = {
        let looping = looping.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            looping.set(input.checked());
        })
    };
    let acks: Vec<(bool, String)> = producer
        .as_ref()
        .and_then(|p| p["LastAcks"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .rev()
        .map(|a| (a["EventType"] == "ERROR", ack_text(a)))
        .collect();
    html! {
        <div class="panel" role="region" aria-labelledby="video-file-title">
            <h2 id="video-file-title">{ "Send a video file" }</h2>
            <p class="help">{ "Like the Producer SDK's sample application streaming a file: each Matroska cluster of the file is put with PutMedia when the simulated clock reaches its time, so the file plays in at its own pace — paused with the clock, ten times faster at 10×. Kinesis Video Streams takes MKV; WebM, what browsers and many tools record, is MKV. An MP4 file must be remuxed first (for example ffmpeg -i in.mp4 -c copy out.mkv). The recorded test pattern is ten seconds of the page's test pattern, recorded once." }</p>
            <div class="inline-form">
                <label for="video-file">{ "Video file (WebM or MKV)" }</label>
                <input id="video-file" type="file" accept=".webm,.mkv,video/webm,video/x-matroska" ref={file_input} />
                <label class="choice">
                    <input type="checkbox" checked={*looping} onchange={toggle_loop} />
                    <span>{ "Loop" }</span>
                </label>
            </div>
            <div class="form-actions video-actions">
                <button type="button" class="primary" disabled={!props.active || sending} onclick={send_file}>{ "Send file" }</button>
                <button type="button" disabled={!props.active || sending} onclick={send_pattern}>{ "Send recorded test pattern" }</button>
                <button type="button" disabled={!sending} onclick={stop}>{ "Stop sending" }</button>
            </div>
            { match &*said {
                Some(Said::Started(m)) | Some(Said::Problem(m)) => html! { <p class="info" role="status">{ m }</p> },
                Some(Said::Error(e)) => html! { <ApiErrorAlert error={e.clone()} /> },
                None => html! {},
            } }
            if let Some(p) = &producer {
                <p class="help" role="status">{ status_text(p) }</p>
                if let Some(e) = p["Error"].as_str() {
                    <p class="error" role="alert">{ e }</p>
                }
                if !acks.is_empty() {
                    <ol class="video-acks" aria-label="Producer acknowledgements" tabindex="0">
                        { for acks.iter().map(|(error, text)| html! {
                            <li class={classes!(error.then_some("ack-error"))}>{ text }</li>
                        }) }
                    </ol>
                }
            }
        </div>
    }
}
