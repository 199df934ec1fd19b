//! How many records the generator makes: Constant, or Periodic (a Gaussian per hour of day ×
//! day of week, as KDG's Periodic tab).

use crate::engine::body::Body;
use crate::engine::{ApiError, SandboxRng, SimTime};
use chrono::{Datelike, Timelike};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The most records a sender makes in one simulated second.
pub const MAX_PER_SECOND: u64 = 10_000;
/// The most simulated seconds one Periodic tick may cover.
pub const MAX_SECONDS_PER_TICK: u64 = 3_600;

/// A rate mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Rate {
    /// The same number of records every second.
    Constant {
        per_second: u64,
    },
    Periodic(Periodic),
}

/// KDG's Periodic mode. Grids are indexed `[day][hour]`, day 0 being Sunday, in UTC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Periodic {
    pub mu: Vec<Vec<f64>>,
    pub sigma: Vec<Vec<f64>>,
    /// Interpolate μ and σ linearly toward the next hour's values.
    pub intra_hour_smoothing: bool,
    /// On: one tick per second at the sandbox's time. Off: data time runs from `start` to
    /// `end`, `seconds_per_tick` seconds of data per tick.
    pub lock_to_real_time: bool,
    pub start: Option<SimTime>,
    pub end: Option<SimTime>,
    pub seconds_per_tick: u64,
    /// Virtual milliseconds between ticks; ticks fall on whole seconds, at least one apart.
    pub wait_between_ticks_ms: u64,
}

