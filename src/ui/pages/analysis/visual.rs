//! The visual: the type picker, the field wells and options, the chart with its notes and
//! data table, and Export SVG / Export PNG. What the learner built is recorded for the lab.

use super::chart::Chart;
use super::state::{
    slots, visual_id, Accept, Action, BinType, VisualConfig, Well, Workspace, PICKER,
};
use crate::analysis::draw::{self, Drawing, Size};
use crate::analysis::visuals::{
    self, Aggregate, BinAggregate, BinOptions, HistogramOptions, Measure, OutlierVisibility,
    PieOptions, ScatterOptions, SortOrder, TimeGrain,
};
use crate::analysis::{Dataset, FieldSummary, VisualKind};
use crate::labs::observe::{self, Observation};
use crate::ui::study::use_observations;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The drawing's size; the SVG scales to the page's width.
pub const SIZE: Size = Size {
    width: 720.0,
    height: 420.0,
};

/// A visual drawn, and what it tells a lab.
pub struct Built {
    pub drawing: Rc<Drawing>,
    pub observation: Observation,
}

fn measure(v: &VisualConfig) -> Measure {
    match v.well(Well::Value) {
        Some(f) => Measure::of(f, v.aggregate),
        None => Measure::count(),
    }
}

fn whole(text: &str, what: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| format!("{what} must be a whole number, like 10."))
}

fn positive(text: &str, what: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err(format!("{what} must be a number greater than 0, like 10.")),
    }
}

/// Draws the visual `v` of `ds`, or says what is missing or wrong.
pub fn build(ds: &Dataset, v: &VisualConfig, size: Size) -> Result<Built, String> {
    for s in slots(v.kind) {
        if s.required && v.well(s.well).is_none() {
            return Err(format!(
                "Choose a field for {} to draw the {}.",
                s.label,
                v.kind.title().to_lowercase()
            ));
        }
    }
    let field = |w: Well| v.well(w).unwrap_or_default();
    let mut o = Observation::new(observe::VISUAL_SHOWN).with("visual", visual_id(v.kind));
    for s in slots(v.kind) {
        if let Some(f) = v.well(s.well) {
            o = o.with(s.well.fact(), f);
        }
    }
    let e = |e: visuals::VisualError| e.to_string();
    let drawing = match v.kind {
        VisualKind::Histogram => {
            let bins = match v.bin_type {
                BinType::Count => BinOptions::Count(whole(&v.bin_count, "Bin count")?),
                BinType::Width => BinOptions::Width {
                    width: positive(&v.bin_width, "Bin width")?,
                    bin_count_limit: None,
                },
            };
            let options = HistogramOptions {
                bins,
                start_value: None,
                aggregate: BinAggregate::Count,
            };
            draw::histogram(
                &visuals::histogram(ds, field(Well::Value), &options).map_err(e)?,
                size,
            )
        }
        VisualKind::BoxPlot => {
            let shown = if v.outliers_shown {
                OutlierVisibility::Visible
            } else {
                OutlierVisibility::Hidden
            };
            let b =
                visuals::box_plot(ds, field(Well::Value), v.well(Well::Group), shown).map_err(e)?;
            let found = b.groups.iter().any(|g| g.outlier_count > 0);
            o = o
                .with(
                    "outliers",
                    if v.outliers_shown { "shown" } else { "hidden" },
                )
                .with("has_outliers", found);
            draw::box_plot(&b, size)
        }
        VisualKind::Scatter => {
            let mut options = ScatterOptions::new(field(Well::X), field(Well::Y));
            options.size = v.well(Well::Size).map(str::to_string);
            options.color = v.well(Well::Group).map(str::to_string);
            let s = visuals::scatter(ds, &options).map_err(e)?;
            if let Some(r) = s.pearson {
                o = o.with("relationship", draw::strength(r));
            }
            draw::scatter(&s, size)
        }
        VisualKind::HeatMap => draw::heat_map(
            &visuals::heat_map(ds, field(Well::Rows), field(Well::Columns), &measure(v))
                .map_err(e)?,
            size,
        ),
        VisualKind::CorrelationMatrix => {
            let m = visuals::correlation_matrix(ds);
            if m.fields.len() < 2 {
                return Err("A correlation matrix needs at least two numeric fields.".into());
            }
            draw::correlation_matrix(&m, size)
        }
        VisualKind::Line => draw::line_chart(
            &visuals::line_chart(ds, field(Well::X), &measure(v), v.grain).map_err(e)?,
            size,
        ),
        VisualKind::Bar => draw::bar_chart(
            &visuals::bar_chart(ds, field(Well::X), &measure(v), SortOrder::ValueDescending)
                .map_err(e)?,
            size,
        ),
        VisualKind::Pie => draw::pie_chart(
            &visuals::pie_chart(ds, field(Well::Group), &measure(v), PieOptions::default())
                .map_err(e)?,
            size,
        ),
        VisualKind::Kpi => draw::kpi(
            &visuals::kpi(ds, &measure(v), v.well(Well::X).map(|t| (t, v.grain))).map_err(e)?,
            size,
        ),
        VisualKind::Table => return Err("Choose a visual type.".into()),
    };
    Ok(Built {
        drawing: Rc::new(drawing),
        observation: o,
    })
}

