//! ML Insights: anomaly detection and a forecast on a line chart's series, each explained in
//! plain words, with QuickSight's options.
//!
//! **Anomalies.** QuickSight's ML-powered anomaly detection uses "a built-in version of the
//! Random Cut Forest (RCF) algorithm"; so does this, through the `rcf3` crate, seeded so the
//! same series always gives the same scores. The series is cut into shingles (each point with
//! the three before it); two forests learn every other shingle, and each shingle is scored by
//! the forest that did not learn it (a forest scores a point it holds as already seen). A
//! point's score is the lowest of its shingles' scores, so a spike raises its own score rather
//! than its neighbours'. A point is an anomaly when its score stands out from the series'
//! scores by the chosen severity (QuickSight's "Low and above", "Medium and above", "High and
//! above": a number of standard deviations of the scores). Its expected value and range come
//! from its neighbours (their median, and the series' usual distance from it), which is what
//! the explanation quotes. Rows of a dataset can be scored the same way on several numeric
//! fields ([`row_anomalies`]); the field whose typical value lowers a row's score the most is
//! named as its key driver, as QuickSight's contribution analysis names them.
//!
//! **Forecast.** QuickSight forecasts with its RCF too; no Rust crate forecasts with one that
//! fits in the page, and the well-kept forecasting crate (`augurs-ets`) has no seasonal models
//! yet and brings `nalgebra` and a second `rand` into the wasm. So the forecast is additive
//! Holt-Winters exponential smoothing (ETS(A,A,A), or without season or trend), whose smoothing
//! parameters are chosen by a grid search on the one-step errors and whose prediction band is
//! ETS's h-step variance. Seasonality is found from the autocorrelation of the detrended
//! series (AUTOMATIC) or given (CUSTOM, 1–180 periods); the options' limits are
//! [`ForecastOptions::validate`]'s, in the API's words.

use super::dataset::{Dataset, Value};
use super::fields::{number_text, time_text};
use super::visuals::{self, ForecastOptions, LineChart, Seasonality, TimeGrain, VisualError};
use crate::text::thousands;
use rcf3::Forest;

/// The forest's seed: the same series gives the same scores.
pub const SEED: u64 = 0x5EED_0FF0_2E57;
/// Trees in the forest (Kinesis Data Analytics' `RANDOM_CUT_FOREST` default is 100; 50 keeps
/// 10,000 points fast in the page).
pub const TREES: usize = 50;
/// Points each tree keeps (`subSampleSize` 256, as in Kinesis Data Analytics).
pub const SAMPLE_SIZE: usize = 256;
/// Points per shingle.
pub const SHINGLE: usize = 4;
/// The most anomalies an insight lists.
pub const MAX_SHOWN: usize = 100;

// ---------------------------------------------------------------------------------------------
// Options

/// How far a score must stand out: QuickSight's Severity control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Low, Severity::Medium, Severity::High];

    /// As the control says it.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Low => "Low and above",
            Severity::Medium => "Medium and above",
            Severity::High => "High and above",
        }
    }

    /// Standard deviations of the scores above their mean.
    pub fn deviations(self) -> f64 {
        match self {
            Severity::Low => 2.0,
            Severity::Medium => 3.0,
            Severity::High => 4.0,
        }
    }
}

/// Which side of the expected value counts: QuickSight's Direction control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    All,
    Higher,
    Lower,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::All, Direction::Higher, Direction::Lower];

    pub fn label(self) -> &'static str {
        match self {
            Direction::All => "[ALL]",
            Direction::Higher => "Higher than expected",
            Direction::Lower => "Lower than expected",
        }
    }

    fn admits(self, value: f64, expected: f64) -> bool {
        match self {
            Direction::All => true,
            Direction::Higher => value > expected,
            Direction::Lower => value < expected,
        }
    }
}

/// The order anomalies are listed in: QuickSight's Sort by control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortBy {
    /// The score × ln(1 + |value − expected|).
    WeightedAnomalyScore,
    AnomalyScore,
    /// The score × |value − expected|.
    WeightedDifference,
    /// |value − expected|.
    Difference,
}

impl SortBy {
    pub const ALL: [SortBy; 4] = [
        SortBy::WeightedAnomalyScore,
        SortBy::AnomalyScore,
        SortBy::WeightedDifference,
        SortBy::Difference,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortBy::WeightedAnomalyScore => "Weighted anomaly score",
            SortBy::AnomalyScore => "Anomaly score",
            SortBy::WeightedDifference => "Weighted difference from expected value",
            SortBy::Difference => "Difference from expected value",
        }
    }

    fn key(self, a: &Anomaly) -> f64 {
        let diff = (a.value - a.expected).abs();
        match self {
            SortBy::WeightedAnomalyScore => a.score * diff.ln_1p(),
            SortBy::AnomalyScore => a.score,
            SortBy::WeightedDifference => a.score * diff,
            SortBy::Difference => diff,
        }
    }
}

