//! The console: an AWS-console-like shell (top bar, navigation, pages) around the sandbox.

/// Makes pure forms ([`crate::forms::Form`]: state changed only by `apply(action)`) Yew
/// reducers, for `use_reducer`.
macro_rules! reducible {
    ($($form:ty),* $(,)?) => {
        $(impl yew::Reducible for $form {
            type Action = <$form as crate::forms::Form>::Action;
            fn reduce(self: std::rc::Rc<Self>, action: Self::Action) -> std::rc::Rc<Self> {
                let mut next = (*self).clone();
                crate::forms::Form::apply(&mut next, action);
                std::rc::Rc::new(next)
            }
        })*
    };
}

pub mod boot;
pub mod components;
pub mod context;
pub mod lambda_runs;
mod nav;
pub mod pages;
pub mod study;
mod terminal;
mod ticker;
mod top_bar;
pub mod video_frames;

use crate::engine::Sandbox;
use crate::host::{self, storage};
use crate::split_point;
use components::lazy::{Lazy, Loading};
use context::{AppState, SandboxHandle, Settings, Shared};
use yew::prelude::*;
use yew_router::prelude::*;

/// Every page, as a hash route (`#/streams`), so the page works from any static host and
/// sub-path. A service's routes are drawn by its folder under `pages/` (see
/// [`pages::SERVICES`]); the rest here.
#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/streams")]
    Streams,
    #[at("/streams/create")]
    StreamCreate,
    #[at("/streams/:name")]
    StreamDetails { name: String },
    #[at("/streams/:name/:tab")]
    StreamTab { name: String, tab: String },
    #[at("/generator")]
    Generator,
    #[at("/firehose")]
    Firehose,
    #[at("/firehose/create")]
    FirehoseCreate,
    #[at("/firehose/create/:source")]
    FirehoseCreateFrom { source: String },
    #[at("/firehose/:name")]
    FirehoseDetails { name: String },
    #[at("/http-endpoints")]
    HttpEndpoints,
    #[at("/redshift")]
    Redshift,
    #[at("/splunk")]
    Splunk,
    #[at("/opensearch")]
    OpenSearch,
    #[at("/opensearch/:domain")]
    OpenSearchDomain { domain: String },
    #[at("/s3")]
    S3,
    #[at("/s3/:bucket")]
    S3Bucket { bucket: String },
    #[at("/iam")]
    Iam,
    #[at("/iam/:role")]
    IamRole { role: String },
    #[at("/cloudwatch")]
    CloudWatch,
    #[at("/glue")]
    Glue,
    #[at("/glue/:database")]
    GlueDatabase { database: String },
    #[at("/lambda")]
    Lambda,
    #[at("/lambda/functions")]
    LambdaFunctions,
    #[at("/lambda/create")]
    LambdaCreate,
    #[at("/lambda/functions/:name")]
    LambdaFunction { name: String },
    #[at("/kinesisvideo")]
    VideoStreams,
    #[at("/kinesisvideo/create")]
    VideoCreate,
    #[at("/kinesisvideo/streams/:name")]
    VideoStream { name: String },
    #[at("/quicksight")]
    Analysis,
    #[at("/pipeline")]
    Pipeline,
    #[at("/events")]
    Events,
    #[at("/quiz")]
    Quiz,
    #[at("/quiz/practice")]
    QuizPractice,
    #[at("/quiz/exam")]
    QuizExam,
    #[at("/quiz/review")]
    QuizReview,
    #[at("/quiz/tips")]
    QuizTips,
    #[at("/quiz/question/:id")]
    QuizQuestion { id: String },
    #[at("/quiz/soon/:area")]
    QuizSoon { area: String },
    #[at("/labs")]
    Labs,
    #[at("/labs/:lab")]
    Lab { lab: String },
    #[at("/labs/:lab/step/:n")]
    LabStep { lab: String, n: usize },
    #[at("/debug/panic")]
    DebugPanic,
    #[not_found]
    #[at("/404")]
    NotFound,
}

split_point!(
    quiz,
    /// Exam prep's pages, with the question bank they read: fetched on the first visit.
    fn quiz_page(route: Route) -> Html {
        match route {
            Route::QuizPractice => html! { <pages::quiz::practice::Practice /> },
            Route::QuizExam => html! { <pages::quiz::exam::ExamPage /> },
            Route::QuizReview => html! { <pages::quiz::review::Review /> },
            Route::QuizTips => html! { <pages::quiz::tips::Tips /> },
            Route::QuizQuestion { id } => html! { <pages::quiz::practice::OneQuestion id={id} /> },
            Route::QuizSoon { area } => {
                html! { <pages::quiz::coming_soon::ComingSoon area={area} /> }
            }
            _ => html! { <pages::quiz::home::QuizHome /> },
        }
    }
);

split_point!(
    labs,
    /// The labs' pages, with the labs' data: fetched on the first visit.
    fn labs_page(route: Route) -> Html {
        match route {
            Route::Lab { lab } => html! { <pages::labs::LabPage lab={lab} /> },
            Route::LabStep { lab, n } => html! { <pages::labs::LabPage lab={lab} step={n} /> },
            _ => html! { <pages::labs::LabList /> },
        }
    }
);

