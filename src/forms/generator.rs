//! The Kinesis Data Generator page's form, as pure data: the five saved templates, what the
//! learner typed, the actions that change it, and the requests it builds
//! (`KinesisDataGenerator.TestTemplate` and `StartSending`). The page (`ui::pages::generator`)
//! draws it and stores the templates in the browser.

use super::Form;
use crate::engine::generator::{Template, TemplateError};
use crate::engine::{ApiError, SimTime};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::time::Duration;

pub use crate::engine::generator::SENSOR_TEMPLATE;

/// Where the five templates are kept in this browser.
pub const TEMPLATES_KEY: &str = "kinesis-sandbox:kdg-templates";
/// How many named templates there are, as in the KDG.
pub const TEMPLATE_COUNT: usize = 5;

/// The days of the Periodic grid, Sunday first (as `[day]` indexes it).
pub use crate::engine::generator::moment::WEEKDAYS as DAYS;

/// The default text of templates 2 to 5: the helpers the KDG's help page shows.
const OTHER_TEMPLATES: [&str; TEMPLATE_COUNT - 1] = [
    "{\n    \"customer\": \"{{name.firstName}} {{name.lastName}}\",\n    \"age\": {{random.number(70)}},\n    \"ip\": \"{{internet.ip}}\"\n}",
    "{\n    \"id\": \"{{random.uuid}}\",\n    \"pet\": \"{{random.weightedArrayElement({\"weights\":[0.3,0.2,0.5],\"data\":[\"cat\",\"fish\",\"dog\"]})}}\",\n    \"time\": \"{{date.now}}\"\n}",
    "{{date.now(\"YYYY-MM-DD HH:mm:ss\")}},{{random.number({\"min\":1,\"max\":5})}},{{random.arrayElement([\"click\",\"view\",\"buy\"])}}",
    "{{internet.ip}} - - [{{date.now(\"DD/MMM/YYYY:HH:mm:ss Z\")}}] \"GET /{{random.word}} HTTP/1.1\" {{random.arrayElement([200,200,200,404,500])}} {{random.number(5000)}}",
];

/// One saved template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedTemplate {
    pub name: String,
    pub body: String,
}

/// The five templates and which one is open, saved in localStorage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateBook {
    pub selected: usize,
    pub templates: Vec<SavedTemplate>,
}

impl Default for TemplateBook {
    fn default() -> Self {
        let bodies = std::iter::once(SENSOR_TEMPLATE).chain(OTHER_TEMPLATES);
        TemplateBook {
            selected: 0,
            templates: bodies
                .enumerate()
                .map(|(i, body)| SavedTemplate {
                    name: format!("Template {}", i + 1),
                    body: body.to_string(),
                })
                .collect(),
        }
    }
}

impl TemplateBook {
    /// Reads a saved book, completing or trimming it to five templates.
    pub fn from_json(text: &str) -> Option<Self> {
        let mut book: TemplateBook = serde_json::from_str(text).ok()?;
        let defaults = TemplateBook::default();
        book.templates.truncate(TEMPLATE_COUNT);
        let have = book.templates.len();
        book.templates
            .extend(defaults.templates.into_iter().skip(have));
        book.selected = book.selected.min(TEMPLATE_COUNT - 1);
        Some(book)
    }

    pub fn current(&self) -> &SavedTemplate {
        &self.templates[self.selected]
    }

    /// The open template's error, with line and column, if it does not compile.
    pub fn current_error(&self) -> Option<TemplateError> {
        Template::compile(&self.current().body).err()
    }

    /// The name a tab shows: the saved name, or "Template N" when it is blank.
    pub fn tab_name(&self, i: usize) -> String {
        let name = self.templates[i].name.trim();
        if name.is_empty() {
            format!("Template {}", i + 1)
        } else {
            name.to_string()
        }
    }
}

