//! ML Insights: QuickSight's ML-powered anomaly detection (Random Cut Forest) and forecast on a
//! line chart's series — a time field, a measure and a period — with QuickSight's settings,
//! drawn on the chart and explained in plain words.

use super::chart::Chart;
use crate::analysis::draw::{self, Drawing, Size};
use crate::analysis::insights::{
    self, AnomalyOptions, AnomalyReport, Direction, Forecast, Severity,
};
use crate::analysis::source::Loaded;
use crate::analysis::visuals::{
    self, Aggregate, ForecastOptions, LineChart, Measure, Seasonality, TimeGrain,
};
use crate::analysis::FieldType;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InsightsPanelProps {
    /// The dataset the insights are about, once made.
    pub loaded: Option<Rc<Loaded>>,
}

/// The panel's settings, as QuickSight names them.
#[derive(Debug, Clone, PartialEq)]
struct Settings {
    time_field: String,
    /// Empty: the count of records.
    value_field: String,
    aggregate: Aggregate,
    grain: TimeGrain,
    anomalies: bool,
    severity: Severity,
    direction: Direction,
    shown: String,
    forecast: bool,
    periods_forward: String,
    periods_backward: String,
    interval: String,
    /// Empty: automatic.
    season: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            time_field: String::new(),
            value_field: String::new(),
            aggregate: Aggregate::Sum,
            grain: TimeGrain::Minute,
            anomalies: true,
            severity: Severity::Medium,
            direction: Direction::All,
            shown: "10".into(),
            forecast: true,
            periods_forward: "14".into(),
            periods_backward: "0".into(),
            interval: "90".into(),
            season: String::new(),
        }
    }
}

/// What running the insights gave.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    drawing: Rc<Drawing>,
    anomalies: Option<AnomalyReport>,
    forecast: Option<Forecast>,
}

fn number(text: &str, name: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| format!("{name} must be a whole number."))
}

fn run(loaded: &Loaded, s: &Settings) -> Result<Outcome, String> {
    let ds = &loaded.dataset;
    if s.time_field.is_empty() {
        return Err("Choose a time field.".into());
    }
    let measure = if s.value_field.is_empty() {
        Measure::count()
    } else {
        Measure::of(&s.value_field, s.aggregate)
    };
    let chart: LineChart =
        visuals::line_chart(ds, &s.time_field, &measure, s.grain).map_err(|e| e.to_string())?;
    let anomalies = if s.anomalies {
        let options = AnomalyOptions {
            severity: s.severity,
            direction: s.direction,
            shown: number(&s.shown, "Number of anomalies to show")? as usize,
            ..AnomalyOptions::default()
        };
        Some(insights::detect_anomalies(&chart, &options).map_err(|e| e.to_string())?)
    } else {
        None
    };
    let forecast = if s.forecast {
        let options = ForecastOptions {
            periods_forward: number(&s.periods_forward, "Periods forward")?,
            periods_backward: number(&s.periods_backward, "Periods backward")?,
            prediction_interval: number(&s.interval, "Prediction interval")?,
            seasonality: if s.season.trim().is_empty() {
                Seasonality::Automatic
            } else {
                Seasonality::Custom(number(&s.season, "Seasonality")?)
            },
        };
        Some(insights::forecast(&chart, &options).map_err(|e| e.to_string())?)
    } else {
        None
    };
    let drawing = draw::line_chart_insights(
        &chart,
        anomalies.as_ref(),
        forecast.as_ref(),
        Size::new(800.0, 420.0),
    );
    Ok(Outcome {
        drawing: Rc::new(drawing),
        anomalies,
        forecast,
    })
}

fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

