//! A laid-out visual ([`Drawing`]) as inline SVG — a title, a description for screen readers,
//! axes and marks with tooltips — with its notes (sampling, values left out), the data as a
//! table in "Show data table", and Export SVG / Export PNG.

use super::visual::file_stem;
use crate::analysis::draw::{path_data, to_svg, Drawing, Mark};
use crate::host::files;
use std::rc::Rc;
use yew::prelude::*;

use crate::analysis::draw::coord as n;

fn tip(t: &str) -> Html {
    if t.is_empty() {
        Html::default()
    } else {
        html! { <title>{ t }</title> }
    }
}

fn mark(m: &Mark) -> Html {
    match m {
        Mark::Rect {
            x,
            y,
            w,
            h,
            class,
            shade,
            tip: t,
        } => html! {
            <rect class={class.clone()} x={n(*x)} y={n(*y)} width={n(*w)} height={n(*h)}
                fill-opacity={shade.map(|s| format!("{s:.3}"))}>{ tip(t) }</rect>
        },
        Mark::Circle {
            cx,
            cy,
            r,
            class,
            tip: t,
        } => html! {
            <circle class={class.clone()} cx={n(*cx)} cy={n(*cy)} r={n(*r)}>{ tip(t) }</circle>
        },
        Mark::Line {
            x1,
            y1,
            x2,
            y2,
            class,
        } => html! {
            <line class={*class} x1={n(*x1)} y1={n(*y1)} x2={n(*x2)} y2={n(*y2)} />
        },
        Mark::Path {
            points,
            closed,
            class,
            tip: t,
        } => {
            let d = path_data(points, *closed);
            html! { <path class={class.clone()} d={d}>{ tip(t) }</path> }
        }
        Mark::Text {
            x,
            y,
            text,
            anchor,
            class,
        } => html! {
            <text class={*class} x={n(*x)} y={n(*y)} text-anchor={anchor.as_str()}>{ text }</text>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// `None` before a visual can be drawn: the export buttons and the data table are there,
    /// empty, so the learner sees where they will be.
    pub drawing: Option<Rc<Drawing>>,
    /// Makes the SVG's title and description ids unique when a page shows two charts.
    #[prop_or("analysis-chart")]
    pub id: &'static str,
}

#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let Some(d) = &props.drawing else {
        return html! {
            <div class="analysis-figure">
                <div class="chart-actions">
                    <button type="button" disabled=true>{ "Export SVG" }</button>
                    <button type="button" disabled=true>{ "Export PNG" }</button>
                </div>
                <details class="chart-table">
                    <summary>{ "Show data table" }</summary>
                    <p class="help">{ "No visual yet." }</p>
                </details>
            </div>
        };
    };
    let (w, h) = (n(d.size.width), n(d.size.height));
    let stem = file_stem(&d.title);
    let export_svg = {
        let d = d.clone();
        let stem = stem.clone();
        Callback::from(move |_: MouseEvent| {
            files::download(
                &format!("{stem}.svg"),
                "image/svg+xml",
                to_svg(&d).as_bytes(),
            )
        })
    };
    let export_png = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            files::download_svg_as_png(
                &to_svg(&d),
                d.size.width,
                d.size.height,
                &format!("{stem}.png"),
            )
        })
    };
    html! {
        <figure class="analysis-figure">
            <svg class="analysis-chart" viewBox={format!("0 0 {w} {h}")} width={w.clone()} height={h.clone()}
                role="img" aria-labelledby={format!("{0}-title {0}-desc", props.id)}>
                <title id={format!("{}-title", props.id)}>{ &d.title }</title>
                <desc id={format!("{}-desc", props.id)}>{ &d.summary }</desc>
                <rect class="bg" width={w.clone()} height={h.clone()} />
                { for d.axes.iter().chain(&d.marks).map(mark) }
            </svg>
            <figcaption>
                <p class="chart-summary">{ &d.summary }</p>
                if !d.notes.is_empty() {
                    <ul class="chart-notes" aria-label="Chart notes">
                        { for d.notes.iter().map(|note| html! { <li>{ note }</li> }) }
                    </ul>
                }
            </figcaption>
            <div class="chart-actions">
                <button type="button" onclick={export_svg}>{ "Export SVG" }</button>
                <button type="button" onclick={export_png}>{ "Export PNG" }</button>
            </div>
            <details class="chart-table">
                <summary>{ "Show data table" }</summary>
                <div class="table-scroll" role="region" aria-label="Data table" tabindex="0">
                    <table class="resource-table">
                        <caption>{ &d.table.caption }</caption>
                        <thead><tr>
                            { for d.table.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for d.table.rows.iter().map(|row| html! {
                                <tr>{ for row.iter().map(|c| html! { <td>{ c }</td> }) }</tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
