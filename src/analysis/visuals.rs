//! What each visual shows, computed from a [`Dataset`]: the numbers only; [`super::draw`] lays
//! them out. Option names follow the QuickSight API (`HistogramBinOptions`, `OutlierVisibility`,
//! aggregations `COUNT`, `SUM`…), and errors about options read like its validation errors.

use super::dataset::{Column, Dataset, Value};
use super::fields::{self, FieldType, Quartiles};
use crate::text::thousands;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// The label of a missing category.
pub const EMPTY: &str = "(empty)";
/// `BinWidth.BinCountLimit`'s maximum (and the limit when none is given).
pub const BIN_COUNT_LIMIT: u32 = 1000;
/// Heat maps show up to 50 rows × 50 columns.
pub const HEAT_MAP_LIMIT: usize = 50;
/// The points a scatter plot draws before it samples: QuickSight's limit for a scatter plot
/// with a colour group (2,500; 50 without one, for aggregated points).
pub const SCATTER_LIMIT: usize = 2_500;
/// The most points a line chart computes (choose a coarser grain beyond).
pub const LINE_POINTS_LIMIT: usize = 10_000;
/// The most bars a bar chart shows; the rest are counted.
pub const BAR_LIMIT: usize = 50;

/// Why a visual can't be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum VisualError {
    UnknownField(String),
    /// The field is not of a type the well takes.
    WrongType {
        field: String,
        kind: FieldType,
        expected: &'static str,
    },
    /// An option out of its range, as the API's validation says it.
    Validation {
        path: &'static str,
        value: String,
        constraint: String,
    },
    /// BIN_WIDTH would make more bins than the limit.
    TooManyBins {
        width: f64,
        bins: f64,
        limit: u32,
    },
    /// No value to draw.
    NoValues(String),
    /// A pie slice can't be negative.
    NegativeSlice {
        category: String,
        value: f64,
    },
    TooManyPoints {
        points: usize,
        limit: usize,
    },
}

impl fmt::Display for VisualError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VisualError::UnknownField(name) => {
                write!(f, "The dataset has no field named '{name}'.")
            }
            VisualError::WrongType {
                field,
                kind,
                expected,
            } => write!(
                f,
                "The field '{field}' is a {kind}; this field well takes {expected}."
            ),
            VisualError::Validation {
                path,
                value,
                constraint,
            } => write!(
                f,
                "1 validation error detected: Value '{value}' at '{path}' failed to satisfy \
                 constraint: {constraint}"
            ),
            VisualError::TooManyBins { width, bins, limit } => write!(
                f,
                "A bin width of {} makes {} bins, more than the bin count limit ({}). Choose a \
                 wider bin, a higher BinCountLimit (at most {BIN_COUNT_LIMIT}) or BIN_COUNT.",
                fields::number_text(*width),
                if *bins > 1e15 {
                    "too many".to_string()
                } else {
                    thousands(*bins as u64)
                },
                thousands(u64::from(*limit)),
            ),
            VisualError::NoValues(field) => write!(f, "The field '{field}' has no values to show."),
            VisualError::NegativeSlice { category, value } => write!(
                f,
                "A pie chart can't show the negative value {} of '{category}'.",
                fields::number_text(*value)
            ),
            VisualError::TooManyPoints { points, limit } => write!(
                f,
                "The chart would have {} points, more than {}. Choose a coarser time grain.",
                thousands(*points as u64),
                thousands(*limit as u64)
            ),
        }
    }
}

impl std::error::Error for VisualError {}

fn column<'a>(ds: &'a Dataset, name: &str) -> Result<&'a Column, VisualError> {
    ds.column(name)
        .ok_or_else(|| VisualError::UnknownField(name.to_string()))
}

pub(super) fn numeric<'a>(ds: &'a Dataset, name: &str) -> Result<&'a Column, VisualError> {
    let c = column(ds, name)?;
    if c.kind != FieldType::Number {
        return Err(VisualError::WrongType {
            field: name.to_string(),
            kind: c.kind,
            expected: "a number",
        });
    }
    Ok(c)
}

fn time<'a>(ds: &'a Dataset, name: &str) -> Result<&'a Column, VisualError> {
    let c = column(ds, name)?;
    if c.kind != FieldType::Timestamp {
        return Err(VisualError::WrongType {
            field: name.to_string(),
            kind: c.kind,
            expected: "a timestamp",
        });
    }
    Ok(c)
}

fn label(v: &Value) -> String {
    v.label().unwrap_or_else(|| EMPTY.to_string())
}

/// How a measure aggregates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Aggregate {
    Count,
    DistinctCount,
    Sum,
    Average,
    Min,
    Max,
}