/// Where a 1-based line and column fall in `text`, in UTF-16 units (the textarea's selection
/// offsets).
pub fn utf16_offset(text: &str, line: usize, column: usize) -> u32 {
    let mut offset = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            let col: usize = l
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf16)
                .sum();
            return offset + col as u32;
        }
        offset += l.encode_utf16().count() as u32 + 1;
    }
    offset
}

/// A number as typed, or the text itself so that the engine's validation speaks for it.
pub fn number_or_text(text: &str) -> Value {
    let t = text.trim();
    if let Ok(n) = t.parse::<i64>() {
        json!(n)
    } else if let Ok(f) = t.parse::<f64>() {
        json!(f)
    } else {
        json!(t)
    }
}

/// A `datetime-local` value read as UTC, in RFC 3339.
pub fn utc_from_local(value: &str) -> String {
    let v = value.trim();
    match v.len() {
        16 => format!("{v}:00Z"),
        _ => format!("{v}Z"),
    }
}

pub fn local_from(t: SimTime) -> String {
    t.to_datetime().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The Periodic tab's settings, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodicForm {
    /// `[day][hour]`, Sunday first.
    pub mu: Vec<Vec<String>>,
    pub sigma: Vec<Vec<String>>,
    pub smoothing: bool,
    pub lock: bool,
    pub start: String,
    pub end: String,
    pub seconds_per_tick: String,
    pub wait_ms: String,
    pub fill_mu: String,
    pub fill_sigma: String,
    pub grid_open: bool,
}

impl PeriodicForm {
    pub fn new(now: SimTime) -> Self {
        PeriodicForm {
            mu: vec![vec!["100".into(); 24]; 7],
            sigma: vec![vec!["10".into(); 24]; 7],
            smoothing: false,
            lock: true,
            start: local_from(now),
            end: local_from(now + Duration::from_secs(3600)),
            seconds_per_tick: "1".into(),
            wait_ms: "1000".into(),
            fill_mu: "100".into(),
            fill_sigma: "10".into(),
            grid_open: false,
        }
    }

    /// The `Periodic` object of `StartSending`.
    pub fn to_json(&self) -> Value {
        let grid = |g: &Vec<Vec<String>>| -> Value {
            g.iter()
                .map(|day| day.iter().map(|c| number_or_text(c)).collect::<Vec<_>>())
                .collect::<Vec<_>>()
                .into()
        };
        let mut p = json!({
            "Mu": grid(&self.mu),
            "Sigma": grid(&self.sigma),
            "IntraHourSmoothing": self.smoothing,
            "LockToRealTime": self.lock,
        });
        if !self.lock {
            p["StartTime"] = json!(utc_from_local(&self.start));
            p["EndTime"] = json!(utc_from_local(&self.end));
            p["SecondsOfDataPerTick"] = number_or_text(&self.seconds_per_tick);
            p["WaitBetweenTicks"] = number_or_text(&self.wait_ms);
        }
        p
    }
}

/// Constant or Periodic, the rate's two tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateMode {
    Constant,
    Periodic,
}

/// Everything the learner set on the page, and what the last request answered.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratorForm {
    pub book: TemplateBook,
    /// `stream:<name>` or `firehose:<name>`, as the destination list's values.
    pub destination: String,
    pub mode: RateMode,
    pub per_second: String,
    pub max_records: String,
    pub periodic: PeriodicForm,
    pub compress: bool,
    pub retry: bool,
    /// What Test template produced.
    pub samples: Vec<String>,
    /// The last request's error.
    pub error: Option<ApiError>,
}

/// A change to the Periodic tab.
#[derive(Debug, Clone, PartialEq)]
pub enum PeriodicAction {
    /// One cell of the grid: Mu when `mu`, else Sigma.
    Cell {
        day: usize,
        hour: usize,
        mu: bool,
        value: String,
    },
    FillMu(String),
    FillSigma(String),
    /// "Apply to every hour".
    FillAll,
    ToggleGrid,
    Smoothing(bool),
    Lock(bool),
    Start(String),
    End(String),
    SecondsPerTick(String),
    WaitMs(String),
}