/// The anomaly insight's controls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnomalyOptions {
    pub severity: Severity,
    pub direction: Direction,
    /// Minimum delta - absolute value: |value − expected| at least this.
    pub min_delta_absolute: Option<f64>,
    /// Minimum delta - percentage: |value − expected| at least this percent of |expected|.
    pub min_delta_percent: Option<f64>,
    pub sort_by: SortBy,
    /// How many anomalies to show (1–[`MAX_SHOWN`]).
    pub shown: usize,
}

impl Default for AnomalyOptions {
    fn default() -> Self {
        AnomalyOptions {
            severity: Severity::Medium,
            direction: Direction::All,
            min_delta_absolute: None,
            min_delta_percent: None,
            sort_by: SortBy::WeightedAnomalyScore,
            shown: 10,
        }
    }
}

impl AnomalyOptions {
    /// The options in range, or the first that is not, in the API's words.
    pub fn validate(&self) -> Result<(), VisualError> {
        if !(1..=MAX_SHOWN).contains(&self.shown) {
            return Err(validation(
                "anomalyDetection.numberOfAnomalies",
                self.shown,
                &format!("Member must have value between 1 and {MAX_SHOWN}"),
            ));
        }
        for (path, v) in [
            (
                "anomalyDetection.minimumDeltaAbsolute",
                self.min_delta_absolute,
            ),
            (
                "anomalyDetection.minimumDeltaPercentage",
                self.min_delta_percent,
            ),
        ] {
            if let Some(v) = v {
                if !(v.is_finite() && v >= 0.0) {
                    return Err(validation(
                        path,
                        number_text(v),
                        "Member must have value greater than or equal to 0",
                    ));
                }
            }
        }
        Ok(())
    }

    fn admits(&self, value: f64, expected: f64) -> bool {
        let delta = (value - expected).abs();
        self.direction.admits(value, expected)
            && self.min_delta_absolute.is_none_or(|m| delta >= m)
            && self
                .min_delta_percent
                .is_none_or(|p| expected != 0.0 && delta / expected.abs() * 100.0 >= p)
    }
}

/// A number as an explanation says it: three significant digits (`84.4729` → `84.5`).
fn rough(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return number_text(v);
    }
    let digits = 3 - (v.abs().log10().floor() as i32 + 1);
    let f = 10f64.powi(digits);
    number_text((v * f).round() / f)
}

fn validation(path: &'static str, value: impl ToString, constraint: &str) -> VisualError {
    VisualError::Validation {
        path,
        value: value.to_string(),
        constraint: constraint.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Scoring

/// Median of a non-empty slice (sorted copy).
fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let m = s.len() / 2;
    if s.len() % 2 == 1 {
        s[m]
    } else {
        (s[m - 1] + s[m]) / 2.0
    }
}

/// A robust centre and scale: the median and 1.4826 × the median absolute deviation (the
/// standard deviation for normal data), or the standard deviation, or 1.
fn centre_scale(v: &[f64]) -> (f64, f64) {
    if v.is_empty() {
        return (0.0, 1.0);
    }
    let c = median(v);
    let dev: Vec<f64> = v.iter().map(|x| (x - c).abs()).collect();
    let mad = 1.4826 * median(&dev);
    if mad.is_finite() && mad > 0.0 {
        return (c, mad);
    }
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / v.len() as f64).sqrt();
    (c, if sd.is_finite() && sd > 0.0 { sd } else { 1.0 })
}

/// The values as the forest sees them: centred, scaled and within f32's range.
fn normalised(v: &[f64]) -> Vec<f32> {
    let (c, s) = centre_scale(v);
    v.iter()
        .map(|x| {
            let z = (x - c) / s;
            if z.is_finite() {
                z.clamp(-1e30, 1e30) as f32
            } else if z > 0.0 {
                1e30
            } else {
                -1e30
            }
        })
        .collect()
}

fn forest(dimensions: usize, shingle: usize, seed: u64) -> Forest {
    Forest::builder(dimensions)
        .shingle_size(shingle)
        .internal_shingling(false)
        .num_trees(TREES)
        .capacity(SAMPLE_SIZE)
        // A uniform sample of the whole series, not of its most recent part.
        .time_decay(1e-9)
        .output_after(1)
        .initial_accept_fraction(1.0)
        .seed(seed)
        .build()
        .expect("the forest's settings are valid")
}

