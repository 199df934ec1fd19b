//! The Media producer: the webcam (`getUserMedia`) or a test pattern drawn on a `<canvas>`,
//! recorded by the browser's `MediaRecorder` as WebM in 1-second pieces, each piece sent
//! with PutMedia on the connection the first one opened (`EndOfStream: false`), and the
//! acknowledgements as they come.

use crate::engine::ApiError;
use crate::forms::video::ack_text;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::{use_sandbox, SandboxHandle, Speed};
use base64::Engine as _;
use gloo::timers::callback::Interval;
use serde_json::json;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    BlobEvent, CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaRecorder,
    MediaRecorderOptions, MediaStream, MediaStreamConstraints, MediaStreamTrack,
};
use yew::prelude::*;

/// How often the recorder hands over a piece (ms): each becomes one PutMedia call.
const TIMESLICE_MS: i32 = 1000;
/// The most acknowledgements kept on screen.
const SHOWN_ACKS: usize = 60;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Source {
    Webcam,
    TestPattern,
}

#[derive(Clone, PartialEq, Default)]
struct Log {
    running: Option<Source>,
    /// (event type, text), newest last.
    acks: Vec<(String, String)>,
    message: Option<String>,
    error: Option<ApiError>,
    calls: u32,
}

enum LogAction {
    Started(Source),
    Stopped,
    Acks(Vec<(String, String)>),
    Message(String),
    Failed(ApiError),
}

impl Reducible for Log {
    type Action = LogAction;
    fn reduce(self: Rc<Self>, action: LogAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            LogAction::Started(s) => {
                next.running = Some(s);
                next.acks.clear();
                next.message = None;
                next.error = None;
                next.calls = 0;
            }
            LogAction::Stopped => next.running = None,
            LogAction::Acks(a) => {
                next.calls += 1;
                next.acks.extend(a);
                let extra = next.acks.len().saturating_sub(SHOWN_ACKS);
                next.acks.drain(..extra);
            }
            LogAction::Message(m) => next.message = Some(m),
            LogAction::Failed(e) => next.error = Some(e),
        }
        Rc::new(next)
    }
}

/// A piece of the recording waiting to be sent.
enum Piece {
    Data(web_sys::Blob),
    /// The recorder stopped: the connection ends.
    End,
}

/// Sends the pieces in order, one PutMedia call each.
struct Sender {
    sandbox: SandboxHandle,
    log: UseReducerDispatcher<Log>,
    stream: String,
    /// The producer's start, in the sandbox's time (seconds since the epoch).
    start: f64,
    queue: RefCell<VecDeque<Piece>>,
    busy: Cell<bool>,
    failed: Cell<bool>,
}

