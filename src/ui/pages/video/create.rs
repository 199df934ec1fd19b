//! Create video stream: a name, its data retention and (optionally) its media type.

use super::input_value;
use crate::forms::video::{
    retention_meaning, CreateVideoStreamAction as A, CreateVideoStreamForm, Retention,
};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

reducible!(CreateVideoStreamForm);

#[component]
pub fn CreateVideoStream() -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let form = use_reducer(CreateVideoStreamForm::default);
    let dispatch = form.dispatcher();
    let f = &*form;
    let edit = |action: fn(String) -> A| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| dispatch.dispatch(action(input_value(&e))))
    };
    let submit = {
        let (sandbox, form, dispatch) = (sandbox.clone(), form.clone(), dispatch.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match sandbox.send(form.request()) {
                Ok(_) => {
                    if let Some(nav) = &navigator {
                        nav.push(&Route::VideoStream {
                            name: form.name.trim().to_string(),
                        });
                    }
                }
                Err(e) => dispatch.dispatch(A::Answered(Some(e))),
            }
        })
    };
    let meaning = f.retention_hours().map(retention_meaning);
    html! {
        <section class="page" aria-labelledby="video-create-title">
            <p class="breadcrumb">
                { "Kinesis Video Streams › " }
                <Link<Route> to={Route::VideoStreams}>{ "Video streams" }</Link<Route>>{ " › Create video stream" }
            </p>
            <h1 id="video-create-title">{ "Create video stream" }</h1>
            <form onsubmit={submit} aria-labelledby="video-create-title">
                <fieldset class="panel">
                    <legend>{ "Video stream configuration" }</legend>
                    <label for="video-name">{ "Video stream name" }</label>
                    <input id="video-name" type="text" value={f.name.clone()} oninput={edit(A::Name)}
                        autocomplete="off" spellcheck="false" aria-describedby="video-name-help" />
                    <p class="help" id="video-name-help">{ "Acceptable characters are uppercase and lowercase letters, numbers, underscores (_), hyphens (-), and periods (.)." }</p>
                    if let Some(p) = f.name_problem() {
                        <p class="help invalid" role="alert">{ p }</p>
                    }
                </fieldset>
                <fieldset class="panel">
                    <legend>{ "Data retention" }</legend>
                    <div class="choices">
                        { for Retention::ALL.into_iter().map(|r| {
                            let onchange = {
                                let dispatch = dispatch.clone();
                                Callback::from(move |_: Event| dispatch.dispatch(A::Retention(r)))
                            };
                            html! {
                                <label class="choice">
                                    <input type="radio" name="video-retention" value={r.id()} checked={f.retention == r} {onchange} />
                                    <span>{ r.label() }</span>
                                </label>
                            }
                        }) }
                    </div>
                    if f.retention == Retention::Custom {
                        <label for="video-retention-hours">{ "Data retention period (hours)" }</label>
                        <input id="video-retention-hours" type="number" min="1" max="87600" value={f.hours.clone()}
                            oninput={edit(A::Hours)} aria-describedby="video-retention-meaning" />
                    }
                    if let Some(m) = meaning {
                        <p class="info" role="note" id="video-retention-meaning">{ m }</p>
                    }
                </fieldset>
                <fieldset class="panel">
                    <legend>{ "Media type - optional" }</legend>
                    <label for="video-media-type">{ "Media type" }</label>
                    <input id="video-media-type" type="text" placeholder="video/h264" value={f.media_type.clone()}
                        oninput={edit(A::MediaType)} aria-describedby="video-media-type-help" />
                    <p class="help" id="video-media-type-help">{ "The media type of the stream, such as video/h264 or video/h264,audio/aac. The console and HLS playback need H.264; this sandbox's producer sends WebM (VP8), so video/webm describes it." }</p>
                </fieldset>
                if let Some(e) = &f.error {
                    <ApiErrorAlert error={e.clone()} />
                }
                <div class="form-actions">
                    <Link<Route> to={Route::VideoStreams} classes="button-link secondary">{ "Cancel" }</Link<Route>>
                    <button type="submit" class="primary" disabled={!f.can_submit()}>{ "Create video stream" }</button>
                </div>
            </form>
        </section>
    }
}
