//! The Analysis workspace's statistics against numpy and pandas: `fixtures/analysis-numpy.json`
//! holds a fixed data set (257 sensor-like rows) and the figures numpy and pandas computed for
//! it once (their versions are in the file). Each must come out the same here, to 1e-9.

use kinesis_sandbox::analysis::visuals;
use kinesis_sandbox::analysis::{summarize_all, Dataset};
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/analysis-numpy.json");

fn close(a: f64, b: f64, what: &str) {
    assert!(
        (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        "{what}: {a} here, {b} in numpy"
    );
}

fn dataset(fixture: &Value) -> Dataset {
    let lines: String = fixture["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{r}\n"))
        .collect();
    Dataset::from_bytes(lines.as_bytes()).unwrap()
}

#[test]
fn field_statistics_match_numpy() {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let ds = dataset(&fixture);
    assert_eq!(ds.rows, 257);
    let summaries = summarize_all(&ds);
    for (field, want) in fixture["numbers"].as_object().unwrap() {
        let s = summaries.iter().find(|s| s.name == *field).unwrap();
        let n = s.numeric.unwrap();
        let f = |k: &str| want[k].as_f64().unwrap();
        close(n.mean, f("mean"), &format!("{field} mean"));
        close(
            n.std_dev.unwrap(),
            f("std"),
            &format!("{field} standard deviation"),
        );
        close(n.quartiles.min, f("min"), &format!("{field} min"));
        close(n.quartiles.q1, f("q1"), &format!("{field} Q1"));
        close(n.quartiles.median, f("median"), &format!("{field} median"));
        close(n.quartiles.q3, f("q3"), &format!("{field} Q3"));
        close(n.quartiles.max, f("max"), &format!("{field} max"));
        assert_eq!(
            s.distinct as u64,
            want["distinct"].as_u64().unwrap(),
            "{field} distinct"
        );
        assert_eq!((s.count, s.missing), (257, 0));
    }
    let status = summaries.iter().find(|s| s.name == "status").unwrap();
    for (value, count) in &status.top {
        assert_eq!(
            *count as u64,
            fixture["status_counts"][value].as_u64().unwrap(),
            "status {value}"
        );
    }
}

#[test]
fn pearson_correlation_matches_pandas() {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let rows = fixture["rows"].as_array().unwrap();
    let col = |name: &str| -> Vec<f64> { rows.iter().map(|r| r[name].as_f64().unwrap()).collect() };
    for (pair, want) in fixture["pearson"].as_object().unwrap() {
        let (a, b) = pair.split_once(',').unwrap();
        let r = visuals::pearson(&col(a), &col(b)).unwrap();
        close(r, want.as_f64().unwrap(), &format!("r({pair})"));
    }
}