/// Two forests, each learning every other point, so that each point can be scored by the one
/// that did not learn it. (A forest scores a point it holds as seen, which would hide a spike
/// it learnt.)
struct CrossForest([Forest; 2]);

impl CrossForest {
    fn learn(points: &[&[f32]], dimensions: usize, shingle: usize, seed: u64) -> CrossForest {
        let mut forests = [
            forest(dimensions, shingle, seed),
            forest(dimensions, shingle, seed ^ 0x9E37_79B9_7F4A_7C15),
        ];
        for (k, p) in points.iter().enumerate() {
            forests[k % 2]
                .update(p)
                .expect("a point has the forest's dimensions");
        }
        CrossForest(forests)
    }

    /// The score of point `k` (or of a changed copy of it) by the forest that did not learn it.
    fn score(&self, k: usize, point: &[f32]) -> f64 {
        let s = self.0[(k + 1) % 2].score(point).unwrap_or(0.0);
        if s.is_finite() {
            s.max(0.0)
        } else {
            0.0
        }
    }
}

/// Each value's Random Cut Forest anomaly score (0 and up; higher is more anomalous). The
/// series is cut into shingles of [`SHINGLE`] points (single points for a short series), each
/// scored by a forest that learnt the other half of the shingles; a point's score is the lowest
/// score of the shingles that hold it, so a lone spike scores high and its neighbours (whose
/// other shingles are ordinary) do not. Non-finite values score 0 and are left out.
pub fn score_series(values: &[f64], seed: u64) -> Vec<f64> {
    let finite: Vec<usize> = (0..values.len())
        .filter(|&i| values[i].is_finite())
        .collect();
    let mut scores = vec![0.0; values.len()];
    if finite.len() < 3 {
        return scores;
    }
    let kept: Vec<f64> = finite.iter().map(|&i| values[i]).collect();
    let z = normalised(&kept);
    let s = if z.len() >= 4 * SHINGLE { SHINGLE } else { 1 };
    let shingles: Vec<&[f32]> = z.windows(s).collect();
    let forests = CrossForest::learn(&shingles, 1, s, seed);
    let shingle_scores: Vec<f64> = shingles
        .iter()
        .enumerate()
        .map(|(k, sh)| forests.score(k, sh))
        .collect();
    for (j, &i) in finite.iter().enumerate() {
        let first = j.saturating_sub(s - 1);
        let last = j.min(shingle_scores.len() - 1);
        scores[i] = shingle_scores[first..=last]
            .iter()
            .copied()
            .fold(f64::INFINITY, f64::min);
    }
    scores
}

/// A point's expected value (the median of the `w` values each side, without it) and the
/// series' usual distance from that (1.4826 × the median absolute residual).
fn expectations(values: &[f64], w: usize) -> (Vec<f64>, f64) {
    let n = values.len();
    let expected: Vec<f64> = (0..n)
        .map(|i| {
            let near: Vec<f64> = (i.saturating_sub(w)..(i + w + 1).min(n))
                .filter(|&j| j != i)
                .map(|j| values[j])
                .collect();
            if near.is_empty() {
                values[i]
            } else {
                median(&near)
            }
        })
        .collect();
    let residuals: Vec<f64> = values
        .iter()
        .zip(&expected)
        .map(|(v, e)| (v - e).abs())
        .collect();
    let spread = if residuals.is_empty() {
        0.0
    } else {
        1.4826 * median(&residuals)
    };
    (expected, spread)
}

// ---------------------------------------------------------------------------------------------
// Anomalies on a series

/// A flagged point.
#[derive(Debug, Clone, PartialEq)]
pub struct Anomaly {
    /// The point's index in the line chart's `points`.
    pub index: usize,
    /// The period's start (ms).
    pub time: i64,
    pub value: f64,
    pub expected: f64,
    /// The expected range: `expected` ± twice the series' usual distance from it.
    pub low: f64,
    pub high: f64,
    pub score: f64,
    /// 1 for the highest score of the series.
    pub score_rank: usize,
    /// In plain words.
    pub explanation: String,
}

/// The anomaly insight on a line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct AnomalyReport {
    pub measure: String,
    pub grain: TimeGrain,
    /// Each point's score (`None` where the period has no value).
    pub scores: Vec<Option<f64>>,
    /// The score an anomaly reaches: mean + severity × standard deviation of the scores.
    pub threshold: f64,
    /// How many points pass the threshold and the filters.
    pub flagged: usize,
    /// The first `shown` of them, in the chosen order.
    pub anomalies: Vec<Anomaly>,
    pub summary: String,
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A period as an insight says it: the time of day when the series stays within one day.
fn when(t: i64, grain: TimeGrain, one_day: bool) -> String {
    let s = time_text(t);
    match grain {
        TimeGrain::Day => s.get(..10).unwrap_or(&s).to_string(),
        _ if one_day => s.get(11..16).unwrap_or(&s).to_string(),
        _ => s.get(..16).unwrap_or(&s).to_string(),
    }
}

