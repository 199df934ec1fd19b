//! Decoding a video frame for GetImages: the fragment's file in a `<video>` element (never
//! attached to the page), seeked to the offset, drawn on a canvas at the size asked for and
//! encoded with `canvas.toBlob` as JPEG (with its quality) or PNG.

use crate::engine::video::images::{FragmentFile, ImageFormat, ImageSpec};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long one step (loading, seeking, encoding) may take before the frame counts as
/// undecodable.
const STEP_TIMEOUT_MS: i32 = 5000;

/// A promise settled by the first of `event` (resolved), `error` (rejected) or the timeout.
fn next_event(target: &web_sys::EventTarget, event: &str) -> js_sys::Promise {
    let target = target.clone();
    let event = event.to_string();
    js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = reject.clone();
        let bad = Closure::once_into_js(move |_: JsValue| {
            let _ = failed.call0(&JsValue::NULL);
        });
        let _ = target.add_event_listener_with_callback(&event, ok.unchecked_ref());
        let _ = target.add_event_listener_with_callback("error", bad.unchecked_ref());
        let late = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        let _ = web_sys::window().map(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                late.unchecked_ref(),
                STEP_TIMEOUT_MS,
            )
        });
    })
}

/// The frame `offset_ms` into `file`, encoded as `spec` says; `None` if the browser cannot
/// decode it.
pub async fn decode(file: &FragmentFile, offset_ms: i64, spec: &ImageSpec) -> Option<Vec<u8>> {
    let array = js_sys::Uint8Array::from(&file.bytes[..]);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&file.content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(
        &js_sys::Array::of1(&array),
        &options,
    )
    .ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let image = frame_of(&url, offset_ms, spec).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    image
}

async fn frame_of(url: &str, offset_ms: i64, spec: &ImageSpec) -> Option<Vec<u8>> {
    let document = gloo::utils::document();
    let video: web_sys::HtmlVideoElement =
        document.create_element("video").ok()?.dyn_into().ok()?;
    video.set_muted(true);
    video.set_preload("auto");
    let loaded = next_event(&video, "loadeddata");
    video.set_src(url);
    JsFuture::from(loaded).await.ok()?;
    let mut at = offset_ms.max(0) as f64 / 1000.0;
    let duration = video.duration();
    if duration.is_finite() && at > duration {
        at = duration;
    }
    let seeked = next_event(&video, "seeked");
    video.set_current_time(at);
    JsFuture::from(seeked).await.ok()?;
    let (width, height) = spec.size_for(video.video_width(), video.video_height());
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context
        .draw_image_with_html_video_element_and_dw_and_dh(
            &video,
            0.0,
            0.0,
            f64::from(width),
            f64::from(height),
        )
        .ok()?;
    let format = spec.format;
    let quality = f64::from(spec.quality) / 100.0;
    let encoded = js_sys::Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = if blob.is_null() {
                reject.call0(&JsValue::NULL)
            } else {
                resolve.call1(&JsValue::NULL, &blob)
            };
        });
        let quality = match format {
            ImageFormat::Jpeg => JsValue::from_f64(quality),
            ImageFormat::Png => JsValue::UNDEFINED,
        };
        let _ = canvas.to_blob_with_type_and_encoder_options(
            done.unchecked_ref(),
            format.media_type(),
            &quality,
        );
    });
    let blob: web_sys::Blob = JsFuture::from(encoded).await.ok()?.dyn_into().ok()?;
    let buffer = JsFuture::from(blob.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}
