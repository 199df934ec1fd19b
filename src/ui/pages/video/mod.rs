//! Amazon Kinesis Video Streams: the video streams (`#/kinesisvideo`), Create video stream
//! (`#/kinesisvideo/create`) and a stream's page (`#/kinesisvideo/streams/<name>`) with its
//! details, the Media producer (webcam or test pattern, sent with PutMedia), its fragments
//! and Media playback (with Extract images).

mod create;
mod file_producer;
mod images;
mod list;
mod producer;
mod stream;

use super::Service;
use crate::ui::Route;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "Kinesis Video Streams",
    home: Route::VideoStreams,
    switch,
};

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::VideoStreams => html! { <list::VideoStreamList /> },
        Route::VideoCreate => html! { <create::CreateVideoStream /> },
        Route::VideoStream { name } => {
            html! { <stream::VideoStreamPage key={name.clone()} name={name.clone()} /> }
        }
        _ => return None,
    })
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}