impl Sender {
    fn push(self: &Rc<Self>, piece: Piece) {
        self.queue.borrow_mut().push_back(piece);
        if self.busy.get() {
            return;
        }
        self.busy.set(true);
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let next = this.queue.borrow_mut().pop_front();
                let Some(piece) = next else { break };
                let (bytes, end) = match piece {
                    Piece::Data(blob) => match JsFuture::from(blob.array_buffer()).await {
                        Ok(buffer) => (js_sys::Uint8Array::new(&buffer).to_vec(), false),
                        Err(_) => continue,
                    },
                    Piece::End => (Vec::new(), true),
                };
                if (bytes.is_empty() && !end) || this.failed.get() {
                    continue;
                }
                this.send(&bytes, end);
            }
            this.busy.set(false);
        });
    }

    fn send(&self, bytes: &[u8], end: bool) {
        let body = json!({
            "StreamName": self.stream,
            "FragmentTimecodeType": "RELATIVE",
            "ProducerStartTimestamp": self.start,
            "Payload": base64::engine::general_purpose::STANDARD.encode(bytes),
            "EndOfStream": end,
        });
        match self
            .sandbox
            .call_streaming("KinesisVideoMedia.PutMedia", body)
        {
            Ok(answer) => {
                let acks: Vec<(String, String)> = answer["Acks"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|ack| {
                                let kind = ack["EventType"].as_str().unwrap_or_default();
                                (kind.to_string(), ack_text(ack))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                if acks.iter().any(|(kind, _)| kind == "ERROR") {
                    // The connection is closed after an error: what follows is dropped.
                    self.failed.set(true);
                }
                self.log.dispatch(LogAction::Acks(acks));
            }
            Err(e) => {
                self.failed.set(true);
                self.log.dispatch(LogAction::Failed(e));
            }
        }
    }
}

/// What runs while the producer records.
struct Running {
    recorder: MediaRecorder,
    media: MediaStream,
    sender: Rc<Sender>,
    draw: Option<Interval>,
    _on_data: Closure<dyn FnMut(BlobEvent)>,
    _on_stop: Closure<dyn FnMut(web_sys::Event)>,
}

impl Running {
    /// Stops the recorder (its last piece, then the end, are still sent) and the camera.
    fn stop(&mut self) {
        if self.recorder.state() != web_sys::RecordingState::Inactive {
            let _ = self.recorder.stop();
        }
        stop_tracks(&self.media);
        self.draw = None;
    }

    /// The page goes: nothing more is heard from the recorder; the connection ends.
    fn abandon(&mut self) {
        self.recorder.set_ondataavailable(None);
        self.recorder.set_onstop(None);
        let recording = self.recorder.state() != web_sys::RecordingState::Inactive;
        self.stop();
        if recording {
            self.sender.push(Piece::End);
        }
    }
}

fn stop_tracks(media: &MediaStream) {
    for track in media.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// A WebM type this browser's MediaRecorder writes.
fn webm_type() -> Option<&'static str> {
    [
        "video/webm;codecs=vp8",
        "video/webm;codecs=vp9",
        "video/webm",
    ]
    .into_iter()
    .find(|t| MediaRecorder::is_type_supported(t))
}

/// Records `media` and sends it to `stream`.
fn record(
    media: MediaStream,
    sandbox: &SandboxHandle,
    log: UseReducerDispatcher<Log>,
    stream: &str,
    draw: Option<Interval>,
) -> Result<Running, String> {
    let Some(mime) = webm_type() else {
        stop_tracks(&media);
        return Err("This browser's MediaRecorder can't record WebM, so it can't produce media for the stream.".into());
    };
    let options = MediaRecorderOptions::new();
    options.set_mime_type(mime);
    options.set_video_bits_per_second(500_000);
    // A key frame (so a new cluster, so a new fragment) every second, where the browser
    // supports it.
    let _ = js_sys::Reflect::set(
        &options,
        &JsValue::from_str("videoKeyFrameIntervalDuration"),
        &JsValue::from_f64(f64::from(TIMESLICE_MS)),
    );
    let recorder = MediaRecorder::new_with_media_stream_and_media_recorder_options(
        &media, &options,
    )
    .map_err(|e| {
        stop_tracks(&media);
        format!("MediaRecorder could not start: {}", js_text(&e))
    })?;
    let start = sandbox.read(|sb| sb.now().epoch_seconds());
    let sender = Rc::new(Sender {
        sandbox: sandbox.clone(),
        log: log.clone(),
        stream: stream.to_string(),
        start,
        queue: RefCell::new(VecDeque::new()),
        busy: Cell::new(false),
        failed: Cell::new(false),
    });
    let on_data = {
        let sender = sender.clone();
        Closure::<dyn FnMut(BlobEvent)>::new(move |e: BlobEvent| {
            if let Some(blob) = e.data() {
                sender.push(Piece::Data(blob));
            }
        })
    };
    let on_stop = {
        let sender = sender.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            sender.push(Piece::End);
            log.dispatch(LogAction::Stopped);
        })
    };
    recorder.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
    recorder.set_onstop(Some(on_stop.as_ref().unchecked_ref()));
    recorder.start_with_time_slice(TIMESLICE_MS).map_err(|e| {
        stop_tracks(&media);
        format!("MediaRecorder could not start: {}", js_text(&e))
    })?;
    Ok(Running {
        recorder,
        media,
        sender,
        draw,
        _on_data: on_data,
        _on_stop: on_stop,
    })
}

fn js_text(e: &JsValue) -> String {
    if let Some(d) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", d.name(), d.message());
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Why the camera could not be used, in plain words.
fn camera_problem(e: &JsValue) -> String {
    let name = e
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => "Access to the camera was refused (by you or by the browser's settings). Use Send test pattern instead: it records a moving pattern drawn by the page.".into(),
        "NotFoundError" | "OverconstrainedError" => "This device has no camera the browser can use. Use Send test pattern instead: it records a moving pattern drawn by the page.".into(),
        "NotReadableError" | "AbortError" => "The camera is in use by another application or could not be started. Use Send test pattern instead.".into(),
        _ => format!("The camera could not be started ({}). Use Send test pattern instead.", js_text(e)),
    }
}

