//! Exam preparation: the question bank (data under `static/quiz/`), its validation, scoring,
//! exam assembly, a Leitner review schedule, saved progress and questions the engine computes.
//!
//! Pure logic like the engine: no browser crate, no real clock (times are epoch milliseconds
//! passed in by the caller) and no unseeded randomness, so all of it is tested natively.

pub mod bank;
pub mod exam;
pub mod leitner;
pub mod parametric;
pub mod progress;
pub mod scoring;
pub mod selection;
pub mod tips;

pub use bank::{
    Bank, BankError, Choice, Exam, FactVersion, Kind, Question, TopicInfo, BANK_FILES, TOPICS,
};
pub use exam::{ExamSession, ExamSpec};
pub use leitner::{Card, Leitner, BOXES, INTERVALS_MS};
pub use progress::{Progress, ProgressError};
pub use scoring::{feedback, score, OptionFeedback, Outcome, Report, TopicScore};
pub use selection::Selection;
pub use tips::{Tip, TIPS};

/// Every sandbox route a question may link to ("Show me in the sandbox"). The UI's router and
/// the bank validation share this one list.
pub const ROUTES: &[&str] = &[
    "#/streams",
    "#/streams/create",
    "#/firehose",
    "#/firehose/create",
    "#/http-endpoints",
    "#/redshift",
    "#/splunk",
    "#/opensearch",
    "#/s3",
    "#/iam",
    "#/cloudwatch",
    "#/glue",
    "#/lambda",
    "#/kinesisvideo",
    "#/kinesisvideo/create",
    "#/quicksight",
    "#/generator",
    "#/quiz",
    "#/quiz/tips",
    "#/labs",
];

/// Whether `route` is one of [`ROUTES`].
pub fn is_route(route: &str) -> bool {
    ROUTES.contains(&route)
}
