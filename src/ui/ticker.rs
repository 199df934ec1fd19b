//! The host loop inside the page: moves simulated time with real time × speed, re-renders,
//! and autosaves.
//!
//! A 100 ms interval rather than an animation-frame loop: it keeps going (throttled) in a
//! background tab, and since each tick measures the real time elapsed, the speed stays exact
//! whatever the interval's jitter.

use super::context::{Changed, SandboxHandle};
use crate::host::{self, storage};
use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use yew::prelude::*;

const TICK_MS: u32 = 100;
/// Autosave at most this often (ms of real time): a debounce, so bursts of clicks save once.
const SAVE_EVERY_MS: f64 = 1_000.0;
/// After the browser refuses a save (storage full), wait this long before serialising again.
const SAVE_BACKOFF_MS: f64 = 30_000.0;

#[hook]
pub fn use_ticker(handle: &SandboxHandle) {
    let shared = handle.shared().clone();
    let dispatcher = handle.0.dispatcher();
    use_effect_with((), move |_| {
        let last_tick = Rc::new(Cell::new(host::wall_clock_millis()));
        let last_save = Rc::new(Cell::new(host::wall_clock_millis()));
        let save_failed_at = Rc::new(Cell::new(f64::NEG_INFINITY));
        // Saving a big sandbox takes a while; wait 20 times as long as the last save took
        // before the next, so autosave never costs more than about 5% of the page's time.
        let save_every = Rc::new(Cell::new(SAVE_EVERY_MS));
        let save_now = {
            let save_failed_at = save_failed_at.clone();
            let save_every = save_every.clone();
            let shared = shared.clone();
            let dispatcher = dispatcher.clone();
            move || {
                if !shared.dirty.replace(false) {
                    return;
                }
                let settings = shared.settings().to_json();
                let started = host::wall_clock_millis();
                let saved = storage::save(&shared.sandbox.borrow(), &settings);
                save_every.set((20.0 * (host::wall_clock_millis() - started)).max(SAVE_EVERY_MS));
                if let Err(problem) = saved {
                    // Still unsaved; try again after the back-off, and say so only once.
                    shared.dirty.set(true);
                    save_failed_at.set(host::wall_clock_millis());
                    if shared.notice.borrow().as_deref() != Some(problem.as_str()) {
                        *shared.notice.borrow_mut() = Some(problem);
                        dispatcher.dispatch(Changed);
                    }
                }
            }
        };
        let interval = {
            let shared = shared.clone();
            let save_now = save_now.clone();
            Interval::new(TICK_MS, move || {
                let now = host::wall_clock_millis();
                let real = (now - last_tick.replace(now)).clamp(0.0, 5_000.0);
                let factor = shared.speed.get().factor();
                if factor > 0.0 {
                    let before = shared.sandbox.borrow().now().epoch_millis() / 1000;
                    let sim = Duration::from_micros((real * factor * 1000.0) as u64);
                    shared.sandbox.borrow_mut().advance(sim);
                    shared.dirty.set(true);
                    if shared.sandbox.borrow().now().epoch_millis() / 1000 != before {
                        dispatcher.dispatch(Changed);
                    }
                }
                if now - last_save.get() >= save_every.get()
                    && now - save_failed_at.get() >= SAVE_BACKOFF_MS
                {
                    last_save.set(now);
                    save_now();
                }
            })
        };
        // Leaving the page saves at once, whatever the debounce says.
        let on_hide = EventListener::new(&gloo::utils::window(), "pagehide", move |_| save_now());
        move || {
            drop(interval);
            drop(on_hide);
        }
    });
}