/// What the page can do to its form.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Destination(String),
    Mode(RateMode),
    PerSecond(String),
    MaxRecords(String),
    Compress(bool),
    Retry(bool),
    Periodic(PeriodicAction),
    /// Opens saved template `i` (and forgets the samples of the last).
    PickTemplate(usize),
    RenameTemplate(String),
    EditTemplate(String),
    /// Puts the open template back to its default.
    RestoreTemplate,
    /// Test template's answer: sample records, or the error.
    Tested(Result<Vec<String>, ApiError>),
    /// Send data's answer.
    Started(Result<(), ApiError>),
    /// Stop failed (a successful stop changes nothing here).
    StopFailed(ApiError),
}

impl Action {
    /// Whether the action changes the saved templates (the page stores them after it).
    pub fn changes_templates(&self) -> bool {
        matches!(
            self,
            Action::PickTemplate(_)
                | Action::RenameTemplate(_)
                | Action::EditTemplate(_)
                | Action::RestoreTemplate
        )
    }
}

impl PeriodicForm {
    pub fn apply(&mut self, action: PeriodicAction) {
        match action {
            PeriodicAction::Cell {
                day,
                hour,
                mu,
                value,
            } => {
                let grid = if mu { &mut self.mu } else { &mut self.sigma };
                if let Some(cell) = grid.get_mut(day).and_then(|d| d.get_mut(hour)) {
                    *cell = value;
                }
            }
            PeriodicAction::FillMu(v) => self.fill_mu = v,
            PeriodicAction::FillSigma(v) => self.fill_sigma = v,
            PeriodicAction::FillAll => {
                for day in 0..7 {
                    for hour in 0..24 {
                        self.mu[day][hour] = self.fill_mu.clone();
                        self.sigma[day][hour] = self.fill_sigma.clone();
                    }
                }
            }
            PeriodicAction::ToggleGrid => self.grid_open = !self.grid_open,
            PeriodicAction::Smoothing(on) => self.smoothing = on,
            PeriodicAction::Lock(on) => self.lock = on,
            PeriodicAction::Start(v) => self.start = v,
            PeriodicAction::End(v) => self.end = v,
            PeriodicAction::SecondsPerTick(v) => self.seconds_per_tick = v,
            PeriodicAction::WaitMs(v) => self.wait_ms = v,
        }
    }
}

impl Form for GeneratorForm {
    type Action = Action;
    fn apply(&mut self, action: Action) {
        match action {
            Action::Destination(d) => self.destination = d,
            Action::Mode(m) => self.mode = m,
            Action::PerSecond(v) => self.per_second = v,
            Action::MaxRecords(v) => self.max_records = v,
            Action::Compress(on) => self.compress = on,
            Action::Retry(on) => self.retry = on,
            Action::Periodic(p) => self.periodic.apply(p),
            Action::PickTemplate(i) => {
                self.book.selected = i.min(TEMPLATE_COUNT - 1);
                self.samples.clear();
            }
            Action::RenameTemplate(name) => {
                let i = self.book.selected;
                self.book.templates[i].name = name;
            }
            Action::EditTemplate(body) => {
                let i = self.book.selected;
                self.book.templates[i].body = body;
            }
            Action::RestoreTemplate => {
                let i = self.book.selected;
                self.book.templates[i] = TemplateBook::default().templates[i].clone();
            }
            Action::Tested(Ok(records)) => {
                self.samples = records;
                self.error = None;
            }
            Action::Tested(Err(e)) => {
                self.samples.clear();
                self.error = Some(e);
            }
            Action::Started(result) => self.error = result.err(),
            Action::StopFailed(e) => self.error = Some(e),
        }
    }
}

impl GeneratorForm {
    /// A fresh form over the saved `book`, at simulated time `now` (the Periodic tab's start).
    pub fn new(book: TemplateBook, now: SimTime) -> Self {
        GeneratorForm {
            book,
            destination: String::new(),
            mode: RateMode::Constant,
            per_second: "100".into(),
            max_records: String::new(),
            periodic: PeriodicForm::new(now),
            compress: false,
            retry: false,
            samples: Vec::new(),
            error: None,
        }
    }