/// A file name from the chart's title: `Histogram of currentTemperature` → `histogram-of-currenttemperature`.
pub fn file_stem(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "visual".into()
    } else {
        out
    }
}

const AGGREGATES: &[Aggregate] = &[
    Aggregate::Sum,
    Aggregate::Average,
    Aggregate::Min,
    Aggregate::Max,
    Aggregate::Count,
    Aggregate::DistinctCount,
];

const GRAINS: &[(TimeGrain, &str)] = &[
    (TimeGrain::Minute, "Minute"),
    (TimeGrain::Hour, "Hour"),
    (TimeGrain::Day, "Day"),
];

#[derive(Properties, PartialEq)]
pub struct VisualPanelProps {
    pub workspace: UseReducerHandle<Workspace>,
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// The field wells of the visual type chosen, each a select of the fields it takes.
fn wells(ws: &UseReducerHandle<Workspace>, fields: &[FieldSummary]) -> Html {
    let v = &ws.visual;
    html! {
        <div class="field-wells" role="group" aria-label="Field wells">
            { for slots(v.kind).iter().map(|s| {
                let id = format!("well-{}", s.well.fact());
                let current = v.well(s.well).unwrap_or_default().to_string();
                let onchange = {
                    let ws = ws.clone();
                    let well = s.well;
                    Callback::from(move |e: Event| {
                        let f = select_value(&e);
                        ws.dispatch(Action::Well(well, (!f.is_empty()).then_some(f)));
                    })
                };
                let takes = match s.accept {
                    Accept::Number => "numbers",
                    Accept::Time => "timestamps",
                    Accept::Any => "any field",
                };
                html! {
                    <div class="field">
                        <label for={id.clone()}>{ s.label }</label>
                        <select id={id.clone()} {onchange} aria-describedby={format!("{id}-help")}>
                            <option value="" selected={current.is_empty()}>
                                { if s.required { "Choose a field" } else { "None" } }
                            </option>
                            { for fields.iter().filter(|f| s.accept.takes(f.kind)).map(|f| html! {
                                <option value={f.name.clone()} selected={f.name == current}>
                                    { format!("{} ({})", f.name, f.kind) }
                                </option>
                            }) }
                        </select>
                        <p class="help" id={format!("{id}-help")}>
                            { format!("Takes {takes}{}.", if s.required { "" } else { "; optional" }) }
                        </p>
                    </div>
                }
            }) }
        </div>
    }
}

/// The options of the visual type chosen.
fn options(ws: &UseReducerHandle<Workspace>) -> Html {
    let v = &ws.visual;
    let aggregate = slots(v.kind)
        .iter()
        .any(|s| s.well == Well::Value && !s.required)
        .then(|| {
        let onchange = {
            let ws = ws.clone();
            Callback::from(move |e: Event| {
                let wire = select_value(&e);
                if let Some(a) = AGGREGATES.iter().find(|a| a.wire() == wire) {
                    ws.dispatch(Action::Aggregate(*a));
                }
            })
        };
        html! {
            <div class="field">
                <label for="visual-aggregate">{ "Aggregate" }</label>
                <select id="visual-aggregate" {onchange} disabled={v.well(Well::Value).is_none()}
                    aria-describedby="visual-aggregate-help">
                    { for AGGREGATES.iter().map(|a| html! {
                        <option value={a.wire()} selected={*a == v.aggregate}>{ a.title() }</option>
                    }) }
                </select>
                <p class="help" id="visual-aggregate-help">{ "Applies to the field in Value; without one, the records are counted." }</p>
            </div>
        }
    });
    let grain = (matches!(v.kind, VisualKind::Line)
        || (v.kind == VisualKind::Kpi && v.well(Well::X).is_some()))
    .then(|| {
        let onchange = {
            let ws = ws.clone();
            Callback::from(move |e: Event| {
                let name = select_value(&e);
                if let Some((g, _)) = GRAINS.iter().find(|(_, n)| *n == name) {
                    ws.dispatch(Action::Grain(*g));
                }
            })
        };
        html! {
            <div class="field">
                <label for="visual-grain">{ "Aggregate by" }</label>
                <select id="visual-grain" {onchange}>
                    { for GRAINS.iter().map(|(g, n)| html! {
                        <option value={*n} selected={*g == v.grain}>{ *n }</option>
                    }) }
                </select>
            </div>
        }
    });
    let specific = match v.kind {
        VisualKind::Histogram => {
            let kind = |t: BinType| {
                let ws = ws.clone();
                Callback::from(move |_: Event| ws.dispatch(Action::BinType(t)))
            };
            let count = {
                let ws = ws.clone();
                Callback::from(move |e: InputEvent| ws.dispatch(Action::BinCount(input_value(&e))))
            };
            let width = {
                let ws = ws.clone();
                Callback::from(move |e: InputEvent| ws.dispatch(Action::BinWidth(input_value(&e))))
            };
            html! {
                <fieldset class="field">
                    <legend>{ "Histogram bins" }</legend>
                    <label class="radio">
                        <input type="radio" name="bin-type" checked={v.bin_type == BinType::Count} onchange={kind(BinType::Count)} />
                        { " Bin count" }
                    </label>
                    <label class="radio">
                        <input type="radio" name="bin-type" checked={v.bin_type == BinType::Width} onchange={kind(BinType::Width)} />
                        { " Bin width" }
                    </label>
                    if v.bin_type == BinType::Count {
                        <label for="bin-count">{ "Number of bins" }</label>
                        <input id="bin-count" type="number" min="1" max="1000" value={v.bin_count.clone()} oninput={count} />
                    } else {
                        <label for="bin-width">{ "Bin width" }</label>
                        <input id="bin-width" type="number" min="0" step="any" value={v.bin_width.clone()} oninput={width} />
                    }
                </fieldset>
            }
        }
        VisualKind::BoxPlot => {
            let onchange = {
                let ws = ws.clone();
                let shown = v.outliers_shown;
                Callback::from(move |_: Event| ws.dispatch(Action::Outliers(!shown)))
            };
            html! {
                <label class="checkbox">
                    <input type="checkbox" checked={v.outliers_shown} {onchange} />
                    { " Show outliers" }
                </label>
            }
        }
        _ => Html::default(),
    };
    html! { <div class="visual-options">{ for aggregate }{ for grain }{ specific }</div> }
}

/// The picker, the wells, the options and the chart.
#[component]
pub fn VisualPanel(props: &VisualPanelProps) -> Html {
    let ws = &props.workspace;
    let loaded = ws.loaded.clone();
    let config = ws.visual.clone();
    // The dataset is compared by identity: a new one is a new New dataset.
    let identity = loaded.as_ref().map(|l| std::rc::Rc::as_ptr(l) as usize);
    let built = {
        let loaded = loaded.clone();
        use_memo((identity, config.clone()), move |(_, config)| {
            loaded.as_ref().map(|l| build(&l.dataset, config, SIZE))
        })
    };
    let shown: Vec<Observation> = match &*built {
        Some(Ok(b)) => vec![b.observation.clone()],
        _ => Vec::new(),
    };
    use_observations(shown);
    let kind = |k: VisualKind| {
        let ws = ws.clone();
        Callback::from(move |_: Event| ws.dispatch(Action::Visual(k)))
    };
    let chart = match &*built {
        Some(Ok(b)) => html! { <Chart drawing={Some(b.drawing.clone())} /> },
        Some(Err(why)) => html! {
            <>
                <p class="warning" role="status">{ why }</p>
                <Chart drawing={None::<Rc<Drawing>>} />
            </>
        },
        None => html! {
            <>
                <p class="help" role="status">{ "Create a dataset first: its fields fill the visual's field wells." }</p>
                <Chart drawing={None::<Rc<Drawing>>} />
            </>
        },
    };
    html! {
        <section class="panel" aria-labelledby="visual-title">
            <h2 id="visual-title">{ "Visual" }</h2>
            <fieldset class="field visual-types">
                <legend>{ "Visual type" }</legend>
                { for PICKER.iter().map(|k| html! {
                    <label class="radio">
                        <input type="radio" name="visual-type" value={visual_id(*k)}
                            checked={*k == config.kind} onchange={kind(*k)} />
                        { format!(" {}", k.title()) }
                    </label>
                }) }
            </fieldset>
            { wells(ws, &ws.summaries) }
            { options(ws) }
            { chart }
        </section>
    }
}