#[component]
pub fn InsightsPanel(props: &InsightsPanelProps) -> Html {
    let settings = use_state(Settings::default);
    let outcome = use_state(|| None::<Result<Outcome, String>>);
    let intro = html! {
        <p class="help">{ "ML-powered insights find anomalies (with a built-in Random Cut Forest) and forecast a measure over time, without building a model. Both work on a line chart's series: a time field, a measure, and a period." }</p>
    };
    let Some(loaded) = props.loaded.clone() else {
        return html! {
            <section class="panel insights" aria-labelledby="insights-title">
                <h2 id="insights-title">{ "ML Insights" }</h2>
                { intro }
                <p class="help">{ "Create a dataset first." }</p>
            </section>
        };
    };
    let ds = &loaded.dataset;
    let times: Vec<String> = ds
        .columns
        .iter()
        .filter(|c| c.kind == FieldType::Timestamp)
        .map(|c| c.name.clone())
        .collect();
    let numbers: Vec<String> = ds
        .columns
        .iter()
        .filter(|c| c.kind == FieldType::Number)
        .map(|c| c.name.clone())
        .collect();
    if times.is_empty() {
        return html! {
            <section class="panel insights" aria-labelledby="insights-title">
                <h2 id="insights-title">{ "ML Insights" }</h2>
                { intro }
                <p class="help">{ "This dataset has no time field, and anomaly detection and forecasts need one. Give the records a timestamp — in the Kinesis Data Generator's template, for example " }<code>{ r#""time": "{{date.now("YYYY-MM-DDTHH:mm:ss")}}""# }</code>{ " — and make the dataset again." }</p>
            </section>
        };
    }
    let s = (*settings).clone();
    let time_field = if times.contains(&s.time_field) {
        s.time_field.clone()
    } else {
        times[0].clone()
    };
    let set = {
        let settings = settings.clone();
        move |f: fn(&mut Settings, Event)| {
            let settings = settings.clone();
            Callback::from(move |e: Event| {
                let mut next = (*settings).clone();
                f(&mut next, e);
                settings.set(next);
            })
        }
    };
    let on_run = {
        let settings = settings.clone();
        let outcome = outcome.clone();
        let loaded = loaded.clone();
        let time_field = time_field.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut s = (*settings).clone();
            s.time_field = time_field.clone();
            outcome.set(Some(run(&loaded, &s)));
        })
    };
    let grains = [TimeGrain::Minute, TimeGrain::Hour, TimeGrain::Day];
    let aggregates = [
        Aggregate::Sum,
        Aggregate::Average,
        Aggregate::Min,
        Aggregate::Max,
        Aggregate::Count,
    ];
    html! {
        <section class="panel insights" aria-labelledby="insights-title">
            <h2 id="insights-title">{ "ML Insights" }</h2>
            { intro }
            <form class="insights-form" onsubmit={on_run}>
                <div class="form-grid">
                    <label>{ "Time field" }
                        <select aria-label="Time field" onchange={set(|s, e| s.time_field = input_value(&e))}>
                            { for times.iter().map(|t| html! { <option value={t.clone()} selected={*t == time_field}>{ t }</option> }) }
                        </select>
                    </label>
                    <label>{ "Value" }
                        <select aria-label="Value" onchange={set(|s, e| s.value_field = input_value(&e))}>
                            <option value="" selected={s.value_field.is_empty()}>{ "Count of records" }</option>
                            { for numbers.iter().map(|f| html! { <option value={f.clone()} selected={*f == s.value_field}>{ f }</option> }) }
                        </select>
                    </label>
                    <label>{ "Aggregate" }
                        <select aria-label="Aggregate" disabled={s.value_field.is_empty()}
                            onchange={set(|s, e| {
                                let v = input_value(&e);
                                s.aggregate = [Aggregate::Sum, Aggregate::Average, Aggregate::Min, Aggregate::Max, Aggregate::Count]
                                    .into_iter().find(|a| a.wire() == v).unwrap_or(Aggregate::Sum);
                            })}>
                            { for aggregates.iter().map(|a| html! { <option value={a.wire()} selected={*a == s.aggregate}>{ a.title() }</option> }) }
                        </select>
                    </label>
                    <label>{ "Aggregate time by" }
                        <select aria-label="Aggregate time by" onchange={set(|s, e| {
                            s.grain = match input_value(&e).as_str() { "hour" => TimeGrain::Hour, "day" => TimeGrain::Day, _ => TimeGrain::Minute };
                        })}>
                            { for grains.iter().map(|g| html! { <option value={g.name()} selected={*g == s.grain}>{ g.name() }</option> }) }
                        </select>
                    </label>
                </div>
                <fieldset>
                    <legend>
                        <label><input type="checkbox" checked={s.anomalies} onchange={set(|s, e| s.anomalies = checked(&e))} />{ " Anomaly detection" }</label>
                    </legend>
                    <div class="form-grid">
                        <label>{ "Severity" }
                            <select aria-label="Severity" disabled={!s.anomalies} onchange={set(|s, e| {
                                let v = input_value(&e);
                                s.severity = Severity::ALL.into_iter().find(|x| x.label() == v).unwrap_or(Severity::Medium);
                            })}>
                                { for Severity::ALL.iter().map(|x| html! { <option value={x.label()} selected={*x == s.severity}>{ x.label() }</option> }) }
                            </select>
                        </label>
                        <label>{ "Direction" }
                            <select aria-label="Direction" disabled={!s.anomalies} onchange={set(|s, e| {
                                let v = input_value(&e);
                                s.direction = Direction::ALL.into_iter().find(|x| x.label() == v).unwrap_or(Direction::All);
                            })}>
                                { for Direction::ALL.iter().map(|x| html! { <option value={x.label()} selected={*x == s.direction}>{ x.label() }</option> }) }
                            </select>
                        </label>
                        <label>{ "Number of anomalies to show" }
                            <input type="number" min="1" max="100" value={s.shown.clone()} disabled={!s.anomalies}
                                onchange={set(|s, e| s.shown = input_value(&e))} />
                        </label>
                    </div>
                </fieldset>
                <fieldset>
                    <legend>
                        <label><input type="checkbox" checked={s.forecast} onchange={set(|s, e| s.forecast = checked(&e))} />{ " Forecast" }</label>
                    </legend>
                    <div class="form-grid">
                        <label>{ "Periods forward" }
                            <input type="number" min="1" max="1000" value={s.periods_forward.clone()} disabled={!s.forecast}
                                onchange={set(|s, e| s.periods_forward = input_value(&e))} />
                        </label>
                        <label>{ "Periods backward" }
                            <input type="number" min="0" max="1000" value={s.periods_backward.clone()} disabled={!s.forecast}
                                onchange={set(|s, e| s.periods_backward = input_value(&e))} />
                        </label>
                        <label>{ "Prediction interval (%)" }
                            <input type="number" min="50" max="95" value={s.interval.clone()} disabled={!s.forecast}
                                onchange={set(|s, e| s.interval = input_value(&e))} />
                        </label>
                        <label>{ "Seasonality (periods; empty: automatic)" }
                            <input type="number" min="1" max="180" value={s.season.clone()} disabled={!s.forecast}
                                onchange={set(|s, e| s.season = input_value(&e))} />
                        </label>
                    </div>
                </fieldset>
                <button type="submit" class="primary">{ "Run insights" }</button>
            </form>
            { match &*outcome {
                None => Html::default(),
                Some(Err(e)) => html! { <p class="error-text" role="alert">{ e }</p> },
                Some(Ok(o)) => html! {
                    <div class="insights-result">
                        <Chart drawing={Some(o.drawing.clone())} id="insights-chart" />
                        if let Some(a) = &o.anomalies {
                            <h3>{ "Anomalies" }</h3>
                            <p>{ &a.summary }</p>
                            <ol class="insight-list">
                                { for a.anomalies.iter().map(|x| html! { <li>{ &x.explanation }</li> }) }
                            </ol>
                        }
                        if let Some(f) = &o.forecast {
                            <h3>{ "Forecast" }</h3>
                            <p>{ &f.summary }</p>
                            if !f.notes.is_empty() {
                                <ul class="chart-notes" aria-label="Forecast notes">
                                    { for f.notes.iter().map(|n| html! { <li>{ n }</li> }) }
                                </ul>
                            }
                        }
                    </div>
                },
            } }
        </section>
    }
}