    /// The destination list's values: the data streams, then the delivery streams.
    pub fn options(streams: &[String], delivery: &[String]) -> Vec<String> {
        streams
            .iter()
            .map(|n| format!("stream:{n}"))
            .chain(delivery.iter().map(|n| format!("firehose:{n}")))
            .collect()
    }

    /// The destination: the one chosen if it is still among `options`, else the first there is.
    pub fn chosen(&self, options: &[String]) -> Option<String> {
        if options.contains(&self.destination) {
            Some(self.destination.clone())
        } else {
            options.first().cloned()
        }
    }

    /// The body of `KinesisDataGenerator.TestTemplate`.
    pub fn test_request(&self) -> Value {
        json!({ "Template": self.book.current().body })
    }

    /// The body of `KinesisDataGenerator.StartSending` to `chosen` (see [`Self::chosen`]).
    /// Numbers go as typed, or as text for the engine's validation to answer.
    pub fn start_request(&self, chosen: Option<&str>) -> Value {
        let mut body = json!({
            "Template": self.book.current().body,
            "CompressRecords": self.compress,
            "RetryThrottled": self.retry,
        });
        match chosen.and_then(|c| c.split_once(':')) {
            Some(("firehose", name)) => body["DeliveryStreamName"] = json!(name),
            Some((_, name)) => body["StreamName"] = json!(name),
            None => body["StreamName"] = json!(""),
        }
        match self.mode {
            RateMode::Constant => body["RecordsPerSecond"] = number_or_text(&self.per_second),
            RateMode::Periodic => body["Periodic"] = self.periodic.to_json(),
        }
        if !self.max_records.trim().is_empty() {
            body["MaxRecords"] = number_or_text(&self.max_records);
        }
        body
    }
}