impl Aggregate {
    /// The API's name (`AVERAGE`).
    pub fn wire(self) -> &'static str {
        match self {
            Aggregate::Count => "COUNT",
            Aggregate::DistinctCount => "DISTINCT_COUNT",
            Aggregate::Sum => "SUM",
            Aggregate::Average => "AVERAGE",
            Aggregate::Min => "MIN",
            Aggregate::Max => "MAX",
        }
    }

    /// As a chart's axis says it (`Average`).
    pub fn title(self) -> &'static str {
        match self {
            Aggregate::Count => "Count",
            Aggregate::DistinctCount => "Distinct count",
            Aggregate::Sum => "Sum",
            Aggregate::Average => "Average",
            Aggregate::Min => "Min",
            Aggregate::Max => "Max",
        }
    }
}

/// A measure: an aggregate of a field, or the count of records when no field is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    pub field: Option<String>,
    pub aggregate: Aggregate,
}

impl Measure {
    /// The number of records.
    pub fn count() -> Measure {
        Measure {
            field: None,
            aggregate: Aggregate::Count,
        }
    }

    pub fn of(field: &str, aggregate: Aggregate) -> Measure {
        Measure {
            field: Some(field.to_string()),
            aggregate,
        }
    }

    /// `Count of records`, `Sum of price`.
    pub fn label(&self) -> String {
        match &self.field {
            None => "Count of records".to_string(),
            Some(f) => format!("{} of {f}", self.aggregate.title()),
        }
    }

    /// The column it reads: any type for counts, a number otherwise.
    fn column<'a>(&self, ds: &'a Dataset) -> Result<Option<&'a Column>, VisualError> {
        match (&self.field, self.aggregate) {
            (None, _) => Ok(None),
            (Some(f), Aggregate::Count | Aggregate::DistinctCount) => column(ds, f).map(Some),
            (Some(f), _) => numeric(ds, f).map(Some),
        }
    }
}

/// An aggregate being computed.
#[derive(Debug, Clone, Default)]
struct Acc {
    rows: usize,
    n: usize,
    sum: f64,
    min: Option<f64>,
    max: Option<f64>,
    distinct: HashSet<String>,
}

impl Acc {
    fn add(&mut self, agg: Aggregate, v: Option<&Value>) {
        self.rows += 1;
        let Some(v) = v else { return };
        if v.is_missing() {
            return;
        }
        self.n += 1;
        if agg == Aggregate::DistinctCount {
            self.distinct.insert(label(v));
        } else if let Some(x) = v.number() {
            self.sum += x;
            self.min = Some(self.min.map_or(x, |m| m.min(x)));
            self.max = Some(self.max.map_or(x, |m| m.max(x)));
        }
    }

