//! The workspace's state: the New dataset form, the dataset made, and the visual being built
//! (its type, field wells and options). Changed only by [`Action`]s.

use crate::analysis::source::Loaded;
use crate::analysis::visuals::{Aggregate, TimeGrain};
use crate::analysis::{summarize_all, FieldSummary, FieldType, VisualKind};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// Where New dataset reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    S3,
    Stream,
}

/// A field well of a visual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Well {
    X,
    Y,
    Value,
    Group,
    Size,
    Rows,
    Columns,
}

impl Well {
    /// The observation fact that names the field in it.
    pub fn fact(self) -> &'static str {
        match self {
            Well::X => "x",
            Well::Y => "y",
            Well::Value => "value",
            Well::Group => "group",
            Well::Size => "size",
            Well::Rows => "rows",
            Well::Columns => "columns",
        }
    }
}

/// Which fields a well takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    Number,
    Time,
    /// Any field, as categories.
    Any,
}

impl Accept {
    pub fn takes(self, t: FieldType) -> bool {
        match self {
            Accept::Number => t == FieldType::Number,
            Accept::Time => t == FieldType::Timestamp,
            Accept::Any => true,
        }
    }
}

/// One well of a visual type: which, its name on the page, what it takes, whether it must
/// be filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub well: Well,
    pub label: &'static str,
    pub accept: Accept,
    pub required: bool,
}

const fn slot(well: Well, label: &'static str, accept: Accept, required: bool) -> Slot {
    Slot {
        well,
        label,
        accept,
        required,
    }
}

use Accept::{Any, Number, Time};
use Well::{Columns, Group, Rows, Size, Value, X, Y};

const HISTOGRAM: &[Slot] = &[slot(Value, "Value", Number, true)];
const BOX_PLOT: &[Slot] = &[
    slot(Value, "Value", Number, true),
    slot(Group, "Group by", Any, false),
];
const SCATTER: &[Slot] = &[
    slot(X, "X axis", Number, true),
    slot(Y, "Y axis", Number, true),
    slot(Size, "Size", Number, false),
    slot(Group, "Group/Color", Any, false),
];
const HEAT_MAP: &[Slot] = &[
    slot(Rows, "Rows", Any, true),
    slot(Columns, "Columns", Any, true),
    slot(Value, "Values", Number, false),
];
const LINE: &[Slot] = &[
    slot(X, "X axis", Time, true),
    slot(Value, "Value", Number, false),
];
const BAR: &[Slot] = &[
    slot(X, "X axis", Any, true),
    slot(Value, "Value", Number, false),
];
const PIE: &[Slot] = &[
    slot(Group, "Group/Color", Any, true),
    slot(Value, "Value", Number, false),
];
const KPI: &[Slot] = &[
    slot(Value, "Value", Number, false),
    slot(X, "Trend group", Time, false),
];

/// The field wells of each visual type, named as QuickSight names them.
pub fn slots(kind: VisualKind) -> &'static [Slot] {
    match kind {
        VisualKind::Histogram => HISTOGRAM,
        VisualKind::BoxPlot => BOX_PLOT,
        VisualKind::Scatter => SCATTER,
        VisualKind::HeatMap => HEAT_MAP,
        VisualKind::CorrelationMatrix | VisualKind::Table => &[],
        VisualKind::Line => LINE,
        VisualKind::Bar => BAR,
        VisualKind::Pie => PIE,
        VisualKind::Kpi => KPI,
    }
}

/// The visual types the picker offers, in its order.
pub const PICKER: &[VisualKind] = &[
    VisualKind::Histogram,
    VisualKind::BoxPlot,
    VisualKind::Scatter,
    VisualKind::HeatMap,
    VisualKind::CorrelationMatrix,
    VisualKind::Line,
    VisualKind::Bar,
    VisualKind::Pie,
    VisualKind::Kpi,
];

/// The visual type as lab observations and the picker's values name it.
pub fn visual_id(kind: VisualKind) -> &'static str {
    match kind {
        VisualKind::Histogram => "histogram",
        VisualKind::BoxPlot => "box_plot",
        VisualKind::Scatter => "scatter",
        VisualKind::HeatMap => "heat_map",
        VisualKind::CorrelationMatrix => "correlation_matrix",
        VisualKind::Line => "line",
        VisualKind::Bar => "bar",
        VisualKind::Pie => "pie",
        VisualKind::Kpi => "kpi",
        VisualKind::Table => "table",
    }
}

/// `HistogramBinOptions.SelectedBinType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinType {
    Count,
    Width,
}

/// What the visual is built from.
#[derive(Debug, Clone, PartialEq)]
pub struct VisualConfig {
    pub kind: VisualKind,
    pub wells: BTreeMap<Well, String>,
    /// The aggregation of the Value well.
    pub aggregate: Aggregate,
    pub bin_type: BinType,
    /// As typed.
    pub bin_count: String,
    pub bin_width: String,
    pub outliers_shown: bool,
    pub grain: TimeGrain,
}

impl Default for VisualConfig {
    fn default() -> Self {
        VisualConfig {
            kind: VisualKind::Histogram,
            wells: BTreeMap::new(),
            aggregate: Aggregate::Average,
            bin_type: BinType::Count,
            bin_count: "10".into(),
            bin_width: "10".into(),
            outliers_shown: true,
            grain: TimeGrain::Minute,
        }
    }
}