/// Draws one frame of the test pattern: colour bars, a box moving across, and the time.
fn draw_pattern(ctx: &CanvasRenderingContext2d, frame: u32, width: f64, height: f64) {
    const BARS: [&str; 7] = [
        "#c0c0c0", "#c0c000", "#00c0c0", "#00c000", "#c000c0", "#c00000", "#0000c0",
    ];
    let bar = width / BARS.len() as f64;
    for (i, colour) in BARS.iter().enumerate() {
        ctx.set_fill_style_str(colour);
        ctx.fill_rect(i as f64 * bar, 0.0, bar + 1.0, height);
    }
    let x = f64::from(frame * 6) % (width - 40.0);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(x, height / 2.0 - 20.0, 40.0, 40.0);
    ctx.set_fill_style_str("rgba(0,0,0,0.7)");
    ctx.fill_rect(0.0, height - 36.0, width, 36.0);
    ctx.set_fill_style_str("#ffffff");
    ctx.set_font("16px monospace");
    let now = js_sys::Date::new_0();
    let text = format!(
        "Kinesis Sandbox {:02}:{:02}:{:02}.{:03} #{frame}",
        now.get_hours(),
        now.get_minutes(),
        now.get_seconds(),
        now.get_milliseconds()
    );
    let _ = ctx.fill_text(&text, 8.0, height - 12.0);
}

#[derive(Properties, PartialEq)]
pub struct MediaProducerProps {
    pub name: String,
    /// Whether the stream takes media (ACTIVE or UPDATING).
    pub active: bool,
}