/// "Sum of temperature" → "sum of temperature".
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn mean_sd(v: &[f64]) -> (f64, f64) {
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let m = v.iter().sum::<f64>() / v.len() as f64;
    let sd = (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len() as f64).sqrt();
    (m, sd)
}

/// ML-powered anomaly detection on a line chart's series (see the module's notes).
pub fn detect_anomalies(
    chart: &LineChart,
    options: &AnomalyOptions,
) -> Result<AnomalyReport, VisualError> {
    options.validate()?;
    let present: Vec<(usize, i64, f64)> = chart
        .points
        .iter()
        .enumerate()
        .filter_map(|(i, &(t, v))| v.filter(|v| v.is_finite()).map(|v| (i, t, v)))
        .collect();
    if present.is_empty() {
        return Err(VisualError::NoValues(chart.measure.label()));
    }
    let values: Vec<f64> = present.iter().map(|p| p.2).collect();
    let raw = score_series(&values, SEED);
    let (expected, spread) = expectations(&values, SHINGLE);
    let (mean, sd) = mean_sd(&raw);
    let threshold = mean + options.severity.deviations() * sd;
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| raw[b].total_cmp(&raw[a]).then(a.cmp(&b)));
    let mut rank = vec![0; values.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r + 1;
    }
    let one_day = match (present.first(), present.last()) {
        (Some(a), Some(b)) => a.1.div_euclid(86_400_000) == b.1.div_euclid(86_400_000),
        _ => true,
    };
    let measure = lower_first(&chart.measure.label());
    let n = values.len();
    let mut anomalies: Vec<Anomaly> = (0..n)
        .filter(|&j| sd > 0.0 && raw[j] >= threshold && options.admits(values[j], expected[j]))
        .map(|j| {
            let (index, time, value) = present[j];
            let (low, high) = (expected[j] - 2.0 * spread, expected[j] + 2.0 * spread);
            let place = if rank[j] == 1 {
                "the highest of the series".to_string()
            } else {
                format!(
                    "the {} highest of the series' {} points",
                    ordinal(rank[j]),
                    thousands(n as u64)
                )
            };
            let range = if spread > 0.0 {
                format!("{}–{}", rough(low), rough(high))
            } else {
                rough(expected[j])
            };
            Anomaly {
                index,
                time,
                value,
                expected: expected[j],
                low,
                high,
                score: raw[j],
                score_rank: rank[j],
                explanation: format!(
                    "At {} the {measure} was {}, expected about {range}: its anomaly score {:.1} \
                     is {place}.",
                    when(time, chart.grain, one_day),
                    number_text(value),
                    raw[j],
                ),
            }
        })
        .collect();
    let flagged = anomalies.len();
    let sort = options.sort_by;
    anomalies.sort_by(|a, b| {
        sort.key(b)
            .total_cmp(&sort.key(a))
            .then(a.index.cmp(&b.index))
    });
    anomalies.truncate(options.shown);
    let summary = match flagged {
        0 => format!(
            "No anomaly in {} of {} per {} ({}).",
            thousands(n as u64),
            measure,
            chart.grain.name(),
            options.severity.label()
        ),
        _ => format!(
            "{} of {} points of {} per {} {} anomalous ({}): the forest's scores reach {} or \
             more where the series' mean score is {:.2}.",
            thousands(flagged as u64),
            thousands(n as u64),
            measure,
            chart.grain.name(),
            if flagged == 1 { "is" } else { "are" },
            options.severity.label(),
            format_args!("{threshold:.2}"),
            mean
        ),
    };
    let mut scores = vec![None; chart.points.len()];
    for (j, p) in present.iter().enumerate() {
        scores[p.0] = Some(raw[j]);
    }
    Ok(AnomalyReport {
        measure: chart.measure.label(),
        grain: chart.grain,
        scores,
        threshold,
        flagged,
        anomalies,
        summary,
    })
}

// ---------------------------------------------------------------------------------------------
// Anomalies among rows

