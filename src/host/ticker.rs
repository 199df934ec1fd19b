//! The host loop: a 100 ms interval that reports the real time elapsed since the last tick, and
//! the autosave's timing (a debounce, a pace that follows how long saving takes, a back-off
//! after the browser refuses, and a save at once on `pagehide`).
//!
//! The loop knows nothing of what a tick does or what is saved: the caller hands it two
//! callbacks. An interval rather than an animation-frame loop: it keeps going (throttled) in a
//! background tab, and since each tick measures the real time elapsed, the speed stays exact
//! whatever the interval's jitter.

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

const TICK_MS: u32 = 100;
/// A tick never reports more than this much real time (ms): after a long sleep of the tab,
/// the clock does not leap.
const MAX_TICK_MS: f64 = 5_000.0;
/// Autosave at most this often (ms of real time): a debounce, so bursts of clicks save once.
const SAVE_EVERY_MS: f64 = 1_000.0;
/// After the browser refuses a save (storage full), wait this long before saving again.
const SAVE_BACKOFF_MS: f64 = 30_000.0;

/// What a save callback did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Nothing had changed since the last save.
    Nothing,
    /// Saved.
    Done,
    /// The browser refused; the loop tries again after a back-off.
    Refused,
}

/// The running loop; dropping it stops the interval and the `pagehide` listener.
pub struct Ticker {
    _interval: Interval,
    _on_hide: EventListener,
}

/// Starts the loop: every 100 ms `tick` gets the real milliseconds elapsed since the last tick,
/// then `save(false)` is called when the autosave is due (at most once a second, or 20 times as
/// long as the last save took if that is longer; not for 30 s after a refusal), and
/// `save(true)` at once when the page is hidden.
pub fn start(tick: impl FnMut(f64) + 'static, save: impl FnMut(bool) -> Saved + 'static) -> Ticker {
    let now = super::wall_clock_millis();
    let last_tick = Cell::new(now);
    let last_save = Cell::new(now);
    let failed_at = Rc::new(Cell::new(f64::NEG_INFINITY));
    // Saving a big sandbox takes a while; waiting 20 times as long as the last save took
    // keeps autosave under about 5% of the page's time.
    let save_every = Rc::new(Cell::new(SAVE_EVERY_MS));
    let save = Rc::new(RefCell::new(save));
    let save_now = {
        let failed_at = failed_at.clone();
        let save_every = save_every.clone();
        move |hiding: bool| {
            let started = super::wall_clock_millis();
            let outcome = (save.borrow_mut())(hiding);
            let finished = super::wall_clock_millis();
            if outcome != Saved::Nothing {
                save_every.set((20.0 * (finished - started)).max(SAVE_EVERY_MS));
            }
            if outcome == Saved::Refused {
                failed_at.set(finished);
            }
        }
    };
    let interval = {
        let save_now = save_now.clone();
        let mut tick = tick;
        Interval::new(TICK_MS, move || {
            let now = super::wall_clock_millis();
            tick((now - last_tick.replace(now)).clamp(0.0, MAX_TICK_MS));
            if now - last_save.get() >= save_every.get() && now - failed_at.get() >= SAVE_BACKOFF_MS
            {
                last_save.set(now);
                save_now(false);
            }
        })
    };
    // Leaving the page saves at once, whatever the debounce says.
    let on_hide = EventListener::new(&gloo::utils::window(), "pagehide", move |_| save_now(true));
    Ticker {
        _interval: interval,
        _on_hide: on_hide,
    }
}