#[component]
pub fn MediaProducer(props: &MediaProducerProps) -> Html {
    let sandbox = use_sandbox();
    let log = use_reducer(Log::default);
    let running = use_mut_ref(|| None::<Running>);
    let canvas = use_node_ref();
    let preview = use_node_ref();
    // Leaving the page stops the recorder and the camera, and ends the connection.
    {
        let running = running.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(r) = running.borrow_mut().as_mut() {
                    r.abandon();
                }
            }
        });
    }
    let start = |source: Source| {
        let (sandbox, log, running) = (sandbox.clone(), log.clone(), running.clone());
        let (canvas, preview, name) = (canvas.clone(), preview.clone(), props.name.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(mut r) = running.borrow_mut().take() {
                r.abandon();
            }
            let dispatcher = log.dispatcher();
            match source {
                Source::TestPattern => {
                    let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                        return;
                    };
                    let Some(ctx) = el
                        .get_context("2d")
                        .ok()
                        .flatten()
                        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
                    else {
                        log.dispatch(LogAction::Message(
                            "This browser can't draw on a canvas.".into(),
                        ));
                        return;
                    };
                    // Shown before it is captured: a canvas nobody sees may give no frames.
                    el.set_hidden(false);
                    let (w, h) = (f64::from(el.width()), f64::from(el.height()));
                    draw_pattern(&ctx, 0, w, h);
                    let frame = Cell::new(0u32);
                    let draw = Interval::new(66, move || {
                        frame.set(frame.get() + 1);
                        draw_pattern(&ctx, frame.get(), w, h);
                    });
                    let media = match el.capture_stream() {
                        Ok(m) => m,
                        Err(e) => {
                            el.set_hidden(true);
                            log.dispatch(LogAction::Message(format!(
                                "The canvas could not be captured: {}",
                                js_text(&e)
                            )));
                            return;
                        }
                    };
                    match record(media, &sandbox, dispatcher, &name, Some(draw)) {
                        Ok(r) => {
                            *running.borrow_mut() = Some(r);
                            log.dispatch(LogAction::Started(Source::TestPattern));
                        }
                        Err(m) => {
                            el.set_hidden(true);
                            log.dispatch(LogAction::Message(m));
                        }
                    }
                }
                Source::Webcam => {
                    let devices =
                        web_sys::window().and_then(|w| w.navigator().media_devices().ok());
                    let Some(devices) = devices else {
                        log.dispatch(LogAction::Message("This browser gives the page no camera (camera access needs a secure page, https or localhost). Use Send test pattern instead.".into()));
                        return;
                    };
                    let constraints = MediaStreamConstraints::new();
                    constraints.set_video(&JsValue::TRUE);
                    constraints.set_audio(&JsValue::FALSE);
                    let promise = match devices.get_user_media_with_constraints(&constraints) {
                        Ok(p) => p,
                        Err(e) => {
                            log.dispatch(LogAction::Message(camera_problem(&e)));
                            return;
                        }
                    };
                    let (sandbox, log, running) = (sandbox.clone(), log.clone(), running.clone());
                    let (preview, name) = (preview.clone(), name.clone());
                    log.dispatch(LogAction::Message(
                        "Asking the browser for the camera…".into(),
                    ));
                    wasm_bindgen_futures::spawn_local(async move {
                        let media = match JsFuture::from(promise).await {
                            Ok(m) => m.unchecked_into::<MediaStream>(),
                            Err(e) => {
                                log.dispatch(LogAction::Message(camera_problem(&e)));
                                return;
                            }
                        };
                        if let Some(v) = preview.cast::<HtmlVideoElement>() {
                            v.set_src_object(Some(&media));
                            let _ = v.play();
                        }
                        match record(media, &sandbox, log.dispatcher(), &name, None) {
                            Ok(r) => {
                                *running.borrow_mut() = Some(r);
                                log.dispatch(LogAction::Started(Source::Webcam));
                            }
                            Err(m) => log.dispatch(LogAction::Message(m)),
                        }
                    });
                }
            }
        })
    };
    let stop = {
        let running = running.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(r) = running.borrow_mut().as_mut() {
                r.stop();
            }
        })
    };
    // The recorder runs on the wall clock, the stream on the simulated one.
    let clock_note = match sandbox.speed() {
        Speed::Paused => Some("Time is paused: every PutMedia call falls in the same simulated second, and the sixth is throttled (ClientLimitExceededException). Run time at 1× to send media."),
        Speed::Times60 => Some("At 60× a second of recording is a simulated minute: PutMedia closes a connection after 30 s with no data, so the next piece starts no new MKV segment and gets ERROR 4006. Run time at 1× or 10× to send media."),
        _ => None,
    };
    let persisted = log.acks.iter().filter(|(k, _)| k == "PERSISTED").count();
    let is_running = log.running.is_some();
    html! {
        <div class="panel" role="region" aria-labelledby="video-producer-title">
            <h2 id="video-producer-title">{ "Media producer" }</h2>
            <p class="help">{ "A producer is any device that puts media into the stream: a webcam, a security camera, a phone, a microphone. Here the browser's MediaRecorder records WebM in 1-second pieces and the page sends each one with PutMedia on one open connection; every Matroska cluster becomes a fragment, acknowledged BUFFERING, RECEIVED, then PERSISTED (only with data retention above 0), or ERROR with a code." }</p>
            <div class="form-actions video-actions">
                <button type="button" class="primary" disabled={!props.active || is_running} onclick={start(Source::Webcam)}>{ "Start webcam" }</button>
                <button type="button" disabled={!props.active || is_running} onclick={start(Source::TestPattern)}>{ "Send test pattern" }</button>
                <button type="button" disabled={!is_running} onclick={stop}>{ "Stop" }</button>
            </div>
            if let Some(note) = clock_note {
                <p class="info" role="note">{ note }</p>
            }
            if let Some(m) = &log.message {
                <p class="info" role="status">{ m }</p>
            }
            if let Some(e) = &log.error {
                <ApiErrorAlert error={e.clone()} />
            }
            <canvas ref={canvas} width="320" height="180" class="video-preview" role="img" aria-label="Test pattern"
                hidden={log.running != Some(Source::TestPattern)}></canvas>
            <video ref={preview} class="video-preview" muted=true autoplay=true playsinline=true title="Webcam preview"
                hidden={log.running != Some(Source::Webcam)}></video>
            if is_running || !log.acks.is_empty() {
                <h3 id="video-acks-title">{ "Acknowledgements" }</h3>
                <p class="help" role="status">{ format!("{} PutMedia call{} · {persisted} fragment{} persisted{}",
                    log.calls, if log.calls == 1 { "" } else { "s" }, if persisted == 1 { "" } else { "s" },
                    if is_running { " · recording" } else { "" }) }</p>
                <ol class="video-acks" aria-labelledby="video-acks-title" tabindex="0">
                    { for log.acks.iter().rev().map(|(kind, text)| html! {
                        <li class={classes!((kind == "ERROR").then_some("ack-error"))}>{ text }</li>
                    }) }
                </ol>
            }
        </div>
    }
}