/// A row that stands out on the chosen numeric fields.
#[derive(Debug, Clone, PartialEq)]
pub struct RowAnomaly {
    /// The row's index in the dataset.
    pub row: usize,
    pub score: f64,
    pub score_rank: usize,
    /// The field contributing most to the score, and its share of the fields' contributions
    /// (0–1).
    pub driver: String,
    pub driver_share: f64,
    /// Whether that field's value is above its usual values (else below).
    pub above: bool,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowReport {
    pub fields: Vec<String>,
    /// Rows with a number in every field.
    pub scored: usize,
    pub threshold: f64,
    pub flagged: usize,
    /// The highest-scoring flagged rows, at most `shown`.
    pub anomalies: Vec<RowAnomaly>,
    pub summary: String,
}

/// Anomalous rows on one or more numeric fields: each row with a number in every field is a
/// point of a forest (each field centred and scaled) and scored by a forest that did not learn
/// it; the key driver is the field whose typical value (its median) lowers the row's score the
/// most, and its share is that fall over the sum of every field's. Severity and "shown" apply; direction and
/// deltas do not (a row has no expected value).
pub fn row_anomalies(
    ds: &Dataset,
    fields: &[&str],
    options: &AnomalyOptions,
) -> Result<RowReport, VisualError> {
    options.validate()?;
    if fields.is_empty() {
        return Err(VisualError::NoValues(String::new()));
    }
    let columns = fields
        .iter()
        .map(|f| visuals::numeric(ds, f))
        .collect::<Result<Vec<_>, _>>()?;
    let rows: Vec<usize> = (0..ds.rows)
        .filter(|&r| {
            columns
                .iter()
                .all(|c| matches!(c.values[r], Value::Number(x) if x.is_finite()))
        })
        .collect();
    let number = |c: &super::dataset::Column, r: usize| match c.values[r] {
        Value::Number(x) => x,
        _ => 0.0,
    };
    if rows.len() < 3 {
        return Err(VisualError::NoValues(fields.join(", ")));
    }
    let per_field: Vec<Vec<f32>> = columns
        .iter()
        .map(|c| normalised(&rows.iter().map(|&r| number(c, r)).collect::<Vec<_>>()))
        .collect();
    let points: Vec<Vec<f32>> = (0..rows.len())
        .map(|k| per_field.iter().map(|f| f[k]).collect())
        .collect();
    let refs: Vec<&[f32]> = points.iter().map(Vec::as_slice).collect();
    let forests = CrossForest::learn(&refs, fields.len(), 1, SEED);
    let raw: Vec<f64> = refs
        .iter()
        .enumerate()
        .map(|(k, p)| forests.score(k, p))
        .collect();
    let (mean, sd) = mean_sd(&raw);
    let threshold = mean + options.severity.deviations() * sd;
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| raw[b].total_cmp(&raw[a]).then(a.cmp(&b)));
    let flagged: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&k| sd > 0.0 && raw[k] >= threshold)
        .collect();
    let anomalies = flagged
        .iter()
        .take(options.shown)
        .map(|&k| {
            // Each field's contribution: how much the score falls when that field alone is
            // made typical (its median).
            let drops: Vec<f64> = (0..fields.len())
                .map(|d| {
                    let mut typical = points[k].clone();
                    typical[d] = 0.0;
                    (raw[k] - forests.score(k, &typical)).max(0.0)
                })
                .collect();
            let total: f64 = drops.iter().sum();
            let (d, best) = drops
                .iter()
                .enumerate()
                .max_by(|x, y| x.1.total_cmp(y.1).then(y.0.cmp(&x.0)))
                .expect("at least one field");
            let share = if total > 0.0 { best / total } else { 0.0 };
            let above = points[k][d] > 0.0;
            let rank = order.iter().position(|&o| o == k).unwrap_or(0) + 1;
            let value = number(columns[d], rows[k]);
            RowAnomaly {
                row: rows[k],
                score: raw[k],
                score_rank: rank,
                driver: fields[d].to_string(),
                driver_share: share,
                above,
                explanation: format!(
                    "Row {}: its anomaly score {:.1} is the {} highest of {} rows; {} = {} ({} \
                     its usual values) gives {:.0} % of it.",
                    thousands(rows[k] as u64 + 1),
                    raw[k],
                    ordinal(rank),
                    thousands(rows.len() as u64),
                    fields[d],
                    number_text(value),
                    if above { "above" } else { "below" },
                    share * 100.0
                ),
            }
        })
        .collect();
    Ok(RowReport {
        fields: fields.iter().map(|f| f.to_string()).collect(),
        scored: rows.len(),
        threshold,
        flagged: flagged.len(),
        anomalies,
        summary: format!(
            "{} of {} rows stand out on {} ({}).",
            thousands(flagged.len() as u64),
            thousands(rows.len() as u64),
            fields.join(", "),
            options.severity.label()
        ),
    })
}

// ---------------------------------------------------------------------------------------------
// Forecast

