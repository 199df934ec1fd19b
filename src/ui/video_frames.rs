//! Image generation's frames in this page: the frames Kinesis Video Streams' image generation
//! wants as time passes are decoded by the host (`host::video_frames`: a video element and a
//! canvas) and handed back to the engine, which puts each image in its S3 bucket — whatever
//! page is open, as Lambda runs are (`lambda_runs`).

use super::context::{AppState, Changed, Shared};
use crate::host::video_frames;
use std::rc::Rc;
use yew::UseReducerDispatcher;

/// Takes the frames the engine wants and decodes them one after another.
pub fn start_frame_jobs(shared: &Rc<Shared>, dispatcher: &UseReducerDispatcher<AppState>) {
    if !shared.sandbox.borrow().video_frames_wanted() {
        return;
    }
    let jobs = shared.sandbox.borrow_mut().video_take_frame_jobs();
    let shared = shared.clone();
    let dispatcher = dispatcher.clone();
    wasm_bindgen_futures::spawn_local(async move {
        for (job, file) in jobs {
            let image = match &file {
                Some(f) => video_frames::decode(f, job.offset_ms, &job.spec).await,
                None => None,
            };
            shared.sandbox.borrow_mut().video_frame_done(job.id, image);
            shared.dirty.set(true);
            dispatcher.dispatch(Changed);
        }
    });
}