    /// The aggregate; `None` for no value (except counts, which are 0).
    fn value(&self, m: &Measure) -> Option<f64> {
        match (m.aggregate, &m.field) {
            (Aggregate::Count, None) => Some(self.rows as f64),
            (Aggregate::Count, Some(_)) => Some(self.n as f64),
            (Aggregate::DistinctCount, _) => Some(self.distinct.len() as f64),
            (Aggregate::Sum, _) => (self.n > 0).then_some(self.sum),
            (Aggregate::Average, _) => (self.n > 0).then(|| self.sum / self.n as f64),
            (Aggregate::Min, _) => self.min,
            (Aggregate::Max, _) => self.max,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Histogram

/// `HistogramBinOptions.SelectedBinType` with its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BinOptions {
    /// `BIN_COUNT`: this many bins of equal width from the start to the largest value.
    Count(u32),
    /// `BIN_WIDTH`: bins this wide, at most `bin_count_limit` of them (1000 when absent).
    Width {
        width: f64,
        bin_count_limit: Option<u32>,
    },
}

/// `HistogramAggregatedFieldWells`' aggregation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinAggregate {
    Count,
    DistinctCount,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistogramOptions {
    pub bins: BinOptions,
    /// `StartValue`: where the first bin starts (the smallest value when absent; for
    /// BIN_WIDTH, that value rounded down to a multiple of the width). Values below it are
    /// counted apart.
    pub start_value: Option<f64>,
    pub aggregate: BinAggregate,
}

impl Default for HistogramOptions {
    /// BIN_COUNT with 10 bins, COUNT.
    fn default() -> Self {
        HistogramOptions {
            bins: BinOptions::Count(10),
            start_value: None,
            aggregate: BinAggregate::Count,
        }
    }
}

/// One bin: `[start, end)`, the last one closed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    pub start: f64,
    pub end: f64,
    /// Values in the bin.
    pub count: usize,
    /// The bin's height: `count`, or its distinct values for DISTINCT_COUNT.
    pub value: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    pub field: String,
    pub options: HistogramOptions,
    pub bins: Vec<Bin>,
    /// Missing or invalid values (not in any bin).
    pub missing: usize,
    /// Values below `StartValue` (not in any bin).
    pub below_start: usize,
}

impl Histogram {
    /// Values in the bins.
    pub fn binned(&self) -> usize {
        self.bins.iter().map(|b| b.count).sum()
    }
}

fn validation(path: &'static str, value: impl fmt::Display, constraint: &str) -> VisualError {
    VisualError::Validation {
        path,
        value: value.to_string(),
        constraint: constraint.to_string(),
    }
}

/// A histogram of a numeric field.
pub fn histogram(
    ds: &Dataset,
    field: &str,
    options: &HistogramOptions,
) -> Result<Histogram, VisualError> {
    let c = numeric(ds, field)?;
    let values: Vec<f64> = c.values.iter().filter_map(Value::number).collect();
    histogram_of(field, &values, c.values.len() - values.len(), options)
}

/// A histogram of given values (`missing` is reported as is).
pub fn histogram_of(
    field: &str,
    values: &[f64],
    missing: usize,
    options: &HistogramOptions,
) -> Result<Histogram, VisualError> {
    if let Some(s) = options.start_value {
        if !s.is_finite() {
            return Err(validation(
                "binOptions.startValue",
                s,
                "Member must be a finite number",
            ));
        }
    }
    let (min, max) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        });
    let (start, width, count) = match options.bins {
        BinOptions::Count(n) => {
            if !(1..=BIN_COUNT_LIMIT).contains(&n) {
                return Err(validation(
                    "binOptions.binCount.value",
                    n,
                    &format!("Member must have value between 1 and {BIN_COUNT_LIMIT}"),
                ));
            }
            let (start, span) = match (options.start_value, values.is_empty()) {
                (Some(s), true) => (s, 1.0),
                (None, true) => (0.0, 1.0),
                // All values equal: one unit centred on them.
                (None, false) if max == min => (min - 0.5, 1.0),
                (None, false) => (min, max - min),
                (Some(s), false) if max > s => (s, max - s),
                (Some(s), false) => (s, 1.0),
            };
            (start, span / f64::from(n), n as usize)
        }
        BinOptions::Width {
            width,
            bin_count_limit,
        } => {
            if !(width.is_finite() && width > 0.0) {
                return Err(validation(
                    "binOptions.binWidth.value",
                    width,
                    "Member must have value greater than 0",
                ));
            }
            let limit = bin_count_limit.unwrap_or(BIN_COUNT_LIMIT);
            if !(1..=BIN_COUNT_LIMIT).contains(&limit) {
                return Err(validation(
                    "binOptions.binWidth.binCountLimit",
                    limit,
                    &format!("Member must have value between 1 and {BIN_COUNT_LIMIT}"),
                ));
            }
            let start = match options.start_value {
                Some(s) => s,
                None if values.is_empty() => 0.0,
                None => (min / width).floor() * width,
            };
            let bins = if values.is_empty() || max < start {
                1.0
            } else {
                ((max - start) / width).floor() + 1.0
            };
            if bins > f64::from(limit) {
                return Err(VisualError::TooManyBins { width, bins, limit });
            }
            (start, width, bins as usize)
        }
    };
    let mut counts = vec![0usize; count];
    let mut distinct: Vec<HashSet<u64>> = match options.aggregate {
        BinAggregate::Count => Vec::new(),
        BinAggregate::DistinctCount => vec![HashSet::new(); count],
    };
    let mut below = 0;
    for &x in values {
        if x < start {
            below += 1;
            continue;
        }
        let i = (((x - start) / width).floor() as usize).min(count - 1);
        counts[i] += 1;
        if let Some(d) = distinct.get_mut(i) {
            d.insert(if x == 0.0 { 0 } else { x.to_bits() });
        }
    }
    let bins = counts
        .iter()
        .enumerate()
        .map(|(i, &n)| Bin {
            start: start + i as f64 * width,
            end: start + (i + 1) as f64 * width,
            count: n,
            value: distinct.get(i).map_or(n, HashSet::len),
        })
        .collect();
    Ok(Histogram {
        field: field.to_string(),
        options: *options,
        bins,
        missing,
        below_start: below,
    })
}

// ---------------------------------------------------------------------------------------------
// Box plot

/// `BoxPlotOptions.OutlierVisibility`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlierVisibility {
    Hidden,
    Visible,
}

/// One box.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxGroup {
    /// The category, when grouped.
    pub category: Option<String>,
    pub n: usize,
    pub quartiles: Quartiles,
    pub mean: f64,
    /// The most extreme values within 1.5 × IQR of the box (never inside the box).
    pub lower_whisker: f64,
    pub upper_whisker: f64,
    /// Values beyond the whiskers, ascending (empty when outliers are hidden).
    pub outliers: Vec<f64>,
    /// How many there are, shown or not.
    pub outlier_count: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BoxPlot {
    pub field: String,
    pub group_by: Option<String>,
    pub outliers: OutlierVisibility,
    /// By category label.
    pub groups: Vec<BoxGroup>,
    /// Missing or invalid values.
    pub missing: usize,
}