/// A forecast period: the point estimate and the prediction band.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForecastPoint {
    pub time: i64,
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// Smoothing parameters (α level, β trend, γ season) of the chosen model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Smoothing {
    pub alpha: f64,
    /// `None`: no trend.
    pub beta: Option<f64>,
    /// `None`: no season.
    pub gamma: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// The season length used, in periods.
    pub season: Option<usize>,
    pub smoothing: Smoothing,
    /// The model's one-step forecasts of the last `PeriodsBackward` periods, beside the data.
    pub backward: Vec<ForecastPoint>,
    /// `PeriodsForward` periods after the last.
    pub forward: Vec<ForecastPoint>,
    /// `PredictionInterval`, percent.
    pub interval: u32,
    /// What the forecast changed or could not do.
    pub notes: Vec<String>,
    pub summary: String,
}

/// The values with gaps filled: linear between known values, the nearest one at the ends.
fn filled(points: &[Option<f64>]) -> Vec<f64> {
    let known: Vec<(usize, f64)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
        .collect();
    let mut out = Vec::with_capacity(points.len());
    let mut k = 0;
    for i in 0..points.len() {
        while k + 1 < known.len() && known[k + 1].0 <= i {
            k += 1;
        }
        let (i0, v0) = known[k];
        out.push(match known.get(k + 1) {
            Some(&(i1, v1)) if i > i0 => v0 + (v1 - v0) * (i - i0) as f64 / (i1 - i0) as f64,
            _ => v0,
        });
    }
    out
}

/// The least-squares line through `(i, y[i])`: (intercept, slope).
fn line_fit(y: &[f64]) -> (f64, f64) {
    let xs: Vec<f64> = (0..y.len()).map(|i| i as f64).collect();
    match visuals::trend(&xs, y) {
        Some(t) => (t.intercept, t.slope),
        None => (y.first().copied().unwrap_or(0.0), 0.0),
    }
}

/// The season length (2–180 periods, at most half the series) at which the detrended series
/// correlates with itself: the first local peak of the autocorrelation within 90 % of the
/// highest, when that is above 0.3.
pub fn detect_season(values: &[f64]) -> Option<usize> {
    let n = values.len();
    let longest = (n / 2).min(180);
    if longest < 2 {
        return None;
    }
    let (a, b) = line_fit(values);
    let r: Vec<f64> = values
        .iter()
        .enumerate()
        .map(|(i, v)| v - (a + b * i as f64))
        .collect();
    let var: f64 = r.iter().map(|x| x * x).sum();
    if !(var.is_finite() && var > 1e-12 * n as f64) {
        return None;
    }
    let acf: Vec<f64> = (0..=longest + 1)
        .map(|k| {
            if k >= n {
                return 0.0;
            }
            r[..n - k]
                .iter()
                .zip(&r[k..])
                .map(|(x, y)| x * y)
                .sum::<f64>()
                / var
        })
        .collect();
    let peaks: Vec<usize> = (2..=longest)
        .filter(|&k| acf[k] > 0.3 && acf[k] >= acf[k - 1] && acf[k] >= acf[k + 1])
        .collect();
    let best = peaks.iter().map(|&k| acf[k]).fold(f64::NAN, f64::max);
    peaks.into_iter().find(|&k| acf[k] >= 0.9 * best)
}

/// One run of additive Holt-Winters: the one-step forecasts, the final state, and the sum of
/// squared errors.
struct Run {
    fitted: Vec<f64>,
    level: f64,
    trend: f64,
    season: Vec<f64>,
    sse: f64,
}

fn run(y: &[f64], m: usize, s: Smoothing) -> Run {
    let n = y.len();
    let (mut level, mut trend, mut season) = if m > 1 {
        let first = y[..m].iter().sum::<f64>() / m as f64;
        let second = y[m..2 * m].iter().sum::<f64>() / m as f64;
        let season: Vec<f64> = y[..m].iter().map(|v| v - first).collect();
        // The level at the end of the first season.
        let t = if s.beta.is_some() {
            (second - first) / m as f64
        } else {
            0.0
        };
        (first + t * (m as f64 - 1.0) / 2.0, t, season)
    } else if s.beta.is_some() {
        // The line through the first values: its start and slope.
        let (a, b) = line_fit(&y[..n.min(10)]);
        (a, b, vec![0.0])
    } else {
        (y[0], 0.0, vec![0.0])
    };
    let start = if m > 1 { m } else { 1 };
    let mut fitted = vec![f64::NAN; n];
    if m <= 1 {
        fitted[0] = y[0];
    }
    let mut sse = 0.0;
    for t in start..n {
        let si = t % season.len();
        let pred = level + trend + season[si];
        fitted[t] = pred;
        let e = y[t] - pred;
        sse += e * e;
        let new_level = s.alpha * (y[t] - season[si]) + (1.0 - s.alpha) * (level + trend);
        if let Some(b) = s.beta {
            trend = b * (new_level - level) + (1.0 - b) * trend;
        }
        if let Some(g) = s.gamma {
            season[si] = g * (y[t] - new_level) + (1.0 - g) * season[si];
        }
        level = new_level;
    }
    Run {
        fitted,
        level,
        trend,
        season,
        sse,
    }
}

