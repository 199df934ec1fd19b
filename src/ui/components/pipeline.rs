//! The live pipeline diagram: what the learner has built, drawn from `crate::pipeline` on every
//! render (every service's nodes, in columns from the graph: producers → data streams and
//! their shards → consumers and Firehose buffers → S3). An SVG with an accessible name that
//! summarises it, and the same facts as a list for screen readers. A click on a box opens its
//! console page; the links are left out of the accessibility tree and the tab order, where
//! the navigation already leads to the same pages.

use crate::pipeline::layout::{Diagram, Shape};
use crate::pipeline::Pipeline;
use crate::ui::context::use_sandbox;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

fn n(v: f64) -> String {
    format!("{v:.1}")
}

fn shape(s: &Shape) -> Html {
    match s {
        Shape::Rect { x, y, w, h, class } => html! {
            <rect x={n(*x)} y={n(*y)} width={n(*w)} height={n(*h)} class={*class} />
        },
        Shape::Text {
            x,
            y,
            text,
            class,
            anchor,
        } => html! {
            <text x={n(*x)} y={n(*y)} class={*class} text-anchor={anchor.as_str()}>{ text }</text>
        },
        Shape::Path { d, class } => html! { <path d={d.clone()} class={*class} /> },
        Shape::Link { x, y, w, h, href } => html! {
            <a href={href.clone()} tabindex="-1" aria-hidden="true">
                <rect x={n(*x)} y={n(*y)} width={n(*w)} height={n(*h)} class="hit" />
            </a>
        },
    }
}

/// The diagram of the sandbox's pipeline, or a short start if nothing is built yet.
#[component]
pub fn PipelineDiagram() -> Html {
    let sandbox = use_sandbox();
    let (pipeline, diagram) = sandbox.read(|sb| {
        let p = Pipeline::of(sb);
        let d = Diagram::of(&p);
        (p, d)
    });
    if pipeline.is_empty() {
        return html! {
            <div class="pipeline pipeline-empty">
                <p>{ "Nothing built yet. A pipeline starts with a data stream: create one, then send data to it and attach a Firehose delivery stream, and it appears here as you go." }</p>
                <p><Link<Route> to={Route::StreamCreate}>{ "Create a data stream" }</Link<Route>></p>
            </div>
        };
    }
    let view_box = format!("0 0 {} {}", n(diagram.width), n(diagram.height));
    let (links, drawn): (Vec<&Shape>, Vec<&Shape>) = diagram
        .shapes
        .iter()
        .partition(|s| matches!(s, Shape::Link { .. }));
    html! {
        <div class="pipeline">
            // Scrolls sideways when narrower than the drawing: focusable, so keys scroll it.
            <div class="pipeline-scroll" tabindex="0" role="group" aria-label="Pipeline diagram, scrollable">
                <div class="pipeline-canvas" style={format!(
                    // Never wider than drawn, and at least three quarters of it (then the
                    // box scrolls), so text stays readable however many columns there are.
                    "aspect-ratio: {w} / {}; max-width: {w}px; min-width: {}px",
                    n(diagram.height),
                    n((diagram.width * 0.75).max(780.0).min(diagram.width)),
                    w = n(diagram.width),
                )}>
                    <svg class="pipeline-diagram" role="img" aria-label={pipeline.summary()}
                        viewBox={view_box.clone()}>
                        { for drawn.into_iter().map(shape) }
                    </svg>
                    // The boxes' links, for the mouse, over the picture (an image holds no
                    // links); the list below says the same in words.
                    <svg class="pipeline-diagram pipeline-hits" aria-hidden="true" viewBox={view_box}>
                        { for links.into_iter().map(shape) }
                    </svg>
                </div>
            </div>
            <ul class="visually-hidden" aria-label="Pipeline, step by step">
                { for pipeline.facts().into_iter().map(|f| html! { <li>{ f }</li> }) }
            </ul>
        </div>
    }
}
