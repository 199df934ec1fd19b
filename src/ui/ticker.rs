//! What the host loop ([`crate::host::ticker`]) does in this page: each tick moves simulated
//! time by the real time elapsed × the speed and re-renders when a simulated second passed;
//! each autosave writes the sandbox and its settings, and says once if the browser refused.

use super::context::{Changed, SandboxHandle};
use crate::host::ticker::{self, Saved};
use crate::host::{extensions, storage};
use std::time::Duration;
use yew::prelude::*;

/// Said once space runs short, before any save is refused.
const SPACE_WARNING: &str = "This browser's storage for the sandbox is more than 80 % full. \
    Nothing is lost yet, but free some space before it runs out: the sandbox menu shows the \
    usage and can delete the oldest S3 objects.";

#[hook]
pub fn use_ticker(handle: &SandboxHandle) {
    let shared = handle.shared().clone();
    let dispatcher = handle.0.dispatcher();
    use_effect_with((), move |_| {
        let tick = {
            let shared = shared.clone();
            let dispatcher = dispatcher.clone();
            move |real_ms: f64| {
                // An extension the sandbox now needs (fake data, ZIP and Snappy): fetch it; the
                // clock holds the time meanwhile and passes it once the extension is there.
                let mut missing = shared.sandbox.borrow().missing_extensions();
                missing.retain(|&e| !extensions::fetching(e));
                if !missing.is_empty() {
                    let shared = shared.clone();
                    let dispatcher = dispatcher.clone();
                    extensions::fetch_in_background(&missing, move |extension, outcome| {
                        let notice = outcome.err().map(|why| {
                            format!(
                                "The sandbox's clock is waiting for {}, which could not be \
                                 downloaded ({why}). It is tried again every second; check the \
                                 connection.",
                                extension.label()
                            )
                        });
                        let mut current = shared.notice.borrow_mut();
                        if notice.is_some()
                            || current
                                .as_deref()
                                .is_some_and(|n| n.contains("could not be downloaded"))
                        {
                            *current = notice;
                        }
                        drop(current);
                        dispatcher.dispatch(Changed);
                    });
                }
                // A Lambda function's run the sandbox handed out: into the worker; the clock
                // waits for its answer.
                super::lambda_runs::start_waiting_runs(&shared, &dispatcher);
                // Frames image generation wants: decoded in the host, delivered to S3.
                super::video_frames::start_frame_jobs(&shared, &dispatcher);
                let factor = shared.speed.get().factor();
                // Time asked for while an extension was fetched or a function ran (a jump
                // with the clock paused) passes as soon as nothing holds it any more.
                // So does a Redshift statement submitted while the SQL engine was on its way.
                let waiting = |sb: &crate::engine::Sandbox| {
                    !sb.held_time().is_zero() || sb.redshift().has_submitted()
                };
                let held = waiting(&shared.sandbox.borrow());
                if factor > 0.0 || held {
                    let before = shared.sandbox.borrow().now().epoch_millis() / 1000;
                    let sim = Duration::from_micros((real_ms * factor * 1000.0) as u64);
                    shared.sandbox.borrow_mut().advance(sim);
                    // Paused and still held: nothing changed, nothing to save.
                    let released = held && !waiting(&shared.sandbox.borrow());
                    if factor > 0.0 || released {
                        shared.dirty.set(true);
                    }
                    if released || shared.sandbox.borrow().now().epoch_millis() / 1000 != before {
                        dispatcher.dispatch(Changed);
                    }
                }
            }
        };
        let mut warned = false;
        let save = move |hiding: bool| {
            if hiding {
                // The page may be gone before an IndexedDB write finishes: also keep a copy
                // that is written at once (see `storage::save_on_hide`).
                let settings = shared.settings().to_json();
                storage::save_on_hide(&shared.sandbox.borrow(), &settings);
            }
            if !shared.dirty.replace(false) {
                return Saved::Nothing;
            }
            let settings = shared.settings().to_json();
            match storage::save(&shared.sandbox.borrow(), &settings) {
                Ok(true) => {
                    if storage::space_running_short() && !warned {
                        warned = true;
                        *shared.notice.borrow_mut() = Some(SPACE_WARNING.to_string());
                        dispatcher.dispatch(Changed);
                    }
                    Saved::Done
                }
                Ok(false) => {
                    // An earlier write is still under way: this one waits for the next turn.
                    shared.dirty.set(true);
                    Saved::Nothing
                }
                Err(problem) => {
                    // Still unsaved; the loop tries again after its back-off. Say so only once.
                    shared.dirty.set(true);
                    if shared.notice.borrow().as_deref() != Some(problem.as_str()) {
                        *shared.notice.borrow_mut() = Some(problem);
                        dispatcher.dispatch(Changed);
                    }
                    Saved::Refused
                }
            }
        };
        let running = ticker::start(tick, save);
        move || drop(running)
    });
}