impl VisualConfig {
    pub fn well(&self, w: Well) -> Option<&str> {
        self.wells.get(&w).map(String::as_str)
    }
}

/// The whole workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub source: SourceKind,
    pub bucket: String,
    pub prefix: String,
    pub stream: String,
    /// Why the last New dataset failed.
    pub error: Option<String>,
    pub loaded: Option<Rc<Loaded>>,
    pub summaries: Rc<Vec<FieldSummary>>,
    pub visual: VisualConfig,
    /// The fields ticked for AutoGraph.
    pub chosen: Vec<String>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            source: SourceKind::S3,
            bucket: String::new(),
            prefix: String::new(),
            stream: String::new(),
            error: None,
            loaded: None,
            summaries: Rc::new(Vec::new()),
            visual: VisualConfig::default(),
            chosen: Vec::new(),
        }
    }
}

pub enum Action {
    Source(SourceKind),
    Bucket(String),
    Prefix(String),
    Stream(String),
    /// New dataset's outcome.
    Loaded(Result<Loaded, String>),
    Visual(VisualKind),
    Well(Well, Option<String>),
    Aggregate(Aggregate),
    BinType(BinType),
    BinCount(String),
    BinWidth(String),
    Outliers(bool),
    Grain(TimeGrain),
    /// A field ticked (true) or not for AutoGraph.
    Choose(String, bool),
    /// AutoGraph's visual, with the chosen fields in its wells.
    UseSuggestion(VisualKind),
}

impl Workspace {
    fn field_type(&self, name: &str) -> Option<FieldType> {
        self.summaries
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.kind)
    }

    /// Fills the wells of `kind` from the chosen fields, each into the first empty well that
    /// takes it (numbers before categories, as AutoGraph reads them).
    fn fill_from_chosen(&mut self, kind: VisualKind) {
        let mut wells = BTreeMap::new();
        let mut fields: Vec<(String, FieldType)> = self
            .chosen
            .iter()
            .filter_map(|n| self.field_type(n).map(|t| (n.clone(), t)))
            .collect();
        // Typed wells first: a number or time takes its own well before a category well.
        for pass in [true, false] {
            for s in slots(kind) {
                if wells.contains_key(&s.well) || (s.accept == Accept::Any) == pass {
                    continue;
                }
                if let Some(i) = fields.iter().position(|(_, t)| {
                    s.accept.takes(*t) && (s.accept != Accept::Any || t.is_dimension())
                }) {
                    wells.insert(s.well, fields.remove(i).0);
                }
            }
        }
        self.visual.kind = kind;
        self.visual.wells = wells;
    }
}

/// The dataset and its summaries compare by identity: a new one is a new New dataset, and a
/// render never compares 100,000 rows.
impl PartialEq for Workspace {
    fn eq(&self, o: &Self) -> bool {
        let same_loaded = match (&self.loaded, &o.loaded) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_loaded
            && Rc::ptr_eq(&self.summaries, &o.summaries)
            && (
                self.source,
                &self.bucket,
                &self.prefix,
                &self.stream,
                &self.error,
            ) == (o.source, &o.bucket, &o.prefix, &o.stream, &o.error)
            && self.visual == o.visual
            && self.chosen == o.chosen
    }
}

impl Reducible for Workspace {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Source(s) => next.source = s,
            Action::Bucket(b) => next.bucket = b,
            Action::Prefix(p) => next.prefix = p,
            Action::Stream(s) => next.stream = s,
            Action::Loaded(Ok(loaded)) => {
                next.error = None;
                next.summaries = Rc::new(summarize_all(&loaded.dataset));
                // Wells that name a field the new dataset lacks are emptied.
                let names: Vec<&str> = next.summaries.iter().map(|s| s.name.as_str()).collect();
                next.visual.wells.retain(|_, f| names.contains(&f.as_str()));
                next.chosen.retain(|f| names.contains(&f.as_str()));
                next.loaded = Some(Rc::new(loaded));
            }
            Action::Loaded(Err(e)) => next.error = Some(e),
            Action::Visual(k) => {
                // Fields stay in the wells the new type has and that take them (as the
                // console keeps what fits when the visual type changes).
                let fits: BTreeMap<Well, String> = std::mem::take(&mut next.visual.wells)
                    .into_iter()
                    .filter(|(w, f)| {
                        let kind = next.field_type(f);
                        slots(k)
                            .iter()
                            .any(|s| s.well == *w && kind.is_some_and(|t| s.accept.takes(t)))
                    })
                    .collect();
                next.visual.kind = k;
                next.visual.wells = fits;
            }
            Action::Well(w, None) => {
                next.visual.wells.remove(&w);
            }
            Action::Well(w, Some(f)) => {
                next.visual.wells.insert(w, f);
            }
            Action::Aggregate(a) => next.visual.aggregate = a,
            Action::BinType(t) => next.visual.bin_type = t,
            Action::BinCount(c) => next.visual.bin_count = c,
            Action::BinWidth(w) => next.visual.bin_width = w,
            Action::Outliers(o) => next.visual.outliers_shown = o,
            Action::Grain(g) => next.visual.grain = g,
            Action::Choose(f, on) => {
                next.chosen.retain(|x| *x != f);
                if on {
                    next.chosen.push(f);
                }
            }
            Action::UseSuggestion(kind) => next.fill_from_chosen(kind),
        }
        Rc::new(next)
    }
}
