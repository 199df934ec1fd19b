//! AutoGraph — not a visual type but QuickSight's choice of one for the fields picked — and the
//! exam's "which visual answers which question" guide, as data.

use super::fields::FieldType;

/// The visuals this workspace computes, by their QuickSight API names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VisualKind {
    Histogram,
    BoxPlot,
    Scatter,
    HeatMap,
    /// A heat map of Pearson's r between numeric fields.
    CorrelationMatrix,
    Line,
    Bar,
    Pie,
    Kpi,
    Table,
}

impl VisualKind {
    /// The member of the API's `Visual` union.
    pub fn api_name(self) -> &'static str {
        match self {
            VisualKind::Histogram => "HistogramVisual",
            VisualKind::BoxPlot => "BoxPlotVisual",
            VisualKind::Scatter => "ScatterPlotVisual",
            VisualKind::HeatMap | VisualKind::CorrelationMatrix => "HeatMapVisual",
            VisualKind::Line => "LineChartVisual",
            VisualKind::Bar => "BarChartVisual",
            VisualKind::Pie => "PieChartVisual",
            VisualKind::Kpi => "KPIVisual",
            VisualKind::Table => "TableVisual",
        }
    }

    /// As the console names it.
    pub fn title(self) -> &'static str {
        match self {
            VisualKind::Histogram => "Histogram",
            VisualKind::BoxPlot => "Box plot",
            VisualKind::Scatter => "Scatter plot",
            VisualKind::HeatMap => "Heat map",
            VisualKind::CorrelationMatrix => "Heat map (correlation matrix)",
            VisualKind::Line => "Line chart",
            VisualKind::Bar => "Bar chart",
            VisualKind::Pie => "Pie chart",
            VisualKind::Kpi => "KPI",
            VisualKind::Table => "Table",
        }
    }
}

/// AutoGraph's pick and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub visual: VisualKind,
    /// One sentence.
    pub reason: String,
}

/// The visual for the fields chosen, by their types (booleans count as categories). The
/// rules: a time field makes a line chart; numbers alone a histogram (one), a scatter plot
/// (two, or three with the third as size) or a correlation matrix (four or more); a category
/// with a number a bar chart, with two numbers a scatter plot coloured by it; two categories
/// a heat map; a lone category a bar chart of counts; nothing or more than this a table.
pub fn autograph(fields: &[(&str, FieldType)]) -> Suggestion {
    let of = |t: FieldType| fields.iter().filter(move |(_, k)| *k == t).map(|(n, _)| *n);
    let numbers: Vec<&str> = of(FieldType::Number).collect();
    let times: Vec<&str> = of(FieldType::Timestamp).collect();
    let dims: Vec<&str> = fields
        .iter()
        .filter(|(_, k)| k.is_dimension())
        .map(|(n, _)| *n)
        .collect();
    let s = |visual, reason: String| Suggestion { visual, reason };
    match (times.len(), dims.len(), numbers.len()) {
        (0, 0, 0) => s(
            VisualKind::Table,
            "Choose one or more fields and AutoGraph picks a visual for them.".into(),
        ),
        (1, 0, 0) => s(
            VisualKind::Line,
            format!("A line chart counts records per period of {}, to show a trend over time.", times[0]),
        ),
        (1, 0, n) if n <= 3 => s(
            VisualKind::Line,
            format!(
                "{} changes over {}: a line chart shows its trend and seasonality.",
                numbers.join(" and "),
                times[0]
            ),
        ),
        (1, 1, 1) => s(
            VisualKind::Line,
            format!(
                "A line per {} of {} over {} compares their trends.",
                dims[0], numbers[0], times[0]
            ),
        ),
        (0, 0, 1) => s(
            VisualKind::Histogram,
            format!("One number: a histogram shows how {} is distributed (its spread and skew).", numbers[0]),
        ),
        (0, 0, 2) => s(
            VisualKind::Scatter,
            format!(
                "Two numbers: a scatter plot shows whether {} and {} are related.",
                numbers[0], numbers[1]
            ),
        ),
        (0, 0, 3) => s(
            VisualKind::Scatter,
            format!(
                "Three numbers: a scatter plot of {} against {} with {} as the bubble size.",
                numbers[0], numbers[1], numbers[2]
            ),
        ),
        (0, 0, _) => s(
            VisualKind::CorrelationMatrix,
            format!(
                "{} numbers: a heat map of their correlations shows which move together.",
                numbers.len()
            ),
        ),
        (0, 1, 0) => s(
            VisualKind::Bar,
            format!("One category: a bar chart counts the records of each {}.", dims[0]),
        ),
        (0, 1, 1) => s(
            VisualKind::Bar,
            format!("A bar chart compares {} across the values of {}.", numbers[0], dims[0]),
        ),
        (0, 1, 2) => s(
            VisualKind::Scatter,
            format!(
                "A scatter plot of {} against {}, coloured by {}, shows the relationship in each group.",
                numbers[0], numbers[1], dims[0]
            ),
        ),
        (0, 2, 0) => s(
            VisualKind::HeatMap,
            format!(
                "Two categories: a heat map counts the records of each {} and {} pair.",
                dims[0], dims[1]
            ),
        ),
        (0, 2, 1) => s(
            VisualKind::HeatMap,
            format!(
                "A heat map colours {} at each {} and {} pair, to spot patterns and outliers.",
                numbers[0], dims[0], dims[1]
            ),
        ),
        _ => s(
            VisualKind::Table,
            "That many fields fit no single chart: a table shows them all.".into(),
        ),
    }
}

