//! A part of the page whose code is in a split module (ARCHITECTURE.md, "What loads when"):
//! a progress indicator while the module is fetched the first time, then the part itself; if
//! the fetch fails, the reason and a way to try again. Nothing else changes: once fetched, the
//! part behaves as if it had always been there.

use crate::engine::extension::Extension;
use crate::split::Unavailable;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use yew::prelude::*;

/// What a split point answers: the part, once its module is there.
pub type Loading = Pin<Box<dyn Future<Output = Result<Html, Unavailable>>>>;

#[derive(Properties)]
pub struct LazyProps<A: Clone + PartialEq + 'static> {
    /// What the part is given (a route, an id…); a new value renders it again.
    pub arg: A,
    /// The split point that renders the part (a `split_point!` function, boxed).
    pub load: fn(A) -> Loading,
    /// Its name for the progress indicator ("Exam prep").
    pub what: AttrValue,
}

impl<A: Clone + PartialEq + 'static> PartialEq for LazyProps<A> {
    fn eq(&self, other: &Self) -> bool {
        // `load` is fixed per use site; the argument and the name say what is shown.
        self.arg == other.arg && self.what == other.what
    }
}

#[component]
pub fn Lazy<A: Clone + PartialEq + 'static>(props: &LazyProps<A>) -> Html {
    let view = use_state(|| None::<Result<Html, Unavailable>>);
    let attempt = use_state(|| 0u32);
    // The newest request wins: an older one that finishes late is ignored.
    let latest = use_memo((), |_| Rc::new(Cell::new(0u64)));
    {
        let view = view.clone();
        let load = props.load;
        let latest = (*latest).clone();
        use_effect_with((props.arg.clone(), *attempt), move |(arg, _)| {
            let ticket = latest.get() + 1;
            latest.set(ticket);
            let future = load(arg.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = future.await;
                if latest.get() == ticket {
                    view.set(Some(outcome));
                }
            });
        });
    }
    match &*view {
        Some(Ok(part)) => part.clone(),
        None => loading(&props.what),
        Some(Err(why)) => {
            let retry = {
                let attempt = attempt.clone();
                let view = view.clone();
                Callback::from(move |_| {
                    view.set(None);
                    attempt.set(*attempt + 1);
                })
            };
            html! {
                <div class="lazy-failed" role="alert">
                    <p>{ format!("{} could not load: {why}. Check the connection and try again.", props.what) }</p>
                    <button type="button" onclick={retry}>{ "Try again" }</button>
                </div>
            }
        }
    }
}

/// Where an engine extension (`engine::extension`) stands for a part of the page that needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtensionState {
    Ready,
    Loading,
    Failed,
}

/// Fetches `extension` once `wanted` (if it isn't there yet) and re-renders when it arrives.
#[hook]
pub fn use_extension(extension: Extension, wanted: bool) -> ExtensionState {
    let failed = use_state(|| false);
    let arrived = use_state(|| 0u32);
    let present = crate::engine::extension::present(extension);
    {
        let failed = failed.clone();
        let arrived = arrived.clone();
        use_effect_with((wanted && !present, *failed), move |(fetch, _)| {
            if *fetch {
                crate::host::extensions::fetch_in_background(&[extension], move |_, outcome| {
                    failed.set(outcome.is_err());
                    arrived.set(*arrived + 1);
                });
            }
        });
    }
    match (present, *failed) {
        (true, _) => ExtensionState::Ready,
        (false, true) => ExtensionState::Failed,
        (false, false) => ExtensionState::Loading,
    }
}

/// A part of the page that needs an engine extension: "Loading …" until it is there.
#[derive(Properties, PartialEq)]
pub struct NeedsExtensionProps {
    pub extension: Extension,
    pub children: Html,
}

#[component]
pub fn NeedsExtension(props: &NeedsExtensionProps) -> Html {
    let state = use_extension(props.extension, true);
    extension_notice(props.extension, state).unwrap_or_else(|| props.children.clone())
}

/// "Loading …" with a progress bar, for a part of the page on its way.
fn loading(what: &str) -> Html {
    html! {
        <p class="lazy-loading" role="status">
            { format!("Loading {what}…") }
            <progress aria-label={format!("Loading {what}")}></progress>
        </p>
    }
}

/// What a part of the page waiting for `extension` shows instead of itself, until it is there.
pub fn extension_notice(extension: Extension, state: ExtensionState) -> Option<Html> {
    match state {
        ExtensionState::Ready => None,
        ExtensionState::Loading => Some(loading(extension.label())),
        ExtensionState::Failed => Some(html! {
            <div class="lazy-failed" role="alert">
                <p>{ format!("{} could not load. Check the connection, then reload the page.", extension.label()) }</p>
            </div>
        }),
    }
}
