//! ML Insights: the Random Cut Forest's anomalies and the forecast, on series whose answer is
//! known, and properties on any finite input.

#![cfg(not(target_arch = "wasm32"))]

use kinesis_sandbox::analysis::draw::{self, Mark, Size};
use kinesis_sandbox::analysis::insights::{
    self, detect_anomalies, detect_season, forecast, forecast_values, row_anomalies,
    AnomalyOptions, Direction, Severity,
};
use kinesis_sandbox::analysis::visuals::{
    self, Aggregate, ForecastOptions, LineChart, Measure, Seasonality, TimeGrain, VisualError,
};
use kinesis_sandbox::analysis::{Dataset, Value};
use proptest::prelude::*;

const T0: i64 = 1_780_000_020_000 - 1_780_000_020_000 % 86_400_000 + 10 * 3_600_000;

/// A line chart of the sum of `temperature` per minute, one row per minute.
fn chart(values: &[f64]) -> LineChart {
    let rows = values
        .iter()
        .enumerate()
        .map(|(i, &v)| vec![Value::Time(T0 + i as i64 * 60_000), Value::Number(v)])
        .collect();
    let ds = Dataset::from_rows(&["time", "temperature"], rows);
    visuals::line_chart(
        &ds,
        "time",
        &Measure::of("temperature", Aggregate::Sum),
        TimeGrain::Minute,
    )
    .unwrap()
}