/// A standard normal deviate by the Box–Muller transform.
pub fn gaussian(rng: &mut SandboxRng) -> f64 {
    let u1 = 1.0 - rng.unit_f64(); // (0, 1]
    let u2 = rng.unit_f64();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

impl Periodic {
    /// μ and σ in effect at `t`.
    pub fn mean_and_sd(&self, t: SimTime) -> (f64, f64) {
        let dt = t.to_datetime();
        let day = dt.weekday().num_days_from_sunday() as usize;
        let hour = dt.hour() as usize;
        let at = |grid: &Vec<Vec<f64>>, d: usize, h: usize| grid[d % 7][h % 24];
        let (mu, sigma) = (at(&self.mu, day, hour), at(&self.sigma, day, hour));
        if !self.intra_hour_smoothing {
            return (mu, sigma);
        }
        let (next_day, next_hour) = if hour == 23 {
            ((day + 1) % 7, 0)
        } else {
            (day, hour + 1)
        };
        let frac = (dt.minute() as f64 * 60.0 + dt.second() as f64) / 3600.0;
        let lerp = |a: f64, b: f64| a + (b - a) * frac;
        (
            lerp(mu, at(&self.mu, next_day, next_hour)),
            lerp(sigma, at(&self.sigma, next_day, next_hour)),
        )
    }

    /// Records for the second starting at `t`: a Gaussian draw, rounded, never below 0.
    pub fn draw(&self, t: SimTime, rng: &mut SandboxRng) -> u64 {
        let (mu, sigma) = self.mean_and_sd(t);
        let x = mu + sigma * gaussian(rng);
        x.round().clamp(0.0, (2 * MAX_PER_SECOND) as f64) as u64
    }

    /// Reads `"Periodic": {"Mu", "Sigma", "IntraHourSmoothing", "LockToRealTime",
    /// "StartTime", "EndTime", "SecondsOfDataPerTick", "WaitBetweenTicks"}`.
    pub fn from_json(body: Body) -> Result<Periodic, ApiError> {
        let mu = grid(body.0.get("Mu"), "Mu", 100.0)?;
        let sigma = grid(body.0.get("Sigma"), "Sigma", 0.0)?;
        let lock = body.boolean("LockToRealTime")?.unwrap_or(true);
        let start = time(body.0.get("StartTime"), "StartTime")?;
        let end = time(body.0.get("EndTime"), "EndTime")?;
        let seconds_per_tick = body.integer("SecondsOfDataPerTick")?.unwrap_or(1);
        let wait = body.integer("WaitBetweenTicks")?.unwrap_or(0);
        if !lock {
            match (start, end) {
                (Some(s), Some(e)) if s < e => {}
                (Some(_), Some(_)) => {
                    return Err(ApiError::invalid_argument(
                        "Periodic.StartTime must be before Periodic.EndTime.",
                    ))
                }
                _ => {
                    return Err(ApiError::invalid_argument(
                        "Periodic.StartTime and Periodic.EndTime are required when LockToRealTime is false.",
                    ))
                }
            }
        }
        if !(1..=MAX_SECONDS_PER_TICK as i64).contains(&seconds_per_tick) {
            return Err(ApiError::invalid_argument(format!(
                "Periodic.SecondsOfDataPerTick must be between 1 and {MAX_SECONDS_PER_TICK}."
            )));
        }
        if !(0..=3_600_000).contains(&wait) {
            return Err(ApiError::invalid_argument(
                "Periodic.WaitBetweenTicks must be between 0 and 3600000 milliseconds.",
            ));
        }
        Ok(Periodic {
            mu,
            sigma,
            intra_hour_smoothing: body.boolean("IntraHourSmoothing")?.unwrap_or(false),
            lock_to_real_time: lock,
            start,
            end,
            seconds_per_tick: seconds_per_tick as u64,
            wait_between_ticks_ms: wait as u64,
        })
    }
}

fn number(v: &Value, name: &str) -> Result<f64, ApiError> {
    match v.as_f64() {
        Some(f) if f.is_finite() && (0.0..=MAX_PER_SECOND as f64).contains(&f) => Ok(f),
        _ => Err(ApiError::invalid_argument(format!(
            "Periodic.{name} values must be numbers from 0 to {MAX_PER_SECOND}."
        ))),
    }
}

/// A number (every hour of every day), 24 numbers (every day alike) or 7 × 24.
fn grid(v: Option<&Value>, name: &str, default: f64) -> Result<Vec<Vec<f64>>, ApiError> {
    let shape_error = || {
        ApiError::invalid_argument(format!(
            "Periodic.{name} must be a number, a list of 24 hourly numbers, or 7 such lists (Sunday first)."
        ))
    };
    match v {
        None | Some(Value::Null) => Ok(vec![vec![default; 24]; 7]),
        Some(Value::Number(_)) => Ok(vec![vec![number(v.unwrap_or(&Value::Null), name)?; 24]; 7]),
        Some(Value::Array(rows)) if rows.len() == 24 => {
            let day = rows
                .iter()
                .map(|x| number(x, name))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(vec![day; 7])
        }
        Some(Value::Array(rows)) if rows.len() == 7 => rows
            .iter()
            .map(|row| match row {
                Value::Array(hours) if hours.len() == 24 => {
                    hours.iter().map(|x| number(x, name)).collect()
                }
                _ => Err(shape_error()),
            })
            .collect(),
        _ => Err(shape_error()),
    }
}

/// A time as epoch seconds (the JSON protocol's way) or an RFC 3339 string.
fn time(v: Option<&Value>, name: &str) -> Result<Option<SimTime>, ApiError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n
            .as_f64()
            .map(|s| SimTime::from_millis((s * 1000.0).round() as i64))),
        Some(Value::String(s)) => SimTime::from_rfc3339(s).map(Some).ok_or_else(|| {
            ApiError::invalid_argument(format!(
                "Periodic.{name} must be epoch seconds or an RFC 3339 time such as 2026-01-01T10:00:00Z."
            ))
        }),
        Some(_) => Err(ApiError::invalid_argument(format!(
            "Periodic.{name} must be epoch seconds or an RFC 3339 time."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn periodic(v: Value) -> Periodic {
        Periodic::from_json(Body::of(&v).unwrap()).unwrap()
    }

    fn stats(xs: &[f64]) -> (f64, f64) {
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        (mean, var.sqrt())
    }

    #[test]
    fn gaussian_is_standard_normal() {
        let mut rng = SandboxRng::seed_from_u64(3);
        let xs: Vec<f64> = (0..200_000).map(|_| gaussian(&mut rng)).collect();
        let (mean, sd) = stats(&xs);
        assert!(mean.abs() < 0.01, "mean {mean}");
        assert!((sd - 1.0).abs() < 0.01, "sd {sd}");
        let within_one = xs.iter().filter(|x| x.abs() < 1.0).count() as f64 / xs.len() as f64;
        assert!((within_one - 0.6827).abs() < 0.005, "{within_one}");
    }

    #[test]
    fn draws_follow_the_grid() {
        // Sunday 09:00 has mu 200 sigma 20; every other hour mu 50 sigma 5.
        let mut mu = vec![vec![50.0; 24]; 7];
        let mut sigma = vec![vec![5.0; 24]; 7];
        mu[0][9] = 200.0;
        sigma[0][9] = 20.0;
        let p = periodic(json!({"Mu": mu, "Sigma": sigma}));
        let sunday_nine = SimTime::from_rfc3339("2026-01-04T09:30:00Z").unwrap();
        let monday_nine = SimTime::from_rfc3339("2026-01-05T09:30:00Z").unwrap();
        let mut rng = SandboxRng::seed_from_u64(8);
        for (t, want_mu, want_sd) in [(sunday_nine, 200.0, 20.0), (monday_nine, 50.0, 5.0)] {
            let xs: Vec<f64> = (0..20_000).map(|_| p.draw(t, &mut rng) as f64).collect();
            let (mean, sd) = stats(&xs);
            assert!((mean - want_mu).abs() < want_mu * 0.01, "mean {mean}");
            assert!((sd - want_sd).abs() < want_sd * 0.05, "sd {sd}");
        }
    }

    #[test]
    fn smoothing_interpolates_toward_the_next_hour() {
        let mut hours = vec![0.0; 24];
        hours[10] = 100.0;
        hours[11] = 200.0;
        hours[23] = 40.0;
        let mut p = periodic(json!({"Mu": hours, "Sigma": 0, "IntraHourSmoothing": true}));
        let t = SimTime::from_rfc3339("2026-01-01T10:45:00Z").unwrap();
        assert_eq!(p.mean_and_sd(t), (175.0, 0.0));
        let late = SimTime::from_rfc3339("2026-01-01T23:30:00Z").unwrap();
        assert_eq!(p.mean_and_sd(late).0, 20.0);
        p.intra_hour_smoothing = false;
        assert_eq!(p.mean_and_sd(t).0, 100.0);
        let mut rng = SandboxRng::seed_from_u64(1);
        assert_eq!(p.draw(t, &mut rng), 100);
    }

    #[test]
    fn bad_periodic_settings_are_refused() {
        for bad in [
            json!({"Mu": [1, 2, 3]}),
            json!({"Mu": -1}),
            json!({"Sigma": "x"}),
            json!({"LockToRealTime": false}),
            json!({"LockToRealTime": false, "StartTime": 10, "EndTime": 5}),
            json!({"SecondsOfDataPerTick": 0}),
        ] {
            let e = Periodic::from_json(Body::of(&bad).unwrap()).unwrap_err();
            assert_eq!(e.error_type(), "InvalidArgumentException", "{bad}");
        }
    }
}