/// The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e1,
        2.209460984245205e2,
        -2.759285104469687e2,
        1.38357751867269e2,
        -3.066479806614716e1,
        2.506628277459239,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e1,
        1.615858368580409e2,
        -1.556989798598866e2,
        6.680131188771972e1,
        -1.328068155288572e1,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-3,
        -3.223964580411365e-1,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    ];
    const D: [f64; 4] = [
        7.784695709041462e-3,
        3.224671290700398e-1,
        2.445134137142996,
        3.754408661907416,
    ];
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// The z of a two-sided prediction interval of `percent` %.
pub fn interval_z(percent: u32) -> f64 {
    normal_quantile(0.5 + f64::from(percent) / 200.0)
}

const ALPHAS: [f64; 8] = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.85, 0.95];
const BETAS: [f64; 4] = [0.01, 0.05, 0.15, 0.3];
const GAMMAS: [f64; 4] = [0.05, 0.1, 0.3, 0.5];

/// A forecast of plain values (see [`forecast_values`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ValuesForecast {
    /// `(index, value, low, high)`: the backward periods, then the forward ones. Indexes count
    /// periods from the first value.
    pub rows: Vec<(i64, f64, f64, f64)>,
    pub season: Option<usize>,
    pub smoothing: Smoothing,
    pub notes: Vec<String>,
}

/// A forecast of plain values, gaps filled, with the chosen season and smoothing.
pub fn forecast_values(
    values: &[Option<f64>],
    options: &ForecastOptions,
) -> Result<ValuesForecast, VisualError> {
    options.validate()?;
    if !values.iter().any(|v| v.is_some_and(f64::is_finite)) {
        return Err(VisualError::NoValues(String::new()));
    }
    let raw = filled(values);
    let n = raw.len();
    let mut notes = Vec::new();
    // Scaled to about 1 so that squares never overflow; scaled back at the end.
    let scale = raw.iter().fold(0.0f64, |a, v| a.max(v.abs())).max(1e-300);
    let y: Vec<f64> = raw.iter().map(|v| v / scale).collect();
    let season = match options.seasonality {
        Seasonality::Automatic => detect_season(&y),
        Seasonality::Custom(m) if m <= 1 => None,
        Seasonality::Custom(m) => {
            if n >= 2 * m as usize {
                Some(m as usize)
            } else {
                notes.push(format!(
                    "A season of {m} periods needs at least {} periods of data; this series has \
                     {n}, so the forecast has no season.",
                    2 * m
                ));
                None
            }
        }
    };
    let m = season.unwrap_or(1);
    let mut best: Option<(f64, Smoothing, Run)> = None;
    if n >= 2 {
        let trends: Vec<Option<f64>> = if n >= 3 {
            std::iter::once(None)
                .chain(BETAS.iter().map(|b| Some(*b)))
                .collect()
        } else {
            vec![None]
        };
        let gammas: Vec<Option<f64>> = if m > 1 {
            GAMMAS.iter().map(|g| Some(*g)).collect()
        } else {
            vec![None]
        };
        for &alpha in &ALPHAS {
            for &beta in &trends {
                for &gamma in &gammas {
                    let s = Smoothing { alpha, beta, gamma };
                    let r = run(&y, m, s);
                    let count = (n - if m > 1 { m } else { 1 }).max(1) as f64;
                    let k = 2.0
                        + if beta.is_some() { 2.0 } else { 0.0 }
                        + if m > 1 { 1.0 + m as f64 } else { 0.0 };
                    // AIC on the one-step errors: a trend or season must earn its parameters.
                    let aic = count * (r.sse / count).max(1e-300).ln() + 2.0 * k;
                    let aic = if aic.is_finite() { aic } else { f64::INFINITY };
                    if best.as_ref().is_none_or(|b| aic < b.0) {
                        best = Some((aic, s, r));
                    }
                }
            }
        }
    }
    let (smoothing, fit) = match best {
        Some((_, s, r)) => (s, r),
        None => {
            notes.push("One value: the forecast repeats it.".to_string());
            let s = Smoothing {
                alpha: 1.0,
                beta: None,
                gamma: None,
            };
            (
                s,
                Run {
                    fitted: vec![f64::NAN],
                    level: y[0],
                    trend: 0.0,
                    season: vec![0.0],
                    sse: 0.0,
                },
            )
        }
    };
    let start = if m > 1 { m } else { 1 };
    let count = n.saturating_sub(start).max(1) as f64;
    let sigma = (fit.sse / count).sqrt();
    let z = interval_z(options.prediction_interval);
    let beta = smoothing.beta.unwrap_or(0.0);
    let gamma = smoothing.gamma.unwrap_or(0.0);
    let mut rows = Vec::new();
    let back = (options.periods_backward as usize).min(n - start.min(n));
    if back < options.periods_backward as usize {
        notes.push(format!(
            "Periods backward is {}; the series allows {back}.",
            options.periods_backward
        ));
    }
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    for t in n - back..n {
        let v = finite(fit.fitted[t]);
        let half = finite(z * sigma);
        rows.push((t as i64, v * scale, (v - half) * scale, (v + half) * scale));
    }
    let mut var_sum = 0.0;
    for h in 1..=options.periods_forward as usize {
        let v = fit.level + h as f64 * fit.trend + fit.season[(n + h - 1) % fit.season.len()];
        if h > 1 {
            let j = (h - 1) as f64;
            let seasonal = if m > 1 && (h - 1) % m == 0 {
                gamma
            } else {
                0.0
            };
            var_sum += (smoothing.alpha * (1.0 + j * beta) + seasonal).powi(2);
        }
        let v = finite(v);
        let half = finite(z * sigma * (1.0 + var_sum).sqrt());
        rows.push((
            (n - 1 + h) as i64,
            v * scale,
            (v - half) * scale,
            (v + half) * scale,
        ));
    }
    Ok(ValuesForecast {
        rows,
        season,
        smoothing,
        notes,
    })
}