/// The box of sorted values.
pub fn box_of(
    category: Option<String>,
    sorted: &[f64],
    outliers: OutlierVisibility,
) -> Option<BoxGroup> {
    let q = Quartiles::of_sorted(sorted)?;
    let lo_fence = q.q1 - 1.5 * q.iqr();
    let hi_fence = q.q3 + 1.5 * q.iqr();
    // Sparse data can leave no value between a fence and the box: the whisker then stops at
    // the box (as matplotlib draws it).
    let lower = sorted
        .iter()
        .copied()
        .find(|&x| x >= lo_fence)
        .map_or(q.q1, |x| x.min(q.q1));
    let upper = sorted
        .iter()
        .rev()
        .copied()
        .find(|&x| x <= hi_fence)
        .map_or(q.q3, |x| x.max(q.q3));
    let out: Vec<f64> = sorted
        .iter()
        .copied()
        .filter(|&x| x < lo_fence || x > hi_fence)
        .collect();
    let (mean, _) = fields::mean_sd(sorted.iter().copied());
    Some(BoxGroup {
        category,
        n: sorted.len(),
        quartiles: q,
        mean: mean.unwrap_or(f64::NAN),
        lower_whisker: lower,
        upper_whisker: upper,
        outlier_count: out.len(),
        outliers: match outliers {
            OutlierVisibility::Visible => out,
            OutlierVisibility::Hidden => Vec::new(),
        },
    })
}

/// A box plot of a numeric field, one box per category of `group_by` (or one box).
pub fn box_plot(
    ds: &Dataset,
    field: &str,
    group_by: Option<&str>,
    outliers: OutlierVisibility,
) -> Result<BoxPlot, VisualError> {
    let c = numeric(ds, field)?;
    let g = group_by.map(|g| column(ds, g)).transpose()?;
    let mut by: HashMap<String, Vec<f64>> = HashMap::new();
    let mut missing = 0;
    for (i, v) in c.values.iter().enumerate() {
        let Some(x) = v.number() else {
            missing += 1;
            continue;
        };
        let key = g.map_or_else(String::new, |g| label(&g.values[i]));
        by.entry(key).or_default().push(x);
    }
    let mut keys: Vec<String> = by.keys().cloned().collect();
    keys.sort();
    let groups = keys
        .into_iter()
        .filter_map(|k| {
            let mut v = by.remove(&k)?;
            v.sort_unstable_by(f64::total_cmp);
            box_of(g.map(|_| k), &v, outliers)
        })
        .collect();
    Ok(BoxPlot {
        field: field.to_string(),
        group_by: group_by.map(str::to_string),
        outliers,
        groups,
        missing,
    })
}

// ---------------------------------------------------------------------------------------------
// Scatter plot

/// A seeded, deterministic choice of `limit` of `n` indices (all when `n ≤ limit`), ascending:
/// each index gets a SplitMix64 hash of the seed and itself, and the smallest hashes win. The
/// same seed picks the same rows, whatever the platform.
pub fn sample_indices(n: usize, limit: usize, seed: u64) -> Vec<usize> {
    if n <= limit {
        return (0..n).collect();
    }
    let mut keyed: Vec<(u64, usize)> = (0..n).map(|i| (splitmix(seed, i as u64), i)).collect();
    if limit > 0 {
        keyed.select_nth_unstable(limit - 1);
    }
    let mut chosen: Vec<usize> = keyed[..limit].iter().map(|&(_, i)| i).collect();
    chosen.sort_unstable();
    chosen
}