/// Deterministic noise in [-1, 1].
fn noise(i: usize) -> f64 {
    // splitmix64
    let mut x = (i as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    ((x >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
}

fn options(periods_forward: u32, seasonality: Seasonality) -> ForecastOptions {
    ForecastOptions {
        periods_forward,
        periods_backward: 0,
        prediction_interval: 90,
        seasonality,
    }
}

// ---- Anomalies ---------------------------------------------------------------------------------

#[test]
fn a_spike_in_a_flat_series_is_the_top_anomaly_and_is_explained() {
    let mut v: Vec<f64> = (0..120).map(|i| 100.0 + 5.0 * noise(i)).collect();
    v[42] = 412.0;
    let c = chart(&v);
    let r = detect_anomalies(&c, &AnomalyOptions::default()).unwrap();
    assert!(r.flagged >= 1, "{r:?}");
    let top = &r.anomalies[0];
    assert_eq!(top.index, 42);
    assert_eq!(top.score_rank, 1);
    assert_eq!(top.value, 412.0);
    assert!(
        top.low < 100.0 && 100.0 < top.high && top.high < 412.0,
        "{top:?}"
    );
    // Its score is the series' highest.
    let max = r.scores.iter().flatten().fold(0.0f64, |a, &b| a.max(b));
    assert_eq!(top.score, max);
    assert!(
        top.explanation
            .starts_with("At 10:42 the sum of temperature was 412, expected about "),
        "{}",
        top.explanation
    );
    assert!(top.explanation.ends_with("is the highest of the series."));
    assert_eq!(r.scores.len(), 120);
}

#[test]
fn a_dip_is_lower_than_expected_and_direction_filters_it() {
    let mut v: Vec<f64> = (0..100).map(|i| 50.0 + 2.0 * noise(i)).collect();
    v[70] = -80.0;
    let c = chart(&v);
    let all = detect_anomalies(&c, &AnomalyOptions::default()).unwrap();
    assert_eq!(all.anomalies[0].index, 70);
    let higher = AnomalyOptions {
        direction: Direction::Higher,
        ..AnomalyOptions::default()
    };
    let r = detect_anomalies(&c, &higher).unwrap();
    assert!(r.anomalies.iter().all(|a| a.index != 70), "{r:?}");
    let lower = AnomalyOptions {
        direction: Direction::Lower,
        ..AnomalyOptions::default()
    };
    assert_eq!(detect_anomalies(&c, &lower).unwrap().anomalies[0].index, 70);
}

#[test]
fn severity_and_minimum_delta_narrow_the_list() {
    let mut v: Vec<f64> = (0..200).map(|i| 10.0 + noise(i)).collect();
    v[50] = 40.0;
    v[150] = 14.0;
    let c = chart(&v);
    let counts: Vec<usize> = Severity::ALL
        .iter()
        .map(|&severity| {
            detect_anomalies(
                &c,
                &AnomalyOptions {
                    severity,
                    ..AnomalyOptions::default()
                },
            )
            .unwrap()
            .flagged
        })
        .collect();
    assert!(
        counts[0] >= counts[1] && counts[1] >= counts[2],
        "{counts:?}"
    );
    assert!(counts[2] >= 1);
    let big = AnomalyOptions {
        severity: Severity::Low,
        min_delta_absolute: Some(20.0),
        ..AnomalyOptions::default()
    };
    let r = detect_anomalies(&c, &big).unwrap();
    assert_eq!(
        r.anomalies.iter().map(|a| a.index).collect::<Vec<_>>(),
        [50]
    );
}

#[test]
fn the_same_series_gives_the_same_scores() {
    let v: Vec<f64> = (0..300)
        .map(|i| (i as f64 / 7.0).sin() + noise(i))
        .collect();
    assert_eq!(
        insights::score_series(&v, insights::SEED),
        insights::score_series(&v, insights::SEED)
    );
}

#[test]
fn out_of_range_options_are_refused_in_the_api_s_words() {
    let c = chart(&[1.0, 2.0, 3.0]);
    let e = detect_anomalies(
        &c,
        &AnomalyOptions {
            shown: 0,
            ..AnomalyOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "1 validation error detected: Value '0' at 'anomalyDetection.numberOfAnomalies' failed \
         to satisfy constraint: Member must have value between 1 and 100"
    );
}

#[test]
fn a_row_far_out_on_one_field_names_that_field_as_its_driver() {
    let rows: Vec<Vec<Value>> = (0..300)
        .map(|i| {
            let t = if i == 123 {
                900.0
            } else {
                80.0 + 60.0 * noise(i)
            };
            vec![
                Value::Number((i % 10) as f64),
                Value::Number(t),
                Value::Number(50.0 + 10.0 * noise(i + 1000)),
            ]
        })
        .collect();
    let ds = Dataset::from_rows(&["sensorId", "temperature", "humidity"], rows);
    let r = row_anomalies(
        &ds,
        &["sensorId", "temperature", "humidity"],
        &AnomalyOptions::default(),
    )
    .unwrap();
    let top = &r.anomalies[0];
    assert_eq!(top.row, 123);
    assert_eq!(top.driver, "temperature", "{r:?}");
    assert!(top.above);
    assert!(top.driver_share > 0.5, "{top:?}");
    assert!(
        top.explanation.starts_with("Row 124: its anomaly score "),
        "{}",
        top.explanation
    );
    assert!(matches!(
        row_anomalies(&ds, &["nope"], &AnomalyOptions::default()),
        Err(VisualError::UnknownField(_))
    ));
}

// ---- Forecast ----------------------------------------------------------------------------------

#[test]
fn a_linear_trend_is_continued_within_the_band() {
    let v: Vec<f64> = (0..60)
        .map(|i| 10.0 + 2.0 * i as f64 + 0.5 * noise(i))
        .collect();
    let c = chart(&v);
    let f = forecast(&c, &options(10, Seasonality::Automatic)).unwrap();
    assert_eq!(f.forward.len(), 10);
    assert!(f.smoothing.beta.is_some(), "{f:?}");
    for (h, p) in f.forward.iter().enumerate() {
        let truth = 10.0 + 2.0 * (60 + h) as f64;
        assert!(p.low <= truth && truth <= p.high, "{h}: {p:?} vs {truth}");
        assert!((p.value - truth).abs() < 3.0, "{h}: {p:?} vs {truth}");
        assert_eq!(p.time, T0 + (60 + h as i64) * 60_000);
    }
    // The band widens with the horizon.
    let w = |p: &insights::ForecastPoint| p.high - p.low;
    assert!(w(&f.forward[9]) > w(&f.forward[0]));
    assert!(f
        .summary
        .starts_with("Forecast of sum of temperature for the next 10 minutes"));
}

#[test]
fn a_seasonal_series_has_its_season_found_and_forecast() {
    let wave = |i: usize| 100.0 + 20.0 * (2.0 * std::f64::consts::PI * i as f64 / 12.0).sin();
    let v: Vec<f64> = (0..96).map(|i| wave(i) + noise(i)).collect();
    assert_eq!(detect_season(&v), Some(12));
    let f = forecast(&chart(&v), &options(24, Seasonality::Automatic)).unwrap();
    assert_eq!(f.season, Some(12));
    for (h, p) in f.forward.iter().enumerate() {
        let truth = wave(96 + h);
        assert!((p.value - truth).abs() < 4.0, "{h}: {p:?} vs {truth}");
    }
    // A custom season is used as given.
    let f = forecast(&chart(&v), &options(3, Seasonality::Custom(24))).unwrap();
    assert_eq!(f.season, Some(24));
}

#[test]
fn noise_and_a_trend_have_no_season() {
    let v: Vec<f64> = (0..100).map(noise).collect();
    assert_eq!(detect_season(&v), None);
    let v: Vec<f64> = (0..100).map(|i| 3.0 * i as f64).collect();
    assert_eq!(detect_season(&v), None);
}

#[test]
fn periods_backward_are_one_step_forecasts_of_the_last_periods() {
    let v: Vec<f64> = (0..30).map(|i| 5.0 + noise(i)).collect();
    let f = forecast(
        &chart(&v),
        &ForecastOptions {
            periods_forward: 2,
            periods_backward: 5,
            prediction_interval: 80,
            seasonality: Seasonality::Automatic,
        },
    )
    .unwrap();
    assert_eq!(f.backward.len(), 5);
    assert_eq!(f.backward[0].time, T0 + 25 * 60_000);
    assert_eq!(f.forward[0].time, T0 + 30 * 60_000);
}

#[test]
fn forecast_options_out_of_range_are_refused_in_quicksight_s_words() {
    let c = chart(&[1.0, 2.0, 3.0, 4.0]);
    let cases = [
        (
            options(0, Seasonality::Automatic),
            "Value '0' at 'forecast.periodsForward' failed to satisfy constraint: Member must \
             have value between 1 and 1000",
        ),
        (
            ForecastOptions {
                periods_backward: 1001,
                ..options(1, Seasonality::Automatic)
            },
            "Value '1001' at 'forecast.periodsBackward'",
        ),
        (
            ForecastOptions {
                prediction_interval: 99,
                ..options(1, Seasonality::Automatic)
            },
            "Value '99' at 'forecast.predictionInterval' failed to satisfy constraint: Member \
             must have value between 50 and 95",
        ),
        (
            options(1, Seasonality::Custom(181)),
            "Value '181' at 'forecast.customSeasonalityValue'",
        ),
    ];
    for (o, words) in cases {
        let e = forecast(&c, &o).unwrap_err().to_string();
        assert!(e.contains(words), "{e}");
    }
    // A season longer than half the data is left out, and said.
    let f = forecast(&c, &options(1, Seasonality::Custom(3))).unwrap();
    assert_eq!(f.season, None);
    assert!(f.notes[0].starts_with("A season of 3 periods needs at least 6"));
}

// ---- Drawing -----------------------------------------------------------------------------------

#[test]
fn the_chart_marks_anomalies_and_the_forecast_band_with_words() {
    let mut v: Vec<f64> = (0..40).map(|i| 100.0 + 5.0 * noise(i)).collect();
    v[20] = 300.0;
    let c = chart(&v);
    let r = detect_anomalies(&c, &AnomalyOptions::default()).unwrap();
    let f = forecast(&c, &options(10, Seasonality::Automatic)).unwrap();
    let d = draw::line_chart_insights(&c, Some(&r), Some(&f), Size::new(640.0, 360.0));
    let anomalies: Vec<&Mark> = d
        .marks
        .iter()
        .filter(|m| matches!(m, Mark::Circle { class, .. } if class == "anomaly"))
        .collect();
    assert_eq!(anomalies.len(), r.anomalies.len());
    let Mark::Circle { tip, cx, .. } = anomalies[0] else {
        unreachable!()
    };
    assert!(tip.starts_with("At "), "{tip}");
    assert!(d
        .marks
        .iter()
        .any(|m| matches!(m, Mark::Path { class, closed: true, .. } if class == "forecast-band")));
    // Everything stays in the plot area, the forecast included.
    assert!(*cx >= d.plot.x && *cx <= d.plot.right());
    // The table has every period, the forecast's and an anomaly column.
    assert_eq!(d.table.rows.len(), 40 + 10);
    assert!(d.table.headers.iter().any(|h| h == "Anomaly"));
    assert!(d.table.headers.iter().any(|h| h.starts_with("Forecast")));
    assert!(d.summary.contains("anomal"), "{}", d.summary);
    let svg = draw::to_svg(&d);
    assert!(svg.contains("class=\"anomaly\""));
}

// ---- Properties --------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn forecasts_never_panic_and_the_band_holds_the_estimate(
        values in prop::collection::vec(
            prop_oneof![
                4 => (-1e6f64..1e6).prop_map(Some),
                1 => Just(None),
                1 => prop::num::f64::NORMAL.prop_map(Some),
            ],
            1..80,
        ),
        forward in 1u32..40,
        backward in 0u32..20,
        interval in 50u32..=95,
        season in prop_oneof![Just(Seasonality::Automatic), (1u32..=180).prop_map(Seasonality::Custom)],
    ) {
        let o = ForecastOptions {
            periods_forward: forward,
            periods_backward: backward,
            prediction_interval: interval,
            seasonality: season,
        };
        match forecast_values(&values, &o) {
            Ok(f) => {
                let rows = f.rows;
                prop_assert_eq!(rows.iter().filter(|r| r.0 >= values.len() as i64).count(), forward as usize);
                for (_, v, lo, hi) in rows {
                    prop_assert!(v.is_finite() && lo.is_finite() && hi.is_finite(), "{} {} {}", v, lo, hi);
                    prop_assert!(lo <= v && v <= hi, "{} {} {}", lo, v, hi);
                }
            }
            Err(e) => prop_assert!(matches!(e, VisualError::NoValues(_))),
        }
    }

    #[test]
    fn scores_are_finite_and_non_negative_for_any_finite_series(
        values in prop::collection::vec(prop::num::f64::NORMAL | prop::num::f64::ZERO, 0..120),
    ) {
        let s = insights::score_series(&values, 7);
        prop_assert_eq!(s.len(), values.len());
        prop_assert!(s.iter().all(|x| x.is_finite() && *x >= 0.0));
    }
}