/// The forecast of a line chart's series (QuickSight's `ForecastComputation`).
pub fn forecast(chart: &LineChart, options: &ForecastOptions) -> Result<Forecast, VisualError> {
    options.validate()?;
    let values: Vec<Option<f64>> = chart.points.iter().map(|p| p.1).collect();
    let first = chart.points.first().map_or(0, |p| p.0);
    let ValuesForecast {
        rows,
        season,
        smoothing,
        notes,
    } = forecast_values(&values, options).map_err(|e| match e {
        VisualError::NoValues(_) => VisualError::NoValues(chart.measure.label()),
        e => e,
    })?;
    let n = values.len() as i64;
    let step = chart.grain.millis();
    let (backward, forward): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .map(|(i, value, low, high)| {
            (
                i,
                ForecastPoint {
                    time: first + i * step,
                    value,
                    low,
                    high,
                },
            )
        })
        .partition(|(i, _)| *i < n);
    let backward: Vec<ForecastPoint> = backward.into_iter().map(|p| p.1).collect();
    let forward: Vec<ForecastPoint> = forward.into_iter().map(|p| p.1).collect();
    let measure = lower_first(&chart.measure.label());
    let trend = match smoothing.beta {
        Some(_) => "a trend",
        None => "no trend",
    };
    let season_text = match season {
        Some(m) => format!("a season of {m} {}s", chart.grain.name()),
        None => "no season".to_string(),
    };
    let last = forward.last();
    let summary = match last {
        Some(p) => format!(
            "Forecast of {measure} for the next {} {}{} with {trend} and {season_text}: at {} \
             about {}, and with {} % confidence between {} and {}.",
            forward.len(),
            chart.grain.name(),
            if forward.len() == 1 { "" } else { "s" },
            time_text(p.time),
            rough(p.value),
            options.prediction_interval,
            rough(p.low),
            rough(p.high)
        ),
        None => String::new(),
    };
    Ok(Forecast {
        season,
        smoothing,
        backward,
        forward,
        interval: options.prediction_interval,
        notes,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quantile_matches_the_normal_table() {
        assert!((interval_z(95) - 1.959964).abs() < 1e-5);
        assert!((interval_z(90) - 1.644854).abs() < 1e-5);
        assert!((interval_z(50) - 0.674490).abs() < 1e-5);
        assert!((normal_quantile(0.01) + 2.326348).abs() < 1e-5);
    }

    #[test]
    fn rough_numbers_keep_three_digits() {
        let r: Vec<String> = [84.4729, 103.209, 0.012345, 412.0, 123_456.0, -7.891]
            .iter()
            .map(|&v| rough(v))
            .collect();
        assert_eq!(r, ["84.5", "103", "0.0123", "412", "123000", "-7.89"]);
    }

    #[test]
    fn gaps_are_filled_linearly() {
        assert_eq!(
            filled(&[None, Some(1.0), None, Some(3.0), None]),
            vec![1.0, 1.0, 2.0, 3.0, 3.0]
        );
    }

    #[test]
    fn ordinals() {
        let o: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101]
            .iter()
            .map(|&n| ordinal(n))
            .collect();
        assert_eq!(
            o,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]
        );
    }
}