split_point!(
    labs,
    /// The lab panel beside the console, while a lab is in progress.
    fn lab_panel(_unit: ()) -> Html {
        html! { <components::lab_panel::LabPanel /> }
    }
);

fn load_quiz(route: Route) -> Loading {
    Box::pin(quiz_page(route))
}

// A lab replays the console's actions (its starting point, Show me) and lets time pass in
// them, so it brings the engine's extensions along before it can start.
fn load_labs(route: Route) -> Loading {
    Box::pin(async move {
        host::extensions::fetch_all().await?;
        labs_page(route).await
    })
}

fn load_lab_panel(_: ()) -> Loading {
    Box::pin(async move {
        host::extensions::fetch_all().await?;
        lab_panel(()).await
    })
}

fn switch(route: Route) -> Html {
    // A service's routes are its folder's (`pages/<service>/mod.rs`).
    if let Some(page) = pages::SERVICES.iter().find_map(|s| (s.switch)(&route)) {
        return page;
    }
    match route {
        Route::Home => html! { <pages::home::Home /> },
        Route::Pipeline => html! { <pages::pipeline::PipelinePage /> },
        Route::Events => html! { <pages::events::EventHistory /> },
        route @ (Route::Quiz
        | Route::QuizPractice
        | Route::QuizExam
        | Route::QuizReview
        | Route::QuizTips
        | Route::QuizQuestion { .. }
        | Route::QuizSoon { .. }) => html! {
            <Lazy<Route> arg={route} load={load_quiz as fn(Route) -> Loading} what="Exam prep" />
        },
        route @ (Route::Labs | Route::Lab { .. } | Route::LabStep { .. }) => html! {
            <Lazy<Route> arg={route} load={load_labs as fn(Route) -> Loading} what="Labs" />
        },
        Route::DebugPanic => html! { <pages::not_found::DebugPanic /> },
        _ => html! { <pages::not_found::NotFound /> },
    }
}

/// The sandbox the page starts with: the autosave, or a fresh one (with a notice if the
/// autosave could not be read).
fn initial_state() -> std::rc::Rc<Shared> {
    let restored = RESTORED
        .with(|r| r.borrow_mut().take())
        .unwrap_or_else(storage::restore_local);
    match restored {
        storage::Restored::Saved(sandbox, settings) => {
            Shared::new(*sandbox, Settings::from_json(&settings), None)
        }
        storage::Restored::Nothing => Shared::new(
            Sandbox::new(host::fresh_config()),
            Settings::default(),
            None,
        ),
        storage::Restored::Unreadable(error, kept) => Shared::new(
            Sandbox::new(host::fresh_config()),
            Settings::default(),
            Some(format!(
                "{error} A fresh sandbox was started. The unreadable save was kept {kept}."
            )),
        ),
    }
}

thread_local! {
    /// What `main` read from storage before mounting, for the first render to take.
    static RESTORED: std::cell::RefCell<Option<storage::Restored>> =
        const { std::cell::RefCell::new(None) };
}

/// Renders the app in `root` with the sandbox `main` restored (see [`storage::restore`]).
/// Without it ([`mount`], the browser tests), the app reads localStorage itself.
pub fn mount_restored(root: Option<web_sys::Element>, restored: storage::Restored) {
    RESTORED.with(|r| *r.borrow_mut() = Some(restored));
    mount(root);
}

/// Renders the app in `root` (or in `<body>` without one).
pub fn mount(root: Option<web_sys::Element>) {
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState {
        shared: initial_state(),
        revision: 0,
    });
    let handle = SandboxHandle(state);
    ticker::use_ticker(&handle);
    let basename = use_state(|| host::route_basename().map(AttrValue::from));
    html! {
        <ContextProvider<SandboxHandle> context={handle}>
            <HashRouter basename={(*basename).clone()}>
                <Shell />
            </HashRouter>
        </ContextProvider<SandboxHandle>>
    }
}

#[component]
fn Shell() -> Html {
    let sandbox = context::use_sandbox();
    let notice = sandbox.notice().map(|text| {
        let onclick = {
            let sandbox = sandbox.clone();
            Callback::from(move |_| sandbox.set_notice(None))
        };
        html! {
            <div class="notice" role="alert">
                <p>{ text }</p>
                <button type="button" {onclick}>{ "Dismiss" }</button>
            </div>
        }
    });
    // Embed mode (`embed=1`): no site chrome, only the page, the clock, the lab panel and the
    // terminal. Read again on every route change, so a hash that gains `?embed=1` switches it on.
    let location = use_location();
    // A new route starts at its top, not at the last page's scroll position.
    let path = location.as_ref().map(|l| l.path().to_string());
    use_effect_with(path, |_| {
        gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0)
    });
    let embedded = host::embed::embed_mode();
    let in_lab = sandbox.read_labs(|p| p.current.is_some());
    html! {
        <div class={classes!("shell", embedded.then_some("embed"), in_lab.then_some("with-lab"))}>
            if embedded {
                <top_bar::EmbedBar />
            } else {
                <top_bar::TopBar />
                <nav::SideNav />
            }
            <main class="content" id="content">
                { for notice }
                <Switch<Route> render={switch} />
            </main>
            if in_lab {
                <Lazy<()> arg={()} load={load_lab_panel as fn(()) -> Loading} what="the lab" />
            }
            <terminal::Terminal />
        </div>
    }
}