/// The sample records of a `TestTemplate` answer.
pub fn sample_records(answer: &Value) -> Vec<String> {
    answer
        .get("Records")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> GeneratorForm {
        GeneratorForm::new(
            TemplateBook::default(),
            SimTime::from_millis(1_764_000_000_000),
        )
    }

    #[test]
    fn a_constant_rate_to_a_stream() {
        let mut f = form();
        f.apply(Action::PerSecond(" 250 ".into()));
        f.apply(Action::Compress(true));
        let body = f.start_request(Some("stream:orders"));
        assert_eq!(body["StreamName"], "orders");
        assert_eq!(body["RecordsPerSecond"], 250);
        assert_eq!(body["CompressRecords"], true);
        assert_eq!(body["RetryThrottled"], false);
        assert_eq!(body["Template"], SENSOR_TEMPLATE);
        assert!(body.get("MaxRecords").is_none());
        assert!(body.get("Periodic").is_none());
    }

    #[test]
    fn what_is_not_a_number_goes_as_typed_for_the_engine_to_refuse() {
        let mut f = form();
        f.apply(Action::PerSecond("lots".into()));
        f.apply(Action::MaxRecords("2.5".into()));
        let body = f.start_request(Some("firehose:ds"));
        assert_eq!(body["DeliveryStreamName"], "ds");
        assert_eq!(body["RecordsPerSecond"], "lots");
        assert_eq!(body["MaxRecords"], 2.5);
        assert_eq!(f.start_request(None)["StreamName"], "");
    }

    #[test]
    fn the_periodic_tab_fills_its_grid_and_unlocks_data_time() {
        let mut f = form();
        f.apply(Action::Mode(RateMode::Periodic));
        f.apply(Action::Periodic(PeriodicAction::FillMu("7".into())));
        f.apply(Action::Periodic(PeriodicAction::FillAll));
        f.apply(Action::Periodic(PeriodicAction::Cell {
            day: 1,
            hour: 9,
            mu: false,
            value: "3".into(),
        }));
        let p = &f.start_request(Some("stream:s"))["Periodic"];
        assert_eq!(p["Mu"][6][23], 7);
        assert_eq!(p["Sigma"][1][9], 3);
        assert_eq!(p["Sigma"][0][0], 10);
        assert_eq!(p["LockToRealTime"], true);
        assert!(p.get("StartTime").is_none());
        f.apply(Action::Periodic(PeriodicAction::Lock(false)));
        f.apply(Action::Periodic(PeriodicAction::Start(
            "2026-01-02T03:04".into(),
        )));
        let p = &f.start_request(Some("stream:s"))["Periodic"];
        assert_eq!(p["StartTime"], "2026-01-02T03:04:00Z");
        assert_eq!(p["EndTime"], "2025-11-24T17:00:00Z");
        assert_eq!(p["SecondsOfDataPerTick"], 1);
        assert_eq!(p["WaitBetweenTicks"], 1000);
    }

    #[test]
    fn the_destination_falls_back_to_the_first_there_is() {
        let mut f = form();
        let options = GeneratorForm::options(&["a".into(), "b".into()], &["d".into()]);
        assert_eq!(options, ["stream:a", "stream:b", "firehose:d"]);
        assert_eq!(f.chosen(&options).as_deref(), Some("stream:a"));
        f.apply(Action::Destination("firehose:d".into()));
        assert_eq!(f.chosen(&options).as_deref(), Some("firehose:d"));
        assert_eq!(f.chosen(&options[..2]).as_deref(), Some("stream:a"));
        assert_eq!(f.chosen(&[]), None);
    }

    #[test]
    fn template_actions_edit_the_open_template_and_say_they_need_saving() {
        let mut f = form();
        let pick = Action::PickTemplate(2);
        assert!(pick.changes_templates());
        f.apply(Action::Tested(Ok(vec!["x".into()])));
        assert_eq!(f.samples, ["x"]);
        f.apply(pick);
        assert!(f.samples.is_empty());
        f.apply(Action::RenameTemplate("Mine".into()));
        f.apply(Action::EditTemplate("{{random.number(5)}}".into()));
        assert_eq!(f.book.tab_name(2), "Mine");
        assert_eq!(
            f.test_request(),
            json!({ "Template": "{{random.number(5)}}" })
        );
        assert!(f.book.current_error().is_none());
        f.apply(Action::EditTemplate("{{random.number(5)".into()));
        assert!(f.book.current_error().is_some());
        f.apply(Action::RestoreTemplate);
        assert_eq!(f.book.current(), &TemplateBook::default().templates[2]);
        f.apply(Action::RenameTemplate("  ".into()));
        assert_eq!(f.book.tab_name(2), "Template 3");
        assert!(!Action::Compress(true).changes_templates());
    }

    #[test]
    fn answers_set_and_clear_the_error() {
        let mut f = form();
        let e = ApiError::new(crate::engine::ErrorKind::ResourceNotFoundException, "gone");
        f.apply(Action::StopFailed(e.clone()));
        assert_eq!(f.error, Some(e.clone()));
        f.apply(Action::Started(Ok(())));
        assert_eq!(f.error, None);
        f.apply(Action::Tested(Ok(vec!["a".into()])));
        f.apply(Action::Tested(Err(e.clone())));
        assert!(f.samples.is_empty());
        assert_eq!(f.error, Some(e));
        assert_eq!(
            sample_records(&json!({ "Records": ["r1", 2, "r3"] })),
            ["r1", "r3"]
        );
    }

    #[test]
    fn a_saved_book_is_completed_to_five_templates() {
        let one = json!({ "selected": 9, "templates": [{ "name": "A", "body": "x" }] });
        let book = TemplateBook::from_json(&one.to_string()).unwrap();
        assert_eq!(book.templates.len(), TEMPLATE_COUNT);
        assert_eq!(book.selected, TEMPLATE_COUNT - 1);
        assert_eq!(book.templates[0].body, "x");
        assert_eq!(utf16_offset("ab\ncd", 2, 2), 4);
    }
}