fn splitmix(seed: u64, i: u64) -> u64 {
    let mut z = seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Pearson's correlation coefficient of paired values; `None` below two pairs or when either
/// side does not vary.
pub fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let (sxx, syy, sxy, _, _) = moments(xs, ys)?;
    if sxx <= 0.0 || syy <= 0.0 {
        return None;
    }
    Some((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Centred sums of squares and products, and the means.
fn moments(xs: &[f64], ys: &[f64]) -> Option<(f64, f64, f64, f64, f64)> {
    let n = xs.len().min(ys.len());
    if n < 2 {
        return None;
    }
    let mx = xs[..n].iter().sum::<f64>() / n as f64;
    let my = ys[..n].iter().sum::<f64>() / n as f64;
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for (x, y) in xs[..n].iter().zip(&ys[..n]) {
        let (dx, dy) = (x - mx, y - my);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    Some((sxx, syy, sxy, mx, my))
}

/// A least-squares line `y = slope·x + intercept`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    pub slope: f64,
    pub intercept: f64,
}

impl Trend {
    pub fn at(&self, x: f64) -> f64 {
        self.slope * x + self.intercept
    }
}

/// The least-squares line of paired values; `None` below two pairs or when x does not vary.
pub fn trend(xs: &[f64], ys: &[f64]) -> Option<Trend> {
    let (sxx, _, sxy, mx, my) = moments(xs, ys)?;
    if sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    Some(Trend {
        slope,
        intercept: my - slope * mx,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScatterOptions {
    pub x: String,
    pub y: String,
    /// A third measure: the bubbles' size.
    pub size: Option<String>,
    /// A dimension: the points' colour.
    pub color: Option<String>,
    /// Points drawn before sampling.
    pub limit: usize,
    pub seed: u64,
}

impl ScatterOptions {
    pub fn new(x: &str, y: &str) -> Self {
        ScatterOptions {
            x: x.to_string(),
            y: y.to_string(),
            size: None,
            color: None,
            limit: SCATTER_LIMIT,
            seed: 0x5EED,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScatterPoint {
    /// The dataset's row.
    pub row: usize,
    pub x: f64,
    pub y: f64,
    pub size: Option<f64>,
    /// Index into [`Scatter::colors`].
    pub color: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scatter {
    pub options: ScatterOptions,
    /// The points drawn (all of them, or a sample of `options.limit`).
    pub points: Vec<ScatterPoint>,
    /// Rows with both x and y.
    pub total: usize,
    /// Rows missing x or y.
    pub missing: usize,
    pub sampled: bool,
    /// Over every pair, not only the sample.
    pub pearson: Option<f64>,
    pub trend: Option<Trend>,
    /// The colour field's categories, in order of first appearance.
    pub colors: Vec<String>,
}

impl Scatter {
    /// What the chart says about sampling: `Showing 2,500 of 100,000 points (a deterministic
    /// sample; the limit is 2,500).`
    pub fn sampling_note(&self) -> Option<String> {
        self.sampled.then(|| {
            format!(
                "Showing {} of {} points: a deterministic sample, since the limit is {}. The \
                 correlation and trend line use every point.",
                thousands(self.points.len() as u64),
                thousands(self.total as u64),
                thousands(self.options.limit as u64)
            )
        })
    }
}

pub fn scatter(ds: &Dataset, options: &ScatterOptions) -> Result<Scatter, VisualError> {
    let xc = numeric(ds, &options.x)?;
    let yc = numeric(ds, &options.y)?;
    let sc = options
        .size
        .as_deref()
        .map(|s| numeric(ds, s))
        .transpose()?;
    let cc = options
        .color
        .as_deref()
        .map(|c| column(ds, c))
        .transpose()?;
    let mut rows = Vec::new();
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for (i, (x, y)) in xc.values.iter().zip(&yc.values).enumerate() {
        if let (Some(x), Some(y)) = (x.number(), y.number()) {
            rows.push(i);
            xs.push(x);
            ys.push(y);
        }
    }
    let total = rows.len();
    let chosen = sample_indices(total, options.limit, options.seed);
    let mut colors: Vec<String> = Vec::new();
    let mut color_index: HashMap<String, usize> = HashMap::new();
    let points = chosen
        .iter()
        .map(|&k| {
            let row = rows[k];
            let color = cc.map(|c| {
                let l = label(&c.values[row]);
                *color_index.entry(l.clone()).or_insert_with(|| {
                    colors.push(l);
                    colors.len() - 1
                })
            });
            ScatterPoint {
                row,
                x: xs[k],
                y: ys[k],
                size: sc.and_then(|s| s.values[row].number()),
                color,
            }
        })
        .collect();
    Ok(Scatter {
        options: options.clone(),
        points,
        total,
        missing: xc.values.len() - total,
        sampled: total > options.limit,
        pearson: pearson(&xs, &ys),
        trend: trend(&xs, &ys),
        colors,
    })
}

// ---------------------------------------------------------------------------------------------
// Heat map and correlation matrix

#[derive(Debug, Clone, PartialEq)]
pub struct HeatMap {
    pub row_field: String,
    pub column_field: String,
    pub measure: Measure,
    /// The rows and columns shown: the [`HEAT_MAP_LIMIT`] with the most records, by label.
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    /// `cells[row][column]`; `None` where no record falls.
    pub cells: Vec<Vec<Option<f64>>>,
    pub hidden_rows: usize,
    pub hidden_columns: usize,
    /// Records in the hidden rows or columns.
    pub hidden_records: usize,
}

impl HeatMap {
    /// The smallest and largest cell.
    pub fn range(&self) -> Option<(f64, f64)> {
        let mut it = self.cells.iter().flatten().flatten().copied();
        let first = it.next()?;
        Some(it.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
    }

    /// `3 more rows and 12 more columns (40 records) are not shown.`
    pub fn hidden_note(&self) -> Option<String> {
        if self.hidden_rows == 0 && self.hidden_columns == 0 {
            return None;
        }
        Some(format!(
            "{} more rows and {} more columns ({} records) are not shown: a heat map shows up \
             to {HEAT_MAP_LIMIT} × {HEAT_MAP_LIMIT}.",
            self.hidden_rows,
            self.hidden_columns,
            thousands(self.hidden_records as u64)
        ))
    }
}

/// The `limit` labels with the most records, then sorted by label; and how many are left.
fn top_labels(counts: &HashMap<String, usize>, limit: usize) -> (Vec<String>, usize) {
    let mut v: Vec<(&String, &usize)> = counts.iter().collect();
    v.sort_unstable_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let hidden = v.len().saturating_sub(limit);
    let mut kept: Vec<String> = v.into_iter().take(limit).map(|(l, _)| l.clone()).collect();
    kept.sort();
    (kept, hidden)
}

/// A heat map of `measure` for each (row category, column category).
pub fn heat_map(
    ds: &Dataset,
    row_field: &str,
    column_field: &str,
    measure: &Measure,
) -> Result<HeatMap, VisualError> {
    let rc = column(ds, row_field)?;
    let cc = column(ds, column_field)?;
    let mc = measure.column(ds)?;
    let mut accs: HashMap<(String, String), Acc> = HashMap::new();
    let mut row_counts: HashMap<String, usize> = HashMap::new();
    let mut col_counts: HashMap<String, usize> = HashMap::new();
    for i in 0..ds.rows {
        let (r, c) = (label(&rc.values[i]), label(&cc.values[i]));
        *row_counts.entry(r.clone()).or_default() += 1;
        *col_counts.entry(c.clone()).or_default() += 1;
        accs.entry((r, c))
            .or_default()
            .add(measure.aggregate, mc.map(|m| &m.values[i]));
    }
    let (rows, hidden_rows) = top_labels(&row_counts, HEAT_MAP_LIMIT);
    let (columns, hidden_columns) = top_labels(&col_counts, HEAT_MAP_LIMIT);
    let row_at: HashMap<&str, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.as_str(), i))
        .collect();
    let col_at: HashMap<&str, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let mut cells = vec![vec![None; columns.len()]; rows.len()];
    let mut hidden_records = 0;
    for ((r, c), acc) in &accs {
        match (row_at.get(r.as_str()), col_at.get(c.as_str())) {
            (Some(&i), Some(&j)) => cells[i][j] = acc.value(measure),
            _ => hidden_records += acc.rows,
        }
    }
    Ok(HeatMap {
        row_field: row_field.to_string(),
        column_field: column_field.to_string(),
        measure: measure.clone(),
        rows,
        columns,
        cells,
        hidden_rows,
        hidden_columns,
        hidden_records,
    })
}

/// Pearson's r between every two numeric fields, over the rows where both are present.
#[derive(Debug, Clone, PartialEq)]
pub struct CorrelationMatrix {
    pub fields: Vec<String>,
    /// `r[i][j]`; 1 on the diagonal for a field that varies, `None` where r is undefined.
    pub r: Vec<Vec<Option<f64>>>,
    /// Rows used for each pair.
    pub n: Vec<Vec<usize>>,
    /// Numeric fields beyond the first [`HEAT_MAP_LIMIT`], not in the matrix.
    pub hidden_fields: usize,
}

pub fn correlation_matrix(ds: &Dataset) -> CorrelationMatrix {
    let cols: Vec<&Column> = ds
        .columns
        .iter()
        .filter(|c| c.kind == FieldType::Number)
        .collect();
    let hidden_fields = cols.len().saturating_sub(HEAT_MAP_LIMIT);
    let cols = &cols[..cols.len().min(HEAT_MAP_LIMIT)];
    let k = cols.len();
    let nums: Vec<Vec<Option<f64>>> = cols
        .iter()
        .map(|c| c.values.iter().map(Value::number).collect())
        .collect();
    let mut r = vec![vec![None; k]; k];
    let mut n = vec![vec![0; k]; k];
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for i in 0..k {
        for j in i..k {
            xs.clear();
            ys.clear();
            for (a, b) in nums[i].iter().zip(&nums[j]) {
                if let (Some(a), Some(b)) = (a, b) {
                    xs.push(*a);
                    ys.push(*b);
                }
            }
            let v = pearson(&xs, &ys);
            r[i][j] = v;
            r[j][i] = v;
            n[i][j] = xs.len();
            n[j][i] = xs.len();
        }
    }
    CorrelationMatrix {
        fields: cols.iter().map(|c| c.name.clone()).collect(),
        r,
        n,
        hidden_fields,
    }
}

// ---------------------------------------------------------------------------------------------
// Line chart

/// The time grain a line chart aggregates by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeGrain {
    Minute,
    Hour,
    Day,
}

impl TimeGrain {
    pub fn millis(self) -> i64 {
        match self {
            TimeGrain::Minute => 60_000,
            TimeGrain::Hour => 3_600_000,
            TimeGrain::Day => 86_400_000,
        }
    }

    /// The start of the period holding `t`.
    pub fn floor(self, t: i64) -> i64 {
        t - t.rem_euclid(self.millis())
    }

    pub fn name(self) -> &'static str {
        match self {
            TimeGrain::Minute => "minute",
            TimeGrain::Hour => "hour",
            TimeGrain::Day => "day",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    pub time_field: String,
    pub measure: Measure,
    pub grain: TimeGrain,
    /// Each period from the first to the last, with its value (`None`: no value that period;
    /// counts are 0 instead).
    pub points: Vec<(i64, Option<f64>)>,
    /// Rows without a time.
    pub missing_time: usize,
}

pub fn line_chart(
    ds: &Dataset,
    time_field: &str,
    measure: &Measure,
    grain: TimeGrain,
) -> Result<LineChart, VisualError> {
    let tc = time(ds, time_field)?;
    let mc = measure.column(ds)?;
    let mut by: HashMap<i64, Acc> = HashMap::new();
    let mut missing_time = 0;
    for (i, t) in tc.values.iter().enumerate() {
        let Value::Time(t) = t else {
            missing_time += 1;
            continue;
        };
        by.entry(grain.floor(*t))
            .or_default()
            .add(measure.aggregate, mc.map(|m| &m.values[i]));
    }
    let (Some(&first), Some(&last)) = (by.keys().min(), by.keys().max()) else {
        return Err(VisualError::NoValues(time_field.to_string()));
    };
    let points = ((last - first) / grain.millis()) as usize + 1;
    if points > LINE_POINTS_LIMIT {
        return Err(VisualError::TooManyPoints {
            points,
            limit: LINE_POINTS_LIMIT,
        });
    }
    let empty = Acc::default();
    let points = (0..points)
        .map(|k| {
            let t = first + k as i64 * grain.millis();
            (t, by.get(&t).unwrap_or(&empty).value(measure))
        })
        .collect();
    Ok(LineChart {
        time_field: time_field.to_string(),
        measure: measure.clone(),
        grain,
        points,
        missing_time,
    })
}

/// `ForecastComputation.Seasonality`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seasonality {
    Automatic,
    /// `CustomSeasonalityValue`, 1–180 periods.
    Custom(u32),
}

/// A line chart's ML-powered forecast (`ForecastComputation`): its options and their limits.
/// The forecast itself is [`super::insights::forecast`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForecastOptions {
    /// `PeriodsForward`, 1–1000.
    pub periods_forward: u32,
    /// `PeriodsBackward`, 0–1000.
    pub periods_backward: u32,
    /// `PredictionInterval`, 50–95 (percent).
    pub prediction_interval: u32,
    pub seasonality: Seasonality,
}

impl ForecastOptions {
    /// Whether the options are in range, or the first that is not, in the API's words.
    pub fn validate(&self) -> Result<(), VisualError> {
        let check = |path: &'static str, v: u32, lo: u32, hi: u32| {
            if (lo..=hi).contains(&v) {
                Ok(())
            } else {
                Err(validation(
                    path,
                    v,
                    &format!("Member must have value between {lo} and {hi}"),
                ))
            }
        };
        check("forecast.periodsForward", self.periods_forward, 1, 1000)?;
        check("forecast.periodsBackward", self.periods_backward, 0, 1000)?;
        check(
            "forecast.predictionInterval",
            self.prediction_interval,
            50,
            95,
        )?;
        if let Seasonality::Custom(n) = self.seasonality {
            check("forecast.customSeasonalityValue", n, 1, 180)?;
        }
        Ok(())
    }

    /// A forecast needs a time dimension: the field must be a timestamp.
    pub fn check_field(ds: &Dataset, time_field: &str) -> Result<(), VisualError> {
        time(ds, time_field).map(|_| ())
    }
}

// ---------------------------------------------------------------------------------------------
// Bar, pie, KPI

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    /// Largest first (ties by category).
    ValueDescending,
    ValueAscending,
    Category,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub category_field: String,
    pub measure: Measure,
    /// Categories with a value, sorted; at most [`BAR_LIMIT`].
    pub bars: Vec<(String, f64)>,
    /// Categories past the limit.
    pub hidden: usize,
}

/// Each category's aggregate (categories without a value are left out), sorted by category.
fn per_category(
    ds: &Dataset,
    category: &str,
    measure: &Measure,
) -> Result<Vec<(String, f64)>, VisualError> {
    let cc = column(ds, category)?;
    let mc = measure.column(ds)?;
    let mut by: HashMap<String, Acc> = HashMap::new();
    for (i, v) in cc.values.iter().enumerate() {
        by.entry(label(v))
            .or_default()
            .add(measure.aggregate, mc.map(|m| &m.values[i]));
    }
    let mut out: Vec<(String, f64)> = by
        .into_iter()
        .filter_map(|(k, acc)| acc.value(measure).map(|v| (k, v)))
        .collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

pub fn bar_chart(
    ds: &Dataset,
    category: &str,
    measure: &Measure,
    sort: SortOrder,
) -> Result<BarChart, VisualError> {
    let mut bars = per_category(ds, category, measure)?;
    match sort {
        SortOrder::Category => {}
        SortOrder::ValueDescending => bars.sort_by(|a, b| b.1.total_cmp(&a.1)),
        SortOrder::ValueAscending => bars.sort_by(|a, b| a.1.total_cmp(&b.1)),
    }
    let hidden = bars.len().saturating_sub(BAR_LIMIT);
    bars.truncate(BAR_LIMIT);
    Ok(BarChart {
        category_field: category.to_string(),
        measure: measure.clone(),
        bars,
        hidden,
    })
}

#[derive(Debug, Clone, PartialEq)]
pub struct Slice {
    pub label: String,
    pub value: f64,
    /// Of the total, 0–1.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PieChart {
    pub category_field: String,
    pub measure: Measure,
    /// Largest first; the last is "Other" when small slices were grouped.
    pub slices: Vec<Slice>,
    /// How many categories "Other" holds (0: no "Other").
    pub grouped: usize,
    pub total: f64,
}

/// Pie options: slices below `min_share` and beyond `max_slices − 1` go into "Other" (when
/// every slice is below `min_share`, the `max_slices − 1` largest are kept).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PieOptions {
    pub min_share: f64,
    pub max_slices: usize,
}

impl Default for PieOptions {
    /// Under 3 %, or past the 8th slice.
    fn default() -> Self {
        PieOptions {
            min_share: 0.03,
            max_slices: 8,
        }
    }
}

pub fn pie_chart(
    ds: &Dataset,
    category: &str,
    measure: &Measure,
    options: PieOptions,
) -> Result<PieChart, VisualError> {
    let mut parts = per_category(ds, category, measure)?;
    if let Some((c, v)) = parts.iter().find(|(_, v)| *v < 0.0) {
        return Err(VisualError::NegativeSlice {
            category: c.clone(),
            value: *v,
        });
    }
    let total: f64 = parts.iter().map(|p| p.1).sum();
    if total <= 0.0 {
        return Err(VisualError::NoValues(
            measure
                .field
                .clone()
                .unwrap_or_else(|| category.to_string()),
        ));
    }
    parts.sort_by(|a, b| b.1.total_cmp(&a.1));
    let max = options.max_slices.max(2);
    // When not even the largest reaches the minimum share, the largest are kept anyway.
    let min_share = match parts.first() {
        Some((_, v)) if v / total < options.min_share => 0.0,
        _ => options.min_share,
    };
    let mut slices = Vec::new();
    let mut rest = Vec::new();
    for (i, (label, value)) in parts.into_iter().enumerate() {
        let share = value / total;
        if rest.is_empty() && i < max - 1 && share >= min_share {
            slices.push(Slice {
                label,
                value,
                share,
            });
        } else {
            rest.push(Slice {
                label,
                value,
                share,
            });
        }
    }
    let grouped = if rest.len() == 1 {
        slices.append(&mut rest);
        0
    } else {
        rest.len()
    };
    if grouped > 0 {
        let value: f64 = rest.iter().map(|s| s.value).sum();
        slices.push(Slice {
            label: "Other".to_string(),
            value,
            share: value / total,
        });
    }
    Ok(PieChart {
        category_field: category.to_string(),
        measure: measure.clone(),
        slices,
        grouped,
        total,
    })
}

#[derive(Debug, Clone, PartialEq)]
pub struct Kpi {
    pub measure: Measure,
    /// Over every row, or over the latest period when a time field is given.
    pub value: Option<f64>,
    /// The latest period's start, and its grain.
    pub period: Option<(i64, TimeGrain)>,
    /// The period before it.
    pub previous: Option<f64>,
    /// `(value − previous) / |previous|`.
    pub change: Option<f64>,
}

/// One aggregate; with `time`, the latest period's against the one before.
pub fn kpi(
    ds: &Dataset,
    measure: &Measure,
    time_by: Option<(&str, TimeGrain)>,
) -> Result<Kpi, VisualError> {
    let mc = measure.column(ds)?;
    let Some((tf, grain)) = time_by else {
        let mut acc = Acc::default();
        for i in 0..ds.rows {
            acc.add(measure.aggregate, mc.map(|m| &m.values[i]));
        }
        return Ok(Kpi {
            measure: measure.clone(),
            value: acc.value(measure),
            period: None,
            previous: None,
            change: None,
        });
    };
    let tc = time(ds, tf)?;
    let latest = tc
        .values
        .iter()
        .filter_map(|v| match v {
            Value::Time(t) => Some(grain.floor(*t)),
            _ => None,
        })
        .max()
        .ok_or_else(|| VisualError::NoValues(tf.to_string()))?;
    let before = latest - grain.millis();
    let (mut now, mut prev) = (Acc::default(), Acc::default());
    for (i, t) in tc.values.iter().enumerate() {
        let Value::Time(t) = t else { continue };
        let p = grain.floor(*t);
        let acc = if p == latest {
            &mut now
        } else if p == before {
            &mut prev
        } else {
            continue;
        };
        acc.add(measure.aggregate, mc.map(|m| &m.values[i]));
    }
    let value = now.value(measure);
    let previous = (prev.rows > 0).then(|| prev.value(measure)).flatten();
    let change = match (value, previous) {
        (Some(v), Some(p)) if p != 0.0 => Some((v - p) / p.abs()),
        _ => None,
    };
    Ok(Kpi {
        measure: measure.clone(),
        value,
        period: Some((latest, grain)),
        previous,
        change,
    })
}