/// One line of the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuideEntry {
    pub question: &'static str,
    /// The visual; `None` for ML Insights, which is not a visual type.
    pub visual: Option<VisualKind>,
    /// What to use, as the answer names it.
    pub answer: &'static str,
    pub why: &'static str,
}

/// Which visual answers which question (the ML exams' data-exploration mapping; standard
/// practice, not exam text).
pub const GUIDE: &[GuideEntry] = &[
    GuideEntry {
        question: "How is one numeric feature distributed? Is it skewed?",
        visual: Some(VisualKind::Histogram),
        answer: "Histogram",
        why: "Bins count the values in each range, so the shape — skew, peaks, gaps — shows.",
    },
    GuideEntry {
        question: "How spread out is a feature, and which values are outliers?",
        visual: Some(VisualKind::BoxPlot),
        answer: "Box plot (a scatter plot also shows outliers)",
        why: "Quartiles, whiskers at 1.5 × IQR and the points beyond them summarise spread and name the outliers.",
    },
    GuideEntry {
        question: "Are two numeric features related?",
        visual: Some(VisualKind::Scatter),
        answer: "Scatter plot",
        why: "One point per record on X and Y shows correlation, its direction and its shape.",
    },
    GuideEntry {
        question: "Which of many features are correlated with each other?",
        visual: Some(VisualKind::CorrelationMatrix),
        answer: "Heat map (correlation matrix)",
        why: "Each cell's colour is the correlation of two features, so every pair is seen at once.",
    },
    GuideEntry {
        question: "Which combinations of two categories stand out?",
        visual: Some(VisualKind::HeatMap),
        answer: "Heat map",
        why: "A measure at each row × column intersection, colour-coded: darker is higher.",
    },
    GuideEntry {
        question: "What is the trend or seasonality over time?",
        visual: Some(VisualKind::Line),
        answer: "Line chart",
        why: "A value per time period, joined in order, shows trends and repeating patterns.",
    },
    GuideEntry {
        question: "What will the next periods look like?",
        visual: Some(VisualKind::Line),
        answer: "Line chart with a forecast (ML Insights)",
        why: "Forecasting attaches to a time field; RCF projects the series with a prediction interval.",
    },
    GuideEntry {
        question: "How do categories compare?",
        visual: Some(VisualKind::Bar),
        answer: "Bar chart",
        why: "Bar lengths on a shared axis are the easiest values to compare.",
    },
    GuideEntry {
        question: "What share of the whole is each part?",
        visual: Some(VisualKind::Pie),
        answer: "Pie chart (or tree map, stacked bar)",
        why: "Slices show composition: each part's share of the total.",
    },
    GuideEntry {
        question: "Where does one number stand against its previous period or goal?",
        visual: Some(VisualKind::Kpi),
        answer: "KPI (or gauge)",
        why: "One aggregate, large, with its change from the period before.",
    },
    GuideEntry {
        question: "How can analysts detect anomalies in dashboards without ML expertise?",
        visual: None,
        answer: "QuickSight ML Insights (anomaly detection, Random Cut Forest)",
        why: "A built-in RCF scores each point against recent ones and flags those that differ; no model to build.",
    },
];
